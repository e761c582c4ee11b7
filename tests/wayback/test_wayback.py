"""Issue 11, the way back from Cục ATMT, by files alone through the real command line: receipts, review
decisions, signed updates; every refusal of the issue's "Bad input"; stock OpenSSL opens each kind."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from rdtest import PASSPHRASE, REPO, run_cli
from reportdesk.package import PackageRejected
from reportdesk.package import cms
from reportdesk.package import identity as I
from reportdesk.package.messages import make_message, open_message

FIXTURE = REPO / "tests" / "foundation" / "fixtures" / "thu-nghiem.v1.yaml"
OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"
FP_RE = re.compile(r"(?:[0-9a-f]{4} ){15}[0-9a-f]{4}")
GOOD = {
    "officer": "Nguyễn Văn An",
    "plan_issued": True,
    "plan_doc": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03", "trich_yeu": "Kế hoạch thực hiện Chỉ thị 20"},
    "events": 3,
    "clusters": [{"name": "CCN Phú Nghĩa", "occupancy": 85, "wwtp": "co", "capacity": 2000, "flow": 1500}],
    "clusters_operating": 1,
}


def ok(*args, data_dir):
    return run_cli(*args, data_dir=data_dir, check=True)


def _fill(unit: Path, base: Path, rid: int, answers: dict) -> None:
    f = base / f"a{rid}.json"
    f.write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")
    ok("report", "fill", str(rid), "--json", str(f), data_dir=unit)


def _tree(d: Path) -> dict[str, bytes]:
    """Every file of a data dir but the log (what 'nothing changed' compares)."""
    return {str(p.relative_to(d)): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file() and "logs" not in p.parts and not p.name.endswith(("-wal", "-shm"))}


def _db_rows(d: Path) -> dict:
    import sqlite3

    con = sqlite3.connect(d / "store.sqlite")
    try:
        return {t: con.execute(f"SELECT * FROM {t}").fetchall()
                for t in ("inbox", "meta", "reports", "answers", "sent_packages")}
    finally:
        con.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    base = tmp_path_factory.mktemp("wayback")
    pf = base / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    atmt, unit, unit2 = base / "atmt", base / "unit", base / "unit2"
    env = {"REPORTDESK_PASSPHRASE": PASSPHRASE}
    run_cli("setup", "atmt", "--passphrase-file", str(pf), data_dir=atmt, check=True)
    for d, code in ((unit, "SCT-01"), (unit2, "SCT-79")):
        run_cli("setup", "unit", "--unit", code, "--passphrase-file", str(pf), data_dir=d, check=True)
    for d in (atmt, unit, unit2):
        (d / "forms").mkdir(exist_ok=True)
        shutil.copy(FIXTURE, d / "forms" / FIXTURE.name)
    cert = base / "atmt.pem"
    ok("cert", "export", str(cert), data_dir=atmt)
    for d in (unit, unit2):
        ok("recipient", "add", str(cert), data_dir=d)
    return {"base": base, "pf": pf, "atmt": atmt, "unit": unit, "unit2": unit2, "env": env, "atmt_cert": cert}


def cli(w, *args, data_dir, check=True):
    return run_cli(*args, "--passphrase-file", str(w["pf"]), data_dir=data_dir, check=check)


@pytest.fixture(scope="module")
def trip(world):
    """The round trip of the issue's "Done when", by files alone."""
    w = world
    base, atmt, unit = w["base"], w["atmt"], w["unit"]
    out = base / "files"
    out.mkdir()
    rid = int(ok("report", "new", "--form", "thu-nghiem", "--period", "2026", data_dir=unit).stdout.strip())
    _fill(unit, base, rid, GOOD)
    cli(w, "report", "export", str(rid), "--out", str(out / "r1.rdpkg"), data_dir=unit)
    p = cli(w, "import", str(out / "r1.rdpkg"), data_dir=atmt)
    fp = FP_RE.search(p.stdout + p.stderr)
    if "cách ly" in p.stdout or fp:
        signers = json.loads(ok("trust", "list", "--json", data_dir=atmt).stdout)
        for s in signers:
            cli(w, "trust", "approve", s["fingerprint"], data_dir=atmt)
    reports = json.loads(ok("report", "list", "--json", data_dir=atmt).stdout)
    atmt_r1 = [r for r in reports if r["unit_code"] == "SCT-01" and r["revision"] == 1][0]["id"]
    p = cli(w, "review", "return", str(atmt_r1), "--reason", "Thiếu số liệu cụm công nghiệp",
            "--comment", "chung/events=Số hội nghị chưa khớp với báo cáo quý",
            "--comment", "ccn/clusters/1/capacity=Công suất cần ghi theo giấy phép",
            "--out", str(out / "return.rdrev"), "--json", data_dir=atmt)
    ret = json.loads(p.stdout)
    p = cli(w, "inbox", "import", str(out / "return.rdrev"), data_dir=unit)
    st_returned = json.loads(ok("report", "inbox", str(rid), "--json", data_dir=unit).stdout)
    fixed = dict(GOOD, events=4, clusters=[dict(GOOD["clusters"][0], capacity=2100)])
    _fill(unit, base, rid, fixed)
    cli(w, "report", "export", str(rid), "--out", str(out / "r2.rdpkg"), data_dir=unit)
    cli(w, "import", str(out / "r2.rdpkg"), data_dir=atmt)
    reports = json.loads(ok("report", "list", "--json", data_dir=atmt).stdout)
    atmt_r2 = [r for r in reports if r["unit_code"] == "SCT-01" and r["revision"] == 2][0]["id"]
    cli(w, "review", "accept", str(atmt_r2), "--out", str(out / "accept.rdrev"), data_dir=atmt)
    rc = cli(w, "receipt", "write", "--period", "2026", "--out", str(out / "receipts"), "--json", data_dir=atmt)
    receipts = json.loads(rc.stdout)
    again = cli(w, "receipt", "write", "--period", "2026", "--out", str(out / "receipts2"), "--json", data_dir=atmt)
    imp = cli(w, "inbox", "import", str(out / "accept.rdrev"), str(out / "receipts"), data_dir=unit)
    st_final = json.loads(ok("report", "inbox", str(rid), "--json", data_dir=unit).stdout)
    return {**w, "out": out, "rid": rid, "ret": ret, "st_returned": st_returned, "receipts": receipts,
            "again": json.loads(again.stdout), "imp": imp, "st_final": st_final, "atmt_r1": atmt_r1}


# --- the round trip --------------------------------------------------------------------------------

def test_return_with_two_comments_reaches_the_unit_at_its_fields(trip):
    assert trip["ret"]["decision"] == "returned"
    st = trip["st_returned"]
    assert st["label"] == "Trả lại để chỉnh sửa: Thiếu số liệu cụm công nghiệp"
    assert st["decision"]["comments"] == [
        {"path": "chung/events", "text": "Số hội nghị chưa khớp với báo cáo quý"},
        {"path": "ccn/clusters/1/capacity", "text": "Công suất cần ghi theo giấy phép"}]


def test_service_places_comments_on_field_row_column(trip):
    from reportdesk.app import AppContext
    from reportdesk.services.wayback import inbox_state_for_report, parse_comment

    ctx = AppContext(trip["unit"])
    try:
        st = inbox_state_for_report(ctx, trip["rid"])
        form = ctx.forms.get("thu-nghiem", 1)
        cell = parse_comment(form, "ccn/clusters/1/capacity", "x")
        row = parse_comment(form, "ccn/clusters/2", "x")
    finally:
        ctx.close()
    assert (cell.field, cell.row, cell.column) == ("clusters", 0, "capacity")
    assert (row.field, row.row, row.column) == ("clusters", 1, None)
    # after revision 2 was accepted, the state is the accepted one, with the receipt of revision 2
    assert st.decision.decision == "accepted" and st.answered is False and st.comments == []
    assert st.receipt is not None and st.receipt.revision == 2


def test_the_next_export_names_the_return_it_answers(trip):
    # revision 2, opened with ATMT's key, carries the id of the decision in report.json
    from reportdesk.package import open_package_file

    atmt = I.load_identity(trip["atmt"], PASSPHRASE)
    r2 = open_package_file(trip["out"] / "r2.rdpkg", atmt.key, atmt.cert)
    assert r2.report["answers_review"] == trip["ret"]["message_id"]
    r1 = open_package_file(trip["out"] / "r1.rdpkg", atmt.key, atmt.cert)
    assert "answers_review" not in r1.report


def test_receipts_one_per_merged_revision_then_none(trip):
    names = sorted(Path(r["file"]).name for r in trip["receipts"])
    assert names == ["SCT-01_thu-nghiem_2026_r1.rdrcpt", "SCT-01_thu-nghiem_2026_r2.rdrcpt"]
    r = trip["receipts"][0]
    assert set(r) >= {"package_id", "unit_code", "form_id", "period", "revision", "package_sha256", "received_at",
                      "timeliness", "days_late"}
    assert r["timeliness"] in ("on_time", "late")
    assert trip["again"] == []


def test_unit_sees_received_and_accepted(trip):
    assert trip["imp"].stdout.count("đã áp dụng") == 3, trip["imp"].stdout
    st = trip["st_final"]
    assert st["label"].startswith("ATMT đã nhận lúc ")
    assert "đúng hạn" in st["label"] or "trễ hạn" in st["label"]
    assert st["decision"]["decision"] == "accepted" and st["receipt"]["revision"] == 2
    listing = json.loads(ok("inbox", "list", "--json", data_dir=trip["unit"]).stdout)
    assert sorted(e["kind"] for e in listing) == ["receipt", "receipt", "review", "review"]


def test_decision_kept_with_the_revision_when_a_newer_arrives(trip):
    from reportdesk.app import AppContext
    from reportdesk.services.wayback import review_decisions

    ctx = AppContext(trip["atmt"])
    try:
        ds = review_decisions(ctx, trip["atmt_r1"])
    finally:
        ctx.close()
    assert [(d.decision, d.revision, len(d.comments)) for d in ds] == [("returned", 1, 2), ("accepted", 2, 0)]


def test_printable_receipt(trip):
    from docx import Document

    f = sorted((trip["out"] / "receipts").glob("*_r2.rdrcpt"))[0]
    docx = trip["base"] / "bien-nhan.docx"
    ok("receipt", "print", str(f), "--out", str(docx), data_dir=trip["unit"])
    text = "\n".join(c.text for t in Document(docx).tables for row in t.rows for c in row.cells)
    assert "GIẤY BIÊN NHẬN" in "\n".join(p.text for p in Document(docx).paragraphs)
    assert "SCT-01" in text and trip["receipts"][1]["package_sha256"] in text


def test_printing_a_receipt_not_imported_is_refused(trip, tmp_path):
    f = sorted((trip["out"] / "receipts").glob("*_r1.rdrcpt"))[0]
    p = run_cli("receipt", "print", str(f), "--out", str(tmp_path / "x.docx"), data_dir=trip["unit2"])
    assert p.returncode == 1 and "chưa được nhập" in p.stderr and not (tmp_path / "x.docx").exists()


# --- bad input: refused with its reason, nothing changed -------------------------------------------

def _refused(w, data_dir: Path, file: Path, code_text: str):
    before, rows = _tree(data_dir), _db_rows(data_dir)
    p = cli(w, "inbox", "import", str(file), "--json", data_dir=data_dir, check=False)
    assert p.returncode == 1, p.stdout + p.stderr
    line = json.loads(p.stdout.strip().splitlines()[-1])
    assert line["outcome"] == "refused" and line["code"] == code_text, line
    assert line["reason"]
    assert _tree(data_dir) == before and _db_rows(data_dir) == rows
    return line


def test_replayed_receipt_refused(trip):
    f = sorted((trip["out"] / "receipts").glob("*_r2.rdrcpt"))[0]
    _refused(trip, trip["unit"], f, "replayed")


def test_receipt_of_another_unit_refused(trip):
    f = sorted((trip["out"] / "receipts").glob("*_r2.rdrcpt"))[0]
    _refused(trip, trip["unit2"], f, "not_for_us")


def test_receipt_reencrypted_to_another_unit_refused(trip, tmp_path):
    # SCT-01 opens its receipt and re-encrypts the signed content to SCT-79
    f = sorted((trip["out"] / "receipts").glob("*_r2.rdrcpt"))[0]
    u1 = I.load_identity(trip["unit"], PASSPHRASE)
    u2 = I.load_certificate(trip["unit2"])
    signed = cms.decrypt(cms.parse_envelope(f.read_bytes()), u1.key, u1.cert)
    forged = tmp_path / "re.rdrcpt"
    forged.write_bytes(cms.encrypt(cms.prepare_envelope([u2]), bytes(signed)))
    _refused(trip, trip["unit2"], forged, "recipient_mismatch")


def _atmt(trip):
    return I.load_identity(trip["atmt"], PASSPHRASE)


def test_receipt_signed_by_anyone_else_refused(trip, tmp_path):
    # a key pair that calls itself ATMT, not the pinned certificate
    fake = I.generate_identity("ATMT", "Cục An toàn môi trường", "atmt")
    body = dict(trip["receipts"][1])
    body.pop("file"), body.pop("message_id")
    built = make_message("receipt", body, signer_key=fake.key, signer_cert=fake.cert,
                         recipient_certs=[I.load_certificate(trip["unit"])], unit_code="SCT-01")
    f = tmp_path / "fake.rdrcpt"
    f.write_bytes(built.data)
    _refused(trip, trip["unit"], f, "untrusted_signer")


def test_receipt_for_a_package_never_sent_refused(trip, tmp_path):
    import uuid

    a = _atmt(trip)
    body = dict(trip["receipts"][1])
    body.pop("file"), body.pop("message_id")
    body["package_id"] = str(uuid.uuid4())
    built = make_message("receipt", body, signer_key=a.key, signer_cert=a.cert,
                         recipient_certs=[I.load_certificate(trip["unit"])], unit_code="SCT-01")
    f = tmp_path / "never.rdrcpt"
    f.write_bytes(built.data)
    _refused(trip, trip["unit"], f, "not_sent_here")
    # the right package id but another file's hash: also never sent
    body = dict(trip["receipts"][1])
    body.pop("file"), body.pop("message_id")
    body["package_sha256"] = "0" * 64
    built = make_message("receipt", body, signer_key=a.key, signer_cert=a.cert,
                         recipient_certs=[I.load_certificate(trip["unit"])], unit_code="SCT-01")
    f.write_bytes(built.data)
    _refused(trip, trip["unit"], f, "not_sent_here")


def test_review_given_as_receipt_name_is_judged_by_content(trip, tmp_path):
    # the extension is not trusted: a decision renamed .rdrcpt is still a decision, and already applied
    f = tmp_path / "x.rdrcpt"
    shutil.copy(trip["out"] / "accept.rdrev", f)
    _refused(trip, trip["unit"], f, "replayed")


def test_a_report_package_given_to_the_inbox_is_refused(trip):
    # the unit's own .rdpkg is encrypted to it too, but signed by the unit, not by Cục ATMT
    _refused(trip, trip["unit"], trip["out"] / "r1.rdpkg", "untrusted_signer")


def test_cancelled_receipt_writing_writes_nothing(trip, tmp_path):
    import threading

    from reportdesk.app import AppContext
    from reportdesk.services import Cancelled
    from reportdesk.services.wayback import write_receipts

    ev = threading.Event()
    ev.set()
    ctx = AppContext(trip["atmt"])
    try:
        with pytest.raises(Cancelled):
            write_receipts(ctx, "2026", tmp_path / "r", PASSPHRASE, cancel=ev)
    finally:
        ctx.close()
    assert not (tmp_path / "r").exists()


def test_every_byte_flip_of_a_receipt_refused(trip):
    f = sorted((trip["out"] / "receipts").glob("*_r1.rdrcpt"))[0]
    d = f.read_bytes()
    u = I.load_identity(trip["unit"], PASSPHRASE)
    trusted = [I.load_certificate(trip["atmt"])]
    assert open_message(d, u.key, u.cert, trusted=trusted, our_unit="SCT-01").kind == "receipt"
    accepted, codes = [], Counter()
    for i in range(len(d)):
        m = bytearray(d)
        m[i] ^= 0x01 if i % 2 else 0x80
        try:
            open_message(bytes(m), u.key, u.cert, trusted=trusted, our_unit="SCT-01")
            accepted.append(i)
        except PackageRejected as e:
            codes[e.code] += 1
    assert not accepted, f"accepted after changing byte at {accepted[:20]}"
    assert {"decrypt_failed", "envelope_mismatch"} <= set(codes)


def test_review_comment_on_a_path_the_form_lacks_is_refused(trip, tmp_path):
    p = cli(trip, "review", "return", str(trip["atmt_r1"]), "--reason", "x", "--comment", "chung/khong_co=?",
            "--out", str(tmp_path / "x.rdrev"), data_dir=trip["atmt"], check=False)
    assert p.returncode == 1 and "không có trường" in p.stderr and not (tmp_path / "x.rdrev").exists()
    p = cli(trip, "review", "return", str(trip["atmt_r1"]), "--out", str(tmp_path / "x.rdrev"),
            data_dir=trip["atmt"], check=False)
    assert p.returncode == 1 and "lý do" in p.stderr


# --- updates -----------------------------------------------------------------------------------------

ADHOC = """periods:
  - code: "2026-AH-kiem-tra"
    kind: adhoc
    label: Kiểm tra đột xuất 2026
    deadlines: {province: 2026-12-20}
"""


def test_update_adds_an_ad_hoc_period_then_no_replay_no_rollback(trip, tmp_path):
    w, atmt, unit = trip, trip["atmt"], trip["unit"]
    cal = tmp_path / "cal.yaml"
    cal.write_text(ADHOC, encoding="utf-8")
    v2 = tmp_path / "thu-nghiem.v2.yaml"
    v2.write_text(FIXTURE.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)
                  .replace("      - {id: events, type: integer, label: Số hội nghị tuyên truyền, min: 0}\n", ""),
                  encoding="utf-8")
    u1 = json.loads(cli(w, "update", "publish", "--calendar", str(cal), "--out", str(tmp_path / "u1.rdupd"), "--json",
                        data_dir=atmt).stdout)
    u2 = json.loads(cli(w, "update", "publish", "--form", str(v2), "--out", str(tmp_path / "u2.rdupd"), "--json",
                        data_dir=atmt).stdout)
    assert (u1["sequence"], u2["sequence"]) == (1, 2) and u1["recipients"] == ["SCT-01"]
    p = cli(w, "inbox", "import", str(tmp_path / "u1.rdupd"), data_dir=unit)
    assert "đã áp dụng" in p.stdout and "2026-AH-kiem-tra" in p.stdout
    p = cli(w, "report", "new", "--form", "thu-nghiem", "--period", "2026-AH-kiem-tra", data_dir=unit)
    assert p.stdout.strip().isdigit()
    _refused(w, unit, tmp_path / "u1.rdupd", "replayed")
    cli(w, "inbox", "import", str(tmp_path / "u2.rdupd"), data_dir=unit)
    assert (unit / "forms" / "thu-nghiem.v2.yaml").read_bytes() == v2.read_bytes()
    # an older update, never applied here, is a rollback: refused
    u0dir = tmp_path / "u0"
    u0dir.mkdir()
    # sequence 1 of another ATMT store would be "older": forge one with the real key and sequence 1
    a = _atmt(w)
    built = make_message("update", {"sequence": 1, "forms": [], "calendar": True, "units": False},
                         signer_key=a.key, signer_cert=a.cert, recipient_certs=[I.load_certificate(unit)],
                         unit_code="*", files={"calendar.yaml": ADHOC.replace("Kiểm tra", "Sửa").encode()},
                         sequence=1)
    (u0dir / "old.rdupd").write_bytes(built.data)
    _refused(w, unit, u0dir / "old.rdupd", "old_sequence")
    # the same sequence number as the last applied, in a new message: refused as well
    built = make_message("update", {"sequence": 2, "forms": [], "calendar": True, "units": False},
                         signer_key=a.key, signer_cert=a.cert, recipient_certs=[I.load_certificate(unit)],
                         unit_code="*", files={"calendar.yaml": ADHOC.replace("Kiểm tra", "Sửa").encode()},
                         sequence=2)
    (u0dir / "equal.rdupd").write_bytes(built.data)
    _refused(w, unit, u0dir / "equal.rdupd", "old_sequence")
    # a forged update with a high sequence number: refused, nothing installed
    fake = I.generate_identity("ATMT", "Cục ATMT giả", "atmt")
    built = make_message("update", {"sequence": 99, "forms": [], "calendar": True, "units": False},
                         signer_key=fake.key, signer_cert=fake.cert, recipient_certs=[I.load_certificate(unit)],
                         unit_code="*", files={"calendar.yaml": ADHOC.replace("kiem-tra", "gia-mao").encode()},
                         sequence=99)
    (u0dir / "forged.rdupd").write_bytes(built.data)
    _refused(w, unit, u0dir / "forged.rdupd", "untrusted_signer")
    assert "gia-mao" not in (unit / "calendar.yaml").read_text(encoding="utf-8")
    # the update installed v2 (no 'events' field): a v1 draft keeps working and moves to it. In this test,
    # not the next one: tests run in parallel processes, and another process has not installed v2
    _report_upgrade_carries_answers_where_fields_remain(trip)


def _report_upgrade_carries_answers_where_fields_remain(trip):
    unit = trip["unit"]
    assert (unit / "forms" / "thu-nghiem.v2.yaml").exists()
    # a draft on v1 (made before v2 was installed), filled, then moved to v2
    from reportdesk.app import AppContext
    from reportdesk.services.wayback import upgrade_report

    ctx = AppContext(unit)
    try:
        form1 = ctx.forms.get("thu-nghiem", 1)
        r = ctx.reports.create("SCT-01", form1, "2026-AH-kiem-tra")
        ctx.reports.replace_answers(r.id, GOOD)
        res = upgrade_report(ctx, r.id)
        after = ctx.reports.get(r.id)
    finally:
        ctx.close()
    assert (res.from_version, res.to_version) == (1, 2)
    assert res.dropped == ["events"] and "officer" in res.carried
    assert after.form_version == 2 and "events" not in after.answers
    assert after.answers["clusters"] == GOOD["clusters"]
    p = run_cli("report", "upgrade", str(r.id), data_dir=unit)
    assert p.returncode == 1 and "không có phiên bản mới hơn" in p.stderr


# --- stock OpenSSL opens each kind -----------------------------------------------------------------

def _openssl(*args, ok_=True):
    p = subprocess.run([OPENSSL, *map(str, args)], capture_output=True, timeout=900)
    if ok_:
        assert p.returncode == 0, p.stderr.decode(errors="replace")
    return p


def test_openssl_decrypts_with_unit_key_and_verifies_against_atmt(trip, tmp_path):
    u = I.load_identity(trip["unit"], PASSPHRASE)
    key = tmp_path / "unit.key"  # test-only temporary file
    key.write_bytes(u.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))
    crt = tmp_path / "unit.crt"
    crt.write_bytes(u.cert.public_bytes(serialization.Encoding.PEM))
    files = {"receipt": sorted((trip["out"] / "receipts").glob("*.rdrcpt"))[0],
             "review": trip["out"] / "return.rdrev"}
    upd = tmp_path / "u.rdupd"
    cli(trip, "update", "publish", "--calendar", str(_cal(tmp_path)), "--out", str(upd), data_dir=trip["atmt"])
    files["update"] = upd
    for kind, f in files.items():
        sd = tmp_path / f"{kind}.der"
        _openssl("cms", "-decrypt", "-inform", "DER", "-in", f, "-recip", crt, "-inkey", key, "-binary", "-out", sd)
        payload = tmp_path / f"{kind}.zip"
        _openssl("cms", "-verify", "-inform", "DER", "-in", sd, "-binary", "-CAfile", trip["atmt_cert"],
                 "-purpose", "any", "-out", payload)
        zf = zipfile.ZipFile(io.BytesIO(payload.read_bytes()))
        manifest = json.loads(zf.read("manifest.json"))
        assert manifest["kind"] == kind and f"{kind}.json" in zf.namelist()
        # the unit's own certificate is no trust anchor for it
        p = _openssl("cms", "-verify", "-inform", "DER", "-in", sd, "-binary", "-CAfile", crt, "-purpose", "any",
                     "-out", tmp_path / "x", ok_=False)
        assert p.returncode != 0


def _cal(tmp_path: Path) -> Path:
    p = tmp_path / "c.yaml"
    p.write_text(ADHOC.replace("kiem-tra", "openssl"), encoding="utf-8")
    return p


def test_update_reaches_a_unit_that_never_sent_when_named(trip, tmp_path):
    unit2 = trip["unit2"]
    crt = tmp_path / "sct79.pem"
    ok("cert", "export", str(crt), data_dir=unit2)
    cal = tmp_path / "cal.yaml"
    cal.write_text(ADHOC.replace("kiem-tra", "moi"), encoding="utf-8")
    res = json.loads(cli(trip, "update", "publish", "--calendar", str(cal), "--to", str(crt),
                         "--out", str(tmp_path / "u.rdupd"), "--json", data_dir=trip["atmt"]).stdout)
    assert "SCT-79" in res["recipients"]
    p = cli(trip, "inbox", "import", str(tmp_path / "u.rdupd"), "--json", data_dir=unit2)
    line = json.loads(p.stdout)
    assert line["outcome"] == "applied" and line["kind"] == "update"
    assert "2026-AH-moi" in (unit2 / "calendar.yaml").read_text(encoding="utf-8")
