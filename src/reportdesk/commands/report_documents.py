"""`reportdesk report template | xlsx | docx`: the Excel template of a form, a report as Excel, as Word.

Files are written atomically (a temporary file moved into place), so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from reportdesk.app import AppContext
from reportdesk.commands.common import report_id
from reportdesk.errors import UserError


def register_report(rs: argparse._SubParsersAction) -> None:
    t = rs.add_parser("template", help="mẫu Excel để điền một biểu mẫu")
    t.add_argument("--form", required=True, help="mã biểu mẫu")
    t.add_argument("--form-version", type=int, default=None, help="phiên bản biểu mẫu (mặc định: mới nhất)")
    t.add_argument("--out", required=True, metavar="TỆP.xlsx", help="tệp Excel sẽ ghi")
    t.set_defaults(func=cmd_template)
    x = rs.add_parser("xlsx", help="báo cáo dạng Excel theo mẫu (sửa rồi nhập lại được)")
    x.add_argument("id")
    x.add_argument("--out", required=True, metavar="TỆP.xlsx")
    x.set_defaults(func=cmd_xlsx)
    d = rs.add_parser("docx", help="báo cáo dạng Word theo Nghị định 30/2020/NĐ-CP")
    d.add_argument("id")
    d.add_argument("--out", required=True, metavar="TỆP.docx")
    d.add_argument("--place", default=None, help="địa danh ghi trước ngày tháng (mặc định: theo danh mục đơn vị)")
    d.add_argument("--date", default=None, metavar="YYYY-MM-DD", help="ngày của báo cáo (mặc định: để trống cho người ký ghi)")
    d.set_defaults(func=cmd_docx)


def _out(path: str, suffix: str) -> Path:
    p = Path(path)
    if p.suffix.lower() != suffix:
        raise UserError(f"Tệp ra phải có đuôi {suffix}, không phải «{p.name}».")
    if p.exists() and p.is_dir():
        raise UserError(f"{p} là một thư mục.")
    if not p.parent.exists():
        raise UserError(f"Không có thư mục {p.parent}.")
    return p


def _write(fn, path: Path) -> None:
    try:
        fn()
    except PermissionError:
        raise UserError(f"Không ghi được tệp {path}: không có quyền ghi hoặc tệp đang mở trong chương trình khác.") from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {path}: {exc.strerror or exc}.") from None


def cmd_template(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.exports.workbook import write_template

    form = ctx.form(args.form, args.form_version)
    out = _out(args.out, ".xlsx")
    unit = None
    if ctx.store_exists and ctx.unit_code:
        unit = ctx.units.get(ctx.unit_code)
        if unit is not None and unit.kind not in form.unit_kinds:
            unit = None  # a template for another kind of unit: no prefilled rows
    _write(lambda: write_template(form, out, unit), out)
    who = f" cho {unit.name}" if unit is not None else ""
    print(f"Đã ghi mẫu Excel của biểu mẫu {form.id} phiên bản {form.version}{who}: {out}")
    return 0


def cmd_xlsx(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.exports.workbook import write_filled

    r = ctx.reports.get(report_id(args.id))
    form = ctx.reports.form_of(r)
    out = _out(args.out, ".xlsx")
    unit = ctx.units.get(r.unit_code)
    _write(lambda: write_filled(form, r, out, unit), out)
    print(f"Đã ghi báo cáo {r.id} dạng Excel: {out}")
    return 0


def _parse_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"Ngày không hợp lệ «{text}»: dùng dạng YYYY-MM-DD, ví dụ 2026-11-20.") from None


def cmd_docx(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.exports.report_docx import write_report_docx

    r = ctx.reports.get(report_id(args.id))
    form = ctx.reports.form_of(r)
    out = _out(args.out, ".docx")
    day = _parse_date(args.date)
    unit = ctx.units.get(r.unit_code)
    period = None
    try:
        period = ctx.calendar.get(r.period)
    except Exception:  # a calendar that cannot be read does not stop printing
        period = None
    label = getattr(period, "label", None)
    _write(lambda: write_report_docx(form, r, unit, out, place=args.place, date=day, period_label=label), out)
    print(f"Đã ghi báo cáo {r.id} dạng Word: {out}")
    return 0
