"""One report read with the standard library's sqlite3 alone, so that `report show` starts without
importing SQLAlchemy (issue 14: start-up). Read-only; it answers only when it can be sure: a SQLite
store of this data dir (not a PostgreSQL one), already at the head revision of the migrations. Otherwise
it returns None and the caller goes through the store as usual (which migrates, or says what is wrong)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

from reportdesk.domain.reports import ReportData
from reportdesk.store.revisions import declared_head

STORE_FILE = "store.sqlite"  # the data dir contract (store/db.py uses the same name)


def _when(v) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(v) if isinstance(v, str) else None
    except ValueError:
        return None


def read_report(data_dir: Path | str, report_id: int) -> ReportData | None:
    d = Path(data_dir)
    path = d / STORE_FILE
    if (d / "settings.json").exists() or not path.is_file():
        return None  # a store named in the settings (PostgreSQL), or none: the usual way says so
    head = declared_head()
    if head is None:
        return None
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True, timeout=10)
    except sqlite3.Error:
        return None
    try:
        con.execute("BEGIN")  # one consistent snapshot (WAL: a writer meanwhile does not change it)
        if con.execute("SELECT version_num FROM alembic_version").fetchall() != [(head,)]:
            return None
        row = con.execute("SELECT id, unit_code, form_id, form_version, period, status, revision, origin, "
                          "created_at, updated_at FROM reports WHERE id = ?", (int(report_id),)).fetchone()
        if row is None:
            return None
        answers = {f: json.loads(v) for f, v in con.execute(
            "SELECT field_id, value_json FROM answers WHERE report_id = ?", (int(report_id),))}
        explanations = dict(con.execute(
            "SELECT key, text FROM explanations WHERE report_id = ? ORDER BY key", (int(report_id),)))
        con.execute("COMMIT")
    except (sqlite3.Error, ValueError):
        return None
    finally:
        con.close()
    return ReportData(id=row[0], unit_code=row[1], form_id=row[2], form_version=row[3], period=row[4],
                      status=row[5], revision=row[6], origin=row[7], created_at=_when(row[8]),
                      updated_at=_when(row[9]), answers=answers, explanations=explanations)
