"""Start-up time of headless commands: each a fresh `python -m reportdesk` process, median of N runs.

    .venv/bin/python benchmarks/bench_startup.py [--runs 10]

Targets (issue 14): `--version` <= 0.15 s, `forms list` <= 0.4 s, `report show ID` <= 0.6 s (on a unit
store with a filled report, set up here in a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PASSPHRASE = "bench-startup-2026"
TARGETS = {"--version": 0.15, "forms list": 0.4, "report show ID": 0.6}


PYCACHE = tempfile.mkdtemp(prefix="bench-startup-pycache-")


def _env() -> dict:
    """As an installed app runs: with bytecode (a shell with PYTHONDONTWRITEBYTECODE would otherwise
    compile every module at every start). The bytecode goes to a temporary folder, not the source tree."""
    e = dict(os.environ)
    e.pop("REPORTDESK_DATA_DIR", None)
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e["PYTHONPYCACHEPREFIX"] = PYCACHE
    e["PYTHONIOENCODING"] = "utf-8"
    return e


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "reportdesk", *args], capture_output=True, text=True,
                       encoding="utf-8", env=_env())
    if check and p.returncode != 0:
        raise SystemExit(f"reportdesk {' '.join(args)} -> {p.returncode}\n{p.stdout}\n{p.stderr}")
    return p


def _children_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def timed(args: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU (user + system) seconds of each run; CPU time says less about the other
    processes sharing the machine."""
    cli(*args)  # once untimed: the OS file cache warm, bytecode written
    wall, cpu = [], []
    for _ in range(runs):
        c, t = _children_cpu(), time.perf_counter()
        cli(*args)
        wall.append(time.perf_counter() - t)
        cpu.append(_children_cpu() - c)
    return wall, cpu


def make_store(root: Path) -> tuple[Path, int]:
    """A unit store (SCT-01) with a bc-sct report for 2026 filled with realistic synthetic answers."""
    from reportdesk.app import AppContext
    from reportdesk.consolidate.synthetic import answers_for

    data = root / "unit"
    pf = root / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    cli("setup", "unit", "--unit", "SCT-01", "--data-dir", str(data), "--passphrase-file", str(pf))
    rid = int(cli("report", "new", "--form", "bc-sct", "--period", "2026", "--data-dir", str(data)).stdout.strip())
    ctx = AppContext(data, interactive=False)
    answers = answers_for(ctx.forms.latest("bc-sct"), "SCT-01", random.Random(14), 2026)
    ctx.close()
    f = root / "answers.json"
    f.write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")
    cli("report", "fill", str(rid), "--json", str(f), "--data-dir", str(data))
    return data, rid


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    print(f"python: {sys.executable}; runs per command: {a.runs} (median, min, max in seconds)")
    with tempfile.TemporaryDirectory() as d:
        data, rid = make_store(Path(d))
        cases = {
            "--version": ["--version"],
            "forms list": ["forms", "list", "--data-dir", str(data)],
            "report show ID": ["report", "show", str(rid), "--data-dir", str(data)],
        }
        ok = True
        for name, args in cases.items():
            t, cpu = timed(args, a.runs)
            med = statistics.median(t)
            target = TARGETS[name]
            verdict = "ok" if med <= target else "OVER TARGET"
            ok &= med <= target
            print(f"reportdesk {name:<16} median {med:.3f}  min {min(t):.3f}  max {max(t):.3f}  "
                  f"cpu median {statistics.median(cpu):.3f}  (target <= {target:.2f})  {verdict}")
    shutil.rmtree(PYCACHE, ignore_errors=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    print("all within target" if ok else "some over target")


if __name__ == "__main__":
    main()
