"""Backup and restore of a whole data dir.

``backup`` takes a consistent copy of the SQLite store while the app may be running (SQLite's online
backup API), plus the identity (the key stays encrypted), received packages, installed forms and the
units/calendar additions, into one ZIP with a manifest of hashes. ``restore`` checks every hash first,
then swaps the data in; the data that was there is moved aside, never deleted.

A data dir whose store is on PostgreSQL (``settings.json`` names it) is backed up with a dump of every
row taken from one consistent snapshot (REPEATABLE READ: other officers keep working meanwhile), as
``store.pgdump.jsonl`` in the ZIP; restoring it replaces the rows of that database in one transaction,
after dumping the rows it held beside the data dir that is moved aside.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable

from reportdesk import __version__
from reportdesk.errors import UserError

BACKUP_FORMAT = "reportdesk-backup/1"
INCLUDED = ("identity", "received", "forms", "units.yaml", "calendar.yaml", "settings.json")
PG_DUMP = "store.pgdump.jsonl"
MAX_ENTRIES = 200_000

Progress = Callable[[int, int, str], None]

if TYPE_CHECKING:
    from sqlalchemy import Engine


@dataclass
class BackupResult:
    path: Path
    files: int
    bytes: int


def _sha256_file(p: Path) -> str:
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def backup(data_dir: Path, out: Path, progress: Progress | None = None, *,
           store_engine: Engine | None = None) -> BackupResult:
    """``store_engine``: the PostgreSQL store of the data dir, when its settings name one."""
    data_dir = Path(data_dir)
    db = data_dir / "store.sqlite"
    if store_engine is None and not db.exists():
        raise UserError(f"Không có kho dữ liệu tại {data_dir} để sao lưu.")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, str]] = []
    for name in INCLUDED:
        p = data_dir / name
        if p.is_file():
            files.append((p, name))
        elif p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not f.is_symlink():
                    files.append((f, f.relative_to(data_dir).as_posix()))
    with tempfile.TemporaryDirectory(dir=out.parent) as tmp:
        if store_engine is not None:
            from reportdesk.store.transfer import dump

            snap = Path(tmp) / PG_DUMP
            with open(snap, "w", encoding="utf-8") as f:
                dump(store_engine, f)  # one REPEATABLE READ snapshot, while others keep working
            entries = [(snap, PG_DUMP)] + files
        else:
            snap = Path(tmp) / "store.sqlite"
            src = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            dst = sqlite3.connect(snap)
            try:
                src.backup(dst)  # consistent even while another process writes
            finally:
                dst.close()
                src.close()
            entries = [(snap, "store.sqlite")] + files
        manifest = {"format": BACKUP_FORMAT, "app_version": __version__,
                    "created_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"), "files": {}}
        part = Path(tmp) / "backup.zip"
        total = 0
        with zipfile.ZipFile(part, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for i, (p, arc) in enumerate(entries):
                manifest["files"][arc] = {"sha256": _sha256_file(p), "size": p.stat().st_size}
                z.write(p, arc)
                total += p.stat().st_size
                if progress:
                    progress(i + 1, len(entries), arc)
            z.writestr("backup.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        with open(part, "rb") as f:
            os.fsync(f.fileno())
        os.replace(part, out)
    return BackupResult(out, len(entries), total)


def restore(data_dir: Path, archive: Path, progress: Progress | None = None, *,
            open_store: Callable[[str], Engine] | None = None) -> Path | None:
    """Restores a backup into data_dir. Returns where the previous data was moved (or None).
    ``open_store(url)``: an engine on a PostgreSQL store (a backup of one names it in its settings)."""
    data_dir = Path(data_dir)
    archive = Path(archive)
    if not archive.is_file():
        raise UserError(f"Không tìm thấy tệp sao lưu {archive}.")
    try:
        z = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError):
        raise UserError(f"{archive} không phải tệp sao lưu reportdesk (không đọc được ZIP).") from None
    with z:
        try:
            manifest = json.loads(z.read("backup.json"))
        except (KeyError, ValueError):
            raise UserError(f"{archive} không phải tệp sao lưu reportdesk (thiếu backup.json).") from None
        if manifest.get("format") != BACKUP_FORMAT or not isinstance(manifest.get("files"), dict):
            raise UserError(f"{archive}: định dạng sao lưu không được hỗ trợ.")
        names = manifest["files"]
        on_pg = PG_DUMP in names
        if len(names) > MAX_ENTRIES or (("store.sqlite" in names) == on_pg):
            raise UserError(f"{archive}: tệp sao lưu không hợp lệ.")
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=data_dir.parent))
        try:
            for i, (arc, meta) in enumerate(names.items()):
                pp = PurePosixPath(arc)
                if pp.is_absolute() or ".." in pp.parts or "\\" in arc or not (arc in ("store.sqlite", PG_DUMP) or pp.parts[0] in INCLUDED):
                    raise UserError(f"{archive}: đường dẫn không an toàn trong tệp sao lưu: {arc}")
                target = staging.joinpath(*pp.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                h = hashlib.sha256()
                size = 0
                with z.open(arc) as src, open(target, "wb") as dst:
                    for chunk in iter(lambda: src.read(1 << 20), b""):
                        size += len(chunk)
                        if size > int(meta.get("size", 0)):
                            raise UserError(f"{archive}: tệp {arc} bị hỏng (kích thước sai).")
                        h.update(chunk)
                        dst.write(chunk)
                if h.hexdigest() != meta.get("sha256") or size != meta.get("size"):
                    raise UserError(f"{archive}: tệp {arc} bị hỏng hoặc đã bị sửa (mã băm không khớp).")
                if progress:
                    progress(i + 1, len(names), arc)
            old_rows = None
            if on_pg:
                old_rows = _restore_pg(archive, staging, open_store)
            else:
                con = sqlite3.connect(staging / "store.sqlite")
                try:
                    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
                finally:
                    con.close()
                if ok != "ok":
                    raise UserError(f"{archive}: kho dữ liệu trong bản sao lưu bị hỏng ({ok}).")
            if (staging / "identity" / "key.pem").exists():
                os.chmod(staging / "identity" / "key.pem", 0o600)
            moved = None
            if data_dir.exists() and any(data_dir.iterdir()):
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                moved = data_dir.with_name(f"{data_dir.name}.truoc-khoi-phuc-{stamp}")
                os.replace(data_dir, moved)
            elif data_dir.exists():
                data_dir.rmdir()
            os.replace(staging, data_dir)
            for sub in ("received", "logs"):
                (data_dir / sub).mkdir(exist_ok=True)
            if old_rows is not None:  # the rows the database held before, kept with the data moved aside
                stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
                keep = (moved / PG_DUMP) if moved is not None else data_dir.with_name(f"{data_dir.name}.truoc-khoi-phuc-{stamp}.{PG_DUMP}")
                os.replace(old_rows, keep)
                moved = moved or keep
            return moved
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise


def _restore_pg(archive: Path, staging: Path, open_store: Callable[[str], Engine] | None) -> Path:
    """Replaces the rows of the PostgreSQL store named in the backup's settings with the backup's (one
    transaction), after dumping what it held; returns that dump (a file beside ``staging``)."""
    from reportdesk.store.location import store_url
    from reportdesk.store.transfer import dump, load, read_dump_header

    url = store_url(staging)
    if url is None or open_store is None:
        raise UserError(f"{archive}: bản sao lưu của kho PostgreSQL nhưng không ghi địa chỉ kho; không khôi phục được.")
    read_dump_header(staging / PG_DUMP)
    engine = open_store(url)
    fd, old = tempfile.mkstemp(prefix=".restore-old-", suffix=".jsonl", dir=staging.parent)
    os.close(fd)
    try:
        with open(old, "w", encoding="utf-8") as f:
            dump(engine, f)
        load(engine, staging / PG_DUMP)
    except BaseException:
        os.unlink(old)
        raise
    finally:
        engine.dispose()
    os.unlink(staging / PG_DUMP)
    return Path(old)
