"""The reporting calendar (resources/calendar.yaml): periods, data windows, deadlines of the plan."""

from __future__ import annotations

import datetime as dt

import pytest

from reportdesk.domain.calendar import load_calendar, parse_period_code, period_kind_matches, save_extra_periods

from formsdata import RESOURCES, forms  # noqa: F401 (fixture)

D = dt.date


@pytest.fixture(scope="module")
def cal():
    return load_calendar(RESOURCES / "calendar.yaml")


def test_the_periods_in_order(cal):
    assert [p.code for p in cal.all()] == ["2025", "2026-H1", "2026", "2027-H1", "2027"]
    assert [p.kind for p in cal.all()] == ["year", "half", "year", "half", "year"]
    assert cal.get("2026-H1").label == "6 tháng đầu năm 2026" and cal.get("2027").label == "Năm 2027"


def test_data_windows_follow_decree_09_2019(cal):
    for p in cal.all():
        y = p.year
        assert p.window_start == D(y - 1, 12, 15)
        assert p.window_end == (D(y, 6, 14) if p.kind == "half" else D(y, 12, 14))


@pytest.mark.parametrize("year", [2025, 2026, 2027])
def test_deadlines_of_the_plan(cal, year):
    # "trước ngày X" is read literally: the last on-time day is the day before X
    assert cal.deadline(str(year), "department") == D(year, 11, 19)  # III.2: trước 20/11
    assert cal.deadline(str(year), "province") == D(year, 11, 14)  # III.4: trước 15/11
    assert cal.deadline(str(year), "corporation") == D(year, 11, 14)  # III.5: trước 15/11
    if year > 2025:
        h1 = f"{year}-H1"
        assert cal.deadline(h1, "department") == D(year, 6, 9)  # III.2: trước 10/6
        assert cal.deadline(h1, "province") is None and cal.deadline(h1, "corporation") is None
        assert cal.get(h1).atmt_deadline == D(year, 6, 19)  # III.1: trước 20/6
        assert cal.get(str(year)).atmt_deadline == D(year, 11, 29)  # III.1: trước 30/11


def test_periods_can_be_set_members(cal):
    assert len(set(cal.all())) == 5


def test_first_consolidated_report_in_december_2025(cal):
    assert cal.get("2025").atmt_deadline == D(2025, 12, 31)


def test_every_deadline_falls_inside_the_data_window_so_year_figures_are_estimates(cal):
    for p in cal.all():
        for d in p.deadlines.values():
            assert p.window_start < d < p.window_end


def test_forms_match_period_kinds(forms, cal):
    assert period_kind_matches(forms["bc-cucvu"].periods, cal.get("2026-H1").kind)
    assert not period_kind_matches(forms["bc-sct"].periods, cal.get("2026-H1").kind)
    assert period_kind_matches(forms["bc-tct"].periods, "adhoc")
    # each unit kind that has a deadline in a period has a form for that period kind
    for p in cal.all():
        for kind in p.deadlines:
            assert any(kind in f.unit_kinds and period_kind_matches(f.periods, p.kind) for f in forms.values())


@pytest.mark.parametrize(
    "code, expected",
    [("2026", (2026, "year", None)), ("2026-H1", (2026, "half", None)), ("2026-AH-ra-soat-ccn", (2026, "adhoc", "ra-soat-ccn"))],
)
def test_parse_period_code(code, expected):
    assert parse_period_code(code) == expected


@pytest.mark.parametrize("code", ["26", "2026-H2", "2026-h1", "2026-Q3", "2026-AH-", "2026-AH-Rà-soát", "2026-AH-a_b", " 2026", "2026-AH-" + "a" * 41])
def test_malformed_period_codes_are_refused_in_vietnamese(code):
    with pytest.raises(ValueError, match="Mã kỳ báo cáo không hợp lệ"):
        parse_period_code(code)


def test_adhoc_period_added_saved_and_reloaded(cal, tmp_path):
    c2 = cal.with_adhoc("2026-AH-ra-soat-ccn", "Rà soát hệ thống xử lý nước thải cụm công nghiệp", D(2026, 3, 20),
                        ["province"], (D(2026, 1, 1), D(2026, 2, 28)))
    p = c2.get("2026-AH-ra-soat-ccn")
    assert p.kind == "adhoc" and p.deadlines == {"province": D(2026, 3, 20)} and p.unit_kinds == ("province",)
    assert cal.get("2026-AH-ra-soat-ccn") is None
    assert [x.code for x in c2.all()][:3] == ["2025", "2026-AH-ra-soat-ccn", "2026-H1"]  # by date
    extra = tmp_path / "calendar.yaml"
    save_extra_periods(extra, [p])
    again = load_calendar(RESOURCES / "calendar.yaml", extra)
    assert again.get("2026-AH-ra-soat-ccn") == p
    assert again.deadline("2026-AH-ra-soat-ccn", "department") is None
    with pytest.raises(ValueError, match="đã có"):
        c2.with_adhoc("2026-AH-ra-soat-ccn", "x", D(2026, 4, 1), ["province"])
    with pytest.raises(ValueError, match="AH"):
        cal.with_adhoc("2026-H1", "x", D(2026, 4, 1), ["province"])
    with pytest.raises(ValueError, match="Loại đơn vị"):
        cal.with_adhoc("2026-AH-x", "x", D(2026, 4, 1), ["bo"])


def test_a_corrected_deadline_in_the_data_dir_overrides_the_shipped_one(tmp_path):
    extra = tmp_path / "calendar.yaml"
    extra.write_text('periods:\n  - {code: "2026-H1", kind: half, label: 6 tháng đầu năm 2026, '
                     'window: [2025-12-15, 2026-06-14], deadlines: {department: 2026-06-10}}\n', encoding="utf-8")
    cal = load_calendar(RESOURCES / "calendar.yaml", extra)
    assert cal.deadline("2026-H1", "department") == D(2026, 6, 10)
    assert cal.get("2026-H1").atmt_deadline is None
    assert len(cal.all()) == 5


def test_a_broken_calendar_names_file_and_line(tmp_path):
    p = tmp_path / "calendar.yaml"
    p.write_text('periods:\n  - code: "2026"\n    kind: half\n    label: Năm 2026\n'
                 '  - code: "2027"\n    kind: year\n    label: Năm 2027\n    deadlines: {province: 2027-11-20, bo: 2027-11-20}\n', encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        load_calendar(p)
    msg = str(exc.value)
    assert f"{p}:2:" in msg and "half" in msg
    assert f"{p}:8:" in msg and "'bo'" in msg


def test_a_date_that_does_not_exist_is_a_file_line_error_not_a_crash(tmp_path):
    p = tmp_path / "calendar.yaml"
    p.write_text('periods:\n  - code: "2027"\n    kind: year\n    label: Năm 2027\n'
                 '    deadlines: {province: 2027-11-31}\n', encoding="utf-8")
    with pytest.raises(ValueError) as exc:
        load_calendar(p)
    assert str(exc.value).startswith(f"{p}:5:") and "2027-11-31" in str(exc.value)
