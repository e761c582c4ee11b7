"""Fixtures of the consolidation tests: real RSA-3072 identities (made once per session), a real
consolidation data dir per test, and real signed+encrypted packages built with the package layer.

Every test that uses ``world`` / ``make_world`` runs on SQLite, and also on PostgreSQL when a server is
named (``pytest --store-url postgresql://USER@HOST:PORT/DB`` or ``$REPORTDESK_TEST_PG``): each such test
gets a fresh database of its own, dropped afterwards. A named server that cannot be reached fails the
run (never a skip)."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import uuid
from pathlib import Path

import pytest

from reportdesk.app import AppContext
from reportdesk.consolidate.imports import Consolidation
from reportdesk.consolidate.synthetic import answers_for, vn_time
from reportdesk.package.format import make_package
from reportdesk.package.identity import generate_identity, save_identity
from reportdesk.store.models import utcnow

PASSPHRASE = "mật-khẩu-tổng-hợp-2026"
UNITS = ["SCT-01", "SCT-04", "SCT-22", "CUC-HC", "TCT-HABECO"]


@pytest.fixture(scope="session")
def identities():
    t0 = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
    ids = {"ATMT": generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt", now=t0)}
    for u in UNITS:
        ids[u] = generate_identity(u, f"Đơn vị {u}", "unit", now=t0)
    ids["SCT-01#2"] = generate_identity("SCT-01", "Sở Công Thương Hà Nội (khóa mới)", "unit", now=t0)
    ids["OTHER-ATMT"] = generate_identity("CUC-ATMT", "Một bên tổng hợp khác", "atmt", now=t0)
    return ids


PG_ENV = "REPORTDESK_TEST_PG"


def pg_server(config) -> str | None:
    return config.getoption("--store-url") or os.environ.get(PG_ENV) or None


def pytest_generate_tests(metafunc):
    if "store_engine" in metafunc.fixturenames:
        engines = ["sqlite"] + (["postgresql"] if pg_server(metafunc.config) else [])
        metafunc.parametrize("store_engine", engines, indirect=True)


def pytest_collection_modifyitems(config, items):
    """Tests of the PostgreSQL office itself (fixture ``pg_databases``) are deselected, never skipped,
    when no server is named; when one is named they run and an unreachable server fails them."""
    if pg_server(config):
        return
    keep, drop = [], []
    for item in items:
        (drop if "pg_databases" in getattr(item, "fixturenames", ()) else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


class PgDatabases:
    """Fresh databases on the test server, one per call, dropped at the end of the test."""

    def __init__(self, server: str):
        from sqlalchemy.engine import make_url

        self.server = make_url(server)
        self.made: list[str] = []

    def _admin(self):
        import psycopg

        u = self.server
        try:
            return psycopg.connect(host=u.host, port=u.port or 5432, user=u.username, password=u.password,
                                   dbname=u.database or "postgres", autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            pytest.fail(f"PostgreSQL test server {u.render_as_string(hide_password=True)} not reachable: {exc}")

    def new(self) -> str:
        name = f"rdtest_{uuid.uuid4().hex[:16]}"
        with self._admin() as c:
            c.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
        self.made.append(name)
        return self.server.set(database=name).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        if not self.made:
            return
        with self._admin() as c:
            for name in self.made:
                c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.made.clear()


@pytest.fixture
def pg_databases(request):
    server = pg_server(request.config)
    if not server:
        pytest.fail("no PostgreSQL test server named (--store-url or $REPORTDESK_TEST_PG)")
    dbs = PgDatabases(server)
    yield dbs
    dbs.drop_all()


@pytest.fixture
def store_engine(request):
    """"sqlite", or "postgresql" with a factory of fresh databases (``request.param``)."""
    if request.param == "sqlite":
        yield None
        return
    dbs = PgDatabases(pg_server(request.config))
    yield dbs
    dbs.drop_all()


class World:
    def __init__(self, root: Path, identities: dict, store_url: str | None = None):
        self.root = root
        self.store_url = store_url
        self.ids = identities
        self.data_dir = root / "atmt"
        self.out = root / "packages"
        self.out.mkdir(parents=True, exist_ok=True)
        self.passphrase_file = root / "passphrase.txt"
        self.passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
        save_identity(self.data_dir, identities["ATMT"], PASSPHRASE)
        if store_url:  # the consolidation store on PostgreSQL, as `setup atmt --store-url` leaves it
            from reportdesk.store.location import write_settings

            write_settings(self.data_dir, store_url=store_url)
        self.ctx = AppContext(self.data_dir, self.passphrase_file, interactive=False)
        store = self.ctx.store(create=True)
        assert store.engine.dialect.name == ("postgresql" if store_url else "sqlite")
        assert (self.data_dir / "store.sqlite").exists() is (not store_url)
        store.set_meta("mode", "atmt")
        store.set_meta("unit_code", "CUC-ATMT")
        store.set_meta("created_at", utcnow().isoformat())
        self._svc: Consolidation | None = None
        self.rng = random.Random(7)

    @property
    def svc(self) -> Consolidation:
        if self._svc is None:
            self._svc = Consolidation.from_ctx(self.ctx)
        return self._svc

    def reload(self) -> Consolidation:
        """A fresh context (forms re-read), as a new process would see it."""
        if self._svc is not None:
            self._svc.close()
        self.ctx.close()
        self.ctx = AppContext(self.data_dir, self.passphrase_file, interactive=False)
        self._svc = None
        return self.svc

    def form_for(self, unit: str) -> str:
        return {"SCT": "bc-sct", "CUC": "bc-cucvu", "TCT": "bc-tct"}[unit[:3]]

    def answers(self, unit: str, form_id: str | None = None, seed: int | None = None) -> dict:
        form = self.ctx.forms.get(form_id or self.form_for(unit))
        return answers_for(form, unit, random.Random(seed if seed is not None else self.rng.random()))

    def package(self, unit: str, *, revision: int = 1, period: str = "2026", form_id: str | None = None,
                form_version: int = 1, created_at: dt.datetime | None = None, answers: dict | None = None,
                signer: str | None = None, recipient: str = "ATMT", package_id: str | None = None,
                name: str | None = None) -> Path:
        form_id = form_id or self.form_for(unit)
        ident = self.ids[signer or unit]
        report = {"unit_code": unit, "form_id": form_id, "form_version": form_version, "period": period,
                  "revision": revision, "answers": answers if answers is not None else self.answers(unit, form_id)}
        built = make_package(report, signer_key=ident.key, signer_cert=ident.cert,
                             recipient_certs=[self.ids[recipient].cert],
                             created_at=created_at or vn_time(2026, 11, 10), package_id=package_id)
        p = self.out / (name or f"{unit}_{form_id}_{period}_r{revision}_{built.package_id[:8]}.rdpkg")
        p.write_bytes(built.data)
        return p

    def import_(self, *paths, **kw):
        return self.svc.import_paths(paths or [self.out], PASSPHRASE, **kw)

    def approve(self, unit: str):
        from reportdesk.package.identity import fingerprint
        return self.svc.approve(fingerprint(self.ids[unit].cert))

    def state(self) -> dict:
        """Everything merged (not the log): receipts, reports with answers, signers."""
        from sqlalchemy import select
        from reportdesk.store.consolidation import Receipt, Signer
        from reportdesk.store.models import Answer, Report
        with self.ctx.store().read_session() as s:
            receipts = sorted((r.package_id, r.state, r.revision, r.unit_code) for r in s.scalars(select(Receipt)))
            reports = []
            for r in s.scalars(select(Report)):
                ans = {a.field_id: a.value_json for a in s.scalars(select(Answer).where(Answer.report_id == r.id))}
                reports.append((r.unit_code, r.form_id, r.period, r.revision, r.status, json.dumps(ans, sort_keys=True)))
            signers = sorted((x.fingerprint, x.state, x.unit_code) for x in s.scalars(select(Signer)))
        return {"receipts": receipts, "reports": sorted(reports), "signers": signers}


@pytest.fixture
def make_world(identities, store_engine):
    made = []

    def make(root: Path) -> World:
        w = World(root, identities, store_engine.new() if store_engine else None)
        made.append(w)
        return w

    yield make
    for w in made:
        if w._svc is not None:
            w._svc.close()
        w.ctx.close()


@pytest.fixture
def world(tmp_path, identities, store_engine):
    w = World(tmp_path, identities, store_engine.new() if store_engine else None)
    yield w
    if w._svc is not None:
        w._svc.close()
    w.ctx.close()
