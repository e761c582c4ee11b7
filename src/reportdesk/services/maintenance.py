"""Backup and restore of a whole data dir."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk.services import Progress, check_cancel

if TYPE_CHECKING:
    from reportdesk.app import AppContext
    from reportdesk.store.backup import BackupResult


def _stepper(progress: Progress | None, cancel: threading.Event | None) -> Progress:
    """A progress callback that also stops the work (raising Cancelled) once ``cancel`` is set."""
    def step(done: int, total: int, label: str) -> None:
        check_cancel(cancel)
        if progress is not None:
            progress(done, total, label)
    return step


def backup_details(ctx: AppContext, out: Path | str, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> BackupResult:
    """A consistent copy of the data dir in one ZIP (works while the app runs): path, files and bytes.

    Cancelled, it leaves no file at ``out`` (the ZIP is built aside and moved into place at the end)."""
    from reportdesk.store.backup import backup as _backup

    check_cancel(cancel)
    engine = ctx.store().engine if ctx.store_url is not None else None
    return _backup(ctx.data_dir, Path(out), _stepper(progress, cancel), store_engine=engine)


def backup(ctx: AppContext, out: Path | str, progress: Progress | None = None,
           cancel: threading.Event | None = None) -> Path:
    """Backs the data dir up into ``out`` (a .zip); returns its path."""
    return backup_details(ctx, out, progress, cancel).path


def restore(ctx: AppContext, file: Path | str, progress: Progress | None = None,
            cancel: threading.Event | None = None) -> Path | None:
    """Restores a backup into the data dir after checking every hash; returns where the data that was
    there has been moved (None when there was none). Nothing is deleted; cancelled, nothing changes."""
    from reportdesk.store.backup import restore as _restore

    check_cancel(cancel)
    ctx.close()  # the store is replaced underneath: let go of it first
    try:
        return _restore(ctx.data_dir, Path(file), _stepper(progress, cancel),
                        open_store=lambda url: ctx.open_url(url).engine)
    finally:
        ctx.close()
