"""Opening packages: the round trip and every bad input of issue 4, each rejected with its own code."""

from __future__ import annotations

import builtins
import datetime as dt
import json
import os
import uuid

import pytest
from asn1crypto import cms as acms

from pkgkit import NOW, build, ids, payload_entries, report, seal, small_package, zip_of
from reportdesk.package import PackageRejected, cms, open_package
from reportdesk.package import format as F
from reportdesk.package.errors import REJECTION_CODES
from reportdesk.package.identity import fingerprint, format_fingerprint


def rejected(data: bytes, who=None, **kw) -> PackageRejected:
    who = who or ids().atmt
    with pytest.raises(PackageRejected) as ei:
        open_package(data, who.key, who.cert, **kw)
    e = ei.value
    assert e.message_vi and e.code in REJECTION_CODES, e
    return e


# --- the round trip ----------------------------------------------------------------------------

def test_round_trip_atmt_and_sender_reopen():
    rep = report()
    att = {"bien-ban.pdf": b"%PDF-1.4 " + os.urandom(3000), "Ảnh hiện trường.jpg": b"\xff\xd8" + os.urandom(500)}
    created = NOW.replace(microsecond=0)
    built = F.make_package(rep, signer_key=ids().unit.key, signer_cert=ids().unit.cert,
                           recipient_certs=[ids().atmt.cert], attachments=att, created_at=created)
    m = built.manifest
    assert list(sorted(m)) == sorted(F.MANIFEST_KEYS)
    assert m["format"] == "reportdesk/1" and uuid.UUID(m["package_id"]).version == 4
    assert m["created_at"] == created.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert m["signer_sha256"] == fingerprint(ids().unit.cert)
    assert m["recipients_sha256"] == [fingerprint(ids().atmt.cert), fingerprint(ids().unit.cert)]
    assert set(m["files"]) == {"report.json", "attachments/bien-ban.pdf", "attachments/Ảnh hiện trường.jpg"}
    for who in (ids().atmt, ids().unit):
        o = open_package(built.data, who.key, who.cert)
        assert o.manifest == m
        assert o.report["answers"] == rep["answers"] and o.report["unit_code"] == "SCT-01"
        assert o.attachments == att
        assert o.signer_sha256 == fingerprint(ids().unit.cert)
        assert o.signer_fingerprint == format_fingerprint(ids().unit.cert)
        assert o.cert_unit_code == "SCT-01" and o.cert_unit_name == "Sở Công Thương Hà Nội"
        assert o.created_at == created and (o.unit_code, o.form_id, o.period, o.revision) == ("SCT-01", "bc-sct", "2026", 1)


def test_package_is_der_enveloped_data_with_aes256():
    ci = acms.ContentInfo.load(small_package(), strict=True)
    assert ci["content_type"].native == "enveloped_data"
    env = ci["content"]
    assert env["encrypted_content_info"]["content_encryption_algorithm"]["algorithm"].native == "aes256_cbc"
    assert len(env["recipient_infos"]) == 2


def test_validate_answers_callback():
    calls = []

    def ok(manifest, rep):
        calls.append((manifest["form_id"], rep["answers"]))
        return []

    open_package(small_package(), ids().atmt.key, ids().atmt.cert, validate_answers=ok)
    assert calls == [("bc-sct", {"x": 1})]
    e = rejected(small_package(), validate_answers=lambda m, r: ["Trường «x» phải lớn hơn 1.", "Thiếu cán bộ."])
    assert e.code == "answers_invalid" and "phải lớn hơn 1" in e.message_vi and len(e.details) == 2


# --- not a package -----------------------------------------------------------------------------

def test_empty_file():
    assert rejected(b"").code == "empty"


@pytest.mark.parametrize("blob", [
    b"PK\x03\x04 not a package", b"hello", b"\x00" * 100, "Báo cáo".encode(), b'{"format": "reportdesk/1"}',
    b"-----BEGIN PKCS7-----\nMIIB\n-----END PKCS7-----\n", b"\x30", b"\x30\x03\x02\x01\x00",
    b"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x03",
])
def test_not_cms(blob):
    assert rejected(blob).code in {"not_cms", "truncated"}
    if not blob.startswith(b"\x30"):
        assert rejected(blob).code == "not_cms"


def test_signed_but_not_encrypted():
    sd = cms.sign(b"payload", ids().unit.key, ids().unit.cert)
    assert rejected(sd).code == "not_encrypted"


@pytest.mark.parametrize("cut", [1, 2, 10, 100, 1000, -1000, -100, -17, -16, -1])
def test_truncated(cut):
    d = small_package()
    part = d[:cut] if cut > 0 else d[:len(d) + cut]
    assert rejected(part).code in {"truncated", "not_cms"}
    if len(part) >= 4:
        assert rejected(part).code == "truncated"


def test_trailing_garbage():
    assert rejected(small_package() + b"\x00").code == "not_cms"


# --- recipients --------------------------------------------------------------------------------

def test_package_for_another_recipient():
    d = build(recipients=[ids().other.cert])
    e = rejected(d)
    assert e.code == "not_for_us" and "không được mã hóa cho" in e.message_vi


def test_reencrypted_by_someone_else_to_us():
    # the other office received a genuine package, decrypted it and re-encrypted the signed content to us
    d = build(recipients=[ids().other.cert])
    env = cms.parse_envelope(d)
    signed = cms.decrypt(env, ids().other.key, ids().other.cert)
    forged = cms.encrypt(cms.prepare_envelope([ids().atmt.cert]), signed)
    assert rejected(forged).code == "recipient_mismatch"


def test_envelope_recipients_swapped_is_detected():
    # we are named, but the envelope is not the one the signer made (e.g. the sender's copy replaced)
    d = small_package()
    signed = cms.decrypt(cms.parse_envelope(d), ids().atmt.key, ids().atmt.cert)
    forged = cms.encrypt(cms.prepare_envelope([ids().atmt.cert, ids().other.cert]), signed)
    assert rejected(forged).code == "envelope_mismatch"


# --- signature ---------------------------------------------------------------------------------

def _signed_of(d, who=None):
    who = who or ids().atmt
    return cms.decrypt(cms.parse_envelope(d), who.key, who.cert)


def _reseal(signed: bytes) -> bytes:
    return cms.encrypt(cms.prepare_envelope([ids().atmt.cert]), signed)


def test_signature_value_altered():
    signed = bytearray(_signed_of(small_package()))
    signed[-5] ^= 0x40  # inside the RSA signature, the last field
    assert rejected(_reseal(bytes(signed))).code == "bad_signature"


def test_content_altered_under_signature():
    signed = _signed_of(small_package())
    ci = acms.ContentInfo.load(signed)
    content = bytearray(ci["content"]["encap_content_info"]["content"].native)
    i = bytes(signed).find(bytes(content))
    assert i > 0
    forged = bytearray(signed)
    forged[i + 40] ^= 0x01
    assert rejected(_reseal(bytes(forged))).code == "digest_mismatch"


def test_signed_by_another_key_with_same_cert():
    # the certificate of SCT-01 with a signature made by SCT-02's key
    payload, _m = F.make_payload(report(), signer_cert=ids().unit.cert, recipient_certs=[ids().atmt.cert])
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
    forged = (pkcs7.PKCS7SignatureBuilder().set_data(payload)
              .add_signer(ids().unit.cert, ids().unit_b.key, hashes.SHA256()).sign(Encoding.DER, [pkcs7.PKCS7Options.Binary]))
    assert rejected(_reseal(forged)).code == "bad_signature"


# --- manifest against signer, recipients, files ------------------------------------------------

def test_cert_of_unit_a_signing_manifest_of_unit_b():
    d = build(report=report("SCT-02"))
    e = rejected(d)
    assert e.code == "unit_mismatch" and "SCT-01" in e.message_vi and "SCT-02" in e.message_vi


def test_manifest_names_another_signer():
    entries, _ = payload_entries(signer=ids().unit_b)  # manifest says SCT-02 cert signed; SCT-01 signs
    assert rejected(seal(zip_of(entries))).code == "signer_mismatch"


def test_signer_cert_expired():
    d = build(signer=ids().expired)
    e = rejected(d)
    assert e.code == "cert_expired" and "hết hạn" in e.message_vi


def test_signer_cert_not_yet_valid():
    assert rejected(build(signer=ids().future)).code == "cert_not_yet_valid"
    old = NOW - dt.timedelta(days=400)
    assert rejected(build(created_at=old)).code == "cert_not_yet_valid"


def test_created_in_the_future():
    d = build(created_at=NOW + dt.timedelta(days=10))
    assert rejected(d).code == "created_in_future"
    open_package(d, ids().atmt.key, ids().atmt.cert, now=NOW + dt.timedelta(days=10))


def _with(entries, name, data):
    return [(n, data if n == name else b) for n, b in entries]


def test_manifest_hash_mismatch():
    entries, _ = payload_entries(attachments={"a.txt": b"hello"})
    assert rejected(seal(zip_of(_with(entries, "attachments/a.txt", b"hellO")))).code == "file_hash_mismatch"
    rep = dict(report())
    rep["answers"] = {"x": 2}
    assert rejected(seal(zip_of(_with(entries, "report.json", json.dumps(rep).encode())))).code == "file_hash_mismatch"


def test_manifest_file_missing_or_extra():
    entries, _ = payload_entries(attachments={"a.txt": b"hello"})
    missing = [(n, b) for n, b in entries if n != "attachments/a.txt"]
    assert rejected(seal(zip_of(missing))).code == "file_hash_mismatch"
    extra = entries + [("attachments/b.txt", b"more")]
    assert rejected(seal(zip_of(extra))).code == "file_hash_mismatch"


def _manifest_edit(fn):
    entries, manifest = payload_entries()
    m = dict(manifest)
    fn(m)
    return seal(zip_of(_with(entries, "manifest.json", json.dumps(m).encode())))


@pytest.mark.parametrize("edit", [
    lambda m: m.pop("package_id"),
    lambda m: m.update(format="reportdesk/2"),
    lambda m: m.update(package_id="not-a-uuid"),
    lambda m: m.update(revision=0),
    lambda m: m.update(revision="1"),
    lambda m: m.update(form_version=True),
    lambda m: m.update(created_at="hôm qua"),
    lambda m: m.update(created_at="2026-11-20T03:04:05"),
    lambda m: m.update(recipients_sha256=[]),
    lambda m: m.update(signer_sha256="ABC"),
    lambda m: m.update(files={"report.json": {"sha256": "0" * 64}}),
    lambda m: m.update(files={}),
])
def test_bad_manifest(edit):
    assert rejected(_manifest_edit(edit)).code == "bad_manifest"


def test_manifest_not_json_or_duplicate_keys():
    entries, manifest = payload_entries()
    assert rejected(seal(zip_of(_with(entries, "manifest.json", b"\xff\xfe{")))).code == "bad_manifest"
    text = json.dumps(manifest)[:-1] + ', "unit_code": "SCT-02"}'
    assert rejected(seal(zip_of(_with(entries, "manifest.json", text.encode())))).code == "bad_manifest"
    no_manifest = [(n, b) for n, b in entries if n != "manifest.json"]
    assert rejected(seal(zip_of(no_manifest))).code == "bad_manifest"


def test_report_json_disagrees_with_manifest():
    rep = report()
    entries, manifest = payload_entries(report=rep)
    rep2 = dict(rep, period="2025")
    body = (json.dumps(rep2)).encode()
    m = dict(manifest)
    import hashlib
    m["files"] = dict(m["files"], **{"report.json": {"sha256": hashlib.sha256(body).hexdigest(), "size": len(body)}})
    entries = _with(_with(entries, "report.json", body), "manifest.json", json.dumps(m).encode())
    assert rejected(seal(zip_of(entries))).code == "bad_manifest"


# --- hostile ZIPs (validly signed by a known unit: the limits hold regardless) -----------------

@pytest.mark.parametrize("name", ["../evil.txt", "attachments/../../evil", "/etc/passwd", "C:/x.txt",
                                  "attachments\\..\\evil", "attachments//x", "./report2.json", "attachments/\x01x"])
def test_zip_path_traversal(name):
    entries, _ = payload_entries()
    assert rejected(seal(zip_of(entries + [(name, b"x")]))).code == "zip_unsafe_path"


def test_zip_nested_path_not_in_layout():
    entries, _ = payload_entries()
    assert rejected(seal(zip_of(entries + [("attachments/sub/x.txt", b"x")]))).code == "file_hash_mismatch"


def test_zip_directory_entry():
    entries, _ = payload_entries()
    assert rejected(seal(zip_of(entries + [("attachments/", b"")]))).code == "zip_unsafe_path"


def test_zip_symlink():
    entries, _ = payload_entries()
    z = zip_of(entries + [("attachments/link", b"/etc/passwd")], symlink={"attachments/link"})
    assert rejected(seal(z)).code == "zip_symlink"


def test_zip_bomb():
    entries, _ = payload_entries()
    z = zip_of(entries + [("attachments/zeros.bin", b"\x00" * (20 * 1024 * 1024))])
    assert len(z) < 100_000
    e = rejected(seal(z))
    assert e.code == "zip_bomb"


def test_zip_total_size_limit():
    entries, _ = payload_entries()
    z = zip_of(entries + [(f"attachments/r{i}.bin", os.urandom(300_000)) for i in range(4)])
    e = rejected(seal(z), limits=F.Limits(max_total_bytes=1_000_000))
    assert e.code == "zip_bomb"


def test_zip_too_many_entries():
    entries, _ = payload_entries()
    z = zip_of(entries + [(f"attachments/{i}.txt", b"") for i in range(250)])
    assert rejected(seal(z)).code == "zip_too_many"


def test_payload_not_a_zip():
    assert rejected(seal(b"just some signed text")).code == "bad_zip"


# --- opening writes nothing --------------------------------------------------------------------

def test_opening_writes_nothing(monkeypatch, tmp_path):
    good = build(attachments={"a.bin": os.urandom(1000)})
    bad = [b"", small_package()[:500], build(recipients=[ids().other.cert]), build(report=report("SCT-02"))]
    monkeypatch.chdir(tmp_path)
    real_open, real_os_open = builtins.open, os.open

    def no_open(*a, **k):
        raise AssertionError(f"open() during open_package: {a!r}")

    monkeypatch.setattr(builtins, "open", no_open)
    monkeypatch.setattr(os, "open", no_open)
    try:
        open_package(good, ids().atmt.key, ids().atmt.cert)
        for b in bad:
            with pytest.raises(PackageRejected):
                open_package(b, ids().atmt.key, ids().atmt.cert)
    finally:
        monkeypatch.setattr(builtins, "open", real_open)
        monkeypatch.setattr(os, "open", real_os_open)
    assert list(tmp_path.iterdir()) == []


def test_zip_bomb_with_lying_sizes():
    # the ZIP headers claim 100 bytes; the deflate stream expands to 8 MB
    import struct
    entries, _ = payload_entries()
    z = bytearray(zip_of(entries + [("attachments/nho.bin", b"\x00" * (8 * 1024 * 1024))]))
    name = b"attachments/nho.bin"
    lh = max(i for i in range(len(z)) if z.startswith(b"PK\x03\x04", i) and z[i + 30:i + 30 + len(name)] == name)
    struct.pack_into("<I", z, lh + 22, 100)
    cd = max(i for i in range(len(z)) if z.startswith(b"PK\x01\x02", i) and z[i + 46:i + 46 + len(name)] == name)
    struct.pack_into("<I", z, cd + 24, 100)
    e = rejected(seal(bytes(z)))
    assert e.code in {"zip_bomb", "bad_zip"}


def test_naive_now_is_utc():
    d = build(created_at=NOW + dt.timedelta(days=10))
    naive = (NOW + dt.timedelta(days=10)).replace(tzinfo=None)
    assert open_package(d, ids().atmt.key, ids().atmt.cert, now=naive).revision == 1
    assert rejected(d, now=NOW.replace(tzinfo=None)).code == "created_in_future"
