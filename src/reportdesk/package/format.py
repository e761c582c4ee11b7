"""The .rdpkg format: a ZIP (manifest.json, report.json, attachments/<name>), signed, then encrypted.

``build_package`` makes the DER bytes of a package; ``open_package`` decrypts, verifies and unzips one
with limits, returning an ``OpenedPackage`` or raising ``PackageRejected(code, message_vi)``. Both are
pure: no files, no globals, no output; safe to run on a worker thread.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import json
import re
import stat
import struct
import unicodedata
import uuid
import zipfile
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from reportdesk.package import cms
from reportdesk.package.errors import PackageBuildError, PackageRejected, reject
from reportdesk.package.identity import MIN_KEY_BITS, cert_unit_code, cert_unit_name, fingerprint, format_fingerprint

FORMAT = "reportdesk/1"
MANIFEST = "manifest.json"
REPORT = "report.json"
ATTACHMENTS_DIR = "attachments/"
BINDING_PREFIX = b"reportdesk/1 recipient-infos-sha256="

MANIFEST_KEYS = ("format", "package_id", "unit_code", "form_id", "form_version", "period", "revision",
                 "created_at", "app_version", "signer_sha256", "recipients_sha256", "files")
REPORT_KEYS_MATCHING_MANIFEST = ("unit_code", "form_id", "form_version", "period", "revision")


@dataclass(frozen=True)
class Limits:
    # Opening holds the file, its decrypted content and the unpacked files at once: about three times
    # the package size, plus the interpreter (~60 MB). These bounds keep one opening under 300 MB
    # whatever the file (benchmarks/bench_hostile.py measures it).
    max_package_bytes: int = 64 * 1024 * 1024
    max_bytes_without_attachments: int = 20 * 1024 * 1024  # manifest + report.json need far less
    max_entries: int = 200
    max_entry_bytes: int = 64 * 1024 * 1024
    max_total_bytes: int = 64 * 1024 * 1024
    max_ratio: int = 100  # uncompressed / compressed, checked for entries above ratio_floor
    ratio_floor: int = 1024 * 1024
    max_json_bytes: int = 20 * 1024 * 1024
    future_skew: dt.timedelta = dt.timedelta(days=1)


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class OpenedPackage:
    manifest: dict[str, Any]
    report: dict[str, Any]
    attachments: dict[str, bytes]
    signer_cert: x509.Certificate
    signer_sha256: str
    cert_unit_code: str | None  # from the certificate's reportdesk URN; None for a CA-issued certificate
    cert_unit_name: str | None  # the certificate subject's CN
    created_at: dt.datetime
    signing_time: dt.datetime | None
    payload_sha256: str  # SHA-256 of the signed ZIP

    @property
    def signer_fingerprint(self) -> str:
        return format_fingerprint(self.signer_sha256)

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def unit_code(self) -> str:
        return self.manifest["unit_code"]

    @property
    def form_id(self) -> str:
        return self.manifest["form_id"]

    @property
    def form_version(self) -> int:
        return self.manifest["form_version"]

    @property
    def period(self) -> str:
        return self.manifest["period"]

    @property
    def revision(self) -> int:
        return self.manifest["revision"]

    @property
    def answers(self) -> dict[str, Any]:
        return self.report.get("answers", {})


@dataclass(frozen=True)
class BuiltPackage:
    data: bytes
    manifest: dict[str, Any]

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]


# --- helpers -----------------------------------------------------------------------------------

def utc_iso(t: dt.datetime) -> str:
    if t.tzinfo is None:
        raise PackageBuildError("naive_time", "Thời điểm phải có múi giờ.")
    return t.astimezone(dt.timezone.utc).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_utc(text: str) -> dt.datetime:
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})", text):
        raise ValueError("not an ISO 8601 UTC time")
    try:
        t = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        return t.astimezone(dt.timezone.utc)
    except OverflowError:
        raise ValueError("time out of range") from None


_HEX64 = re.compile(r"[0-9a-f]{64}")
_BAD_NAME_CHARS = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]")


def safe_attachment_name(name: str) -> str:
    """An attachment name that is one plain file name component (NFC); ValueError otherwise."""
    if not isinstance(name, str):
        raise ValueError("tên tệp đính kèm phải là chuỗi")
    n = unicodedata.normalize("NFC", name).strip()
    if not n or n in (".", "..") or n.startswith(".") or len(n) > 200 or _BAD_NAME_CHARS.search(n):
        raise ValueError(f"Tên tệp đính kèm không hợp lệ: '{name}'.")
    return n


def default_file_name(unit_code: str, form_id: str, period: str, revision: int) -> str:
    """`<unit>_<form>_<period>_r<rev>.rdpkg`."""
    return f"{unit_code}_{form_id}_{period}_r{revision}.rdpkg"


def _json_bytes(obj: Any, *, indent: int | None = None) -> bytes:
    # report.json is written compactly: json's indenting encoder is pure Python and was half the build time
    return (json.dumps(obj, ensure_ascii=False, indent=indent, sort_keys=True, separators=None if indent else (",", ":"))
            + "\n").encode("utf-8")


def _compressible(data: bytes) -> bool:
    """Whether deflating is worth it: already-compressed attachments (PDF, JPEG, DOCX...) are stored."""
    if len(data) < 65536:
        return True
    sample = data[:32768] + data[len(data) // 2:len(data) // 2 + 32768]
    return len(zlib.compress(sample, 1)) < 0.9 * len(sample)


def _zip(files: list[tuple[str, bytes]], comment: bytes = b"") -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED if _compressible(data) else zipfile.ZIP_STORED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, data)
        zf.comment = comment
    return buf.getvalue()


def seal_payload(payload: bytes, signer_key: rsa.RSAPrivateKey, signer_cert: x509.Certificate,
                 recipient_certs: list[x509.Certificate],
                 prepared: cms.PreparedEnvelope | None = None) -> bytes:
    """Signs arbitrary payload bytes and encrypts the SignedData (low level; tests and tools)."""
    prepared = prepared or cms.prepare_envelope(recipient_certs)
    return cms.encrypt(prepared, cms.sign(payload, signer_key, signer_cert))


def _dedupe_certs(certs: list[x509.Certificate]) -> list[x509.Certificate]:
    seen, out = set(), []
    for c in certs:
        fp = fingerprint(c)
        if fp not in seen:
            seen.add(fp)
            out.append(c)
    return out


# --- building ----------------------------------------------------------------------------------

def make_payload(report: Mapping[str, Any], *, signer_cert: x509.Certificate,
                 recipient_certs: list[x509.Certificate], attachments: Mapping[str, bytes] | None = None,
                 unit_code: str | None = None, form_id: str | None = None, form_version: int | None = None,
                 period: str | None = None, revision: int | None = None, package_id: str | None = None,
                 created_at: dt.datetime | None = None, app_version: str | None = None,
                 binding: str | None = None) -> tuple[bytes, dict[str, Any]]:
    """The ZIP payload and its manifest. Manifest fields default to the report's own (the shape of
    ``report show --json``). ``binding`` is the SHA-256 of the envelope's RecipientInfos, when known."""
    if app_version is None:
        from reportdesk import __version__ as app_version
    rep = dict(report)
    fields = {
        "unit_code": unit_code if unit_code is not None else rep.get("unit_code"),
        "form_id": form_id if form_id is not None else rep.get("form_id"),
        "form_version": form_version if form_version is not None else rep.get("form_version"),
        "period": period if period is not None else rep.get("period"),
        "revision": revision if revision is not None else rep.get("revision"),
    }
    for k in ("unit_code", "form_id", "period"):
        if not isinstance(fields[k], str) or not fields[k]:
            raise PackageBuildError("bad_report", f"Thiếu '{k}' để lập gói.")
    for k in ("form_version", "revision"):
        if not _is_posint(fields[k]):
            raise PackageBuildError("bad_report", f"'{k}' phải là số nguyên dương.")
    if not isinstance(rep.get("answers"), dict):
        raise PackageBuildError("bad_report", "Báo cáo thiếu phần 'answers'.")
    rep.update(fields)

    files: list[tuple[str, bytes]] = [(REPORT, _json_bytes(rep))]
    seen = set()
    for name, data in (attachments or {}).items():
        try:
            n = safe_attachment_name(name)
        except ValueError as exc:
            raise PackageBuildError("bad_attachment", str(exc)) from None
        if n in seen:
            raise PackageBuildError("bad_attachment", f"Tệp đính kèm trùng tên: '{n}'.")
        seen.add(n)
        files.append((ATTACHMENTS_DIR + n, bytes(data)))
    manifest = {
        "format": FORMAT,
        "package_id": package_id or str(uuid.uuid4()),
        **fields,
        "created_at": utc_iso(created_at or dt.datetime.now(dt.timezone.utc)),
        "app_version": str(app_version),
        "signer_sha256": fingerprint(signer_cert),
        "recipients_sha256": [fingerprint(c) for c in recipient_certs],
        "files": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in files},
    }
    comment = BINDING_PREFIX + binding.encode("ascii") if binding else b""
    return _zip([(MANIFEST, _json_bytes(manifest, indent=2))] + files, comment=comment), manifest


def make_package(report: Mapping[str, Any], *, signer_key: rsa.RSAPrivateKey, signer_cert: x509.Certificate,
                 recipient_certs: list[x509.Certificate], attachments: Mapping[str, bytes] | None = None,
                 include_signer: bool = True, **manifest_fields: Any) -> BuiltPackage:
    """Builds a package: ZIP payload, signed (SignedData), encrypted (EnvelopedData) to the recipients
    and, unless include_signer is False, to the signer's own certificate. See make_payload for the
    manifest fields (unit_code, form_id, form_version, period, revision, package_id, created_at, app_version)."""
    recipients = list(recipient_certs)
    if include_signer:
        recipients.append(signer_cert)
    recipients = _dedupe_certs(recipients)
    prepared = cms.prepare_envelope(recipients)
    payload, manifest = make_payload(report, signer_cert=signer_cert, recipient_certs=recipients,
                                     attachments=attachments, binding=prepared.recipient_infos_sha256,
                                     **manifest_fields)
    has_attachments = any(n.startswith(ATTACHMENTS_DIR) for n in manifest["files"])
    limit = DEFAULT_LIMITS.max_package_bytes if has_attachments else DEFAULT_LIMITS.max_bytes_without_attachments
    unpacked = sum(meta["size"] for meta in manifest["files"].values())
    if len(payload) > limit or unpacked > DEFAULT_LIMITS.max_total_bytes:
        # what the consolidation would refuse is not made
        raise PackageBuildError("too_large", f"Gói quá lớn ({max(len(payload), unpacked) // (1024 * 1024)} MB, tối đa "
                                             f"{limit // (1024 * 1024)} MB): hãy bớt hoặc nén tệp đính kèm.")
    return BuiltPackage(seal_payload(payload, signer_key, signer_cert, recipients, prepared), manifest)


def build_package(report: Mapping[str, Any], *, signer_key: rsa.RSAPrivateKey, signer_cert: x509.Certificate,
                  recipient_certs: list[x509.Certificate], attachments: Mapping[str, bytes] | None = None,
                  created_at: dt.datetime | None = None, **manifest_fields: Any) -> bytes:
    """DER bytes of the EnvelopedData of a new package (see make_package)."""
    return make_package(report, signer_key=signer_key, signer_cert=signer_cert, recipient_certs=recipient_certs,
                        attachments=attachments, created_at=created_at, **manifest_fields).data


# --- opening -----------------------------------------------------------------------------------

def _no_duplicate_keys(pairs):
    out = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"duplicate key {k!r}")
        out[k] = v
    return out


def _load_json(data: bytes, what: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"), object_pairs_hook=_no_duplicate_keys)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise reject("bad_manifest", f"{what} không phải JSON UTF-8 hợp lệ") from None


def _check_name(name: str) -> None:
    if (not name or "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name)
            or any(part in ("", ".", "..") for part in name.split("/"))
            or re.search(r"[\x00-\x1f\x7f]", name)):
        raise reject("zip_unsafe_path", repr(name))


class _ViewFile(io.RawIOBase):
    """A read-only, seekable file over a bytes-like object, without copying it (io.BytesIO copies
    anything that is not bytes)."""

    def __init__(self, data):
        super().__init__()
        self._view = memoryview(data).cast("B") if not isinstance(data, bytes) else memoryview(data)
        self._pos = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = 0) -> int:
        base = {0: 0, 1: self._pos, 2: len(self._view)}[whence]
        pos = base + offset
        if pos < 0:
            raise ValueError("negative seek position")
        self._pos = pos
        return pos

    def readinto(self, b) -> int:
        chunk = self._view[self._pos:self._pos + len(b)]
        n = len(chunk)
        memoryview(b).cast("B")[:n] = chunk
        self._pos += n
        return n

    def read(self, size: int = -1) -> bytes:
        end = len(self._view) if size is None or size < 0 else min(len(self._view), self._pos + size)
        out = bytes(self._view[self._pos:end]) if end > self._pos else b""
        self._pos = max(self._pos, end)
        return out


_EOCD = struct.Struct("<4s4H2LH")  # signature, disk, cd disk, entries here, entries total, cd size, cd offset, comment len
_EOCD64_LOCATOR = struct.Struct("<4sLQL")
_EOCD64 = struct.Struct("<4sQ2H2L4Q")
# the central directory of an entry this profile can carry: 46 bytes + name + extra + comment, names
# of at most a few hundred bytes; generous, yet 200 entries stay far below a megabyte
_CD_BYTES_PER_ENTRY = 2048


def zip_directory_claims(payload) -> tuple[int, int]:
    """(entries, central directory size) as the end-of-central-directory record claims them, read
    the way zipfile finds that record, before zipfile parses anything. ValueError if there is none."""
    n = len(payload)
    if n < _EOCD.size:
        raise ValueError("no end of central directory")
    pos = n - _EOCD.size
    if bytes(payload[pos:pos + 4]) != b"PK\x05\x06" or bytes(payload[n - 2:n]) != b"\x00\x00":
        tail_start = max(0, n - _EOCD.size - 65535)
        pos = bytes(payload[tail_start:]).rfind(b"PK\x05\x06")
        if pos < 0:
            raise ValueError("no end of central directory")
        pos += tail_start
        if pos + _EOCD.size > n:
            raise ValueError("short end of central directory")
    _sig, _disk, _cd_disk, _here, entries, cd_size, _off, _clen = _EOCD.unpack(bytes(payload[pos:pos + _EOCD.size]))
    loc = pos - _EOCD64_LOCATOR.size
    if loc >= 0 and bytes(payload[loc:loc + 4]) == b"PK\x06\x07":
        rec = loc - _EOCD64.size
        if rec < 0 or bytes(payload[rec:rec + 4]) != b"PK\x06\x06":
            raise ValueError("bad zip64 end of central directory")
        z = _EOCD64.unpack(bytes(payload[rec:rec + _EOCD64.size]))
        entries, cd_size = max(entries, z[6], z[7]), max(cd_size, z[8])
    return entries, cd_size


def _read_zip(payload: bytes, limits: Limits) -> tuple[dict[str, bytes], bytes]:
    # what the end record claims, before zipfile parses (and allocates) the whole central directory:
    # a crafted million-entry ZIP costs nothing (zipfile parses as many entries as fit in the size)
    try:
        claimed, cd_size = zip_directory_claims(payload)
    except (ValueError, struct.error):
        raise reject("bad_zip") from None
    if claimed > limits.max_entries:
        raise reject("zip_too_many", f"{claimed} mục, tối đa {limits.max_entries}")
    if cd_size > limits.max_entries * _CD_BYTES_PER_ENTRY:
        raise reject("zip_too_many", f"danh mục ZIP {cd_size} byte")
    try:
        zf = zipfile.ZipFile(_ViewFile(payload))
        infos = zf.infolist()
        comment = zf.comment
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError,
            IndexError, KeyError, OverflowError, UnicodeDecodeError, zlib.error):
        raise reject("bad_zip") from None
    if len(infos) > limits.max_entries:
        raise reject("zip_too_many", f"{len(infos)} mục, tối đa {limits.max_entries}")
    names = set()
    declared_total = 0
    for info in infos:
        name = info.filename
        _check_name(name)
        mode = (info.external_attr >> 16) & 0o170000
        if mode == stat.S_IFLNK:
            raise reject("zip_symlink", repr(name))
        if info.is_dir() or (mode and mode != stat.S_IFREG):
            raise reject("zip_unsafe_path", f"mục không phải tệp thường: {name!r}")
        if name in names:
            raise reject("bad_zip", f"mục trùng tên: {name!r}")
        names.add(name)
        if info.flag_bits & 0x1:
            raise reject("bad_zip", "mục được mã hóa")
        if info.file_size > limits.max_entry_bytes:
            raise reject("zip_bomb", f"{name!r}: {info.file_size} byte")
        if info.file_size > limits.ratio_floor and info.file_size > limits.max_ratio * max(info.compress_size, 1):
            raise reject("zip_bomb", f"{name!r}: tỉ lệ nén {info.file_size // max(info.compress_size, 1)}")
        declared_total += info.file_size
        if declared_total > limits.max_total_bytes:
            raise reject("zip_bomb", "tổng dung lượng giải nén quá lớn")
    if (not any(n.startswith(ATTACHMENTS_DIR) for n in names)
            and len(payload) > limits.max_bytes_without_attachments):
        raise reject("too_large", f"gói không có tệp đính kèm nhưng nặng {len(payload)} byte, "
                                  f"tối đa {limits.max_bytes_without_attachments}")
    out: dict[str, bytes] = {}
    total = 0
    for info in infos:
        try:
            with zf.open(info) as fh:
                # at most one byte more than declared (already bounded above), in one piece: a stored
                # entry is copied once, never gathered in chunks and joined (twice its size)
                blob = fh.read(info.file_size + 1)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError, NotImplementedError,
                IndexError, KeyError, OverflowError, UnicodeDecodeError, RuntimeError, zlib.error):
            raise reject("bad_zip", repr(info.filename)) from None
        size = len(blob)
        total += size
        if size > info.file_size or size > limits.max_entry_bytes or total > limits.max_total_bytes:
            raise reject("zip_bomb", repr(info.filename))
        if size != info.file_size:
            raise reject("bad_zip", repr(info.filename))
        out[info.filename] = blob
    return out, comment


def _is_hex64(v: Any) -> bool:
    return isinstance(v, str) and bool(_HEX64.fullmatch(v))


def _is_posint(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 1


def validate_manifest(m: Any) -> dict[str, Any]:
    """Shape and types of manifest.json; PackageRejected('bad_manifest') otherwise."""
    if not isinstance(m, dict):
        raise reject("bad_manifest", "manifest.json không phải đối tượng JSON")
    missing = [k for k in MANIFEST_KEYS if k not in m]
    if missing:
        raise reject("bad_manifest", "thiếu " + ", ".join(missing))
    if m["format"] != FORMAT:
        raise reject("bad_manifest", f"định dạng {m['format']!r} không được hỗ trợ (cần {FORMAT})")
    try:
        if not isinstance(m["package_id"], str) or str(uuid.UUID(m["package_id"])) != m["package_id"]:
            raise ValueError
    except ValueError:
        raise reject("bad_manifest", "package_id không phải UUID") from None
    for k in ("unit_code", "form_id", "period", "app_version"):
        if not isinstance(m[k], str) or not m[k] or len(m[k]) > 200:
            raise reject("bad_manifest", f"trường {k}")
    for k in ("form_version", "revision"):
        if not _is_posint(m[k]):
            raise reject("bad_manifest", f"trường {k} phải là số nguyên dương")
    try:
        parse_utc(m["created_at"])
    except ValueError:
        raise reject("bad_manifest", "created_at không phải thời điểm ISO 8601 có múi giờ") from None
    if not _is_hex64(m["signer_sha256"]):
        raise reject("bad_manifest", "signer_sha256")
    r = m["recipients_sha256"]
    if not isinstance(r, list) or not r or not all(_is_hex64(x) for x in r):
        raise reject("bad_manifest", "recipients_sha256")
    files = m["files"]
    if not isinstance(files, dict):
        raise reject("bad_manifest", "files")
    for name, meta in files.items():
        if (not isinstance(meta, dict) or set(meta) != {"sha256", "size"} or not _is_hex64(meta["sha256"])
                or not isinstance(meta["size"], int) or isinstance(meta["size"], bool) or meta["size"] < 0):
            raise reject("bad_manifest", f"files[{name!r}]")
    if REPORT not in files:
        raise reject("bad_manifest", "files thiếu report.json")
    return m


def check_signer_strength(cert: x509.Certificate) -> None:
    """PackageRejected unless the signer's key has at least MIN_KEY_BITS bits and its certificate,
    if it has a key usage extension, allows digitalSignature."""
    pub = cert.public_key()
    bits = getattr(pub, "key_size", 0)
    if bits < MIN_KEY_BITS:
        raise reject("weak_key", f"khóa RSA {bits} bit")
    try:
        ku = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not ku.digital_signature:
        raise reject("cert_usage")


def check_recipients(envelope: cms.Envelope, manifest: Mapping[str, Any], our_cert: x509.Certificate,
                     signer: x509.Certificate) -> None:
    """The envelope is addressed to exactly the recipients the signed manifest lists: as many of them,
    and every certificate we know (ours, the signer's) is in both lists or in neither."""
    listed = manifest["recipients_sha256"]
    if len(set(listed)) != len(listed):
        raise reject("bad_manifest", "recipients_sha256 có mục trùng")
    if len(set(envelope.recipients)) != len(envelope.recipients):
        raise reject("envelope_mismatch", "người nhận trùng")
    for cert, who in ((our_cert, "đơn vị này"), (signer, "người gửi")):
        in_manifest = fingerprint(cert) in listed
        in_envelope = cms.is_recipient(envelope, cert)
        if in_manifest != in_envelope:
            raise reject("envelope_mismatch", f"bản kê khai {'ghi' if in_manifest else 'không ghi'} {who} là người "
                                              f"nhận nhưng gói {'không ' if in_manifest else ''}được mã hóa cho {who}")
    if len(envelope.recipients) != len(listed):
        raise reject("envelope_mismatch", f"gói mã hóa cho {len(envelope.recipients)} người nhận, bản kê khai ghi {len(listed)}")


def decrypt_and_verify(data: bytes, our_key: rsa.RSAPrivateKey, our_cert: x509.Certificate, limits: Limits):
    """The first steps of opening anything sent to us (a package, a message of the way back): size,
    envelope, decryption with our key, the signature and the strength of its signer's key. Returns
    (envelope, verified, signer certificate, signer fingerprint)."""
    data = bytes(data)
    if not data:
        raise reject("empty")
    if len(data) > limits.max_package_bytes:
        raise reject("too_large")
    envelope = cms.parse_envelope(data)
    inner = cms.decrypt_into(envelope, our_key, our_cert)
    verified = cms.verify_signed(inner)
    signer = verified.signer_cert
    check_signer_strength(signer)
    return envelope, verified, signer, fingerprint(signer)


def read_members(content: bytes, limits: Limits) -> tuple[dict[str, bytes], str, Any]:
    """The signed ZIP's files, its comment and its manifest (parsed JSON, not yet validated)."""
    files, comment = _read_zip(content, limits)
    if MANIFEST not in files:
        raise reject("bad_manifest", "thiếu manifest.json")
    if len(files[MANIFEST]) > limits.max_json_bytes:
        raise reject("bad_manifest", "manifest.json quá lớn")
    return files, comment, _load_json(files[MANIFEST], "manifest.json")


def check_binding(comment: str, envelope) -> None:
    """The envelope's recipient part byte for byte, when the signer bound it in the ZIP comment
    (reportdesk always does); any other comment is refused."""
    if comment.startswith(BINDING_PREFIX):
        bound = comment[len(BINDING_PREFIX):]
        if not hmac.compare_digest(bound, envelope.recipient_infos_sha256.encode("ascii")):
            raise reject("envelope_mismatch")
    elif comment:
        raise reject("bad_zip", "chú thích ZIP lạ")


def check_validity(created_at_text: str, signer: x509.Certificate, now: dt.datetime | None, limits: Limits) -> dt.datetime:
    """The signer's certificate valid when the sender says it made the file AND now, when it is opened
    (a file dated back into the life of an expired certificate proves nothing: created_at is the
    signer's own word); a file from the future refused. Returns created_at (UTC)."""
    created_at = parse_utc(created_at_text)
    now = now or dt.datetime.now(dt.timezone.utc)
    if now.tzinfo is None:  # a naive time is taken as UTC
        now = now.replace(tzinfo=dt.timezone.utc)
    for when, what in ((created_at, "gói lập"), (now, "nhập lúc")):
        if when < signer.not_valid_before_utc:
            raise reject("cert_not_yet_valid", f"hiệu lực từ {signer.not_valid_before_utc:%d/%m/%Y %H:%M} UTC, {what} {when:%d/%m/%Y %H:%M} UTC")
        if when > signer.not_valid_after_utc:
            raise reject("cert_expired", f"hết hạn {signer.not_valid_after_utc:%d/%m/%Y}, {what} {when:%d/%m/%Y}")
    if created_at > now + limits.future_skew:
        raise reject("created_in_future", f"{created_at_text}")
    return created_at


def open_package(data: bytes, our_key: rsa.RSAPrivateKey, our_cert: x509.Certificate, *,
                 now: dt.datetime | None = None,
                 validate_answers: Callable[[dict, dict], list[str]] | None = None,
                 limits: Limits = DEFAULT_LIMITS) -> OpenedPackage:
    """Decrypts, verifies and unpacks a package; raises PackageRejected with a code and a Vietnamese
    message for anything that is not a sound package for us. Writes nothing anywhere."""
    envelope, verified, signer, signer_fp = decrypt_and_verify(data, our_key, our_cert, limits)
    files, comment, raw_manifest = read_members(verified.content, limits)
    manifest = validate_manifest(raw_manifest)

    # the manifest against its signer and its recipients
    if manifest["signer_sha256"] != signer_fp:
        raise reject("signer_mismatch")
    if fingerprint(our_cert) not in manifest["recipients_sha256"]:
        raise reject("recipient_mismatch")
    cert_code = cert_unit_code(signer)
    if cert_code is not None and cert_code != manifest["unit_code"]:
        raise reject("unit_mismatch", f"chứng thư của {cert_code}, bản kê khai của {manifest['unit_code']}")
    # the envelope's recipients against the signed list, for every package (openssl-made ones too)
    check_recipients(envelope, manifest, our_cert, signer)
    check_binding(comment, envelope)
    created_at = check_validity(manifest["created_at"], signer, now, limits)

    listed = manifest["files"]
    present = {n for n in files if n != MANIFEST}
    if set(listed) != present:
        extra = sorted(present - set(listed))
        absent = sorted(set(listed) - present)
        detail = "; ".join(x for x in (
            ("thừa " + ", ".join(extra)) if extra else "",
            ("thiếu " + ", ".join(absent)) if absent else "") if x)
        raise reject("file_hash_mismatch", detail)
    for name in sorted(present):
        blob = files[name]
        meta = listed[name]
        if len(blob) != meta["size"] or not hmac.compare_digest(hashlib.sha256(blob).hexdigest(), meta["sha256"]):
            raise reject("file_hash_mismatch", name)
        if name != REPORT and not (name.startswith(ATTACHMENTS_DIR) and "/" not in name[len(ATTACHMENTS_DIR):]):
            raise reject("zip_unsafe_path", f"tệp ngoài cấu trúc gói: {name!r}")

    if len(files[REPORT]) > limits.max_json_bytes:
        raise reject("bad_manifest", "report.json quá lớn")
    report = _load_json(files[REPORT], "report.json")
    if not isinstance(report, dict) or not isinstance(report.get("answers"), dict):
        raise reject("bad_manifest", "report.json thiếu phần answers")
    for k in REPORT_KEYS_MATCHING_MANIFEST:
        if k in report and report[k] != manifest[k]:
            raise reject("bad_manifest", f"report.json và manifest.json khác nhau ở '{k}'")

    if validate_answers is not None:
        errors = list(validate_answers(manifest, report) or [])
        if errors:
            shown = "; ".join(str(e) for e in errors[:5])
            more = f" (và {len(errors) - 5} lỗi khác)" if len(errors) > 5 else ""
            exc = reject("answers_invalid", shown + more)
            exc.details = [str(e) for e in errors]
            raise exc

    attachments = {n[len(ATTACHMENTS_DIR):]: b for n, b in files.items() if n.startswith(ATTACHMENTS_DIR)}
    return OpenedPackage(
        manifest=manifest,
        report=report,
        attachments=attachments,
        signer_cert=signer,
        signer_sha256=signer_fp,
        cert_unit_code=cert_code,
        cert_unit_name=cert_unit_name(signer),
        created_at=created_at,
        signing_time=verified.signing_time,
        payload_sha256=hashlib.sha256(verified.content).hexdigest(),
    )


def read_package_file(path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of a package file, read only if it is a regular file (not a FIFO, a device, or a
    link to one) no larger than the package limit: a file never costs more than that to read."""
    import os
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise reject("unreadable", exc.strerror or str(type(exc).__name__)) from None
    with os.fdopen(fd, "rb", buffering=0) as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise reject("not_regular_file")
        if st.st_size > limits.max_package_bytes:
            raise reject("too_large", f"{st.st_size} byte, tối đa {limits.max_package_bytes}")
        data = fh.read(limits.max_package_bytes + 1)  # the size may have changed since fstat
    if len(data) > limits.max_package_bytes:
        raise reject("too_large")
    return data


def open_package_file(path, our_key: rsa.RSAPrivateKey, our_cert: x509.Certificate, *,
                      now: dt.datetime | None = None,
                      validate_answers: Callable[[dict, dict], list[str]] | None = None,
                      limits: Limits = DEFAULT_LIMITS) -> OpenedPackage:
    """open_package of a file, read with read_package_file."""
    return open_package(read_package_file(path, limits), our_key, our_cert, now=now,
                        validate_answers=validate_answers, limits=limits)


def peek_recipients(data: bytes) -> list[tuple[bytes, int]]:
    """(issuer DER, serial) of each recipient of a package, without decrypting (for diagnostics)."""
    return cms.parse_envelope(bytes(data)).recipients
