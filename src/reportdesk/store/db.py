"""The store: one SQLite file per profile (WAL, foreign keys, synchronous FULL), or a PostgreSQL database
shared by a consolidation office (named in the data dir's settings); migrated at start-up, the same
Alembic migrations on both engines."""

from __future__ import annotations

import ast
import contextlib
import functools
import re
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from sqlalchemy import URL, Engine, create_engine, event, exc, make_url, select
from sqlalchemy.orm import Session, sessionmaker

from reportdesk.errors import UserError
from reportdesk.store.models import Base, Meta

if TYPE_CHECKING:
    from alembic.config import Config

STORE_FILE = "store.sqlite"
_MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


MIGRATION_LOCK = 0x7264_6D69_6772  # advisory lock key: one PC at a time migrates a shared database


class StoreConnectError(UserError):
    """The shared database cannot be reached (``needs_password``: the server asked for a password)."""

    def __init__(self, message: str, needs_password: bool = False):
        super().__init__(message)
        self.needs_password = needs_password


def make_engine(url: str | URL, password: str | None = None) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        engine = create_engine(u, connect_args={"timeout": 10}, future=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if u.get_backend_name() == "postgresql" and u.drivername == "postgresql":
        u = u.set(drivername="postgresql+psycopg")
    if password is not None:
        u = u.set(password=password)
    return create_engine(u, future=True, pool_pre_ping=True, connect_args={"connect_timeout": 10,
                                                                          "application_name": "reportdesk"})


def is_sqlite(engine: Engine) -> bool:
    return engine.url.get_backend_name() == "sqlite"


def _connect_error(engine: Engine, err: exc.DBAPIError) -> StoreConnectError:
    text = str(getattr(err, "orig", err)).strip().splitlines()[0] if str(getattr(err, "orig", err)).strip() else ""
    needs = "password" in text.lower()
    where = engine.url.set(drivername=engine.url.get_backend_name()).render_as_string(hide_password=True)
    return StoreConnectError(f"Không kết nối được kho dữ liệu {where}: {text}", needs)


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(_MIGRATIONS))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config()).get_current_head() or ""


from reportdesk.store.revisions import declared_head  # noqa: E402 - no Alembic, no SQLAlchemy


@contextlib.contextmanager
def unit_of_work(session: Session) -> Iterator[Session]:
    """Commits at the end, rolls back (nothing written) on any error, always closes."""
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class Store:
    """The local store of a data dir (or a database URL)."""

    def __init__(self, engine: Engine, path: Path | None = None):
        self.engine = engine
        self.path = path
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, data_dir: Path | None = None, url: str | None = None, *, create: bool = True,
             password: str | None = None) -> "Store":
        path = None
        if url is None:
            assert data_dir is not None
            data_dir = Path(data_dir)
            path = data_dir / STORE_FILE
            if not path.exists() and not create:
                raise UserError(f"Chưa có kho dữ liệu tại {data_dir}. Hãy chạy «reportdesk setup unit --unit MÃ» hoặc «reportdesk setup atmt» trước.")
            data_dir.mkdir(parents=True, exist_ok=True)
            url = f"sqlite:///{path}"
        engine = make_engine(url, password)
        store = cls(engine, path)
        try:
            store.migrate()
        except exc.OperationalError as err:
            engine.dispose()
            if is_sqlite(engine):
                raise
            raise _connect_error(engine, err) from None
        except BaseException:
            engine.dispose()
            raise
        return store

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.engine)

    def _current_revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").fetchall()
        except exc.OperationalError:  # a new store: no version table yet
            if not self.is_sqlite:
                raise
            return None
        except exc.ProgrammingError:  # PostgreSQL: no version table yet
            return None
        return rows[0][0] if len(rows) == 1 else None

    def migrate(self) -> None:
        head = declared_head()
        if head is not None and self._current_revision() == head:
            return  # up to date: Alembic is not even imported
        from alembic import command
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        cfg = _alembic_config()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        head = head_revision()
        if current == head:
            return
        known = {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}
        if current is not None and current not in known:
            raise UserError(
                f"Kho dữ liệu được tạo bởi phiên bản reportdesk mới hơn (lược đồ {current}); hãy cập nhật ứng dụng."
            )
        if current is not None and self.path is not None:
            self.backup_before_migration(head)
        with self.engine.begin() as conn:
            if not self.is_sqlite:  # two PCs opening a new shared database at once: one migrates
                conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
                if MigrationContext.configure(conn).get_current_revision() == head:
                    return  # another PC migrated it meanwhile
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")

    def backup_before_migration(self, target: str) -> Path:
        """A consistent copy of the store (SQLite's online backup API) next to it, made before a migration
        runs: ``store.sqlite.before-<target revision>-<UTC time>``. Kept: an upgrade never costs a report."""
        import datetime as dt
        import os
        import sqlite3

        assert self.path is not None
        stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        dest = self.path.with_name(f"{self.path.name}.before-{target}-{stamp}")
        part = dest.with_name(dest.name + ".part")
        src = sqlite3.connect(str(self.path), timeout=10)
        try:
            dst = sqlite3.connect(str(part))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # the copy is one self-contained file
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            part.unlink(missing_ok=True)
            raise UserError(f"Không sao lưu được kho dữ liệu trước khi nâng cấp ({ok}); kho dữ liệu chưa bị thay đổi.")
        with open(part, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(part, dest)
        import logging

        logging.getLogger("reportdesk.store").info("kho dữ liệu được sao lưu trước khi nâng cấp lược đồ: %s", dest.name)
        return dest

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed at the end, rolled back (nothing written) on any error."""
        with unit_of_work(self._sessions()) as s:
            yield s

    def read_session(self) -> Session:
        return self._sessions()

    # --- meta -------------------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        with self.read_session() as s:
            m = s.get(Meta, key)
            return m.value if m else None

    def set_meta(self, key: str, value: str) -> None:
        with self.session() as s:
            m = s.get(Meta, key)
            if m is None:
                s.add(Meta(key=key, value=value))
            else:
                m.value = value

    def all_meta(self) -> dict[str, str]:
        with self.read_session() as s:
            return {m.key: m.value for m in s.scalars(select(Meta))}

    def integrity_check(self) -> str:
        with self.engine.connect() as conn:
            if not self.is_sqlite:  # the server keeps its own pages whole; the tables must be readable
                import reportdesk.store.consolidation  # noqa: F401 - its tables too
                import reportdesk.store.wayback  # noqa: F401 - and these
                for t in Base.metadata.sorted_tables:
                    conn.exec_driver_sql(f'SELECT count(*) FROM "{t.name}"')
                return "ok"
            return str(conn.exec_driver_sql("PRAGMA integrity_check").scalar())

    def dispose(self) -> None:
        self.engine.dispose()
