"""The architecture's import boundaries are contracts checked by import-linter, and they bite."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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


def _lint_with(tmp_path: Path, module: str, source: str) -> subprocess.CompletedProcess:
    """Lints a copy of the code with ``source`` planted in module ``module`` (new, or added to it)."""
    copy = tmp_path / "repo"
    shutil.copytree(REPO / "src", copy / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", copy / "pyproject.toml")
    parts = module.split(".")
    target = copy / "src" / Path(*parts[:-1]) / f"{parts[-1]}.py"
    old = target.read_text() if target.exists() else ""  # an existing module gets the line added
    target.write_text(old + "\n" + source)
    return lint(copy)


def _broken(p: subprocess.CompletedProcess) -> set[str]:
    return {line.rsplit(" BROKEN", 1)[0].strip() for line in p.stdout.splitlines() if line.rstrip().endswith("BROKEN")}


@pytest.mark.parametrize(("module", "source", "contract", "arrow"), [
    # the window reaching into the command line
    ("reportdesk.ui.sneaky", "from reportdesk.commands.common import print_json\n",
     "the window never imports the command line", "reportdesk.ui.sneaky -> reportdesk.commands.common"),
    # a use case printing through the command layer
    ("reportdesk.services.sneaky", "from reportdesk.commands import report\n",
     "services import neither the command line nor the window", "reportdesk.services.sneaky -> reportdesk.commands"),
    # the shared context, a shared helper or a lower layer importing a command module
    ("reportdesk.app", "import reportdesk.commands.setup\n",
     "nothing but the command line imports the command modules", "reportdesk.app -> reportdesk.commands.setup"),
    ("reportdesk.errors", "import reportdesk.commands.setup\n",
     "nothing but the command line imports the command modules", "reportdesk.errors -> reportdesk.commands.setup"),
    ("reportdesk.store.sneaky", "import reportdesk.commands.setup\n",
     "nothing but the command line imports the command modules", "reportdesk.store.sneaky -> reportdesk.commands.setup"),
])
def test_a_forbidden_import_of_the_faces_breaks_its_contract(tmp_path, module, source, contract, arrow):
    p = _lint_with(tmp_path, module, source)
    assert p.returncode != 0, p.stdout
    assert contract in _broken(p), p.stdout
    assert arrow in p.stdout, p.stdout


@pytest.mark.parametrize(("module", "source", "arrow"), [
    ("reportdesk.consolidate.sneaky", "from reportdesk.services import reports\n",
     "reportdesk.consolidate.sneaky -> reportdesk.services.reports"),
    ("reportdesk.store.sneaky", "from reportdesk.exports import workbook\n",
     "reportdesk.store.sneaky -> reportdesk.exports.workbook"),
    ("reportdesk.domain.sneaky", "import reportdesk.store.db\n",
     "reportdesk.domain.sneaky -> reportdesk.store.db"),
    ("reportdesk.services.sneaky", "import reportdesk.cli\n",
     "reportdesk.services.sneaky -> reportdesk.cli"),
    ("reportdesk.consolidate.sneaky", "from reportdesk.app import AppContext\n",
     "reportdesk.consolidate.sneaky -> reportdesk.app"),
    ("reportdesk.package.sneaky", "import reportdesk.store.models\n",
     "reportdesk.package.sneaky -> reportdesk.store.models"),
])
def test_an_upward_import_breaks_the_layers(tmp_path, module, source, arrow):
    p = _lint_with(tmp_path, module, source)
    assert p.returncode != 0, p.stdout
    assert "layers: arrows only downward" in _broken(p), p.stdout
    assert arrow in p.stdout, p.stdout
