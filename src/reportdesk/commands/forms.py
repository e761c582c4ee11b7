"""`reportdesk forms list | check | show`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk import paths
from reportdesk.commands.common import print_json
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="các biểu mẫu báo cáo")
    fs = p.add_subparsers(dest="forms_command", metavar="LỆNH")
    lp = fs.add_parser("list", help="liệt kê các biểu mẫu")
    lp.add_argument("--json", action="store_true", help="in dạng JSON")
    lp.set_defaults(func=cmd_list)
    cp = fs.add_parser("check", help="kiểm tra định nghĩa biểu mẫu (tệp:dòng: lỗi)")
    cp.add_argument("paths", nargs="*", help="tệp hoặc thư mục .yaml (mặc định: các biểu mẫu đang dùng)")
    cp.set_defaults(func=cmd_check)
    ip = fs.add_parser("install", help="cài phiên bản biểu mẫu mới vào thư mục dữ liệu (gói đang giữ sẽ được hợp nhất)")
    ip.add_argument("paths", nargs="+", help="tệp định nghĩa .yaml")
    ip.set_defaults(func=cmd_install)
    sp = fs.add_parser("show", help="in cấu trúc một biểu mẫu (mục, trường, kiểu, quy tắc)")
    sp.add_argument("form_id", metavar="ID", help="mã biểu mẫu, ví dụ bc-sct")
    sp.add_argument("--version", type=int, default=None, help="phiên bản (mặc định: mới nhất)")
    sp.add_argument("--unit", default=None, metavar="MÃ", help="liệt kê các dòng điền sẵn cho đơn vị này")
    sp.set_defaults(func=cmd_show)


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    forms = ctx.forms.all()
    if args.json:
        print_json([
            {"id": f.id, "version": f.version, "title": f.title, "unit_kinds": list(f.unit_kinds), "periods": list(f.periods)}
            for f in forms
        ])
        return 0
    if not forms:
        print("Chưa có biểu mẫu nào.")
    for f in forms:
        print(f"{f.id} v{f.version}\t{f.title}\t[{', '.join(f.unit_kinds)}]")
    for p in ctx.forms.problems:
        print(f"(không nạp được) {p}")
    return 0


def _collect(targets: list[str], ctx: AppContext) -> list[Path]:
    if not targets:
        return [p for d in paths.forms_dirs(ctx.data_dir) if d.is_dir() for p in sorted(d.glob("*.yaml"))]
    files: list[Path] = []
    for t in targets:
        p = Path(t)
        if p.is_dir():
            files.extend(sorted(p.glob("*.yaml")) + sorted(p.glob("*.yml")))
        elif p.exists():
            files.append(p)
        else:
            raise UserError(f"Không tìm thấy {p}.")
    return files


def cmd_check(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.forms import check_form_file

    files = _collect(args.paths, ctx)
    bad = 0
    for path in files:
        form, problems = check_form_file(path)
        for pr in problems:
            print(pr)
        if problems:
            bad += 1
        else:
            print(f"{path}: hợp lệ ({form.id} v{form.version})")
    if bad:
        print(f"{bad}/{len(files)} tệp có lỗi.")
        return 1
    print(f"Tất cả {len(files)} tệp hợp lệ.")
    return 0


def cmd_show(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.domain.formtext import describe_form

    form = ctx.form(args.form_id, args.version)
    if args.unit:
        ctx.unit(args.unit)
    print(describe_form(form, args.unit), end="")
    return 0


def cmd_install(args: argparse.Namespace, ctx: AppContext) -> int:
    """Installs form versions into <data-dir>/forms: all files are checked first, nothing is installed
    unless every one is valid; an installed version is never replaced by different content."""
    from reportdesk import atomic
    from reportdesk.domain.forms import check_form_file

    ctx.require_mode("unit", "atmt")
    checked = []
    for path in _collect(args.paths, ctx):
        form, problems = check_form_file(path)
        if problems or form is None:
            raise UserError(f"Không cài đặt: {path} có lỗi.", [str(p) for p in problems])
        checked.append((path, form))
    target_dir = ctx.data_dir / "forms"
    installed = []
    for path, form in checked:
        existing = ctx.forms.get(form.id, form.version)
        if existing is not None:
            if existing == form:
                print(f"{form.id} v{form.version}: đã có, không cần cài lại.")
                continue
            raise UserError(f"Biểu mẫu {form.id} phiên bản {form.version} đã có với nội dung khác; "
                            "một phiên bản đã phát hành không được sửa — hãy tăng số phiên bản.")
        installed.append((path, form))
    for path, form in installed:
        atomic.write_bytes(target_dir / f"{form.id}.v{form.version}.yaml", path.read_bytes())
        print(f"Đã cài biểu mẫu {form.id} phiên bản {form.version}: {form.title}")
    ctx.__dict__.pop("forms", None)  # reload the definitions, new versions included
    if installed and ctx.mode == "atmt":
        from reportdesk.consolidate.imports import OUTCOME_LABELS_VI, Consolidation

        svc = Consolidation.from_ctx(ctx)
        try:
            for o in svc.release_held():
                print(f"Gói đang giữ đã được xử lý: {o.unit_code} {o.form_id} {o.period} lần {o.revision}: "
                      f"{OUTCOME_LABELS_VI[o.outcome]}" + (f" ({o.reason})" if o.reason else ""))
        finally:
            svc.close()
    return 0
