"""Who reported, on time or late, and who did not: the status matrix of one period.

Expected: every active unit whose kind has a deadline in the period (calendar data), for every form
(latest version) made for that unit kind and that kind of period. A report is ``on_time`` when its
package was signed (manifest ``created_at``) no later than the end of the deadline day in Vietnam time
(UTC+7), else ``late`` with ``days_late`` >= 1 (calendar days, Vietnam time). ``received_at`` is when
this store imported it; a signing time later than the receiving time is flagged (a wrong clock), and so
is a package signed on time but first received more than N days after the deadline (N: the period's
``received_late_after_days`` in the calendar data, default 3): ``signed_on_time_received_late``.
``created_at`` is the signer's own claim; ``received_at`` is ours (docs/consolidation.md, trust model).
Cục ATMT's own report, filled in the consolidation store, counts as received when marked complete.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from reportdesk.domain.calendar import Period
from reportdesk.domain.forms import FormRegistry
from reportdesk.domain.units import UnitRegistry
from reportdesk.errors import UserError
from reportdesk.store.consolidation import Receipt, Signer
from reportdesk.store.db import Store
from reportdesk.store.models import HistoryEntry, Report

VN = dt.timezone(dt.timedelta(hours=7))
STATES = ("on_time", "late", "missing", "quarantined")
STATE_LABELS_VI = {"on_time": "Đúng hạn", "late": "Muộn", "missing": "Chưa gửi", "quarantined": "Chờ xử lý"}
FLAG_LABELS_VI = {
    "clock": "thời điểm ký sau thời điểm nhận (đồng hồ máy gửi sai?)",
    "revoked_signer": "chứng thư người ký đã bị thu hồi",
    "held": "biểu mẫu phiên bản mới chưa cài đặt",
    "own_report": "báo cáo do Cục ATMT tự lập",
    "signed_on_time_received_late": "ký trong hạn nhưng Cục nhận được muộn",
}
RECEIVED_LATE = "signed_on_time_received_late"


def _aware(t: dt.datetime) -> dt.datetime:
    return t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t


def deadline_end(deadline: dt.date) -> dt.datetime:
    """The first instant after the deadline day, Vietnam time (as an aware UTC datetime)."""
    return dt.datetime.combine(deadline + dt.timedelta(days=1), dt.time(0), tzinfo=VN).astimezone(dt.timezone.utc)


def timeliness(signed_at: dt.datetime, deadline: dt.date | None) -> tuple[str, int]:
    """("on_time", 0) or ("late", days >= 1): by the calendar day of signing in Vietnam time."""
    if deadline is None:
        return "on_time", 0
    local_day = _aware(signed_at).astimezone(VN).date()
    days = (local_day - deadline).days
    return ("on_time", 0) if days <= 0 else ("late", days)


def iso_utc(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    return _aware(t).astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


@dataclass
class StatusEntry:
    unit_code: str
    unit_name: str
    unit_kind: str
    form_id: str
    form_title: str
    state: str
    deadline: dt.date | None
    days_late: int | None = None
    revision: int | None = None
    received_at: dt.datetime | None = None
    signed_at: dt.datetime | None = None
    superseded: list[int] = field(default_factory=list)  # older revisions kept in history
    flags: list[str] = field(default_factory=list)
    report_id: int | None = None
    reason: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The contract shape of one ``status --json`` entry."""
        return {"unit_code": self.unit_code, "form_id": self.form_id, "state": self.state,
                "days_late": self.days_late, "revision": self.revision, "received_at": iso_utc(self.received_at),
                # added keys (issue 14): the signer's claimed time beside ours, and the late-receipt flag
                "signed_at": iso_utc(self.signed_at), RECEIVED_LATE: RECEIVED_LATE in self.flags}

    def received_days_after_deadline(self) -> int | None:
        if self.received_at is None or self.deadline is None:
            return None
        return (_aware(self.received_at).astimezone(VN).date() - self.deadline).days


@dataclass
class PeriodStatus:
    period: Period
    entries: list[StatusEntry]

    @property
    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in STATES}
        for e in self.entries:
            c[e.state] += 1
        return c


def expected_pairs(period: Period, forms: FormRegistry, units: UnitRegistry) -> list[tuple[Any, Any]]:
    """(unit, form) pairs expected to report in the period, in registry order."""
    out = []
    latest = forms.latest_all()
    for u in units.all(include_inactive=False):
        if period.deadline(u.kind) is None:
            continue
        for f in sorted(latest, key=lambda f: f.id):
            if u.kind in f.unit_kinds and period.kind in f.periods:
                out.append((u, f))
    return out


def period_status(store: Store, forms: FormRegistry, units: UnitRegistry, period: Period, *,
                  own_unit: str | None = "CUC-ATMT") -> PeriodStatus:
    pairs = expected_pairs(period, forms, units)
    with store.read_session() as s:
        receipts: dict[tuple[str, str], list[Any]] = {}
        older: dict[tuple[str, str], list[int]] = {}
        # plain rows through the connection, not ORM objects, and the many old revisions as bare numbers:
        # a store of many thousand packages is read in a few tens of milliseconds
        conn = s.connection()
        cols = (Receipt.unit_code, Receipt.form_id, Receipt.revision, Receipt.state, Receipt.created_at,
                Receipt.received_at, Receipt.report_id, Receipt.signer_fp, Receipt.reason)
        old_states = ("superseded", "stale")
        for r in conn.execute(select(*cols).where(Receipt.period == period.code, Receipt.state.notin_(old_states))
                              .order_by(Receipt.revision)):
            receipts.setdefault((r.unit_code, r.form_id), []).append(r)
        for u, f, rev in conn.execute(select(Receipt.unit_code, Receipt.form_id, Receipt.revision)
                                      .where(Receipt.period == period.code, Receipt.state.in_(old_states))):
            older.setdefault((u, f), []).append(rev)
        revoked = set(s.scalars(select(Signer.fingerprint).where(Signer.state == "revoked")))
        own: dict[str, tuple[Report, dt.datetime]] = {}
        if own_unit:
            for rep in s.scalars(select(Report).where(Report.origin == "local", Report.unit_code == own_unit,
                                                      Report.period == period.code,
                                                      Report.status.in_(("complete", "exported")))):
                at = s.scalar(select(HistoryEntry.at).where(
                    HistoryEntry.report_id == rep.id, HistoryEntry.op == "status",
                    HistoryEntry.new_json.in_((json.dumps("complete"), json.dumps("exported"))))
                    .order_by(HistoryEntry.id.desc()).limit(1)) or rep.updated_at
                prev = own.get(rep.form_id)
                if prev is None or at > prev[1]:
                    own[rep.form_id] = (rep, at)
        entries = []
        for u, f in pairs:
            deadline = period.deadline(u.kind)
            e = StatusEntry(unit_code=u.code, unit_name=u.name, unit_kind=u.kind, form_id=f.id, form_title=f.title,
                            state="missing", deadline=deadline)
            rs = receipts.get((u.code, f.id), [])
            current = next((r for r in rs if r.state == "current"), None)
            waiting = [r for r in rs if r.state in ("quarantined", "held")]
            e.superseded = sorted(older.get((u.code, f.id), ()))
            if u.code == own_unit and f.id in own and current is None:
                rep, at = own[f.id]
                e.state, e.days_late = timeliness(at, deadline)
                e.revision, e.received_at, e.signed_at, e.report_id = rep.revision, at, at, rep.id
                e.flags.append("own_report")
            elif current is not None:
                e.state, e.days_late = timeliness(current.created_at, deadline)
                e.revision, e.received_at, e.signed_at = current.revision, current.received_at, current.created_at
                e.report_id = current.report_id
                if _aware(current.created_at) > _aware(current.received_at):
                    e.flags.append("clock")
                if current.signer_fp in revoked:
                    e.flags.append("revoked_signer")
                after = e.received_days_after_deadline()
                if e.state == "on_time" and after is not None and after > period.received_late_after_days:
                    e.flags.append(RECEIVED_LATE)
            elif waiting:
                w = waiting[-1]
                e.state, e.revision, e.received_at, e.signed_at = "quarantined", w.revision, w.received_at, w.created_at
                e.reason = w.reason
                if w.state == "held":
                    e.flags.append("held")
            entries.append(e)
    return PeriodStatus(period, entries)


def status_for(ctx, period_code: str) -> PeriodStatus:
    ctx.require_mode("atmt")
    period = ctx.period(period_code)
    if not period.deadlines:
        raise UserError(f"Kỳ {period.code} không có hạn báo cáo cho loại đơn vị nào trong lịch báo cáo.")
    return period_status(ctx.store(), ctx.forms, ctx.units, period, own_unit=ctx.unit_code)
