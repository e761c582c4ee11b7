"""Autosave speed: one cell of a 500-row table edited at a time, on a real SQLite file (synchronous FULL).

    .venv/bin/python benchmarks/bench_edit.py [--rows 500] [--edits 300]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from reportdesk.domain.forms import check_form_file
from reportdesk.store.db import Store
from reportdesk.store.reports import ReportRepo

FORM_FILE = Path(__file__).resolve().parents[1] / "tests" / "foundation" / "fixtures" / "thu-nghiem.v1.yaml"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=500)
    ap.add_argument("--edits", type=int, default=300)
    a = ap.parse_args()
    form, _ = check_form_file(FORM_FILE)
    with tempfile.TemporaryDirectory() as d:
        store = Store.open(Path(d))
        repo = ReportRepo(store, lambda fid, v: form)
        r = repo.create("SCT-01", form, "2026")
        rows = [{"name": f"Cụm công nghiệp số {i}", "occupancy": 50, "wwtp": "co", "capacity": 1000 + i, "flow": 500} for i in range(a.rows)]
        t0 = time.perf_counter()
        repo.replace_answers(r.id, {"clusters": rows})
        fill = time.perf_counter() - t0
        times = []
        for k in range(a.edits):
            t = time.perf_counter()
            repo.set_cell(r.id, "clusters", (k * 37) % a.rows, "flow", 400 + k)
            times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for _ in range(20):
            repo.undo(r.id)
        undo = (time.perf_counter() - t) / 20
        times.sort()
        print(f"table of {a.rows} rows: whole fill {fill * 1000:.1f} ms")
        print(f"cell edit (autosave, one transaction, fsync): median {times[len(times) // 2] * 1000:.2f} ms, "
              f"p95 {times[int(len(times) * 0.95)] * 1000:.2f} ms, {len(times) / sum(times):.0f} edits/s")
        print(f"undo: {undo * 1000:.2f} ms each")
        store.dispose()


if __name__ == "__main__":
    main()
