"""A consolidation office of several officers on one PostgreSQL store (issue 13).

- ``setup_atmt_shared``: ``setup atmt --store-url``: a new office (an empty database: the schema is made,
  the identity created or kept) or another officer's PC joining an existing office store (its identity
  imported first from the first officer's .p12). A database that is not a reportdesk consolidation
  store is refused, and so is an identity other than the office's.
- ``migrate_to``: ``store migrate --to``: the data dir's SQLite store copied whole into an empty
  PostgreSQL database, checked row for row, the data dir switched to it, the SQLite file kept aside.

The settings keep the URL without a password (~/.pgpass, PGPASSWORD, or a prompt supply it).
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk.errors import UserError
from reportdesk.services import Passphrase, resolve_passphrase

if TYPE_CHECKING:
    from reportdesk.app import AppContext

OFFICE_FP_KEY = "atmt_fingerprint"  # store meta: the identity every officer of the office shares


@dataclass(frozen=True)
class SharedSetup:
    data_dir: Path
    store_url: str          # as shown to a person (no driver, no password)
    joined: bool            # True: an existing office store; False: a new one
    fingerprint: str


@dataclass(frozen=True)
class MigrateResult:
    store_url: str
    rows: dict[str, int]
    kept_sqlite: Path


def _engine(ctx: AppContext, url: str):
    """An engine on the database (no migration yet), connected once to check it is reachable."""
    from sqlalchemy import exc

    from reportdesk.store.db import StoreConnectError, _connect_error, make_engine

    password = None
    for _ in range(2):
        engine = make_engine(url, password)
        try:
            with engine.connect():
                return engine
        except exc.OperationalError as err:
            engine.dispose()
            e = _connect_error(engine, err)
            if not (e.needs_password and ctx.interactive and password is None):
                raise e from None
            import getpass

            password = getpass.getpass("Mật khẩu kết nối cơ sở dữ liệu PostgreSQL: ")
    raise StoreConnectError("Không kết nối được kho dữ liệu PostgreSQL.", True)


def check_received_dir(folder: str | Path) -> Path:
    """A folder for the received bytes of an office (e.g. on a file server): must exist and be writable."""
    import os

    p = Path(folder).expanduser().absolute()
    if not p.is_dir():
        raise UserError(f"Thư mục lưu gói đã nhận {p} không tồn tại.")
    if not os.access(p, os.W_OK):
        raise UserError(f"Không ghi được vào thư mục lưu gói đã nhận {p}.")
    return p


def setup_atmt_shared(ctx: AppContext, url: str, passphrase: Passphrase, received_dir: str | Path | None = None) -> SharedSetup:
    from reportdesk.package import identity
    from reportdesk.services.setup import ATMT_UNIT, check_setup_atmt
    from reportdesk.store.db import Store
    from reportdesk.store.location import display_url, normalize_url, write_settings
    from reportdesk.store.transfer import database_kind

    full = normalize_url(url)
    shown = display_url(full)
    unit = check_setup_atmt(ctx)
    shared = check_received_dir(received_dir) if received_dir else None
    engine = _engine(ctx, full)
    try:
        kind = database_kind(engine)
        if kind == "other":
            raise UserError(f"Cơ sở dữ liệu {shown} đã có dữ liệu khác, không phải kho dữ liệu reportdesk; không dùng.")
        store = Store(engine)
        if kind == "reportdesk":
            store.migrate()
            meta = store.all_meta()
            if meta.get("mode") != "atmt":
                raise UserError(f"Cơ sở dữ liệu {shown} không phải kho tổng hợp của Cục ATMT (chế độ {meta.get('mode')}); không dùng.")
            if not identity.has_identity(ctx.data_dir):
                raise UserError("Máy này chưa có định danh của Cục: hãy nhập tệp .p12 xuất từ máy đầu tiên "
                                "(«reportdesk identity import TỆP.p12») rồi chạy lại lệnh này.")
            fp = identity.format_fingerprint(identity.load_identity(ctx.data_dir, resolve_passphrase(passphrase)).cert)
            office = meta.get(OFFICE_FP_KEY)
            if office and office != fp:
                raise UserError(f"Định danh trên máy này ({fp}) không phải định danh của kho tổng hợp ({office}); "
                                f"hãy nhập đúng tệp .p12 của Cục.")
            joined = True
        else:
            value = resolve_passphrase(passphrase)
            if len(value) < 8:
                raise UserError("Mật khẩu cần ít nhất 8 ký tự.")
            fp = identity.create_identity(ctx.data_dir, unit.code, unit.name, value, "atmt")
            store.migrate()
            if database_kind(engine) != "reportdesk" or store.get_meta("mode"):
                raise UserError(f"Một máy khác vừa thiết lập kho {shown}; hãy chạy lại lệnh để tham gia kho đó.")
            store.set_meta("mode", "atmt")
            store.set_meta("unit_code", ATMT_UNIT)
            store.set_meta("created_at", dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat())
            store.set_meta(OFFICE_FP_KEY, fp)
            joined = False
    finally:
        engine.dispose()
    for sub in ("received", "logs"):
        (ctx.data_dir / sub).mkdir(parents=True, exist_ok=True)
    write_settings(ctx.data_dir, store_url=shown, received_dir=str(shared) if shared else None)
    ctx.close()
    return SharedSetup(ctx.data_dir, shown, joined, fp)


def migrate_to(ctx: AppContext, url: str) -> MigrateResult:
    """The data dir's SQLite consolidation store, copied whole into an empty PostgreSQL database."""
    from reportdesk.store.db import STORE_FILE, Store
    from reportdesk.store.location import display_url, normalize_url, write_settings
    from reportdesk.store.transfer import copy_store, database_kind, tables

    full = normalize_url(url)
    shown = display_url(full)
    if ctx.store_url is not None:
        raise UserError(f"Kho dữ liệu của {ctx.data_dir} đã ở trên PostgreSQL ({display_url(ctx.store_url)}).")
    ctx.require_mode("atmt")
    src = ctx.store()
    engine = _engine(ctx, full)
    try:
        if database_kind(engine) != "empty":
            raise UserError(f"Cơ sở dữ liệu {shown} không trống; chỉ chuyển kho vào một cơ sở dữ liệu trống.")
        dst = Store(engine)
        dst.migrate()
        try:
            rows = copy_store(src.engine, engine)
        except BaseException:
            with engine.begin() as conn:  # the database is left empty, as it was
                for t in reversed(tables()):
                    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{t.name}"')
                conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            raise
        if not dst.get_meta(OFFICE_FP_KEY):
            from reportdesk.package.identity import format_fingerprint, has_identity, load_certificate

            if has_identity(ctx.data_dir):
                dst.set_meta(OFFICE_FP_KEY, format_fingerprint(load_certificate(ctx.data_dir)))
    finally:
        engine.dispose()
    ctx.close()  # the SQLite store is closed (its journal folded back) before it is set aside
    sqlite = ctx.data_dir / STORE_FILE
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = sqlite.with_name(f"{STORE_FILE}.truoc-chuyen-postgresql-{stamp}")
    write_settings(ctx.data_dir, store_url=shown)
    os.replace(sqlite, kept)
    for extra in ("-wal", "-shm"):  # none after a clean close; kept beside it if a crash left one
        side = sqlite.with_name(STORE_FILE + extra)
        if side.exists():
            os.replace(side, kept.with_name(kept.name + extra))
    return MigrateResult(shown, rows, kept)
