"""What tests share (imported as `from rdtest import ...`: a module name no conftest shadows)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HANG_GUARD = 900  # seconds: a bound against hangs, far above what any command needs

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
