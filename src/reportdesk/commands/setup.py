"""`reportdesk setup unit --unit CODE` / `reportdesk setup atmt`."""

from __future__ import annotations

import argparse

from reportdesk.app import AppContext
from reportdesk.errors import UserError
from reportdesk.store.models import utcnow

ATMT_UNIT = "CUC-ATMT"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("setup", help="thiết lập kho dữ liệu")
    ss = p.add_subparsers(dest="setup_command", metavar="CHẾ_ĐỘ")
    up = ss.add_parser("unit", help="chế độ đơn vị báo cáo: kho dữ liệu và định danh ký số")
    up.add_argument("--unit", required=True, help="mã đơn vị, ví dụ SCT-01, CUC-HC, TCT-HABECO")
    up.set_defaults(func=cmd_unit)
    ap = ss.add_parser("atmt", help="chế độ tổng hợp (Cục ATMT): kho dữ liệu và định danh nhận gói")
    ap.set_defaults(func=cmd_atmt)


def _refuse_existing(ctx: AppContext) -> None:
    if ctx.store_exists:
        mode = ctx.mode
        who = f" cho đơn vị {ctx.unit_code}" if ctx.unit_code else ""
        raise UserError(f"Thư mục {ctx.data_dir} đã có kho dữ liệu (chế độ {mode}{who}); không thiết lập lại.")


def init_store(ctx: AppContext, mode: str, unit_code: str) -> None:
    store = ctx.store(create=True)
    for sub in ("received", "logs"):
        (ctx.data_dir / sub).mkdir(parents=True, exist_ok=True)
    store.set_meta("mode", mode)
    store.set_meta("unit_code", unit_code)
    store.set_meta("created_at", utcnow().isoformat())


def _create_identity(ctx: AppContext, unit, kind: str) -> str | None:
    """Creates the signing identity when the package layer is present; returns its fingerprint."""
    try:
        from reportdesk.package import identity
    except ImportError:
        return None
    if not hasattr(identity, "create_identity"):
        return None
    passphrase = ctx.passphrase(confirm=True, prompt="Đặt mật khẩu bảo vệ khóa bí mật: ")
    return identity.create_identity(ctx.data_dir, unit.code, unit.name, passphrase, kind)


def cmd_unit(args: argparse.Namespace, ctx: AppContext) -> int:
    unit = ctx.unit(args.unit)
    if unit.code == ATMT_UNIT:
        raise UserError("Cục ATMT dùng chế độ tổng hợp: reportdesk setup atmt.")
    _refuse_existing(ctx)
    fp = _create_identity(ctx, unit, "unit")
    init_store(ctx, "unit", unit.code)
    print(f"Đã thiết lập kho dữ liệu cho {unit.name} ({unit.code}) tại {ctx.data_dir}")
    if fp:
        print(f"Dấu vân tay chứng thư ký số (SHA-256): {fp}")
    return 0


def cmd_atmt(args: argparse.Namespace, ctx: AppContext) -> int:
    unit = ctx.unit(ATMT_UNIT)
    _refuse_existing(ctx)
    fp = _create_identity(ctx, unit, "atmt")
    init_store(ctx, "atmt", unit.code)
    print(f"Đã thiết lập kho tổng hợp của {unit.name} tại {ctx.data_dir}")
    if fp:
        print(f"Dấu vân tay chứng thư (SHA-256): {fp}")
    return 0
