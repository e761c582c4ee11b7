"""The way back from Cục ATMT (issue 11): `receipt write|print`, `review accept|return`, `update publish`,
`inbox import|list`; `report upgrade` is added to the report commands."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from reportdesk.commands.common import print_json, print_json_line, report_id

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("receipt", help="giấy biên nhận: (tổng hợp) lập; (đơn vị) in ra Word")
    rs = r.add_subparsers(dest="receipt_command", metavar="LỆNH")
    w = rs.add_parser("write", help="(tổng hợp) lập giấy biên nhận cho mọi lần gửi đã hợp nhất chưa báo nhận")
    w.add_argument("--period", help="kỳ báo cáo")
    w.add_argument("--report", help="chỉ báo cáo đã nhận này (mã báo cáo)")
    w.add_argument("--out", required=True, metavar="THƯ_MỤC", help="thư mục ghi các tệp .rdrcpt")
    w.add_argument("--json", action="store_true")
    w.set_defaults(func=cmd_receipt_write)
    p = rs.add_parser("print", help="(đơn vị) in giấy biên nhận đã nhập ra tệp Word")
    p.add_argument("file", metavar="TỆP.rdrcpt")
    p.add_argument("--out", required=True, metavar="TỆP.docx")
    p.set_defaults(func=cmd_receipt_print)

    v = sub.add_parser("review", help="(tổng hợp) chấp nhận hoặc trả lại một báo cáo đã nhận")
    vs = v.add_subparsers(dest="review_command", metavar="LỆNH")
    for name, help_ in (("accept", "chấp nhận lần gửi đã nhận"), ("return", "trả lại để chỉnh sửa, kèm lý do và ý kiến")):
        x = vs.add_parser(name, help=help_)
        x.add_argument("id", metavar="MÃ_BÁO_CÁO")
        x.add_argument("--reason", help="lý do (bắt buộc khi trả lại)")
        x.add_argument("--comment", action="append", default=[], metavar="VỊ_TRÍ=NỘI_DUNG",
                       help="ý kiến tại mục/trường[/dòng/cột] (lặp lại được)")
        x.add_argument("--out", required=True, metavar="TỆP.rdrev", help="tệp kết quả (hoặc thư mục)")
        x.add_argument("--json", action="store_true")
        x.set_defaults(func=cmd_review, decision="accepted" if name == "accept" else "returned")

    u = sub.add_parser("update", help="(tổng hợp) phát hành bản cập nhật đã ký: biểu mẫu, lịch, danh mục đơn vị")
    us = u.add_subparsers(dest="update_command", metavar="LỆNH")
    pub = us.add_parser("publish", help="lập bản cập nhật (.rdupd) với số thứ tự tiếp theo")
    pub.add_argument("--form", action="append", default=[], metavar="TỆP.yaml")
    pub.add_argument("--calendar", metavar="TỆP.yaml")
    pub.add_argument("--units", metavar="TỆP.yaml")
    pub.add_argument("--to", action="append", default=[], metavar="CHỨNG_THƯ",
                     help="thêm người nhận: chứng thư của đơn vị chưa gửi gói nào (lặp lại được)")
    pub.add_argument("--out", required=True, metavar="TỆP.rdupd")
    pub.add_argument("--json", action="store_true")
    pub.set_defaults(func=cmd_update_publish)

    i = sub.add_parser("inbox", help="(đơn vị) các gói Cục ATMT gửi: giấy biên nhận, kết quả xem xét, bản cập nhật")
    iss = i.add_subparsers(dest="inbox_command", metavar="LỆNH")
    im = iss.add_parser("import", help="kiểm tra và áp dụng các tệp .rdrcpt, .rdrev, .rdupd (tệp hoặc thư mục)")
    im.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN")
    im.add_argument("--json", action="store_true", help="mỗi tệp một dòng JSON")
    im.set_defaults(func=cmd_inbox_import)
    ls = iss.add_parser("list", help="các gói đã áp dụng")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=cmd_inbox_list)


def register_report(rs: argparse._SubParsersAction) -> None:
    g = rs.add_parser("upgrade", help="chuyển báo cáo sang phiên bản biểu mẫu mới, giữ các câu trả lời còn dùng được")
    g.add_argument("id")
    g.add_argument("--version", type=int, help="phiên bản đích (mặc định: mới nhất)")
    g.add_argument("--json", action="store_true")
    g.set_defaults(func=cmd_report_upgrade)
    st = rs.add_parser("inbox", help="giấy biên nhận và kết quả xem xét của Cục ATMT cho báo cáo này")
    st.add_argument("id")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=cmd_report_inbox)


def cmd_receipt_write(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.errors import UserError
    from reportdesk.services.wayback import write_receipts

    if not args.period and not args.report:
        raise UserError("Cần --period KỲ hoặc --report MÃ_BÁO_CÁO.")
    res = write_receipts(ctx, args.period, args.out, ctx.passphrase,
                         report_id=report_id(args.report) if args.report else None)
    for w in res.warnings:
        print(f"Cảnh báo: {w}", file=sys.stderr)
    if args.json:
        print_json([{"file": str(m.path), "message_id": m.message_id, **m.body} for m in res.written])
        return 0
    for m in res.written:
        t = "đúng hạn" if m.body["timeliness"] == "on_time" else f"trễ hạn {m.body['days_late']} ngày"
        print(f"{m.path}: {m.unit_code} {m.form_id} {m.period} lần {m.revision}, {t}")
    print(f"Đã lập {len(res.written)} giấy biên nhận." if res.written else "Không có lần gửi nào cần lập giấy biên nhận.")
    return 0


def cmd_receipt_print(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.wayback import print_receipt

    print(f"Đã ghi {print_receipt(ctx, args.file, args.out)}")
    return 0


def cmd_review(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.wayback import parse_comment_arg, review_report

    rid = report_id(args.id)
    ctx.require_mode("atmt")
    form = ctx.reports.form_of(ctx.reports.get(rid, with_answers=False))
    comments = [parse_comment_arg(form, c) for c in args.comment]
    res = review_report(ctx, rid, args.decision, args.out, ctx.passphrase, reason=args.reason, comments=comments)
    if args.json:
        print_json({"file": str(res.path), "message_id": res.message_id, "decision": res.decision,
                    "report_id": res.report_id, "unit_code": res.unit_code, "form_id": res.form_id,
                    "period": res.period, "revision": res.revision, "comments": [c.to_json() for c in res.comments]})
        return 0
    what = "Chấp nhận" if res.decision == "accepted" else "Trả lại để chỉnh sửa"
    print(f"{what}: {res.unit_code} {res.form_id} {res.period} lần {res.revision} ({len(res.comments)} ý kiến) -> {res.path}")
    return 0


def cmd_update_publish(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.wayback import publish_update

    res = publish_update(ctx, args.out, ctx.passphrase, forms=args.form, calendar=args.calendar, units=args.units,
                         to=args.to)
    if args.json:
        print_json({"file": str(res.path), "sequence": res.sequence, "message_id": res.message_id, "forms": res.forms,
                    "calendar": res.calendar, "units": res.units, "recipients": res.recipients})
        return 0
    print(f"Đã lập bản cập nhật số {res.sequence}: {res.path} (gửi {len(res.recipients)} đơn vị)")
    return 0


def cmd_inbox_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.package.messages import KIND_LABELS_VI
    from reportdesk.services.wayback import import_inbox

    outcomes = import_inbox(ctx, args.paths, ctx.passphrase)
    for o in outcomes:
        if args.json:
            print_json_line(o.to_json())
        elif o.outcome == "applied":
            print(f"{o.file}: đã áp dụng ({KIND_LABELS_VI[o.kind]}): {o.summary}")
        else:
            print(f"{o.file}: từ chối: {o.reason}")
    return 1 if any(o.outcome == "refused" for o in outcomes) else 0


def cmd_inbox_list(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.package.messages import KIND_LABELS_VI
    from reportdesk.services.wayback import list_inbox, vi_time

    entries = list_inbox(ctx)
    if args.json:
        print_json([e.to_json() for e in entries])
        return 0
    if not entries:
        print("Chưa nhận gói nào từ Cục ATMT.")
    for e in entries:
        about = f" {e.form_id} {e.period} lần {e.revision}" if e.form_id else ""
        print(f"{vi_time(e.imported_at)}  {KIND_LABELS_VI[e.kind]}{about}: {e.summary}")
    return 0


def cmd_report_upgrade(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.wayback import upgrade_report

    ctx.require_mode("unit")
    res = upgrade_report(ctx, report_id(args.id), args.version)
    if args.json:
        print_json({"report_id": res.report_id, "from_version": res.from_version, "to_version": res.to_version,
                    "carried": res.carried, "dropped": res.dropped})
        return 0
    print(f"Báo cáo {res.report_id}: phiên bản {res.from_version} -> {res.to_version}; giữ {len(res.carried)} câu trả lời"
          + (f", bỏ {len(res.dropped)}: {', '.join(res.dropped)}" if res.dropped else ""))
    return 0


def cmd_report_inbox(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.wayback import _iso, inbox_state_for_report

    ctx.require_mode("unit")
    st = inbox_state_for_report(ctx, report_id(args.id))
    if args.json:
        d = st.decision
        print_json({"report_id": st.report_id, "last_sent_revision": st.last_sent_revision, "label": st.label_vi,
                    "receipt": None if st.receipt is None else {
                        "revision": st.receipt.revision, "received_at": _iso(st.receipt.received_at),
                        "timeliness": st.receipt.timeliness, "days_late": st.receipt.days_late},
                    "decision": None if d is None else {
                        "decision": d.decision, "reason": d.reason, "revision": d.revision,
                        "decided_at": _iso(d.decided_at),
                        "comments": [c.to_json() for c in d.comments]},
                    "answered": st.answered})
        return 0
    print(st.label_vi or "Chưa có phản hồi của Cục ATMT.")
    for c in st.comments:
        print(f"  [{c.path}] {c.text}")
    return 0
