"""`reportdesk cert export OUT`, `identity show | import FILE.p12`, `recipient add CERT | list`."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk.commands.common import print_json
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.app import AppContext

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
    ex = iss.add_parser("export-p12", help="ghi khóa và chứng thư ra tệp .p12 (có mật khẩu) để các máy khác của văn phòng dùng chung")
    ex.add_argument("out", metavar="TỆP.p12")
    ex.add_argument("--p12-password-file", metavar="TỆP",
                    help=f"tệp chứa mật khẩu đặt cho tệp .p12 (mặc định: ${P12_PASSWORD_ENV} hoặc hỏi)")
    ex.add_argument("--force", action="store_true", help="ghi đè tệp đã có")
    ex.set_defaults(func=cmd_identity_export_p12)

    r = sub.add_parser("recipient", help="(đơn vị) chứng thư của Cục ATMT, người nhận các gói báo cáo")
    rs = r.add_subparsers(dest="recipient_command", metavar="LỆNH")
    ra = rs.add_parser("add", help="tin cậy chứng thư tổng hợp này làm người nhận gói; in dấu vân tay")
    ra.add_argument("cert", metavar="CHỨNG_THƯ", help="tệp chứng thư (PEM hoặc DER) do Cục ATMT gửi")
    ra.set_defaults(func=cmd_recipient_add)
    rl = rs.add_parser("list", help="các chứng thư người nhận đã ghim")
    rl.add_argument("--json", action="store_true")
    rl.set_defaults(func=cmd_recipient_list)


def _date(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M (giờ Việt Nam)")


def cmd_cert_export(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import identity

    if args.out == "-":
        sys.stdout.write(identity.certificate_pem(ctx).decode("ascii"))
        return 0
    out = identity.export_certificate(ctx, args.out, force=args.force)
    print(f"Đã ghi chứng thư vào {out}")
    print(f"Dấu vân tay (SHA-256): {identity.identity_info(ctx).fingerprint}")
    return 0


def cmd_identity_show(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import identity

    info = identity.identity_info(ctx)
    if args.json:
        print_json({**info.details, "recipients": [c.details for c in info.recipients]})
        return 0
    state = {"valid": "còn hiệu lực", "expired": "ĐÃ HẾT HẠN", "not_yet_valid": "chưa có hiệu lực"}[info.state]
    print(f"Chủ thể:       {info.subject}")
    if not info.self_signed:
        print(f"Tổ chức cấp:   {info.issuer}")
    else:
        print("Tổ chức cấp:   tự cấp (self-signed)")
    if info.unit_code:
        print(f"Đơn vị:        {info.unit_name} ({info.unit_code})")
    print(f"Hiệu lực:      từ {_date(info.not_before)} đến {_date(info.not_after)} — {state}")
    print(f"Khóa:          RSA {info.key_bits} bit")
    print(f"Dấu vân tay (SHA-256): {info.fingerprint}")
    for c in info.recipients:
        print(f"Người nhận gói: {c.subject} — {c.fingerprint}")
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
    from reportdesk.services import identity

    info = identity.import_identity(
        ctx, args.file, lambda: _p12_password(args, ctx),
        lambda: ctx.passphrase(confirm=True, prompt="Mật khẩu bảo vệ khóa bí mật trong kho: "),
        replace=args.replace, p12_fallback=ctx.passphrase)
    print(f"Đã nhập định danh: {info.subject}")
    print(f"Dấu vân tay (SHA-256): {info.fingerprint}")
    for w in info.warnings:
        print(w)
    return 0


def cmd_identity_export_p12(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import identity

    def secret() -> str:
        value = _p12_password(args, ctx)
        if value is None:
            raise UserError(f"Cần mật khẩu cho tệp .p12: dùng --p12-password-file TỆP hoặc biến môi trường {P12_PASSWORD_ENV}.")
        if not args.p12_password_file and os.environ.get(P12_PASSWORD_ENV) is None and \
                getpass.getpass("Nhập lại mật khẩu của tệp .p12: ") != value:
            raise UserError("Hai lần nhập mật khẩu không khớp.")
        return value

    out = identity.export_p12(ctx, args.out, ctx.passphrase, secret, force=args.force)
    print(f"Đã ghi khóa và chứng thư vào {out} (mã hóa bằng mật khẩu của tệp .p12); giữ tệp này như giữ khóa bí mật.")
    return 0


def cmd_recipient_add(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import identity

    info = identity.add_recipient(ctx, args.cert)
    print(f"Đã ghim chứng thư người nhận: {info.subject}")
    print(f"Dấu vân tay (SHA-256): {info.fingerprint}")
    print("Hãy đọc dấu vân tay này qua điện thoại với Cục ATMT để đối chiếu trước khi gửi gói.")
    for w in info.warnings:
        print(f"Cảnh báo: {w}", file=sys.stderr)
    return 0


def cmd_recipient_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import identity

    certs = identity.list_recipients(ctx)
    if args.json:
        print_json([c.details for c in certs])
        return 0
    for c in certs:
        print(f"{c.fingerprint}\t{c.subject}")
    if not certs:
        print("Chưa ghim chứng thư người nhận nào (reportdesk recipient add TỆP).")
    return 0
