"""Fixtures of the consolidation window tests: the demo world (built once per session, copied per test)
and a fresh Cục ATMT store holding the demo's key but nothing imported yet."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from reportdesk.app import AppContext

DEMO_UNITS = 8


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    from reportdesk.services.demo import build_demo

    root = tmp_path_factory.mktemp("demo") / "Thế giới trình diễn"
    res = build_demo(root, units=DEMO_UNITS)
    return res


@pytest.fixture
def demo(tmp_path, demo_template):
    """A copy of the demo world (everything imported, one signer still waiting for approval)."""
    root = tmp_path / "trình diễn"
    shutil.copytree(demo_template.root, root)
    return {"root": root, "atmt": root / "atmt", "outbox": root / "outbox", "period": demo_template.period,
            "passphrase": (root / "passphrase.txt").read_text(encoding="utf-8").strip()}


@pytest.fixture
def demo_ctx(demo):
    ctx = AppContext(demo["atmt"], interactive=False)
    yield ctx
    ctx.close()


@pytest.fixture
def fresh_atmt(demo, tmp_path):
    """A new consolidation store with the demo's ATMT key and certificate; no package imported yet."""
    from reportdesk.package.identity import cert_path, key_path
    from reportdesk.services.setup import init_store

    d = tmp_path / "Kho mới"
    d.mkdir()
    for p in (key_path(demo["atmt"]), cert_path(demo["atmt"])):
        target = (key_path(d) if p == key_path(demo["atmt"]) else cert_path(d))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(p, target)
    ctx = AppContext(d, interactive=False)
    init_store(ctx, "atmt", "CUC-ATMT")
    yield ctx
    ctx.close()


@pytest.fixture
def make_window(qtbot):
    from reportdesk.ui.consolidation import ConsolidationWindow

    made = []

    def make(ctx, passphrase=None, today: dt.date | None = None):
        w = ConsolidationWindow(ctx, passphrase=passphrase, open_files=False, today=today)
        qtbot.addWidget(w)
        w.confirmations: list[str] = []

        def confirm(title, text, w=w):
            w.confirmations.append(text)
            return True

        w.confirm = confirm
        made.append(w)
        return w

    return make


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]
