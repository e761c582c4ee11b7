"""The Word report read back with python-docx: Nghị định 30 page, fonts, header, content (issue 6, item 4)."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile

import pytest
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from exportsamples import SAMPLES_DIR, SCT_ANSWERS, fixture_form, report_of, shipped_forms, units
from reportdesk.exports.docx_base import MOTTO, NATIONAL_TITLE, NDDocument
from reportdesk.exports.report_docx import write_report_docx

SHIPPED = shipped_forms()
UNITS = units()


def _mm(emu) -> float:
    return emu / Mm(1)


@pytest.fixture(scope="module")
def sct_docx(tmp_path_factory):
    form = SHIPPED.get("bc-sct")
    report = report_of(form, SCT_ANSWERS, unit_code="SCT-01")
    path = tmp_path_factory.mktemp("docx") / "sct.docx"
    write_report_docx(form, report, UNITS.get("SCT-01"), path, date=dt.date(2026, 11, 10), period_label="Năm 2026")
    return path


def _all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            for c in row.cells:
                parts.append(c.text)
    return "\n".join(parts)


def test_page_size_margins_and_orientation(sct_docx):
    doc = Document(sct_docx)
    first = doc.sections[0]
    assert round(_mm(first.page_width)) == 210 and round(_mm(first.page_height)) == 297
    assert first.orientation == WD_ORIENT.PORTRAIT
    for s in doc.sections:
        assert 20 <= round(_mm(s.top_margin)) <= 25
        assert 20 <= round(_mm(s.bottom_margin)) <= 25
        assert 30 <= round(_mm(s.left_margin)) <= 35
        assert 15 <= round(_mm(s.right_margin)) <= 20
    # the CCN table (13 columns) is on a landscape page, and the document comes back to portrait
    orientations = [s.orientation for s in doc.sections]
    assert WD_ORIENT.LANDSCAPE in orientations
    land = doc.sections[orientations.index(WD_ORIENT.LANDSCAPE)]
    assert round(_mm(land.page_width)) == 297 and round(_mm(land.page_height)) == 210
    assert orientations[-1] == WD_ORIENT.PORTRAIT


def test_fonts_are_times_new_roman(sct_docx):
    doc = Document(sct_docx)
    assert doc.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= doc.styles["Normal"].font.size.pt <= 14
    with zipfile.ZipFile(sct_docx) as z:
        xml = z.read("word/document.xml").decode()
    fonts = set(re.findall(r'w:(?:ascii|hAnsi|cs|eastAsia)="([^"]+)"', xml))
    assert fonts == {"Times New Roman"}
    body_sizes = {r.font.size.pt for p in doc.paragraphs for r in p.runs if r.text.strip() and r.font.size}
    assert body_sizes <= {11, 12, 13, 14}


def test_header_block(sct_docx):
    doc = Document(sct_docx)
    header = doc.tables[0]
    left, right = header.rows[0].cells
    lt = [p for p in left.paragraphs if p.text.strip()]
    rt = [p for p in right.paragraphs if p.text.strip()]
    assert lt[0].text == "UBND THÀNH PHỐ HÀ NỘI"
    assert lt[1].text == "SỞ CÔNG THƯƠNG" and lt[1].runs[0].font.bold
    assert 12 <= lt[1].runs[0].font.size.pt <= 13
    num, when = (c.paragraphs[0] for c in header.rows[1].cells)  # same row: same line
    assert num.text.startswith("Số:") and num.text.endswith("/BC-SCT")
    assert rt[0].text == NATIONAL_TITLE and rt[0].runs[0].font.bold and 12 <= rt[0].runs[0].font.size.pt <= 13
    assert rt[1].text == MOTTO and rt[1].runs[0].font.bold and rt[1].runs[0].font.underline
    assert 13 <= rt[1].runs[0].font.size.pt <= 14
    assert when.text == "Hà Nội, ngày 10 tháng 11 năm 2026" and when.runs[0].font.italic
    for p in lt + rt + [num, when]:
        assert p.alignment == WD_ALIGN_PARAGRAPH.CENTER
    title = next(p for p in doc.paragraphs if p.text == "BÁO CÁO")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER and title.runs[0].font.bold
    subject = next(p for p in doc.paragraphs if p.text.startswith("Tình hình thực hiện Chỉ thị"))
    assert subject.alignment == WD_ALIGN_PARAGRAPH.CENTER and "Hà Nội năm 2026" in subject.text.replace("\u00a0", " ")


def test_page_numbers_from_page_two(sct_docx):
    doc = Document(sct_docx)
    s = doc.sections[0]
    assert s.different_first_page_header_footer
    assert all(not p.text.strip() for p in s.first_page_header.paragraphs)
    assert "PAGE" not in s.first_page_header._element.xml
    hdr = s.header._element.xml
    assert "PAGE" in hdr and "fldChar" in hdr
    assert s.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    for later in doc.sections[1:]:
        assert not later.different_first_page_header_footer


def test_answers_read_as_a_person_writes_them(sct_docx):
    doc = Document(sct_docx)
    text = _all_text(doc)
    for bad in ("None", "True", "False", "{'", "da_ban_hanh", "ubnd_tinh"):
        assert bad not in text
    assert "Đã ban hành" in text  # choice by its label
    assert "Ủy ban nhân dân tỉnh, thành phố" in text
    assert "số 45/KH-UBND ngày 05/02/2026: Kế hoạch thực hiện" in text  # document
    assert "1.250,5 triệu đồng" in text  # number with unit
    assert "5 sự kiện (ước thực hiện)" in text  # estimate
    assert "Hội nghị, hội thảo, tập huấn; Báo chí, phát thanh, truyền hình" in text  # multichoice
    assert "05/11/2026" in text  # date
    assert "Tổng công suất thiết kế: 2.000 m³/ngày đêm" in text  # computed figure
    ccn = next(t for t in doc.tables if t.rows[0].cells[1].text == "Tên cụm công nghiệp")
    headers = [c.text for c in ccn.rows[0].cells]
    assert "Diện tích (ha)" in headers and "Công suất thiết kế (m³/ngày đêm)" in headers
    last = [c.text for c in ccn.rows[-1].cells]
    assert "Tổng cộng" in last and "136,8" in last and "2.000" in last and "1.770,5*" in last
    first = [c.text for c in ccn.rows[1].cells]
    assert "950,5*" in first and "Có" in first and "Vận hành ổn định" in first
    assert "(*) Số liệu ước thực hiện đến hết kỳ báo cáo." in text


def test_recipients_and_signer(sct_docx):
    doc = Document(sct_docx)
    closing = doc.tables[-1]
    left, right = closing.rows[0].cells
    nn = left.paragraphs[0]
    assert nn.text == "Nơi nhận:" and nn.runs[0].font.bold and nn.runs[0].font.italic and nn.runs[0].font.size.pt == 12
    items = [p.text for p in left.paragraphs[1:]]
    assert items[-1].startswith("- Lưu: VT")
    assert all(p.runs[0].font.size.pt == 11 for p in left.paragraphs[1:])
    rtexts = [p for p in right.paragraphs if p.text.strip()]
    assert rtexts[0].text.replace("\n", " ") == "KT. GIÁM ĐỐC PHÓ GIÁM ĐỐC" and rtexts[0].runs[0].font.bold
    assert rtexts[-1].text == "Trần Văn Minh" and rtexts[-1].runs[0].font.bold
    assert len(right.paragraphs) - 2 >= 4  # room for the signature


def test_empty_required_answers_are_marked_and_optional_left_out(tmp_path):
    form = fixture_form()
    report = report_of(form, {"mo_ta": "Có nội dung", "co_ke_hoach": False})
    path = tmp_path / "e.docx"
    write_report_docx(form, report, UNITS.get("SCT-01"), path)
    text = _all_text(Document(path))
    assert "Tên đơn vị báo cáo: (chưa báo cáo)" in text
    assert "Đã có kế hoạch: Không" in text
    assert "Kinh phí" not in text
    assert "None" not in text and "False" not in text
    # without a date, the date line is left for the signer
    assert "Hà Nội, ngày      tháng      năm 2026" in text


@pytest.mark.parametrize("form_id", ["bc-sct", "bc-cucvu", "bc-tct"])
def test_shipped_samples_print(tmp_path, form_id):
    data = json.loads((SAMPLES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))
    form = SHIPPED.get(form_id)
    report = report_of(form, data["answers"], unit_code=data["unit_code"])
    path = tmp_path / f"{form_id}.docx"
    write_report_docx(form, report, UNITS.get(data["unit_code"]), path, date=dt.date(2026, 11, 3))
    doc = Document(path)
    text = _all_text(doc)
    assert "None" not in text and "True" not in text and "False" not in text
    assert "ngày 03 tháng 11 năm 2026" in text


def test_nddocument_api_alone(tmp_path):
    d = NDDocument("Cục Kỹ thuật an toàn và Môi trường công nghiệp", agency_parent="BỘ CÔNG THƯƠNG",
                   doc_number="12/BC-ATMT", place="Hà Nội", date=dt.date(2026, 2, 5), subject="Tổng hợp tình hình")
    d.heading("I. TÌNH HÌNH CHUNG")
    d.paragraph("Đoạn văn.")
    d.landscape()
    d.table(["A", "B"], [["x", "1"]], totals=["Tổng", "1"], numeric={1})
    d.portrait()
    d.closing(recipients=["Bộ trưởng (để báo cáo);"], archive="VT, KTAT", authority="CỤC TRƯỞNG", signer_name="Nguyễn Văn A")
    d.save(tmp_path / "n.docx")
    doc = Document(tmp_path / "n.docx")
    text = _all_text(doc)
    assert "Hà Nội, ngày 05 tháng 02 năm 2026" in text and "Số: 12/BC-ATMT" in text
    assert "- Lưu: VT, KTAT." in text
    assert [s.orientation for s in doc.sections] == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
