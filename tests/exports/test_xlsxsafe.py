"""Excel safety: texts never become formulas; untrusted workbooks are bounded and entity-free."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from exportsamples import fixture_form
from reportdesk.exports.workbook import WorkbookRejected, read_workbook, write_template
from reportdesk.exports.xlsxsafe import UnsafeWorkbook, check_xlsx_file, load_untrusted_workbook, safe_cell

FORM = fixture_form()

BILLION_LAUGHS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
"""

EXTERNAL = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
"""


def _rewrite(src: Path, dst: Path, member_pattern: str, transform) -> str:
    """Copy an xlsx, transforming the first member whose name matches."""
    done = None
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if done is None and re.search(member_pattern, info.filename):
                data = transform(data.decode("utf-8")).encode("utf-8")
                done = info.filename
            zout.writestr(info, data)
    assert done
    return done


def _with_doctype(text: str, doctype: str, entity_ref: str) -> str:
    body = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
    # put a reference to the entity in the first inline string
    body = body.replace("<t>", f"<t>{entity_ref}", 1) if "<t>" in body else body
    return doctype + body


@pytest.fixture
def template(tmp_path) -> Path:
    p = tmp_path / "t.xlsx"
    write_template(FORM, p)
    return p


def test_safe_cell_never_stores_a_formula(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    texts = ["=cmd|' /C calc'!A0", "+1+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "#N/A", "=HYPERLINK(\"http://x\",\"y\")"]
    for i, t in enumerate(texts, 1):
        safe_cell(ws.cell(row=i, column=1), t)
    safe_cell(ws.cell(row=20, column=1), "nul\x00 char\x07")
    wb.save(tmp_path / "s.xlsx")
    with zipfile.ZipFile(tmp_path / "s.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml and 't="e"' not in xml
    back = openpyxl.load_workbook(tmp_path / "s.xlsx").active
    for i, t in enumerate(texts, 1):
        c = back.cell(row=i, column=1)
        assert c.data_type == "s"
        assert c.value.replace("\r", "\n") == t.replace("\r", "\n") or c.value == t
        if t[0] in "=+-@\t\r":
            assert c.quotePrefix, t
    assert back.cell(row=20, column=1).value == "nul char"


def test_safe_cell_value_form_for_append(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([safe_cell("=cmd|' /C calc'!A0"), safe_cell("#N/A"), safe_cell("-5"), safe_cell(5), safe_cell("bình thường"), safe_cell(None)])
    wb.save(tmp_path / "a.xlsx")
    with zipfile.ZipFile(tmp_path / "a.xlsx") as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="e"' not in xml
    row = [c.value for c in openpyxl.load_workbook(tmp_path / "a.xlsx").active[1]]
    assert row[:5] == ["=cmd|' /C calc'!A0", "#N/A", "-5", 5, "bình thường"]


@pytest.mark.parametrize("doctype,ref", [(BILLION_LAUGHS, "&lol9;"), (EXTERNAL, "&xxe;")], ids=["billion-laughs", "external-entity"])
@pytest.mark.parametrize("member", [r"xl/worksheets/sheet\d+\.xml", r"xl/workbook\.xml", r"docProps/core\.xml"])
def test_entity_tricks_refused(template, tmp_path, doctype, ref, member):
    bad = tmp_path / "bad.xlsx"
    _rewrite(template, bad, member, lambda t: _with_doctype(t, doctype, ref))
    with pytest.raises(UnsafeWorkbook) as ei:
        read_workbook(FORM, bad)
    assert "DOCTYPE" in ei.value.message or "thực thể" in ei.value.message


def test_openpyxl_itself_refuses_entities_behind_the_scan(template, tmp_path, monkeypatch):
    """Defence in depth: even without the DOCTYPE scan, the entity is never expanded."""
    from reportdesk.exports import xlsxsafe

    bad = tmp_path / "bad.xlsx"
    _rewrite(template, bad, r"xl/worksheets/sheet2\.xml", lambda t: _with_doctype(t, EXTERNAL, "&xxe;"))
    monkeypatch.setattr(xlsxsafe, "_DTD_RE", re.compile(rb"(?!x)x"))
    with pytest.raises(UnsafeWorkbook, match="thực thể"):
        load_untrusted_workbook(bad)


def test_zip_bomb_and_garbage_refused(tmp_path, template):
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(template) as zin, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info, zin.read(info.filename))
        zout.writestr("xl/media/zeros.bin", b"\0" * 5_000_000)
    with pytest.raises(UnsafeWorkbook, match="nén"):
        check_xlsx_file(bomb)
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"PK\x03\x04 this is not really a zip")
    with pytest.raises(UnsafeWorkbook, match="không phải tệp Excel"):
        read_workbook(FORM, junk)
    text = tmp_path / "text.xlsx"
    text.write_text("a,b,c\n=1+1,2,3\n")
    with pytest.raises(UnsafeWorkbook):
        read_workbook(FORM, text)
    with pytest.raises(UnsafeWorkbook, match="quá lớn"):
        check_xlsx_file(template, max_bytes=1000)
    with pytest.raises(UnsafeWorkbook, match="Không tìm thấy"):
        read_workbook(FORM, tmp_path / "missing.xlsx")


def test_formula_cells_rejected_with_address(template, tmp_path):
    from reportdesk.exports.workbook import layout_of

    layout = layout_of(FORM)
    sec = layout.sections[0]
    row = dict((f.id, r) for r, f in sec.rows)
    wb = openpyxl.load_workbook(template)
    wb[sec.title][f"C{row['kinh_phi']}"] = "=SUM(1,2)"
    wb[sec.title][f"C{row['ten']}"] = '=WEBSERVICE("http://example.invalid")'
    wb.save(template)
    with pytest.raises(WorkbookRejected) as ei:
        read_workbook(FORM, template)
    assert sorted(p.split(":")[0] for p in ei.value.problems) == sorted(
        [f"{sec.title}!C{row['kinh_phi']}", f"{sec.title}!C{row['ten']}"])
