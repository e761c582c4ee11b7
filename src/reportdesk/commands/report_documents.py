"""`reportdesk report template | xlsx | docx`: the Excel template of a form, a report as Excel, as Word.

Files are written atomically (a temporary file moved into place), so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from reportdesk.commands.common import report_id

if TYPE_CHECKING:
    from reportdesk.app import AppContext


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


def cmd_template(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.reports import template_unit, write_template

    out = write_template(ctx, args.form, args.out, version=args.form_version)
    form = ctx.form(args.form, args.form_version)
    unit = template_unit(ctx, form)
    who = f" cho {unit.name}" if unit is not None else ""
    print(f"Đã ghi mẫu Excel của biểu mẫu {form.id} phiên bản {form.version}{who}: {out}")
    return 0


def cmd_xlsx(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.reports import write_xlsx

    rid = report_id(args.id)
    out = write_xlsx(ctx, rid, args.out)
    print(f"Đã ghi báo cáo {rid} dạng Excel: {out}")
    return 0


def cmd_docx(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.reports import write_docx

    rid = report_id(args.id)
    out = write_docx(ctx, rid, args.out, place=args.place, date=args.date)
    print(f"Đã ghi báo cáo {rid} dạng Word: {out}")
    return 0
