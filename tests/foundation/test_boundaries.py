"""The architecture's import boundaries are contracts checked by import-linter, and they bite."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def lint(root: Path) -> subprocess.CompletedProcess:
    exe = Path(sys.executable).with_name("lint-imports")
    return subprocess.run([str(exe), "--no-cache"], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root / "src"), "PATH": "/usr/bin:/bin"})


def test_contracts_hold_on_the_code():
    p = lint(REPO)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Contracts: " in p.stdout and "broken" in p.stdout and " 0 broken" in p.stdout


def test_a_qt_import_in_domain_breaks_the_contract(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    (copy / "src" / "reportdesk" / "domain" / "sneaky.py").write_text("from PySide6 import QtCore\n")
    p = lint(copy)
    assert p.returncode != 0
    assert "reportdesk.domain.sneaky -> PySide6" in p.stdout
