"""`reportdesk demo DIR [--units N]`: a complete demonstration world.

- ``DIR/passphrase.txt``: the passphrase of every key of the demo;
- ``DIR/atmt``: the consolidation data dir (Cục ATMT), with its own department report filled and complete;
- ``DIR/units/<CODE>``: one unit data dir per reporting unit, with its filled report(s);
- ``DIR/outbox``: the packages the units sent (varied: on time, late, several revisions);
- one unit never sent its report (missing), one signer was never approved (quarantined);
- everything imported, the known signers approved, and the consolidated ``DIR/tong-hop-<period>.xlsx`` and
  ``.docx`` written.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportdesk.app import AppContext
from reportdesk.consolidate.status import VN
from reportdesk.consolidate.synthetic import answers_for
from reportdesk.errors import UserError
from reportdesk.services import Cancelled, Progress, check_cancel, report_progress
from reportdesk.services.setup import init_store

PASSPHRASE = "demo-reportdesk-2026"


def _pick_period(ctx: AppContext, today: dt.date):
    """The latest year period whose deadlines are all past (so late packages can exist)."""
    years = [p for p in ctx.calendar.all() if p.kind == "year" and p.deadlines
             and max(p.deadlines.values()) + dt.timedelta(days=4) <= today]
    if not years:
        raise UserError("Lịch báo cáo không có kỳ năm nào đã qua hạn để dựng dữ liệu trình diễn.")
    return years[-1]


def _choose_units(ctx: AppContext, n: int) -> list:
    deps = [u for u in ctx.units.by_kind("department", include_inactive=False) if u.code != "CUC-ATMT"]
    provs = ctx.units.by_kind("province", include_inactive=False)
    corps = ctx.units.by_kind("corporation", include_inactive=False)
    n_dep = max(1, min(len(deps), round(n * 0.3)))
    n_corp = max(1, min(len(corps), round(n * 0.15)))
    n_prov = max(1, min(len(provs), n - n_dep - n_corp))
    return deps[:n_dep] + provs[:n_prov] + corps[:n_corp]


@dataclass(frozen=True)
class DemoResult:
    root: Path
    atmt: Path                 # the consolidation data dir
    outbox: Path               # the packages the units sent
    xlsx: Path                 # the consolidated workbook
    docx: Path                 # the consolidated Word report
    period: str
    passphrase_file: Path
    lines: list[str] = field(default_factory=list)   # what was built, line by line (Vietnamese)


def build_demo(root: str | Path, units: int = 12, progress: Progress | None = None,
               cancel: threading.Event | None = None, *, seed: int = 2026,
               say: Callable[[str], None] | None = None) -> DemoResult:
    """Builds the demonstration world in ``root`` (empty or missing). Each line of what was built goes
    to ``say`` as it happens and into ``DemoResult.lines``. Cancelled, what was built is removed."""
    if units < 3:
        raise UserError("Bộ dữ liệu trình diễn cần ít nhất 3 đơn vị (--units 3).")
    root = Path(root)
    if root.exists() and any(root.iterdir()):
        raise UserError(f"Thư mục {root} đã có nội dung; hãy chọn một thư mục trống hoặc chưa có.")
    existed = root.exists()
    check_cancel(cancel)
    root.mkdir(parents=True, exist_ok=True)
    try:
        return _build(root, units, progress, cancel, seed, say)
    except Cancelled:
        if existed:
            for child in list(root.iterdir()):
                shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
        else:
            shutil.rmtree(root, ignore_errors=True)
        raise


def date_as_the_story_goes(actx: AppContext, rng: random.Random, own: tuple[int, dt.date] | None) -> None:
    """The demo's packages are all imported now, on the day it is built; a real package reaches Cục ATMT
    some hours after it is signed. Each receipt is given such an arrival (2 to 30 hours after its
    signing), and Cục ATMT's own report (``own``: its id and deadline) is marked complete two days
    before its deadline, so that the status board tells the story the demo means: on time, late,
    missing — nothing flagged late only because the demo was built today."""
    from sqlalchemy import select

    from reportdesk.store.consolidation import Receipt
    from reportdesk.store.models import HistoryEntry, Report

    now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
    with actx.store().session() as s:
        for r in s.scalars(select(Receipt).order_by(Receipt.id)):
            if r.created_at is not None:
                arrival = r.created_at + dt.timedelta(hours=rng.randint(2, 30), minutes=rng.randint(0, 59))
                r.received_at = max(r.created_at, min(arrival, now))  # never in the future
        if own is not None:
            report_id, deadline = own
            done = dt.datetime.combine(deadline - dt.timedelta(days=2), dt.time(9, 30), VN)
            done = done.astimezone(dt.timezone.utc).replace(tzinfo=None)
            for h in s.scalars(select(HistoryEntry).where(HistoryEntry.report_id == report_id, HistoryEntry.op == "status")):
                h.at = done
            rep = s.get(Report, report_id)
            rep.updated_at = done


def _build(root: Path, units: int, progress: Progress | None, cancel: threading.Event | None, seed: int,
           say_line: Callable[[str], None] | None) -> DemoResult:
    rng = random.Random(seed)
    pp_file = root / "passphrase.txt"
    pp_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
    today = dt.datetime.now(dt.timezone.utc)
    lines: list[str] = []

    def say(s: str) -> None:
        lines.append(s)
        if say_line is not None:
            say_line(s)

    # --- Cục ATMT ---------------------------------------------------------------------------
    atmt_dir = root / "atmt"
    actx = AppContext(atmt_dir, pp_file, interactive=False)
    try:
        return _build_world(root, actx, units, progress, cancel, seed, rng, pp_file, today, say, lines)
    finally:
        actx.close()


def _build_world(root: Path, actx: AppContext, units: int, progress: Progress | None, cancel: threading.Event | None,
                 seed: int, rng: random.Random, pp_file: Path, today: dt.datetime, say: Callable[[str], None],
                 lines: list[str]) -> DemoResult:
    from reportdesk.consolidate.documents import consolidate
    from reportdesk.consolidate.imports import Consolidation
    from reportdesk.package import identity as ident
    from reportdesk.package.format import default_file_name, make_package

    atmt_dir = actx.data_dir
    chosen = _choose_units(actx, units)
    total = len(chosen) + 3
    check_cancel(cancel)
    report_progress(progress, 0, total, "Kho tổng hợp của Cục ATMT")
    period = _pick_period(actx, today.astimezone(VN).date())
    cert_from = dt.datetime.combine(min(period.deadlines.values()) - dt.timedelta(days=120), dt.time(8), tzinfo=dt.timezone.utc)
    atmt_unit = actx.unit("CUC-ATMT")
    atmt_id = ident.generate_identity(atmt_unit.code, atmt_unit.name, "atmt", now=cert_from)
    ident.save_identity(atmt_dir, atmt_id, PASSPHRASE)
    init_store(actx, "atmt", atmt_unit.code)
    say(f"Kho tổng hợp (Cục ATMT): {atmt_dir}")
    say(f"  Dấu vân tay chứng thư: {ident.format_fingerprint(atmt_id.cert)}")
    own_form = actx.forms.latest("bc-cucvu")
    own_report: tuple[int, dt.date] | None = None
    if own_form is not None and period.kind in own_form.periods:
        rep = actx.reports.create(atmt_unit.code, own_form, period.code, answers=answers_for(own_form, atmt_unit.code, rng, period.year))
        actx.reports.replace_answers(rep.id, {**rep.answers,
            "danh_gia_chung": (f"Năm {period.year}, các đơn vị thuộc Bộ, Sở Công Thương các tỉnh, thành phố và các Tập đoàn, "
                               "Tổng công ty đã tích cực triển khai Kế hoạch thực hiện Chỉ thị số 20/CT-TTg. Công tác theo dõi "
                               "hệ thống xử lý nước thải tập trung tại các cụm công nghiệp được tăng cường; tuy nhiên tỷ lệ cụm "
                               "công nghiệp có hệ thống xử lý nước thải tập trung còn thấp, một số hệ thống vận hành chưa ổn định."),
            "de_xuat_chung": ("Đề nghị Lãnh đạo Bộ chỉ đạo các Sở Công Thương đôn đốc chủ đầu tư hạ tầng cụm công nghiệp đầu tư "
                              "hệ thống xử lý nước thải tập trung; giao Cục ATMT chủ trì xây dựng cơ sở dữ liệu theo dõi "
                              "hệ thống xử lý nước thải tập trung tại các cụm công nghiệp trên phạm vi cả nước.")},
            source="demo")
        actx.reports.set_status(rep.id, "complete", revision=1)
        own_report = (rep.id, period.deadline(atmt_unit.kind))
        say(f"  Báo cáo của chính Cục ATMT (biểu mẫu {own_form.id}) đã điền và đánh dấu hoàn thành.")

    # --- the units ----------------------------------------------------------------------------
    outbox = root / "outbox"
    outbox.mkdir()
    missing_unit = chosen[len(chosen) // 2]        # fills a draft, never sends
    unknown_unit = chosen[-1]                      # its signer is never approved
    say(f"Các đơn vị ({len(chosen)}), kỳ {period.code}:")
    for i, u in enumerate(chosen):
        check_cancel(cancel)
        report_progress(progress, 1 + i, total, f"Đơn vị {u.code}")
        udir = root / "units" / u.code
        uctx = AppContext(udir, pp_file, interactive=False)
        uid = ident.generate_identity(u.code, u.name, "unit", now=cert_from)
        ident.save_identity(udir, uid, PASSPHRASE)
        init_store(uctx, "unit", u.code)
        ident.pin_recipient(udir, ident.cert_path(atmt_dir).read_bytes())
        form = next((f for f in uctx.forms.latest_all() if u.kind in f.unit_kinds and period.kind in f.periods), None)
        if form is None:
            uctx.close()
            continue
        from reportdesk.services.wayback import record_sent

        answers = answers_for(form, u.code, rng, period.year)
        rep = uctx.reports.create(u.code, form, period.code, answers=answers)
        deadline = period.deadline(u.kind)
        if u is missing_unit:
            say(f"  {u.code:<14} {u.name}: bản nháp, CHƯA GỬI  ({udir})")
            uctx.close()
            continue
        late = i % 4 == 1
        revisions = 3 if i % 5 == 2 else (2 if i % 3 == 0 else 1)
        sent = []
        base = rng.randint(1, 3) if late else -rng.randint(2, 8)
        for rev in range(1, revisions + 1):
            if rev > 1:  # a corrected revision: a few figures change
                answers = answers_for(form, u.code, random.Random(seed * 31 + i * 7 + rev), period.year)
                uctx.reports.replace_answers(rep.id, answers, source="demo")
            day = deadline + dt.timedelta(days=base + rev - revisions)
            signed = dt.datetime.combine(day, dt.time(9 + rev, rng.randint(0, 59)), tzinfo=VN).astimezone(dt.timezone.utc)
            signed = min(signed, today - dt.timedelta(hours=1))
            body = uctx.reports.get(rep.id).to_json()
            body.update(revision=rev, status="exported")
            built = make_package(body, signer_key=uid.key, signer_cert=uid.cert,
                                 recipient_certs=ident.load_recipients(udir), revision=rev, created_at=signed)
            path = outbox / default_file_name(u.code, form.id, period.code, rev)
            path.write_bytes(built.data)
            uctx.reports.set_status(rep.id, "exported", revision=rev)
            record_sent(uctx, rep.id, built.manifest, built.data)  # receipts from Cục ATMT then apply here
            sent.append(f"lần {rev} ký {signed.astimezone(VN):%d/%m %H:%M}")
        note = " (CHỨNG THƯ CHƯA ĐƯỢC PHÊ DUYỆT)" if u is unknown_unit else ""
        say(f"  {u.code:<14} {u.name}: {', '.join(sent)}{late and ' — GỬI MUỘN' or ''}{note}")
        uctx.close()

    # --- consolidation ----------------------------------------------------------------------------
    check_cancel(cancel)
    report_progress(progress, 1 + len(chosen), total, "Nhập các gói báo cáo")
    svc = Consolidation.from_ctx(actx)
    first = svc.import_paths([outbox], PASSPHRASE)
    approved = 0
    for sg in svc.signers():
        if sg.unit_code != unknown_unit.code and sg.state == "pending":
            svc.approve(sg.fingerprint)
            approved += 1
    again = svc.import_paths([outbox], PASSPHRASE)
    svc.close()
    date_as_the_story_goes(actx, rng, own_report)
    c1 = first.counts
    say(f"Đã nhập {len(first.outcomes)} gói từ {outbox}: cách ly {c1['quarantined']} (người ký chưa phê duyệt), "
        f"từ chối {c1['rejected']}; đã phê duyệt {approved} chứng thư; nhập lại lần hai: trùng {again.counts['duplicate']}.")
    xlsx = root / f"tong-hop-{period.code}.xlsx"
    docx = root / f"tong-hop-{period.code}.docx"
    check_cancel(cancel)
    report_progress(progress, 2 + len(chosen), total, "Lập bảng tính và báo cáo tổng hợp")
    consolidate(actx, period.code, xlsx=xlsx, docx=docx)
    actx.close()
    report_progress(progress, total, total, "Đã dựng xong bộ dữ liệu trình diễn")
    say(f"Bảng tính tổng hợp: {xlsx}")
    say(f"Báo cáo tổng hợp (Word): {docx}")
    say(f"Mật khẩu của mọi khóa trong bộ trình diễn: {PASSPHRASE} (tệp {pp_file})")
    say(f"Xem tình hình: reportdesk status --period {period.code} --data-dir {atmt_dir}")
    say(f"Chứng thư chờ phê duyệt: reportdesk trust list --data-dir {atmt_dir}")
    return DemoResult(root=root, atmt=atmt_dir, outbox=outbox, xlsx=xlsx, docx=docx, period=period.code,
                      passphrase_file=pp_file, lines=lines)
