"""Interoperability with the real OpenSSL command line, both ways."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from pkgkit import build, ids, report
from reportdesk.package import PackageRejected, open_package
from reportdesk.package import format as F

OPENSSL = shutil.which("openssl") or "/usr/bin/openssl"


def test_openssl_is_installed():
    # interoperability is checked against the real openssl command; its absence fails, never skips
    assert Path(OPENSSL).exists(), "the test suite needs the openssl command (.ci/run installs it)"


def _write_identity(d: Path, name: str, ident) -> tuple[Path, Path]:
    key = d / f"{name}.key"
    crt = d / f"{name}.crt"
    key.write_bytes(ident.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()))  # test-only temp files
    crt.write_bytes(ident.cert.public_bytes(serialization.Encoding.PEM))
    return key, crt


def _openssl(*args, ok=True):
    p = subprocess.run([OPENSSL, *map(str, args)], capture_output=True, timeout=900)
    if ok:
        assert p.returncode == 0, p.stderr.decode(errors="replace")
    return p


def test_openssl_decrypts_and_verifies_our_package(tmp_path):
    atmt_key, atmt_crt = _write_identity(tmp_path, "atmt", ids().atmt)
    unit_key, unit_crt = _write_identity(tmp_path, "unit", ids().unit)
    pkg = tmp_path / "p.rdpkg"
    pkg.write_bytes(build(attachments={"bien-ban.pdf": b"%PDF-1.4 test"}))
    for key, crt in ((atmt_key, atmt_crt), (unit_key, unit_crt)):  # the ATMT and the sender's own copy
        sd = tmp_path / "signed.der"
        _openssl("cms", "-decrypt", "-inform", "DER", "-in", pkg, "-recip", crt, "-inkey", key, "-binary", "-out", sd)
        out = tmp_path / "payload.zip"
        _openssl("cms", "-verify", "-inform", "DER", "-in", sd, "-binary", "-noverify", "-out", out)
        _openssl("cms", "-verify", "-inform", "DER", "-in", sd, "-binary", "-CAfile", unit_crt, "-purpose", "any",
                 "-out", out)
        zf = zipfile.ZipFile(io.BytesIO(out.read_bytes()))
        assert set(zf.namelist()) == {"manifest.json", "report.json", "attachments/bien-ban.pdf"}
        assert json.loads(zf.read("manifest.json"))["unit_code"] == "SCT-01"
    # a certificate that did not sign it does not verify as a trust anchor
    _b_key, b_crt = _write_identity(tmp_path, "b", ids().unit_b)
    p = _openssl("cms", "-verify", "-inform", "DER", "-in", sd, "-binary", "-CAfile", b_crt, "-purpose", "any",
                 "-out", tmp_path / "x", ok=False)
    assert p.returncode != 0
    # openssl sees the envelope is not for another key
    ok_key, o_crt = _write_identity(tmp_path, "other", ids().other)
    p = _openssl("cms", "-decrypt", "-inform", "DER", "-in", pkg, "-recip", o_crt, "-inkey", ok_key, "-binary",
                 "-out", tmp_path / "y", ok=False)
    assert p.returncode != 0


def _openssl_package(tmp_path: Path, payload: bytes, signer, recipients) -> bytes:
    s_key, s_crt = _write_identity(tmp_path, "signer", signer)
    rcpts = [_write_identity(tmp_path, f"r{i}", r)[1] for i, r in enumerate(recipients)]
    (tmp_path / "payload.zip").write_bytes(payload)
    _openssl("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", tmp_path / "payload.zip",
             "-signer", s_crt, "-inkey", s_key, "-outform", "DER", "-out", tmp_path / "signed.der")
    _openssl("cms", "-encrypt", "-aes256", "-binary", "-in", tmp_path / "signed.der", "-outform", "DER",
             "-out", tmp_path / "pkg.rdpkg", *rcpts)
    return (tmp_path / "pkg.rdpkg").read_bytes()


def test_package_assembled_by_openssl_opens_in_reportdesk(tmp_path):
    recips = [ids().atmt.cert, ids().unit.cert]
    payload, manifest = F.make_payload(report(), signer_cert=ids().unit.cert, recipient_certs=recips,
                                       attachments={"ghi-chu.txt": "Ghi chú".encode()})
    data = _openssl_package(tmp_path, payload, ids().unit, [ids().atmt, ids().unit])
    o = open_package(data, ids().atmt.key, ids().atmt.cert)
    assert o.manifest == manifest and o.attachments == {"ghi-chu.txt": "Ghi chú".encode()}
    assert o.cert_unit_code == "SCT-01" and o.signing_time is not None
    o2 = open_package(data, ids().unit.key, ids().unit.cert)
    assert o2.package_id == manifest["package_id"]


def test_openssl_package_still_checked(tmp_path):
    # openssl-made, valid CMS, but the signed manifest does not name us: rejected all the same
    payload, _ = F.make_payload(report(), signer_cert=ids().unit.cert, recipient_certs=[ids().other.cert])
    data = _openssl_package(tmp_path, payload, ids().unit, [ids().atmt])
    with pytest.raises(PackageRejected) as ei:
        open_package(data, ids().atmt.key, ids().atmt.cert)
    assert ei.value.code == "recipient_mismatch"
