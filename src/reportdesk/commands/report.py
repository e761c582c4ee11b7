"""`reportdesk report new | fill | show | check` (export, template, docx, xlsx come from their areas)."""

from __future__ import annotations

import argparse
import importlib

from typing import TYPE_CHECKING

from reportdesk.commands.common import print_json, report_id
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.app import AppContext

# other areas add `report ...` subcommands: each module has register_report(report_subparsers)
#   report_package: export (the package area); report_documents: template, xlsx, docx (the documents area)
REPORT_SUBCOMMAND_MODULES = ["report_package", "report_documents", "wayback"]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="báo cáo: tạo, điền, xem, kiểm tra, xuất")
    rs = p.add_subparsers(dest="report_command", metavar="LỆNH")
    n = rs.add_parser("new", help="tạo bản nháp mới; in mã báo cáo")
    n.add_argument("--form", required=True, help="mã biểu mẫu")
    n.add_argument("--period", required=True, help="kỳ báo cáo: 2026, 2026-H1, 2026-AH-<tên>")
    n.set_defaults(func=cmd_new)
    f = rs.add_parser("fill", help="điền báo cáo từ tệp JSON hoặc Excel")
    f.add_argument("id")
    src = f.add_mutually_exclusive_group(required=True)
    src.add_argument("--json", dest="json_file", metavar="TỆP", help="tệp JSON (dạng của report show --json)")
    src.add_argument("--xlsx", dest="xlsx_file", metavar="TỆP", help="tệp Excel theo mẫu (report template)")
    f.set_defaults(func=cmd_fill)
    s = rs.add_parser("show", help="xem câu trả lời")
    s.add_argument("id")
    s.add_argument("--json", action="store_true", help="in dạng JSON")
    s.set_defaults(func=cmd_show)
    c = rs.add_parser("check", help="kiểm tra lỗi và cảnh báo; mã thoát 1 nếu có lỗi")
    c.add_argument("id")
    c.add_argument("--json", action="store_true", help="in dạng JSON")
    c.set_defaults(func=cmd_check)
    ls = rs.add_parser("list", help="liệt kê các báo cáo trong kho")
    ls.add_argument("--period")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_list)
    for name in REPORT_SUBCOMMAND_MODULES:
        try:
            mod = importlib.import_module(f"reportdesk.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reportdesk.commands.{name}":
                continue  # that area is not built yet
            raise
        mod.register_report(rs)


def cmd_new(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.reports import new_report

    r = new_report(ctx, args.form, args.period)
    print(r.id)
    return 0


def cmd_fill(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.validate import errors
    from reportdesk.services import reports

    rid = report_id(args.id)
    if args.xlsx_file:
        r = reports.fill_xlsx(ctx, rid, args.xlsx_file)
    else:
        r = reports.fill_json(ctx, rid, args.json_file)
    issues = reports.check_report(ctx, r.id)
    n_err = len(errors(issues))
    print(f"Đã điền báo cáo {r.id}: {len(r.answers)} trường có dữ liệu; {n_err} lỗi, {len(issues) - n_err} cảnh báo (xem: reportdesk report check {r.id}).")
    return 0


def cmd_show(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.forms import FieldType
    from reportdesk.domain.reports import STATUS_LABELS_VI
    from reportdesk.domain.validate import computed_values, table_totals

    from reportdesk.store.quickread import read_report

    rid = report_id(args.id)
    # read with sqlite3 alone when the store allows it (start-up without SQLAlchemy), else through the store
    r = read_report(ctx.data_dir, rid) or ctx.reports.get(rid)
    if args.json:
        print_json(r.to_json())
        return 0
    form = ctx.forms.get(r.form_id, r.form_version)
    if form is None:
        raise UserError(f"Chưa cài biểu mẫu {r.form_id} phiên bản {r.form_version}.")
    unit = ctx.units.get(r.unit_code)
    print(f"Báo cáo {r.id}: {form.title}")
    print(f"Đơn vị: {unit.name if unit else r.unit_code} ({r.unit_code}) · Kỳ: {r.period} · "
          f"Trạng thái: {STATUS_LABELS_VI.get(r.status, r.status)} · Lần gửi: {r.revision}")
    computed = computed_values(form, r.answers)
    for s in form.sections:
        print(f"\n== {s.title}")
        for f in s.fields:
            v = r.answers.get(f.id)
            if f.type == FieldType.table:
                rows = v or []
                print(f"- {f.label}: {len(rows)} dòng")
                for i, row in enumerate(rows, 1):
                    cells = "; ".join(f"{c.label}: {_text(c, row.get(c.id))}" for c in f.columns if row.get(c.id) not in (None, "", []))
                    print(f"    {i}. {cells}")
                if f.totals and rows:
                    tot = table_totals(f, rows)
                    print("    Tổng: " + "; ".join(f"{f.column(k).label}: {_num(t)}" for k, t in tot.items()))
            else:
                print(f"- {f.label}: {_text(f, v) if v not in (None, '', []) else '(chưa điền)'}")
        for c in s.computed:
            val = computed.get(c.id)
            print(f"- {c.label}: {_num(val) if val is not None else '(chưa tính được)'}{' %' if c.percent else ''}")
    return 0


def _num(v) -> str:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return str(v)
    if float(v).is_integer():
        return f"{int(v):,}".replace(",", ".")
    s = f"{v:,.2f}".rstrip("0").rstrip(".")
    return s.replace(",", "X").replace(".", ",").replace("X", ".")


def _text(f, v) -> str:
    from reportdesk.domain.forms import FieldType
    from reportdesk.domain.validate import plain

    if isinstance(v, dict) and "value" in v and f.estimate:
        return f"{_num(plain(v))}{' ' + f.unit if f.unit else ''} (ước thực hiện)" if v.get("estimate") else _num(plain(v))
    if f.type in (FieldType.integer, FieldType.decimal, FieldType.percent):
        unit = " %" if f.type == FieldType.percent else (f" {f.unit}" if f.unit else "")
        return _num(v) + unit
    if f.type == FieldType.boolean:
        return "Có" if v else "Không"
    if f.type == FieldType.choice:
        return f.choice_label(v)
    if f.type == FieldType.multichoice:
        return ", ".join(f.choice_label(x) for x in v)
    if f.type == FieldType.date:
        return "/".join(reversed(v.split("-")))
    if f.type == FieldType.document:
        docs = v if isinstance(v, list) else [v]
        return "; ".join(
            " ".join(x for x in (d.get("so_ky_hieu", ""), ("ngày " + "/".join(reversed(d["ngay"].split("-")))) if d.get("ngay") else "", d.get("trich_yeu", "")) if x)
            for d in docs)
    if f.type == FieldType.attachment:
        items = v if isinstance(v, list) else [v]
        return ", ".join(i.get("name", "") for i in items)
    return str(v)


def cmd_check(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.validate import errors
    from reportdesk.services.reports import check_report

    rid = report_id(args.id)
    issues = check_report(ctx, rid)
    errs = errors(issues)
    if args.json:
        print_json({"id": rid, "errors": len(errs), "warnings": len(issues) - len(errs), "issues": [i.to_dict() for i in issues]})
        return 1 if errs else 0
    for i in issues:
        print(i)
    if errs:
        print(f"Báo cáo {rid}: {len(errs)} lỗi, {len(issues) - len(errs)} cảnh báo. Cần sửa lỗi trước khi xuất gói.")
        return 1
    print(f"Báo cáo {rid}: không có lỗi" + (f", {len(issues)} cảnh báo." if issues else "."))
    return 0


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.reports import STATUS_LABELS_VI

    rows = ctx.reports.list(period=args.period)
    if args.json:
        print_json([{k: v for k, v in r.to_json().items() if k != "answers"} for r in rows])
        return 0
    for r in rows:
        print(f"{r.id}\t{r.unit_code}\t{r.form_id} v{r.form_version}\t{r.period}\t{STATUS_LABELS_VI.get(r.status, r.status)}\tlần {r.revision}")
    if not rows:
        print("Chưa có báo cáo nào.")
    return 0
