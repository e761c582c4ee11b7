"""The signing identity of a data dir, and the consolidation certificate a unit encrypts to."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from reportdesk.errors import UserError
from reportdesk.services import Passphrase, resolve_passphrase
from reportdesk.services.files import os_reason

if TYPE_CHECKING:
    from reportdesk.app import AppContext

MAX_CERT_FILE = 1_000_000
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class CertInfo:
    subject: str
    unit_code: str | None
    not_after: dt.datetime
    fingerprint: str                 # SHA-256 in 16 groups of four, to be read aloud
    not_before: dt.datetime | None = None
    issuer: str = ""
    unit_name: str | None = None
    kind: str | None = None          # "unit" | "atmt" | None (from the certificate's reportdesk URN)
    key_bits: int | None = None
    details: dict = field(default_factory=dict, compare=False, repr=False)  # describe_cert(), for --json
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def expired(self) -> bool:
        return dt.datetime.now(dt.timezone.utc) > self.not_after


@dataclass(frozen=True)
class IdentityInfo:
    subject: str
    unit_code: str | None
    not_before: dt.datetime
    not_after: dt.datetime
    fingerprint: str
    issuer: str = ""
    unit_name: str | None = None
    key_bits: int | None = None
    details: dict = field(default_factory=dict, compare=False, repr=False)
    recipients: list[CertInfo] = field(default_factory=list, compare=False)
    warnings: list[str] = field(default_factory=list, compare=False)

    @property
    def self_signed(self) -> bool:
        return self.issuer == self.subject

    @property
    def state(self) -> str:
        """"valid", "expired" or "not_yet_valid"."""
        now = dt.datetime.now(dt.timezone.utc)
        if now > self.not_after:
            return "expired"
        if now < self.not_before:
            return "not_yet_valid"
        return "valid"


def _cert_info(cert) -> CertInfo:
    from reportdesk.package import identity as ident

    d = ident.describe_cert(cert)
    urn = ident.cert_unit_urn(cert)
    return CertInfo(subject=d["subject"], unit_code=d["unit_code"], not_after=cert.not_valid_after_utc,
                    fingerprint=d["fingerprint"], not_before=cert.not_valid_before_utc, issuer=d["issuer"],
                    unit_name=d["unit_name"], kind=urn[0] if urn else None, key_bits=d["key_bits"], details=d)


def _identity_info(cert, recipients=()) -> IdentityInfo:
    from reportdesk.package import identity as ident

    d = ident.describe_cert(cert)
    return IdentityInfo(subject=d["subject"], unit_code=d["unit_code"], not_before=cert.not_valid_before_utc,
                        not_after=cert.not_valid_after_utc, fingerprint=d["fingerprint"], issuer=d["issuer"],
                        unit_name=d["unit_name"], key_bits=d["key_bits"], details=d,
                        recipients=[_cert_info(c) for c in recipients])


def _read_small(src: Path, too_big: str) -> bytes:
    try:
        data = src.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {src}.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được {src}: {os_reason(exc)}.") from None
    if len(data) > MAX_CERT_FILE:
        raise UserError(too_big)
    return data


def certificate(ctx: AppContext):
    """The data dir's own certificate (an x509 object); UserError when there is none."""
    from reportdesk.package import identity as ident

    if not ident.cert_path(ctx.data_dir).exists():
        raise UserError(f"Kho dữ liệu tại {ctx.data_dir} chưa có định danh ký số. "
                        "Hãy chạy «reportdesk setup unit --unit MÃ» hoặc «reportdesk setup atmt».")
    return ident.load_certificate(ctx.data_dir)


def identity_info(ctx: AppContext) -> IdentityInfo:
    """Subject, validity and fingerprint of this data dir's certificate, with the pinned recipients."""
    from reportdesk.package import identity as ident

    cert = certificate(ctx)
    return _identity_info(cert, ident.load_recipients(ctx.data_dir))


def read_certificate(path: Path | str) -> CertInfo:
    """A certificate file (PEM or DER) previewed before it is trusted; writes nothing."""
    from reportdesk.package import identity as ident

    src = Path(path)
    data = _read_small(src, f"Tệp {src} quá lớn để là một chứng thư.")
    return _cert_info(ident.load_cert_bytes(data))


def add_recipient(ctx: AppContext, cert_path: Path | str) -> CertInfo:
    """Pins the consolidation certificate (Cục ATMT) the unit's packages are encrypted to.

    The returned ``warnings`` say when the certificate has expired or is not a consolidation one."""
    from reportdesk.package import identity as ident

    if ctx.store_exists and ctx.mode == "atmt":
        raise UserError("Kho tổng hợp không cần người nhận: lệnh này dành cho kho của đơn vị báo cáo.")
    src = Path(cert_path)
    data = _read_small(src, f"Tệp {src} quá lớn để là một chứng thư.")
    cert, _path = ident.pin_recipient(ctx.data_dir, data)
    info = _cert_info(cert)
    if info.expired:
        info.warnings.append("chứng thư này đã hết hạn.")
    urn = ident.cert_unit_urn(cert)
    if urn is not None and urn[0] != "atmt":
        info.warnings.append(f"đây là chứng thư của đơn vị báo cáo {urn[1]}, không phải của kho tổng hợp Cục ATMT.")
    return info


def list_recipients(ctx: AppContext) -> list[CertInfo]:
    from reportdesk.package import identity as ident

    return [_cert_info(c) for c in ident.load_recipients(ctx.data_dir)]


def certificate_pem(ctx: AppContext) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return certificate(ctx).public_bytes(serialization.Encoding.PEM)


def export_certificate(ctx: AppContext, out: Path | str, *, force: bool = False) -> Path:
    """Writes this data dir's certificate (PEM) to send to the other side; never overwrites unless ``force``."""
    from reportdesk.package import identity as ident

    pem = certificate_pem(ctx)
    path = Path(out)
    if path.exists() and not force:
        raise UserError(f"Tệp {path} đã có; dùng --force để ghi đè.")
    try:
        ident.atomic_write(path, pem, 0o644)
    except OSError as exc:
        raise UserError(f"Không ghi được {path}: {os_reason(exc)}.") from None
    return path


def export_p12(ctx: AppContext, out: Path | str, passphrase: Passphrase, p12_password: Passphrase,
               *, force: bool = False) -> Path:
    """Writes the key and certificate as a .p12 (PKCS#12, encrypted with ``p12_password``), for the other
    PCs of a consolidation office to share the Cục's identity (``identity import``)."""
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    from reportdesk.package import identity as ident

    path = Path(out)
    if path.exists() and not force:
        raise UserError(f"Tệp {path} đã có; dùng --force để ghi đè.")
    found = ident.load_identity(ctx.data_dir, resolve_passphrase(passphrase))
    secret = resolve_passphrase(p12_password)
    if len(secret) < MIN_PASSPHRASE:
        raise UserError(f"Mật khẩu của tệp .p12 cần ít nhất {MIN_PASSPHRASE} ký tự.")
    data = pkcs12.serialize_key_and_certificates(b"reportdesk", found.key, found.cert, None,
                                                 BestAvailableEncryption(secret.encode("utf-8")))
    try:
        ident.atomic_write(path, data, 0o600)
    except OSError as exc:
        raise UserError(f"Không ghi được {path}: {exc.strerror}.") from None
    return path


def import_identity(ctx: AppContext, p12_path: Path | str,
                    p12_password: str | None | Callable[[], str | None], passphrase: Passphrase,
                    *, replace: bool = False, p12_fallback: Passphrase | None = None,
                    unit_code: str | None = None) -> IdentityInfo:
    """Imports a CA-issued key and certificate (.p12/.pfx); the key is kept encrypted with ``passphrase``.

    A .p12 may be protected with the store passphrase itself: when ``p12_password`` does not open it,
    ``p12_fallback`` (default: ``passphrase``) is tried. An identity already there is replaced only with
    ``replace`` (the old one is moved aside, still encrypted). ``unit_code``: the unit being set up (before
    its store exists) — a certificate of another unit is refused. ``warnings`` says when the certificate
    names no reportdesk unit."""
    from reportdesk.package import identity as ident

    src = Path(p12_path)
    data = _read_small(src, f"Tệp {src} quá lớn để là tệp .p12/.pfx.")
    if callable(p12_password):
        p12_password = p12_password()
    try:
        found = ident.read_p12(data, p12_password)
    except ident.WrongPassphrase:
        found = ident.read_p12(data, resolve_passphrase(p12_fallback if p12_fallback is not None else passphrase))
    mode = ctx.mode if ctx.store_exists else None
    code = ident.cert_unit_code(found.cert)
    expected = ctx.unit_code if mode == "unit" else unit_code
    if expected is not None and code is not None and code != expected:
        raise UserError(f"Chứng thư này của đơn vị {code}, không phải của {expected}.")
    existing = ident.has_identity(ctx.data_dir) or ident.key_path(ctx.data_dir).exists()
    if existing and not replace:
        raise UserError("Kho này đã có định danh ký số; không thay bằng khóa trong tệp này.",
                        cli="Kho này đã có định danh ký số; dùng --replace để thay (bản cũ được giữ lại).")
    value = resolve_passphrase(passphrase)
    if len(value) < MIN_PASSPHRASE:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.")
    if existing:
        _retire_identity(ctx.data_dir)
    ident.save_identity(ctx.data_dir, found, value)
    info = _identity_info(found.cert)
    if code is None:
        info.warnings.append("Chứng thư không ghi mã đơn vị reportdesk: Cục ATMT sẽ đối chiếu dấu vân tay khi nhận gói đầu tiên.")
    return info


def _retire_identity(data_dir: Path) -> Path:
    """Moves the current key.pem/cert.pem aside (still encrypted) instead of overwriting them."""
    from reportdesk.package import identity as ident

    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    dest = ident.identity_dir(data_dir) / f"old-{stamp}"
    dest.mkdir(parents=True, exist_ok=False)
    os.chmod(dest, 0o700)
    for p in (ident.key_path(data_dir), ident.cert_path(data_dir)):
        if p.exists():
            os.replace(p, dest / p.name)
    return dest
