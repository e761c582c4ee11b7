"""The Excel workbook of a form: a template made for filling, the same layout filled, and reading it back.

Layout (a pure function of the form, so the reader needs nothing from the file but the form's id and
version, which it checks):

* ``Hướng dẫn`` — instructions in Vietnamese and the list of sheets.
* one sheet per section: columns TT | Nội dung | Giá trị | Đơn vị | Ước thực hiện | Hướng dẫn; one row per
  field from row 4; the value (column C) and, for a figure that may be an estimate, the marker
  (column E, «Ước») are the only unlocked cells. A table field has a row pointing to its own sheet.
* one sheet per table field: row 1 title, row 2 guidance, row 3 the header (TT, then every column with
  its unit, a «Ước?» column after each column that may be an estimate, and a hidden column holding the
  ``_key`` of a row prefilled by the plan); data from row 4. Prefilled rows have their read-only
  columns locked and grey; any number of rows may be added below (they become table rows).
* ``_reportdesk`` (very hidden) — form id, form version, layout version, unit code;
  ``_lists`` (very hidden) — the lists behind the drop-downs.

Sheets are protected without a password: it guides, it does not secure. Reading treats the file as
untrusted (:mod:`reportdesk.exports.xlsxsafe`) and reports every problem as ``Sheet!Cell: message``;
nothing is stored unless the whole workbook is accepted.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field as dfield
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from reportdesk.domain.forms import NUMERIC, Field, FieldType, Form
from reportdesk.domain.validate import coerce_answers
from reportdesk.errors import UserError
from reportdesk.exports.vnformat import format_date, format_number
from reportdesk.exports.xlsxsafe import atomic_save, formula_in, load_untrusted_workbook, safe_cell

LAYOUT_VERSION = 1
META_SHEET = "_reportdesk"
LISTS_SHEET = "_lists"
INSTRUCTIONS_SHEET = "Hướng dẫn"
FIRST_ROW = 4  # first field row of a section sheet / first data row of a table sheet
HEADER_ROW = 3
COL_TT, COL_LABEL, COL_VALUE, COL_UNIT, COL_EST, COL_HELP = 1, 2, 3, 4, 5, 6
ESTIMATE_MARK = "Ước"
DOC_SEP = " | "
TEMPLATE_EMPTY_ROWS = 50
FILLED_EMPTY_ROWS = 10
VALIDATION_ROWS = 2000

_FILL_INPUT = PatternFill("solid", fgColor="FFF2CC")
_FILL_LOCKED = PatternFill("solid", fgColor="E7E6E6")
_FILL_HEADER = PatternFill("solid", fgColor="1F4E78")
_FONT_HEADER = Font(name="Times New Roman", bold=True, color="FFFFFF", size=11)
_FONT = Font(name="Times New Roman", size=11)
_FONT_BOLD = Font(name="Times New Roman", size=11, bold=True)
_FONT_TITLE = Font(name="Times New Roman", size=14, bold=True, color="1F4E78")
_FONT_NOTE = Font(name="Times New Roman", size=10, italic=True, color="595959")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)
_LOCKED = Protection(locked=True)

_YES = {"có", "co", "x", "yes", "true", "1", "đúng"}
_NO = {"không", "khong", "no", "false", "0", "sai"}
_EST_YES = {"ước", "uoc", "ước thực hiện", "uoc thuc hien", "x", "có", "co", "1", "true", "yes"}
_EST_NO = {"", "không", "khong", "0", "false", "no"}


class WorkbookRejected(UserError):
    """A workbook that cannot be read into the report: every problem as ``Sheet!Cell: message``."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message, list(problems or []))
        self.problems = list(problems or [])


# --- layout ------------------------------------------------------------------------------------


@dataclass
class TableColumn:
    kind: str  # "value" | "estimate" | "key"
    col: int
    field: Field | None = None


@dataclass
class TableSheet:
    field: Field
    section_index: int
    title: str
    columns: list[TableColumn] = dfield(default_factory=list)

    @property
    def key_col(self) -> int:
        return next(c.col for c in self.columns if c.kind == "key")

    def value_col(self, cid: str) -> int | None:
        return next((c.col for c in self.columns if c.kind == "value" and c.field and c.field.id == cid), None)


@dataclass
class SectionSheet:
    index: int
    title: str
    rows: list[tuple[int, Field]] = dfield(default_factory=list)  # (row, field); tables point elsewhere


@dataclass
class Layout:
    sections: list[SectionSheet]
    tables: dict[str, TableSheet]

    def scalar_cell(self, fid: str) -> tuple[str, int] | None:
        for s in self.sections:
            for row, f in s.rows:
                if f.id == fid and f.type != FieldType.table:
                    return s.title, row
        return None


_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
_NUMBERED_RE = re.compile(r"^\s*([IVXLC]+|\d+|[a-zđ])[.)]\s", re.IGNORECASE)


def section_heading(index: int, title: str) -> str:
    """A section title with its number: kept as is when the form already numbers it ("I. ...")."""
    return title if _NUMBERED_RE.match(title) else f"{index}. {title}"


def _sheet_name(text: str, used: set[str]) -> str:
    base = _BAD_SHEET_CHARS.sub(" ", unicodedata.normalize("NFC", text)).strip().strip("'")
    base = re.sub(r"\s+", " ", base)
    if len(base) > 31:  # cut at a word boundary
        cut = base[:31]
        base = cut[: cut.rfind(" ")] if cut.rfind(" ") > 10 else cut
        base = base.rstrip(" ,.;-–")
    base = base or "Trang"
    name, n = base, 2
    while name.casefold() in used or name.casefold() in (META_SHEET, LISTS_SHEET, INSTRUCTIONS_SHEET.casefold()):
        suffix = f" ({n})"
        name = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    used.add(name.casefold())
    return name


def layout_of(form: Form) -> Layout:
    used: set[str] = {INSTRUCTIONS_SHEET.casefold(), META_SHEET.casefold(), LISTS_SHEET.casefold()}
    sections: list[SectionSheet] = []
    tables: dict[str, TableSheet] = {}
    for si, s in enumerate(form.sections, 1):
        sheet = SectionSheet(si, _sheet_name(section_heading(si, s.title), used))
        row = FIRST_ROW
        for f in s.fields:
            sheet.rows.append((row, f))
            row += 1
        sections.append(sheet)
        tj = 0
        for f in s.fields:
            if f.type != FieldType.table:
                continue
            tj += 1
            m = _NUMBERED_RE.match(s.title)
            prefix = m.group(1) if m else str(si)
            ts = TableSheet(f, si, _sheet_name(f"{prefix}.{tj} {f.label}", used))
            col = 2  # column A: TT (row number, not read)
            for c in f.columns:
                ts.columns.append(TableColumn("value", col, c))
                col += 1
                if c.estimate:
                    ts.columns.append(TableColumn("estimate", col, c))
                    col += 1
            ts.columns.append(TableColumn("key", col))
            tables[f.id] = ts
    return Layout(sections, tables)


# --- values to cells ---------------------------------------------------------------------------


def _doc_line(d: dict[str, Any]) -> str:
    return DOC_SEP.join((str(d.get("so_ky_hieu") or ""), format_date(d.get("ngay")) if d.get("ngay") else "", str(d.get("trich_yeu") or "")))


def _cell_value(f: Field, v: Any) -> Any:
    """The cell content of an answer (estimates: the number; the marker goes in its own cell)."""
    if v is None:
        return None
    t = f.type
    if t in NUMERIC:
        return v["value"] if isinstance(v, dict) else v
    if t == FieldType.boolean:
        return "Có" if v else "Không"
    if t == FieldType.date:
        try:
            return dt.date.fromisoformat(v)
        except (TypeError, ValueError):
            return str(v)
    if t == FieldType.choice:
        return f.choice_label(v)
    if t == FieldType.multichoice:
        return "; ".join(f.choice_label(x) for x in (v if isinstance(v, list) else [v]))
    if t == FieldType.document:
        docs = v if isinstance(v, list) else [v]
        return "\n".join(_doc_line(d) for d in docs if isinstance(d, dict))
    if t == FieldType.attachment:
        items = v if isinstance(v, list) else [v]
        return "; ".join(str(i.get("name", "")) for i in items if isinstance(i, dict))
    return v


def _est_value(f: Field, v: Any) -> str | None:
    return ESTIMATE_MARK if f.estimate and isinstance(v, dict) and v.get("estimate") else None


def _unit_text(f: Field) -> str:
    if f.type == FieldType.percent:
        return "%"
    return f.unit or ""


def _hint(f: Field) -> str:
    t = f.type
    parts = []
    if f.required:
        parts.append("Bắt buộc.")
    if t == FieldType.integer:
        parts.append("Số nguyên.")
    elif t in (FieldType.decimal, FieldType.percent):
        parts.append("Số" + (" (0-100)." if t == FieldType.percent else "."))
    elif t == FieldType.date:
        parts.append("Ngày dạng dd/mm/yyyy.")
    elif t == FieldType.boolean:
        parts.append("Chọn Có hoặc Không.")
    elif t == FieldType.choice:
        parts.append("Chọn trong danh sách.")
    elif t == FieldType.multichoice:
        parts.append("Có thể ghi nhiều lựa chọn, cách nhau dấu chấm phẩy (;): " + "; ".join(c.label for c in f.choices) + ".")
    elif t == FieldType.document:
        parts.append(("Mỗi văn bản một dòng (Alt+Enter): " if f.multiple else "")
                     + "Số, ký hiệu | ngày (dd/mm/yyyy) | trích yếu.")
    elif t == FieldType.attachment:
        parts.append("Tệp đính kèm: thêm trong ứng dụng, không nhập ở đây.")
    if t in NUMERIC and (f.min is not None or f.max is not None):
        lo = "" if f.min is None else f"từ {format_number(f.min, 6)}"
        hi = "" if f.max is None else f"đến {format_number(f.max, 6)}"
        parts.append(" ".join(x for x in (lo, hi) if x).capitalize() + ".")
    if f.estimate:
        parts.append("Số ước tính đến hết kỳ: chọn «Ước».")
    if f.help:
        parts.append(f.help)
    return " ".join(parts)


class _Lists:
    """The very hidden sheet behind drop-down lists (labels may hold commas, so no inline lists)."""

    def __init__(self, wb: Workbook):
        self.ws = wb.create_sheet(LISTS_SHEET)
        self.ws.sheet_state = "veryHidden"
        self.cache: dict[tuple[str, ...], str] = {}
        self.col = 0

    def ref(self, items: list[str]) -> str:
        key = tuple(items)
        if key not in self.cache:
            self.col += 1
            for i, it in enumerate(items, 1):
                safe_cell(self.ws.cell(row=i, column=self.col), it)
            letter = get_column_letter(self.col)
            self.cache[key] = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(items)}"
        return self.cache[key]


def _validation_for(f: Field, lists: _Lists) -> DataValidation | None:
    t = f.type
    label = f.label[:32]
    if t in (FieldType.choice, FieldType.boolean):
        items = ["Có", "Không"] if t == FieldType.boolean else [c.label for c in f.choices]
        dv = DataValidation(type="list", formula1=lists.ref(items), allow_blank=True)
        dv.error = "Chọn một giá trị trong danh sách."
    elif t in NUMERIC:
        lo = f.min if f.min is not None else (0 if t == FieldType.percent else -1e15)
        hi = f.max if f.max is not None else (100 if t == FieldType.percent else 1e15)
        kind = "whole" if t == FieldType.integer else "decimal"
        dv = DataValidation(type=kind, operator="between", formula1=_num_formula(lo), formula2=_num_formula(hi), allow_blank=True)
        dv.error = ("Nhập một số nguyên" if kind == "whole" else "Nhập một số") + f" từ {format_number(lo, 6)} đến {format_number(hi, 6)}."
    elif t == FieldType.date:
        dv = DataValidation(type="date", operator="between", formula1="1", formula2="73050", allow_blank=True)
        dv.error = "Nhập ngày dạng dd/mm/yyyy."
    else:
        return None
    dv.errorTitle = label
    dv.showErrorMessage = True
    dv.errorStyle = "stop"
    return dv


def _num_formula(n: float) -> str:
    if float(n).is_integer() and abs(n) < 1e15:
        return str(int(n))
    return repr(float(n))


def _est_validation(lists: _Lists) -> DataValidation:
    dv = DataValidation(type="list", formula1=lists.ref([ESTIMATE_MARK]), allow_blank=True)
    dv.errorTitle = "Ước thực hiện"
    dv.error = "Chọn «Ước» nếu số liệu là ước thực hiện đến hết kỳ, hoặc để trống."
    dv.showErrorMessage = True
    return dv


def _style_input(cell, f: Field | None = None) -> None:
    cell.fill = _FILL_INPUT
    cell.border = _BORDER
    cell.protection = _UNLOCKED
    cell.font = _FONT
    cell.alignment = _WRAP
    if f is not None:
        if f.type == FieldType.date:
            cell.number_format = "DD/MM/YYYY"
        elif f.type == FieldType.integer:
            cell.number_format = "#,##0"
        elif f.type in (FieldType.text, FieldType.textarea, FieldType.document, FieldType.multichoice):
            cell.number_format = "@"


def _style_locked(cell, *, bold: bool = False) -> None:
    cell.border = _BORDER
    cell.protection = _LOCKED
    cell.font = _FONT_BOLD if bold else _FONT
    cell.alignment = _WRAP


def _protect(ws, *, rows: bool = False) -> None:
    p = ws.protection
    p.sheet = True
    p.formatColumns = False  # False = allowed
    p.formatRows = False
    if rows:
        p.insertRows = False
        p.deleteRows = False


def _title(ws, text: str, note: str | None, width_cols: int) -> None:
    c = safe_cell(ws.cell(row=1, column=1), text)
    c.font = _FONT_TITLE
    c.alignment = Alignment(wrap_text=False, vertical="center")
    ws.row_dimensions[1].height = 24
    if note:
        n = safe_cell(ws.cell(row=2, column=1), note)
        n.font = _FONT_NOTE
        n.alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=max(width_cols, 2))
        ws.row_dimensions[2].height = 30 if len(note) < 150 else 45


def _text_lines(value: Any, width: float) -> int:
    """How many lines a wrapped text takes in a column of ``width`` characters (an estimate)."""
    if value is None:
        return 1
    text = value if isinstance(value, str) else str(value)
    per_line = max(4, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def _fit_rows(ws, first: int, last: int, *, minimum: float = 15, maximum: float = 300) -> None:
    """Row heights from the wrapped text they hold (Excel does not grow rows written by a program)."""
    widths = {}
    for r in range(first, last + 1):
        lines = 1
        for cell in ws[r]:
            if cell.value is None or not isinstance(cell.value, str):
                continue
            letter = cell.column_letter
            if letter not in widths:
                widths[letter] = ws.column_dimensions[letter].width or 10
            lines = max(lines, _text_lines(cell.value, widths[letter]))
        height = max(minimum, min(maximum, 15 * lines + 3))
        current = ws.row_dimensions[r].height
        ws.row_dimensions[r].height = max(height, current or 0)


def _print_setup(ws, landscape: bool = True) -> None:
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"


def _header(ws, row: int, captions: list[str]) -> None:
    for i, text in enumerate(captions, 1):
        c = safe_cell(ws.cell(row=row, column=i), text)
        c.font = _FONT_HEADER
        c.fill = _FILL_HEADER
        c.border = _BORDER
        c.alignment = Alignment(wrap_text=True, horizontal="center", vertical="center")
        c.protection = _LOCKED
    ws.row_dimensions[row].height = 32


def _write_section(wb: Workbook, form: Form, sheet: SectionSheet, layout: Layout, answers: dict[str, Any], lists: _Lists) -> None:
    section = form.sections[sheet.index - 1]
    ws = wb.create_sheet(sheet.title)
    _title(ws, section_heading(sheet.index, section.title), section.description or "Điền vào các ô nền vàng ở cột «Giá trị».", 6)
    _header(ws, HEADER_ROW, ["TT", "Nội dung", "Giá trị", "Đơn vị", "Ước thực hiện", "Hướng dẫn"])
    est_dv = None
    for n, (row, f) in enumerate(sheet.rows, 1):
        _style_locked(safe_cell(ws.cell(row=row, column=COL_TT), n))
        ws.cell(row=row, column=COL_TT).alignment = Alignment(horizontal="center", vertical="top")
        _style_locked(safe_cell(ws.cell(row=row, column=COL_LABEL), f.label + (" (*)" if f.required else "")), bold=f.required)
        _style_locked(safe_cell(ws.cell(row=row, column=COL_UNIT), _unit_text(f)))
        v = answers.get(f.id)
        vc = ws.cell(row=row, column=COL_VALUE)
        ec = ws.cell(row=row, column=COL_EST)
        if f.type == FieldType.table:
            ts = layout.tables[f.id]
            n_rows = len(v) if isinstance(v, list) else 0
            safe_cell(vc, f"Điền ở trang tính «{ts.title}»" + (f" ({n_rows} dòng)" if n_rows else ""))
            _style_locked(vc)
            vc.font = _FONT_NOTE
            vc.hyperlink = f"#'{ts.title}'!A1"
            _style_locked(ec)
            ec.fill = _FILL_LOCKED
        elif f.type == FieldType.attachment:
            safe_cell(vc, _cell_value(f, v))
            _style_locked(vc)
            vc.fill = _FILL_LOCKED
            _style_locked(ec)
            ec.fill = _FILL_LOCKED
        else:
            safe_cell(vc, _cell_value(f, v))
            _style_input(vc, f)
            dv = _validation_for(f, lists)
            if dv is not None:
                ws.add_data_validation(dv)
                dv.add(vc.coordinate)
            if f.estimate:
                safe_cell(ec, _est_value(f, v))
                _style_input(ec)
                if est_dv is None:
                    est_dv = _est_validation(lists)
                    ws.add_data_validation(est_dv)
                est_dv.add(ec.coordinate)
            else:
                _style_locked(ec)
                ec.fill = _FILL_LOCKED
        hc = safe_cell(ws.cell(row=row, column=COL_HELP), _hint(f))
        _style_locked(hc)
        hc.font = _FONT_NOTE
        if f.type in (FieldType.textarea, FieldType.document):
            ws.row_dimensions[row].height = 60  # room to type
    for col, width in zip("ABCDEF", (5, 48, 40, 12, 12, 50)):
        ws.column_dimensions[col].width = width
    if sheet.rows:
        _fit_rows(ws, FIRST_ROW, sheet.rows[-1][0])
    _print_setup(ws)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=1)
    _protect(ws)


def _write_table(wb: Workbook, form: Form, ts: TableSheet, rows: list[dict[str, Any]], empty_rows: int, lists: _Lists) -> None:
    f = ts.field
    ws = wb.create_sheet(ts.title)
    note = ("Mỗi dòng một mục; thêm dòng mới ngay dưới dòng cuối (các ô nền vàng). "
            "Dòng nền xám ở cột khóa là dòng do Kế hoạch giao: không xóa, chỉ điền các ô nền vàng.")
    if f.help:
        note = f.help + " " + note
    last = ts.columns[-1].col
    _title(ws, f"{ts.title.split(' ', 1)[0]} {f.label}", note, last - 1)
    captions = ["TT"]
    for c in ts.columns:
        if c.kind == "value":
            assert c.field is not None
            unit = _unit_text(c.field)
            captions.append(c.field.label + (f" ({unit})" if unit else "") + (" (*)" if c.field.required else ""))
        elif c.kind == "estimate":
            captions.append("Ước?")
        else:
            captions.append("_key")
    _header(ws, HEADER_ROW, captions)
    ws.column_dimensions["A"].width = 5
    for c in ts.columns:
        letter = get_column_letter(c.col)
        if c.kind == "key":
            ws.column_dimensions[letter].hidden = True
            ws.column_dimensions[letter].width = 12
        elif c.kind == "estimate":
            ws.column_dimensions[letter].width = 7
        else:
            assert c.field is not None
            t = c.field.type
            width = 36 if t in (FieldType.textarea, FieldType.document) else 24 if t in (FieldType.text, FieldType.multichoice) else 14
            ws.column_dimensions[letter].width = width
        if c.kind != "key":
            # rows typed below the prepared area are input too (Excel applies the column's style to new cells)
            dim = ws.column_dimensions[letter]
            dim.protection = _UNLOCKED
            if c.kind == "value" and c.field is not None and c.field.type == FieldType.date:
                dim.number_format = "DD/MM/YYYY"
    # validations: one per column over the whole input area
    total_rows = len(rows) + empty_rows
    end = FIRST_ROW + max(total_rows, VALIDATION_ROWS) - 1
    for c in ts.columns:
        if c.kind == "key":
            continue
        dv = _est_validation(lists) if c.kind == "estimate" else _validation_for(c.field, lists)  # type: ignore[arg-type]
        if dv is not None:
            ws.add_data_validation(dv)
            letter = get_column_letter(c.col)
            dv.add(f"{letter}{FIRST_ROW}:{letter}{end}")
    prefill = {r["_key"]: r for r in f.prefill_rows(None) if "_key" in r}
    for i in range(total_rows):
        r = FIRST_ROW + i
        data = rows[i] if i < len(rows) else {}
        key = data.get("_key")
        tt = ws.cell(row=r, column=1)
        safe_cell(tt, i + 1 if i < len(rows) else None)
        _style_locked(tt)
        tt.alignment = Alignment(horizontal="center", vertical="top")
        for c in ts.columns:
            cell = ws.cell(row=r, column=c.col)
            if c.kind == "key":
                safe_cell(cell, key)
                _style_locked(cell)
                continue
            assert c.field is not None
            v = data.get(c.field.id)
            safe_cell(cell, _est_value(c.field, v) if c.kind == "estimate" else _cell_value(c.field, v))
            readonly = key is not None and c.field.readonly or c.field.type == FieldType.attachment
            if readonly:
                _style_locked(cell)
                cell.fill = _FILL_LOCKED
                if c.kind == "value" and c.field.type == FieldType.date:
                    cell.number_format = "DD/MM/YYYY"
            else:
                _style_input(cell, c.field if c.kind == "value" else None)
        if key is not None:
            ws.cell(row=r, column=1).fill = _FILL_LOCKED
    del prefill
    _fit_rows(ws, HEADER_ROW, HEADER_ROW, minimum=32, maximum=120)
    if rows:
        _fit_rows(ws, FIRST_ROW, FIRST_ROW + len(rows) - 1)
    _print_setup(ws)
    ws.freeze_panes = ws.cell(row=FIRST_ROW, column=2)
    _protect(ws, rows=True)


def _write_instructions(wb: Workbook, form: Form, layout: Layout, unit, filled: bool, period: str | None) -> None:
    ws = wb.active
    ws.title = INSTRUCTIONS_SHEET
    lines: list[tuple[str, Font]] = [
        (form.title, _FONT_TITLE),
        (f"Mã biểu mẫu: {form.id} · phiên bản {form.version}", _FONT_BOLD),
    ]
    if unit is not None:
        lines.append((f"Đơn vị báo cáo: {unit.name} ({unit.code})", _FONT_BOLD))
    if period:
        lines.append((f"Kỳ báo cáo: {period}", _FONT_BOLD))
    lines.append(("", _FONT))
    lines.append(("HƯỚNG DẪN ĐIỀN", _FONT_BOLD))
    steps = [
        "Chỉ nhập vào các ô nền vàng. Các ô khác được khóa để tránh sửa nhầm (bảo vệ trang tính không đặt mật khẩu).",
        "Ô có mũi tên: chọn giá trị trong danh sách (lựa chọn, Có/Không).",
        "Số: chỉ nhập số, không kèm đơn vị tính (đơn vị ghi ở cột «Đơn vị» hoặc trong tiêu đề cột).",
        "Ngày: nhập dạng dd/mm/yyyy, ví dụ 05/02/2026.",
        "Số liệu ước tính đến hết kỳ báo cáo: chọn «Ước» ở cột «Ước thực hiện» (hoặc cột «Ước?» trong bảng).",
        "Văn bản ban hành: Số, ký hiệu | ngày | trích yếu, ví dụ: 12/KH-UBND | 05/02/2026 | Kế hoạch thực hiện Chỉ thị 20/CT-TTg. "
        "Nhiều văn bản: mỗi văn bản một dòng trong ô (Alt+Enter).",
        "Bảng: mỗi dòng một mục; thêm dòng mới ngay dưới dòng cuối cùng. Dòng nền xám do Kế hoạch giao: không xóa, chỉ điền các ô nền vàng.",
        "Không dùng công thức: ô có công thức sẽ bị từ chối khi nhập vào ứng dụng. Hãy nhập giá trị.",
        "Không đổi tên, thêm, xóa trang tính; không sửa các trang ẩn dùng để nhận dạng biểu mẫu.",
        "Tổng cộng, tỷ lệ và các chỉ tiêu tính toán do ứng dụng tự tính.",
        "Nhập tệp vào ứng dụng: reportdesk report fill <mã báo cáo> --xlsx <tệp>. Nếu có lỗi, ứng dụng báo từng ô "
        "(ví dụ «1. Thông tin chung!C5: ...») và không thay đổi báo cáo.",
    ]
    for i, s in enumerate(steps, 1):
        lines.append((f"{i}. {s}", _FONT))
    lines.append(("", _FONT))
    lines.append(("CÁC TRANG TÍNH", _FONT_BOLD))
    for s in layout.sections:
        lines.append((f"• {s.title}", _FONT))
        for _, f in s.rows:
            if f.type == FieldType.table:
                lines.append((f"     – {layout.tables[f.id].title}", _FONT))
    if filled:
        lines.append(("", _FONT))
        lines.append(("Tệp này chứa số liệu của báo cáo, có thể sửa rồi nhập lại vào ứng dụng.", _FONT_NOTE))
    for r, (text, font) in enumerate(lines, 1):
        c = safe_cell(ws.cell(row=r, column=1), text)
        c.font = font
        c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110
    _fit_rows(ws, 1, len(lines), maximum=120)
    _print_setup(ws, landscape=False)
    ws.print_title_rows = None
    _protect(ws)


def _write_meta(wb: Workbook, form: Form, unit) -> None:
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "veryHidden"
    rows = [("reportdesk", "mẫu Excel của biểu mẫu"), ("form_id", form.id), ("form_version", form.version),
            ("layout", LAYOUT_VERSION), ("unit_code", unit.code if unit is not None else "")]
    for r, (k, v) in enumerate(rows, 1):
        safe_cell(ws.cell(row=r, column=1), k)
        safe_cell(ws.cell(row=r, column=2), v)
    ws.protection.sheet = True


def build_workbook(form: Form, answers: dict[str, Any], unit=None, *, filled: bool, period: str | None = None) -> Workbook:
    layout = layout_of(form)
    wb = Workbook()
    _write_instructions(wb, form, layout, unit, filled, period)
    lists = _Lists(wb)
    for sheet in layout.sections:
        _write_section(wb, form, sheet, layout, answers, lists)
        for _, f in sheet.rows:
            if f.type == FieldType.table:
                rows = answers.get(f.id) or []
                _write_table(wb, form, layout.tables[f.id], rows, FILLED_EMPTY_ROWS if filled else TEMPLATE_EMPTY_ROWS, lists)
    _write_meta(wb, form, unit)
    # the lists sheet and the meta sheet last in the tab order
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(LISTS_SHEET))
    wb.active = 0
    wb.properties.title = form.title
    wb.properties.creator = "reportdesk"
    return wb


def write_template(form: Form, path: str | Path, unit=None) -> None:
    """A workbook made for filling (prefilled rows of ``unit`` when given)."""
    answers = form.initial_answers(unit.code) if unit is not None else {}
    wb = build_workbook(form, answers, unit, filled=False)
    atomic_save(wb.save, path)


def write_filled(form: Form, report, path: str | Path, unit=None) -> None:
    """The report's answers in the template layout (so that it can be edited and read back)."""
    wb = build_workbook(form, report.answers or {}, unit, filled=True, period=getattr(report, "period", None))
    atomic_save(wb.save, path)


# --- reading -----------------------------------------------------------------------------------


def _norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip().casefold()


def _show(v: Any) -> str:
    if isinstance(v, (dt.datetime, dt.date)):
        return f"'{format_date(v)}'"
    s = str(v)
    return f"'{s[:40]}{'…' if len(s) > 40 else ''}'"


_INT_RE = re.compile(r"^[+-]?\d+$")
_DEC_RE = re.compile(r"^[+-]?\d+[.,]\d+$")
_VN_RE = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_DATE_VN_RE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def _parse_number(text: str) -> float | int | None:
    s = text.strip().replace("\u00a0", "").replace(" ", "")
    if _INT_RE.match(s):
        return int(s)
    if _VN_RE.match(s) and ("," in s or s.count(".") > 1):
        s = s.replace(".", "").replace(",", ".")
        return float(s) if "." in s else int(s)
    if _DEC_RE.match(s):
        return float(s.replace(",", "."))
    return None


def _parse_date_text(text: str) -> str | None:
    s = text.strip()
    m = _DATE_VN_RE.match(s)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
        if re.match(r"^\d{4}-\d{2}-\d{2}$", s):
            return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None
    return None


class _Err(Exception):
    pass


def _to_text(v: Any) -> str:
    if isinstance(v, bool):
        return "Có" if v else "Không"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return format_date(v)
    if isinstance(v, dt.time):
        return v.isoformat()
    return unicodedata.normalize("NFC", str(v)).strip()


def _match_choice(f: Field, text: str) -> str | None:
    n = unicodedata.normalize("NFC", text).strip()
    for c in f.choices:
        if c.label == n:
            return c.value
    for c in f.choices:
        if c.value == n:
            return c.value
    key = n.casefold()
    for c in f.choices:
        if c.label.casefold() == key or c.value.casefold() == key:
            return c.value
    return None


def _read_value(f: Field, v: Any) -> Any:
    """A cell's content as an answer of field ``f`` (None when empty); _Err with a message otherwise."""
    if v is None or (isinstance(v, str) and v.strip() == ""):
        return None
    t = f.type
    label = f"«{f.label}»"
    if t in (FieldType.text, FieldType.textarea):
        return _to_text(v)
    if t in NUMERIC:
        if isinstance(v, bool) or not isinstance(v, (int, float, str)):
            raise _Err(f"{label} cần một số, không phải {_show(v)}.")
        n = _parse_number(v) if isinstance(v, str) else v
        if n is None:
            kind = "số nguyên" if t == FieldType.integer else "số"
            raise _Err(f"{label} cần một {kind}, không phải {_show(v)}.")
        if t == FieldType.integer and isinstance(n, float):
            if not n.is_integer():
                raise _Err(f"{label} cần một số nguyên, không phải {_show(v)}.")
            n = int(n)
        return n
    if t == FieldType.date:
        if isinstance(v, dt.datetime):
            return v.date().isoformat()
        if isinstance(v, dt.date):
            return v.isoformat()
        if isinstance(v, (int, float)) and not isinstance(v, bool) and 1 <= v <= 2958465:
            from openpyxl.utils.datetime import from_excel

            return from_excel(v).date().isoformat()
        d = _parse_date_text(v) if isinstance(v, str) else None
        if d is None:
            raise _Err(f"{label} cần ngày dạng dd/mm/yyyy, không phải {_show(v)}.")
        return d
    if t == FieldType.boolean:
        if isinstance(v, bool):
            return v
        s = _norm(_to_text(v))
        if s in _YES:
            return True
        if s in _NO:
            return False
        raise _Err(f"{label} cần «Có» hoặc «Không», không phải {_show(v)}.")
    if t == FieldType.choice:
        val = _match_choice(f, _to_text(v))
        if val is None:
            raise _Err(f"{label}: {_show(v)} không có trong danh sách ({'; '.join(c.label for c in f.choices)}).")
        return val
    if t == FieldType.multichoice:
        out = []
        for part in re.split(r"[;\n]", _to_text(v)):
            if not part.strip():
                continue
            val = _match_choice(f, part)
            if val is None:
                raise _Err(f"{label}: {_show(part.strip())} không có trong danh sách ({'; '.join(c.label for c in f.choices)}).")
            out.append(val)
        return out or None
    if t == FieldType.document:
        docs = []
        for line in _to_text(v).splitlines():
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split("|", 2)]
            parts += [""] * (3 - len(parts))
            d: dict[str, Any] = {}
            if parts[0]:
                d["so_ky_hieu"] = parts[0]
            if parts[1]:
                day = _parse_date_text(parts[1])
                if day is None:
                    raise _Err(f"{label}: ngày ban hành {_show(parts[1])} cần dạng dd/mm/yyyy "
                               "(ghi: Số, ký hiệu | ngày | trích yếu).")
                d["ngay"] = day
            if parts[2]:
                d["trich_yeu"] = parts[2]
            docs.append(d)
        if not docs:
            return None
        if not f.multiple:
            if len(docs) > 1:
                raise _Err(f"{label} chỉ nhận một văn bản (một dòng).")
            return docs[0]
        return docs
    return None  # attachments are not read from Excel


def _read_estimate(v: Any) -> bool:
    if v is None or v is False:
        return False
    if v is True:
        return True
    s = _norm(_to_text(v))
    if s in _EST_YES:
        return True
    if s in _EST_NO:
        return False
    raise _Err(f"Ô «Ước thực hiện» chỉ nhận «{ESTIMATE_MARK}» hoặc để trống, không phải {_show(v)}.")


def _meta(wb) -> dict[str, Any]:
    if META_SHEET not in wb.sheetnames:
        return {}
    ws = wb[META_SHEET]
    out = {}
    for r in range(1, 20):
        k = ws.cell(row=r, column=1).value
        if isinstance(k, str):
            out[k] = ws.cell(row=r, column=2).value
    return out


def workbook_identity(wb) -> tuple[str | None, int | None, str | None]:
    """(form id, form version, unit code) written in the workbook's identification sheet."""
    m = _meta(wb)
    fid = m.get("form_id") if isinstance(m.get("form_id"), str) else None
    try:
        ver = int(m.get("form_version")) if m.get("form_version") is not None else None
    except (TypeError, ValueError):
        ver = None
    unit = m.get("unit_code") if isinstance(m.get("unit_code"), str) and m.get("unit_code") else None
    return fid, ver, unit


def _check_identity(wb, form: Form, name: str) -> None:
    if META_SHEET not in wb.sheetnames:
        raise WorkbookRejected(
            f"Tệp {name} không phải mẫu Excel của reportdesk (không có trang nhận dạng biểu mẫu). "
            f"Hãy tải mẫu bằng «reportdesk report template --form {form.id}» rồi điền vào đó.")
    fid, ver, _ = workbook_identity(wb)
    if fid != form.id or ver != form.version:
        what = f"biểu mẫu '{fid}' phiên bản {ver}" if fid else "một biểu mẫu không xác định"
        raise WorkbookRejected(
            f"Tệp {name} là mẫu Excel của {what}, không phải của biểu mẫu '{form.id}' phiên bản {form.version} "
            f"của báo cáo này; không nhập. Hãy tải đúng mẫu bằng «reportdesk report template --form {form.id}».")


def read_workbook(form: Form, path: str | Path) -> dict[str, Any]:
    """The answers held in a filled workbook of ``form``; raises WorkbookRejected with every problem
    as ``Sheet!Cell: message`` (nothing partial is ever returned)."""
    return _read(form, path)[0]


def _read(form: Form, path: str | Path) -> tuple[dict[str, Any], str | None]:
    wb = load_untrusted_workbook(path)
    name = Path(path).name
    _check_identity(wb, form, name)
    wb_unit = workbook_identity(wb)[2]
    layout = layout_of(form)
    problems: list[str] = []
    raw: dict[str, Any] = {}
    where: dict[tuple[str, int | None, str | None], str] = {}  # (field, row, column) -> "Sheet!Cell"

    def addr(ws, row: int, col: int) -> str:
        return f"{ws.title}!{get_column_letter(col)}{row}"

    def cell_value(ws, row: int, col: int) -> tuple[Any, bool]:
        c = ws.cell(row=row, column=col)
        if formula_in(c):
            problems.append(f"{addr(ws, row, col)}: ô có công thức; hãy thay bằng giá trị (công thức không được tính khi nhập).")
            return None, False
        return c.value, True

    for sheet in layout.sections:
        if sheet.title not in wb.sheetnames:
            problems.append(f"{sheet.title}!A1: thiếu trang tính «{sheet.title}» của biểu mẫu (đã bị đổi tên hoặc xóa).")
            continue
        ws = wb[sheet.title]
        for row, f in sheet.rows:
            if f.type in (FieldType.table, FieldType.attachment):
                continue
            where[(f.id, None, None)] = addr(ws, row, COL_VALUE)
            v, ok = cell_value(ws, row, COL_VALUE)
            if not ok:
                continue
            try:
                val = _read_value(f, v)
            except _Err as exc:
                problems.append(f"{addr(ws, row, COL_VALUE)}: {exc}")
                continue
            est = False
            if f.estimate:
                ev, ok = cell_value(ws, row, COL_EST)
                if not ok:
                    continue
                try:
                    est = _read_estimate(ev)
                except _Err as exc:
                    problems.append(f"{addr(ws, row, COL_EST)}: {exc}")
                    continue
            if val is not None:
                raw[f.id] = {"value": val, "estimate": True} if est else val

    for fid, ts in layout.tables.items():
        if ts.title not in wb.sheetnames:
            problems.append(f"{ts.title}!A1: thiếu trang tính «{ts.title}» của bảng «{ts.field.label}» (đã bị đổi tên hoặc xóa).")
            continue
        ws = wb[ts.title]
        rows: list[dict[str, Any]] = []
        max_row = ws.max_row
        max_rows = ts.field.max_rows or 5000
        for r in range(FIRST_ROW, max_row + 1):
            data: dict[str, Any] = {}
            estimates: dict[str, bool] = {}
            row_has = False
            bad = False
            for c in ts.columns:
                v, ok = cell_value(ws, r, c.col)
                if not ok:
                    bad = True
                    continue
                if v is None or (isinstance(v, str) and not v.strip()):
                    continue
                if c.kind == "key":
                    row_has = True
                    data["_key"] = _to_text(v)
                    continue
                assert c.field is not None
                if c.field.type == FieldType.attachment:
                    continue
                try:
                    if c.kind == "estimate":
                        estimates[c.field.id] = _read_estimate(v)
                        row_has = True
                    else:
                        val = _read_value(c.field, v)
                        if val is not None:
                            data[c.field.id] = val
                            row_has = True
                except _Err as exc:
                    problems.append(f"{addr(ws, r, c.col)}: {exc} (dòng {r - FIRST_ROW + 1} của bảng)")
                    bad = True
            if not row_has and not bad:
                continue
            for cid, est in estimates.items():
                if est and cid in data:
                    data[cid] = {"value": data[cid], "estimate": True}
            idx = len(rows)
            for c in ts.columns:
                if c.kind == "value" and c.field is not None:
                    where[(fid, idx, c.field.id)] = addr(ws, r, c.col)
            where.setdefault((fid, idx, None), addr(ws, r, 1))
            rows.append(data)
            if len(rows) > max_rows:
                problems.append(f"{addr(ws, r, 1)}: bảng «{ts.field.label}» có quá nhiều dòng (tối đa {max_rows}).")
                break
        where[(fid, None, None)] = f"{ws.title}!A{FIRST_ROW}"
        if rows:
            raw[fid] = rows

    if not problems:
        answers, issues = coerce_answers(form, raw)
        for i in issues:
            a = where.get((i.field, i.row, i.column)) or where.get((i.field, i.row, None)) or where.get((i.field, None, None)) or "?"
            problems.append(f"{a}: {i.message}")
        if not problems:
            for _, f in form.iter_fields():
                if f.type == FieldType.attachment:
                    answers.pop(f.id, None)
            return answers, wb_unit
    raise WorkbookRejected(f"Tệp {name} có {len(problems)} lỗi; báo cáo không thay đổi.", problems)


def fill_from_xlsx(ctx, report_id: int, path: str | Path):
    """Fill a stored report from a filled workbook: all or nothing. Returns the ReportData."""
    r = ctx.reports.get(report_id)
    form = ctx.reports.form_of(r)
    answers, wb_unit = _read(form, path)
    if wb_unit and wb_unit != r.unit_code:
        raise WorkbookRejected(f"Tệp {Path(path).name} được lập cho đơn vị {wb_unit}, không phải {r.unit_code} của báo cáo này; không nhập.")
    # attachments are files: Excel cannot carry them, keep what the report has
    for _, f in form.iter_fields():
        if f.type == FieldType.attachment and f.id in r.answers:
            answers[f.id] = r.answers[f.id]
    # a template made without a unit has no prefilled rows: put the plan's rows back in front
    if not wb_unit:
        for _, f in form.iter_fields():
            if f.type != FieldType.table:
                continue
            pre = f.prefill_rows(r.unit_code)
            if not pre:
                continue
            rows = list(answers.get(f.id) or [])
            have = {row.get("_key") for row in rows}
            missing = [dict(p) for p in pre if p.get("_key") not in have]
            if missing:
                answers[f.id] = missing + rows
    return ctx.reports.replace_answers(report_id, answers, source="xlsx")
