"""`reportdesk setup unit --unit CODE` / `reportdesk setup atmt`."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("setup", help="thiết lập kho dữ liệu")
    ss = p.add_subparsers(dest="setup_command", metavar="CHẾ_ĐỘ")
    up = ss.add_parser("unit", help="chế độ đơn vị báo cáo: kho dữ liệu và định danh ký số")
    up.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SCT-01, CUC-HC, TCT-HABECO")
    up.set_defaults(func=cmd_unit)
    ap = ss.add_parser("atmt", help="chế độ tổng hợp (Cục ATMT): kho dữ liệu và định danh nhận gói")
    ap.add_argument("--store-url", metavar="postgresql://NGƯỜI_DÙNG@MÁY_CHỦ:5432/TÊN_CSDL",
                    help="kho tổng hợp dùng chung trên PostgreSQL (mới, hoặc kho đã có của văn phòng); "
                         "mật khẩu lấy từ ~/.pgpass hoặc được hỏi, không ghi trong địa chỉ")
    ap.add_argument("--received-dir", metavar="THƯ_MỤC",
                    help="với --store-url: thư mục dùng chung của văn phòng để lưu các gói đã nhận "
                         "(mặc định: received/ trong thư mục dữ liệu của máy này)")
    ap.set_defaults(func=cmd_atmt)


def _new_passphrase(ctx: AppContext):
    return lambda: ctx.passphrase(confirm=True, prompt="Đặt mật khẩu bảo vệ khóa bí mật: ")


def cmd_unit(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import setup

    res = setup.setup_unit(ctx, args.unit, _new_passphrase(ctx))
    print(f"Đã thiết lập kho dữ liệu cho {res.unit_name} ({res.unit_code}) tại {res.data_dir}")
    if res.fingerprint:
        print(f"Dấu vân tay chứng thư ký số (SHA-256): {res.fingerprint}")
    return 0


def cmd_atmt(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services import setup

    if getattr(args, "store_url", None):
        from reportdesk.services.office import setup_atmt_shared

        joined = setup_atmt_shared(ctx, args.store_url, _new_passphrase(ctx) if not _has_identity(ctx)
                                   else (lambda: ctx.passphrase()), received_dir=args.received_dir)
        verb = "Đã tham gia kho tổng hợp dùng chung" if joined.joined else "Đã tạo kho tổng hợp dùng chung"
        print(f"{verb} {joined.store_url} cho thư mục dữ liệu {joined.data_dir}")
        print(f"Dấu vân tay chứng thư (SHA-256): {joined.fingerprint}")
        return 0
    if getattr(args, "received_dir", None):
        from reportdesk.errors import UserError

        raise UserError("--received-dir chỉ dùng cùng --store-url (một văn phòng dùng chung kho PostgreSQL).")
    res = setup.setup_atmt(ctx, _new_passphrase(ctx))
    print(f"Đã thiết lập kho tổng hợp của {res.unit_name} tại {res.data_dir}")
    if res.fingerprint:
        print(f"Dấu vân tay chứng thư (SHA-256): {res.fingerprint}")
    return 0


def _has_identity(ctx: AppContext) -> bool:
    from reportdesk.package.identity import has_identity

    return has_identity(ctx.data_dir)
