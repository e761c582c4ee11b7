"""A consolidation office on one PostgreSQL store (issue 13): setting up a new office store, a second
PC joining it with the office's identity, what is refused, and moving a one-PC SQLite store onto the
server row for row. Needs a PostgreSQL server (--store-url / $REPORTDESK_TEST_PG); deselected without."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import psycopg
from sqlalchemy.engine import make_url

from reportdesk.package.identity import save_identity

from .conftest import PASSPHRASE, World


def _plain(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def test_new_office_store_then_a_second_pc_joins_and_sees_the_same_store(pg_databases, tmp_path, cli, identities):
    url = _plain(pg_databases.new())
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    first = tmp_path / "pc1"
    save_identity(first, identities["ATMT"], PASSPHRASE)  # the Cục's identity, which the units encrypt to
    r = cli("setup", "atmt", "--store-url", url, "--passphrase-file", str(pw), data_dir=first, check=True)
    assert "Đã tạo kho tổng hợp dùng chung" in r.stdout
    settings = json.loads((first / "settings.json").read_text(encoding="utf-8"))
    assert settings == {"store_url": url}
    assert not (first / "store.sqlite").exists()

    # a second PC: without the office identity it is refused, and nothing is written
    second = tmp_path / "pc2"
    r = cli("setup", "atmt", "--store-url", url, "--passphrase-file", str(pw), data_dir=second)
    assert r.returncode == 1 and "identity import" in r.stderr and not (second / "settings.json").exists()
    p12, p12pw = tmp_path / "cuc.p12", tmp_path / "p12.pw"
    p12pw.write_text("mật-khẩu-p12-văn-phòng\n", encoding="utf-8")
    cli("identity", "export-p12", str(p12), "--p12-password-file", str(p12pw), "--passphrase-file", str(pw),
        data_dir=first, check=True)
    assert p12.stat().st_mode & 0o077 == 0
    cli("identity", "import", str(p12), "--p12-password-file", str(p12pw), "--passphrase-file", str(pw),
        data_dir=second, check=True)
    shared = tmp_path / "Máy chủ tệp" / "gói đã nhận"
    r = cli("setup", "atmt", "--store-url", url, "--received-dir", str(shared), "--passphrase-file", str(pw),
            data_dir=second)
    assert r.returncode == 1 and "không tồn tại" in r.stderr and not (second / "settings.json").exists()
    shared.mkdir(parents=True)
    r = cli("setup", "atmt", "--store-url", url, "--received-dir", str(shared), "--passphrase-file", str(pw),
            data_dir=second, check=True)
    assert "Đã tham gia kho tổng hợp dùng chung" in r.stdout
    assert json.loads((second / "settings.json").read_text(encoding="utf-8"))["received_dir"] == str(shared)

    # a package imported on the first PC is seen on the second
    w = World(tmp_path / "units", identities)
    pkg = w.package("SCT-01")
    w.ctx.close()
    r = cli("import", str(pkg), "--json", "--passphrase-file", str(pw), data_dir=first)
    assert json.loads(r.stdout.splitlines()[0])["outcome"] == "quarantined"
    r = cli("trust", "list", "--json", data_dir=second, check=True)
    assert "SCT-01" in r.stdout
    # the second PC keeps what it receives in the office's shared folder, not in its own data dir
    w = World(tmp_path / "units-2", identities)
    pkg2 = w.package("SCT-04")
    w.ctx.close()
    r = cli("import", str(pkg2), "--json", "--passphrase-file", str(pw), data_dir=second)
    assert json.loads(r.stdout.splitlines()[0])["outcome"] == "quarantined"
    assert [p.name for p in shared.iterdir()] == [hashlib.sha256(pkg2.read_bytes()).hexdigest()]
    assert not any((second / "received").iterdir())

    # a PC with another identity is refused
    third = tmp_path / "pc3"
    save_identity(third, identities["OTHER-ATMT"], PASSPHRASE)
    r = cli("setup", "atmt", "--store-url", url, "--passphrase-file", str(pw), data_dir=third)
    assert r.returncode == 1 and "không phải định danh của kho tổng hợp" in r.stderr
    assert not (third / "settings.json").exists()


def test_a_database_that_is_not_a_reportdesk_store_is_refused(pg_databases, tmp_path, cli):
    url = _plain(pg_databases.new())
    with psycopg.connect(url, autocommit=True) as c:
        c.execute("CREATE TABLE customers (id int)")
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n", encoding="utf-8")
    r = cli("setup", "atmt", "--store-url", url, "--passphrase-file", str(pw), data_dir=tmp_path / "pc")
    assert r.returncode == 1 and "không phải kho dữ liệu reportdesk" in r.stderr
    assert not (tmp_path / "pc" / "settings.json").exists()
    with psycopg.connect(url) as c:
        assert [x[0] for x in c.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")] == ["customers"]
    r = cli("setup", "atmt", "--store-url", make_url(url).set(password="bí-mật").render_as_string(hide_password=False),
            "--passphrase-file", str(pw), data_dir=tmp_path / "pc")
    assert r.returncode == 1 and "~/.pgpass" in r.stderr


def _sqlite_rows(path):
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {t: sorted(con.execute(f'SELECT * FROM "{t}"').fetchall(), key=repr) for t in tables}
    finally:
        con.close()


def test_store_migrate_copies_a_sqlite_store_whole_and_keeps_the_file_aside(pg_databases, tmp_path, cli, identities):
    w = World(tmp_path, identities)  # one PC, SQLite
    from cryptography.hazmat.primitives.serialization import Encoding as E
    w.svc.add_signer(identities["SCT-04"].cert.public_bytes(E.DER))
    for rev in (1, 2):
        w.package("SCT-04", revision=rev)
    w.package("SCT-22")  # signer unknown: quarantined, its payload kept
    w.import_()
    before = w.state()
    log_before = [(e.file, e.outcome, e.reason) for e in w.svc.import_log()]
    meta_before = w.ctx.store().all_meta()
    w.svc.close()
    w.ctx.close()
    rows_before = _sqlite_rows(w.data_dir / "store.sqlite")

    # a database that is not empty is refused; the data dir stays on SQLite
    busy = _plain(pg_databases.new())
    with psycopg.connect(busy, autocommit=True) as c:
        c.execute("CREATE TABLE x (id int)")
    r = cli("store", "migrate", "--to", busy, data_dir=w.data_dir)
    assert r.returncode == 1 and "không trống" in r.stderr
    assert (w.data_dir / "store.sqlite").exists() and not (w.data_dir / "settings.json").exists()

    url = _plain(pg_databases.new())
    r = cli("store", "migrate", "--to", url, data_dir=w.data_dir, check=True)
    assert "đã đối chiếu từng dòng" in r.stdout
    assert not (w.data_dir / "store.sqlite").exists()
    kept = list(w.data_dir.glob("store.sqlite.truoc-chuyen-postgresql-*"))
    assert len(kept) == 1 and _sqlite_rows(kept[0]) == rows_before  # kept aside, its rows untouched
    assert json.loads((w.data_dir / "settings.json").read_text(encoding="utf-8")) == {"store_url": url}

    svc = w.reload()
    assert svc.store.engine.dialect.name == "postgresql"
    assert w.state() == before
    assert [(e.file, e.outcome, e.reason) for e in svc.import_log()] == log_before
    assert {k: v for k, v in w.ctx.store().all_meta().items() if k != "atmt_fingerprint"} == meta_before
    # the copy keeps working: new rows get new ids (the counters follow the copied ones)
    w.package("SCT-04", revision=3)
    res = w.import_()
    assert sorted(o.outcome for o in res.outcomes) == ["accepted", "duplicate", "duplicate", "duplicate"]
    cur = [r for r in w.state()["receipts"] if r[1] == "current"]
    assert [(r[2], r[3]) for r in cur] == [(3, "SCT-04")]
    r = cli("store", "migrate", "--to", url, data_dir=w.data_dir)
    assert r.returncode == 1 and "đã ở trên PostgreSQL" in r.stderr


def test_backup_of_a_postgresql_store_while_another_officer_imports_then_restore(pg_databases, tmp_path, cli, identities):
    import subprocess
    import sys
    import zipfile

    from cryptography.hazmat.primitives.serialization import Encoding as E

    w = World(tmp_path, identities, pg_databases.new())
    for u in ("SCT-01", "SCT-04", "SCT-22"):
        w.svc.add_signer(identities[u].cert.public_bytes(E.DER))
        w.package(u, revision=1)
    w.import_()
    for u in ("SCT-01", "SCT-04", "SCT-22"):  # a second officer imports these while the backup runs
        for rev in (2, 3, 4):
            w.package(u, revision=rev)
    imp = subprocess.Popen([sys.executable, "-m", "reportdesk", "import", str(w.out), "--workers", "1",
                            "--passphrase-file", str(w.passphrase_file), "--data-dir", str(w.data_dir)],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out = tmp_path / "office.zip"
    cli("backup", str(out), data_dir=w.data_dir, check=True)
    imp.communicate(timeout=600)
    assert imp.returncode == 0
    with zipfile.ZipFile(out) as z:
        assert {"store.pgdump.jsonl", "settings.json", "backup.json"} <= set(z.namelist())
        assert "store.sqlite" not in z.namelist()
    after_import = w.state()
    assert len(after_import["receipts"]) == 12

    r = cli("restore", str(out), data_dir=w.data_dir, check=True)
    svc = w.reload()
    restored = w.state()
    # a consistent snapshot: every report a receipt names is there, one current revision per report
    cur = [x for x in restored["receipts"] if x[1] == "current"]
    assert sorted(x[3] for x in cur) == ["SCT-01", "SCT-04", "SCT-22"]
    assert len(restored["reports"]) == len([x for x in restored["receipts"] if x[1] != "quarantined"])
    moved = [p for p in tmp_path.iterdir() if ".truoc-khoi-phuc-" in p.name]
    assert len(moved) == 1 and (moved[0] / "store.pgdump.jsonl").exists()  # the rows it held, kept
    assert "Dữ liệu trước đó được giữ tại" in r.stdout
    # importing again after the restore brings back what the backup did not hold, and nothing twice
    svc.import_paths([w.out], PASSPHRASE)
    assert w.state() == after_import
