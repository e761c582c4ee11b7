"""Application log: <data-dir>/logs/reportdesk.log (rotating), never on the user's console."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_configured: set[Path] = set()


def setup_logging(data_dir: Path) -> None:
    logs = Path(data_dir) / "logs"
    if logs in _configured or not logs.is_dir():
        return
    handler = logging.handlers.RotatingFileHandler(logs / "reportdesk.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("reportdesk")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _configured.add(logs)
