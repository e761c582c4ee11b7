"""Moving a store's rows between engines: the whole copy of a SQLite store into an empty PostgreSQL
database (``store migrate``), and a consistent snapshot of a PostgreSQL store as a portable dump file
(``backup``/``restore``), taken in one REPEATABLE READ transaction while other officers keep working.

Every table of the schema is copied in the order its foreign keys need, then compared row for row; the
serial counters of the target follow the copied ids.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from pathlib import Path
from typing import IO, Iterator

from sqlalchemy import Connection, Engine, LargeBinary, DateTime, Table, inspect, select, text

from reportdesk.errors import UserError
from reportdesk.store import consolidation as _consolidation  # noqa: F401 - its tables are part of the schema
from reportdesk.store import wayback as _wayback  # noqa: F401 - so are these (receipts, decisions, inbox)
from reportdesk.store.models import Base

DUMP_FORMAT = "reportdesk-store-dump/1"
CHUNK = 2000


def tables() -> list[Table]:
    return list(Base.metadata.sorted_tables)


def database_kind(engine: Engine) -> str:
    """"empty" (no table), "reportdesk" (a reportdesk store: version table and meta), or "other"."""
    names = set(inspect(engine).get_table_names())
    if not names:
        return "empty"
    if {"alembic_version", "meta"} <= names:
        return "reportdesk"
    return "other"


def _order(t: Table):
    return [c for c in t.primary_key.columns]


def _rows(conn: Connection, t: Table) -> Iterator[tuple]:
    res = conn.execution_options(stream_results=True, yield_per=CHUNK).execute(select(t).order_by(*_order(t)))
    for row in res:
        yield tuple(row)


def _reset_sequences(conn: Connection) -> None:
    """PostgreSQL: each serial counter continues after the largest id copied in."""
    if conn.dialect.name != "postgresql":
        return
    for t in tables():
        pk = list(t.primary_key.columns)
        if len(pk) != 1 or pk[0].autoincrement not in (True, "auto"):
            continue
        c = pk[0]
        seq = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"), {"t": t.name, "c": c.name}).scalar()
        if seq:
            conn.execute(text(f'SELECT setval(:s, COALESCE((SELECT max("{c.name}") FROM "{t.name}"), 0) + 1, false)'),
                         {"s": seq})


def _insert_rows(conn: Connection, t: Table, rows: Iterator[tuple]) -> int:
    cols = [c.name for c in t.columns]
    n = 0
    chunk: list[dict] = []
    for row in rows:
        chunk.append(dict(zip(cols, row)))
        if len(chunk) >= CHUNK:
            conn.execute(t.insert(), chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        conn.execute(t.insert(), chunk)
        n += len(chunk)
    return n


def _norm(v):
    if isinstance(v, memoryview):
        return bytes(v)
    return v


def compare(a: Connection, b: Connection) -> list[str]:
    """The tables whose rows differ between two stores (empty: the same rows, row for row)."""
    bad = []
    for t in tables():
        ra, rb = _rows(a, t), _rows(b, t)
        sentinel = object()
        while True:
            x, y = next(ra, sentinel), next(rb, sentinel)
            if x is sentinel and y is sentinel:
                break
            if x is sentinel or y is sentinel or tuple(map(_norm, x)) != tuple(map(_norm, y)):
                bad.append(t.name)
                break
    return bad


def copy_store(src: Engine, dst: Engine) -> dict[str, int]:
    """Copies every row of ``src`` into ``dst`` (same schema revision, no rows yet) in one transaction
    on each side, checks the copy row for row before committing it; returns the rows per table.
    On any failure nothing is kept in ``dst``."""
    counts: dict[str, int] = {}
    with src.connect() as a, dst.connect() as b:
        with a.begin(), b.begin():
            for t in tables():
                if b.execute(select(t).limit(1)).first() is not None:
                    raise UserError(f"Cơ sở dữ liệu đích đã có dữ liệu (bảng {t.name}); chỉ chuyển vào một cơ sở dữ liệu trống.")
            for t in tables():
                counts[t.name] = _insert_rows(b, t, _rows(a, t))
            _reset_sequences(b)
            bad = compare(a, b)
            if bad:
                raise UserError(f"Bản sao không khớp với kho gốc (bảng {', '.join(bad)}); không chuyển gì.")
    return counts


# --- snapshot dump (backup of a PostgreSQL store) ----------------------------------------------------
def _enc(v):
    if isinstance(v, (bytes, memoryview)):
        return {"b64": base64.b64encode(bytes(v)).decode("ascii")}
    if isinstance(v, dt.datetime):
        return {"dt": v.isoformat()}
    return v


def _dec(v, col):
    if v is None:
        return None
    if isinstance(col.type, LargeBinary):
        return base64.b64decode(v["b64"])
    if isinstance(col.type, DateTime):
        return dt.datetime.fromisoformat(v["dt"])
    return v


def dump(engine: Engine, out: IO[str]) -> dict[str, int]:
    """Writes every row as JSON lines, from one consistent snapshot (REPEATABLE READ, read only)."""
    counts: dict[str, int] = {}
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn = conn.execution_options(isolation_level="REPEATABLE READ", postgresql_readonly=True)
        with conn.begin():
            rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            out.write(json.dumps({"format": DUMP_FORMAT, "revision": rev}) + "\n")
            for t in tables():
                out.write(json.dumps({"table": t.name, "columns": [c.name for c in t.columns]}) + "\n")
                n = 0
                for row in _rows(conn, t):
                    out.write(json.dumps([_enc(v) for v in row], ensure_ascii=False) + "\n")
                    n += 1
                counts[t.name] = n
    return counts


def read_dump_header(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        try:
            head = json.loads(f.readline())
        except ValueError:
            head = None
    if not isinstance(head, dict) or head.get("format") != DUMP_FORMAT:
        raise UserError(f"{path.name}: không phải bản kết xuất kho dữ liệu reportdesk.")
    return head


def load(engine: Engine, path: Path) -> dict[str, int]:
    """Replaces every row of the store by those of a dump, in one transaction (all or nothing)."""
    head = read_dump_header(path)
    by_name = {t.name: t for t in tables()}
    counts: dict[str, int] = {}
    with engine.begin() as conn:
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if rev != head.get("revision"):
            raise UserError(f"Bản sao lưu có lược đồ {head.get('revision')}, kho dữ liệu có lược đồ {rev}; không khôi phục được.")
        if conn.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables())))
        else:
            for t in reversed(tables()):
                conn.execute(t.delete())
        with open(path, encoding="utf-8") as f:
            f.readline()
            t = None
            cols: list = []
            chunk: list[dict] = []

            def flush():
                if chunk:
                    conn.execute(t.insert(), chunk)
                    counts[t.name] = counts.get(t.name, 0) + len(chunk)
                    chunk.clear()

            for line in f:
                item = json.loads(line)
                if isinstance(item, dict):
                    if t is not None:
                        flush()
                    t = by_name.get(item.get("table"))
                    if t is None or item.get("columns") != [c.name for c in t.columns]:
                        raise UserError(f"{path.name}: bảng {item.get('table')!r} không khớp lược đồ; không khôi phục.")
                    cols = list(t.columns)
                    counts.setdefault(t.name, 0)
                    continue
                if t is None or not isinstance(item, list) or len(item) != len(cols):
                    raise UserError(f"{path.name}: bản kết xuất bị hỏng; không khôi phục.")
                chunk.append({c.name: _dec(v, c) for c, v in zip(cols, item)})
                if len(chunk) >= CHUNK:
                    flush()
            if t is not None:
                flush()
        _reset_sequences(conn)
    return counts
