"""Upgrading a store made by the FIRST schema (0001_initial, committed fixture) to head: a copy is put
aside first, and every report, answer, revision and history entry comes through intact."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from reportdesk.app import AppContext
from reportdesk.store import db as storedb
from reportdesk.store.db import Store

FIXTURE = Path(__file__).parent / "fixtures" / "first_schema_store.sqlite"


def _rows(path: Path) -> dict[str, list[tuple]]:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"select * from {t} order by 1, 2").fetchall()
                for t in ("meta", "reports", "answers", "history")}
    finally:
        con.close()


def _backups(data_dir: Path) -> list[Path]:
    return sorted(data_dir.glob("store.sqlite.before-*"))


def _stage(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    shutil.copyfile(FIXTURE, data / "store.sqlite")
    return data


def test_the_fixture_really_is_the_first_schema():
    con = sqlite3.connect(FIXTURE)
    assert con.execute("select version_num from alembic_version").fetchall() == [("0001_initial",)]
    tables = {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    assert "signers" not in tables and "explanations" not in tables
    forms = {r[0] for r in con.execute("select distinct form_id from reports")}
    assert forms == {"bc-sct", "bc-tct", "bc-cucvu"}
    con.close()


def test_first_schema_store_upgrades_to_head_with_every_report_and_revision_intact(tmp_path):
    data = _stage(tmp_path)
    before = _rows(data / "store.sqlite")
    assert len(before["reports"]) == 4 and len(before["history"]) >= 10

    store = Store.open(data)
    try:
        assert storedb.Store._current_revision(store) == storedb.head_revision()
        assert store.integrity_check() == "ok"
    finally:
        store.dispose()

    # the copy put aside before the migration is the old store, whole
    (backup,) = _backups(data)
    assert backup.name.startswith(f"store.sqlite.before-{storedb.head_revision()}-")
    assert _rows(backup) == before
    con = sqlite3.connect(backup)
    assert con.execute("select version_num from alembic_version").fetchall() == [("0001_initial",)]
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    con.close()

    # every old row is still there, unchanged
    after = _rows(data / "store.sqlite")
    assert after == before

    # and the application reads them as before: answers, statuses, revisions, history, undo
    ctx = AppContext(data, interactive=False)
    try:
        reports = {(r.form_id, r.revision, r.status): r for r in ctx.reports.list()}
        assert set(reports) == {("bc-sct", 0, "draft"), ("bc-tct", 0, "complete"), ("bc-cucvu", 1, "sent"),
                                ("bc-cucvu", 0, "draft")}
        stored = {(rid, fid): json.loads(v) for rid, fid, v in before["answers"]}
        for r in reports.values():
            got = ctx.reports.get(r.id).answers
            assert got and got == {fid: v for (rid, fid), v in stored.items() if rid == r.id}
        sct_id = reports[("bc-sct", 0, "draft")].id
        sct = ctx.reports.get(sct_id)
        assert sct.answers["ccn_so_cuoc_kiem_tra"] == 7  # 9 was undone
        assert sct.answers["ccn"][0]["ghi_chu"].endswith("ghi chú từ lược đồ đầu tiên")
        assert sct.answers["ccn"][-1]["ten"] == "Cụm công nghiệp Lược Đồ Một"
        draft = ctx.reports.get(reports[("bc-cucvu", 0, "draft")].id)
        assert draft.answers["danh_gia_chung"] == "Bản sửa sau khi gửi lần 1 — lược đồ đầu tiên"
        ops = [h.op for h in ctx.reports.history(sct_id)]
        assert ops == ["create", "fill", "set", "set", "undo", "cell", "add_row"]
        # the old history still drives undo after the upgrade
        ctx.reports.undo(sct_id)
        assert len(ctx.reports.get(sct_id).answers["ccn"]) == len(sct.answers["ccn"]) - 1
        # the tables the later schemas added work beside the old data (signers, explanations)
        ctx.reports.set_explanation(sct_id, "ccn_so_cuoc_kiem_tra", "Giải trình thêm sau nâng cấp")
        assert ctx.reports.explanations(sct_id) == {"ccn_so_cuoc_kiem_tra": "Giải trình thêm sau nâng cấp"}
    finally:
        ctx.close()

    # opening again migrates nothing and copies nothing more
    Store.open(data).dispose()
    assert len(_backups(data)) == 1


def test_no_copy_when_no_migration_runs(tmp_path):
    Store.open(tmp_path).dispose()  # a new store: nothing to put aside
    Store.open(tmp_path).dispose()  # up to date: nothing to put aside
    assert _backups(tmp_path) == []
