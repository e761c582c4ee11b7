"""Engine additions made for the plan's forms: estimated(), prefill exceptions, bad YAML dates."""

from __future__ import annotations

import pytest

from reportdesk.domain import expr as E
from reportdesk.domain.forms import check_form_text
from reportdesk.domain.validate import check_answers

FORM = """\
id: thu
version: 1
title: Thử
unit_kinds: [department]
periods: [year]
sections:
  - id: a
    title: A
    fields:
      - {id: so_lieu, type: decimal, label: Số liệu, estimate: true}
      - {id: ghi_chu, type: text, label: Ghi chú}
      - id: bang
        type: table
        label: Bảng
        columns:
          - {id: ten, type: text, label: Tên, readonly: true}
          - {id: gia_tri, type: decimal, label: Giá trị, estimate: true}
        prefill:
          "*":
            - {_key: chung, _except: [CUC-ATMT], ten: Việc chung}
          CUC-ATMT:
            - {_key: rieng, ten: Việc riêng}
rules:
  - id: uoc-can-ghi-chu
    check: "not (estimated(so_lieu) or estimated(bang.gia_tri)) or filled(ghi_chu)"
    severity: warning
    message: Ghi cơ sở ước tính.
"""


def _form(text=FORM):
    form, problems = check_form_text(text, "thu.v1.yaml")
    assert problems == [], [str(p) for p in problems]
    return form


def test_estimated_sees_the_estimate_flag_that_arithmetic_ignores():
    env = E.Env({"x": {"value": 5, "estimate": True}, "y": 5, "t": [{"c": 1}, {"c": {"value": 2, "estimate": True}}]}, ["t"])
    assert E.parse("estimated(x)").evaluate(env) is True
    assert E.parse("estimated(y)").evaluate(env) is False
    assert E.parse("estimated(t.c)").evaluate(env) is True
    assert E.parse("x + y").evaluate(env) == 10
    assert E.parse("count(t, estimated(c))").evaluate(env) == 1


@pytest.mark.parametrize("src", ["estimated()", "estimated(1)", "estimated(x, y)", "estimated(x + 1)"])
def test_estimated_takes_one_field_or_column(src):
    with pytest.raises(E.ExprError):
        E.parse(src)


def test_a_rule_on_estimates_fires_only_when_something_is_estimated():
    form = _form()
    rows = [{"_key": "rieng", "ten": "Việc riêng"}]
    base = {"bang": rows}
    assert check_answers(form, dict(base, so_lieu=3), "CUC-ATMT") == []
    fired = check_answers(form, dict(base, so_lieu={"value": 3, "estimate": True}), "CUC-ATMT")
    assert [i.rule for i in fired] == ["uoc-can-ghi-chu"]
    rows2 = [{"_key": "rieng", "ten": "Việc riêng", "gia_tri": {"value": 1, "estimate": True}}]
    assert [i.rule for i in check_answers(form, {"bang": rows2}, "CUC-ATMT")] == ["uoc-can-ghi-chu"]
    assert check_answers(form, {"bang": rows2, "ghi_chu": "ước theo 10 tháng"}, "CUC-ATMT") == []


def test_shared_prefill_row_skips_the_units_it_excepts():
    form = _form()
    t = form.field("bang")
    assert [r["_key"] for r in t.prefill_rows("CUC-ATMT")] == ["rieng"]
    assert [r["_key"] for r in t.prefill_rows("CUC-HC")] == ["chung"]
    assert form.initial_answers("CUC-HC") == {"bang": [{"_key": "chung", "ten": "Việc chung"}]}
    # the excepted unit is not asked for the shared row; another unit may not delete it
    assert check_answers(form, {"bang": [{"_key": "rieng", "ten": "Việc riêng"}]}, "CUC-ATMT") == []
    assert [i.code for i in check_answers(form, {"bang": []}, "CUC-HC")] == ["prefill_missing"]


def test_except_only_on_shared_rows_and_as_a_list():
    bad = FORM.replace("- {_key: rieng, ten: Việc riêng}", "- {_key: rieng, _except: [CUC-HC], ten: Việc riêng}")
    form, problems = check_form_text(bad, "thu.v1.yaml")
    assert form is None and any("_except" in p.message and p.line == 22 for p in problems), [str(p) for p in problems]
    bad2 = FORM.replace("_except: [CUC-ATMT]", "_except: CUC-ATMT")
    form, problems = check_form_text(bad2, "thu.v1.yaml")
    assert form is None and any("_except" in p.message for p in problems)


def test_a_date_that_does_not_exist_in_a_form_is_reported_with_its_line():
    text = FORM.replace("- {_key: rieng, ten: Việc riêng}", "- {_key: rieng, ten: 2026-02-30}")
    form, problems = check_form_text(text, "thu.v1.yaml")
    assert form is None and len(problems) == 1
    assert problems[0].line == 22 and "2026-02-30" in problems[0].message
