"""The units registry (resources/units.yaml) and its loader."""

from __future__ import annotations

import unicodedata

import pytest

from reportdesk.domain.units import Unit, load_units, make_unit, save_extra_units

from formsdata import RESOURCES

UNITS = RESOURCES / "units.yaml"

# DOMAIN.md: the 34 provincial-level units since 1/7/2025 (NQ 202/2025/QH15), codes of QĐ 19/2025/QĐ-TTg
CITIES = {"01": "Hà Nội", "31": "Hải Phòng", "46": "Huế", "48": "Đà Nẵng", "79": "Hồ Chí Minh", "92": "Cần Thơ"}
PROVINCES = {
    "04": "Cao Bằng", "08": "Tuyên Quang", "11": "Điện Biên", "12": "Lai Châu", "14": "Sơn La", "15": "Lào Cai",
    "19": "Thái Nguyên", "20": "Lạng Sơn", "22": "Quảng Ninh", "24": "Bắc Ninh", "25": "Phú Thọ", "33": "Hưng Yên",
    "37": "Ninh Bình", "38": "Thanh Hóa", "40": "Nghệ An", "42": "Hà Tĩnh", "44": "Quảng Trị", "51": "Quảng Ngãi",
    "52": "Gia Lai", "56": "Khánh Hòa", "66": "Đắk Lắk", "68": "Lâm Đồng", "75": "Đồng Nai", "80": "Tây Ninh",
    "82": "Đồng Tháp", "86": "Vĩnh Long", "91": "An Giang", "96": "Cà Mau",
}
DEPARTMENTS = {
    "CUC-ATMT": "Cục Kỹ thuật an toàn và Môi trường công nghiệp",
    "CUC-DCK": "Cục Đổi mới sáng tạo, Chuyển đổi xanh và Khuyến công",
    "CUC-CN": "Cục Công nghiệp",
    "CUC-DL": "Cục Điện lực",
    "CUC-HC": "Cục Hóa chất",
    "CUC-XNK": "Cục Xuất nhập khẩu",
    "BAO-CT": "Báo Công Thương",
}
CORPORATIONS = {
    "TCT-VINAPACO": "Tổng công ty Giấy Việt Nam",
    "TCT-HABECO": "Tổng công ty cổ phần Bia - Rượu - Nước giải khát Hà Nội",
    "TCT-MIE": "Tổng công ty Máy và Thiết bị công nghiệp",
    "TCT-VEAM": "Tổng công ty Máy động lực và Máy nông nghiệp Việt Nam",
}


@pytest.fixture(scope="module")
def reg():
    return load_units(UNITS)


def test_34_provinces_with_their_codes_and_names(reg):
    provinces = reg.by_kind("province")
    assert len(provinces) == 34
    expected = {**CITIES, **PROVINCES}
    assert {u.code for u in provinces} == {f"SCT-{c}" for c in expected}
    for code, name in expected.items():
        u = reg.get(f"SCT-{code}")
        assert u.name.startswith("Sở Công Thương ") and u.name.endswith(name), u.name
        assert u.short_name == name and name in u.place
        level = "THÀNH PHỐ" if code in CITIES else "TỈNH"
        assert u.agency_parent == f"UBND {level} {name.upper()}"
        assert u.abbreviation == "SCT"
    # provinces are listed in the official code order
    assert [u.code for u in provinces] == sorted(u.code for u in provinces)


def test_departments_and_corporations(reg):
    assert {u.code: u.name for u in reg.by_kind("department")} == DEPARTMENTS
    assert {u.code: u.name for u in reg.by_kind("corporation")} == CORPORATIONS
    for u in reg.by_kind("department"):
        assert u.agency_parent == "BỘ CÔNG THƯƠNG" and u.place == "Hà Nội" and u.abbreviation
    assert reg.all()[0].code == "CUC-ATMT"  # the focal point first
    assert len(reg.all()) == 34 + len(DEPARTMENTS) + len(CORPORATIONS)


def test_names_are_nfc(reg):
    for u in reg.all():
        for t in (u.name, u.short_name or "", u.place, u.agency_parent or ""):
            assert unicodedata.normalize("NFC", t) == t


def test_consolidation_side_adds_a_unit_and_a_later_file_overrides(reg, tmp_path):
    vu = make_unit(code="VU-KHCN", name="Vụ Khoa học và Công nghệ", kind="department", place="Hà Nội",
                   agency_parent="BỘ CÔNG THƯƠNG", abbreviation="KHCN")
    bigger = reg.with_unit(vu)
    assert bigger.get("VU-KHCN") == vu and reg.get("VU-KHCN") is None  # the original is unchanged
    extra = tmp_path / "units.yaml"
    renamed = make_unit(code="TCT-MIE", name="Tổng công ty Máy và Thiết bị công nghiệp - CTCP", kind="corporation",
                        place="Hà Nội", abbreviation="MIE")
    save_extra_units(extra, [vu, renamed])
    merged = load_units(UNITS, extra, tmp_path / "missing.yaml")
    assert merged.get("VU-KHCN") == vu
    assert merged.get("TCT-MIE").name.endswith("- CTCP")
    assert len(merged.all()) == len(reg.all()) + 1
    assert not list(tmp_path.glob(".units.yaml.*"))  # no temporary file left behind


@pytest.mark.parametrize(
    "data, needle",
    [
        (dict(code="CUC-HC", name="Cục Hóa chất", kind="department", place="Hà Nội", abbreviation="HC"), "đã có"),
        (dict(code="vu pc", name="Vụ Pháp chế", kind="department", place="Hà Nội", abbreviation="PC"), "không hợp lệ"),
        (dict(code="SCT-7", name="Sở Công Thương X", kind="province", place="X", abbreviation="SCT"), "SCT-"),
        (dict(code="SCT-99", name="Sở Công Thương X", kind="department", place="X", abbreviation="SCT"), "SCT-"),
        (dict(code="VU-PC", name="Vụ Pháp chế", kind="ministry", place="Hà Nội", abbreviation="PC"), "loại đơn vị"),
    ],
)
def test_with_unit_refuses_duplicates_and_malformed_units(reg, data, needle):
    with pytest.raises(ValueError, match=needle):
        reg.with_unit(Unit(**data))


def test_a_broken_units_file_names_file_and_line(tmp_path):
    p = tmp_path / "units.yaml"
    p.write_text(
        "units:\n"
        "  - {code: VU-PC, name: Vụ Pháp chế, kind: department, place: Hà Nội, abbreviation: PC}\n"
        "  - code: VU-TC\n"
        "    name: Vụ Tổ chức cán bộ\n"
        "    kind: departmnt\n"
        "    place: Hà Nội\n"
        "    abbreviation: TCCB\n"
        "  - {code: VU-PC, name: Vụ Pháp chế, kind: department, place: Hà Nội, abbreviation: PC}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError) as exc:
        load_units(p)
    msg = str(exc.value)
    assert f"{p}:5:" in msg and "departmnt" in msg
    assert f"{p}:8:" in msg and "bị trùng" in msg
