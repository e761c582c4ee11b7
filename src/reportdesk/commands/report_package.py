"""`reportdesk report export ID --out F.rdpkg`: validate, sign, encrypt, write the package."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reportdesk.commands.common import print_json, report_id

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register_report(rs: argparse._SubParsersAction) -> None:
    e = rs.add_parser("export", help="kiểm tra, ký số, mã hóa và ghi gói báo cáo (.rdpkg)")
    e.add_argument("id")
    e.add_argument("--out", metavar="TỆP.rdpkg",
                   help="tệp gói (mặc định <đơn vị>_<biểu mẫu>_<kỳ>_r<lần gửi>.rdpkg ở thư mục hiện tại); "
                        "có thể là một thư mục")
    e.add_argument("--attach", metavar="TỆP", action="append", default=[], help="tệp đính kèm (lặp lại được)")
    e.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    e.set_defaults(func=cmd_export)


def __getattr__(name: str):
    # check_attachments and declared_attachments live in reportdesk.services.reports now
    if name in ("check_attachments", "declared_attachments"):
        from reportdesk.services import reports

        return getattr(reports, name)
    raise AttributeError(name)


def cmd_export(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.errors import cli_text
    from reportdesk.services.files import read_attachments
    from reportdesk.services.reports import export_report

    rid = report_id(args.id)
    res = export_report(ctx, rid, args.out, ctx.passphrase, read_attachments(args.attach))
    for w in res.warnings:
        print(f"Cảnh báo: {cli_text(w)}", file=sys.stderr)
    m = res.manifest
    if args.json:
        print_json({"file": str(res.path), "package_id": m["package_id"], "unit_code": m["unit_code"],
                    "form_id": m["form_id"], "period": m["period"], "revision": m["revision"],
                    "created_at": m["created_at"], "signer_sha256": m["signer_sha256"],
                    "recipients_sha256": m["recipients_sha256"]})
        return 0
    print(f"Đã xuất gói: {res.path}")
    print(f"Báo cáo {rid} · {m['unit_code']} · {m['form_id']} · kỳ {m['period']} · lần gửi {m['revision']} · mã gói {m['package_id']}")
    return 0
