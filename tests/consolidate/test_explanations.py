"""A unit's explanations (giải trình) of warnings travel in report.json and are kept with the received
revision — through quarantine and approval, and on the fast path of an approved signer."""

from __future__ import annotations

import json

from reportdesk.package.format import make_package
from reportdesk.consolidate.synthetic import vn_time
from reportdesk.store.models import Report

KEY = "luu-luong-vuot-cong-suat@ccn/ccn/1/luu_luong"
TEXT = "Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom."


def _package(world, revision: int, explanations) -> None:
    ident = world.ids["SCT-01"]
    report = {"unit_code": "SCT-01", "form_id": "bc-sct", "form_version": 1, "period": "2026", "revision": revision,
              "answers": world.answers("SCT-01", seed=revision), "explanations": explanations}
    built = make_package(report, signer_key=ident.key, signer_cert=ident.cert, recipient_certs=[world.ids["ATMT"].cert],
                         created_at=vn_time(2026, 11, 9 + revision))
    (world.out / f"SCT-01_r{revision}.rdpkg").write_bytes(built.data)


def _received(world) -> dict[int, dict[str, str]]:
    from sqlalchemy import select

    with world.ctx.store().read_session() as s:
        ids = {r.revision: r.id for r in s.scalars(select(Report).where(Report.origin == "imported"))}
    return {rev: world.ctx.reports.get(rid).explanations for rev, rid in ids.items()}


def test_explanations_are_kept_through_quarantine_and_on_the_fast_path(world, cli):
    _package(world, 1, {KEY: TEXT, "": "bỏ qua", "x@y": 12})  # only well-formed entries are kept
    res = world.import_()
    assert [o.outcome for o in res.outcomes] == ["quarantined"]
    world.approve("SCT-01")
    assert _received(world) == {1: {KEY: TEXT}}

    _package(world, 2, {KEY: TEXT + " Đã lập kế hoạch tách dòng."})
    res = world.import_(world.out / "SCT-01_r2.rdpkg")
    assert [o.outcome for o in res.outcomes] == ["accepted"]
    got = _received(world)
    assert got[1] == {KEY: TEXT} and got[2] == {KEY: TEXT + " Đã lập kế hoạch tách dòng."}

    rid = next(r.id for r in world.ctx.reports.list(origin="imported") if r.revision == 2)
    shown = json.loads(cli("report", "show", str(rid), "--json", data_dir=world.data_dir, check=True).stdout)
    assert shown["explanations"] == {KEY: TEXT + " Đã lập kế hoạch tách dòng."}


def test_a_package_without_explanations_still_merges(world):
    _package(world, 1, None)
    world.import_()
    world.approve("SCT-01")
    assert _received(world) == {1: {}}
