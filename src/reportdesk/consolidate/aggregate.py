"""Aggregation of the current reports of a period (no Qt; callable from a background thread).

- CCN (industrial clusters) wastewater table: summed by province and nationally: clusters listed, with a
  centralised system, under construction, operating systems, stable, with automatic monitoring, total
  design capacity and actual flow, coverage rate;
- the "06 rõ" task table of the departments, every task row with its unit, and status counts;
- corporations' indicators side by side;
- difficulties and proposals with the unit that wrote them.

Which fields are used comes from ``resources/consolidation.yaml`` (data); labels, units and choices come
from the forms themselves. The current report of a unit+form+period is the received report whose
package is current; Cục ATMT's own report counts once marked complete.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import select

from reportdesk import paths
from reportdesk.consolidate.status import PeriodStatus, period_status
from reportdesk.domain.calendar import Period
from reportdesk.domain.forms import Field, Form, FormRegistry
from reportdesk.domain.units import UnitRegistry
from reportdesk.domain.validate import computed_values
from reportdesk.store.db import Store
from reportdesk.store.models import Answer, Report

ProgressFn = Callable[[int, int, str], None]


def load_mapping(path: Path | None = None) -> dict[str, Any]:
    p = path or (paths.resources_dir() / "consolidation.yaml")
    with open(p, encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def num(v: Any) -> float | None:
    """A number from an answer (estimated figures are {"value": x, "estimate": true})."""
    if isinstance(v, dict) and "value" in v:
        v = v["value"]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return v


def is_estimate(v: Any) -> bool:
    return isinstance(v, dict) and bool(v.get("estimate"))


@dataclass
class CurrentReport:
    report_id: int
    unit_code: str
    form_id: str
    form_version: int
    revision: int
    answers: dict[str, Any]


def iter_current(store: Store, period: str, form_id: str | None = None, *, own_unit: str | None = "CUC-ATMT",
                 chunk: int = 200, with_answers: bool = True) -> Iterator[CurrentReport]:
    """The current report of every unit (and form) of the period, answers loaded in chunks."""
    with store.read_session() as s:
        q = select(Report.id, Report.unit_code, Report.form_id, Report.form_version, Report.revision, Report.origin,
                   Report.status).where(Report.period == period)
        if form_id:
            q = q.where(Report.form_id == form_id)
        rows = []
        own: dict[tuple[str, str], Any] = {}
        imported: set[tuple[str, str]] = set()
        for r in s.execute(q.order_by(Report.id)):
            if r.origin == "imported" and r.status == "received":
                rows.append(r)
                imported.add((r.unit_code, r.form_id))
            elif r.origin == "local" and r.unit_code == own_unit and r.status in ("complete", "exported"):
                own[(r.unit_code, r.form_id)] = r  # the latest one wins (ordered by id)
        rows.extend(r for k, r in own.items() if k not in imported)
        if not with_answers:
            for r in rows:
                yield CurrentReport(r.id, r.unit_code, r.form_id, r.form_version, r.revision, {})
            return
        for i in range(0, len(rows), chunk):
            part = rows[i:i + chunk]
            answers: dict[int, dict[str, Any]] = {r.id: {} for r in part}
            for a in s.execute(select(Answer.report_id, Answer.field_id, Answer.value_json)
                               .where(Answer.report_id.in_(list(answers)))):
                answers[a.report_id][a.field_id] = json.loads(a.value_json)
            for r in part:
                yield CurrentReport(r.id, r.unit_code, r.form_id, r.form_version, r.revision, answers[r.id])


# --- results -----------------------------------------------------------------------------------

@dataclass
class CcnTotals:
    unit_code: str
    unit_name: str
    clusters: int = 0            # rows of the table (clusters in operation)
    with_system: int = 0
    building: int = 0
    without: int = 0
    operating: int = 0           # systems operating (stable or not)
    stable: int = 0
    monitoring: int = 0
    capacity: float = 0.0
    flow: float = 0.0
    area: float = 0.0
    established: int = 0         # clusters established (declared)
    in_operation: int = 0        # clusters in operation (declared)
    estimates: bool = False
    reports: int = 0

    @property
    def coverage(self) -> float | None:
        """Share of clusters (in the table) with a centralised system, in %."""
        return round(100.0 * self.with_system / self.clusters, 1) if self.clusters else None

    @property
    def stable_rate(self) -> float | None:
        return round(100.0 * self.stable / self.with_system, 1) if self.with_system else None

    @property
    def use_rate(self) -> float | None:
        return round(100.0 * self.flow / self.capacity, 1) if self.capacity else None

    def add(self, o: "CcnTotals") -> None:
        for k in ("clusters", "with_system", "building", "without", "operating", "stable", "monitoring",
                  "established", "in_operation", "reports"):
            setattr(self, k, getattr(self, k) + getattr(o, k))
        for k in ("capacity", "flow", "area"):
            setattr(self, k, round(getattr(self, k) + getattr(o, k), 6))
        self.estimates = self.estimates or o.estimates


@dataclass
class TaskRow:
    unit_code: str
    unit_name: str
    values: dict[str, Any]
    status: str | None


@dataclass
class Proposal:
    unit_code: str
    unit_name: str
    kind: str      # Khó khăn | Kiến nghị | Điều chỉnh Kế hoạch
    text: str


@dataclass
class Aggregation:
    period: Period
    status: PeriodStatus
    ccn_form: Form | None = None
    ccn_by_province: list[CcnTotals] = field(default_factory=list)
    ccn_national: CcnTotals | None = None
    task_form: Form | None = None
    task_columns: list[Field] = field(default_factory=list)
    tasks: list[TaskRow] = field(default_factory=list)
    task_counts: dict[str, int] = field(default_factory=dict)          # status value -> count
    task_counts_by_unit: dict[str, dict[str, int]] = field(default_factory=dict)
    corp_form: Form | None = None
    corp_indicators: list[tuple[str, str, str | None]] = field(default_factory=list)  # (id, label, unit)
    corporations: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)  # (code, name, values)
    proposals: list[Proposal] = field(default_factory=list)
    mapping: dict[str, Any] = field(default_factory=dict)

    def choice_label(self, form: Form | None, fid: str, value: Any, table: str | None = None) -> str:
        if form is None or value is None:
            return "" if value is None else str(value)
        f = form.field(table).column(fid) if table and form.field(table) else form.field(fid)
        return f.choice_label(value) if f is not None and f.choices else str(value)


def _unit_name(units: UnitRegistry, code: str, short: bool = False) -> str:
    u = units.get(code)
    if u is None:
        return code
    return (u.short_name or u.name) if short else u.name


def ccn_totals_of(answers: dict[str, Any], m: dict[str, Any], unit_code: str, unit_name: str) -> CcnTotals:
    t = CcnTotals(unit_code, unit_name, reports=1)
    sysm, op, st, mon = m.get("system", {}), m.get("operating", {}), m.get("stable", {}), m.get("monitoring", {})
    for row in answers.get(m["table"]) or []:
        t.clusters += 1
        sv = row.get(sysm.get("column"))
        if sv == sysm.get("present"):
            t.with_system += 1
        elif sv == sysm.get("building"):
            t.building += 1
        else:
            t.without += 1
        if row.get(op.get("column")) in (op.get("values") or []):
            t.operating += 1
        if row.get(st.get("column")) in (st.get("values") or []):
            t.stable += 1
        if row.get(mon.get("column")) == mon.get("present"):
            t.monitoring += 1
        for key, attr in (("capacity", "capacity"), ("flow", "flow"), ("area", "area")):
            v = row.get(m.get(key))
            if num(v) is not None:
                setattr(t, attr, getattr(t, attr) + num(v))
                t.estimates = t.estimates or is_estimate(v)
    for key in ("established", "in_operation"):
        v = num(answers.get(m.get(key)))
        if v is not None:
            setattr(t, key, int(v))
    for k in ("capacity", "flow", "area"):
        setattr(t, k, round(getattr(t, k), 6))
    return t


def aggregate(store: Store, forms: FormRegistry, units: UnitRegistry, period: Period, *,
              own_unit: str | None = "CUC-ATMT", mapping: dict[str, Any] | None = None,
              progress: ProgressFn | None = None, cancel=None) -> Aggregation:
    m = mapping or load_mapping()
    agg = Aggregation(period=period, status=period_status(store, forms, units, period, own_unit=own_unit), mapping=m)
    cm, tm, km, pm = m.get("ccn") or {}, m.get("tasks") or {}, m.get("corporations") or {}, m.get("proposals") or {}
    agg.ccn_form = forms.latest(cm["form"]) if cm.get("form") else None
    agg.task_form = forms.latest(tm["form"]) if tm.get("form") else None
    agg.corp_form = forms.latest(km["form"]) if km.get("form") else None
    if agg.task_form is not None and agg.task_form.field(tm.get("table", "")) is not None:
        tf = agg.task_form.field(tm["table"])
        agg.task_columns = [c for cid in tm.get("columns", []) if (c := tf.column(cid)) is not None]
        st = tf.column(tm.get("status", ""))
        agg.task_counts = {c.value: 0 for c in (st.choices if st else ())}
    if agg.corp_form is not None:
        comp = {c.id: c for s in agg.corp_form.sections for c in s.computed}
        for iid in km.get("indicators", []):
            f = agg.corp_form.field(iid)
            if f is not None:
                agg.corp_indicators.append((iid, f.label, f.unit))
            elif iid in comp:
                agg.corp_indicators.append((iid, comp[iid].label, comp[iid].unit))

    by_province: dict[str, CcnTotals] = {}
    total = len(agg.status.entries) or 1
    done = 0
    for rep in iter_current(store, period.code, own_unit=own_unit):
        if cancel is not None and cancel.is_set():
            break
        done += 1
        if progress:
            progress(done, total, rep.unit_code)
        name = _unit_name(units, rep.unit_code)
        form = forms.get(rep.form_id, rep.form_version) or forms.latest(rep.form_id)
        a = rep.answers
        if cm and rep.form_id == cm.get("form") and form is not None and form.field(cm["table"]) is not None:
            t = ccn_totals_of(a, cm, rep.unit_code, _unit_name(units, rep.unit_code, short=True))
            prev = by_province.get(rep.unit_code)
            if prev is None:
                by_province[rep.unit_code] = t
            else:
                prev.add(t)
        if tm and rep.form_id == tm.get("form"):
            counts = agg.task_counts_by_unit.setdefault(rep.unit_code, {k: 0 for k in agg.task_counts})
            for row in a.get(tm["table"]) or []:
                stv = row.get(tm.get("status"))
                agg.tasks.append(TaskRow(rep.unit_code, name, row, stv))
                if stv is not None:
                    agg.task_counts[stv] = agg.task_counts.get(stv, 0) + 1
                    counts[stv] = counts.get(stv, 0) + 1
        if km and rep.form_id == km.get("form") and form is not None:
            values = dict(a)
            try:
                values.update(computed_values(form, a))
            except Exception:  # a computed value that cannot be evaluated is just left out
                pass
            agg.corporations.append((rep.unit_code, name, {iid: values.get(iid) for iid, _, _ in agg.corp_indicators}))
        for fid in pm.get("difficulties", []):
            if isinstance(a.get(fid), str) and a[fid].strip():
                agg.proposals.append(Proposal(rep.unit_code, name, "Khó khăn, vướng mắc", a[fid].strip()))
        for fid in pm.get("proposals", []):
            if isinstance(a.get(fid), str) and a[fid].strip():
                agg.proposals.append(Proposal(rep.unit_code, name, "Kiến nghị, đề xuất", a[fid].strip()))
        am = pm.get("amendments") or {}
        for row in a.get(am.get("table", "")) or []:
            text = row.get(am.get("text"))
            if not text:
                continue
            kind = agg.choice_label(form, am.get("kind"), row.get(am.get("kind")), am.get("table")) if form else ""
            reason = row.get(am.get("reason"))
            agg.proposals.append(Proposal(rep.unit_code, name, "Đề xuất điều chỉnh Kế hoạch",
                                          f"{kind}: {text}" + (f" (Lý do: {reason})" if reason else "")))
    order = {u.code: i for i, u in enumerate(units.all())}
    agg.ccn_by_province = sorted(by_province.values(), key=lambda t: (order.get(t.unit_code, 10**6), t.unit_code))
    nat = CcnTotals("VN", "Toàn quốc")
    for t in agg.ccn_by_province:
        nat.add(t)
    agg.ccn_national = nat
    agg.tasks.sort(key=lambda r: (order.get(r.unit_code, 10**6), r.unit_code))
    agg.corporations.sort(key=lambda c: (order.get(c[0], 10**6), c[0]))
    agg.proposals.sort(key=lambda p: (order.get(p.unit_code, 10**6), p.unit_code))
    return agg


def iter_cluster_rows(store: Store, units: UnitRegistry, period: str, mapping: dict[str, Any] | None = None,
                      *, own_unit: str | None = "CUC-ATMT") -> Iterator[tuple[str, str, dict[str, Any]]]:
    """(unit_code, province name, row) for every CCN row of the current province reports (streamed)."""
    m = (mapping or load_mapping()).get("ccn") or {}
    if not m:
        return
    order = {u.code: i for i, u in enumerate(units.all())}
    reps = sorted(((r.unit_code, r.report_id) for r in iter_current(store, period, m["form"], own_unit=own_unit,
                                                                      with_answers=False)),
                  key=lambda x: (order.get(x[0], 10**6), x[0]))
    with store.read_session() as s:
        for code, rid in reps:
            v = s.scalar(select(Answer.value_json).where(Answer.report_id == rid, Answer.field_id == m["table"]))
            for row in json.loads(v) if v else []:
                yield code, _unit_name(units, code, short=True), row
