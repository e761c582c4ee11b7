"""The shipped form definitions: valid, complete against the plan (QĐ 2678/QĐ-BCT), correct Vietnamese."""

from __future__ import annotations

import unicodedata

import pytest
import yaml

from reportdesk.domain.forms import FieldType, check_form_file
from reportdesk.domain.units import load_units

from formsdata import FORM_IDS, FORMS, RESOURCES, forms  # noqa: F401 (fixture)


def test_every_shipped_form_file_checks_clean_and_is_named_after_its_id():
    files = sorted(FORMS.glob("*.yaml"))
    assert {p.name for p in files} >= {f"{fid}.v1.yaml" for fid in FORM_IDS}
    for p in files:
        form, problems = check_form_file(p)
        assert problems == [], [str(x) for x in problems]
        assert p.name == f"{form.id}.v{form.version}.yaml"


@pytest.mark.parametrize(
    "form_id, unit_kinds, periods",
    [
        ("bc-cucvu", ("department",), {"half", "year", "adhoc"}),  # III.2: 6 tháng, hằng năm, đột xuất
        ("bc-sct", ("province",), {"year", "adhoc"}),  # III.4: trước 15/11 hằng năm hoặc đột xuất
        ("bc-tct", ("corporation",), {"year", "adhoc"}),  # III.5
    ],
)
def test_who_fills_each_form_and_for_which_periods(forms, form_id, unit_kinds, periods):
    f = forms[form_id]
    assert f.unit_kinds == unit_kinds
    assert set(f.periods) == periods
    assert f.subject and "20/CT-TTg" in f.subject


def _texts(obj):
    if isinstance(obj, str):
        yield obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _texts(k)
            yield from _texts(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _texts(v)


@pytest.mark.parametrize("path", [*(FORMS / f"{fid}.v1.yaml" for fid in FORM_IDS), RESOURCES / "units.yaml", RESOURCES / "calendar.yaml"])
def test_all_text_is_nfc(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    bad = [t for t in _texts(data) if unicodedata.normalize("NFC", t) != t]
    assert bad == []


def test_labels_are_vietnamese_with_diacritics(forms):
    # every section title and field label is written in Vietnamese (not an English or unaccented placeholder)
    for f in forms.values():
        for s, fld in f.iter_fields():
            for text in (s.title, fld.label, *(c.label for c in fld.columns)):
                assert any(ord(ch) > 127 for ch in text), text


# --- the department form: section II of the plan, task by task ----------------------------------------------------

PLAN_TASKS = {
    # unit: [(key words that must be in the task, time frame)]
    "CUC-ATMT": [
        ("Đầu mối phối hợp với các Bộ, ngành và địa phương", "2025-2030"),
        ("hoàn thiện các quy định của pháp luật về phát triển ngành công nghiệp môi trường", "2025-2030"),
        ("Danh mục cụ thể công nghệ, thiết bị, sản phẩm ngành công nghiệp môi trường", "2025-2030"),
        ("kiểm tra, giám sát", "Hàng năm"),
        ("tuyên truyền, phổ biến các chính sách pháp luật", "Hàng năm"),
        ("hệ thống xử lý nước thải tập trung tại các cụm công nghiệp", "Thường xuyên"),
        ("quản lý nhà nước về bảo vệ môi trường tại các khu, cụm công nghiệp", "Khi có yêu cầu phối hợp"),
    ],
    "CUC-CN": [("kinh tế tuần hoàn, công nghệ xanh vào chiến lược phát triển ngành công nghiệp chế biến, chế tạo", "Thường xuyên")],
    "CUC-DL": [
        ("điện năng lượng tái tạo, điện năng lượng mới trong các khu, cụm công nghiệp", "Thường xuyên"),
        ("chất thải trong các nhà máy nhiệt điện", "2025-2030"),
    ],
    "CUC-HC": [
        ("hướng dẫn kỹ thuật về phòng ngừa, ứng phó sự cố hóa chất", "2025-2027"),
        ("hóa chất cần kiểm soát đặc biệt", "Hàng năm"),
    ],
    "CUC-DCK": [
        ("tiêu chí đánh giá cụm công nghiệp sinh thái", "2026-2030"),
        ("tiết kiệm điện, sử dụng năng lượng sạch", "2025-2030"),
        ("Phối hợp với Cục Kỹ thuật an toàn và Môi trường công nghiệp trong công tác quản lý nhà nước", "Thường xuyên"),
    ],
    "CUC-XNK": [
        ("tạm nhập, tái xuất, chuyển khẩu", "2025-2030"),
        ("máy móc, thiết bị đã qua sử dụng và phế liệu làm nguyên liệu sản xuất", "2025-2030"),
    ],
    "BAO-CT": [("tuyên truyền, phổ biến những nỗ lực của ngành Công Thương", "Thường xuyên")],
}


def test_each_unit_gets_exactly_the_tasks_the_plan_gives_it(forms):
    table = forms["bc-cucvu"].field("nhiem_vu")
    assert set(table.prefill) == set(PLAN_TASKS) | {"*"}
    for unit, tasks in PLAN_TASKS.items():
        rows = table.prefill[unit]
        assert len(rows) == len(tasks), unit
        for row, (words, time_frame) in zip(rows, tasks):
            assert words in row["noi_dung"], (unit, row["noi_dung"])
            assert row["thoi_gian"].startswith(time_frame), (unit, row["thoi_gian"])


def test_cuc_hc_sees_its_two_tasks_plus_the_shared_programme_row(forms):
    rows = forms["bc-cucvu"].initial_answers("CUC-HC")["nhiem_vu"]
    assert len(rows) == 3
    assert [r["_key"] for r in rows if r["_key"] != "cnmt-phoi-hop"] == ["hc-su-co", "hc-kiem-soat"]
    assert all(r["chu_tri"] == "Cục Hóa chất" for r in rows[1:])


def test_the_programme_coordination_row_goes_to_every_department_but_the_focal_point(forms):
    table = forms["bc-cucvu"].field("nhiem_vu")
    assert "cnmt-phoi-hop" not in [r["_key"] for r in table.prefill_rows("CUC-ATMT")]
    # a unit added later by the consolidation side (another Vụ, a press unit) still gets it
    rows = table.prefill_rows("VU-KHCN")
    assert [r["_key"] for r in rows] == ["cnmt-phoi-hop"]
    assert "2025-2030" in rows[0]["noi_dung"] and "_except" not in rows[0]


def test_every_prefilled_task_row_is_complete_and_its_plan_columns_are_locked(forms):
    table = forms["bc-cucvu"].field("nhiem_vu")
    plan_cols = {"nhom", "noi_dung", "chu_tri", "phoi_hop", "thoi_gian"}
    for c in table.columns:
        assert c.readonly == (c.id in plan_cols), c.id
    units = load_units(RESOURCES / "units.yaml")
    for key, rows in table.prefill.items():
        assert key == "*" or units.get(key) is not None, key
        for r in rows:
            assert plan_cols <= set(r), r["_key"]
            if key != "*":
                assert r["chu_tri"] == units.get(key).name


def test_task_table_has_the_06_ro_columns_and_the_four_statuses(forms):
    table = forms["bc-cucvu"].field("nhiem_vu")
    status = table.column("trang_thai")
    assert status.required and [c.label for c in status.choices] == [
        "Chưa triển khai", "Đang triển khai", "Hoàn thành", "Hoàn thành chậm so với tiến độ"]
    docs = table.column("van_ban")
    assert docs.type == FieldType.document and docs.multiple
    for cid in ("ket_qua", "kho_khan", "de_xuat", "tham_quyen", "nguoi_phu_trach"):
        assert table.column(cid) is not None, cid


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_every_form_asks_who_is_responsible_funding_and_plan_amendments(forms, form_id):
    f = forms[form_id]
    for fid in ("can_bo_ho_ten", "can_bo_chuc_vu", "can_bo_dien_thoai", "can_bo_email"):
        assert f.field(fid).required, fid
    funding = f.field("kinh_phi")
    assert [c.value for c in funding.column("nguon").choices] == [
        "su_nghiep_moi_truong", "khoa_hoc_cong_nghe", "chi_thuong_xuyen", "khac"]
    assert funding.column("da_su_dung").unit == "triệu đồng" and funding.column("da_su_dung").estimate
    assert f.field("dieu_chinh_ke_hoach").type == FieldType.table


def test_province_cluster_table_columns(forms):
    t = forms["bc-sct"].field("ccn")
    assert [c.label for c in t.column("htxlnt").choices] == ["Có", "Không", "Đang xây dựng"]
    assert [c.label for c in t.column("van_hanh").choices] == [
        "Vận hành ổn định", "Vận hành không ổn định", "Ngừng vận hành", "Chưa có hệ thống"]
    assert t.column("cong_suat").unit == t.column("luu_luong").unit == "m³/ngày đêm"
    assert t.column("dien_tich").unit == "ha" and t.column("ty_le_lap_day").type == FieldType.percent
    assert set(t.totals) >= {"dien_tich", "cong_suat", "luu_luong"}
