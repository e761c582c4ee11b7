"""Hostile packages from a stranger: time and peak memory of opening each one (issue 14, defect 4).

    .venv/bin/python benchmarks/bench_hostile.py [--big-mb 200] [--entries 1000000]

Builds, in a temporary folder, real signed and encrypted packages addressed to a consolidation
identity, each signed by an unknown ("stranger") key:

* ``million``: a ZIP payload of ``--entries`` real (empty) entries — its end record tells the truth;
* ``claim``: a small ZIP whose zip64 end record claims ``--entries`` entries;
* ``big``: a ~``--big-mb`` MB package (one incompressible attachment);
* ``limit``: a package just under the package size limit, with an attachment (the most a package
  may legitimately cost);
* ``noattach``: a ~30 MB package without attachments (a 30 MB entry beside report.json).

Each is opened in a fresh process with ``open_package_file`` (what an import of one file does); the
script prints the outcome, the wall time and the peak RSS of that process (VmHWM) beside
the RSS of the same process before opening. The target: every peak under 300 MB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from pathlib import Path


def _stranger_and_atmt():
    from cryptography.hazmat.primitives.asymmetric import rsa

    from reportdesk.package.identity import generate_identity
    k = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    atmt = generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt", key=k)
    stranger = generate_identity("SCT-99", "Đơn vị lạ", "unit")
    return stranger, atmt


def _million_entry_zip(n: int) -> bytes:
    """A real ZIP whose central directory has n entries (one-byte names, all pointing at the one
    local entry: 47 bytes each, 47 MB for a million), written directly (zipfile would take minutes)."""
    crc = zlib.crc32(b"")
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0x21, crc, 0, 0, 1, 0) + b"a"
    entry = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21, crc, 0, 0, 1,
                        0, 0, 0, 0, 0o100644 << 16, 0) + b"a"
    cd = entry * n
    z64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, len(cd), len(local))
    loc = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(local) + len(cd), 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, min(n, 0xFFFF), min(n, 0xFFFF), 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return local + cd + z64 + loc + end


def _claim_zip(n: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", "{}")
    z = buf.getvalue()
    eocd = z.rfind(b"PK\x05\x06")
    _sig, _d, _cd, _h, _t, size, off, _c = struct.unpack("<4s4H2LH", z[eocd:eocd + 22])
    z64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, n, n, size, off)
    loc = struct.pack("<4sLQL", b"PK\x06\x07", 0, eocd, 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return z[:eocd] + z64 + loc + end


def build(folder: Path, big_mb: int, entries: int) -> dict[str, Path]:
    from reportdesk.package.format import DEFAULT_LIMITS, make_package, make_payload, seal_payload
    from reportdesk.package.identity import save_identity
    stranger, atmt = _stranger_and_atmt()
    save_identity(folder / "atmt", atmt, "bench-passphrase")
    rcpts = [atmt.cert, stranger.cert]
    report = {"unit_code": "SCT-99", "form_id": "bc-sct", "form_version": 1, "period": "2026", "revision": 1,
              "answers": {"officer": "x"}}
    out: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        out[name] = folder / f"{name}.rdpkg"
        out[name].write_bytes(data)

    put("million", seal_payload(_million_entry_zip(entries), stranger.key, stranger.cert, rcpts))
    put("claim", seal_payload(_claim_zip(entries), stranger.key, stranger.cert, rcpts))
    # make_package refuses to build it (over the limit): the low-level layers a stranger would use
    payload, _ = make_payload(report, signer_cert=stranger.cert, recipient_certs=rcpts,
                              attachments={"scan.pdf": os.urandom(big_mb * 1024 * 1024)})
    put("big", seal_payload(payload, stranger.key, stranger.cert, rcpts))
    del payload
    at_limit = DEFAULT_LIMITS.max_package_bytes - 64 * 1024
    put("limit", make_package(report, signer_key=stranger.key, signer_cert=stranger.cert, recipient_certs=[atmt.cert],
                              attachments={"scan.pdf": os.urandom(at_limit - 16 * 1024)}).data)
    # no attachment, but a 30 MB entry beside manifest.json and report.json
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("report.json", json.dumps(report))
        zf.writestr("junk.bin", os.urandom(30 * 1024 * 1024))
    put("noattach", seal_payload(buf.getvalue(), stranger.key, stranger.cert, rcpts))
    return out


def _hwm_mb() -> float:
    """Peak RSS of this process (VmHWM: unlike ru_maxrss, not inherited from the parent across fork)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure_one(folder: Path, path: Path) -> None:
    """Runs in the child: open one file, print one JSON line."""
    from reportdesk.package import PackageRejected
    from reportdesk.package.format import open_package_file
    from reportdesk.package.identity import load_identity
    ident = load_identity(folder / "atmt", "bench-passphrase")
    before = _hwm_mb()
    t0 = time.perf_counter()
    try:
        op = open_package_file(path, ident.key, ident.cert, now=dt.datetime.now(dt.timezone.utc))
        outcome = f"accepted ({len(op.attachments)} attachments)"
    except PackageRejected as exc:
        outcome = f"rejected: {exc.code}"
    took = time.perf_counter() - t0
    peak = _hwm_mb()
    print(json.dumps({"outcome": outcome, "seconds": took, "rss_before_mb": before, "peak_rss_mb": peak}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--big-mb", type=int, default=200)
    ap.add_argument("--entries", type=int, default=1_000_000)
    ap.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.child:
        measure_one(Path(a.child[0]), Path(a.child[1]))
        return
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d)
        t0 = time.perf_counter()
        files = build(folder, a.big_mb, a.entries)
        print(f"built {len(files)} packages in {time.perf_counter() - t0:.1f} s")
        worst = 0.0
        for name, path in files.items():
            p = subprocess.run([sys.executable, __file__, "--child", str(folder), str(path)],
                               capture_output=True, text=True, check=True)
            r = json.loads(p.stdout.strip().splitlines()[-1])
            worst = max(worst, r["peak_rss_mb"])
            print(f"{name:9s} {path.stat().st_size / 1e6:8.1f} MB  {r['outcome']:32s} {r['seconds']:7.3f} s  "
                  f"peak RSS {r['peak_rss_mb']:6.0f} MB (before opening {r['rss_before_mb']:.0f} MB)")
        print(f"worst peak RSS: {worst:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
