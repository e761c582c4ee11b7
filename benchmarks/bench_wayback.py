"""The way back (issue 11): time to write every receipt of a demo period at Cục ATMT, and to import
them at the units; sizes of the files. Prints figures; asserts nothing about speed.

    .venv/bin/python benchmarks/bench_wayback.py [--units 12]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from reportdesk.app import AppContext
from reportdesk.services.demo import PASSPHRASE, build_demo
from reportdesk.services.wayback import import_inbox, write_receipts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=12)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-wayback-") as d:
        t = time.perf_counter()
        demo = build_demo(Path(d) / "demo", units=args.units)
        print(f"demo of {args.units} units built in {time.perf_counter() - t:.1f} s")
        actx = AppContext(demo.atmt, demo.passphrase_file, interactive=False)
        out = Path(d) / "receipts"
        try:
            t = time.perf_counter()
            res = write_receipts(actx, demo.period, out, PASSPHRASE)
            dt_write = time.perf_counter() - t
        finally:
            actx.close()
        n = len(res.written)
        sizes = [m.path.stat().st_size for m in res.written]
        print(f"receipt write: {n} receipts in {dt_write:.2f} s ({1000 * dt_write / max(n, 1):.0f} ms each, "
              f"key unlock included); size median {statistics.median(sizes) if sizes else 0:.0f} B")
        by_unit: dict[str, list[Path]] = {}
        for m in res.written:
            by_unit.setdefault(m.unit_code, []).append(m.path)
        times, applied = [], 0
        for code, files in by_unit.items():
            uctx = AppContext(Path(d) / "demo" / "units" / code, demo.passphrase_file, interactive=False)
            try:
                t = time.perf_counter()
                outs = import_inbox(uctx, files, PASSPHRASE)
                times.append((time.perf_counter() - t) / len(files))
                applied += sum(o.outcome == "applied" for o in outs)
            finally:
                uctx.close()
        print(f"inbox import: {applied}/{n} applied at {len(by_unit)} units; "
              f"{1000 * statistics.median(times) if times else 0:.0f} ms per receipt (median, key unlock included)")


if __name__ == "__main__":
    main()
