"""Opening one received file: keep its bytes, decrypt, verify, validate. No store, no Qt.

This is the part of an import that can run in worker processes: ``FileOpener.process(path)`` reads the
file, keeps its original bytes content-addressed under ``<data-dir>/received/<sha256>`` (atomic write:
temp file, fsync, os.replace) BEFORE anything else, then opens the package with this store's key and
checks the answers against the form. It returns a picklable ``FileResult``; merging is done by the
caller, in order, in the main process.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from reportdesk import atomic
from reportdesk.domain.calendar import parse_period_code
from reportdesk.domain.explain import clean_explanations
from reportdesk.domain.forms import FormRegistry
from reportdesk.domain.validate import check_answers, coerce_answers, errors
from reportdesk.package.errors import PackageRejected
from reportdesk.consolidate.safetext import safe_text
from reportdesk.package.format import DEFAULT_LIMITS, open_package

RECEIVED_DIR = "received"
MAX_FILE_BYTES = DEFAULT_LIMITS.max_package_bytes  # the package layer's bound: no file costs more to read
MAX_MANIFEST_NUMBER = 1_000_000  # revision and form version: 1..1,000,000 (SQLite and Python both hold it)
_READ_CHUNK = 1024 * 1024


def _short_number(v: object) -> str:
    if isinstance(v, int) and not isinstance(v, bool):
        digits = len(str(abs(v))) if abs(v) < 10**4000 else 4000
        return str(v) if digits <= 12 else f"một số {digits} chữ số"
    return safe_text(repr(v), 40) or ""


def read_regular_file(p: Path, res: FileResult, limit: int = MAX_FILE_BYTES) -> bytes | None:
    """The bytes of ``p`` if it is a regular file (not a symlink, FIFO, device or socket) of at most
    ``limit`` bytes; else None with ``res`` rejected and its reason. Opened without following a symlink
    and without blocking (a FIFO with no writer would hang a plain open), then checked on the open
    descriptor, so what is read is what was checked; reading stops past ``limit`` whatever stat said."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        st = os.lstat(p)
        if stat.S_ISLNK(st.st_mode):
            res.code, res.reason = "not_regular_file", "Không phải tệp thường (liên kết tượng trưng); không đọc."
            return None
        if not stat.S_ISREG(st.st_mode):
            res.code, res.reason = "not_regular_file", f"Không phải tệp thường ({_kind(st.st_mode)}); không đọc."
            return None
        fd = os.open(p, flags)
    except OSError as exc:
        res.code, res.reason = "unreadable", f"Không đọc được tệp: {safe_text(exc.strerror or exc)}."
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            res.code, res.reason = "not_regular_file", f"Không phải tệp thường ({_kind(st.st_mode)}); không đọc."
            return None
        if st.st_size > limit:
            res.code, res.reason = "too_large", f"Tệp quá lớn để là một gói báo cáo ({st.st_size} byte)."
            return None
        if getattr(os, "O_NONBLOCK", 0):  # a regular file: plain blocking reads from here (not on Windows)
            os.set_blocking(fd, True)
        parts: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                res.code, res.reason = "too_large", f"Tệp quá lớn để là một gói báo cáo (hơn {limit} byte)."
                return None
            parts.append(chunk)
        return b"".join(parts)
    except OSError as exc:
        res.code, res.reason = "unreadable", f"Không đọc được tệp: {safe_text(exc.strerror or exc)}."
        return None
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "ống FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "thiết bị"
    if stat.S_ISSOCK(mode):
        return "socket"
    if stat.S_ISDIR(mode):
        return "thư mục"
    return "loại tệp đặc biệt"


@dataclass
class Verified:
    """What a sound package says, once its signature and hashes are checked (picklable)."""

    package_id: str
    unit_code: str
    form_id: str
    form_version: int
    period: str
    revision: int
    created_at: dt.datetime  # aware, UTC
    signer_fp: str
    signer_der: bytes
    signer_subject: str
    signer_unit_code: str | None
    not_before: dt.datetime
    not_after: dt.datetime
    answers: dict[str, Any]
    form_known: bool
    explanations: dict[str, str] = field(default_factory=dict)  # giải trình of warnings, kept with the revision

    def payload(self) -> dict[str, Any]:
        return {"answers": self.answers, "explanations": self.explanations}


@dataclass
class FileResult:
    file: str
    sha256: str | None = None
    size: int = 0
    verified: Verified | None = None
    code: str | None = None  # rejection code
    reason: str | None = None  # rejection reason (Vietnamese)
    details: list[str] = field(default_factory=list)
    known: bool = False  # these exact bytes were already received: not reopened


def keep_bytes(received_dir: Path, data: bytes, sha: str, *, durable: bool = True) -> Path:
    """Writes the bytes to received/<sha256> unless they are there already (content-addressed):
    temporary file, fsync, os.replace. With ``durable=False`` the fsync is left to the caller, who
    flushes a whole batch at once (``sync_to_disk``) before committing the merge that refers to it."""
    target = received_dir / sha
    try:
        if target.stat().st_size == len(data):
            return target
    except FileNotFoundError:
        pass
    atomic.write_bytes(target, data, durable=durable)
    return target


def sync_to_disk(directory: Path) -> None:
    """Everything written so far reaches the disk (file data and directory entries): one sync(2) for a
    batch instead of an fsync per file (measured 40x cheaper here), then the directory fsync."""
    os.sync()
    atomic.fsync_dir(directory)


def _naive_utc(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.timezone.utc).replace(tzinfo=None) if t.tzinfo else t


class FileOpener:
    def __init__(self, key: rsa.RSAPrivateKey, cert: x509.Certificate, forms: FormRegistry, received_dir: Path,
                 known_sha: set[str] | frozenset[str] = frozenset(), now: dt.datetime | None = None,
                 durable: bool = True):
        self.key = key
        self.cert = cert
        self.forms = forms
        self.received_dir = Path(received_dir)
        self.known_sha = known_sha
        self.now = now
        self.durable = durable

    def _validate(self, manifest: dict, report: dict) -> list[str]:
        form = self.forms.get(manifest["form_id"], manifest["form_version"])
        if form is None:
            return []  # an unknown form version is held, not rejected
        issues = errors(check_answers(form, report.get("answers"), manifest["unit_code"]))
        return [f"{i.path}: {i.message}" for i in issues]

    def process(self, path: str | Path) -> FileResult:
        """Total: whatever the file does, the result is a FileResult (a rejection with a reason at worst)."""
        res = FileResult(file=str(path))
        try:
            return self._process(Path(path), res)
        except Exception as exc:  # noqa: BLE001 - one file must never stop an import
            res.verified = None
            res.code = "internal_error"
            res.reason = f"Không xử lý được tệp này ({type(exc).__name__}: {safe_text(exc)})."
            return res

    def _process(self, p: Path, res: FileResult) -> FileResult:
        data = read_regular_file(p, res)
        if data is None:
            return res
        res.size = len(data)
        sha = hashlib.sha256(data).hexdigest()
        res.sha256 = sha
        keep_bytes(self.received_dir, data, sha, durable=self.durable)  # the record of what came, before anything else
        if sha in self.known_sha:
            res.known = True
            return res
        return self.open_bytes(data, res)

    def open_bytes(self, data: bytes, res: FileResult) -> FileResult:
        try:
            op = open_package(data, self.key, self.cert, now=self.now, validate_answers=self._validate)
        except PackageRejected as exc:
            res.code, res.reason = exc.code, safe_text(exc.message_vi, 400)
            res.details = [safe_text(d) or "" for d in list(getattr(exc, "details", []) or [])[:20]]
            return res
        m = op.manifest
        for k, what in (("revision", "Lần gửi"), ("form_version", "Phiên bản biểu mẫu")):
            v = m[k]
            if not (isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= MAX_MANIFEST_NUMBER):
                res.code = "bad_manifest"
                res.reason = (f"{what} trong bản kê khai phải là số nguyên từ 1 đến {MAX_MANIFEST_NUMBER:,}"
                              .replace(",", ".") + f" (gói ghi {_short_number(v)}).")
                return res
        try:
            parse_period_code(m["period"])
        except ValueError:
            res.code = "bad_manifest"
            res.reason = (f"Kỳ báo cáo trong bản kê khai không hợp lệ '{safe_text(m['period'], 40)}': chỉ dùng "
                          f"2026, 2026-H1 hoặc 2026-AH-<tên>.")
            return res
        form = self.forms.get(m["form_id"], m["form_version"])
        answers = op.answers
        if form is not None:
            answers, _ = coerce_answers(form, answers)
        cert = op.signer_cert
        res.verified = Verified(
            package_id=op.package_id, unit_code=m["unit_code"], form_id=m["form_id"], form_version=m["form_version"],
            period=m["period"], revision=m["revision"], created_at=op.created_at, signer_fp=op.signer_sha256,
            signer_der=cert.public_bytes(serialization.Encoding.DER), signer_subject=cert.subject.rfc4514_string(),
            signer_unit_code=op.cert_unit_code, not_before=_naive_utc(cert.not_valid_before_utc),
            not_after=_naive_utc(cert.not_valid_after_utc), answers=answers, form_known=form is not None,
            explanations=clean_explanations(op.report.get("explanations")),
        )
        return res


# --- worker processes ------------------------------------------------------------------------

_WORKER: FileOpener | None = None


def worker_init(key_pem: bytes, passphrase: str, cert_pem: bytes, forms_pickle: bytes, received_dir: str,
                known_sha: frozenset[str], now: dt.datetime | None) -> None:
    """Runs once in each worker process: the key is decrypted there, in memory, once; the form
    definitions come already parsed from the parent (the very registry it validated with)."""
    global _WORKER
    import pickle

    from reportdesk.package.identity import load_private_key

    key = load_private_key(key_pem, passphrase)
    cert = x509.load_pem_x509_certificate(cert_pem)
    forms = pickle.loads(forms_pickle)  # noqa: S301 - bytes made by our own parent process
    _WORKER = FileOpener(key, cert, forms, Path(received_dir), known_sha, now, durable=False)


def worker_process(path: str) -> FileResult:
    assert _WORKER is not None
    return _WORKER.process(path)


def worker_process_many(paths: list[str]) -> list[FileResult]:
    assert _WORKER is not None
    return [_WORKER.process(p) for p in paths]
