"""`reportdesk cert export OUT`, `identity show | import FILE.p12`, `recipient add CERT | list`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path

from cryptography.hazmat.primitives import serialization

from reportdesk.app import AppContext
from reportdesk.commands.common import print_json
from reportdesk.errors import UserError
from reportdesk.package import identity as ident

P12_PASSWORD_ENV = "REPORTDESK_P12_PASSWORD"


def register(sub: argparse._SubParsersAction) -> None:
    c = sub.add_parser("cert", help="chứng thư ký số của kho này")
    cs = c.add_subparsers(dest="cert_command", metavar="LỆNH")
    ce = cs.add_parser("export", help="ghi chứng thư (PEM) để gửi cho bên kia")
    ce.add_argument("out", metavar="TỆP", help="tệp chứng thư sẽ ghi (.pem); '-' để in ra màn hình")
    ce.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    ce.set_defaults(func=cmd_cert_export)

    i = sub.add_parser("identity", help="định danh ký số của kho này: xem, nhập từ tệp .p12/.pfx")
    iss = i.add_subparsers(dest="identity_command", metavar="LỆNH")
    sh = iss.add_parser("show", help="chủ thể, thời hạn và dấu vân tay SHA-256 của chứng thư")
    sh.add_argument("--json", action="store_true", help="in dạng JSON")
    sh.set_defaults(func=cmd_identity_show)
    im = iss.add_parser("import", help="nhập khóa và chứng thư do tổ chức chứng thực cấp (.p12/.pfx)")
    im.add_argument("file", metavar="TỆP.p12")
    im.add_argument("--p12-password-file", metavar="TỆP",
                    help=f"tệp chứa mật khẩu của tệp .p12 (mặc định: ${P12_PASSWORD_ENV} hoặc hỏi)")
    im.add_argument("--replace", action="store_true",
                    help="thay định danh hiện có (bản cũ được giữ lại trong identity/old-<thời điểm>/)")
    im.set_defaults(func=cmd_identity_import)

    r = sub.add_parser("recipient", help="(đơn vị) chứng thư của Cục ATMT, người nhận các gói báo cáo")
    rs = r.add_subparsers(dest="recipient_command", metavar="LỆNH")
    ra = rs.add_parser("add", help="tin cậy chứng thư tổng hợp này làm người nhận gói; in dấu vân tay")
    ra.add_argument("cert", metavar="CHỨNG_THƯ", help="tệp chứng thư (PEM hoặc DER) do Cục ATMT gửi")
    ra.set_defaults(func=cmd_recipient_add)
    rl = rs.add_parser("list", help="các chứng thư người nhận đã ghim")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(func=cmd_recipient_list)


def _cert(ctx: AppContext):
    if not ident.cert_path(ctx.data_dir).exists():
        raise UserError(f"Kho dữ liệu tại {ctx.data_dir} chưa có định danh ký số. "
                        "Hãy chạy «reportdesk setup unit --unit MÃ» hoặc «reportdesk setup atmt».")
    return ident.load_certificate(ctx.data_dir)


def _date(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M (giờ Việt Nam)")


def cmd_cert_export(args: argparse.Namespace, ctx: AppContext) -> int:
    cert = _cert(ctx)
    pem = cert.public_bytes(serialization.Encoding.PEM)
    if args.out == "-":
        sys.stdout.write(pem.decode("ascii"))
        return 0
    out = Path(args.out)
    if out.exists() and not args.force:
        raise UserError(f"Tệp {out} đã có; dùng --force để ghi đè.")
    try:
        ident.atomic_write(out, pem, 0o644)
    except OSError as exc:
        raise UserError(f"Không ghi được {out}: {exc.strerror}.") from None
    print(f"Đã ghi chứng thư vào {out}")
    print(f"Dấu vân tay (SHA-256): {ident.format_fingerprint(cert)}")
    return 0


def cmd_identity_show(args: argparse.Namespace, ctx: AppContext) -> int:
    cert = _cert(ctx)
    info = ident.describe_cert(cert)
    if args.json:
        info["recipients"] = [ident.describe_cert(c) for c in ident.load_recipients(ctx.data_dir)]
        print_json(info)
        return 0
    now = dt.datetime.now(dt.timezone.utc)
    state = ("còn hiệu lực" if cert.not_valid_before_utc <= now <= cert.not_valid_after_utc
             else "ĐÃ HẾT HẠN" if now > cert.not_valid_after_utc else "chưa có hiệu lực")
    print(f"Chủ thể:       {info['subject']}")
    if info["issuer"] != info["subject"]:
        print(f"Tổ chức cấp:   {info['issuer']}")
    else:
        print("Tổ chức cấp:   tự cấp (self-signed)")
    if info["unit_code"]:
        print(f"Đơn vị:        {info['unit_name']} ({info['unit_code']})")
    print(f"Hiệu lực:      từ {_date(cert.not_valid_before_utc)} đến {_date(cert.not_valid_after_utc)} — {state}")
    print(f"Khóa:          RSA {info['key_bits']} bit")
    print(f"Dấu vân tay (SHA-256): {info['fingerprint']}")
    for c in ident.load_recipients(ctx.data_dir):
        print(f"Người nhận gói: {c.subject.rfc4514_string()} — {ident.format_fingerprint(c)}")
    return 0


def _p12_password(args: argparse.Namespace, ctx: AppContext) -> str | None:
    if args.p12_password_file:
        try:
            text = Path(args.p12_password_file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"Không đọc được tệp mật khẩu {args.p12_password_file}: {exc.strerror}.") from None
        return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
    if os.environ.get(P12_PASSWORD_ENV) is not None:
        return os.environ[P12_PASSWORD_ENV]
    if ctx.interactive:
        return getpass.getpass("Mật khẩu của tệp .p12/.pfx: ")
    return None  # a .p12 without a password, or one protected with the store passphrase


def cmd_identity_import(args: argparse.Namespace, ctx: AppContext) -> int:
    src = Path(args.file)
    try:
        data = src.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {src}.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được {src}: {exc.strerror}.") from None
    if len(data) > 1_000_000:
        raise UserError(f"Tệp {src} quá lớn để là tệp .p12/.pfx.")
    p12_password = _p12_password(args, ctx)
    try:
        found = ident.read_p12(data, p12_password)
    except ident.WrongPassphrase:
        # a .p12 may be protected with the same passphrase as the store
        found = ident.read_p12(data, ctx.passphrase())
    mode = ctx.mode if ctx.store_exists else None
    code = ident.cert_unit_code(found.cert)
    if mode == "unit" and code is not None and code != ctx.unit_code:
        raise UserError(f"Chứng thư này của đơn vị {code}, không phải của {ctx.unit_code}.")
    if ident.has_identity(ctx.data_dir) or ident.key_path(ctx.data_dir).exists():
        if not args.replace:
            raise UserError("Kho này đã có định danh ký số; dùng --replace để thay (bản cũ được giữ lại).")
        _retire_identity(ctx.data_dir)
    passphrase = ctx.passphrase(confirm=True, prompt="Mật khẩu bảo vệ khóa bí mật trong kho: ")
    ident.save_identity(ctx.data_dir, found, passphrase)
    print(f"Đã nhập định danh: {found.cert.subject.rfc4514_string()}")
    print(f"Dấu vân tay (SHA-256): {ident.format_fingerprint(found.cert)}")
    if code is None:
        print("Chứng thư không ghi mã đơn vị reportdesk: Cục ATMT sẽ đối chiếu dấu vân tay khi nhận gói đầu tiên.")
    return 0


def _retire_identity(data_dir: Path) -> Path:
    """Moves the current key.pem/cert.pem aside (still encrypted) instead of overwriting them."""
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    dest = ident.identity_dir(data_dir) / f"old-{stamp}"
    dest.mkdir(parents=True, exist_ok=False)
    os.chmod(dest, 0o700)
    for p in (ident.key_path(data_dir), ident.cert_path(data_dir)):
        if p.exists():
            os.replace(p, dest / p.name)
    return dest


def cmd_recipient_add(args: argparse.Namespace, ctx: AppContext) -> int:
    if ctx.store_exists and ctx.mode == "atmt":
        raise UserError("Kho tổng hợp không cần người nhận: lệnh này dành cho kho của đơn vị báo cáo.")
    src = Path(args.cert)
    try:
        data = src.read_bytes()
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {src}.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được {src}: {exc.strerror}.") from None
    if len(data) > 1_000_000:
        raise UserError(f"Tệp {src} quá lớn để là một chứng thư.")
    cert, _path = ident.pin_recipient(ctx.data_dir, data)
    now = dt.datetime.now(dt.timezone.utc)
    print(f"Đã ghim chứng thư người nhận: {cert.subject.rfc4514_string()}")
    print(f"Dấu vân tay (SHA-256): {ident.format_fingerprint(cert)}")
    print("Hãy đọc dấu vân tay này qua điện thoại với Cục ATMT để đối chiếu trước khi gửi gói.")
    if now > cert.not_valid_after_utc:
        print("Cảnh báo: chứng thư này đã hết hạn.", file=sys.stderr)
    urn = ident.cert_unit_urn(cert)
    if urn is not None and urn[0] != "atmt":
        print(f"Cảnh báo: đây là chứng thư của đơn vị báo cáo {urn[1]}, không phải của kho tổng hợp Cục ATMT.",
              file=sys.stderr)
    return 0


def cmd_recipient_list(args: argparse.Namespace, ctx: AppContext) -> int:
    certs = ident.load_recipients(ctx.data_dir)
    if args.json:
        print_json([ident.describe_cert(c) for c in certs])
        return 0
    for c in certs:
        print(f"{ident.format_fingerprint(c)}\t{c.subject.rfc4514_string()}")
    if not certs:
        print("Chưa ghim chứng thư người nhận nào (reportdesk recipient add TỆP).")
    return 0
