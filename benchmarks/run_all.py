"""Runs every benchmark with modest sizes and prints their figures (`make bench`).

Bigger runs: each script has its own options, e.g.
    .venv/bin/python benchmarks/bench_import.py --count 10000 --workdir /tmp/bench
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(*args: str) -> None:
    print(f"\n$ {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, *args], check=True)


def main() -> None:
    run(str(HERE / "bench_startup.py"))
    run(str(HERE / "bench_edit.py"))
    run(str(HERE / "bench_package.py"))
    run(str(HERE / "bench_hostile.py"))
    run(str(HERE / "bench_wayback.py"), "--units", "6")
    run(str(HERE / "bench_gui.py"))
    with tempfile.TemporaryDirectory() as d:
        run(str(HERE / "bench_import.py"), "--count", "1000", "--workdir", d)


if __name__ == "__main__":
    main()
