"""The store on a real SQLite file: pragmas, migrations, editing one cell at a time, undo."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from reportdesk.domain.forms import check_form_file
from reportdesk.errors import UserError
from reportdesk.store import db as storedb
from reportdesk.store.db import Store
from reportdesk.store.reports import AnswersRejected, ReportRepo

FIXTURE = Path(__file__).parent / "fixtures" / "thu-nghiem.v1.yaml"
FORM, _ = check_form_file(FIXTURE)


@pytest.fixture
def repo(tmp_path):
    store = Store.open(tmp_path)
    yield ReportRepo(store, lambda fid, v: FORM if (fid, v) == (FORM.id, FORM.version) else None)
    store.dispose()


def test_sqlite_file_uses_wal_foreign_keys_and_full_sync(tmp_path):
    store = Store.open(tmp_path)
    with store.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert c.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    assert (tmp_path / "store.sqlite").exists()
    assert store.integrity_check() == "ok"


def test_migrations_run_to_a_single_head(tmp_path):
    Store.open(tmp_path).dispose()
    con = sqlite3.connect(tmp_path / "store.sqlite")
    (rev,) = con.execute("select version_num from alembic_version").fetchone()
    assert rev == storedb.head_revision()


def test_a_store_saved_by_the_first_schema_upgrades_without_losing_data(tmp_path):
    """A store written at the first migration (as version 0.1 shipped it) is upgraded at start-up."""
    engine = storedb.make_engine(f"sqlite:///{tmp_path / 'store.sqlite'}")
    cfg = storedb._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
    with engine.begin() as conn:
        conn.exec_driver_sql("insert into meta(key, value) values ('mode', 'unit'), ('unit_code', 'SCT-01')")
        conn.exec_driver_sql(
            "insert into reports(id, unit_code, form_id, form_version, period, status, revision, origin, created_at, updated_at) "
            "values (1, 'SCT-01', 'thu-nghiem', 1, '2026', 'draft', 0, 'local', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")
        conn.exec_driver_sql("insert into answers(report_id, field_id, value_json) values (1, 'officer', '\"Nguyễn Văn An\"')")
    engine.dispose()
    store = Store.open(tmp_path)
    repo = ReportRepo(store, lambda fid, v: FORM)
    r = repo.get(1)
    assert r.answers == {"officer": "Nguyễn Văn An"}
    assert store.get_meta("unit_code") == "SCT-01"
    assert store.integrity_check() == "ok"


def test_edit_cells_and_undo_them_in_order(repo):
    r = repo.create("SCT-01", FORM, "2026")
    repo.set_field(r.id, "officer", "Trần Thị Bình")
    repo.add_row(r.id, "clusters", {"name": "CCN Phú Nghĩa"})
    repo.set_cell(r.id, "clusters", 0, "capacity", 2000)
    repo.set_cell(r.id, "clusters", 0, "wwtp", "co")
    assert repo.get(r.id).answers["clusters"] == [{"name": "CCN Phú Nghĩa", "capacity": 2000, "wwtp": "co"}]
    repo.undo(r.id)
    assert repo.get(r.id).answers["clusters"] == [{"name": "CCN Phú Nghĩa", "capacity": 2000}]
    repo.undo(r.id)
    repo.undo(r.id)
    assert "clusters" not in repo.get(r.id).answers
    repo.undo(r.id)
    assert "officer" not in repo.get(r.id).answers
    assert repo.undo(r.id) is None
    ops = [h.op for h in repo.history(r.id)]
    assert ops.count("undo") == 4 and ops[0] == "create"


def test_a_bad_cell_value_changes_nothing(repo):
    r = repo.create("SCT-01", FORM, "2026")
    repo.add_row(r.id, "clusters", {"name": "CCN A", "capacity": 10})
    before = repo.get(r.id).answers
    with pytest.raises(AnswersRejected) as exc:
        repo.set_cell(r.id, "clusters", 0, "capacity", "mười")
    assert "Công suất thiết kế" in exc.value.details[0]
    with pytest.raises(UserError):
        repo.set_cell(r.id, "clusters", 5, "capacity", 1)
    assert repo.get(r.id).answers == before


def test_replace_answers_is_refused_as_a_whole(repo):
    r = repo.create("SCT-01", FORM, "2026")
    repo.replace_answers(r.id, {"officer": "A", "events": 2})
    with pytest.raises(AnswersRejected):
        repo.replace_answers(r.id, {"officer": "B", "events": "hai"})
    assert repo.get(r.id).answers == {"officer": "A", "events": 2}
    repo.undo(r.id)
    assert repo.get(r.id).answers == {}


def test_editing_a_500_row_table_one_cell_at_a_time(repo):
    r = repo.create("SCT-01", FORM, "2026")
    rows = [{"name": f"CCN số {i}", "wwtp": "co", "capacity": i} for i in range(500)]
    repo.replace_answers(r.id, {"clusters": rows})
    for i in range(0, 500, 50):
        repo.set_cell(r.id, "clusters", i, "flow", i + 0.5)
    got = repo.get(r.id).answers["clusters"]
    assert got[450]["flow"] == 450.5 and len(got) == 500
    # each cell edit is logged as one small entry, not a copy of the table
    last = repo.history(r.id)[-1]
    assert last.op == "cell" and len(last.new_json) < 20
