"""backup / restore through the real command line."""

import json
import sqlite3
import threading
import zipfile

from rdtest import PASSPHRASE, run_cli
from reportdesk.store.db import Store


def test_backup_while_writing_then_restore_gives_back_the_data(tmp_path, passphrase_file):
    d = tmp_path / "data"
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(passphrase_file), data_dir=d, check=True)
    store = Store.open(d)
    stop = threading.Event()

    def writer():
        i = 0
        while not stop.is_set():
            store.set_meta(f"k{i % 50}", "x" * 1000)
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    try:
        out = tmp_path / "sao-luu.zip"
        run_cli("backup", str(out), data_dir=d, check=True)
    finally:
        stop.set()
        t.join()
    store.set_meta("after_backup", "1")
    store.dispose()
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"store.sqlite", "identity/key.pem", "identity/cert.pem", "backup.json"} <= names
        assert b"ENCRYPTED" in z.read("identity/key.pem")
    p = run_cli("restore", str(out), data_dir=d, check=True)
    assert "Dữ liệu trước đó được giữ tại" in p.stdout
    con = sqlite3.connect(d / "store.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("select value from meta where key='unit_code'").fetchone()[0] == "SCT-01"
    assert con.execute("select count(*) from meta where key='after_backup'").fetchone()[0] == 0
    con.close()
    kept = [x for x in tmp_path.iterdir() if x.name.startswith("data.truoc-khoi-phuc-")]
    assert len(kept) == 1 and (kept[0] / "store.sqlite").exists()


def test_a_tampered_backup_is_refused_and_nothing_changes(tmp_path, passphrase_file):
    d = tmp_path / "data"
    run_cli("setup", "unit", "--unit", "SCT-79", "--passphrase-file", str(passphrase_file), data_dir=d, check=True)
    out = tmp_path / "b.zip"
    run_cli("backup", str(out), data_dir=d, check=True)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out) as zin, zipfile.ZipFile(bad, "w") as zout:
        for n in zin.namelist():
            data = zin.read(n)
            if n == "identity/cert.pem":
                data = data.replace(b"A", b"B", 1)
            zout.writestr(n, data)
    before = sorted(p.name for p in tmp_path.iterdir())
    p = run_cli("restore", str(bad), data_dir=d)
    assert p.returncode == 1 and "identity/cert.pem" in p.stderr
    assert sorted(x.name for x in tmp_path.iterdir()) == before
    p = run_cli("restore", str(tmp_path / "none.zip"), data_dir=d)
    assert p.returncode == 1 and "Traceback" not in p.stderr
