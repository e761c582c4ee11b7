"""Identities: an RSA-3072 key and an X.509 certificate naming the unit.

On disk (data dir contract): ``<data-dir>/identity/key.pem`` (PKCS#8, always encrypted with the
passphrase) and ``<data-dir>/identity/cert.pem``. Pinned recipients (the consolidation certificate a
unit encrypts to) live under ``<data-dir>/identity/recipients/<fingerprint>.pem``.

The unit code is written into the certificate twice: in the subject (``OU=<code>``, for people) and as
a subjectAltName URI ``urn:reportdesk:<kind>:<code>`` (for programs; a CA-issued certificate imported
from a .p12 has no such URI, and then the unit is known only through the signer registry).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import core as acore
from asn1crypto import pem as apem
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives import padding as sympadding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from reportdesk import atomic
from reportdesk.package.errors import IdentityError, WrongPassphrase

KEY_BITS = 3072
MIN_KEY_BITS = 2048
VALIDITY_DAYS = 5 * 365 + 1
MINISTRY = "Bộ Công Thương"
URN_PREFIX = "urn:reportdesk:"
KINDS = ("unit", "atmt")

IDENTITY_DIR = "identity"
KEY_FILE = "key.pem"
CERT_FILE = "cert.pem"
RECIPIENTS_DIR = "recipients"


@dataclass(frozen=True)
class Identity:
    key: rsa.RSAPrivateKey
    cert: x509.Certificate

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.cert)


# --- fingerprints ----------------------------------------------------------------------------

def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate's DER: 64 lowercase hex digits (the manifest form)."""
    return hashlib.sha256(cert.public_bytes(serialization.Encoding.DER)).hexdigest()


def format_fingerprint(value: str | x509.Certificate) -> str:
    """16 groups of 4 lowercase hex digits separated by spaces (to be read aloud)."""
    hexfp = fingerprint(value) if isinstance(value, x509.Certificate) else parse_fingerprint(value)
    return " ".join(hexfp[i:i + 4] for i in range(0, 64, 4))


_FP_SEPARATORS = re.compile(r"[\s:\-]")


def parse_fingerprint(text: str) -> str:
    """Accepts a SHA-256 fingerprint with spaces, colons or no separators; returns 64 lowercase hex."""
    cleaned = _FP_SEPARATORS.sub("", str(text)).lower()
    if len(cleaned) != 64 or not re.fullmatch(r"[0-9a-f]{64}", cleaned):
        raise ValueError(f"Dấu vân tay không hợp lệ: '{text}' (cần 64 chữ số hex, có thể chia nhóm bằng dấu cách hoặc dấu hai chấm).")
    return cleaned


# --- reading a certificate -------------------------------------------------------------------

def _name_attr(name: x509.Name, oid) -> str | None:
    attrs = name.get_attributes_for_oid(oid)
    if not attrs:
        return None
    value = attrs[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def cert_unit_urn(cert: x509.Certificate) -> tuple[str, str] | None:
    """(kind, code) from the reportdesk URN in subjectAltName, or None (e.g. a CA-issued certificate)."""
    try:
        san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except (x509.ExtensionNotFound, ValueError):
        return None
    for uri in san.get_values_for_type(x509.UniformResourceIdentifier):
        if uri.startswith(URN_PREFIX):
            rest = uri[len(URN_PREFIX):]
            kind, _, code = rest.partition(":")
            if kind in KINDS and code:
                return kind, code
    return None


def cert_unit_code(cert: x509.Certificate) -> str | None:
    urn = cert_unit_urn(cert)
    return urn[1] if urn else None


def cert_unit_name(cert: x509.Certificate) -> str | None:
    return _name_attr(cert.subject, NameOID.COMMON_NAME)


def cert_not_before(cert: x509.Certificate) -> dt.datetime:
    return cert.not_valid_before_utc


def cert_not_after(cert: x509.Certificate) -> dt.datetime:
    return cert.not_valid_after_utc


def describe_cert(cert: x509.Certificate) -> dict:
    """What `identity show` prints."""
    return {
        "subject": cert.subject.rfc4514_string(),
        "issuer": cert.issuer.rfc4514_string(),
        "unit_code": cert_unit_code(cert),
        "unit_name": cert_unit_name(cert),
        "not_before": cert_not_before(cert).isoformat(),
        "not_after": cert_not_after(cert).isoformat(),
        "serial": format(cert.serial_number, "x"),
        "sha256": fingerprint(cert),
        "fingerprint": format_fingerprint(cert),
        "key_bits": cert.public_key().key_size if isinstance(cert.public_key(), rsa.RSAPublicKey) else None,
    }


def load_cert_bytes(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes; IdentityError if it is neither."""
    try:
        if b"-----BEGIN CERTIFICATE-----" in data:
            cert = x509.load_pem_x509_certificate(data)
        else:
            cert = x509.load_der_x509_certificate(data)
    except ValueError:
        raise IdentityError("bad_certificate", "Tệp không chứa chứng thư X.509 hợp lệ (PEM hoặc DER).") from None
    _require_rsa(cert.public_key(), "Chứng thư")
    return cert


def _require_rsa(public_key, what: str) -> None:
    if not isinstance(public_key, rsa.RSAPublicKey):
        raise IdentityError("not_rsa", f"{what} không dùng khóa RSA; gói mã hóa CMS cần khóa RSA.")
    if public_key.key_size < MIN_KEY_BITS:
        raise IdentityError("weak_key", f"{what} dùng khóa RSA {public_key.key_size} bit; cần ít nhất {MIN_KEY_BITS} bit.")


# --- making an identity ----------------------------------------------------------------------

def _cn(name: str) -> str:
    """A commonName within X.520's 64 (cryptography counts UTF-8 bytes: Vietnamese names are longer)."""
    out = name.strip()
    while len(out.encode("utf-8")) > 64:
        out = out[:-1]
    return out.rstrip(" ,-") or name[:16]


def generate_identity(unit_code: str, unit_name: str, kind: str = "unit", *,
                      now: dt.datetime | None = None, days: int = VALIDITY_DAYS,
                      key: rsa.RSAPrivateKey | None = None) -> Identity:
    """A fresh RSA-3072 key and a self-signed certificate naming the unit, valid ``days`` days."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}")
    if not unit_code or not unit_name:
        raise IdentityError("bad_unit", "Thiếu mã hoặc tên đơn vị cho chứng thư.")
    if key is None:
        key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_BITS)
    now = now or dt.datetime.now(dt.timezone.utc)
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, MINISTRY),
        x509.NameAttribute(NameOID.ORGANIZATIONAL_UNIT_NAME, unit_code),
        x509.NameAttribute(NameOID.COMMON_NAME, _cn(unit_name)),
    ])
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=True,
                                     data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                     crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.UniformResourceIdentifier(f"{URN_PREFIX}{kind}:{unit_code}")]),
                       critical=False)
        .add_extension(ski, critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Identity(key, cert)


# --- files -----------------------------------------------------------------------------------

def identity_dir(data_dir: Path | str) -> Path:
    return Path(data_dir) / IDENTITY_DIR


def key_path(data_dir: Path | str) -> Path:
    return identity_dir(data_dir) / KEY_FILE


def cert_path(data_dir: Path | str) -> Path:
    return identity_dir(data_dir) / CERT_FILE


def has_identity(data_dir: Path | str) -> bool:
    return key_path(data_dir).exists() and cert_path(data_dir).exists()


atomic_write = atomic.write_bytes  # temp file, fsync, os.replace, fsync the folder


# PKCS#8 EncryptedPrivateKeyInfo with PBES2 (RFC 8018) + scrypt (RFC 7914) + AES-256-CBC, the structure
# `openssl pkcs8 -topk8 -scrypt` writes. cryptography reads it but only writes PBKDF2 with 2048
# iterations through BestAvailableEncryption, hence this small writer.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 1 << 14, 8, 1  # 16 MiB, openssl's defaults (its CLI refuses more memory)
_OID_PBES2 = "1.2.840.113549.1.5.13"
_OID_SCRYPT = "1.3.6.1.4.1.11591.4.11"
_OID_AES256_CBC = "2.16.840.1.101.3.4.1.42"


class _AlgId(acore.Sequence):
    _fields = [("algorithm", acore.ObjectIdentifier), ("parameters", acore.Any, {"optional": True})]


class _ScryptParams(acore.Sequence):
    _fields = [("salt", acore.OctetString), ("cost_parameter", acore.Integer), ("block_size", acore.Integer),
               ("parallelization_parameter", acore.Integer), ("key_length", acore.Integer, {"optional": True})]


class _Pbes2Params(acore.Sequence):
    _fields = [("key_derivation_func", _AlgId), ("encryption_scheme", _AlgId)]


class _EncryptedPrivateKeyInfo(acore.Sequence):
    _fields = [("encryption_algorithm", _AlgId), ("encrypted_data", acore.OctetString)]


def encrypt_key_pem(key: rsa.RSAPrivateKey, passphrase: str) -> bytes:
    """The key as encrypted PKCS#8 PEM (PBES2, scrypt, AES-256-CBC). The plaintext DER exists only in memory."""
    if not passphrase:
        raise IdentityError("empty_passphrase", "Mật khẩu không được để trống.")
    salt, iv = os.urandom(16), os.urandom(16)
    kek = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase.encode("utf-8"))
    padder = sympadding.PKCS7(128).padder()
    plain = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    padded = padder.update(plain) + padder.finalize()
    enc = Cipher(algorithms.AES(kek), modes.CBC(iv)).encryptor()
    ciphertext = enc.update(padded) + enc.finalize()
    del plain, padded
    kdf = _AlgId({"algorithm": _OID_SCRYPT, "parameters": acore.Any.load(_ScryptParams({
        "salt": salt, "cost_parameter": SCRYPT_N, "block_size": SCRYPT_R, "parallelization_parameter": SCRYPT_P}).dump())})
    scheme = _AlgId({"algorithm": _OID_AES256_CBC, "parameters": acore.Any.load(acore.OctetString(iv).dump())})
    alg = _AlgId({"algorithm": _OID_PBES2, "parameters": acore.Any.load(_Pbes2Params({
        "key_derivation_func": kdf, "encryption_scheme": scheme}).dump())})
    der = _EncryptedPrivateKeyInfo({"encryption_algorithm": alg, "encrypted_data": ciphertext}).dump()
    return apem.armor("ENCRYPTED PRIVATE KEY", der)


def key_file_kdf(pem: bytes) -> str | None:
    """'scrypt', 'pbkdf2' or another dotted OID: the KDF protecting an encrypted PKCS#8 PEM key."""
    try:
        _type, _headers, der = apem.unarmor(pem)
        info = _EncryptedPrivateKeyInfo.load(der)
        if info["encryption_algorithm"]["algorithm"].dotted != _OID_PBES2:
            return info["encryption_algorithm"]["algorithm"].dotted
        params = _Pbes2Params.load(info["encryption_algorithm"]["parameters"].dump())
        oid = params["key_derivation_func"]["algorithm"].dotted
    except (ValueError, TypeError, KeyError):
        return None
    return {_OID_SCRYPT: "scrypt", "1.2.840.113549.1.5.12": "pbkdf2"}.get(oid, oid)


def save_identity(data_dir: Path | str, ident: Identity, passphrase: str, *, overwrite: bool = False) -> None:
    """Writes key.pem (encrypted PKCS#8, mode 0600) and cert.pem atomically."""
    _require_rsa(ident.cert.public_key(), "Chứng thư")
    if ident.key.public_key().public_numbers() != ident.cert.public_key().public_numbers():
        raise IdentityError("key_cert_mismatch", "Khóa bí mật không khớp với chứng thư.")
    d = identity_dir(data_dir)
    if not overwrite and (key_path(data_dir).exists() or cert_path(data_dir).exists()):
        raise IdentityError("identity_exists", f"Đã có định danh ký số tại {d}; không ghi đè.")
    d.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(d, 0o700)
    except OSError:
        pass
    key_pem = encrypt_key_pem(ident.key, passphrase)
    atomic_write(key_path(data_dir), key_pem, 0o600)
    atomic_write(cert_path(data_dir), ident.cert.public_bytes(serialization.Encoding.PEM), 0o644)


def create_identity(data_dir: Path | str, unit_code: str, unit_name: str, passphrase: str,
                    kind: str = "unit") -> str:
    """Generates and saves the data dir's identity; returns its fingerprint (groups of four).

    An identity already in the data dir (e.g. imported from a CA's .p12 before setup) is kept, once
    the passphrase is shown to open it; nothing is ever overwritten here."""
    if has_identity(data_dir):
        return format_fingerprint(load_identity(data_dir, passphrase).cert)
    if key_path(data_dir).exists() or cert_path(data_dir).exists():
        raise IdentityError("identity_incomplete", f"Định danh ký số tại {identity_dir(data_dir)} không đầy đủ (thiếu khóa hoặc chứng thư); không ghi đè.")
    ident = generate_identity(unit_code, unit_name, kind)
    save_identity(data_dir, ident, passphrase)
    return format_fingerprint(ident.cert)


def load_certificate(data_dir: Path | str) -> x509.Certificate:
    p = cert_path(data_dir)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise IdentityError("no_identity", f"Chưa có định danh ký số (không thấy {p}).") from None
    return load_cert_bytes(data)


_MAX_SCRYPT_MEM = 256 * 1024 * 1024


def _scrypt_pkcs8_plain(pem: bytes, passphrase: str) -> bytes | None:
    """The PKCS#8 DER inside an encrypted key of the structure encrypt_key_pem writes (PBES2, scrypt,
    AES-256-CBC), the scrypt run by hashlib, which lets the other threads run meanwhile (the window
    stays live during an export). None for any other structure (cryptography then reads it).
    WrongPassphrase when the passphrase does not open it."""
    try:
        _type, _headers, der = apem.unarmor(pem)
        info = _EncryptedPrivateKeyInfo.load(der)
        alg = info["encryption_algorithm"]
        if alg["algorithm"].dotted != _OID_PBES2:
            return None
        params = _Pbes2Params.load(alg["parameters"].dump())
        kdf, scheme = params["key_derivation_func"], params["encryption_scheme"]
        if kdf["algorithm"].dotted != _OID_SCRYPT or scheme["algorithm"].dotted != _OID_AES256_CBC:
            return None
        sp = _ScryptParams.load(kdf["parameters"].dump())
        salt, n = sp["salt"].native, sp["cost_parameter"].native
        r, p = sp["block_size"].native, sp["parallelization_parameter"].native
        iv = acore.OctetString.load(scheme["parameters"].dump()).native
        ciphertext = info["encrypted_data"].native
    except (ValueError, TypeError, KeyError):
        return None
    if (not isinstance(iv, bytes) or len(iv) != 16 or not ciphertext or len(ciphertext) % 16
            or n < 2 or n & (n - 1) or 128 * r * n * p > _MAX_SCRYPT_MEM // 2):
        return None
    kek = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=_MAX_SCRYPT_MEM, dklen=32)
    dec = Cipher(algorithms.AES(kek), modes.CBC(iv)).decryptor()
    padded = dec.update(ciphertext) + dec.finalize()
    unpadder = sympadding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise WrongPassphrase() from None


def load_private_key(pem: bytes, passphrase: str) -> rsa.RSAPrivateKey:
    """Loads an encrypted PKCS#8 PEM key; WrongPassphrase when the passphrase does not open it."""
    if b"ENCRYPTED PRIVATE KEY" not in pem:
        raise IdentityError("key_not_encrypted", "Tệp khóa bí mật không được mã hóa; từ chối dùng.")
    # The key in this file was validated when it was generated or imported (save_identity writes only a
    # key object cryptography has loaded and checked), and load_identity compares it with the
    # certificate: checking the RSA primes again would hold the interpreter ~170 ms on every export
    # (a frozen window), so it is skipped here.
    try:
        plain = _scrypt_pkcs8_plain(pem, passphrase)
        if plain is not None:
            key = serialization.load_der_private_key(plain, password=None, unsafe_skip_rsa_key_validation=True)
            del plain
        else:
            key = serialization.load_pem_private_key(pem, password=passphrase.encode("utf-8"),
                                                     unsafe_skip_rsa_key_validation=True)
    except ValueError:
        # a wrong password (and a damaged file): padding or DER that does not parse
        raise WrongPassphrase() from None
    except TypeError:
        raise IdentityError("bad_key", "Tệp khóa bí mật không hợp lệ.") from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise IdentityError("not_rsa", "Khóa bí mật không phải khóa RSA.")
    return key


def load_identity(data_dir: Path | str, passphrase: str) -> Identity:
    cert = load_certificate(data_dir)
    p = key_path(data_dir)
    try:
        pem = p.read_bytes()
    except FileNotFoundError:
        raise IdentityError("no_identity", f"Chưa có khóa bí mật (không thấy {p}).") from None
    key = load_private_key(pem, passphrase)
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise IdentityError("key_cert_mismatch", "Khóa bí mật không khớp với chứng thư.")
    return Identity(key, cert)


def read_p12(data: bytes, password: str | None) -> Identity:
    """Key and certificate from a PKCS#12 (.p12/.pfx) file."""
    pw = password.encode("utf-8") if password else None
    try:
        key, cert, _extra = pkcs12.load_key_and_certificates(data, pw)
    except ValueError:
        if pw is not None:
            try:
                key, cert, _extra = pkcs12.load_key_and_certificates(data, None)
            except ValueError:
                raise WrongPassphrase("tệp .p12/.pfx (hoặc tệp bị hỏng)") from None
        else:
            raise WrongPassphrase("tệp .p12/.pfx (hoặc tệp bị hỏng)") from None
    if key is None or cert is None:
        raise IdentityError("p12_incomplete", "Tệp .p12/.pfx phải chứa cả khóa bí mật và chứng thư.")
    if not isinstance(key, rsa.RSAPrivateKey):
        raise IdentityError("not_rsa", "Khóa trong tệp .p12/.pfx không phải RSA; gói mã hóa CMS cần khóa RSA.")
    _require_rsa(cert.public_key(), "Chứng thư trong tệp .p12/.pfx")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():
        raise IdentityError("key_cert_mismatch", "Khóa bí mật trong tệp .p12/.pfx không khớp với chứng thư.")
    return Identity(key, cert)


def import_p12(data_dir: Path | str, data: bytes, p12_password: str | None, passphrase: str,
               *, overwrite: bool = False) -> Identity:
    """Imports a CA-issued key+certificate; the key is re-encrypted with the store passphrase."""
    ident = read_p12(data, p12_password)
    save_identity(data_dir, ident, passphrase, overwrite=overwrite)
    return ident


# --- recipients ------------------------------------------------------------------------------

def recipients_dir(data_dir: Path | str) -> Path:
    return identity_dir(data_dir) / RECIPIENTS_DIR


def pin_recipient(data_dir: Path | str, cert_bytes: bytes) -> tuple[x509.Certificate, Path]:
    """Pins a consolidation certificate (PEM or DER) as a package recipient; returns it and its path."""
    cert = load_cert_bytes(cert_bytes)
    path = recipients_dir(data_dir) / f"{fingerprint(cert)}.pem"
    atomic_write(path, cert.public_bytes(serialization.Encoding.PEM), 0o644)
    return cert, path


def load_recipients(data_dir: Path | str) -> list[x509.Certificate]:
    d = recipients_dir(data_dir)
    if not d.is_dir():
        return []
    certs = []
    for p in sorted(d.glob("*.pem")):
        certs.append(load_cert_bytes(p.read_bytes()))
    return certs
