"""Issue 14, package side: certificate validity at import time, weak signer keys and certificates
that may not sign, the recipient list checked for every package, and bounded work for strangers.
Real certificates (cryptography, openssl), real packages built with the package layer."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from pkgkit import build, ids, report
from reportdesk.package import REJECTION_CODES, PackageRejected, open_package
from reportdesk.package import format as F
from reportdesk.package import identity as I

UTC = dt.timezone.utc
NOW = dt.datetime.now(UTC)
OPENSSL = "openssl"


def opened(data: bytes, **kw):
    return open_package(data, ids().atmt.key, ids().atmt.cert, **kw)


def rejected(data: bytes, **kw) -> PackageRejected:
    with pytest.raises(PackageRejected) as ei:
        opened(data, **kw)
    e = ei.value
    assert e.code in REJECTION_CODES and e.message_vi and "\n" not in e.message_vi
    return e


# --- defect 2: the certificate's validity at import time too ------------------------------------

def test_certificate_expired_in_2021_signing_a_package_dated_2021_is_refused_today():
    old = I.generate_identity("SCT-01", "Sở Công Thương Hà Nội", key=ids().unit.key,
                              now=dt.datetime(2020, 1, 1, tzinfo=UTC), days=700)  # valid until late 2021
    assert old.cert.not_valid_after_utc.year == 2021
    data = build(signer=old, created_at=dt.datetime(2021, 6, 1, tzinfo=UTC))
    e = rejected(data)
    assert e.code == "cert_expired" and "hết hạn" in e.message_vi and "nhập lúc" in e.message_vi
    # the same package opened in 2021, while the certificate was valid, is sound: it is the import time
    assert opened(data, now=dt.datetime(2021, 6, 2, tzinfo=UTC)).unit_code == "SCT-01"


def test_certificate_not_yet_valid_at_import_time_is_refused():
    # valid from 12 hours from now; the package says it was made 13 hours from now (inside the
    # one-day clock skew allowed for created_at): only the import-time check can see it
    soon = I.generate_identity("SCT-01", "Sở Công Thương Hà Nội", key=ids().unit.key,
                               now=NOW + dt.timedelta(hours=12), days=365)
    data = build(signer=soon, created_at=NOW + dt.timedelta(hours=13))
    e = rejected(data)
    assert e.code == "cert_not_yet_valid" and "chưa có hiệu lực" in e.message_vi
    assert opened(data, now=NOW + dt.timedelta(hours=14)).unit_code == "SCT-01"


# --- defect 9: weak keys, certificates that may not sign -----------------------------------------

def _cert(key, *, key_usage: x509.KeyUsage | None, unit: str = "SCT-01") -> x509.Certificate:
    name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
                      x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit),
                      x509.NameAttribute(NameOID.COMMON_NAME, "Sở Công Thương Hà Nội")])
    b = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
         .serial_number(x509.random_serial_number())
         .not_valid_before(NOW - dt.timedelta(days=1)).not_valid_after(NOW + dt.timedelta(days=365))
         .add_extension(x509.SubjectAlternativeName([x509.UniformResourceIdentifier(f"urn:reportdesk:unit:{unit}")]),
                        critical=False))
    if key_usage is not None:
        b = b.add_extension(key_usage, critical=True)
    return b.sign(key, hashes.SHA256())


def _ku(digital_signature: bool) -> x509.KeyUsage:
    return x509.KeyUsage(digital_signature=digital_signature, content_commitment=False, key_encipherment=True,
                         data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                         encipher_only=False, decipher_only=False)


def _openssl_key(tmp_path: Path, bits: int) -> rsa.RSAPrivateKey:
    out = tmp_path / f"rsa{bits}.pem"
    subprocess.run([OPENSSL, "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}", "-out", str(out)],
                   check=True, capture_output=True, timeout=60)
    return serialization.load_pem_private_key(out.read_bytes(), password=None)


@pytest.mark.parametrize("bits", [512, 1024])
def test_signer_key_under_2048_bits_is_refused(tmp_path, bits):
    key = _openssl_key(tmp_path, bits) if bits < 1024 else rsa.generate_private_key(65537, bits)
    weak = I.Identity(key, _cert(key, key_usage=_ku(True)))
    e = rejected(build(signer=weak))
    assert e.code == "weak_key" and f"{bits} bit" in e.message_vi and "2048" in e.message_vi


def test_signer_key_of_2048_bits_is_accepted():
    key = rsa.generate_private_key(65537, 2048)
    assert opened(build(signer=I.Identity(key, _cert(key, key_usage=_ku(True))))).unit_code == "SCT-01"


def test_certificate_whose_key_usage_excludes_digital_signature_is_refused():
    key = ids().unit.key
    e = rejected(build(signer=I.Identity(key, _cert(key, key_usage=_ku(False)))))
    assert e.code == "cert_usage" and "digitalSignature" in e.message_vi
    # no key usage extension at all (some CA-issued certificates) says nothing against signing
    assert opened(build(signer=I.Identity(key, _cert(key, key_usage=None)))).unit_code == "SCT-01"


# --- defect 10: the recipients for every package, with or without the ZIP comment ------------------

def _pem(tmp_path: Path, name: str, ident) -> tuple[Path, Path]:
    k, c = tmp_path / f"{name}.key", tmp_path / f"{name}.crt"
    k.write_bytes(ident.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # test-only temp file
    c.write_bytes(ident.cert.public_bytes(serialization.Encoding.PEM))
    return k, c


def _openssl_package(tmp_path: Path, payload: bytes, signer, recipients) -> bytes:
    sk, sc = _pem(tmp_path, "signer", signer)
    rc = [_pem(tmp_path, f"r{i}", r)[1] for i, r in enumerate(recipients)]
    (tmp_path / "payload.zip").write_bytes(payload)
    run = lambda *a: subprocess.run([OPENSSL, *map(str, a)], check=True, capture_output=True, timeout=60)  # noqa: E731
    run("cms", "-sign", "-binary", "-nodetach", "-md", "sha256", "-in", tmp_path / "payload.zip",
        "-signer", sc, "-inkey", sk, "-outform", "DER", "-out", tmp_path / "signed.der")
    run("cms", "-encrypt", "-aes256", "-binary", "-in", tmp_path / "signed.der", "-outform", "DER",
        "-out", tmp_path / "pkg.rdpkg", *rc)
    return (tmp_path / "pkg.rdpkg").read_bytes()


def test_openssl_package_encrypted_to_atmt_only_while_the_manifest_names_the_sender_is_refused(tmp_path):
    unit, atmt = ids().unit, ids().atmt
    payload, manifest = F.make_payload(report(), signer_cert=unit.cert, recipient_certs=[atmt.cert, unit.cert])
    assert not F.zipfile.ZipFile(F.io.BytesIO(payload)).comment  # no binding comment: openssl-style
    data = _openssl_package(tmp_path, payload, unit, [atmt])
    e = rejected(data)
    assert e.code == "envelope_mismatch" and "người gửi" in e.message_vi
    # the same payload encrypted to both, as the contract says, opens
    good = _openssl_package(tmp_path, payload, unit, [atmt, unit])
    assert opened(good).package_id == manifest["package_id"]


def test_openssl_package_encrypted_to_the_sender_the_manifest_does_not_name_is_refused(tmp_path):
    unit, atmt = ids().unit, ids().atmt
    payload, _ = F.make_payload(report(), signer_cert=unit.cert, recipient_certs=[atmt.cert])
    e = rejected(_openssl_package(tmp_path, payload, unit, [atmt, unit]))
    assert e.code == "envelope_mismatch"


def test_package_without_comment_encrypted_to_a_stranger_beside_us_is_refused():
    # the manifest lists ATMT and the sender; the envelope goes to ATMT and someone else
    unit, atmt, other = ids().unit, ids().atmt, ids().other
    payload, _ = F.make_payload(report(), signer_cert=unit.cert, recipient_certs=[atmt.cert, unit.cert])
    e = rejected(F.seal_payload(payload, unit.key, unit.cert, [atmt.cert, other.cert]))
    assert e.code == "envelope_mismatch"
    e = rejected(F.seal_payload(payload, unit.key, unit.cert, [atmt.cert]))
    assert e.code == "envelope_mismatch"


# --- defect 4: the ZIP's entry count read from its end record before zipfile parses anything ---------

def claim_entries(zip_bytes: bytes, entries: int, cd_size: int | None = None) -> bytes:
    """The same ZIP with a zip64 end record that claims ``entries`` entries (and ``cd_size`` bytes of
    central directory): what a crafted million-entry ZIP looks like to the first check."""
    import struct
    eocd = zip_bytes.rfind(b"PK\x05\x06")
    sig, disk, cd_disk, here, total, size, off, clen = struct.unpack("<4s4H2LH", zip_bytes[eocd:eocd + 22])
    body = zip_bytes[:eocd]
    size = size if cd_size is None else cd_size
    z64 = struct.pack("<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, off)
    loc = struct.pack("<4sLQL", b"PK\x06\x07", 0, len(body), 1)
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
    return body + z64 + loc + end


def test_zip_claiming_a_million_entries_is_refused_from_its_end_record():
    from pkgkit import payload_entries, seal, zip_of
    entries, _ = payload_entries()
    crafted = claim_entries(zip_of(entries), 1_000_000)
    e = rejected(seal(crafted))
    assert e.code == "zip_too_many" and "1000000 mục" in e.message_vi


def test_zip_whose_central_directory_is_too_large_for_200_entries_is_refused():
    from pkgkit import payload_entries, seal, zip_of
    entries, _ = payload_entries()
    e = rejected(seal(claim_entries(zip_of(entries), 3, cd_size=50_000_000)))
    assert e.code == "zip_too_many"


def test_zip_entry_count_from_a_real_end_record():
    import io
    import zipfile
    from reportdesk.package.format import zip_directory_claims
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for i in range(7):
            zf.writestr(f"attachments/{i}.txt", b"x")
        zf.comment = b"reportdesk/1 recipient-infos-sha256=" + b"0" * 64
    entries, cd = zip_directory_claims(buf.getvalue())
    assert entries == 7 and 7 * 46 < cd < 7 * 100


# --- defect 4: bounded work and memory for one package -----------------------------------------

def _zip_with(extra: list[tuple[str, bytes]]) -> bytes:
    from pkgkit import payload_entries, zip_of
    entries, _ = payload_entries()
    return zip_of(entries + extra)


def test_package_without_attachments_has_a_far_lower_size_limit():
    import os as _os
    # a 3 MB stranger entry beside report.json, no attachment: refused by size before anything is unpacked
    from pkgkit import seal
    data = seal(_zip_with([("junk.bin", _os.urandom(3_000_000))]))
    e = rejected(data, limits=F.Limits(max_bytes_without_attachments=2_000_000))
    assert e.code == "too_large" and "không có tệp đính kèm" in e.message_vi
    assert F.DEFAULT_LIMITS.max_bytes_without_attachments <= 20 * 1024 * 1024


def test_default_limits_keep_one_opening_small():
    # three times the package (file, decrypted content, unpacked files) plus the interpreter < 300 MB
    lim = F.DEFAULT_LIMITS
    assert 3 * max(lim.max_package_bytes, lim.max_total_bytes) <= 200 * 1024 * 1024
    assert lim.max_total_bytes <= lim.max_package_bytes


def test_a_package_of_several_megabytes_opens_without_copying_its_payload():
    import os as _os
    import tracemalloc
    blob = _os.urandom(6_000_000)
    data = build(attachments={"scan.pdf": blob})
    tracemalloc.start()
    try:
        o = opened(data)
        _cur, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert o.attachments == {"scan.pdf": blob}
    # the decrypted content and the attachment: about two payloads, not the five or six asn1crypto made
    assert peak < 2.6 * len(data), peak / len(data)


def test_package_file_reader_refuses_what_is_not_a_regular_file_or_too_large(tmp_path):
    import os as _os
    from reportdesk.package import read_package_file
    fifo = tmp_path / "hang.rdpkg"
    _os.mkfifo(fifo)
    assert _raises(read_package_file, fifo) == "not_regular_file"  # never blocks on a FIFO
    link = tmp_path / "zero.rdpkg"
    link.symlink_to("/dev/zero")
    assert _raises(read_package_file, link) == "not_regular_file"
    sparse = tmp_path / "big.rdpkg"
    with open(sparse, "wb") as fh:
        fh.truncate(F.DEFAULT_LIMITS.max_package_bytes + 1)
    assert _raises(read_package_file, sparse) == "too_large"
    ok = tmp_path / "ok.rdpkg"
    ok.write_bytes(build())
    assert F.open_package_file(ok, ids().atmt.key, ids().atmt.cert).unit_code == "SCT-01"


def _raises(fn, *a) -> str:
    with pytest.raises(PackageRejected) as ei:
        fn(*a)
    assert ei.value.code in REJECTION_CODES and ei.value.message_vi
    return ei.value.code


def test_a_package_the_consolidation_would_refuse_for_its_size_is_not_built():
    import os as _os
    from reportdesk.package import PackageBuildError
    blob = _os.urandom(F.DEFAULT_LIMITS.max_package_bytes // 2 + 1024)
    with pytest.raises(PackageBuildError) as ei:
        build(attachments={"a.pdf": blob, "b.pdf": blob})
    assert ei.value.code == "too_large" and "tối đa 64 MB" in ei.value.message_vi
