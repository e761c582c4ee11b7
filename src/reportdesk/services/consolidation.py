"""Use cases of the consolidation window (Cục ATMT) that the headless layers did not have yet.

Pure Python (no Qt), typed results, callable from a background thread and from the CLI:

- :func:`board` — the status matrix of a period with counts per state and per unit kind and the
  deadline of each kind;
- :func:`overview` — the figures of the overview charts (progress by unit kind, CCN wastewater coverage
  by province);
- :func:`submission` / :func:`revision_answers` / :func:`diff_answers` — a unit's report with its
  revisions and the field-by-field, row-by-row (rows matched by their key column) difference;
- :func:`missing_for_reminder` / :func:`write_reminder_letter` — the "công văn đôn đốc";
- :func:`set_deadlines`, :func:`add_adhoc_period`, :func:`add_unit` — calendar and registry edits kept
  as data in ``<data dir>/calendar.yaml`` and ``<data dir>/units.yaml``;
- :func:`save_narrative` / :func:`load_narrative` — ATMT's assessment and proposals carried into the
  consolidated Word report.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reportdesk.consolidate.status import STATES, VN, PeriodStatus, StatusEntry, status_for
from reportdesk.domain.units import KIND_LABELS_VI, UNIT_KINDS
from reportdesk.errors import UserError

NARRATIVE_FILE = "narrative.json"
NARRATIVE_KEYS = ("danh_gia_chung", "de_xuat_chung")


def _reset_definitions(ctx) -> None:
    """The calendar and the registry are cached on the context: drop them so the next read sees the edit."""
    for name in ("calendar", "units"):
        ctx.__dict__.pop(name, None)


# --- the status board -------------------------------------------------------------------------


@dataclass
class Board:
    status: PeriodStatus
    units: list[tuple[str, str, str]]            # (code, name, kind) in registry order
    forms: list[tuple[str, str]]                 # (form id, title)
    cells: dict[tuple[str, str], StatusEntry]    # (unit code, form id) -> entry
    counts: dict[str, int]
    counts_by_kind: dict[str, dict[str, int]]
    deadlines: dict[str, dt.date]                # unit kind -> deadline
    late_receipts: int = 0                       # signed on time, received late


def board(ctx, period_code: str) -> Board:
    st = status_for(ctx, period_code)
    units: list[tuple[str, str, str]] = []
    forms: dict[str, str] = {}
    cells: dict[tuple[str, str], StatusEntry] = {}
    by_kind = {k: {s: 0 for s in STATES} for k in UNIT_KINDS}
    seen: set[str] = set()
    late = 0
    for e in st.entries:
        if e.unit_code not in seen:
            seen.add(e.unit_code)
            units.append((e.unit_code, e.unit_name, e.unit_kind))
        forms.setdefault(e.form_id, e.form_title)
        cells[(e.unit_code, e.form_id)] = e
        by_kind.setdefault(e.unit_kind, {s: 0 for s in STATES})[e.state] += 1
        late += "signed_on_time_received_late" in e.flags
    return Board(st, units, sorted(forms.items()), cells, st.counts,
                 {k: v for k, v in by_kind.items() if sum(v.values())}, dict(st.period.deadlines), late)


# --- overview figures ------------------------------------------------------------------------------


@dataclass
class ProvinceCoverage:
    unit_code: str
    name: str
    clusters: int
    with_system: int
    stable: int
    coverage: float | None        # share of clusters with a centralised system (0..1)
    stable_rate: float | None     # share of systems operating stably (0..1)


@dataclass
class Overview:
    period: str
    progress: dict[str, dict[str, int]]        # unit kind -> state -> count
    kind_labels: dict[str, str]
    coverage: list[ProvinceCoverage] = field(default_factory=list)
    national: ProvinceCoverage | None = None


def _cov(t) -> ProvinceCoverage:
    return ProvinceCoverage(t.unit_code, t.unit_name, t.clusters, t.with_system, t.stable,
                            (t.with_system / t.clusters) if t.clusters else None,
                            (t.stable / t.with_system) if t.with_system else None)


def overview(ctx, period_code: str, *, progress=None, cancel=None) -> Overview:
    from reportdesk.consolidate.aggregate import aggregate, load_mapping

    b = board(ctx, period_code)
    agg = aggregate(ctx.store(), ctx.forms, ctx.units, b.status.period, own_unit=ctx.unit_code,
                    mapping=load_mapping(), progress=progress, cancel=cancel)
    out = Overview(b.status.period.code, b.counts_by_kind, dict(KIND_LABELS_VI))
    out.coverage = [_cov(t) for t in agg.ccn_by_province]
    out.national = _cov(agg.ccn_national) if agg.ccn_national is not None else None
    return out


# --- a submission and its revisions ------------------------------------------------------------------


@dataclass
class Revision:
    revision: int
    report_id: int | None
    state: str                      # current | superseded | stale | quarantined | held | rejected
    signed_at: dt.datetime
    received_at: dt.datetime


@dataclass
class Submission:
    unit_code: str
    unit_name: str
    form_id: str
    period: str
    revisions: list[Revision]       # oldest first

    @property
    def current(self) -> Revision | None:
        cur = [r for r in self.revisions if r.state == "current"]
        if cur:
            return cur[-1]
        with_report = [r for r in self.revisions if r.report_id is not None]
        return with_report[-1] if with_report else None

    def previous(self, rev: Revision) -> Revision | None:
        older = [r for r in self.revisions if r.report_id is not None and r.revision < rev.revision]
        return older[-1] if older else None


def submission(ctx, unit_code: str, form_id: str, period: str) -> Submission:
    from reportdesk.store.consolidation import Receipt
    from reportdesk.store.models import Report

    revs: list[Revision] = []
    with ctx.store().read_session() as s:
        for r in s.scalars(select(Receipt).where(Receipt.unit_code == unit_code, Receipt.form_id == form_id,
                                                 Receipt.period == period).order_by(Receipt.revision, Receipt.id)):
            revs.append(Revision(r.revision, r.report_id, r.state, r.created_at, r.received_at))
        if not revs:  # Cục ATMT's own report
            for rep in s.scalars(select(Report).where(Report.unit_code == unit_code, Report.form_id == form_id,
                                                      Report.period == period, Report.origin == "local")):
                revs.append(Revision(rep.revision, rep.id, "current", rep.updated_at, rep.updated_at))
    unit = ctx.units.get(unit_code)
    return Submission(unit_code, unit.name if unit else unit_code, form_id, period, revs)


@dataclass
class RevisionContent:
    report_id: int
    form: Any
    answers: dict[str, Any]
    explanations: dict[str, str]


def revision_answers(ctx, report_id: int) -> RevisionContent:
    data = ctx.reports.get(report_id)
    return RevisionContent(report_id, ctx.reports.form_of(data), data.answers, ctx.reports.explanations(report_id))


@dataclass
class Change:
    field_id: str
    label: str
    kind: str                        # field | row_added | row_removed | row_changed
    key: str | None = None           # the row's key (table rows)
    old: Any = None
    new: Any = None
    columns: list[str] = field(default_factory=list)  # changed columns of a changed row
    row_label: str | None = None     # the row as a person names it (its key column's text)


def _key_column(f) -> str | None:
    for c in f.columns:
        if c.type.value in ("text", "textarea", "choice"):
            return c.id
    return f.columns[0].id if f.columns else None


def _row_key(row: dict[str, Any], key_col: str | None, i: int) -> str:
    if row.get("_key"):
        return str(row["_key"])
    v = row.get(key_col) if key_col else None
    return str(v).strip() if v not in (None, "") else f"#{i + 1}"


def diff_answers(form, old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Field by field; table rows matched by their key column (``_key`` of a prefilled row first)."""
    out: list[Change] = []
    for _section, f in form.iter_fields():
        a, b = old.get(f.id), new.get(f.id)
        if f.type.value != "table":
            if a != b:
                out.append(Change(f.id, f.label, "field", None, a, b))
            continue
        kc = _key_column(f)
        ra = {_row_key(r, kc, i): r for i, r in enumerate(a or []) if isinstance(r, dict)}
        rb = {_row_key(r, kc, i): r for i, r in enumerate(b or []) if isinstance(r, dict)}
        def label(row: dict[str, Any]) -> str | None:
            v = row.get(kc) if kc else None
            return str(v).strip() if v not in (None, "") else None

        for k, row in rb.items():
            if k not in ra:
                out.append(Change(f.id, f.label, "row_added", k, None, row, row_label=label(row)))
            else:
                cols = [c.id for c in f.columns if ra[k].get(c.id) != row.get(c.id)]
                if cols:
                    out.append(Change(f.id, f.label, "row_changed", k, ra[k], row, cols, label(row)))
        for k, row in ra.items():
            if k not in rb:
                out.append(Change(f.id, f.label, "row_removed", k, row, None, row_label=label(row)))
    return out


# --- the reminder letter ---------------------------------------------------------------------------


@dataclass
class MissingReport:
    unit_code: str
    unit_name: str
    form_id: str
    form_title: str
    deadline: dt.date
    days_overdue: int


def missing_for_reminder(ctx, period_code: str, today: dt.date | None = None) -> list[MissingReport]:
    """Reports still missing after their deadline (quarantined ones are received: not listed), but for
    Cục ATMT's own."""
    today = today or dt.datetime.now(VN).date()
    st = status_for(ctx, period_code)
    own = ctx.unit_code  # Cục ATMT does not write a reminder to itself
    return [MissingReport(e.unit_code, e.unit_name, e.form_id, e.form_title, e.deadline, (today - e.deadline).days)
            for e in st.entries if e.state == "missing" and e.deadline is not None and e.deadline < today
            and e.unit_code != own]


def write_reminder_letter(ctx, period_code: str, path: str | Path, *, today: dt.date | None = None) -> list[MissingReport]:
    from reportdesk.exports.docx_base import NDDocument

    today = today or dt.datetime.now(VN).date()
    rows = missing_for_reminder(ctx, period_code, today)
    if not rows:
        raise UserError(f"Kỳ {period_code}: không có đơn vị nào chưa gửi báo cáo sau hạn; không cần công văn đôn đốc.")
    parent = Path(path).resolve().parent
    if not parent.is_dir():
        raise UserError(f"Không có thư mục {parent} để ghi tệp.")
    period = ctx.period(period_code)
    agency = ctx.units.get(ctx.unit_code or "CUC-ATMT")
    name = agency.name if agency else "Cục Kỹ thuật an toàn và Môi trường công nghiệp"
    abbr = (agency.abbreviation if agency else "") or "ATMT"
    doc = NDDocument(name, agency_parent=(agency.agency_parent if agency else None) or "BỘ CÔNG THƯƠNG",
                     doc_number=f"      /{abbr}-KHCN", place=(agency.place if agency else None) or "Hà Nội",
                     date=today, title="", subject=None, year=today.year)
    doc.paragraph(f"V/v đôn đốc gửi báo cáo thực hiện Chỉ thị số 20/CT-TTg, kỳ {period.label}", italic=True, indent=False)
    doc.paragraph("Kính gửi: Các đơn vị có tên tại danh sách kèm theo.", bold=True, indent=False)
    doc.paragraph(f"Thực hiện Chỉ thị số 20/CT-TTg của Thủ tướng Chính phủ và Kế hoạch của Bộ Công Thương, "
                  f"{name} đã đề nghị các đơn vị gửi báo cáo kỳ {period.label}. Đến ngày {today:%d/%m/%Y}, "
                  f"các đơn vị sau chưa gửi báo cáo theo quy định:")
    doc.table(["STT", "Đơn vị", "Biểu mẫu", "Hạn gửi", "Số ngày quá hạn"],
              [[str(i + 1), r.unit_name, f"{r.form_id} — {r.form_title}", f"{r.deadline:%d/%m/%Y}", str(r.days_overdue)]
               for i, r in enumerate(rows)])
    doc.paragraph(f"Đề nghị các đơn vị khẩn trương hoàn thành và gửi báo cáo về {name} trước ngày "
                  f"{today + dt.timedelta(days=7):%d/%m/%Y} để tổng hợp, báo cáo Lãnh đạo Bộ./.")
    doc.closing(recipients=["Như trên;", "Lãnh đạo Bộ (để báo cáo);", "Lưu: VT, ATMT."], archive="VT, ATMT",
                authority="CỤC TRƯỞNG", signer_name="")
    doc.set_properties(title=f"Công văn đôn đốc báo cáo kỳ {period.label}", author=name, subject=period.code)
    doc.save(path)
    return rows


# --- calendar and registry edits --------------------------------------------------------------------


def _calendar_file(ctx) -> Path:
    return Path(ctx.data_dir) / "calendar.yaml"


def _extra_periods(ctx) -> dict:
    from reportdesk.domain.calendar import CalendarFileError, load_calendar

    try:
        return {p.code: p for p in load_calendar(_calendar_file(ctx)).all()}
    except CalendarFileError as exc:
        raise UserError(f"Lịch báo cáo bị lỗi: {exc}") from None


def _save_periods(ctx, periods) -> None:
    from reportdesk.domain.calendar import save_extra_periods

    try:
        save_extra_periods(_calendar_file(ctx), periods)
    except ValueError as exc:
        raise UserError(f"Lịch báo cáo không hợp lệ: {str(exc).splitlines()[0]}") from None
    _reset_definitions(ctx)


def set_deadlines(ctx, period_code: str, deadlines: dict[str, dt.date]):
    """Corrects a period's deadline per unit kind (kept in the data dir's calendar.yaml)."""
    from dataclasses import replace

    period = ctx.period(period_code)
    bad = [k for k in deadlines if k not in UNIT_KINDS]
    if bad:
        raise UserError(f"Loại đơn vị không hợp lệ: {bad[0]}.")
    if not deadlines:
        raise UserError("Kỳ báo cáo cần ít nhất một hạn gửi.")
    if period.window_end is not None:
        early = [k for k, d in deadlines.items() if d < period.window_end - dt.timedelta(days=62)]
        if early:
            raise UserError(f"Hạn gửi của {KIND_LABELS_VI[early[0]]} ({deadlines[early[0]]:%d/%m/%Y}) "
                            f"quá sớm so với kỳ số liệu (kết thúc {period.window_end:%d/%m/%Y}).")
    extra = _extra_periods(ctx)
    extra[period.code] = replace(period, deadlines=dict(deadlines))
    _save_periods(ctx, extra.values())
    return ctx.period(period_code)


def add_adhoc_period(ctx, code: str, label: str, deadline: dt.date, unit_kinds: list[str]):
    try:
        cal = ctx.calendar.with_adhoc(code, label, deadline, unit_kinds)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    extra = _extra_periods(ctx)
    extra[code] = cal.get(code)
    _save_periods(ctx, extra.values())
    return ctx.period(code)


UNIT_FIELD_LABELS_VI = {"code": "Mã đơn vị", "name": "Tên đơn vị", "kind": "Loại đơn vị", "short_name": "Tên ngắn",
                        "place": "Địa danh", "agency_parent": "Cơ quan chủ quản", "abbreviation": "Chữ viết tắt"}


def add_unit(ctx, **data):
    from reportdesk.domain.units import UnitsFileError, load_units, make_unit, save_extra_units

    path = Path(ctx.data_dir) / "units.yaml"
    try:
        ctx.units.with_unit(make_unit(**data))
        extra = load_units(path).all()
        unit = make_unit(**data)
        save_extra_units(path, [*extra, unit])
    except (ValueError, UnitsFileError) as exc:
        msg = str(exc).splitlines()[0].removeprefix("Value error, ")
        for key, label in UNIT_FIELD_LABELS_VI.items():
            if msg.startswith(key + ":"):
                msg = label + msg[len(key):]
        raise UserError(msg) from None
    except TypeError:
        raise UserError("Thông tin đơn vị chưa đủ (cần mã, tên và loại đơn vị).") from None
    _reset_definitions(ctx)
    return ctx.unit(unit.code)


# --- ATMT's narrative -------------------------------------------------------------------------------


def _narrative_file(ctx, period_code: str) -> Path:
    return Path(ctx.data_dir) / "narrative" / f"{period_code}.json"


def load_narrative(ctx, period_code: str) -> dict[str, str]:
    """The assessment and proposals for the period: what Cục ATMT's own report says, overridden by what
    was saved in the window (a text left empty there falls back to the own report's)."""
    out = {k: "" for k in NARRATIVE_KEYS}
    own = ctx.unit_code
    mine = ctx.reports.list(unit_code=own, period=period_code, origin="local") if own else []
    if mine:
        a = ctx.reports.get(mine[-1].id).answers
        out.update({k: str(a.get(k) or "") for k in NARRATIVE_KEYS})
    p = _narrative_file(ctx, period_code)
    if p.is_file():
        try:
            data = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        out.update({k: str(data[k]) for k in NARRATIVE_KEYS if isinstance(data, dict) and data.get(k)})
    return out


def save_narrative(ctx, period_code: str, narrative: dict[str, str]) -> Path:
    from reportdesk import atomic

    ctx.period(period_code)
    p = _narrative_file(ctx, period_code)
    p.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(p, json.dumps({k: (narrative.get(k) or "").strip() for k in NARRATIVE_KEYS},
                                    ensure_ascii=False, indent=1))
    return p


def publish(ctx, period_code: str, *, xlsx: str | Path | None, docx: str | Path | None,
            narrative: dict[str, str] | None = None, progress=None, cancel=None, date: dt.date | None = None):
    """The consolidated workbook and Word report, ATMT's narrative carried into the Word report."""
    from reportdesk.consolidate.documents import consolidate

    if narrative is not None:
        save_narrative(ctx, period_code, narrative)
    return consolidate(ctx, period_code, xlsx=xlsx, docx=docx, progress=progress, cancel=cancel, date=date,
                       narrative=load_narrative(ctx, period_code))


# --- signers ---------------------------------------------------------------------------------------


@dataclass
class WaitingPackage:
    unit_code: str
    form_id: str
    period: str
    revision: int
    state: str


def waiting_packages(ctx, fingerprint: str) -> list[WaitingPackage]:
    """The packages of a signer that approval would merge (quarantined), oldest revision first."""
    from reportdesk.package.identity import parse_fingerprint
    from reportdesk.store.consolidation import Receipt

    try:
        fp = parse_fingerprint(fingerprint)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    with ctx.store().read_session() as s:
        return [WaitingPackage(r.unit_code, r.form_id, r.period, r.revision, r.state)
                for r in s.scalars(select(Receipt).where(Receipt.signer_fp == fp, Receipt.state == "quarantined")
                                   .order_by(Receipt.period, Receipt.form_id, Receipt.revision))]
