"""Issue 14, defect 3: an answer of 10**400 or 1.7e308 never reaches consolidation: the import rejects it."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("value", [10**400, 1.7e308, -(10**16)])
def test_import_rejects_a_number_too_large_and_merges_nothing(world, value):
    good = world.package("SCT-01", revision=1, name="good.rdpkg")
    world.import_(good)
    world.approve("SCT-01")
    before = world.state()
    answers = world.answers("SCT-01")
    assert isinstance(answers.get("tong_so_ccn"), int)
    answers["tong_so_ccn"] = value
    bad = world.package("SCT-01", revision=2, answers=answers, name="huge.rdpkg")
    s = world.import_(bad)
    [o] = s.outcomes
    assert o.outcome == "rejected" and o.code == "answers_invalid"
    assert "quá lớn" in o.reason and "tong_so_ccn" in o.reason
    assert world.state() == before
