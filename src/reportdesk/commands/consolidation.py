"""Consolidation mode (Cục ATMT): `import`, `trust list|approve|revoke`, `status`, `consolidate`, `demo`."""

from __future__ import annotations

import argparse
import sys

from typing import TYPE_CHECKING

from reportdesk.commands.common import print_json, print_json_line
from reportdesk.errors import UserError

if TYPE_CHECKING:
    from reportdesk.app import AppContext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="(tổng hợp) nhập các gói báo cáo: tệp hoặc thư mục")
    p.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp .rdpkg hoặc thư mục (đọc cả thư mục con)")
    p.add_argument("--json", action="store_true", help="mỗi tệp một dòng JSON, cuối cùng là dòng tổng kết")
    p.add_argument("--workers", type=int, default=None, help="số tiến trình giải mã song song (mặc định: tự chọn)")
    p.set_defaults(func=cmd_import)

    t = sub.add_parser("trust", help="(tổng hợp) danh sách chứng thư người ký: xem, phê duyệt, thu hồi")
    ts = t.add_subparsers(dest="trust_command", metavar="LỆNH")
    tl = ts.add_parser("list", help="các chứng thư chờ phê duyệt, đã phê duyệt, đã thu hồi")
    tl.add_argument("--json", action="store_true")
    tl.set_defaults(func=cmd_trust_list)
    ta = ts.add_parser("approve", help="phê duyệt chứng thư (và hợp nhất các gói đang cách ly của nó)")
    ta.add_argument("fingerprint", nargs="+", metavar="DẤU_VÂN_TAY")
    ta.set_defaults(func=cmd_trust_approve)
    tr = ts.add_parser("revoke", help="thu hồi chứng thư: từ chối các gói sau này của nó")
    tr.add_argument("fingerprint", nargs="+", metavar="DẤU_VÂN_TAY")
    tr.set_defaults(func=cmd_trust_revoke)

    s = sub.add_parser("status", help="(tổng hợp) tình hình gửi báo cáo của các đơn vị trong một kỳ")
    s.add_argument("--period", required=True, help="kỳ báo cáo: 2026, 2026-H1, 2026-AH-<tên>")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=cmd_status)

    c = sub.add_parser("consolidate", help="(tổng hợp) lập bảng tính Excel và báo cáo Word tổng hợp")
    c.add_argument("--period", required=True)
    c.add_argument("--xlsx", metavar="TỆP", help="bảng tính tổng hợp (.xlsx)")
    c.add_argument("--docx", metavar="TỆP", help="báo cáo tổng hợp (.docx)")
    c.set_defaults(func=cmd_consolidate)

    d = sub.add_parser("demo", help="dựng một bộ dữ liệu trình diễn đầy đủ trong THƯ_MỤC")
    d.add_argument("dir", metavar="THƯ_MỤC")
    d.add_argument("--units", type=int, default=12, help="số đơn vị gửi báo cáo (mặc định 12)")
    d.set_defaults(func=cmd_demo)


def _service(ctx: AppContext):
    from reportdesk.consolidate.imports import Consolidation

    return Consolidation.from_ctx(ctx)


# --- import ------------------------------------------------------------------------------------

def cmd_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.consolidate.imports import OUTCOME_LABELS_VI, OUTCOMES, collect_files
    from reportdesk.package.errors import IdentityError

    svc = _service(ctx)
    collect_files(args.paths)  # a missing path is a user error before the passphrase is asked
    passphrase = ctx.passphrase()

    def line(o) -> None:
        if args.json:
            print_json_line(o.to_json())
        else:
            who = " ".join(x for x in (o.unit_code, o.form_id, o.period, f"lần {o.revision}" if o.revision else None) if x)
            sys.stdout.write(f"{OUTCOME_LABELS_VI[o.outcome].upper():<10} {o.file}" + (f" [{who}]" if who else "")
                             + (f": {o.reason}" if o.reason else "") + "\n")
            sys.stdout.flush()

    try:
        summary = svc.import_paths(args.paths, passphrase, on_outcome=line, workers=args.workers)
    except IdentityError as exc:
        raise UserError(exc.message_vi) from None
    finally:
        svc.close()
    counts = summary.counts
    if args.json:
        print_json_line({"summary": counts})
    else:
        for o in summary.released:
            sys.stdout.write(f"Gói giữ lại đã được xử lý khi cài biểu mẫu mới: {o.unit_code} {o.form_id} {o.period} "
                             f"lần {o.revision}: {OUTCOME_LABELS_VI[o.outcome]}"
                             + (f" ({o.reason})" if o.reason else "") + "\n")
        parts = ", ".join(f"{OUTCOME_LABELS_VI[k]} {counts[k]}" for k in OUTCOMES)
        sys.stdout.write(f"Tổng cộng {len(summary.outcomes)} tệp: {parts}.\n")
    return 1 if counts["rejected"] else 0


# --- trust -------------------------------------------------------------------------------------

_SIGNER_STATE_VI = {"pending": "chờ phê duyệt", "approved": "đã phê duyệt", "revoked": "đã thu hồi"}


def _fmt_fp(fp: str) -> str:
    from reportdesk.package.identity import format_fingerprint

    return format_fingerprint(fp)


def cmd_trust_list(args: argparse.Namespace, ctx: AppContext) -> int:
    svc = _service(ctx)
    try:
        signers = svc.signers()
    finally:
        svc.close()
    if args.json:
        print_json([{"fingerprint": _fmt_fp(x.fingerprint), "unit_code": x.unit_code, "subject": x.subject,
                     "state": x.state, "not_before": x.not_before.isoformat() + "Z",
                     "not_after": x.not_after.isoformat() + "Z", "quarantined": x.quarantined, "packages": x.packages}
                    for x in signers])
        return 0
    if not signers:
        print("Chưa có chứng thư người ký nào (chưa nhập gói báo cáo nào).")
        return 0
    for x in signers:
        unit = ctx.units.get(x.unit_code)
        name = unit.name if unit else x.unit_code
        print(f"{x.unit_code}  {name}")
        print(f"  Dấu vân tay: {_fmt_fp(x.fingerprint)}")
        print(f"  Trạng thái: {_SIGNER_STATE_VI.get(x.state, x.state)}; hiệu lực {x.not_before:%d/%m/%Y} - {x.not_after:%d/%m/%Y}; "
              f"{x.packages} gói" + (f", {x.quarantined} gói đang cách ly" if x.quarantined else ""))
        print(f"  Chủ thể: {x.subject}")
    return 0


def cmd_trust_approve(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.consolidate.imports import OUTCOME_LABELS_VI

    fp = " ".join(args.fingerprint)  # "a1b2 c3d4 ..." may arrive as 16 separate arguments
    svc = _service(ctx)
    try:
        res = svc.approve(fp)
    finally:
        svc.close()
    print(f"Đã phê duyệt chứng thư của {res.signer.unit_code}: {_fmt_fp(res.signer.fingerprint)}")
    for o in res.merged:
        print(f"  {OUTCOME_LABELS_VI[o.outcome]}: {o.unit_code} {o.form_id} {o.period} lần {o.revision}"
              + (f" ({o.reason})" if o.reason else ""))
    if not res.merged:
        print("  Không có gói nào đang cách ly của chứng thư này.")
    return 0


def cmd_trust_revoke(args: argparse.Namespace, ctx: AppContext) -> int:
    fp = " ".join(args.fingerprint)
    svc = _service(ctx)
    try:
        res = svc.revoke(fp)
    finally:
        svc.close()
    print(f"Đã thu hồi chứng thư của {res.signer.unit_code}: {_fmt_fp(res.signer.fingerprint)}. "
          f"Các gói sau này do chứng thư này ký sẽ bị từ chối; {res.signer.packages} gói đã nhận được giữ nguyên và đánh dấu.")
    return 0


# --- status ------------------------------------------------------------------------------------

def cmd_status(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.consolidate.status import FLAG_LABELS_VI, STATE_LABELS_VI, status_for

    st = status_for(ctx, args.period)
    if args.json:
        print_json([e.to_json() for e in st.entries])
        return 0
    print(f"Tình hình gửi báo cáo kỳ {st.period.code} ({st.period.label})")
    for e in st.entries:
        state = STATE_LABELS_VI[e.state]
        if e.state == "late":
            state += f" {e.days_late} ngày"
        bits = [f"{e.unit_code:<14} {e.form_id:<10} {state:<16}"]
        if e.deadline:
            bits.append(f"hạn {e.deadline:%d/%m/%Y}")
        if e.revision is not None:
            bits.append(f"lần gửi {e.revision}")
        if e.signed_at is not None:
            bits.append(f"ký {_vn(e.signed_at)}")
        if e.received_at is not None:
            bits.append(f"nhận {_vn(e.received_at)}")
        if e.superseded:
            bits.append("đã thay thế lần " + ", ".join(str(x) for x in e.superseded))
        line = "  ".join(bits)
        if e.flags:
            line += "  [" + "; ".join(FLAG_LABELS_VI.get(f, f) for f in e.flags) + "]"
        if e.state == "quarantined" and e.reason:
            line += f"  ({e.reason})"
        print(line)
    c = st.counts
    print(f"Tổng cộng: {len(st.entries)} báo cáo phải gửi; đúng hạn {c['on_time']}, muộn {c['late']}, "
          f"chưa gửi {c['missing']}, chờ xử lý {c['quarantined']}.")
    return 0


def _vn(t) -> str:
    import datetime as dt

    from reportdesk.consolidate.status import VN

    t = t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t
    return t.astimezone(VN).strftime("%H:%M %d/%m/%Y")


# --- consolidate, demo -------------------------------------------------------------------------

def cmd_consolidate(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.consolidate.documents import consolidate

    if not args.xlsx and not args.docx:
        raise UserError("Cần ít nhất một trong --xlsx TỆP hoặc --docx TỆP.")
    res = consolidate(ctx, args.period, xlsx=args.xlsx, docx=args.docx)
    for path in res.written:
        print(f"Đã ghi {path}")
    return 0


def cmd_demo(args: argparse.Namespace, ctx: AppContext) -> int:
    from reportdesk.services.demo import build_demo

    build_demo(args.dir, units=args.units, say=_say)
    return 0


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()
