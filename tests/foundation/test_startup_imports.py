"""A headless command loads only what it needs (issue 14, "Fast headless start").

Behaviour, not timing (the figures are in benchmarks/bench_startup.py): `-X importtime` lists every
module a process imported; `--version` must not load the database, crypto, office or Qt libraries, and
a command that reads an up-to-date store must not load the migration tool."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from rdtest import run_cli

HEAVY = ("sqlalchemy", "alembic", "cryptography", "openpyxl", "docx", "PySide6", "shiboken6", "yaml", "pydantic")


def imported(*args: str) -> tuple[subprocess.CompletedProcess, set[str]]:
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "reportdesk", *args],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    mods = set()
    for line in p.stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                mods.add(name)
    return p, mods


def tops(mods: set[str]) -> set[str]:
    return {m.split(".")[0] for m in mods}


def test_version_imports_no_heavy_library():
    p, mods = imported("--version")
    assert p.returncode == 0 and p.stdout.strip().startswith("reportdesk ")
    assert "reportdesk.cli" in mods  # the list is real: our own modules are in it
    assert not tops(mods) & set(HEAVY), sorted(tops(mods) & set(HEAVY))
    assert not {m for m in mods if m.startswith(("reportdesk.store", "reportdesk.package", "reportdesk.commands",
                                                    "reportdesk.services", "reportdesk.domain"))}


def test_version_is_the_same_wherever_the_global_options_are(tmp_path):
    a = run_cli("--version")
    b = run_cli("--version", data_dir=tmp_path)
    assert a.returncode == b.returncode == 0 and a.stdout == b.stdout and a.stdout.startswith("reportdesk ")
    assert not (tmp_path / "logs").exists()  # nothing written for --version


def test_forms_list_loads_no_store_crypto_or_office(tmp_path):
    p, mods = imported("forms", "list", "--data-dir", str(tmp_path))
    assert p.returncode == 0 and "bc-sct" in p.stdout
    assert not tops(mods) & {"sqlalchemy", "alembic", "cryptography", "openpyxl", "docx", "PySide6"}


def test_report_show_on_an_up_to_date_store_needs_no_migration_tool_nor_crypto(tmp_path, passphrase_file):
    data = tmp_path / "d"
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(passphrase_file), data_dir=data, check=True)
    rid = run_cli("report", "new", "--form", "bc-sct", "--period", "2026", data_dir=data, check=True).stdout.strip()
    run_cli("report", "fill", rid, "--json", str(_answers(tmp_path)), data_dir=data, check=True)
    p, mods = imported("report", "show", rid, "--data-dir", str(data))
    assert p.returncode == 0 and f"Báo cáo {rid}" in p.stdout and "Cụm công nghiệp Phú Nghĩa" in p.stdout, p.stderr
    # read with sqlite3 alone: not even SQLAlchemy
    assert not tops(mods) & {"sqlalchemy", "alembic", "cryptography", "openpyxl", "docx", "PySide6"}, sorted(tops(mods))
    # and what it reads is what the store gives
    from reportdesk.app import AppContext

    ctx = AppContext(data, interactive=False)
    try:
        expected = ctx.reports.get(int(rid)).to_json()
    finally:
        ctx.close()
    p, mods = imported("report", "show", rid, "--json", "--data-dir", str(data))
    assert json.loads(p.stdout) == json.loads(json.dumps(expected, ensure_ascii=False, default=str))
    assert "sqlalchemy" not in tops(mods)


def test_report_show_of_a_store_not_at_the_head_goes_through_the_store(tmp_path, passphrase_file):
    data = tmp_path / "d"
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(passphrase_file), data_dir=data, check=True)
    rid = run_cli("report", "new", "--form", "bc-sct", "--period", "2026", data_dir=data, check=True).stdout.strip()
    from alembic import command

    from reportdesk.store import db as storedb

    store = storedb.Store.open(data)
    with store.engine.begin() as conn:  # as if made by an older app
        cfg = storedb._alembic_config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003_consolidation")
    store.dispose()
    p, mods = imported("report", "show", rid, "--data-dir", str(data))
    assert p.returncode == 0 and f"Báo cáo {rid}" in p.stdout, p.stderr
    assert "alembic" in tops(mods)  # migrated on the way, as every store opening does


def _answers(tmp_path):
    f = tmp_path / "answers.json"
    f.write_text(json.dumps({"answers": {"ccn": [{"ten": "Cụm công nghiệp Phú Nghĩa"}]}}, ensure_ascii=False),
                 encoding="utf-8")
    return f
