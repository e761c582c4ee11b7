"""Suite-wide set-up: Qt offscreen, a real reportdesk command line in subprocesses, real data dirs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# The suite must not depend on the machine's speed: no per-example deadline and no "too slow" health
# check (a loaded 2-core machine runs examples many times slower). Bounds on subprocesses below are
# hang guards only, far above what any command needs.
settings.register_profile("reportdesk", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile("reportdesk")
HANG_GUARD = 900

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("REPORTDESK_PASSPHRASE", None)
os.environ.pop("REPORTDESK_DATA_DIR", None)

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "mật-khẩu-thử-nghiệm-2026"


def run_cli(*args: str, data_dir: Path | None = None, input: str | None = None, env: dict | None = None,
            check: bool = False, timeout: float = HANG_GUARD) -> subprocess.CompletedProcess:
    """Runs the real command line (`python -m reportdesk`) in a subprocess."""
    cmd = [sys.executable, "-m", "reportdesk", *args]
    if data_dir is not None:
        cmd += ["--data-dir", str(data_dir)]
    e = dict(os.environ)
    e.pop("REPORTDESK_PASSPHRASE", None)
    e["PYTHONIOENCODING"] = "utf-8"
    if env:
        e.update(env)
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", input=input, env=e, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"{' '.join(args)} -> {proc.returncode}\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def passphrase_file(tmp_path: Path) -> Path:
    p = tmp_path / "passphrase.txt"
    p.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return p
