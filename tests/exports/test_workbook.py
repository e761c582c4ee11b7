"""The Excel template, the filled workbook and reading it back (issue 6, items 1-3 and 5)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings

from exportsamples import SAMPLES_DIR, SCT_ANSWERS, fixture_form, report_of, shipped_forms, units
from strategies import answers_for
from reportdesk.domain.validate import coerce_answers
from reportdesk.exports.workbook import (
    FIRST_ROW,
    LISTS_SHEET,
    META_SHEET,
    WorkbookRejected,
    layout_of,
    read_workbook,
    write_filled,
    write_template,
)

FORM = fixture_form()
SHIPPED = shipped_forms()
UNITS = units()


def _sheet_xml(path: Path, title: str) -> str:
    """The XML of the worksheet called ``title`` (via workbook.xml and its relationships)."""
    import re

    with zipfile.ZipFile(path) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        m = re.search(r'<sheet [^>]*name="%s"[^>]*r:id="(rId\d+)"' % re.escape(title), wb)
        assert m, title
        target = re.search(r'Id="%s"[^>]*Target="([^"]+)"' % m.group(1), rels) or re.search(
            r'Target="([^"]+)"[^>]*Id="%s"' % m.group(1), rels)
        name = target.group(1).lstrip("/")
        name = name if name.startswith("xl/") else "xl/" + name
        return z.read(name).decode()


# --- round trip -------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(answers=answers_for(FORM, "SCT-01"))
def test_round_trip_fixture_form(tmp_path_factory, answers):
    path = tmp_path_factory.mktemp("rt") / "r.xlsx"
    report = report_of(FORM, answers)
    write_filled(FORM, report, path, UNITS.get("SCT-01"))
    assert read_workbook(FORM, path) == report.answers


@pytest.mark.parametrize("form_id,unit", [("bc-sct", "SCT-01"), ("bc-cucvu", "CUC-HC"), ("bc-tct", "TCT-HABECO")])
def test_round_trip_shipped_forms(tmp_path_factory, form_id, unit):
    form = SHIPPED.get(form_id)

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(answers=answers_for(form, unit))
    def run(answers):
        path = tmp_path_factory.mktemp("rt") / "r.xlsx"
        report = report_of(form, answers, unit_code=unit)
        write_filled(form, report, path, UNITS.get(unit))
        assert read_workbook(form, path) == report.answers

    run()


@pytest.mark.parametrize("form_id", ["bc-sct", "bc-cucvu", "bc-tct"])
def test_round_trip_shipped_samples(tmp_path, form_id):
    data = json.loads((SAMPLES_DIR / f"{form_id}.json").read_text(encoding="utf-8"))
    form = SHIPPED.get(form_id)
    report = report_of(form, data["answers"], unit_code=data["unit_code"])
    write_filled(form, report, tmp_path / "s.xlsx", UNITS.get(data["unit_code"]))
    assert read_workbook(form, tmp_path / "s.xlsx") == report.answers


# --- the template ----------------------------------------------------------------------------


def test_template_layout(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(FORM, path, UNITS.get("SCT-01"))
    wb = openpyxl.load_workbook(path)
    layout = layout_of(FORM)
    assert wb.sheetnames[0] == "Hướng dẫn"
    assert wb[META_SHEET].sheet_state == "veryHidden" and wb[LISTS_SHEET].sheet_state == "veryHidden"
    meta = {wb[META_SHEET].cell(r, 1).value: wb[META_SHEET].cell(r, 2).value for r in range(1, 6)}
    assert meta["form_id"] == "thu-xuat" and meta["form_version"] == 1 and meta["unit_code"] == "SCT-01"
    sec = wb[layout.sections[0].title]
    assert sec.protection.sheet and not sec.protection.password
    # labels locked, value cells unlocked; units of measure shown
    row = dict((f.id, r) for r, f in layout.sections[0].rows)
    assert sec.cell(row["ten"], 2).protection.locked
    assert not sec.cell(row["ten"], 3).protection.locked
    assert sec.cell(row["kinh_phi"], 4).value == "triệu đồng"
    assert not sec.cell(row["so_cuoc"], 5).protection.locked  # estimate marker
    assert sec.cell(row["kinh_phi"], 5).protection.locked  # no estimate there
    # drop-downs and number/date validation
    kinds = {}
    for dv in sec.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            kinds[rng.coord] = dv.type
    assert kinds[f"C{row['trang_thai']}"] == "list"
    assert kinds[f"C{row['co_ke_hoach']}"] == "list"
    assert kinds[f"C{row['so_cuoc']}"] == "whole"
    assert kinds[f"C{row['kinh_phi']}"] == "decimal"
    assert kinds[f"C{row['ngay_chot']}"] == "date"
    # the table: header, prefilled rows locked with their key in a hidden column, room below
    ts = layout.tables["nhiem_vu"]
    tw = wb[ts.title]
    key_letter = openpyxl.utils.get_column_letter(ts.key_col)
    assert tw.column_dimensions[key_letter].hidden
    assert tw.cell(FIRST_ROW, ts.key_col).value == "nv1"
    name_col = ts.value_col("ten_nv")
    assert tw.cell(FIRST_ROW, name_col).value == "Rà soát hệ thống xử lý nước thải"
    assert tw.cell(FIRST_ROW, name_col).protection.locked
    assert not tw.cell(FIRST_ROW, ts.value_col("tinh_trang")).protection.locked
    assert not tw.cell(FIRST_ROW + 2, name_col).protection.locked  # an extra row: free
    assert "Khối lượng (tấn)" in [c.value for c in tw[3]]
    assert "Ước?" in [c.value for c in tw[3]]
    # an empty template reads back as the prefilled rows only
    assert read_workbook(FORM, path) == {"nhiem_vu": [{"_key": "nv1", "ten_nv": "Rà soát hệ thống xử lý nước thải"},
                                                      {"_key": "nv2", "ten_nv": "Tuyên truyền Chỉ thị 20"}]}


def test_shipped_templates_read_back_empty(tmp_path):
    for form in SHIPPED.all():
        write_template(form, tmp_path / f"{form.id}.xlsx")
        assert read_workbook(form, tmp_path / f"{form.id}.xlsx") == {}


# --- filling in Excel ------------------------------------------------------------------------


def _fill_template(path: Path, edits: dict[tuple[str, str], object]) -> None:
    wb = openpyxl.load_workbook(path)
    for (sheet, coord), value in edits.items():
        wb[sheet][coord] = value
    wb.save(path)


def test_extra_rows_become_table_rows_and_labels_map(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(FORM, path, UNITS.get("SCT-01"))
    layout = layout_of(FORM)
    ts = layout.tables["nhiem_vu"]
    L = lambda cid: openpyxl.utils.get_column_letter(ts.value_col(cid))  # noqa: E731
    est = openpyxl.utils.get_column_letter(ts.value_col("khoi_luong") + 1)
    sec = layout.sections[0]
    row = dict((f.id, r) for r, f in sec.rows)
    _fill_template(path, {
        (sec.title, f"C{row['ten']}"): "  Sở Công Thương Hà Nội ",
        (sec.title, f"C{row['trang_thai']}"): "Lồng ghép trong kế hoạch khác, chương trình khác",
        (sec.title, f"C{row['co_ke_hoach']}"): "Có",
        (sec.title, f"C{row['so_cuoc']}"): 12,
        (sec.title, f"E{row['so_cuoc']}"): "Ước",
        (sec.title, f"C{row['kinh_phi']}"): "1.234,5",
        (sec.title, f"C{row['ngay_chot']}"): "05/02/2026",
        (sec.title, f"C{row['hinh_thuc']}"): "Báo chí; Hội nghị, hội thảo",
        (sec.title, f"C{row['van_ban_khac']}"): "12/KH-UBND | 05/02/2026 | Kế hoạch A\n7/QĐ-SCT | 01/03/2026 | Quyết định B",
        (ts.title, f"{L('tinh_trang')}{FIRST_ROW}"): "Hoàn thành",
        (ts.title, f"{L('khoi_luong')}{FIRST_ROW}"): 10.5,
        (ts.title, f"{est}{FIRST_ROW}"): "Ước",
        (ts.title, f"{L('ten_nv')}{FIRST_ROW + 5}"): "Nhiệm vụ thêm",
        (ts.title, f"{L('so_luot')}{FIRST_ROW + 5}"): 3,
        (ts.title, f"{L('ten_nv')}{FIRST_ROW + 40}"): "Dòng thêm ngoài vùng tô màu",
    })
    a = read_workbook(FORM, path)
    assert a["ten"] == "Sở Công Thương Hà Nội"
    assert a["trang_thai"] == "long_ghep"
    assert a["co_ke_hoach"] is True
    assert a["so_cuoc"] == {"value": 12, "estimate": True}
    assert a["kinh_phi"] == 1234.5
    assert a["ngay_chot"] == "2026-02-05"
    assert a["hinh_thuc"] == ["hoi_nghi", "bao_chi"]
    assert a["van_ban_khac"] == [{"so_ky_hieu": "12/KH-UBND", "ngay": "2026-02-05", "trich_yeu": "Kế hoạch A"},
                                 {"so_ky_hieu": "7/QĐ-SCT", "ngay": "2026-03-01", "trich_yeu": "Quyết định B"}]
    rows = a["nhiem_vu"]
    assert rows[0] == {"_key": "nv1", "ten_nv": "Rà soát hệ thống xử lý nước thải", "tinh_trang": "xong",
                       "khoi_luong": {"value": 10.5, "estimate": True}}
    assert rows[1]["_key"] == "nv2"
    assert rows[2] == {"ten_nv": "Nhiệm vụ thêm", "so_luot": 3}
    assert rows[3] == {"ten_nv": "Dòng thêm ngoài vùng tô màu"}
    assert len(rows) == 4


def test_every_problem_has_its_cell_address(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(FORM, path)
    layout = layout_of(FORM)
    sec = layout.sections[0]
    row = dict((f.id, r) for r, f in sec.rows)
    ts = layout.tables["nhiem_vu"]
    L = lambda cid: openpyxl.utils.get_column_letter(ts.value_col(cid))  # noqa: E731
    _fill_template(path, {
        (sec.title, f"C{row['so_cuoc']}"): "mười hai",
        (sec.title, f"C{row['ngay_chot']}"): "31/02/2026",
        (sec.title, f"C{row['trang_thai']}"): "Không có trong danh sách",
        (sec.title, f"C{row['co_ke_hoach']}"): "Có lẽ",
        (sec.title, f"C{row['kinh_phi']}"): "=1+1",
        (ts.title, f"{L('so_luot')}{FIRST_ROW + 1}"): 2.5,
    })
    with pytest.raises(WorkbookRejected) as ei:
        read_workbook(FORM, path)
    probs = ei.value.problems
    s = sec.title
    assert any(p.startswith(f"{s}!C{row['so_cuoc']}: ") and "'mười hai'" in p for p in probs), probs
    assert any(p.startswith(f"{s}!C{row['ngay_chot']}: ") for p in probs), probs
    assert any(p.startswith(f"{s}!C{row['trang_thai']}: ") for p in probs), probs
    assert any(p.startswith(f"{s}!C{row['co_ke_hoach']}: ") for p in probs), probs
    assert any(p.startswith(f"{s}!C{row['kinh_phi']}: ") and "công thức" in p for p in probs), probs
    assert any(p.startswith(f"{ts.title}!{L('so_luot')}{FIRST_ROW + 1}: ") for p in probs), probs
    assert len(probs) == 6
    assert "6 lỗi" in ei.value.message


def test_workbook_of_another_form_or_version_is_refused(tmp_path):
    other = SHIPPED.get("bc-sct")
    write_template(other, tmp_path / "sct.xlsx")
    with pytest.raises(WorkbookRejected) as ei:
        read_workbook(FORM, tmp_path / "sct.xlsx")
    assert "bc-sct" in ei.value.message and "thu-xuat" in ei.value.message
    # same id, another version
    v2 = FORM.model_copy(update={"version": 2})
    write_template(v2, tmp_path / "v2.xlsx")
    with pytest.raises(WorkbookRejected) as ei:
        read_workbook(FORM, tmp_path / "v2.xlsx")
    assert "phiên bản 2" in ei.value.message
    # a workbook that is not a template at all
    wb = openpyxl.Workbook()
    wb.active["A1"] = "xin chào"
    wb.save(tmp_path / "plain.xlsx")
    with pytest.raises(WorkbookRejected) as ei:
        read_workbook(FORM, tmp_path / "plain.xlsx")
    assert "không phải mẫu Excel" in ei.value.message


def test_texts_that_look_like_formulas_are_written_as_text(tmp_path):
    answers = {"ten": "=cmd|' /C calc'!A0", "mo_ta": "+SUM(A1:A9)\n-1", "nhiem_vu": [{"ten_nv": "@SUM(1)", "ghi_chu": "=HYPERLINK(\"http://x\")"}]}
    report = report_of(FORM, answers, unit_code="SCT-04")
    path = tmp_path / "f.xlsx"
    write_filled(FORM, report, path)
    layout = layout_of(FORM)
    for title in [layout.sections[0].title, layout.tables["nhiem_vu"].title]:
        xml = _sheet_xml(path, title)
        assert "<f>" not in xml and "<f " not in xml
    assert "=cmd|" in _sheet_xml(path, layout.sections[0].title)
    wb = openpyxl.load_workbook(path)
    ws = wb[layout.sections[0].title]
    row = dict((f.id, r) for r, f in layout.sections[0].rows)
    c = ws.cell(row["ten"], 3)
    assert c.data_type == "s" and c.value == "=cmd|' /C calc'!A0" and c.quotePrefix
    assert read_workbook(FORM, path) == report.answers


def test_attachments_are_shown_but_not_read(tmp_path):
    report = report_of(FORM, {"dinh_kem": {"name": "bien-ban.pdf", "size": 10}, "ten": "A"})
    write_filled(FORM, report, tmp_path / "f.xlsx")
    assert read_workbook(FORM, tmp_path / "f.xlsx") == {"ten": "A"}


def test_sample_answers_coerce_cleanly():
    form = SHIPPED.get("bc-sct")
    _, problems = coerce_answers(form, SCT_ANSWERS)
    assert problems == []


class _FakeRepo:
    def __init__(self, form, report):
        self.form, self.report, self.filled = form, report, None

    def get(self, rid):
        return self.report

    def form_of(self, r):
        return self.form

    def replace_answers(self, rid, raw, source="cli"):
        answers, problems = coerce_answers(self.form, raw)
        assert not problems
        self.filled = (answers, source)
        return self.report


class _FakeCtx:
    def __init__(self, repo):
        self.reports = repo


def test_fill_from_xlsx_restores_plan_rows_keeps_attachments_and_checks_unit(tmp_path):
    from reportdesk.exports.workbook import fill_from_xlsx

    report = report_of(FORM, {"dinh_kem": {"name": "bien-ban.pdf", "sha256": "ab" * 32, "size": 3}}, unit_code="SCT-01")
    repo = _FakeRepo(FORM, report)
    # a template made without a unit: the plan's rows are put back in front of what was typed
    write_template(FORM, tmp_path / "no-unit.xlsx")
    ts = layout_of(FORM).tables["nhiem_vu"]
    wb = openpyxl.load_workbook(tmp_path / "no-unit.xlsx")
    wb[ts.title].cell(FIRST_ROW, ts.value_col("ten_nv"), "Việc riêng của Sở")
    wb.save(tmp_path / "no-unit.xlsx")
    fill_from_xlsx(_FakeCtx(repo), 1, tmp_path / "no-unit.xlsx")
    answers, source = repo.filled
    assert source == "xlsx"
    assert [r.get("_key") for r in answers["nhiem_vu"]] == ["nv1", "nv2", None]
    assert answers["dinh_kem"] == report.answers["dinh_kem"]
    # a template made for another unit is refused
    write_template(FORM, tmp_path / "other.xlsx", UNITS.get("SCT-04"))
    repo.filled = None
    with pytest.raises(WorkbookRejected, match="SCT-04"):
        fill_from_xlsx(_FakeCtx(repo), 1, tmp_path / "other.xlsx")
    assert repo.filled is None
