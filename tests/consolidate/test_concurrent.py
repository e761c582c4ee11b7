"""Two officers on one store at the same moment (issue 13): two processes importing overlapping folders
end with exactly what one import of the union gives; approving a signer while another imports loses
nothing. Runs on SQLite and, when a server is named, on PostgreSQL (see conftest)."""

from __future__ import annotations

import shutil
import subprocess
import sys

from cryptography.hazmat.primitives.serialization import Encoding

from rdtest import HANG_GUARD

from .conftest import PASSPHRASE

UNITS = ("SCT-01", "SCT-04", "SCT-22", "CUC-HC", "TCT-HABECO")


def _der(world, unit):
    return world.ids[unit].cert.public_bytes(Encoding.DER)


def _start(args, world):
    cmd = [sys.executable, "-m", "reportdesk", *args, "--data-dir", str(world.data_dir)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")


def _finish(proc):
    out, err = proc.communicate(timeout=HANG_GUARD)
    assert proc.returncode in (0, 1), f"{proc.args} -> {proc.returncode}\n{out}\n{err}"
    return out


def _merged(state: dict) -> dict:
    """The merged state, where "stale" and "superseded" are one: which of the two an older revision gets
    tells only the order it arrived in (different for any two orders, on one PC too)."""
    hist = {"stale": "history", "superseded": "history"}
    return {"receipts": sorted((p, hist.get(st, st), rev, u) for p, st, rev, u in state["receipts"]),
            "reports": state["reports"], "signers": state["signers"]}


def _packages(world):
    """Three revisions of one report per unit, plus two units whose signer is new (pending)."""
    made = []
    for u in UNITS:
        ans = None
        for rev in (1, 2, 3):
            made.append(world.package(u, revision=rev, answers=ans))
    made.append(world.package("SCT-01", revision=4, signer="SCT-01#2"))  # a second key, never seen
    return made


def test_two_processes_importing_overlapping_folders_equal_one_import(world, make_world, tmp_path):
    for u in UNITS[:-1]:  # TCT-HABECO's signer stays unknown: both imports meet it at once
        world.svc.add_signer(_der(world, u))
    pkgs = _packages(world)
    a, b = tmp_path / "officer-a", tmp_path / "officer-b"
    a.mkdir()
    b.mkdir()
    for i, p in enumerate(pkgs):  # a: every package but the last third; b: all but the first third
        if i < 2 * len(pkgs) // 3:
            shutil.copy(p, a / p.name)
        if i >= len(pkgs) // 3:
            shutil.copy(p, b / f"copy-{p.name}")
    procs = [_start(["import", str(d), "--json", "--workers", "1", "--passphrase-file", str(world.passphrase_file)],
                    world) for d in (a, b)]
    for p in procs:
        _finish(p)

    one = make_world(tmp_path / "one-import")
    for u in UNITS[:-1]:
        one.svc.add_signer(_der(world, u))
    one.svc.import_paths([world.out], PASSPHRASE)

    got, want = world.reload() and world.state(), one.state()
    assert _merged(got) == _merged(want)
    assert len({r[0] for r in got["receipts"]}) == len(got["receipts"]) == len(pkgs)  # no package twice
    assert len(got["reports"]) == sum(1 for r in want["reports"])  # no report twice, none lost
    current = sorted((u, rev) for _p, st, rev, u in got["receipts"] if st == "current")
    assert current == [("CUC-HC", 3), ("SCT-01", 3), ("SCT-04", 3), ("SCT-22", 3)]
    assert len(got["signers"]) == len({s[0] for s in got["signers"]}) == len(want["signers"]) == 6  # no signer twice
    overlap = 2 * len(pkgs) // 3 - len(pkgs) // 3
    log = world.svc.import_log()
    assert len(log) == len(pkgs) + overlap  # one line per file per run
    assert sum(1 for e in log if e.outcome == "duplicate") == overlap  # each shared package merged once


def test_approving_a_signer_while_another_officer_imports_loses_nothing(world, make_world, tmp_path):
    from reportdesk.package.identity import fingerprint

    for u in UNITS[1:]:
        world.svc.add_signer(_der(world, u))
    world.package("SCT-01", revision=1)  # known to the store before, waiting in quarantine
    world.import_()
    first = world.state()
    assert [r[1] for r in first["receipts"] if r[3] == "SCT-01"] == ["quarantined"]
    for u in UNITS:
        for rev in (2, 3):
            world.package(u, revision=rev)
    fp = fingerprint(world.ids["SCT-01"].cert)
    imp = _start(["import", str(world.out), "--workers", "1", "--passphrase-file", str(world.passphrase_file)], world)
    appr = _start(["trust", "approve", fp], world)
    _finish(imp)
    _finish(appr)

    one = make_world(tmp_path / "one-import")
    for u in UNITS:
        one.svc.add_signer(_der(world, u))
    one.svc.import_paths([world.out], PASSPHRASE)

    got = world.reload() and world.state()
    assert not [r for r in got["receipts"] if r[1] == "quarantined"]  # approval merged every SCT-01 package
    assert _merged(got) == _merged(one.state())
