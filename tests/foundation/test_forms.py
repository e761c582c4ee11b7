"""Form definitions: loading, checking with file:line, and the validation of answers."""

from pathlib import Path

import pytest

from reportdesk.domain.forms import FormRegistry, check_form_file, check_form_text
from reportdesk.domain.validate import check_answers, coerce_answers, computed_values, table_totals

FIXTURE = Path(__file__).parent / "fixtures" / "thu-nghiem.v1.yaml"


def form():
    f, problems = check_form_file(FIXTURE)
    assert problems == []
    return f


def test_fixture_form_loads_with_all_parts():
    f = form()
    assert f.id == "thu-nghiem" and f.version == 1
    assert [s.id for s in f.sections] == ["chung", "ccn"]
    assert f.field("clusters").column("capacity").unit == "m³/ngày đêm"
    assert f.field("funding").estimate


BASE = FIXTURE.read_text(encoding="utf-8")


def problems_of(text):
    form_, problems = check_form_text(text, "x.v1.yaml")
    assert form_ is None
    return problems


def line_of(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_yaml_syntax_error_reports_its_line():
    bad = BASE.replace("title: Thông tin chung", "title: [Thông tin chung")
    (p,) = problems_of(bad)
    assert "YAML" in p.message
    assert p.line >= line_of(bad, "[Thông tin chung")


def test_unknown_field_type_reports_line_and_allowed_types():
    bad = BASE.replace("{id: events, type: integer", "{id: events, type: integr")
    (p,) = problems_of(bad)
    assert p.line == line_of(bad, "type: integr")
    assert "integr" in p.message and "integer" in p.message


def test_duplicate_field_id():
    bad = BASE.replace("{id: events, type: integer", "{id: officer, type: integer")
    probs = problems_of(bad)
    assert any("officer" in p.message and "trùng" in p.message and p.line == line_of(bad, "{id: officer, type: integer") for p in probs)


def test_rule_naming_an_unknown_field():
    bad = BASE.replace("check: clusters_operating <= count(clusters)", "check: clusters_working <= count(clusters)")
    (p,) = problems_of(bad)
    assert "clusters_working" in p.message
    assert p.line == line_of(bad, "clusters_working")


@pytest.mark.parametrize("unsafe", ["__import__('os')", "clusters.__class__", "open('x')"])
def test_unsafe_expression(unsafe):
    bad = BASE.replace("check: clusters_operating <= count(clusters)", f'check: "{unsafe}"')
    (p,) = problems_of(bad)
    assert p.line == line_of(bad, unsafe)
    assert "biểu thức" in p.message


def test_registry_keeps_good_forms_and_reports_broken_ones(tmp_path):
    (tmp_path / "thu-nghiem.v1.yaml").write_text(BASE, encoding="utf-8")
    (tmp_path / "hong.v1.yaml").write_text(BASE.replace("id: thu-nghiem", "id: hong").replace("type: integer", "type: nope", 1), encoding="utf-8")
    reg = FormRegistry.load(tmp_path)
    assert [f.id for f in reg.all()] == ["thu-nghiem"]
    assert len(reg.problems) == 1 and "hong.v1.yaml" in reg.problems[0].file


GOOD = {
    "officer": "Nguyễn Văn An",
    "plan_issued": True,
    "plan_doc": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03", "trich_yeu": "Kế hoạch thực hiện Chỉ thị 20"},
    "events": 3,
    "funding": {"value": 150.5, "estimate": True},
    "clusters": [
        {"name": "CCN Phú Nghĩa", "occupancy": 85, "wwtp": "co", "capacity": 2000, "flow": 1500},
        {"name": "CCN Ngọc Hồi", "occupancy": 60, "wwtp": "khong"},
        {"name": "CCN Thanh Oai", "occupancy": 40, "wwtp": "co", "capacity": 1000, "flow": 800},
    ],
    "clusters_operating": 3,
}


def test_a_good_report_has_no_issue_and_computes_its_figures():
    f = form()
    assert check_answers(f, GOOD, "SCT-01") == []
    c = computed_values(f, GOOD)
    assert c["n_clusters"] == 3 and c["n_wwtp"] == 2
    assert c["coverage"] == pytest.approx(66.6667, rel=1e-3)
    assert table_totals(f.field("clusters"), GOOD["clusters"]) == {"capacity": 3000, "flow": 2300}


def test_content_problems_have_paths_and_vietnamese_messages():
    f = form()
    bad = dict(GOOD)
    bad["officer"] = ""
    bad["events"] = -1
    bad["clusters"] = [
        {"name": "CCN A", "occupancy": 120, "wwtp": "khong", "capacity": 500},
        {"occupancy": 50, "wwtp": "co", "capacity": 100, "flow": 150},
    ]
    bad["clusters_operating"] = 5
    got = {(i.severity, i.path, i.code) for i in check_answers(f, bad, "SCT-01")}
    assert ("error", "chung/officer", "required") in got
    assert ("error", "chung/events", "min") in got
    assert ("error", "ccn/clusters/1/occupancy", "max") in got  # percent is 0-100
    assert ("error", "ccn/clusters/1/capacity", "rule") in got
    assert ("error", "ccn/clusters/2/name", "required") in got
    assert ("warning", "ccn/clusters/2/flow", "rule") in got
    assert ("error", "ccn/clusters_operating", "rule") in got
    msgs = [i.message for i in check_answers(f, bad, "SCT-01")]
    assert any("Chỉ ghi công suất" in m for m in msgs)


def test_visible_if_hides_requirements():
    f = form()
    a = dict(GOOD, plan_issued=False)
    del a["plan_doc"]
    assert check_answers(f, a) == []
    a["plan_issued"] = True
    assert [i.path for i in check_answers(f, a)] == ["chung/plan_doc"]


def test_structural_problems_of_a_fill():
    f = form()
    _, problems = coerce_answers(f, {
        "events": "ba",
        "nonexistent": 1,
        "officer": [{"a": 1}],
        "clusters": [{"name": "X", "capacity": "lớn", "colour": "đỏ"}],
        "report_date": "31/12/2026",
        "topics": ["nuoc", "dat"],
    })
    codes = sorted(p.code for p in problems)
    assert codes == sorted(["wrong_type", "unknown_field", "not_table", "wrong_type", "unknown_column", "wrong_type", "bad_choice"])
    assert any("'ba'" in p.message and "số nguyên" in p.message for p in problems)


@pytest.mark.parametrize("field, value", [
    ("events", 10**400), ("events", 10**15 + 1), ("events", -(10**16)), ("funding", 1.7e308),
    ("funding", -1e16), ("funding", {"value": 10**400, "estimate": True}), ("funding", float("nan")),
    ("funding", float("inf")), ("funding", float("-inf")),
])
def test_numbers_beyond_a_sane_magnitude_or_not_finite_are_structure_errors(field, value):
    # defect 3 of issue 14: such an answer used to be accepted, then stopped consolidation (OverflowError)
    f = form()
    answers, probs = coerce_answers(f, {field: value})
    assert field not in answers
    assert [p.code for p in probs] in (["too_large"], ["not_finite"])
    assert probs[0].path == f"chung/{field}" and ("quá lớn" in probs[0].message or "vô cực" in probs[0].message)
    assert any(i.code in ("too_large", "not_finite") for i in check_answers(f, {field: value}))


@pytest.mark.parametrize("field, value", [("events", 10**15), ("events", -(10**15)), ("funding", 1e15),
                                          ("funding", 999_999_999_999_999.5)])
def test_numbers_up_to_the_bound_are_kept(field, value):
    answers, probs = coerce_answers(form(), {field: value})
    assert probs == [] and answers[field] == value


def test_cells_are_normalised_the_same_however_many_rows_a_table_has():
    """The plain cells of a big table take a short path; it must give what the long one gives: a
    decomposed Vietnamese name stored composed (NFC), a whole float in an integer field stored as an
    integer, a boolean never taken for a number, an unknown choice refused, a huge number refused."""
    import unicodedata

    f = form()
    decomposed = unicodedata.normalize("NFD", "Cụm công nghiệp Hòa Bình")
    rows = [{"name": decomposed, "occupancy": 85.5, "wwtp": "co", "capacity": 1000, "flow": 2.0}] * 300
    out, problems = coerce_answers(f, {"clusters": rows, "events": 3.0, "clusters_operating": 7})
    assert problems == []
    assert out["clusters"][299]["name"] == "Cụm công nghiệp Hòa Bình" != decomposed
    assert out["events"] == 3 and type(out["events"]) is int
    assert out["clusters"][0]["capacity"] == 1000 and out["clusters"][0]["flow"] == 2.0
    bad_rows = [{"name": "X", "occupancy": True, "wwtp": "có", "capacity": 10**16, "flow": float("nan")}]
    _, problems = coerce_answers(f, {"clusters": bad_rows, "events": 2.5, "clusters_operating": False})
    assert sorted(p.code for p in problems) == ["bad_choice", "not_finite", "too_large", "wrong_type", "wrong_type", "wrong_type"]
