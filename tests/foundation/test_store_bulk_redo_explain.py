"""The store operations the form editor needs: a bulk change of a table as one undo step, redo, and
explanations ("giải trình") of warnings kept with the report — on a real SQLite file, real forms."""

from __future__ import annotations

import json
import sqlite3

import pytest
from alembic import command

from reportdesk.app import AppContext
from reportdesk.domain.explain import unexplained, warning_key
from reportdesk.domain.validate import check_answers
from reportdesk.errors import UserError
from reportdesk.store import db as storedb
from reportdesk.store.db import Store
from reportdesk.store.reports import AnswersRejected


@pytest.fixture
def ctx(tmp_path):
    c = AppContext(tmp_path / "data")
    c.store(create=True)
    yield c
    c.close()


def _row(i: int, **kw):
    r = {"ten": f"Cụm công nghiệp số {i}", "dia_ban": "Xã Hòa Bình", "dien_tich": 40.5, "htxlnt": "co",
         "cong_suat": 1000, "luu_luong": 800, "van_hanh": "on_dinh", "quan_trac": "co", "giay_phep": "co"}
    r.update(kw)
    return r


def _sct(ctx) -> int:
    return ctx.reports.create("SCT-01", ctx.form("bc-sct"), "2026").id


def test_set_rows_is_one_history_entry_and_one_undo_step(ctx):
    rid = _sct(ctx)
    repo = ctx.reports
    repo.add_row(rid, "ccn", _row(0))
    before = repo.get(rid).answers["ccn"]
    n_hist = len(repo.history(rid))
    rows = before + [_row(i) for i in range(1, 61)]
    repo.set_rows(rid, "ccn", rows)
    assert len(repo.get(rid).answers["ccn"]) == 61
    assert len(repo.history(rid)) == n_hist + 1
    assert repo.undo(rid).op == "rows"
    assert repo.get(rid).answers["ccn"] == before  # the whole block gone in one step
    assert repo.redo(rid).op == "rows"
    assert len(repo.get(rid).answers["ccn"]) == 61


def test_set_rows_with_one_bad_value_changes_nothing(ctx):
    rid = _sct(ctx)
    repo = ctx.reports
    repo.add_row(rid, "ccn", _row(0))
    before = repo.get(rid)
    rows = [_row(i) for i in range(60)]
    rows[37]["dien_tich"] = "nhiều"
    with pytest.raises(AnswersRejected):
        repo.set_rows(rid, "ccn", rows)
    after = repo.get(rid)
    assert after.answers == before.answers
    assert len(repo.history(rid)) == 2  # create + add_row only


def test_set_rows_keeps_the_plans_prefilled_rows_and_readonly_cells(ctx):
    form = ctx.form("bc-cucvu")
    rid = ctx.reports.create("CUC-CN", form, "2026").id
    rows = ctx.reports.get(rid).answers["nhiem_vu"]
    assert rows and all("_key" in r for r in rows)
    changed = [dict(r) for r in rows]
    changed[0]["noi_dung"] = "Nội dung khác"
    with pytest.raises(UserError, match="do Kế hoạch giao"):
        ctx.reports.set_rows(rid, "nhiem_vu", changed)
    with pytest.raises(UserError, match="Không được xóa"):
        ctx.reports.set_rows(rid, "nhiem_vu", rows[1:])
    # the unit's own cells of a planned row, and moving rows, are allowed
    moved = [dict(r) for r in reversed(rows)]
    moved[0]["trang_thai"] = "hoan_thanh"
    ctx.reports.set_rows(rid, "nhiem_vu", moved)
    got = ctx.reports.get(rid).answers["nhiem_vu"]
    assert got[0]["_key"] == rows[-1]["_key"] and got[0]["trang_thai"] == "hoan_thanh"


def test_redo_follows_undo_in_order_and_a_fresh_edit_ends_it(ctx):
    rid = _sct(ctx)
    repo = ctx.reports
    repo.set_field(rid, "tong_so_ccn", 5)
    repo.set_field(rid, "tong_so_ccn", 6)
    repo.add_row(rid, "ccn", _row(0))
    repo.set_cell(rid, "ccn", 0, "dien_tich", 12.5)
    assert repo.redo(rid) is None and not repo.can_redo(rid)
    for _ in range(3):
        repo.undo(rid)
    a = repo.get(rid).answers
    assert a["tong_so_ccn"] == 5 and "ccn" not in a
    assert repo.can_redo(rid)
    repo.redo(rid)
    assert repo.get(rid).answers["tong_so_ccn"] == 6
    repo.redo(rid)
    assert repo.get(rid).answers["ccn"][0]["dien_tich"] == 40.5
    repo.redo(rid)
    assert repo.get(rid).answers["ccn"][0]["dien_tich"] == 12.5
    assert repo.redo(rid) is None
    # a redone edit is undone like any other
    repo.undo(rid)
    assert repo.get(rid).answers["ccn"][0]["dien_tich"] == 40.5
    # a fresh edit after an undo ends what can be redone
    repo.set_field(rid, "so_ccn_hoat_dong", 1)
    assert repo.redo(rid) is None
    assert repo.get(rid).answers["ccn"][0]["dien_tich"] == 40.5


def test_redo_survives_reopening_the_store(ctx, tmp_path):
    rid = _sct(ctx)
    ctx.reports.set_field(rid, "tong_so_ccn", 7)
    ctx.reports.undo(rid)
    ctx.close()
    again = AppContext(tmp_path / "data")
    try:
        assert again.reports.redo(rid) is not None
        assert again.reports.get(rid).answers["tong_so_ccn"] == 7
    finally:
        again.close()


def test_explanation_is_kept_with_the_report_and_in_its_json(ctx):
    rid = _sct(ctx)
    repo = ctx.reports
    repo.set_rows(rid, "ccn", [_row(0, luu_luong=1500)])  # flow above capacity: a warning
    form = ctx.form("bc-sct")
    warns = [i for i in check_answers(form, repo.get(rid).answers, "SCT-01") if i.rule == "luu-luong-vuot-cong-suat"]
    assert len(warns) == 1
    key = warning_key(warns[0])
    assert key == "luu-luong-vuot-cong-suat@ccn/ccn/1/luu_luong"
    repo.set_explanation(rid, key, "  Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom.  ")
    data = repo.get(rid)
    assert data.explanations == {key: "Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom."}
    assert json.loads(json.dumps(data.to_json()))["explanations"][key].startswith("Mùa mưa")
    assert unexplained(warns, data.explanations) == []
    assert any(h.op == "explain" for h in repo.history(rid))
    repo.set_explanation(rid, key, "")
    assert repo.get(rid).explanations == {}
    assert unexplained(warns, {}) == warns


def test_explanations_table_comes_with_an_upgrade_from_0003(tmp_path):
    Store.open(tmp_path).dispose()
    cfg = storedb._alembic_config()
    store = Store.open(tmp_path)
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_consolidation")
    store.dispose()
    con = sqlite3.connect(tmp_path / "store.sqlite")
    assert "explanations" not in {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()
    Store.open(tmp_path).dispose()  # migrated at start-up
    con = sqlite3.connect(tmp_path / "store.sqlite")
    assert con.execute("select version_num from alembic_version").fetchone()[0] == storedb.head_revision()  # up to the head, through 0004
    assert "explanations" in {r[0] for r in con.execute("select name from sqlite_master where type='table'")}
    con.close()


def test_an_imported_report_cannot_be_explained(ctx):
    form = ctx.form("bc-sct")
    r = ctx.reports.create("SCT-01", form, "2026", origin="imported", status="received", revision=1)
    with pytest.raises(UserError):
        ctx.reports.set_explanation(r.id, "x@y", "z")
    assert ctx.reports.get(r.id).explanations == {}



def test_a_deleted_row_and_a_whole_fill_go_back_and_forth_with_undo_and_redo(ctx):
    rid = _sct(ctx)
    repo = ctx.reports
    rows = [_row(i) for i in range(3)]
    repo.set_rows(rid, "ccn", rows)
    repo.delete_row(rid, "ccn", 1)
    assert [r["ten"] for r in repo.get(rid).answers["ccn"]] == [rows[0]["ten"], rows[2]["ten"]]
    repo.undo(rid)
    assert repo.get(rid).answers["ccn"] == rows  # the row back in its place
    repo.redo(rid)
    assert [r["ten"] for r in repo.get(rid).answers["ccn"]] == [rows[0]["ten"], rows[2]["ten"]]
    before = repo.get(rid).answers
    repo.replace_answers(rid, {"tong_so_ccn": 9})
    assert repo.get(rid).answers == {"tong_so_ccn": 9}
    repo.undo(rid)
    assert repo.get(rid).answers == before
    repo.redo(rid)
    assert repo.get(rid).answers == {"tong_so_ccn": 9}
