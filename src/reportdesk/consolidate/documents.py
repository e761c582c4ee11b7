"""`consolidate`: aggregation of a period, then the consolidated workbook and Word report."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from reportdesk.consolidate.aggregate import Aggregation, aggregate, iter_cluster_rows, load_mapping
from reportdesk.errors import UserError


@dataclass
class ConsolidateResult:
    aggregation: Aggregation
    written: list[Path] = field(default_factory=list)
    cancelled: bool = False


def consolidate(ctx, period_code: str, *, xlsx: str | Path | None = None, docx: str | Path | None = None,
                progress=None, cancel=None, date: dt.date | None = None,
                narrative: dict[str, str] | None = None) -> ConsolidateResult:
    """``narrative``: Cục ATMT's assessment/proposals edited in the window (override its own report's)."""
    ctx.require_mode("atmt")
    period = ctx.period(period_code)
    if not period.deadlines:
        raise UserError(f"Kỳ {period.code} không có hạn báo cáo cho loại đơn vị nào trong lịch báo cáo.")
    for target in (xlsx, docx):
        if target is not None:
            parent = Path(target).resolve().parent
            if not parent.is_dir():
                raise UserError(f"Không có thư mục {parent} để ghi tệp.")
    mapping = load_mapping()
    store = ctx.store()
    own = ctx.unit_code
    agg = aggregate(store, ctx.forms, ctx.units, period, own_unit=own, mapping=mapping, progress=progress, cancel=cancel)
    res = ConsolidateResult(agg)
    if cancel is not None and cancel.is_set():
        res.cancelled = True
        return res
    agency_unit = ctx.units.get(own or "CUC-ATMT")
    if xlsx:
        from reportdesk.exports.consolidated_xlsx import write_consolidated_xlsx

        rows = iter_cluster_rows(store, ctx.units, period.code, mapping, own_unit=own)
        write_consolidated_xlsx(agg, xlsx, cluster_rows=rows, units=ctx.units,
                                agency=agency_unit.name if agency_unit else "Cục ATMT", progress=progress, cancel=cancel)
        if cancel is not None and cancel.is_set():
            res.cancelled = True
            return res
        res.written.append(Path(xlsx))
    if docx:
        from reportdesk.exports.consolidated_docx import write_consolidated_docx

        own_answers = None
        mine = ctx.reports.list(unit_code=own, period=period.code, origin="local") if own else []
        if mine:
            own_answers = ctx.reports.get(mine[-1].id).answers  # the assessment Cục ATMT wrote in its own report
        if narrative:
            own_answers = {**(own_answers or {}), **{k: v for k, v in narrative.items() if v}}
        write_consolidated_docx(agg, docx, agency=agency_unit, units=ctx.units, date=date, own_answers=own_answers)
        res.written.append(Path(docx))
    return res
