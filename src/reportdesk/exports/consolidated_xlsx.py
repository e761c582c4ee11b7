"""The consolidated workbook of a period (Cục ATMT), written in openpyxl's streaming (write-only) mode
so that 10,000 reports fit in flat memory.

Sheets: summary (with a native bar chart), reporting status coloured by state, the "06 rõ" task table,
CCN by province (with the national total), every CCN row, corporations, difficulties and proposals.
Headers are frozen, every table has a filter, numbers carry number formats (Excel shows them with the
reader's separators: 1.234,5 in Vietnamese), and every text goes through ``safe_cell`` (text starting
with = + - @ stays text, never a formula).
"""

from __future__ import annotations

import datetime as dt
from copy import copy
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from reportdesk.consolidate.aggregate import Aggregation, CcnTotals, is_estimate, num
from reportdesk.consolidate.safetext import safe_text
from reportdesk.consolidate.status import FLAG_LABELS_VI, RECEIVED_LATE, STATE_LABELS_VI, VN
from reportdesk.domain.forms import Field, FieldType
from reportdesk.exports.vnformat import format_documents
from reportdesk.exports.xlsxsafe import atomic_save, safe_cell

FONT = "Times New Roman"
INT_FMT = "#,##0"
DEC_FMT = "#,##0.0"
PCT_FMT = "0.0%"
DATE_FMT = "dd/mm/yyyy"
DATETIME_FMT = "dd/mm/yyyy hh:mm"
STATE_FILLS = {
    "on_time": PatternFill("solid", fgColor="C6EFCE"),
    "late": PatternFill("solid", fgColor="FFEB9C"),
    "missing": PatternFill("solid", fgColor="FFC7CE"),
    "quarantined": PatternFill("solid", fgColor="D9D9D9"),
}
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

ProgressFn = Callable[[int, int, str], None]


class _Sheet:
    """A write-only sheet with helpers: title row, header row, typed cells."""

    def __init__(self, wb: Workbook, title: str, widths: list[float], *, header_row: int = 3):
        self.ws = wb.create_sheet(title)
        # style key -> StyleArray, per workbook (style arrays index the workbook's own style tables);
        # fills and alignments are module constants, so their ids are stable keys
        if not hasattr(wb, "_reportdesk_styles"):
            wb._reportdesk_styles = {}
        self.styles: dict[tuple, Any] = wb._reportdesk_styles
        for i, w in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(i)].width = w
        self.ws.freeze_panes = f"A{header_row + 1}"
        self.ncols = len(widths)
        self.row = 0
        self.header_row = header_row

    def cell(self, value: Any, *, fmt: str | None = None, bold: bool = False, fill: PatternFill | None = None,
             align: Alignment | None = WRAP, border: bool = True, size: int = 11, italic: bool = False) -> WriteOnlyCell:
        c = WriteOnlyCell(self.ws)
        if isinstance(value, dt.datetime) and value.tzinfo is not None:
            value = value.astimezone(VN).replace(tzinfo=None)
        safe_cell(c, value)
        numeric = bool(fmt) and isinstance(value, (int, float, dt.date)) and not isinstance(value, bool)
        # styling a cell hashes every style object: do it once per combination, then copy the style array
        key = (fmt if numeric else None, bold, id(fill) if fill is not None else None,
               id(align) if align is not None else None, border, size, italic, bool(c.quotePrefix))
        cache = self.styles
        cached = cache.get(key)
        if cached is not None:
            c._style = copy(cached)
            return c
        c.font = Font(name=FONT, size=size, bold=bold, italic=italic)
        if numeric:
            c.number_format = fmt
        if fill is not None:
            c.fill = fill
        if align is not None:
            c.alignment = align
        if border:
            c.border = BORDER
        cache[key] = copy(c._style)
        return c

    def title(self, text: str, note: str | None = None) -> None:
        self.ws.append([self.cell(text, bold=True, size=14, border=False, align=None)])
        self.ws.append([self.cell(note or "", italic=True, border=False, align=None)])
        self.row = 2

    def header(self, captions: list[str]) -> None:
        self.ws.append([self.cell(c, bold=True, fill=HEADER_FILL, align=CENTER) for c in captions])
        self.row += 1

    def append(self, cells: list[Any]) -> None:
        self.ws.append(cells)
        self.row += 1

    def finish_filter(self) -> None:
        last = max(self.row, self.header_row)
        self.ws.auto_filter.ref = f"A{self.header_row}:{get_column_letter(self.ncols)}{last}"


def _pct(v: float | None) -> float | None:
    return None if v is None else round(v / 100.0, 4)


def _vn_dt(t: dt.datetime | None) -> dt.datetime | None:
    if t is None:
        return None
    t = t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t
    return t.astimezone(VN).replace(tzinfo=None, microsecond=0)


def _field_value(sh: _Sheet, f: Field | None, v: Any) -> WriteOnlyCell:
    """A typed cell for a form answer: numbers as numbers (with format), choices as labels, documents as text."""
    if f is None:
        return sh.cell(v if not isinstance(v, (dict, list)) else str(v))
    t = f.type
    if t in (FieldType.integer, FieldType.decimal, FieldType.percent):
        n = num(v)
        if t == FieldType.percent:
            return sh.cell(_pct(n), fmt=PCT_FMT, align=None)
        return sh.cell(n, fmt=INT_FMT if t == FieldType.integer else DEC_FMT, align=None,
                       italic=is_estimate(v))
    if t == FieldType.choice:
        return sh.cell(f.choice_label(v) if v is not None else None)
    if t == FieldType.multichoice:
        return sh.cell("; ".join(f.choice_label(x) for x in v) if isinstance(v, list) else None)
    if t == FieldType.document:
        return sh.cell(format_documents(v) if v else None)
    if t == FieldType.date:
        try:
            return sh.cell(dt.date.fromisoformat(v) if isinstance(v, str) else None, fmt=DATE_FMT, align=None)
        except ValueError:
            return sh.cell(v)
    if t == FieldType.boolean:
        return sh.cell(None if v is None else ("Có" if v else "Không"))
    return sh.cell(v if not isinstance(v, (dict, list)) else str(v))


# --- sheets --------------------------------------------------------------------------------------

def _summary(wb: Workbook, agg: Aggregation, agency: str) -> None:
    sh = _Sheet(wb, "Tổng hợp", [44, 16, 16, 16, 16], header_row=4)
    p = agg.period
    sh.title(f"TỔNG HỢP BÁO CÁO THỰC HIỆN CHỈ THỊ 20/CT-TTg — {p.label.upper()}",
             f"{agency}. Lập lúc {dt.datetime.now(VN):%H:%M %d/%m/%Y} (giờ Việt Nam) từ các báo cáo đã nhận.")
    sh.append([])
    sh.header(["Tình hình gửi báo cáo", "Số báo cáo"])
    counts = agg.status.counts
    first = sh.row + 1
    for k in ("on_time", "late", "missing", "quarantined"):
        sh.append([sh.cell(STATE_LABELS_VI[k], fill=STATE_FILLS[k]), sh.cell(counts[k], fmt=INT_FMT, align=None)])
    last = sh.row
    sh.append([sh.cell("Tổng số báo cáo phải gửi", bold=True, fill=TOTAL_FILL),
               sh.cell(len(agg.status.entries), fmt=INT_FMT, bold=True, fill=TOTAL_FILL, align=None)])
    chart = BarChart()
    chart.type = "col"
    chart.title = "Tình hình gửi báo cáo"
    chart.y_axis.title = "Số báo cáo"
    chart.legend = None
    chart.add_data(Reference(sh.ws, min_col=2, min_row=first - 1, max_row=last), titles_from_data=True)
    chart.set_categories(Reference(sh.ws, min_col=1, min_row=first, max_row=last))
    chart.height, chart.width = 7.5, 14
    sh.ws.add_chart(chart, "D4")
    sh.append([])
    n = agg.ccn_national
    if n is not None and agg.ccn_form is not None:
        sh.append([sh.cell("Hệ thống xử lý nước thải tập trung tại các cụm công nghiệp (toàn quốc)", bold=True, border=False, align=None)])
        rows = [("Số tỉnh, thành phố đã báo cáo", len(agg.ccn_by_province), INT_FMT),
                ("Số cụm công nghiệp đang hoạt động (trong các bảng)", n.clusters, INT_FMT),
                ("Số cụm có hệ thống xử lý nước thải tập trung", n.with_system, INT_FMT),
                ("Số cụm đang xây dựng hệ thống", n.building, INT_FMT),
                ("Số hệ thống đang vận hành", n.operating, INT_FMT),
                ("Tổng công suất thiết kế (m³/ngày đêm)", n.capacity, DEC_FMT),
                ("Tổng lưu lượng thực tế (m³/ngày đêm)", n.flow, DEC_FMT),
                ("Tỷ lệ cụm có hệ thống xử lý nước thải tập trung", _pct(n.coverage), PCT_FMT)]
        for label, value, fmt in rows:
            sh.append([sh.cell(label), sh.cell(value, fmt=fmt, align=None)])
        sh.append([])
    if agg.task_counts and agg.task_form is not None:
        sh.append([sh.cell("Nhiệm vụ của các Cục, Vụ, đơn vị báo chí (mục II Kế hoạch)", bold=True, border=False, align=None)])
        st = agg.task_form.field(agg.mapping["tasks"]["table"]).column(agg.mapping["tasks"]["status"])
        for value, count in agg.task_counts.items():
            sh.append([sh.cell(st.choice_label(value) if st else value), sh.cell(count, fmt=INT_FMT, align=None)])
        sh.append([sh.cell("Tổng số nhiệm vụ", bold=True, fill=TOTAL_FILL),
                   sh.cell(sum(agg.task_counts.values()), fmt=INT_FMT, bold=True, fill=TOTAL_FILL, align=None)])


def _status_sheet(wb: Workbook, agg: Aggregation, units) -> None:
    sh = _Sheet(wb, "Tình hình gửi", [14, 40, 14, 12, 12, 14, 10, 9, 17, 17, 40])
    sh.title(f"TÌNH HÌNH GỬI BÁO CÁO — {agg.period.label.upper()}",
             "Đúng hạn: gói ký trước hết ngày hạn (giờ Việt Nam). Thời điểm ký do đơn vị tự ghi trong gói; thời điểm "
             "nhận do Cục ghi khi nhập. Màu: xanh đúng hạn, vàng muộn, đỏ chưa gửi, xám chờ xử lý.")
    sh.header(["Mã đơn vị", "Đơn vị", "Loại đơn vị", "Biểu mẫu", "Hạn báo cáo", "Tình trạng", "Số ngày muộn",
               "Lần gửi", "Thời điểm ký", "Thời điểm nhận", "Ghi chú"])
    kinds = {"province": "Sở Công Thương", "department": "Cục, Vụ", "corporation": "Tập đoàn, TCT"}
    for e in agg.status.entries:
        fill = STATE_FILLS[e.state]
        note = "; ".join(FLAG_LABELS_VI.get(f, f) + (f" ({e.received_days_after_deadline()} ngày sau hạn)"
                                                      if f == RECEIVED_LATE else "") for f in e.flags)
        if e.superseded:
            note = "; ".join(x for x in (note, "đã thay thế lần gửi " + ", ".join(map(str, e.superseded))) if x)
        if e.reason and e.state == "quarantined":
            note = "; ".join(x for x in (note, safe_text(e.reason, 400)) if x)
        sh.append([sh.cell(e.unit_code), sh.cell(e.unit_name), sh.cell(kinds.get(e.unit_kind, e.unit_kind)),
                   sh.cell(e.form_id), sh.cell(e.deadline, fmt=DATE_FMT, align=None),
                   sh.cell(STATE_LABELS_VI[e.state], fill=fill, bold=True),
                   sh.cell(e.days_late if e.state == "late" else None, fmt=INT_FMT, align=None),
                   sh.cell(e.revision, fmt=INT_FMT, align=None),
                   sh.cell(_vn_dt(e.signed_at), fmt=DATETIME_FMT, align=None),
                   sh.cell(_vn_dt(e.received_at), fmt=DATETIME_FMT, align=None), sh.cell(note or None)])
    sh.finish_filter()


def _tasks_sheet(wb: Workbook, agg: Aggregation) -> None:
    cols = agg.task_columns
    widths = [12, 28] + [{"noi_dung": 50, "ket_qua": 40, "van_ban": 36, "kho_khan": 30, "de_xuat": 30, "nhom": 26,
                          "chu_tri": 24, "phoi_hop": 28}.get(c.id, 16) for c in cols]
    sh = _Sheet(wb, "Nhiệm vụ 06 rõ", widths)
    sh.title(f"KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ (06 RÕ) — {agg.period.label.upper()}",
             "Rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm, rõ thẩm quyền (mục II Kế hoạch).")
    sh.header(["Mã đơn vị", "Đơn vị báo cáo"] + [c.label for c in cols])
    for t in agg.tasks:
        sh.append([sh.cell(t.unit_code), sh.cell(t.unit_name)] + [_field_value(sh, c, t.values.get(c.id)) for c in cols])
    sh.finish_filter()


def _ccn_row(sh: _Sheet, t: CcnTotals, *, bold: bool = False) -> list[WriteOnlyCell]:
    fill = TOTAL_FILL if bold else None
    vals: list[tuple[Any, str | None]] = [
        (t.clusters, INT_FMT), (t.with_system, INT_FMT), (t.building, INT_FMT), (t.without, INT_FMT),
        (t.operating, INT_FMT), (t.stable, INT_FMT), (t.monitoring, INT_FMT), (t.capacity, DEC_FMT), (t.flow, DEC_FMT),
        (_pct(t.coverage), PCT_FMT), (_pct(t.use_rate), PCT_FMT), (t.established, INT_FMT), (t.in_operation, INT_FMT)]
    return ([sh.cell(t.unit_code, bold=bold, fill=fill), sh.cell(t.unit_name, bold=bold, fill=fill)]
            + [sh.cell(v, fmt=f, bold=bold, fill=fill, align=None) for v, f in vals])


def _ccn_sheet(wb: Workbook, agg: Aggregation) -> None:
    sh = _Sheet(wb, "CCN theo tỉnh", [10, 22, 11, 11, 11, 11, 11, 11, 11, 15, 15, 11, 11, 12, 12])
    sh.title(f"HỆ THỐNG XỬ LÝ NƯỚC THẢI TẬP TRUNG TẠI CÁC CỤM CÔNG NGHIỆP — {agg.period.label.upper()}",
             "Tổng hợp từ bảng cụm công nghiệp trong báo cáo của các Sở Công Thương; công suất, lưu lượng: m³/ngày đêm.")
    sh.header(["Mã", "Tỉnh, thành phố", "Số CCN đang hoạt động", "Có hệ thống XLNT tập trung", "Đang xây dựng",
               "Chưa có", "Hệ thống đang vận hành", "Vận hành ổn định", "Có quan trắc tự động", "Tổng công suất thiết kế",
               "Tổng lưu lượng thực tế", "Tỷ lệ CCN có hệ thống", "Tỷ lệ sử dụng công suất", "Số CCN đã thành lập",
               "Số CCN đã hoạt động (kê khai)"])
    for t in agg.ccn_by_province:
        sh.append(_ccn_row(sh, t))
    last_data = sh.row
    if agg.ccn_national is not None:
        sh.append(_ccn_row(sh, agg.ccn_national, bold=True))
    sh.row = last_data  # the filter covers the provinces, not the national total
    sh.finish_filter()


def _clusters_sheet(wb: Workbook, agg: Aggregation, rows: Iterable[tuple[str, str, dict[str, Any]]],
                    progress: ProgressFn | None, cancel) -> None:
    m = agg.mapping.get("ccn") or {}
    form = agg.ccn_form
    table = form.field(m.get("table", "")) if form else None
    cols = [c for cid in m.get("columns", []) if table is not None and (c := table.column(cid)) is not None]
    widths = [10, 18] + [{"ten": 34, "dia_ban": 22, "ghi_chu": 40}.get(c.id, 13) for c in cols]
    sh = _Sheet(wb, "Danh sách CCN", widths)
    sh.title(f"DANH SÁCH CỤM CÔNG NGHIỆP ĐANG HOẠT ĐỘNG — {agg.period.label.upper()}",
             "Mỗi dòng một cụm công nghiệp, theo báo cáo hiện hành của Sở Công Thương; số in nghiêng là số ước thực hiện.")
    sh.header(["Mã", "Tỉnh, thành phố"] + [c.label + (f" ({c.unit})" if c.unit and c.unit != "%" else "") for c in cols])
    n = 0
    for code, name, row in rows:
        if cancel is not None and cancel.is_set():
            break
        sh.append([sh.cell(code), sh.cell(name)] + [_field_value(sh, c, row.get(c.id)) for c in cols])
        n += 1
        if progress and n % 1000 == 0:
            progress(n, 0, "Danh sách CCN")
    sh.finish_filter()


def _corporations_sheet(wb: Workbook, agg: Aggregation) -> None:
    inds = agg.corp_indicators
    sh = _Sheet(wb, "Tập đoàn, TCT", [16, 36] + [14] * len(inds))
    sh.title(f"CHỈ TIÊU BẢO VỆ MÔI TRƯỜNG CỦA CÁC TẬP ĐOÀN, TỔNG CÔNG TY — {agg.period.label.upper()}",
             "Số in nghiêng là số ước thực hiện.")
    sh.header(["Mã đơn vị", "Đơn vị"] + [label + (f" ({unit})" if unit and unit != "%" else "") for _, label, unit in inds])
    form = agg.corp_form
    comp = {c.id: c for s in form.sections for c in s.computed} if form else {}
    for code, name, values in agg.corporations:
        cells = [sh.cell(code), sh.cell(name)]
        for iid, _, _ in inds:
            v = values.get(iid)
            if iid in comp:
                n = num(v)
                cells.append(sh.cell(_pct(n) if comp[iid].percent else n,
                                     fmt=PCT_FMT if comp[iid].percent else DEC_FMT, align=None))
            else:
                cells.append(_field_value(sh, form.field(iid) if form else None, v))
        sh.append(cells)
    sh.finish_filter()


def _proposals_sheet(wb: Workbook, agg: Aggregation) -> None:
    sh = _Sheet(wb, "Khó khăn, kiến nghị", [14, 36, 26, 100])
    sh.title(f"KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT — {agg.period.label.upper()}")
    sh.header(["Mã đơn vị", "Đơn vị", "Nội dung", "Chi tiết"])
    for p in agg.proposals:
        sh.append([sh.cell(p.unit_code), sh.cell(p.unit_name), sh.cell(p.kind), sh.cell(p.text)])
    sh.finish_filter()


def write_consolidated_xlsx(agg: Aggregation, path: str | Path, *, cluster_rows: Iterable | None = None,
                            agency: str = "Cục Kỹ thuật an toàn và Môi trường công nghiệp",
                            units=None, progress: ProgressFn | None = None, cancel=None) -> Path:
    """Writes the workbook atomically; ``cluster_rows`` streams (unit_code, province, row) tuples."""
    wb = Workbook(write_only=True)
    wb.properties.title = f"Tổng hợp báo cáo thực hiện Chỉ thị 20/CT-TTg — {agg.period.label}"
    wb.properties.creator = agency
    steps = ["Tổng hợp", "Tình hình gửi", "Nhiệm vụ", "CCN theo tỉnh", "Danh sách CCN", "Tập đoàn", "Kiến nghị"]

    def step(i: int) -> bool:
        if progress:
            progress(i, len(steps), steps[i] if i < len(steps) else "")
        return cancel is not None and cancel.is_set()

    if step(0):
        return Path(path)
    _summary(wb, agg, agency)
    if step(1):
        return Path(path)
    _status_sheet(wb, agg, units)
    if step(2):
        return Path(path)
    _tasks_sheet(wb, agg)
    if step(3):
        return Path(path)
    _ccn_sheet(wb, agg)
    if step(4):
        return Path(path)
    _clusters_sheet(wb, agg, cluster_rows or (), None, cancel)
    if step(5):
        return Path(path)
    _corporations_sheet(wb, agg)
    if step(6):
        return Path(path)
    _proposals_sheet(wb, agg)
    if cancel is not None and cancel.is_set():
        return Path(path)
    atomic_save(wb.save, path)
    if progress:
        progress(len(steps), len(steps), "")
    return Path(path)
