"""CMS (RFC 5652) for .rdpkg: SignedData inside EnvelopedData, with a strict profile when opening.

Building: the signature is made by cryptography's PKCS7SignatureBuilder (attached, SHA-256, signed
attributes). The EnvelopedData (AES-256-CBC, RSA PKCS#1 v1.5 key transport, recipients named by issuer
and serial number, exactly what ``openssl cms -encrypt`` writes) is assembled here with asn1crypto,
because the content-encryption key must be chosen *before* signing: the SHA-256 of the RecipientInfos
is put into the signed ZIP (its archive comment), which binds every byte of the envelope's recipient
part to the signature. cryptography's PKCS7EnvelopeBuilder picks the key itself and cannot do that.

Opening: the structure is parsed with asn1crypto and every field that no signature covers must be
exactly what this profile writes (versions, algorithm identifiers, no extra attributes); the content is
located without copying (see "_split") and decrypted into one buffer with cryptography's RSA
(PKCS#1 v1.5 key transport) and AES-256-CBC primitives; the signature is checked per RFC 5652 §5.4 (the
content-type and message-digest signed attributes, then the RSA signature over the DER of the signed
attributes re-tagged as a SET) with cryptography.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
from dataclasses import dataclass

from asn1crypto import cms as acms
from asn1crypto import core as acore
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives import padding as sympadding
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.serialization import pkcs7

from reportdesk.package.errors import PackageBuildError, PackageRejected, reject

# Exact DER of the algorithm identifiers this profile writes and accepts (both cryptography and
# openssl 3 write these forms).
RSA_ALG_DER = bytes.fromhex("300d06092a864886f70d0101010500")  # rsaEncryption, NULL
SHA256_ALG_DER = bytes.fromhex("300d06096086480165030402010500")  # sha256, NULL
# openssl cms -sign writes SHA-256 without parameters (RFC 5754); both forms are accepted (a
# single changed byte cannot turn one into the other: their lengths differ)
SHA256_ALGS = (SHA256_ALG_DER, bytes.fromhex("300b0609608648016503040201"))
RSA_SIG_ALGS = (RSA_ALG_DER, bytes.fromhex("300b06092a864886f70d010101"))
AES256_CBC_OID = "2.16.840.1.101.3.4.1.42"
AES256_CBC_PREFIX = bytes.fromhex("301d060960864801650304012a0410")  # + 16-byte IV

# Anything that can go wrong inside asn1crypto's lazy parser on hostile input.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, IndexError, OverflowError, AttributeError,
                 UnicodeDecodeError, RecursionError)


# --- building ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class PreparedEnvelope:
    """A content-encryption key already wrapped for every recipient (RecipientInfos in DER)."""

    cek: bytes
    recipient_infos: acms.RecipientInfos
    recipient_infos_der: bytes

    @property
    def recipient_infos_sha256(self) -> str:
        return hashlib.sha256(self.recipient_infos_der).hexdigest()


def _acert(cert: x509.Certificate) -> ax509.Certificate:
    return ax509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def prepare_envelope(recipient_certs: list[x509.Certificate]) -> PreparedEnvelope:
    """Chooses a fresh AES-256 key and encrypts it (RSA PKCS#1 v1.5) to every recipient."""
    if not recipient_certs:
        raise PackageBuildError("no_recipients", "Gói cần ít nhất một người nhận.")
    cek = os.urandom(32)
    infos = []
    for cert in recipient_certs:
        pub = cert.public_key()
        if not isinstance(pub, rsa.RSAPublicKey):
            raise PackageBuildError("not_rsa", "Chứng thư người nhận không dùng khóa RSA.")
        ac = _acert(cert)
        tbs = ac["tbs_certificate"]
        infos.append(acms.RecipientInfo(name="ktri", value=acms.KeyTransRecipientInfo({
            "version": "v0",
            "rid": acms.RecipientIdentifier(name="issuer_and_serial_number", value=acms.IssuerAndSerialNumber({
                "issuer": tbs["issuer"], "serial_number": tbs["serial_number"]})),
            "key_encryption_algorithm": acms.KeyEncryptionAlgorithm({"algorithm": "rsaes_pkcs1v15",
                                                                      "parameters": acore.Null()}),
            "encrypted_key": pub.encrypt(cek, padding.PKCS1v15()),
        })))
    rinfos = acms.RecipientInfos(infos)
    return PreparedEnvelope(cek, rinfos, rinfos.dump())


def encrypt(prepared: PreparedEnvelope, content: bytes) -> bytes:
    """CMS EnvelopedData (DER, AES-256-CBC) of ``content`` with the prepared recipients."""
    iv = os.urandom(16)
    padder = sympadding.PKCS7(128).padder()
    padded = padder.update(content) + padder.finalize()
    enc = Cipher(algorithms.AES(prepared.cek), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(padded) + enc.finalize()
    env = acms.EnvelopedData({
        "version": "v0",
        "recipient_infos": prepared.recipient_infos,
        "encrypted_content_info": acms.EncryptedContentInfo({
            "content_type": "data",
            "content_encryption_algorithm": acms.EncryptionAlgorithm({"algorithm": "aes256_cbc",
                                                                       "parameters": acore.OctetString(iv)}),
            "encrypted_content": ciphertext,
        }),
    })
    der = acms.ContentInfo({"content_type": "enveloped_data", "content": env}).dump()
    # the bytes hashed before signing must be the bytes in the file
    check = acms.ContentInfo.load(der)["content"]["recipient_infos"].dump()
    if check != prepared.recipient_infos_der:
        raise PackageBuildError("internal", "Lỗi nội bộ khi lập phong bì CMS.")
    return der


def sign(content: bytes, key: rsa.RSAPrivateKey, cert: x509.Certificate) -> bytes:
    """CMS SignedData (DER): content attached, SHA-256, signed attributes, signer certificate included."""
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(content)
        .add_signer(cert, key, hashes.SHA256())
        .sign(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )


# --- opening -----------------------------------------------------------------------------------

def _der_length_claim(data: bytes) -> int | None:
    """Total length a DER TLV at the start of ``data`` claims (header + content), or None."""
    if len(data) < 2:
        return None
    first = data[1]
    if first < 0x80:
        return 2 + first
    n = first & 0x7F
    if n == 0 or n > 8 or len(data) < 2 + n:
        return None
    return 2 + n + int.from_bytes(data[2:2 + n], "big")


def _load_content_info(data: bytes, *, inner: bool) -> acms.ContentInfo:
    bad = "bad_structure" if inner else "not_cms"
    if not data:
        raise reject("empty" if not inner else "bad_structure")
    if data[0] != 0x30:
        raise reject(bad)
    claim = _der_length_claim(data)
    if claim is not None and claim > len(data):
        raise reject("truncated" if not inner else "bad_structure")
    try:
        ci = acms.ContentInfo.load(data, strict=True)
        ctype = ci["content_type"].dotted
        _ = ci["content"].contents
    except _PARSE_ERRORS:
        raise reject(bad) from None
    if ctype is None:
        raise reject(bad)
    return ci


@dataclass(frozen=True)
class Envelope:
    """A parsed, profile-checked EnvelopedData."""

    der: bytes
    recipients: list[tuple[bytes, int]]  # (issuer DER, serial) of each KeyTransRecipientInfo
    recipient_infos_der: bytes
    encrypted_keys: tuple[bytes, ...] = ()  # the wrapped content-encryption key, per recipient
    iv: bytes = b""
    ciphertext: memoryview | bytes = b""  # a view into ``der``: never copied

    @property
    def recipient_infos_sha256(self) -> str:
        return hashlib.sha256(self.recipient_infos_der).hexdigest()


# --- finding the one large value of a CMS structure without copying it --------------------------
#
# asn1crypto slices (copies) the contents of every level it parses, so a 200 MB package parsed with it
# costs several times its size. The large value (the ciphertext of an EnvelopedData, the content of a
# SignedData) is found here by walking the DER headers over a memoryview; the structure around it,
# small, is rebuilt with that value emptied ("hollow") and checked with asn1crypto as before.

MAX_HOLLOW_BYTES = 1024 * 1024  # everything of a package but its payload: certificates, recipients...


class _Walk(ValueError):
    pass


def _tlv(buf: memoryview, pos: int, end: int) -> tuple[int, int, int]:
    """(tag, content start, content end) of the definite-length DER TLV at ``pos``."""
    if pos + 2 > end:
        raise _Walk("short")
    tag = buf[pos]
    if tag & 0x1F == 0x1F:
        raise _Walk("high tag")
    first = buf[pos + 1]
    if first < 0x80:
        start, length = pos + 2, first
    else:
        n = first & 0x7F
        if n == 0 or n > 4 or pos + 2 + n > end:
            raise _Walk("length")
        start, length = pos + 2 + n, int.from_bytes(buf[pos + 2:pos + 2 + n], "big")
        if length < 0x80 or buf[pos + 2] == 0:  # DER: the shortest form only
            raise _Walk("length not minimal")
    if start + length > end:
        raise _Walk("overrun")
    return tag, start, start + length


def _der_len(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def _find_path(buf: memoryview, steps: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """Follows ``steps`` — (index of the child, expected tag) — from the outermost TLV, which must span
    the whole buffer; returns (header start, content start, content end) of each TLV on the way."""
    tag, cs, ce = _tlv(buf, 0, len(buf))
    if ce != len(buf):
        raise _Walk("trailing data")
    path = [(0, cs, ce)]
    for index, want in steps:
        pos, end = path[-1][1], path[-1][2]
        for _ in range(index):
            _t, _s, pos = _tlv(buf, pos, end)
        tag, cs, ce = _tlv(buf, pos, end)
        if tag != want:
            raise _Walk("tag")
        path.append((pos, cs, ce))
    return path


def _hollow(buf: memoryview, path: list[tuple[int, int, int]]) -> bytes:
    """The DER with the contents of the last TLV of ``path`` emptied (every enclosing length redone)."""
    def rebuild(i: int) -> bytes:
        hs, cs, ce = path[i]
        if i == len(path) - 1:
            inner = b""
        else:
            chs, _ccs, cce = path[i + 1]
            inner = bytes(buf[cs:chs]) + rebuild(i + 1) + bytes(buf[cce:ce])
        return bytes(buf[hs:hs + 1]) + _der_len(len(inner)) + inner
    return rebuild(0)


# ContentInfo > [0] > EnvelopedData > EncryptedContentInfo (after version, recipientInfos) > [0] IMPLICIT
_ENVELOPE_STEPS = [(1, 0xA0), (0, 0x30), (2, 0x30), (2, 0x80)]
# ContentInfo > [0] > SignedData > EncapsulatedContentInfo (after version, digestAlgorithms) > [0] > OCTET STRING
_SIGNED_STEPS = [(1, 0xA0), (0, 0x30), (2, 0x30), (1, 0xA0), (0, 0x04)]


def _split(data, steps) -> tuple[bytes, memoryview] | None:
    """(hollow DER, view of the large value), or None when the DER does not have this simple shape
    (it is then parsed whole, as before, if it is small)."""
    buf = memoryview(data)
    if buf.ndim != 1 or buf.itemsize != 1:
        buf = buf.cast("B")
    try:
        path = _find_path(buf, steps)
    except _Walk:
        return None
    _hs, cs, ce = path[-1]
    if len(buf) - (ce - cs) > MAX_HOLLOW_BYTES:
        return None
    return _hollow(buf, path), buf[cs:ce]


def parse_envelope(data: bytes) -> Envelope:
    if len(data) >= 2 and data[0] == 0x30:
        claim = _der_length_claim(bytes(data[:16]))
        if claim is not None and claim > len(data):
            raise reject("truncated")
    split = _split(data, _ENVELOPE_STEPS)
    if split is None:
        if len(data) > MAX_HOLLOW_BYTES:
            raise reject("not_cms", "cấu trúc DER không đúng hồ sơ")
        return _parse_envelope(bytes(data), None)
    hollow, ciphertext = split
    return _parse_envelope(hollow, ciphertext, der=data)


def _parse_envelope(data: bytes, ciphertext: memoryview | None, der=None) -> Envelope:
    ci = _load_content_info(data, inner=False)
    try:
        ctype = ci["content_type"].native
        if ctype != "enveloped_data":
            raise reject("not_encrypted")
        # nothing authenticates the envelope's encoding: it must be exactly the DER this profile writes
        # (OpenSSL's decoder refused the rest when it decrypted; the key and content are now ours to unwrap)
        if acms.ContentInfo.load(data, strict=True).dump(force=True) != data:
            raise reject("not_cms", "mã hóa DER không chuẩn")
        env = ci["content"]
        if env["version"].native != "v0":
            raise reject("bad_structure", "phiên bản EnvelopedData")
        if env["originator_info"].native is not None or env["unprotected_attrs"].native is not None:
            raise reject("bad_structure", "có trường ngoài hồ sơ")
        rinfos = env["recipient_infos"]
        recipients: list[tuple[bytes, int]] = []
        wrapped: list[bytes] = []
        for ri in rinfos:
            if ri.name != "ktri":
                raise reject("unsupported_algorithm", "chỉ hỗ trợ người nhận RSA")
            ktri = ri.chosen
            if ktri["version"].native != "v0" or ktri["rid"].name != "issuer_and_serial_number":
                raise reject("bad_structure", "định danh người nhận")
            if ktri["key_encryption_algorithm"].dump() != RSA_ALG_DER:
                raise reject("unsupported_algorithm", "thuật toán bọc khóa")
            ias = ktri["rid"].chosen
            enc_key = ktri["encrypted_key"].native
            if not isinstance(enc_key, bytes) or not enc_key:
                raise reject("bad_structure", "khóa mã hóa của người nhận")
            recipients.append((ias["issuer"].dump(), ias["serial_number"].native))
            wrapped.append(enc_key)
        if not recipients:
            raise reject("bad_structure", "không có người nhận")
        eci = env["encrypted_content_info"]
        if eci["content_type"].native != "data":
            raise reject("bad_structure", "loại nội dung mã hóa")
        alg_der = eci["content_encryption_algorithm"].dump()
        if len(alg_der) != len(AES256_CBC_PREFIX) + 16 or not alg_der.startswith(AES256_CBC_PREFIX):
            raise reject("unsupported_algorithm", "cần AES-256-CBC")
        iv = alg_der[len(AES256_CBC_PREFIX):]
        if ciphertext is None:
            ct = eci["encrypted_content"]
            ct_bytes = ct.native if ct is not None else None
        else:
            ct_bytes = ciphertext
        if not isinstance(ct_bytes, (bytes, memoryview)) or not len(ct_bytes) or len(ct_bytes) % 16:
            raise reject("bad_structure", "nội dung mã hóa")
        rinfos_der = rinfos.dump()
    except PackageRejected:
        raise
    except _PARSE_ERRORS:
        raise reject("not_cms") from None
    return Envelope(der if der is not None else data, recipients, rinfos_der, tuple(wrapped), iv, ct_bytes)


def cert_rid(cert: x509.Certificate) -> tuple[bytes, int]:
    """(issuer DER as written in the certificate, serial number)."""
    tbs = _acert(cert)["tbs_certificate"]
    return tbs["issuer"].dump(), tbs["serial_number"].native


def is_recipient(envelope: Envelope, cert: x509.Certificate) -> bool:
    return cert_rid(cert) in envelope.recipients


def decrypt_into(envelope: Envelope, key: rsa.RSAPrivateKey, cert: x509.Certificate) -> bytearray:
    """The plaintext of the envelope, for our key, in one buffer (the ciphertext is never copied);
    PackageRejected if it is not for us or damaged."""
    rid = cert_rid(cert)
    if rid not in envelope.recipients:
        raise reject("not_for_us")
    wrapped = envelope.encrypted_keys[envelope.recipients.index(rid)]
    try:
        cek = key.decrypt(wrapped, padding.PKCS1v15())
    except (ValueError, TypeError):
        raise reject("decrypt_failed") from None
    if len(cek) != 32:  # AES-256 (an RSA implementation with implicit rejection gives a random key instead)
        raise reject("decrypt_failed")
    ct = envelope.ciphertext
    dec = Cipher(algorithms.AES(cek), modes.CBC(envelope.iv)).decryptor()
    out = bytearray(len(ct) + 15)
    n = dec.update_into(ct, out)
    tail = dec.finalize()
    out[n:n + len(tail)] = tail
    n += len(tail)
    pad = out[n - 1] if n else 0
    if not 1 <= pad <= 16 or not hmac.compare_digest(bytes(out[n - pad:n]), bytes([pad]) * pad):
        raise reject("decrypt_failed")
    del out[n - pad:]
    return out


def decrypt(envelope: Envelope, key: rsa.RSAPrivateKey, cert: x509.Certificate) -> bytes:
    """The plaintext of the envelope, for our key, as bytes (see decrypt_into)."""
    return bytes(decrypt_into(envelope, key, cert))


@dataclass(frozen=True)
class Verified:
    content: bytes | memoryview
    signer_cert: x509.Certificate
    signing_time: dt.datetime | None


def _single_attr(attrs, name: str):
    found = [a for a in attrs if a["type"].native == name]
    if len(found) != 1 or len(found[0]["values"]) != 1:
        raise reject("bad_signature", f"thuộc tính ký '{name}' thiếu hoặc lặp")
    return found[0]["values"][0]


def verify_signed(data) -> Verified:
    """Verifies a CMS SignedData per RFC 5652 §5.4 (strict reportdesk profile); returns its content
    (a memoryview into ``data`` when ``data`` is large: never copied)."""
    split = _split(data, _SIGNED_STEPS) if data else None
    if split is None:
        if len(data) > MAX_HOLLOW_BYTES:
            raise reject("bad_structure", "cấu trúc DER không đúng hồ sơ")
        return _verify_signed(bytes(data), None)
    hollow, content = split
    return _verify_signed(hollow, content)


def _verify_signed(data: bytes, big_content: memoryview | None) -> Verified:
    ci = _load_content_info(data, inner=True)
    try:
        if ci["content_type"].native != "signed_data":
            raise reject("not_signed")
        sd = ci["content"]
        if sd["version"].native != "v1":
            raise reject("bad_structure", "phiên bản SignedData")
        dalgs = sd["digest_algorithms"]
        if len(dalgs) != 1 or dalgs[0].dump() not in SHA256_ALGS:
            raise reject("unsupported_algorithm", "cần SHA-256")
        eci = sd["encap_content_info"]
        if eci["content_type"].native != "data":
            raise reject("bad_structure", "loại nội dung được ký")
        econtent = eci["content"]
        content = econtent.native if econtent is not None else None
        if big_content is not None and content == b"":
            content = big_content
        if not isinstance(content, (bytes, memoryview)):
            raise reject("bad_structure", "nội dung không đi kèm chữ ký")
        if sd["crls"].native is not None:
            raise reject("bad_structure", "có danh sách thu hồi ngoài hồ sơ")
        sinfos = sd["signer_infos"]
        if len(sinfos) != 1:
            raise reject("bad_structure", "cần đúng một người ký")
        si = sinfos[0]
        if si["version"].native != "v1" or si["sid"].name != "issuer_and_serial_number":
            raise reject("bad_structure", "định danh người ký")
        if si["digest_algorithm"].dump() not in SHA256_ALGS:
            raise reject("unsupported_algorithm", "cần SHA-256")
        if si["signature_algorithm"].dump() not in RSA_SIG_ALGS:
            raise reject("unsupported_algorithm", "cần chữ ký RSA")
        if si["unsigned_attrs"].native is not None:
            raise reject("bad_structure", "có thuộc tính không ký")
        sid = si["sid"].chosen
        sid_issuer, sid_serial = sid["issuer"].dump(), sid["serial_number"].native
        signer_der = None
        certs = sd["certificates"]
        if certs is not None:
            for choice in certs:
                if choice.name != "certificate":
                    continue
                tbs = choice.chosen["tbs_certificate"]
                if tbs["issuer"].dump() == sid_issuer and tbs["serial_number"].native == sid_serial:
                    signer_der = choice.chosen.dump()
                    break
        if signer_der is None:
            raise reject("signer_cert_missing")
        signed_attrs = si["signed_attrs"]
        if signed_attrs is None or len(signed_attrs) == 0:
            raise reject("bad_signature", "thiếu thuộc tính ký")
        types = [a["type"].dotted for a in signed_attrs]
        if len(types) != len(set(types)):
            raise reject("bad_signature", "thuộc tính ký bị lặp")
        if _single_attr(signed_attrs, "content_type").native != "data":
            raise reject("bad_signature", "thuộc tính content-type")
        digest_attr = _single_attr(signed_attrs, "message_digest").native
        signing_time = None
        if "signing_time" in [a["type"].native for a in signed_attrs]:
            signing_time = _single_attr(signed_attrs, "signing_time").native
        signature = si["signature"].native
        attrs_der = bytearray(signed_attrs.dump())
    except PackageRejected:
        raise
    except _PARSE_ERRORS:
        raise reject("bad_structure") from None

    if not isinstance(digest_attr, bytes) or not hmac.compare_digest(digest_attr, hashlib.sha256(content).digest()):
        raise reject("digest_mismatch")
    try:
        cert = x509.load_der_x509_certificate(signer_der)
        pub = cert.public_key()
        # parse now what is read later, so that a damaged certificate is a rejection, not a crash
        _ = (cert.not_valid_before_utc, cert.not_valid_after_utc, cert.subject.rfc4514_string(), list(cert.extensions))
    except Exception:  # noqa: BLE001 - hostile DER: cryptography raises ValueError, InvalidVersion, DuplicateExtension...
        raise reject("bad_certificate") from None
    if not isinstance(pub, rsa.RSAPublicKey):
        raise reject("unsupported_algorithm", "cần chữ ký RSA")
    # RFC 5652 §5.4: the signature covers the DER of the signed attributes with an EXPLICIT SET OF tag
    if attrs_der[0] != 0xA0:
        raise reject("bad_structure")
    attrs_der[0] = 0x31
    try:
        pub.verify(signature, bytes(attrs_der), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        raise reject("bad_signature") from None
    if signing_time is not None and not isinstance(signing_time, dt.datetime):
        signing_time = None
    return Verified(content, cert, signing_time)
