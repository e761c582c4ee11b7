"""The export/open round trip through the real command line between a unit and an ATMT data dir."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from asn1crypto import keys as akeys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12

from rdtest import PASSPHRASE, REPO, run_cli
from reportdesk.domain.forms import FormRegistry
from reportdesk.domain.validate import check_answers, errors
from reportdesk.package import PackageRejected, open_package
from reportdesk.package import identity as I

FIXTURE = REPO / "tests" / "foundation" / "fixtures" / "thu-nghiem.v1.yaml"
GOOD = {
    "officer": "Nguyễn Văn An",
    "plan_issued": True,
    "plan_doc": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03", "trich_yeu": "Kế hoạch thực hiện Chỉ thị 20"},
    "events": 3,
    "funding": {"value": 150.5, "estimate": True},
    "clusters": [{"name": "CCN Phú Nghĩa", "occupancy": 85, "wwtp": "co", "capacity": 2000, "flow": 1500}],
    "clusters_operating": 1,
}
FP_RE = re.compile(r"(?:[0-9a-f]{4} ){15}[0-9a-f]{4}")


@pytest.fixture(scope="module")
def dirs(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli-pkg")
    pf = base / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    unit, atmt = base / "unit", base / "atmt"
    p = run_cli("setup", "atmt", "--passphrase-file", str(pf), data_dir=atmt, check=True)
    atmt_fp = FP_RE.search(p.stdout).group(0)
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(pf), data_dir=unit, check=True)
    (unit / "forms").mkdir(exist_ok=True)
    shutil.copy(FIXTURE, unit / "forms" / FIXTURE.name)
    cert = base / "atmt.pem"
    p = run_cli("cert", "export", str(cert), data_dir=atmt, check=True)
    assert atmt_fp in p.stdout
    p = run_cli("recipient", "add", str(cert), data_dir=unit, check=True)
    assert atmt_fp in p.stdout  # the fingerprint read over the phone
    return base, pf, unit, atmt


def _new_filled(unit: Path, base: Path, answers: dict) -> int:
    rid = int(run_cli("report", "new", "--form", "thu-nghiem", "--period", "2026", data_dir=unit, check=True).stdout.strip())
    f = base / f"answers{rid}.json"
    f.write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")
    run_cli("report", "fill", str(rid), "--json", str(f), data_dir=unit, check=True)
    return rid


def _validator():
    forms = FormRegistry.load(FIXTURE.parent)

    def validate(manifest, report):
        form = forms.get(manifest["form_id"], manifest["form_version"])
        if form is None:
            return [f"Không có biểu mẫu {manifest['form_id']}"]
        return [str(e) for e in errors(check_answers(form, report["answers"], manifest["unit_code"]))]

    return validate


def test_export_open_round_trip(dirs):
    base, pf, unit, atmt = dirs
    rid = _new_filled(unit, base, GOOD)
    att = base / "Biên bản kiểm tra.pdf"
    att.write_bytes(b"%PDF-1.4 bien ban")
    out = base / "out"
    out.mkdir()
    p = run_cli("report", "export", str(rid), "--out", str(out), "--attach", str(att), "--passphrase-file", str(pf),
                data_dir=unit)
    assert p.returncode == 0, p.stderr
    files = sorted(out.iterdir())
    assert [f.name for f in files] == ["SCT-01_thu-nghiem_2026_r1.rdpkg"]
    data = files[0].read_bytes()

    atmt_id = I.load_identity(atmt, PASSPHRASE)
    unit_id = I.load_identity(unit, PASSPHRASE)
    o = open_package(data, atmt_id.key, atmt_id.cert, validate_answers=_validator())
    assert o.manifest["unit_code"] == "SCT-01" and o.manifest["revision"] == 1 and o.cert_unit_code == "SCT-01"
    assert o.answers["officer"] == "Nguyễn Văn An" and o.answers["clusters"][0]["name"] == "CCN Phú Nghĩa"
    assert o.attachments == {"Biên bản kiểm tra.pdf": b"%PDF-1.4 bien ban"}
    assert o.signer_sha256 == I.fingerprint(unit_id.cert)
    assert o.report["id"] == rid and o.report["revision"] == 1
    # the unit can reopen what it sent
    assert open_package(data, unit_id.key, unit_id.cert).package_id == o.package_id

    # a second export of the same unit+form+period is revision 2, a new package id
    p = run_cli("report", "export", str(rid), "--json", "--passphrase-file", str(pf), "--out", str(out), data_dir=unit)
    assert p.returncode == 0, p.stderr
    info = json.loads(p.stdout)
    assert info["revision"] == 2 and Path(info["file"]).name == "SCT-01_thu-nghiem_2026_r2.rdpkg"
    o2 = open_package(Path(info["file"]).read_bytes(), atmt_id.key, atmt_id.cert)
    assert o2.revision == 2 and o2.package_id != o.package_id
    shown = json.loads(run_cli("report", "show", str(rid), "--json", data_dir=unit, check=True).stdout)
    assert shown["revision"] == 2 and shown["status"] == "exported"

    # an existing file is never overwritten
    p = run_cli("report", "export", str(rid), "--out", info["file"], "--passphrase-file", str(pf), data_dir=unit)
    assert p.returncode == 1 and "không ghi đè" in p.stderr


def test_export_refused_while_check_finds_errors(dirs):
    base, pf, unit, _atmt = dirs
    bad = dict(GOOD)
    bad.pop("officer")
    rid = _new_filled(unit, base, bad)
    p = run_cli("report", "export", str(rid), "--out", str(base / "x.rdpkg"), "--passphrase-file", str(pf), data_dir=unit)
    assert p.returncode == 1 and "lỗi" in p.stderr and "Traceback" not in p.stderr
    # the command line names the command that lists the errors (the window's message names none)
    assert re.fullmatch(rf"Báo cáo {rid} còn \d+ lỗi; sửa lỗi trước khi xuất gói \(xem: reportdesk report check {rid}\)\.",
                        p.stderr.splitlines()[0]), p.stderr
    assert not (base / "x.rdpkg").exists()


def test_export_wrong_passphrase_is_a_clear_message(dirs):
    base, _pf, unit, _atmt = dirs
    rid = _new_filled(unit, base, GOOD)
    wrong = base / "wrong.txt"
    wrong.write_text("không-phải-mật-khẩu\n", encoding="utf-8")
    p = run_cli("report", "export", str(rid), "--out", str(base / "w.rdpkg"), "--passphrase-file", str(wrong), data_dir=unit)
    assert p.returncode == 1
    assert p.stderr.strip() == "Mật khẩu không đúng: không mở được khóa bí mật."
    p = run_cli("report", "export", str(rid), "--out", str(base / "w.rdpkg"), data_dir=unit,
                env={"REPORTDESK_PASSPHRASE": "sai"})
    assert p.returncode == 1 and "Mật khẩu không đúng" in p.stderr and "Traceback" not in p.stderr


def test_identity_show_and_cert_export(dirs):
    base, _pf, unit, _atmt = dirs
    p = run_cli("identity", "show", data_dir=unit, check=True)
    assert "SCT-01" in p.stdout and FP_RE.search(p.stdout) and "Hiệu lực" in p.stdout
    info = json.loads(run_cli("identity", "show", "--json", data_dir=unit, check=True).stdout)
    assert info["unit_code"] == "SCT-01" and info["key_bits"] == 3072 and len(info["sha256"]) == 64
    assert [r["unit_code"] for r in info["recipients"]] == ["CUC-ATMT"]
    out = base / "unit.pem"
    run_cli("cert", "export", str(out), data_dir=unit, check=True)
    assert I.fingerprint(I.load_cert_bytes(out.read_bytes())) == info["sha256"]
    p = run_cli("cert", "export", str(out), data_dir=unit)
    assert p.returncode == 1  # not overwritten without --force


def test_identity_import_p12(tmp_path, dirs):
    base, pf, unit, _atmt = dirs
    src = I.load_identity(unit, PASSPHRASE)
    p12 = tmp_path / "ca.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(
        b"ca", src.key, src.cert, None, serialization.BestAvailableEncryption("p12-mật-khẩu".encode())))
    fresh = tmp_path / "fresh"
    p = run_cli("identity", "import", str(p12), "--passphrase-file", str(pf), data_dir=fresh,
                env={"REPORTDESK_P12_PASSWORD": "sai"})
    assert p.returncode == 1 and "Mật khẩu không đúng" in p.stderr
    p = run_cli("identity", "import", str(p12), "--passphrase-file", str(pf), data_dir=fresh,
                env={"REPORTDESK_P12_PASSWORD": "p12-mật-khẩu"})
    assert p.returncode == 0, p.stderr
    assert I.fingerprint(I.load_identity(fresh, PASSPHRASE).cert) == I.fingerprint(src.cert)
    p = run_cli("identity", "import", str(p12), "--passphrase-file", str(pf), data_dir=fresh,
                env={"REPORTDESK_P12_PASSWORD": "p12-mật-khẩu"})
    assert p.returncode == 1 and p.stderr.strip() == "Kho này đã có định danh ký số; dùng --replace để thay (bản cũ được giữ lại)."
    p = run_cli("identity", "import", str(p12), "--replace", "--passphrase-file", str(pf), data_dir=fresh,
                env={"REPORTDESK_P12_PASSWORD": "p12-mật-khẩu"})
    assert p.returncode == 0, p.stderr
    assert len(list((fresh / "identity").glob("old-*/key.pem"))) == 1
    _assert_no_plain_keys(fresh)


def test_recipient_add_rejects_garbage(dirs, tmp_path):
    _base, _pf, unit, _atmt = dirs
    junk = tmp_path / "junk.pem"
    junk.write_text("không phải chứng thư", encoding="utf-8")
    p = run_cli("recipient", "add", str(junk), data_dir=unit)
    assert p.returncode == 1 and "chứng thư" in p.stderr and "Traceback" not in p.stderr


def _is_plain_pkcs8_or_rsa_der(blob: bytes) -> bool:
    """True if some DER structure inside blob parses as an unencrypted PKCS#8 or PKCS#1 RSA key."""
    for m in re.finditer(rb"\x30\x82", blob):
        i = m.start()
        try:
            n = int.from_bytes(blob[i + 2:i + 4], "big")
            chunk = blob[i:i + 4 + n]
            if len(chunk) != 4 + n or n < 600:
                continue
            for cls in (akeys.PrivateKeyInfo, akeys.RSAPrivateKey):
                try:
                    k = cls.load(chunk, strict=True)
                    k.native  # noqa: B018 - forces a full parse
                    return True
                except Exception:  # noqa: BLE001 - any parse failure means: not a key
                    pass
        except Exception:  # noqa: BLE001
            continue
    return False


def _assert_no_plain_keys(root: Path) -> None:
    seen = 0
    for f in root.rglob("*"):
        if not f.is_file():
            continue
        blob = f.read_bytes()
        seen += 1
        assert b"BEGIN PRIVATE KEY" not in blob, f
        assert b"BEGIN RSA PRIVATE KEY" not in blob, f
        assert not _is_plain_pkcs8_or_rsa_der(blob), f
        if f.name == "key.pem":
            assert blob.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
            assert (f.stat().st_mode & 0o077) == 0, oct(f.stat().st_mode)
    assert seen > 0


def _export(dirs) -> Path:
    base, pf, unit, _atmt = dirs
    rid = _new_filled(unit, base, GOOD)
    out = base / f"export-{rid}"
    out.mkdir()
    run_cli("report", "export", str(rid), "--out", str(out), "--passphrase-file", str(pf), data_dir=unit, check=True)
    return next(out.glob("*.rdpkg"))


def test_no_private_key_ever_unencrypted_under_the_data_dirs(dirs):
    _base, _pf, unit, atmt = dirs
    _export(dirs)  # everything a unit does writes under its data dir: setup, recipient, fill, export
    # the detector itself works on a real unencrypted key, PEM and DER
    k = I.load_identity(unit, PASSPHRASE).key
    assert _is_plain_pkcs8_or_rsa_der(b"xx" + k.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                               serialization.NoEncryption()) + b"yy")
    assert _is_plain_pkcs8_or_rsa_der(k.private_bytes(serialization.Encoding.DER,
                                                      serialization.PrivateFormat.TraditionalOpenSSL,
                                                      serialization.NoEncryption()))
    for d in (unit, atmt):
        _assert_no_plain_keys(d)


def test_opening_a_package_not_for_us_via_library(dirs, tmp_path):
    base, pf, unit, atmt = dirs
    other = tmp_path / "other"
    run_cli("setup", "atmt", "--passphrase-file", str(pf), data_dir=other, check=True)
    pkg = _export(dirs)
    o = I.load_identity(other, PASSPHRASE)
    with pytest.raises(PackageRejected) as ei:
        open_package(pkg.read_bytes(), o.key, o.cert)
    assert ei.value.code == "not_for_us"


def test_export_to_a_folder_that_does_not_exist_yet(dirs):
    base, pf, unit, _atmt = dirs
    rid = _new_filled(unit, base, GOOD)
    target = base / "goi-moi" / "2026"
    p = run_cli("report", "export", str(rid), "--out", str(target) + "/", "--passphrase-file", str(pf), data_dir=unit)
    assert p.returncode == 0, p.stderr
    assert target.is_dir() and len(list(target.glob("SCT-01_thu-nghiem_2026_r*.rdpkg"))) == 1
    p = run_cli("report", "export", str(rid), "--out", str(base / "khong-co" / "x.rdpkg"), "--passphrase-file", str(pf), data_dir=unit)
    assert p.returncode == 1 and "không tồn tại" in p.stderr
