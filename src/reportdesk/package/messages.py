"""Messages from Cục ATMT back to the units (issue 11): receipts, review decisions, signed updates.

Same family as the .rdpkg: a ZIP payload (``manifest.json``, ``<kind>.json`` and, for updates, the
files they carry), CMS SignedData by ATMT's key (SHA-256, certificate included), CMS EnvelopedData
(AES-256) to the unit(s) and to ATMT's own certificate, with the envelope binding in the ZIP comment.

    kind      extension  body file
    receipt   .rdrcpt    receipt.json
    review    .rdrev     review.json
    update    .rdupd     update.json (+ forms/<id>.v<N>.yaml, calendar.yaml, units.yaml)

``open_message`` does every check ``open_package`` does on the envelope, the signature and the ZIP,
then: the signer is one of the ``trusted`` certificates (the pinned ATMT certificate), the manifest
names this unit (``unit_code``, or ``*`` for an update sent to every unit) and this certificate
among its recipients. Pure: reads and writes no file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from reportdesk.package import cms
from reportdesk.package.errors import PackageBuildError, PackageRejected, reject
from reportdesk.package.format import (
    BINDING_PREFIX,
    FORMAT,
    MANIFEST,
    Limits,
    _dedupe_certs,
    _is_hex64,
    _is_posint,
    _json_bytes,
    _load_json,
    check_binding,
    check_recipients,
    check_validity,
    decrypt_and_verify,
    read_members,
    parse_utc,
    utc_iso,
)
from reportdesk.package.identity import fingerprint

KINDS = ("receipt", "review", "update")
EXTENSIONS = {"receipt": ".rdrcpt", "review": ".rdrev", "update": ".rdupd"}
KIND_OF_EXTENSION = {v: k for k, v in EXTENSIONS.items()}
KIND_LABELS_VI = {"receipt": "giấy biên nhận", "review": "kết quả xem xét", "update": "bản cập nhật"}
BROADCAST = "*"
MESSAGE_KEYS = ("format", "kind", "message_id", "unit_code", "created_at", "app_version", "signer_sha256",
                "recipients_sha256", "files")
MAX_MESSAGE_BYTES = 16 * 1024 * 1024
MESSAGE_LIMITS = Limits(max_package_bytes=MAX_MESSAGE_BYTES, max_bytes_without_attachments=MAX_MESSAGE_BYTES,
                        max_entries=200, max_entry_bytes=8 * 1024 * 1024, max_total_bytes=32 * 1024 * 1024,
                        max_json_bytes=8 * 1024 * 1024)


def body_name(kind: str) -> str:
    return f"{kind}.json"


@dataclass(frozen=True)
class BuiltMessage:
    data: bytes
    manifest: dict[str, Any]

    @property
    def message_id(self) -> str:
        return self.manifest["message_id"]


@dataclass(frozen=True)
class OpenedMessage:
    kind: str
    manifest: dict[str, Any]
    body: dict[str, Any]
    files: dict[str, bytes]  # every file but manifest.json and the body
    signer_cert: x509.Certificate
    signer_sha256: str
    created_at: dt.datetime

    @property
    def message_id(self) -> str:
        return self.manifest["message_id"]

    @property
    def sequence(self) -> int | None:
        return self.manifest.get("sequence")


def _safe_file_name(name: str) -> None:
    parts = name.split("/")
    if (not name or len(name) > 200 or name in (MANIFEST,) or any(p in ("", ".", "..") for p in parts)
            or "\\" in name or any(ord(c) < 32 or c in ':*?"<>|' for c in name)):
        raise PackageBuildError("bad_file", f"Tên tệp không hợp lệ trong gói: '{name}'.")


def make_message(kind: str, body: dict[str, Any], *, signer_key: rsa.RSAPrivateKey, signer_cert: x509.Certificate,
                 recipient_certs: list[x509.Certificate], unit_code: str, files: dict[str, bytes] | None = None,
                 sequence: int | None = None, created_at: dt.datetime | None = None,
                 message_id: str | None = None, app_version: str | None = None) -> BuiltMessage:
    """Signs and encrypts a message of ``kind`` to ``recipient_certs`` and the signer's own certificate."""
    if kind not in KINDS:
        raise PackageBuildError("bad_kind", f"Loại gói không hợp lệ: {kind}.")
    if (kind == "update") != (sequence is not None):
        raise PackageBuildError("bad_sequence", "Chỉ gói cập nhật mang số thứ tự.")
    if sequence is not None and not _is_posint(sequence):
        raise PackageBuildError("bad_sequence", "Số thứ tự phải là số nguyên dương.")
    if not isinstance(unit_code, str) or not unit_code:
        raise PackageBuildError("bad_unit", "Thiếu mã đơn vị nhận.")
    if app_version is None:
        from reportdesk import __version__ as app_version
    recipients = _dedupe_certs(list(recipient_certs) + [signer_cert])
    prepared = cms.prepare_envelope(recipients)
    content: list[tuple[str, bytes]] = [(body_name(kind), _json_bytes(body))]
    for name, data in sorted((files or {}).items()):
        _safe_file_name(name)
        if name == body_name(kind):
            raise PackageBuildError("bad_file", f"Tên tệp trùng với phần chính: '{name}'.")
        content.append((name, bytes(data)))
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "kind": kind,
        "message_id": message_id or str(uuid.uuid4()),
        "unit_code": unit_code,
        "created_at": utc_iso(created_at or dt.datetime.now(dt.timezone.utc)),
        "app_version": str(app_version),
        "signer_sha256": fingerprint(signer_cert),
        "recipients_sha256": [fingerprint(c) for c in recipients],
        "files": {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for n, d in content},
    }
    if sequence is not None:
        manifest["sequence"] = sequence
    from reportdesk.package.format import _zip

    payload = _zip([(MANIFEST, _json_bytes(manifest, indent=2))] + content,
                   comment=BINDING_PREFIX + prepared.recipient_infos_sha256.encode("ascii"))
    if len(payload) > MAX_MESSAGE_BYTES:
        raise PackageBuildError("too_large", f"Gói quá lớn (tối đa {MAX_MESSAGE_BYTES // (1024 * 1024)} MB).")
    return BuiltMessage(cms.encrypt(prepared, cms.sign(payload, signer_key, signer_cert)), manifest)


def validate_message_manifest(m: Any) -> dict[str, Any]:
    if not isinstance(m, dict):
        raise reject("bad_manifest", "manifest.json không phải đối tượng JSON")
    if "kind" not in m:
        raise reject("wrong_kind", "đây là gói báo cáo (.rdpkg), không phải gói của Cục ATMT gửi đơn vị")
    missing = [k for k in MESSAGE_KEYS if k not in m]
    if missing:
        raise reject("bad_manifest", "thiếu " + ", ".join(missing))
    extra = set(m) - set(MESSAGE_KEYS) - {"sequence"}
    if extra:
        raise reject("bad_manifest", "khóa lạ " + ", ".join(sorted(map(str, extra))))
    if m["format"] != FORMAT:
        raise reject("bad_manifest", f"định dạng {m['format']!r} không được hỗ trợ")
    if m["kind"] not in KINDS:
        raise reject("bad_manifest", f"loại gói {m['kind']!r}")
    try:
        if not isinstance(m["message_id"], str) or str(uuid.UUID(m["message_id"])) != m["message_id"]:
            raise ValueError
    except ValueError:
        raise reject("bad_manifest", "message_id không phải UUID") from None
    for k in ("unit_code", "app_version"):
        if not isinstance(m[k], str) or not m[k] or len(m[k]) > 200:
            raise reject("bad_manifest", f"trường {k}")
    try:
        parse_utc(m["created_at"])
    except ValueError:
        raise reject("bad_manifest", "created_at") from None
    if not _is_hex64(m["signer_sha256"]):
        raise reject("bad_manifest", "signer_sha256")
    r = m["recipients_sha256"]
    if not isinstance(r, list) or not r or not all(_is_hex64(x) for x in r):
        raise reject("bad_manifest", "recipients_sha256")
    if (m["kind"] == "update") != ("sequence" in m) or ("sequence" in m and not _is_posint(m["sequence"])):
        raise reject("bad_manifest", "sequence")
    if m["kind"] != "update" and m["unit_code"] == BROADCAST:
        raise reject("bad_manifest", "unit_code")
    files = m["files"]
    if not isinstance(files, dict) or body_name(m["kind"]) not in files:
        raise reject("bad_manifest", "files")
    for name, meta in files.items():
        if (not isinstance(meta, dict) or set(meta) != {"sha256", "size"} or not _is_hex64(meta["sha256"])
                or not isinstance(meta["size"], int) or isinstance(meta["size"], bool) or meta["size"] < 0):
            raise reject("bad_manifest", f"files[{name!r}]")
    return m


def open_message(data: bytes, our_key: rsa.RSAPrivateKey, our_cert: x509.Certificate, *,
                 trusted: list[x509.Certificate], our_unit: str, expected_kind: str | None = None,
                 now: dt.datetime | None = None, limits: Limits = MESSAGE_LIMITS) -> OpenedMessage:
    """Decrypts, verifies and unpacks a message for this unit; PackageRejected otherwise."""
    envelope, verified, signer, signer_fp = decrypt_and_verify(data, our_key, our_cert, limits)
    trusted_fps = {fingerprint(c) for c in trusted}
    if signer_fp not in trusted_fps:
        raise reject("untrusted_signer")
    files, comment, raw_manifest = read_members(verified.content, limits)
    manifest = validate_message_manifest(raw_manifest)
    if expected_kind is not None and manifest["kind"] != expected_kind:
        raise reject("wrong_kind", f"đây là {KIND_LABELS_VI[manifest['kind']]}, không phải {KIND_LABELS_VI[expected_kind]}")
    if manifest["signer_sha256"] != signer_fp:
        raise reject("signer_mismatch")
    if fingerprint(our_cert) not in manifest["recipients_sha256"]:
        raise reject("recipient_mismatch")
    if manifest["unit_code"] not in (our_unit, BROADCAST):
        raise reject("wrong_unit", f"gửi cho {manifest['unit_code']}, đơn vị này là {our_unit}")
    check_recipients(envelope, manifest, our_cert, signer)
    check_binding(comment, envelope)
    created_at = check_validity(manifest["created_at"], signer, now, limits)
    listed = manifest["files"]
    present = {n for n in files if n != MANIFEST}
    if set(listed) != present:
        raise reject("file_hash_mismatch", "danh sách tệp")
    for name in sorted(present):
        blob, meta = files[name], listed[name]
        if len(blob) != meta["size"] or not hmac.compare_digest(hashlib.sha256(blob).hexdigest(), meta["sha256"]):
            raise reject("file_hash_mismatch", name)
    body = _load_json(files[body_name(manifest["kind"])], body_name(manifest["kind"]))
    if not isinstance(body, dict):
        raise reject("bad_manifest", f"{body_name(manifest['kind'])} không phải đối tượng JSON")
    rest = {n: b for n, b in files.items() if n not in (MANIFEST, body_name(manifest["kind"]))}
    return OpenedMessage(kind=manifest["kind"], manifest=manifest, body=body, files=rest, signer_cert=signer,
                         signer_sha256=signer_fp, created_at=created_at)


def default_message_name(kind: str, unit_code: str, form_id: str | None = None, period: str | None = None,
                         revision: int | None = None, sequence: int | None = None) -> str:
    if kind == "update":
        return f"capnhat_{sequence}{EXTENSIONS[kind]}"
    return f"{unit_code}_{form_id}_{period}_r{revision}{EXTENSIONS[kind]}"


__all__ = ["BROADCAST", "EXTENSIONS", "KINDS", "BuiltMessage", "OpenedMessage", "make_message", "open_message",
           "PackageRejected"]
