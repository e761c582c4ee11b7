"""Application log: ``<data-dir>/logs/reportdesk.log`` (rotating: 2 MB x 5), never on the user's console.

Where: the data dir's ``logs/`` (DESIGN.md, "Data dir"). The data dir already is the user's per-profile
folder under platformdirs' user_data_dir, so a profile keeps everything (store, keys, received packages,
logs) in one place, a backup of the data dir carries its logs, and two profiles never mix their logs.
platformdirs' user_log_dir is used only when the data dir cannot hold a log (not writable).

What: only reportdesk's own loggers write here (SQLAlchemy's, which would print SQL parameters — report
content — never do). Level INFO, or $REPORTDESK_LOG_LEVEL (DEBUG for support). Never a passphrase, key
material or report content: callers log ids, counts and outcomes only, and as a second line of defence
the formatter blanks anything quoted («…», '…', "…") and any PEM block before it reaches the file.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
from pathlib import Path

LOG_FILE = "reportdesk.log"
_configured: dict[Path, Path] = {}
_current: Path | None = None

_PEM = re.compile(r"-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|\Z)", re.S)
_QUOTED = re.compile(r"«[^»\n]*»|'[^'\n]*'|\"[^\"\n]*\"|“[^”\n]*”")


def redact(text: str) -> str:
    """Blanks PEM blocks and quoted values (where user input and report answers show up in messages)."""
    text = _PEM.sub("[khóa/chứng thư đã ẩn]", text)
    return _QUOTED.sub(lambda m: m.group(0)[0] + "…" + m.group(0)[-1], text)


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_path() -> Path | None:
    """The file the log goes to (None before logging is set up)."""
    return _current


def _level() -> int:
    name = os.environ.get("REPORTDESK_LOG_LEVEL", "INFO").upper()
    return getattr(logging, name, logging.INFO) if isinstance(getattr(logging, name, None), int) else logging.INFO


def _fallback_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir("reportdesk", appauthor=False))


def setup_logging(data_dir: Path, *, create: bool = False) -> Path | None:
    """Logs to ``<data_dir>/logs/`` (made by set-up; by the desktop app when ``create``). Returns the log file, or None when there is nowhere to write (nothing is logged)."""
    global _current
    logs = Path(data_dir) / "logs"
    if logs in _configured:
        _current = _configured[logs]
        return _current
    if not logs.is_dir() and create:
        try:
            logs.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass
    if not logs.is_dir() or not os.access(logs, os.W_OK):
        if not create:
            return None
        logs = _fallback_dir()
        logs.mkdir(parents=True, exist_ok=True)
    path = logs / LOG_FILE
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=5, encoding="utf-8",
                                                   delay=True)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("reportdesk")
    for h in list(root.handlers):  # one data dir per process: the newest one wins
        if isinstance(h, logging.handlers.RotatingFileHandler):
            root.removeHandler(h)
            h.close()
    root.addHandler(handler)
    root.setLevel(_level())
    _configured.clear()
    _configured[Path(data_dir) / "logs"] = path
    _current = path
    return path
