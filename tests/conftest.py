"""Suite-wide set-up: Qt offscreen, a real reportdesk command line in subprocesses, real data dirs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The suite must not depend on the machine's speed: no per-example deadline and no "too slow" health
# check (a loaded 2-core machine runs examples many times slower). Bounds on subprocesses below are
# hang guards only, far above what any command needs.
settings.register_profile("reportdesk", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("reportdesk")

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("REPORTDESK_PASSPHRASE", None)
os.environ.pop("REPORTDESK_DATA_DIR", None)

from rdtest import HANG_GUARD, PASSPHRASE, REPO, run_cli  # noqa: E402,F401


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    p = tmp_path / "passphrase.txt"
    p.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return p


def pytest_addoption(parser):
    parser.addoption("--store-url", default=None,
                     help="a PostgreSQL server (postgresql://USER@HOST:PORT/DB, a role allowed to CREATE DATABASE): "
                          "the consolidation tests run on it too, beside SQLite (also $REPORTDESK_TEST_PG)")
