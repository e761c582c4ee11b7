"""Atomic file writes (as Electrum's storage does): temp file in the same folder, fsync, os.replace,
fsync the folder. A failure at any point leaves the old file (or none), never half a file.

Standard library only: every layer, the domain included, may use it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable


def fsync_dir(folder: Path) -> None:
    try:
        dfd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dfd)
    except OSError:
        pass
    finally:
        os.close(dfd)


def _unlink_quietly(p: str | Path) -> None:
    try:
        os.unlink(p)
    except OSError:
        pass


def write_bytes(path: Path | str, data: bytes, mode: int = 0o644, *, durable: bool = True) -> None:
    """With ``durable=False`` the fsyncs are left to a caller who syncs a whole batch at once."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    if durable:
        fsync_dir(path.parent)


def write_text(path: Path | str, text: str, mode: int = 0o644) -> None:
    write_bytes(path, text.replace("\r\n", "\n").encode("utf-8"), mode)


def save_via(save: Callable[[Path], object], path: Path | str) -> None:
    """``save(tmp_path)`` writes the file (a library's own writer), then it is synced and moved into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        save(Path(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        _unlink_quietly(tmp)
        raise
    fsync_dir(path.parent)
