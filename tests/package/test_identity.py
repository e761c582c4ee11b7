"""Identities: generation, files on disk, passphrases, .p12 import, fingerprints, recipients."""

from __future__ import annotations

import datetime as dt
import os
import stat

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from pkgkit import ids
from reportdesk.errors import UserError
from reportdesk.package import IdentityError, WrongPassphrase
from reportdesk.package import identity as I

PASS = "mật-khẩu-đủ-dài"


def test_generated_certificate_names_the_unit():
    c = ids().unit.cert
    assert c.public_key().key_size == 3072
    assert c.subject.get_attributes_for_oid(NameOID.ORGANIZATIONAL_UNIT_NAME)[0].value == "SCT-01"
    assert c.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Sở Công Thương Hà Nội"
    assert c.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value == "Bộ Công Thương"
    assert I.cert_unit_urn(c) == ("unit", "SCT-01") and I.cert_unit_code(c) == "SCT-01"
    assert I.cert_unit_urn(ids().atmt.cert) == ("atmt", "CUC-ATMT")
    life = c.not_valid_after_utc - c.not_valid_before_utc
    assert dt.timedelta(days=5 * 365) <= life <= dt.timedelta(days=5 * 366 + 1)


def test_fingerprint_formats():
    c = ids().unit.cert
    hexfp = I.fingerprint(c)
    grouped = I.format_fingerprint(c)
    assert len(hexfp) == 64 and hexfp == hexfp.lower()
    parts = grouped.split(" ")
    assert len(parts) == 16 and all(len(p) == 4 for p in parts) and "".join(parts) == hexfp
    colon = ":".join(hexfp[i:i + 2] for i in range(0, 64, 2)).upper()
    for form in (hexfp, grouped, colon, hexfp.upper(), "  " + grouped + "\n"):
        assert I.parse_fingerprint(form) == hexfp
    for bad in ("", "abc", hexfp[:-1], hexfp + "0", hexfp[:-1] + "g"):
        with pytest.raises(ValueError):
            I.parse_fingerprint(bad)


def test_create_load_and_wrong_passphrase(tmp_path):
    fp = I.create_identity(tmp_path, "SCT-05", "Sở Công Thương Nghệ An", PASS, "unit")
    key, cert = I.key_path(tmp_path), I.cert_path(tmp_path)
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    pem = key.read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert I.key_file_kdf(pem) == "scrypt"
    ident = I.load_identity(tmp_path, PASS)
    assert I.format_fingerprint(ident.cert) == fp and I.cert_unit_code(ident.cert) == "SCT-05"
    with pytest.raises(WrongPassphrase) as ei:
        I.load_identity(tmp_path, "sai mật khẩu")
    assert isinstance(ei.value, UserError) and ei.value.code == "wrong_passphrase"
    assert ei.value.message == "Mật khẩu không đúng: không mở được khóa bí mật."
    # never overwritten; a second setup keeps the existing identity when the passphrase opens it
    assert I.create_identity(tmp_path, "SCT-05", "x", PASS, "unit") == fp
    with pytest.raises(WrongPassphrase):
        I.create_identity(tmp_path, "SCT-05", "x", "khác-hẳn-rồi", "unit")
    assert [p.name for p in I.identity_dir(tmp_path).iterdir() if p.name.startswith(".")] == []


def test_unencrypted_key_file_refused(tmp_path):
    I.create_identity(tmp_path, "SCT-05", "Sở Công Thương Nghệ An", PASS)
    ident = I.load_identity(tmp_path, PASS)
    I.key_path(tmp_path).write_bytes(ident.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                                            serialization.NoEncryption()))
    with pytest.raises(IdentityError) as ei:
        I.load_identity(tmp_path, PASS)
    assert ei.value.code == "key_not_encrypted"


def test_empty_passphrase_refused(tmp_path):
    with pytest.raises(IdentityError):
        I.save_identity(tmp_path, ids().unit, "")
    assert not I.key_path(tmp_path).exists()


def _p12(ident, password: bytes | None) -> bytes:
    enc = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(b"ca-issued", ident.key, ident.cert, None, enc)


def test_import_p12(tmp_path):
    data = _p12(ids().unit_b, b"p12-pass")
    ident = I.import_p12(tmp_path, data, "p12-pass", PASS)
    assert I.fingerprint(ident.cert) == I.fingerprint(ids().unit_b.cert)
    assert I.key_path(tmp_path).read_bytes().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    assert I.fingerprint(I.load_identity(tmp_path, PASS).cert) == I.fingerprint(ids().unit_b.cert)
    with pytest.raises(IdentityError) as ei:
        I.import_p12(tmp_path, data, "p12-pass", PASS)  # no silent overwrite
    assert ei.value.code == "identity_exists"


def test_import_p12_wrong_password_and_garbage(tmp_path):
    data = _p12(ids().unit_b, b"p12-pass")
    with pytest.raises(WrongPassphrase):
        I.import_p12(tmp_path, data, "sai", PASS)
    with pytest.raises(IdentityError):
        I.import_p12(tmp_path, b"not a p12", "x", PASS)
    assert not I.identity_dir(tmp_path).exists() or not any(I.identity_dir(tmp_path).iterdir())


def test_import_p12_non_rsa_refused(tmp_path):
    k = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "EC")])
    now = dt.datetime.now(dt.timezone.utc)
    c = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(k.public_key())
         .serial_number(1).not_valid_before(now).not_valid_after(now + dt.timedelta(days=1)).sign(k, hashes.SHA256()))
    data = pkcs12.serialize_key_and_certificates(b"ec", k, c, None, serialization.NoEncryption())
    with pytest.raises(IdentityError) as ei:
        I.import_p12(tmp_path, data, None, PASS)
    assert ei.value.code == "not_rsa"


def test_pin_recipient(tmp_path):
    pem = ids().atmt.cert.public_bytes(serialization.Encoding.PEM)
    cert, path = I.pin_recipient(tmp_path, pem)
    assert path.name == I.fingerprint(ids().atmt.cert) + ".pem"
    der = ids().atmt.cert.public_bytes(serialization.Encoding.DER)
    I.pin_recipient(tmp_path, der)  # DER works too, same file
    assert [I.fingerprint(c) for c in I.load_recipients(tmp_path)] == [I.fingerprint(ids().atmt.cert)]
    with pytest.raises(IdentityError):
        I.pin_recipient(tmp_path, b"garbage")


def test_atomic_write_leaves_no_temp_files(tmp_path):
    p = tmp_path / "x" / "f.bin"
    I.atomic_write(p, b"1", 0o600)
    I.atomic_write(p, b"2", 0o600)
    assert p.read_bytes() == b"2" and os.listdir(p.parent) == ["f.bin"]


def test_key_file_readable_by_openssl(tmp_path):
    import shutil
    import subprocess
    assert shutil.which("openssl"), "the test suite needs the openssl command (.ci/run installs it)"
    I.save_identity(tmp_path, ids().unit, PASS)
    p = subprocess.run(["openssl", "pkey", "-in", str(I.key_path(tmp_path)), "-passin", f"pass:{PASS}", "-pubout"],
                       capture_output=True, timeout=900)
    assert p.returncode == 0, p.stderr
    pub = ids().unit.cert.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    assert p.stdout == pub
    p = subprocess.run(["openssl", "pkey", "-in", str(I.key_path(tmp_path)), "-passin", "pass:sai", "-noout"],
                       capture_output=True, timeout=900)
    assert p.returncode != 0


def test_long_vietnamese_unit_name_fits_the_common_name():
    name = "Cục Điều tiết điện lực và Cục Kỹ thuật an toàn và Môi trường công nghiệp Bộ Công Thương"
    c = I.generate_identity("CUC-DCK", name, key=ids().unit.key).cert
    cn = I.cert_unit_name(c)
    assert len(cn.encode("utf-8")) <= 64 and name.startswith(cn.rstrip())
    assert I.cert_unit_code(c) == "CUC-DCK"
