"""One desktop app per data dir, with real processes: a second start brings the first window to the front
and opens nothing itself; the command line reads beside the open window; a first app killed with -9
leaves no lock that keeps the next start out."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from rdtest import HANG_GUARD, run_cli

OPENED = "cửa sổ chính đã mở"
ASKED = "lần khởi động thứ hai cho cùng thư mục dữ liệu"


def _env(**extra) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONIOENCODING="utf-8")
    env.pop("REPORTDESK_GUI_SMOKE", None)
    env.update(extra)
    return env


def _gui(data_dir: Path, **env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reportdesk", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                            env=_env(**env))


def _log(data_dir: Path) -> str:
    p = data_dir / "logs" / "reportdesk.log"
    return p.read_text(encoding="utf-8") if p.exists() else ""


def _wait_for(cond, proc: subprocess.Popen, what: str) -> None:
    """Waits for a condition (polling); fails at once if the process ended, or at the hang guard."""
    deadline = time.monotonic() + HANG_GUARD
    while not cond():
        if proc.poll() is not None:
            out, err = proc.communicate()
            raise AssertionError(f"the app ended (code {proc.returncode}) before {what}:\n{out}\n{err}")
        assert time.monotonic() < deadline, f"hang guard: {what}"
        time.sleep(0.05)


def test_second_start_raises_the_first_window_and_cli_reads_beside_it(unit_dir: Path):
    first = _gui(unit_dir)
    try:
        _wait_for(lambda: OPENED in _log(unit_dir), first, "the first window opened")

        # the command line's read commands work beside the open window
        listed = run_cli("report", "list", data_dir=unit_dir)
        assert listed.returncode == 0, listed.stderr
        shown = run_cli("forms", "list", data_dir=unit_dir)
        assert shown.returncode == 0, shown.stderr

        # a second start: says so, brings the first window forward, opens no window of its own
        second = _gui(unit_dir, REPORTDESK_GUI_SMOKE="1")
        out, err = second.communicate(timeout=HANG_GUARD)
        assert second.returncode == 0, err
        assert "đang mở với thư mục dữ liệu này" in err and "đưa lên trước" in err
        log = _log(unit_dir)
        assert ASKED in log
        assert log.count(OPENED) == 1
        assert first.poll() is None  # the first app carries on
    finally:
        if first.poll() is None:
            os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=HANG_GUARD)

    # killed with -9: its lock is stale, the next start opens its window normally
    third = _gui(unit_dir, REPORTDESK_GUI_SMOKE="1")
    out, err = third.communicate(timeout=HANG_GUARD)
    assert third.returncode == 0, err
    assert "Traceback" not in err
    assert _log(unit_dir).count(OPENED) == 2


def test_another_data_dir_is_another_app(unit_dir: Path, tmp_path: Path):
    other = tmp_path / "khác"
    shutil.copytree(unit_dir, other)
    first = _gui(unit_dir)
    try:
        _wait_for(lambda: OPENED in _log(unit_dir), first, "the first window opened")
        second = _gui(other, REPORTDESK_GUI_SMOKE="1")
        _, err = second.communicate(timeout=HANG_GUARD)
        assert second.returncode == 0, err
        assert OPENED in _log(other) and ASKED not in _log(unit_dir)
    finally:
        os.kill(first.pid, signal.SIGKILL)
        first.communicate(timeout=HANG_GUARD)
