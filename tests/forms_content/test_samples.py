"""The shipped samples: the valid ones check clean, the mistakes ones trip every rule of their form."""

from __future__ import annotations

import unicodedata

import pytest

from reportdesk.domain.calendar import load_calendar, parse_period_code, period_kind_matches
from reportdesk.domain.units import load_units
from reportdesk.domain.validate import check_answers, coerce_answers, computed_values, table_totals

from formsdata import FORM_IDS, RESOURCES, SAMPLES, forms, load_sample  # noqa: F401 (fixture)

SHAPE = {"id", "unit_code", "form_id", "form_version", "period", "status", "revision", "answers"}


def test_every_form_has_a_sample_and_a_mistakes_sample():
    names = {p.name for p in SAMPLES.glob("*.json")}
    for fid in FORM_IDS:
        assert {f"{fid}.json", f"{fid}.mistakes.json"} <= names


@pytest.mark.parametrize("name", [*FORM_IDS, *(f"{f}.mistakes" for f in FORM_IDS)])
def test_sample_is_in_the_report_show_shape_for_a_real_unit_and_period(forms, name):
    s = load_sample(name)
    assert set(s) == SHAPE
    form = forms[s["form_id"]]
    assert s["form_version"] == form.version
    unit = load_units(RESOURCES / "units.yaml").get(s["unit_code"])
    assert unit is not None and unit.kind in form.unit_kinds
    period = load_calendar(RESOURCES / "calendar.yaml").get(s["period"])
    assert period is not None and period_kind_matches(form.periods, parse_period_code(s["period"])[1])
    # fill --json refuses a structurally broken file as a whole: even the mistakes must be fillable
    _, structural = coerce_answers(form, s["answers"])
    assert structural == []


@pytest.mark.parametrize("name", [*FORM_IDS, *(f"{f}.mistakes" for f in FORM_IDS)])
def test_sample_text_is_nfc(name):
    text = (SAMPLES / f"{name}.json").read_text(encoding="utf-8")
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_valid_sample_checks_clean(forms, form_id):
    s = load_sample(form_id)
    issues = check_answers(forms[form_id], s["answers"], s["unit_code"])
    assert [str(i) for i in issues] == []


@pytest.mark.parametrize("form_id", FORM_IDS)
def test_mistakes_sample_trips_every_rule(forms, form_id):
    form = forms[form_id]
    s = load_sample(f"{form_id}.mistakes")
    issues = check_answers(form, s["answers"], s["unit_code"])
    fired = {i.rule for i in issues if i.rule}
    assert [r.id for r in form.rules if r.id not in fired] == []
    assert any(i.severity == "error" for i in issues)


def _codes(issues):
    return {(i.code, i.path) for i in issues}


def test_department_mistakes_include_plan_rows_deleted_or_altered(forms):
    s = load_sample("bc-cucvu.mistakes")
    issues = check_answers(forms["bc-cucvu"], s["answers"], s["unit_code"])
    codes = _codes(issues)
    assert ("prefill_missing", "nhiem_vu/nhiem_vu") in codes
    assert ("prefill_changed", "nhiem_vu/nhiem_vu/1/thoi_gian") in codes
    assert ("document_incomplete", "nhiem_vu/nhiem_vu/4/van_ban") in codes  # a document without its date
    missing = next(i for i in issues if i.code == "prefill_missing")
    assert "Kiểm soát chặt chẽ hoạt động nhập khẩu" in missing.message  # the deleted task is named, not its group


def test_province_mistakes_flag_occupancy_over_100_and_negative_counts(forms):
    s = load_sample("bc-sct.mistakes")
    codes = _codes(check_answers(forms["bc-sct"], s["answers"], s["unit_code"]))
    assert ("max", "ccn/ccn/1/ty_le_lap_day") in codes
    assert ("min", "ccn/ccn/7/so_doanh_nghiep") in codes


def test_province_sample_cluster_totals_and_rates(forms):
    """Totals and rates the consolidation side reads, recomputed here from the sample rows."""
    form = forms["bc-sct"]
    s = load_sample("bc-sct")
    rows = s["answers"]["ccn"]
    assert len(rows) == 12

    def num(v):
        return v["value"] if isinstance(v, dict) else v

    with_system = [r for r in rows if r["htxlnt"] == "co"]
    stable = [r for r in rows if r["van_hanh"] == "on_dinh"]
    capacity = sum(r.get("cong_suat", 0) for r in rows)
    flow = sum(num(r.get("luu_luong", 0)) for r in rows)
    area = sum(r["dien_tich"] for r in rows)
    occupancy = sum(r["dien_tich"] * r["ty_le_lap_day"] for r in rows) / area
    got = computed_values(form, s["answers"])
    assert got["ccn_so_cum"] == 12
    assert got["ccn_co_htxlnt"] == len(with_system) == 8
    assert got["ccn_dang_xay_dung"] == sum(r["htxlnt"] == "dang_xay_dung" for r in rows) == 2
    assert got["ccn_chua_co"] == sum(r["htxlnt"] == "khong" for r in rows) == 2
    assert got["ccn_dang_van_hanh"] == sum(r["van_hanh"] in ("on_dinh", "khong_on_dinh") for r in rows) == 7
    assert got["ccn_on_dinh"] == len(stable) == 6
    assert got["ccn_tong_cong_suat"] == capacity == 9000
    assert got["ccn_tong_luu_luong"] == pytest.approx(flow) and flow == pytest.approx(5845.5)
    assert got["ccn_ty_le_co_htxlnt"] == round(100 * 8 / 12, 1) == 66.7
    assert got["ccn_ty_le_on_dinh"] == round(100 * 6 / 8, 1)
    assert got["ccn_ty_le_su_dung_cong_suat"] == round(100 * flow / capacity, 1)
    assert got["ccn_lap_day_binh_quan"] == round(occupancy, 1)
    totals = table_totals(form.field("ccn"), rows)
    assert totals["cong_suat"] == capacity and totals["dien_tich"] == pytest.approx(area)
    assert totals["so_doanh_nghiep"] == sum(r["so_doanh_nghiep"] for r in rows)


def test_rates_are_empty_not_an_error_when_nothing_to_divide(forms):
    got = computed_values(forms["bc-sct"], {"ccn": []})
    assert got["ccn_so_cum"] == 0 and got["ccn_ty_le_co_htxlnt"] is None


def test_corporation_sample_treatment_rates(forms):
    s = load_sample("bc-tct")
    a = s["answers"]
    got = computed_values(forms["bc-tct"], a)
    assert got["so_nha_may"] == len(a["nha_may"])
    v = lambda x: x["value"] if isinstance(x, dict) else x  # noqa: E731
    expected = round(100 * (v(a["cr_chuyen_giao"]) + v(a["cr_tai_che"])) / v(a["cr_phat_sinh"]), 1)
    assert got["ty_le_cr_xu_ly"] == expected
    assert got["so_nm_dat_qcvn"] == sum(r.get("dat_qcvn") == "dat" for r in a["nha_may"])


def test_a_fixed_mistake_clears_its_rule(forms):
    """The rules are about the data, not the sample: correcting a row removes exactly that problem."""
    form = forms["bc-sct"]
    s = load_sample("bc-sct")
    a = s["answers"]
    a["ccn"][0]["luu_luong"] = a["ccn"][0]["cong_suat"] + 1
    issues = check_answers(form, a, s["unit_code"])
    assert [(i.severity, i.rule, i.path) for i in issues] == [("warning", "luu-luong-vuot-cong-suat", "ccn/ccn/1/luu_luong")]
    a["ccn"][0]["luu_luong"] = a["ccn"][0]["cong_suat"]
    assert check_answers(form, a, s["unit_code"]) == []
