"""A process killed (SIGKILL) at any moment of an import, then restarted, ends exactly as an import that
was never interrupted, with PRAGMA integrity_check ok."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

from cryptography.hazmat.primitives import serialization

from reportdesk.consolidate.synthetic import vn_time

UNITS = ("SCT-01", "SCT-04", "SCT-22", "CUC-HC")


def _prepare(world):
    for u in UNITS:
        world.svc.add_signer(world.ids[u].cert.public_bytes(serialization.Encoding.DER))


def _nothing_half_merged(world) -> None:
    """The store as a kill left it: intact, and every package either wholly merged or not at all."""
    import sqlite3

    con = sqlite3.connect(world.data_dir / "store.sqlite")
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if not con.execute("select 1 from sqlite_master where name='receipts'").fetchone():
            return
        for rid, state, report_id in con.execute("select id, state, report_id from receipts"):
            if state in ("current", "superseded", "stale"):
                assert report_id is not None, f"receipt {rid} ({state}) without its report"
                assert con.execute("select count(*) from answers where report_id=?", (report_id,)).fetchone()[0] > 0
        orphans = con.execute("select count(*) from reports where origin='imported' and id not in "
                              "(select report_id from receipts where report_id is not null)").fetchone()[0]
        assert orphans == 0, "a received report without its receipt"
        doubles = con.execute("select count(*) from (select 1 from receipts where state='current' "
                              "group by unit_code, form_id, period having count(*) > 1)").fetchone()[0]
        assert doubles == 0, "two current revisions of one report"
    finally:
        con.close()


def _received(world) -> int:
    return sum(1 for p in (world.data_dir / "received").rglob("*") if p.is_file())


def _start(world, *extra):
    cmd = [sys.executable, "-m", "reportdesk", "import", str(world.out), "--data-dir", str(world.data_dir),
           "--passphrase-file", str(world.passphrase_file), *extra]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)


def test_kill_9_at_random_points_then_import_again(world, make_world, tmp_path):
    rng = random.Random(20261124)
    _prepare(world)
    order = [(u, rev) for rev in range(1, 9) for u in UNITS]
    rng.shuffle(order)
    for i, (u, rev) in enumerate(order):
        world.package(u, revision=rev, created_at=vn_time(2026, 11, 1 + rev, 8 + i % 10), name=f"{i:03d}_{u}_r{rev}.rdpkg")
    (world.out / "zz-junk.rdpkg").write_bytes(b"junk")
    world.package("TCT-HABECO", name="zz-unknown-signer.rdpkg")

    reference = make_world(tmp_path / "reference")
    _prepare(reference)
    reference.svc.import_paths([world.out], reference.passphrase_file.read_text().strip())
    expected = reference.state()

    world.svc.close()
    world.ctx.close()
    kills = 0
    for attempt in range(4):
        extra = ("--workers", "2") if attempt % 2 else ("--workers", "1")
        proc = _start(world, *extra)
        if attempt < 2:
            # after a random number of finished files
            for _ in range(rng.randint(1, 12)):
                if not proc.stdout.readline():
                    break
        else:
            # as soon as the import has kept the original bytes of a few more packages (kept before anything
            # else happens): the kill lands between keeping a package and merging it, or inside a merge
            target = _received(world) + rng.randint(1, 4)
            deadline = time.monotonic() + 900  # hang guard only
            while proc.poll() is None and _received(world) < target and time.monotonic() < deadline:
                time.sleep(0.005)  # polling the condition
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=900)
        proc.stdout.close()
        proc.stderr.close()
        _nothing_half_merged(world)
    assert kills >= 2
    proc = _start(world)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 1, err.decode()  # the junk file is rejected every time
    world.reload()
    assert world.state() == expected
    assert world.ctx.store().integrity_check() == "ok"
