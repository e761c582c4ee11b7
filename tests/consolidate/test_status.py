"""Status matrix: on time / late / missing / quarantined, boundaries around midnight in Vietnam (UTC+7)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from cryptography.hazmat.primitives import serialization

from reportdesk.consolidate.status import deadline_end, status_for, timeliness
from reportdesk.consolidate.synthetic import vn_time

UTC = dt.timezone.utc
DEADLINE = dt.date(2026, 11, 14)  # provinces, year 2026 (resources/calendar.yaml)


@pytest.mark.parametrize("signed, state, days", [
    (dt.datetime(2026, 11, 14, 16, 59, 59, tzinfo=UTC), "on_time", 0),   # 23:59:59 on 14/11 in Vietnam
    (dt.datetime(2026, 11, 14, 17, 0, 0, tzinfo=UTC), "late", 1),        # 00:00:00 on 15/11 in Vietnam
    (dt.datetime(2026, 11, 13, 17, 0, 0, tzinfo=UTC), "on_time", 0),     # 00:00 on 14/11 in Vietnam
    (dt.datetime(2026, 11, 14, 0, 30, 0, tzinfo=UTC), "on_time", 0),
    (dt.datetime(2026, 11, 16, 16, 59, 0, tzinfo=UTC), "late", 2),       # 23:59 on 16/11
    (dt.datetime(2026, 11, 16, 17, 0, 0), "late", 3),                    # naive = UTC: 00:00 on 17/11
    (dt.datetime(2026, 1, 1, tzinfo=UTC), "on_time", 0),
])
def test_timeliness_boundaries(signed, state, days):
    assert timeliness(signed, DEADLINE) == (state, days)


def test_deadline_end_is_midnight_vietnam_time():
    assert deadline_end(DEADLINE) == dt.datetime(2026, 11, 14, 17, 0, tzinfo=UTC)


def _der(world, unit):
    return world.ids[unit].cert.public_bytes(serialization.Encoding.DER)


def test_status_matrix_end_to_end(world):
    for u in ("SCT-01", "SCT-04", "CUC-HC"):
        world.svc.add_signer(_der(world, u))
    world.package("SCT-01", revision=1, created_at=vn_time(2026, 11, 10))
    world.package("SCT-01", revision=2, created_at=dt.datetime(2026, 11, 14, 16, 59, 59, tzinfo=UTC))
    world.package("SCT-04", revision=1, created_at=dt.datetime(2026, 11, 14, 17, 0, 0, tzinfo=UTC))
    world.package("CUC-HC", revision=1, created_at=vn_time(2026, 11, 22, 9))          # department deadline 19/11
    world.package("SCT-22", revision=1, created_at=vn_time(2026, 11, 12))             # unknown signer
    world.import_()
    st = status_for(world.ctx, "2026")
    by = {(e.unit_code, e.form_id): e for e in st.entries}
    assert by[("SCT-01", "bc-sct")].state == "on_time" and by[("SCT-01", "bc-sct")].revision == 2
    assert by[("SCT-01", "bc-sct")].superseded == [1]
    assert (by[("SCT-04", "bc-sct")].state, by[("SCT-04", "bc-sct")].days_late) == ("late", 1)
    assert (by[("CUC-HC", "bc-cucvu")].state, by[("CUC-HC", "bc-cucvu")].days_late) == ("late", 3)
    assert by[("SCT-22", "bc-sct")].state == "quarantined"
    assert by[("SCT-08", "bc-sct")].state == "missing" and by[("SCT-08", "bc-sct")].revision is None
    assert by[("TCT-HABECO", "bc-tct")].state == "missing"
    # every active unit of the registry with a deadline in the period, for each of its forms
    units = world.ctx.units.all(include_inactive=False)
    assert len(st.entries) == len(units)
    assert all(e.to_json()["received_at"].endswith("Z") for e in st.entries if e.received_at)
    j = by[("SCT-04", "bc-sct")].to_json()
    # the contract's keys, plus the keys added by issue 14 (signing time and the late-receipt flag)
    assert set(j) == {"unit_code", "form_id", "state", "days_late", "revision", "received_at",
                      "signed_at", "signed_on_time_received_late"}


def test_half_year_period_expects_departments_only(world):
    st = status_for(world.ctx, "2026-H1")
    assert {e.unit_code[:3] for e in st.entries} == {"CUC", "BAO"}
    assert {e.form_id for e in st.entries} == {"bc-cucvu"}


def test_signing_after_receiving_is_flagged_as_a_clock_problem(world):
    world.svc.add_signer(_der(world, "SCT-01"))
    soon = dt.datetime.now(UTC) + dt.timedelta(hours=3)  # inside the package layer's tolerance
    world.import_(world.package("SCT-01", created_at=soon))
    e = next(e for e in status_for(world.ctx, "2026").entries if e.unit_code == "SCT-01")
    assert "clock" in e.flags


def test_own_department_report_counts_when_marked_complete(world):
    form = world.ctx.forms.get("bc-cucvu")
    rep = world.ctx.reports.create("CUC-ATMT", form, "2026", answers=world.answers("CUC-ATMT", "bc-cucvu"))
    e = next(e for e in status_for(world.ctx, "2026").entries if e.unit_code == "CUC-ATMT")
    assert e.state == "missing"
    world.ctx.reports.set_status(rep.id, "complete", revision=1)
    e = next(e for e in status_for(world.ctx, "2026").entries if e.unit_code == "CUC-ATMT")
    assert e.state in ("on_time", "late") and "own_report" in e.flags and e.received_at is not None


def test_cli_status_json(world, cli):
    world.ctx.close()
    proc = cli("status", "--period", "2026", "--json", data_dir=world.data_dir)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data and all(x["state"] == "missing" for x in data)
    proc = cli("status", "--period", "2031", data_dir=world.data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
