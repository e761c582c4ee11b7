"""Vietnamese numbers, dates, tone-insensitive search and collation."""

from __future__ import annotations

import datetime as dt

import pytest

from reportdesk.ui import vnlocale as vn


@pytest.mark.parametrize("text,value", [
    ("1.234,5", 1234.5), ("1234,5", 1234.5), ("1.234", 1234), ("1.234.567", 1234567),
    ("1,234.5", 1234.5), ("1,234,567", 1234567), ("12.75", 12.75), ("0,5", 0.5), ("-3,25", -3.25),
    ("85,5%", 85.5), ("1 234", 1234), ("1\u00a0234,5", 1234.5), ("7", 7), ("", None), ("  ", None),
])
def test_numbers_read_as_written_in_vietnam_or_pasted_from_excel(text, value):
    assert vn.parse_number(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "1.2.3", "12a", "1,234.5.6", "--1"])
def test_not_numbers_are_refused(text):
    with pytest.raises(ValueError):
        vn.parse_number(text)


def test_numbers_are_shown_the_vietnamese_way():
    assert vn.format_number(1234.5) == "1.234,5"
    assert vn.format_number(1234567) == "1.234.567"
    assert vn.format_integer(1234) == "1.234"
    assert vn.format_number(None) == ""


@pytest.mark.parametrize("text,value", [
    ("05/02/2026", dt.date(2026, 2, 5)), ("5/2/2026", dt.date(2026, 2, 5)), ("05-02-2026", dt.date(2026, 2, 5)),
    ("05.02.2026", dt.date(2026, 2, 5)), ("2026-02-05", dt.date(2026, 2, 5)), ("", None),
])
def test_dates_day_first(text, value):
    assert vn.parse_date(text) == value


@pytest.mark.parametrize("text", ["31/02/2026", "2026/13/01", "hôm qua", "05/02/26"])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        vn.parse_date(text)


def test_dates_are_shown_dd_mm_yyyy():
    assert vn.format_date(dt.date(2026, 2, 5)) == "05/02/2026"
    assert vn.format_date(vn.to_qdate(dt.date(2026, 12, 31))) == "31/12/2026"


def test_search_ignores_tones_case_and_tone_placement():
    nfc_oa = "Ho\u00e0"            # hoà (tone on a)
    old_style = "H\u00f2a"          # hòa (tone on o)
    decomposed = "Ho\u0300a"        # combining grave
    assert vn.fold(nfc_oa) == vn.fold(old_style) == vn.fold(decomposed) == vn.fold("HOA") == "hoa"
    assert vn.fold("Đồng Nai") == "dong nai"
    assert vn.matches("dong nai", "Sở Công Thương Đồng Nai")
    assert vn.matches("hoà bình", "Sở Công Thương Hòa Bình")
    assert not vn.matches("hoa binh", "Sở Công Thương Hà Nội")


def test_sorting_follows_the_vietnamese_alphabet():
    words = ["Đà Nẵng", "Bắc Ninh", "Dak Lak", "An Giang", "Ăn", "Âu", "Ô", "Ơn", "Zeta", "Hà Nội"]
    assert sorted(words, key=vn.sort_key) == ["An Giang", "Ăn", "Âu", "Bắc Ninh", "Dak Lak", "Đà Nẵng",
                                              "Hà Nội", "Ô", "Ơn", "Zeta"]
    assert vn.compare("d", "đ") < 0 < vn.compare("e", "đ")
