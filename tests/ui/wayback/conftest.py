"""The way back, from the window: a real unit store and a real Cục ATMT store (the identities of
tests/ui/conftest.py), a report exported by the unit, imported and approved at ATMT."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from reportdesk.app import AppContext
from reportdesk.consolidate.imports import Consolidation
from reportdesk.consolidate.synthetic import answers_for
from reportdesk.services import reports as svc
from reportdesk.services.setup import init_store
from reportdesk.store.consolidation import Receipt

ATMT_PASS = "mật-khẩu-tổng-hợp-2026"


@pytest.fixture
def atmt_ctx(atmt_dir):
    ctx = AppContext(atmt_dir, interactive=False)
    init_store(ctx, "atmt", "CUC-ATMT")
    yield ctx
    ctx.close()


class Round:
    def __init__(self, unit_ctx, atmt_ctx, tmp_path: Path, passphrase: str):
        self.unit, self.atmt, self.tmp, self.passphrase = unit_ctx, atmt_ctx, tmp_path, passphrase
        self.out = tmp_path / "Thư qua lại"
        self.out.mkdir(exist_ok=True)
        r = svc.new_report(unit_ctx, "bc-sct", "2026")
        unit_ctx.reports.replace_answers(r.id, answers_for(unit_ctx.form("bc-sct"), "SCT-01", random.Random(3)))
        self.rid = r.id
        self.atmt_rid = self.send()

    def send(self) -> int:
        """The unit exports the report; ATMT imports it (the signer approved): ATMT's report id."""
        res = svc.export_report(self.unit, self.rid, str(self.out) + "/", self.passphrase)
        c = Consolidation.from_ctx(self.atmt)
        try:
            c.import_paths([res.path], ATMT_PASS)
            for sg in c.signers():
                if sg.state == "pending":
                    c.approve(sg.fingerprint)
        finally:
            c.close()
        with self.atmt.store().read_session() as s:
            rec = s.scalar(select(Receipt).where(Receipt.revision == res.revision, Receipt.report_id.is_not(None)))
        assert rec is not None, "ATMT did not merge the package"
        return rec.report_id


@pytest.fixture
def round_(unit_ctx, atmt_ctx, tmp_path, passphrase) -> Round:
    return Round(unit_ctx, atmt_ctx, tmp_path, passphrase)
