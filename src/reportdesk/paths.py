"""Where things live: the data dir, the shipped resources and form definitions."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "reportdesk"


def _roots() -> list[Path]:
    roots = []
    frozen = getattr(sys, "_MEIPASS", None)  # PyInstaller bundle
    if frozen:
        roots.append(Path(frozen))
    here = Path(__file__).resolve().parent
    roots.append(here.parent.parent)  # source checkout / editable install: <repo>/src/reportdesk
    roots.append(here / "_data")  # wheel install (data copied at build time)
    return roots


def resources_dir() -> Path:
    env = os.environ.get("REPORTDESK_RESOURCES_DIR")
    if env:
        return Path(env)
    for r in _roots():
        if (r / "resources").is_dir():
            return r / "resources"
    return _roots()[0] / "resources"


def shipped_forms_dir() -> Path:
    env = os.environ.get("REPORTDESK_FORMS_DIR")
    if env:
        return Path(env)
    for r in _roots():
        if (r / "forms").is_dir():
            return r / "forms"
    return _roots()[0] / "forms"


def default_data_dir() -> Path:
    env = os.environ.get("REPORTDESK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def forms_dirs(data_dir: Path | None) -> list[Path]:
    """Form definitions: those installed into the data dir first (newer versions received later), then shipped."""
    dirs = []
    if data_dir is not None:
        dirs.append(Path(data_dir) / "forms")
    dirs.append(shipped_forms_dir())
    return dirs
