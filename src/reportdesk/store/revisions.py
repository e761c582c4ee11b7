"""The head revision of the store's migrations, read from the files' text: neither Alembic nor SQLAlchemy
is imported (a store already at the head opens fast; `report show` reads it with sqlite3 alone)."""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

_MIGRATIONS = Path(__file__).resolve().parent / "migrations"

_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@functools.lru_cache(maxsize=None)
def declared_head() -> str | None:
    """The head revision read from the migration files' text, without importing Alembic (a store that
    is up to date then opens without it: start-up stays fast). None when it cannot be told for sure."""
    revisions: set[str] = set()
    downs: set[str] = set()
    for p in sorted((_MIGRATIONS / "versions").glob("*.py")):
        found = dict(m.groups() for m in _REVISION_LINE.finditer(p.read_text(encoding="utf-8")))
        try:
            rev = ast.literal_eval(found["revision"])
            down = ast.literal_eval(found.get("down_revision", "None"))
        except (KeyError, ValueError, SyntaxError):
            return None
        if not isinstance(rev, str):
            return None
        revisions.add(rev)
        if isinstance(down, str):
            downs.add(down)
        elif isinstance(down, (tuple, list)) and all(isinstance(d, str) for d in down):
            downs.update(down)
        elif down is not None:
            return None
    heads = revisions - downs
    return heads.pop() if len(heads) == 1 else None
