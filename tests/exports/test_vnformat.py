"""Vietnamese formatting of numbers, dates and answers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, strategies as st

from exportsamples import fixture_form
from reportdesk.exports.vnformat import (
    date_words,
    format_answer,
    format_date,
    format_document,
    format_number,
    format_quantity,
    place_date_line,
)

FORM = fixture_form()
F = FORM.field_map


@pytest.mark.parametrize("value,text", [
    (0, "0"), (5, "5"), (1234, "1.234"), (1234567, "1.234.567"), (1234.5, "1.234,5"), (-1234.5, "-1.234,5"),
    (0.125, "0,13"), (1e-9, "0"), (-0.001, "0"), (12.0, "12"), (999.999, "1.000"), (None, ""), (True, ""),
    ({"value": 7.25, "estimate": True}, "7,25"), (float("nan"), ""),
])
def test_format_number(value, text):
    assert format_number(value) == text


def test_format_number_decimals():
    assert format_number(3.14159, 4) == "3,1416"
    assert format_number(2, 2, min_decimals=2) == "2,00"


@given(st.integers(-10**12, 10**12))
def test_integers_parse_back(n):
    assert int(format_number(n).replace(".", "")) == n


def test_dates():
    assert format_date("2026-02-05") == "05/02/2026"
    assert format_date(dt.datetime(2026, 12, 31, 10, 0)) == "31/12/2026"
    assert format_date("not a date") == "" and format_date(None) == ""
    # Nghị định 30: leading zero for days below 10 and for months 1 and 2 only
    assert date_words(dt.date(2026, 2, 5)) == "ngày 05 tháng 02 năm 2026"
    assert date_words(dt.date(2026, 1, 15)) == "ngày 15 tháng 01 năm 2026"
    assert date_words(dt.date(2026, 3, 9)) == "ngày 09 tháng 3 năm 2026"
    assert date_words(dt.date(2026, 11, 20)) == "ngày 20 tháng 11 năm 2026"
    assert place_date_line("Hà Nội", "2026-02-05") == "Hà Nội, ngày 05 tháng 02 năm 2026"


def test_answers_as_text():
    assert format_answer(F["kinh_phi"], 1234.5) == "1.234,5 triệu đồng"
    assert format_answer(F["so_cuoc"], {"value": 1200, "estimate": True}) == "1.200 cuộc (ước thực hiện)"
    assert format_answer(F["so_cuoc"], {"value": 3, "estimate": False}) == "3 cuộc"
    assert format_answer(F["ty_le"], 85.5) == "85,5%"
    assert format_answer(F["co_ke_hoach"], True) == "Có"
    assert format_answer(F["co_ke_hoach"], False) == "Không"
    assert format_answer(F["trang_thai"], "long_ghep") == "Lồng ghép trong kế hoạch khác, chương trình khác"
    assert format_answer(F["hinh_thuc"], ["hoi_nghi", "khac"]) == "Hội nghị, hội thảo; Khác"
    assert format_answer(F["ngay_chot"], "2026-02-05") == "05/02/2026"
    assert format_answer(F["van_ban"], {"so_ky_hieu": "45/KH-UBND", "ngay": "2026-02-05", "trich_yeu": "Kế hoạch"}) == \
        "số 45/KH-UBND ngày 05/02/2026: Kế hoạch"
    assert format_answer(F["van_ban_khac"], [{"so_ky_hieu": "1/QĐ"}, {"trich_yeu": "Chỉ trích yếu"}]) == "số 1/QĐ; Chỉ trích yếu"
    assert format_answer(F["dinh_kem"], {"name": "a.pdf"}) == "a.pdf"
    for f in F.values():
        assert format_answer(f, None) == "" and format_answer(f, None, empty="—") == "—"
    assert format_quantity(3, "%") == "3%"
    assert format_document(None) == ""
