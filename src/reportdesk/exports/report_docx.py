"""The unit's own report as a Word document (Nghị định 30/2020/NĐ-CP layout, :mod:`docx_base`).

Sections in the form's order; answers read as a person writes them (:mod:`vnformat`); tables as
tables with their totals (wide ones on landscape pages); computed figures after each section's
answers; empty optional answers left out, empty required ones marked; fields hidden by their
``visible_if`` left out; the signer (fields ``nguoi_ky_chuc_vu`` / ``nguoi_ky_ho_ten`` when the form
has them) in the signer block rather than in the body.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from reportdesk.domain.forms import NUMERIC, Field, FieldType, Form
from reportdesk.domain.validate import _env, computed_values, is_visible, table_totals
from reportdesk.exports.docx_base import WIDE_TABLE_PT, NDDocument
from reportdesk.exports.vnformat import (
    field_caption,
    format_answer,
    format_number,
    format_percent,
    format_quantity,
    is_empty,
    is_estimate,
)
from reportdesk.exports.workbook import section_heading

SIGNER_FIELDS = ("nguoi_ky_chuc_vu", "nguoi_ky_ho_ten")
MISSING = "(chưa báo cáo)"
WIDE_COLUMNS = 7  # a table with more columns (TT included) goes on a landscape page
VERY_WIDE_COLUMNS = 11  # and with more than this, in a smaller type
ESTIMATE_NOTE = "(*) Số liệu ước thực hiện đến hết kỳ báo cáo."
DEFAULT_AUTHORITY = {"province": "GIÁM ĐỐC", "department": "CỤC TRƯỞNG", "corporation": "TỔNG GIÁM ĐỐC"}
PLAN = "Kế hoạch ban hành kèm theo Quyết định số 2678/QĐ-BCT ngày 29/9/2025 của Bộ trưởng Bộ Công Thương"


def _agency_lines(unit, fallback: str) -> tuple[str | None, str]:
    """(cơ quan chủ quản, cơ quan ban hành): "UBND THÀNH PHỐ HÀ NỘI" over "SỞ CÔNG THƯƠNG"."""
    if unit is None:
        return None, fallback
    name = unit.name
    parent = getattr(unit, "agency_parent", None)
    short = getattr(unit, "short_name", None)
    if parent and short and name.endswith(" " + short) and unit.kind == "province":
        name = name[: -len(short) - 1]  # under "UBND TỈNH X" the agency is "SỞ CÔNG THƯƠNG"
    return parent, name


def _period_phrase(period_code: str, label: str | None) -> str:
    if label:
        phrase = label[0].lower() + label[1:]
        return re.sub(r"năm (\d{4})", "năm\u00a0\\1", phrase)  # never "năm" at a line end and the year alone
    m = re.match(r"^(\d{4})(?:-(H1))?", period_code or "")
    if m and m.group(2):
        return f"6 tháng đầu năm\u00a0{m.group(1)}"
    if m:
        return f"năm\u00a0{m.group(1)}"
    return period_code


def _subject(form: Form, unit, period_phrase: str) -> str:
    subject = (form.subject or form.title).strip()
    if unit is not None and unit.kind == "province" and re.search(r"địa bàn$", subject):
        subject += " " + (getattr(unit, "short_name", None) or unit.place)
    return f"{subject} {period_phrase}".strip()


def _weight(f: Field) -> float:
    t = f.type
    if t in (FieldType.textarea, FieldType.document):
        return 4
    if t in (FieldType.text, FieldType.multichoice):
        return 3
    if t == FieldType.choice:
        return 2.2
    if t == FieldType.date:
        return 1.8
    return 1.8


def _table_cell(c: Field, v: Any) -> tuple[str, bool]:
    if c.type in NUMERIC:
        text = format_answer(c, v, with_unit=False)
        if text and is_estimate(v):
            text = text.replace(" (ước thực hiện)", "") + "*"
            return text, True
        return text, False
    return format_answer(c, v, with_unit=True, list_sep="\n" if c.type == FieldType.document else "; "), False


def _add_table(doc: NDDocument, f: Field, rows: list[dict[str, Any]], number: int) -> None:
    cols = list(f.columns)
    headers = ["TT"] + [field_caption(c) for c in cols]
    numeric = {i + 1 for i, c in enumerate(cols) if c.type in NUMERIC}
    body = []
    any_est = False
    for i, r in enumerate(rows, 1):
        line = [str(i)]
        for c in cols:
            text, est = _table_cell(c, r.get(c.id))
            any_est = any_est or est
            line.append(text)
        body.append(line)
    totals = None
    if f.totals:
        tot = table_totals(f, rows)
        totals = [""] * len(headers)
        # the caption goes in the first column that holds no total (TT when the first column is summed)
        label_at = 1 if cols[0].id not in tot else 0
        totals[label_at] = "Tổng cộng" if label_at else "Tổng"
        for i, c in enumerate(cols):
            if c.id in tot:
                est = any(is_estimate(r.get(c.id)) for r in rows)
                totals[i + 1] = format_number(tot[c.id]) + ("*" if est else "")
    wide = len(headers) > WIDE_COLUMNS
    if wide:
        doc.landscape()
    weights = [_weight(c) for c in cols]
    tt = max(0.9, 0.045 * sum(weights))  # "TT" never wraps, however many columns
    size = None if not wide else (WIDE_TABLE_PT if len(headers) <= VERY_WIDE_COLUMNS else WIDE_TABLE_PT - 1)
    doc.table(headers, body, totals=totals, widths=[tt] + weights, numeric=numeric, centred={0},
              font_size=size, caption=f"Bảng {number}. {f.label}")
    if any_est:
        doc.paragraph(ESTIMATE_NOTE, italic=True, size=12)
    if wide:
        doc.portrait()


def _sentence(text: str) -> str:
    """An item of the report ends like a sentence."""
    t = text.rstrip()
    return t if not t or t[-1] in ".;:!?…" else t + "."


def _computed_text(c, v: Any) -> str:
    if c.percent or (c.unit or "").strip() == "%":
        return format_percent(v, 1)
    return format_quantity(v, c.unit)


def build_report_document(form: Form, report, unit, *, place: str | None = None, date: dt.date | None = None,
                          period_label: str | None = None) -> NDDocument:
    answers: dict[str, Any] = dict(report.answers or {})
    kind = getattr(unit, "kind", None)
    parent, agency = _agency_lines(unit, report.unit_code)
    abbr = getattr(unit, "abbreviation", "") or ""
    period_phrase = _period_phrase(report.period, period_label)
    try:
        year = int(str(report.period)[:4])
    except ValueError:
        year = (date or dt.date.today()).year
    doc = NDDocument(agency, agency_parent=parent, doc_number=f"      /BC-{abbr}" if abbr else "      /BC",
                     place=place or getattr(unit, "place", None), date=date, subject=_subject(form, unit, period_phrase),
                     year=year)
    doc.set_properties(title=f"Báo cáo {form.title}", author=getattr(unit, "name", report.unit_code), subject=period_phrase)
    who = getattr(unit, "name", None) or report.unit_code
    doc.paragraph(f"Thực hiện {PLAN} về thực hiện Chỉ thị số 20/CT-TTg, {who} báo cáo tình hình thực hiện "
                  f"{period_phrase} như sau:")
    env = _env(form, answers)
    computed = computed_values(form, answers)
    table_no = 0
    for si, s in enumerate(form.sections, 1):
        if not is_visible(s.visible_if, env):
            continue
        doc.heading(section_heading(si, s.title), 1)
        wrote = False
        for f in s.fields:
            if f.id in SIGNER_FIELDS or not is_visible(f.visible_if, env):
                continue
            v = answers.get(f.id)
            if f.type == FieldType.table:
                rows = [r for r in (v or []) if isinstance(r, dict)]
                if not rows:
                    if f.required:
                        doc.labelled(f.label, MISSING)
                        wrote = True
                    continue
                table_no += 1
                _add_table(doc, f, rows, table_no)
                wrote = True
                continue
            if is_empty(v):
                if f.required:
                    doc.labelled(f.label, MISSING)
                    wrote = True
                continue
            text = format_answer(f, v)
            if f.type == FieldType.textarea and (len(text) > 150 or "\n" in text):
                p = doc.paragraph(f"- {f.label}:")
                p.paragraph_format.keep_with_next = True
                doc.paragraph(text)
            else:
                doc.labelled(f.label, _sentence(text))
            wrote = True
        figures = [(c, computed.get(c.id)) for c in s.computed]
        figures = [(c, val) for c, val in figures if isinstance(val, (int, float)) and not isinstance(val, bool)]
        if figures:
            p = doc.paragraph("Một số chỉ tiêu tổng hợp:", italic=True)
            p.paragraph_format.keep_with_next = True
            for c, val in figures:
                doc.labelled(c.label, _sentence(_computed_text(c, val)))
            wrote = True
        if not wrote:
            doc.paragraph("Không có nội dung báo cáo.", italic=True)
    authority = str(answers.get("nguoi_ky_chuc_vu") or DEFAULT_AUTHORITY.get(kind or "", "THỦ TRƯỞNG ĐƠN VỊ"))
    authority = authority.replace(" / ", "\n")
    recipients = ["Bộ Công Thương (Cục Kỹ thuật an toàn và Môi trường công nghiệp);"]
    if report.unit_code == "CUC-ATMT":
        recipients = ["Bộ trưởng (để báo cáo);", "Các Thứ trưởng;"]
    recipients.append("Lãnh đạo đơn vị;")
    doc.closing(recipients=recipients, archive="VT", authority=authority,
                signer_name=str(answers.get("nguoi_ky_ho_ten") or ""))
    return doc


def write_report_docx(form: Form, report, unit, path: str | Path, *, place: str | None = None,
                      date: dt.date | None = None, period_label: str | None = None) -> None:
    """Write the report as a .docx (atomically). ``date`` None leaves the day for the signer to fill."""
    build_report_document(form, report, unit, place=place, date=date, period_label=period_label).save(path)
