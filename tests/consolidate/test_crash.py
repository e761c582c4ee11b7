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
            time.sleep(rng.uniform(0.3, 2.5))  # at a random moment (start-up, key, decrypting, merging)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            kills += 1
        proc.wait(timeout=900)
        proc.stdout.close()
        proc.stderr.close()
    assert kills >= 2
    proc = _start(world)
    out, err = proc.communicate(timeout=900)
    assert proc.returncode == 1, err.decode()  # the junk file is rejected every time
    world.reload()
    assert world.state() == expected
    assert world.ctx.store().integrity_check() == "ok"
