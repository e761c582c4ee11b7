"""What a unit owes, by period: the use case behind the desktop app's home screen (no Qt here).

:func:`owed_reports` lists, cheaply, every (form, period) this unit has to report — forms whose
``unit_kinds`` include the unit's kind, periods of the calendar the form is made for that set a deadline
for that kind — with the report already started for it, if any. :func:`report_state` then works out,
for one report, what a person wants to know (draft / has errors / ready / exported revision N and when,
last saved); the home list calls it lazily, only for the rows on screen.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from reportdesk.domain.calendar import period_kind_matches
from reportdesk.domain.explain import unexplained
from reportdesk.domain.validate import check_answers
from reportdesk.errors import UserError

VN_TZ = dt.timezone(dt.timedelta(hours=7))

STATE_NEW = "new"            # nothing started yet
STATE_DRAFT = "draft"        # started, not every required answer given yet / never checked
STATE_ERRORS = "errors"      # validation errors remain
STATE_READY = "ready"        # no error: can be exported
STATE_EXPORTED = "exported"  # exported, unchanged since

STATE_LABELS_VI = {
    STATE_NEW: "Chưa lập",
    STATE_DRAFT: "Bản nháp",
    STATE_ERRORS: "Còn lỗi",
    STATE_READY: "Sẵn sàng xuất",
    STATE_EXPORTED: "Đã xuất gói",
}


@dataclass(frozen=True)
class OwedReport:
    """One line of the home list: a form this unit owes for a period."""

    form_id: str
    form_title: str
    period: str
    period_label: str
    deadline: dt.date | None
    report_id: int | None = None
    form_title_en: str | None = None

    @property
    def key(self) -> tuple[str, str]:
        return (self.form_id, self.period)

    def days_left(self, today: dt.date | None = None) -> int | None:
        """Days until the deadline day (0 on the day itself, negative once overdue)."""
        if self.deadline is None:
            return None
        today = today or dt.datetime.now(VN_TZ).date()
        return (self.deadline - today).days


@dataclass(frozen=True)
class ExportEntry:
    revision: int
    at: dt.datetime  # UTC, aware


@dataclass(frozen=True)
class ReportState:
    report_id: int
    state: str
    errors: int = 0
    warnings: int = 0
    unexplained_warnings: int = 0
    revision: int = 0                    # the last exported revision (0: never exported)
    exported_at: dt.datetime | None = None
    last_saved: dt.datetime | None = None  # UTC, aware
    exports: tuple[ExportEntry, ...] = field(default_factory=tuple)

    @property
    def label_vi(self) -> str:
        if self.state == STATE_EXPORTED:
            return f"Đã xuất gói lần {self.revision}"
        if self.state == STATE_ERRORS:
            return f"Còn {self.errors} lỗi"
        return STATE_LABELS_VI[self.state]


def _aware(t: dt.datetime | None) -> dt.datetime | None:
    if t is None:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.timezone.utc)


def unit_of(ctx):
    ctx.require_mode("unit")
    code = ctx.unit_code
    if not code:
        raise UserError("Kho dữ liệu chưa ghi mã đơn vị.")
    return ctx.unit(code)


def owed_reports(ctx, *, include_past: bool = True) -> list[OwedReport]:
    """Every (form, period) the unit of ``ctx`` owes, newest period first, with its report if started.

    A period whose deadline for the unit's kind is missing (e.g. six-month reports that only the
    ministry's departments make) is not owed; an ad hoc period is owed when the form is for ad hoc
    periods. When several reports exist for the same form and period, the newest local one is shown.
    """
    unit = unit_of(ctx)
    forms = [f for f in ctx.forms.latest_all() if unit.kind in f.unit_kinds]
    reports: dict[tuple[str, str], int] = {}
    for r in ctx.reports.list(unit_code=unit.code, origin="local"):
        reports[(r.form_id, r.period)] = max(r.id, reports.get((r.form_id, r.period), 0))
    out: list[OwedReport] = []
    for p in ctx.calendar.all():
        deadline = p.deadline(unit.kind)
        for f in forms:
            if not period_kind_matches(f.periods, p.kind):
                continue
            if deadline is None and p.kind != "adhoc" and (f.id, p.code) not in reports:
                continue
            out.append(OwedReport(form_id=f.id, form_title=f.title, period=p.code, period_label=p.label,
                                  deadline=deadline, report_id=reports.get((f.id, p.code)), form_title_en=f.title_en))
    # reports of periods no longer in the calendar are still shown
    known = {o.key for o in out}
    for (fid, period), rid in reports.items():
        if (fid, period) not in known:
            form = ctx.forms.get(fid)
            out.append(OwedReport(form_id=fid, form_title=form.title if form else fid, period=period,
                                  period_label=period, deadline=None, report_id=rid))
    if not include_past:
        today = dt.datetime.now(VN_TZ).date()
        out = [o for o in out if o.report_id is not None or o.deadline is None or o.deadline >= today]
    out.sort(key=lambda o: (o.deadline or dt.date.max, o.form_id), reverse=True)
    return out


def export_history(ctx, report_id: int) -> tuple[ExportEntry, ...]:
    """Each export of the report, oldest first, with the revision it carried."""
    r = ctx.reports.get(report_id, with_answers=False)
    times = [_aware(h.at) for h in ctx.reports.history(report_id)
             if h.op == "status" and h.new_json and json.loads(h.new_json) == "exported"]
    n = len(times)
    return tuple(ExportEntry(revision=max(1, r.revision - (n - 1 - i)), at=t) for i, t in enumerate(times))


def report_state(ctx, report_id: int) -> ReportState:
    """The state of one report: validated now, against its own form version."""
    r = ctx.reports.get(report_id)
    form = ctx.reports.form_of(r)
    issues = check_answers(form, r.answers, r.unit_code)
    errs = sum(1 for i in issues if i.severity == "error")
    warns = [i for i in issues if i.severity == "warning"]
    exports = export_history(ctx, report_id)
    last = exports[-1] if exports else None
    if r.status == "exported" and last is not None:
        state = STATE_EXPORTED
    elif errs:
        state = STATE_ERRORS
    else:
        state = STATE_READY
    return ReportState(report_id=r.id, state=state, errors=errs, warnings=len(warns),
                       unexplained_warnings=len(unexplained(warns, r.explanations)),
                       revision=last.revision if last else 0, exported_at=last.at if last else None,
                       last_saved=_aware(r.updated_at), exports=exports)


ATTACHMENTS_DIR = "attachments"  # <data dir>/attachments/<sha256[:2]>/<sha256>: the editor's copies of attached files


def stored_attachments(ctx, report_id: int) -> dict[str, bytes]:
    """The files the report's attachment answers name ({name, sha256, size}), read from the copies
    kept in the data dir, by name: what the export puts in the package. A missing copy is left out
    (the export then warns that the declared file is not sent)."""
    from reportdesk.domain.forms import FieldType

    r = ctx.reports.get(report_id)
    form = ctx.reports.form_of(r)
    out: dict[str, bytes] = {}
    root = ctx.data_dir / ATTACHMENTS_DIR
    for _, f in form.iter_fields():
        if f.type == FieldType.attachment:
            values = [r.answers.get(f.id)]
        elif f.type == FieldType.table:
            cols = [c.id for c in f.columns if c.type == FieldType.attachment]
            values = [row.get(c) for row in (r.answers.get(f.id) or []) if isinstance(row, dict) for c in cols]
        else:
            continue
        for v in values:
            for item in (v if isinstance(v, list) else [v]):
                sha = item.get("sha256") if isinstance(item, dict) else None
                if isinstance(sha, str) and len(sha) == 64 and all(ch in "0123456789abcdef" for ch in sha):
                    p = root / sha[:2] / sha
                    if p.is_file():
                        out[str(item.get("name"))] = p.read_bytes()
    return out
