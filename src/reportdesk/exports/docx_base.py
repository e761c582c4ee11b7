"""A Word document laid out per Nghị định 30/2020/NĐ-CP (công tác văn thư), reusable by every report.

    doc = NDDocument(agency="SỞ CÔNG THƯƠNG", agency_parent="UBND THÀNH PHỐ HÀ NỘI", doc_number="…/BC-SCT",
                     place="Hà Nội", date=dt.date(2026, 11, 10), subject="Tình hình thực hiện Chỉ thị 20/CT-TTg")
    doc.heading("I. KẾT QUẢ THỰC HIỆN")
    doc.paragraph("Năm 2026, Sở Công Thương đã ...")
    doc.table(["Tên", "Diện tích (ha)"], [["CCN Phùng", "53,6"]], totals=["Tổng cộng", "53,6"], numeric={1})
    doc.landscape(); doc.table(...); doc.portrait()
    doc.closing(recipients=["Cục ATMT (để báo cáo);"], archive="VT, KTAT", authority="KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC",
                signer_name="Trần Văn Minh")
    doc.save("bao-cao.docx")

Layout: A4 portrait, margins top/bottom 20 mm, left 30 mm, right 15 mm; Times New Roman; the header
table (agency left; national title and motto right, each centred in its cell); "Số: …" under the
agency; place and date in italics under the motto; the document kind ("BÁO CÁO") and subject centred;
body 14 pt; page numbers centred at the top from page 2 (different first page, PAGE field); "Nơi
nhận:" bottom left (12 pt bold italic, recipients 11 pt, ending "- Lưu: VT, …"); the signer block bottom
right (authority in caps bold, room for the signature and seal, name bold).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt

from reportdesk.exports.vnformat import blank_date_line, place_date_line
from reportdesk.exports.xlsxsafe import atomic_save, clean_text

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
A4_WIDTH, A4_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
BODY_PT = 14
HEADER_PT = 13
TABLE_PT = 12
WIDE_TABLE_PT = 11


def _force_font(rpr):
    """Times New Roman for every script (Vietnamese needs hAnsi and cs too); returns the w:rFonts element."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), FONT)
    return fonts


def _set_run_font(run, size: float | None = None, *, bold: bool | None = None, italic: bool | None = None,
                  underline: bool | None = None, caps: bool = False) -> None:
    run.font.name = FONT
    _force_font(run._element.get_or_add_rPr())
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    if italic is not None:
        run.font.italic = italic
    if underline is not None:
        run.font.underline = underline
    if caps:
        run.font.all_caps = False  # the text itself is upper-cased: Word's caps would not survive copy/paste


def _spacing(p, before: float = 0, after: float = 0, line: float | None = 1.0) -> None:
    pf = p.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if line is not None:
        pf.line_spacing = line


def _short_rule(cell_or_doc, width: Emu, total: Emu) -> None:
    """A short centred horizontal line (1/3 to 1/2 of the text above): a narrow, nearly empty paragraph
    with a bottom border, so the line sits a little below the text rather than touching it."""
    p = cell_or_doc.add_paragraph()
    side = Emu(max(0, int((total - width) / 2)))
    p.paragraph_format.left_indent = side
    p.paragraph_format.right_indent = side
    _spacing(p, 0, 0, 1.0)
    ppr = p._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    line = OxmlElement("w:bottom")
    line.set(qn("w:val"), "single")
    line.set(qn("w:sz"), "6")
    line.set(qn("w:space"), "1")
    line.set(qn("w:color"), "000000")
    bdr.append(line)
    ppr.append(bdr)
    p.paragraph_format.line_spacing = Pt(3)
    r = p.add_run("")
    _set_run_font(r, 3)


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _grid_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def _cell_margins(table, top: int = 40, bottom: int = 40, left: int = 70, right: int = 70) -> None:
    tbl_pr = table._tbl.tblPr
    mar = OxmlElement("w:tblCellMar")
    for name, v in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        el = OxmlElement(f"w:{name}")
        el.set(qn("w:w"), str(v))
        el.set(qn("w:type"), "dxa")
        mar.append(el)
    tbl_pr.append(mar)


def _fixed_widths(table, widths: Sequence[Emu]) -> None:
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    grid = table._tbl.tblGrid
    for gc, w in zip(grid.findall(qn("w:gridCol")), widths):
        gc.set(qn("w:w"), str(int(w / 635)))  # EMU -> twips
    for row in table.rows:
        for cell, w in zip(row.cells, widths):
            cell.width = w


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _cant_split(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _add_page_field(paragraph) -> None:
    run = paragraph.add_run()
    _set_run_font(run, BODY_PT)
    for tag, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if tag:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), tag)
            run._r.append(el)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = text
            run._r.append(t)


class NDDocument:
    """An administrative document (default: a BÁO CÁO) in the Nghị định 30/2020 layout."""

    def __init__(self, agency: str, *, agency_parent: str | None = None, doc_number: str | None = None,
                 place: str | None = None, date: dt.date | None = None, title: str = "BÁO CÁO",
                 subject: str | None = None, year: int | None = None):
        self.doc = Document()
        self.agency = agency
        self._setup_styles()
        s = self.doc.sections[0]
        self._page(s, landscape=False)
        s.different_first_page_header_footer = True  # no number on page 1
        self._page_number(s)
        self._header_block(agency, agency_parent, doc_number, place, date, year or (date.year if date else dt.date.today().year))
        if title:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(p, 18, 0)
            _set_run_font(p.add_run(title.upper()), BODY_PT, bold=True)
        if subject:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(p, 0, 0)
            _set_run_font(p.add_run(clean_text(subject)), BODY_PT, bold=True)
        if title or subject:
            _short_rule(self.doc, Mm(45), self.text_width)
            self.doc.paragraphs[-1].paragraph_format.space_after = Pt(12)

    # --- page set-up --------------------------------------------------------------------------
    @property
    def text_width(self) -> Emu:
        s = self.doc.sections[-1]
        return Emu(s.page_width - s.left_margin - s.right_margin)

    @staticmethod
    def _page(section, *, landscape: bool) -> None:
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (A4_HEIGHT, A4_WIDTH) if landscape else (A4_WIDTH, A4_HEIGHT)
        # Nghị định 30: the same margins on landscape pages (the binding edge stays the long side at the top)
        section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
        section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
        section.header_distance = Mm(10)
        section.footer_distance = Mm(10)

    def _setup_styles(self) -> None:
        styles = self.doc.styles
        normal = styles["Normal"]
        normal.font.name = FONT
        normal.font.size = Pt(BODY_PT)
        rpr = normal.element.get_or_add_rPr()
        fonts = _force_font(rpr)
        for a in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            if fonts.get(qn(a)) is not None:
                del fonts.attrib[qn(a)]
        lang = OxmlElement("w:lang")
        lang.set(qn("w:val"), "vi-VN")
        rpr.append(lang)
        pf = normal.paragraph_format
        pf.space_before = Pt(0)
        pf.space_after = Pt(6)
        pf.line_spacing = 1.1
        # the document defaults (docDefaults) too, so tables and headers inherit Times New Roman
        defaults = self.doc.styles.element.find(qn("w:docDefaults"))
        if defaults is not None:
            rfonts = defaults.find(".//" + qn("w:rFonts"))
            if rfonts is not None:
                for a in list(rfonts.attrib):
                    del rfonts.attrib[a]
                for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    rfonts.set(qn(attr), FONT)

    def _page_number(self, section) -> None:
        header = section.header
        header.is_linked_to_previous = False
        p = header.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _add_page_field(p)
        section.first_page_header.is_linked_to_previous = False  # page 1: empty header

    def _header_block(self, agency: str, parent: str | None, number: str | None, place: str | None,
                      date: dt.date | None, year: int) -> None:
        """Two rows, two borderless columns: (agency | national title + motto) then ("Số: ..." | place, date),
        so that the number and the date always stand on the same line."""
        width = self.text_width
        left_w = Mm(68)
        right_w = Emu(width - left_w)
        t = self.doc.add_table(rows=2, cols=2)
        _no_borders(t)
        _cell_margins(t, 0, 0, 0, 0)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fixed_widths(t, [left_w, right_w])
        left, right = t.rows[0].cells
        num_cell, date_cell = t.rows[1].cells

        def centred(cell, first: bool = False):
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(p)
            return p

        # left: cơ quan chủ quản (caps, regular), cơ quan ban hành (caps, bold), a short line under it
        p = centred(left, True)
        if parent:
            _set_run_font(p.add_run(clean_text(parent).upper()), HEADER_PT, bold=False)
            p = centred(left)
        _set_run_font(p.add_run(clean_text(agency).upper()), HEADER_PT, bold=True)
        _short_rule(left, Mm(22), left_w)
        # right: quốc hiệu (caps bold 13), tiêu ngữ (bold 14, underlined: the line as long as the words)
        p = centred(right, True)
        _set_run_font(p.add_run(NATIONAL_TITLE), HEADER_PT, bold=True)
        p = centred(right)
        _set_run_font(p.add_run(MOTTO), BODY_PT, bold=True, underline=True)
        # second row: "Số: .../BC-..." under the agency; place and date (italic) under the motto
        p = centred(num_cell, True)
        _spacing(p, 6, 0)
        _set_run_font(p.add_run(f"Số: {clean_text(number) if number else '      /BC'}"), HEADER_PT)
        p = centred(date_cell, True)
        _spacing(p, 6, 0)
        line = place_date_line(place, date) if date else blank_date_line(place, year)
        _set_run_font(p.add_run(line), BODY_PT, italic=True)
        for c in (left, right, num_cell, date_cell):
            c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    # --- content -----------------------------------------------------------------------------
    def heading(self, text: str, level: int = 1):
        """Level 1: bold (e.g. "I. KẾT QUẢ"); level 2: bold ("1. ..."); level 3: bold italic ("a) ...")."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(10)
        p.paragraph_format.keep_with_next = True
        _spacing(p, 6 if level == 1 else 3, 6, 1.1)
        _set_run_font(p.add_run(clean_text(text)), BODY_PT, bold=True, italic=level >= 3)
        return p

    def paragraph(self, text: str = "", *, bold: bool = False, italic: bool = False, indent: bool = True,
                  align: str = "justify", size: float = BODY_PT):
        """A body paragraph (justified, first line indented 1 cm). Newlines start new paragraphs."""
        last = None
        for line in (clean_text(text).split("\n") if text else [""]):
            p = self.doc.add_paragraph()
            p.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                           "left": WD_ALIGN_PARAGRAPH.LEFT, "right": WD_ALIGN_PARAGRAPH.RIGHT}[align]
            if indent:
                p.paragraph_format.first_line_indent = Mm(10)
            _spacing(p, 0, 6, 1.1)
            if line:
                _set_run_font(p.add_run(line), size, bold=bold, italic=italic)
            last = p
        return last

    def labelled(self, label: str, value: str, *, dash: bool = True):
        """"- Label: value" with the value in regular type."""
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Mm(10)
        _spacing(p, 0, 4, 1.1)
        _set_run_font(p.add_run(("- " if dash else "") + clean_text(label) + ": "), BODY_PT)
        lines = clean_text(value).split("\n")
        for i, line in enumerate(lines):
            r = p.add_run(line)
            _set_run_font(r, BODY_PT)
            if i < len(lines) - 1:
                r.add_break(WD_BREAK.LINE)
        return p

    def table(self, headers: Sequence[str], rows: Iterable[Sequence[str]], *, totals: Sequence[str] | None = None,
              widths: Sequence[float] | None = None, numeric: set[int] | frozenset[int] = frozenset(),
              font_size: float | None = None, caption: str | None = None,
              centred: set[int] | frozenset[int] = frozenset()):
        """A bordered table with a repeated bold header row, optional bold totals row; ``widths`` are
        relative weights; columns in ``numeric`` are right-aligned, those in ``centred`` centred (e.g. TT)."""
        if caption:
            p = self.doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.keep_with_next = True
            _spacing(p, 6, 4)
            _set_run_font(p.add_run(clean_text(caption)), BODY_PT, bold=True)
        size = font_size or TABLE_PT
        rows = [list(r) for r in rows]
        n = len(headers)
        t = self.doc.add_table(rows=1, cols=n)
        _grid_borders(t)
        _cell_margins(t)
        t.alignment = WD_TABLE_ALIGNMENT.CENTER
        weights = list(widths or [1] * n)
        total_w = sum(weights) or 1
        avail = self.text_width
        col_w = [Emu(int(avail * w / total_w)) for w in weights]

        def fill(row_cells, values, *, bold: bool = False, header: bool = False) -> None:
            for i, (cell, v) in enumerate(zip(row_cells, values)):
                p = cell.paragraphs[0]
                _spacing(p, 0, 0, 1.0)
                if header:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif i in centred:
                    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
                elif i in numeric:
                    p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                else:
                    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
                lines = clean_text(str(v) if v is not None else "").split("\n")
                for j, line in enumerate(lines):
                    r = p.add_run(line)
                    _set_run_font(r, size, bold=bold)
                    if j < len(lines) - 1:
                        r.add_break(WD_BREAK.LINE)
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER if header else WD_CELL_VERTICAL_ALIGNMENT.TOP

        fill(t.rows[0].cells, headers, bold=True, header=True)
        _repeat_header(t.rows[0])
        for r in rows:
            row = t.add_row()
            _cant_split(row)
            fill(row.cells, r)
        if totals is not None:
            row = t.add_row()
            _cant_split(row)
            fill(row.cells, totals, bold=True)
        _fixed_widths(t, col_w)
        after = self.doc.add_paragraph()
        _spacing(after, 0, 6)
        return t

    def page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _new_section(self, landscape: bool) -> None:
        s = self.doc.add_section(WD_SECTION.NEW_PAGE)
        self._page(s, landscape=landscape)
        s.different_first_page_header_footer = False  # numbers continue on every later page
        s.header.is_linked_to_previous = True

    def landscape(self) -> None:
        """Start a landscape page (for a wide table); :meth:`portrait` goes back."""
        if self.doc.sections[-1].orientation != WD_ORIENT.LANDSCAPE:
            self._new_section(True)

    def portrait(self) -> None:
        if self.doc.sections[-1].orientation != WD_ORIENT.PORTRAIT:
            self._new_section(False)

    def closing(self, *, recipients: Sequence[str] = (), archive: str = "VT", authority: str = "",
                signer_name: str = "", signer_title: str | None = None) -> None:
        """"Nơi nhận:" bottom left, the signer block bottom right (side by side, borderless)."""
        # the signature never stands alone on a page: the last lines of the body go with it
        body = self.doc.element.body
        tail = [el for el in body if el.tag in (qn("w:p"), qn("w:tbl"))][-2:]
        for el in tail:
            if el.tag == qn("w:p"):
                ppr = el.get_or_add_pPr()
                if ppr.find(qn("w:keepNext")) is None:
                    ppr.append(OxmlElement("w:keepNext"))
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.keep_with_next = True
        _spacing(spacer, 0, 6)
        width = self.text_width
        left_w = Emu(int(width * 0.45))
        t = self.doc.add_table(rows=1, cols=2)
        _no_borders(t)
        _cell_margins(t, 0, 0, 0, 0)
        _fixed_widths(t, [left_w, Emu(width - left_w)])
        _cant_split(t.rows[0])
        left, right = t.rows[0].cells
        p = left.paragraphs[0]
        _spacing(p, 0, 0)
        _set_run_font(p.add_run("Nơi nhận:"), 12, bold=True, italic=True)
        items = [clean_text(r) for r in recipients] + [f"Lưu: {archive}."]
        for item in items:
            p = left.add_paragraph()
            _spacing(p, 0, 0, 1.0)
            _set_run_font(p.add_run(f"- {item}"), 11)
        p = right.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, 0, 0)
        auth_lines = [x for x in clean_text(authority).upper().split("\n") if x.strip()] or [""]
        for i, line in enumerate(auth_lines):
            r = p.add_run(line)
            _set_run_font(r, BODY_PT, bold=True)
            if i < len(auth_lines) - 1:
                r.add_break(WD_BREAK.LINE)
        if signer_title:
            p2 = right.add_paragraph()
            p2.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _spacing(p2)
            _set_run_font(p2.add_run(clean_text(signer_title)), BODY_PT, italic=True)
        for _ in range(4):  # room for the signature and the seal
            sp = right.add_paragraph()
            _spacing(sp, 0, 0)
            _set_run_font(sp.add_run(""), BODY_PT)
        p = right.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _spacing(p, 12, 0)
        _set_run_font(p.add_run(clean_text(signer_name)), BODY_PT, bold=True)

    # --- output ------------------------------------------------------------------------------
    def set_properties(self, *, title: str | None = None, author: str | None = None, subject: str | None = None) -> None:
        cp = self.doc.core_properties
        if title:
            cp.title = clean_text(title)[:250]
        if author:
            cp.author = clean_text(author)[:250]
        if subject:
            cp.subject = clean_text(subject)[:250]
        cp.language = "vi-VN"

    def save(self, path: str | Path) -> None:
        """Written atomically (a temporary file moved into place)."""
        atomic_save(self.doc.save, path)
