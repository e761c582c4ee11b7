"""The compiled expressions (closures built once) against the reference that walks the tree: the same
value, or the same refusal (undetermined, or an error of the same type), for every expression of every
shipped form, on realistic answers and on random ones, and for hand-picked corner cases."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reportdesk.consolidate.synthetic import answers_for
from reportdesk.domain import expr as E
from reportdesk.domain.forms import FieldType, FormRegistry

REPO = Path(__file__).resolve().parents[2]


def _expressions(form) -> list[tuple[str, str | None]]:
    """(source, the table whose rows it runs on or None)."""
    out: list[tuple[str, str | None]] = []
    for s in form.sections:
        if s.visible_if:
            out.append((s.visible_if, None))
        for c in s.computed:
            out.append((c.expr, None))
        for f in s.fields:
            if f.visible_if:
                out.append((f.visible_if, None))
            for c in f.columns:
                if c.visible_if:
                    out.append((c.visible_if, f.id))
    for r in form.rules:
        out.append((r.check, r.each))
        if r.when:
            out.append((r.when, r.each))
    return out


def _outcome(fn):
    try:
        v = fn()
    except E.Undetermined:
        return ("undetermined",)
    except Exception as exc:  # noqa: BLE001 - the same error type is what is compared
        return ("error", type(exc).__name__)
    if isinstance(v, float) and math.isnan(v):
        return ("nan",)
    return ("value", type(v).__name__, v)


def _both(ex: E.Expression, env: E.Env):
    compiled = _outcome(lambda: ex.evaluate(env))
    walked = _outcome(lambda: E._Evaluator(env).visit(ex.tree.body))
    return compiled, walked


def _envs(form, answers, table):
    env = E.Env(answers, form.table_ids)
    if table is None:
        return [env]
    rows = [r for r in (answers.get(table) or []) if isinstance(r, dict)]
    return [env.with_row(r) for r in rows] or [env]


_FORMS: list = []


def forms() -> list:
    """Every shipped form version (read once)."""
    if not _FORMS:
        _FORMS.extend(FormRegistry.load(REPO / "forms").all())
    return _FORMS


def test_every_expression_of_every_form_on_realistic_answers():
    fs = forms()
    assert fs, "the shipped forms are read"
    n = 0
    for form in fs:
        for seed in range(6):
            rng = random.Random(seed)
            answers = answers_for(form, "SCT-01" if "sct" in form.id else "CUC-CN", rng)
            for src, table in _expressions(form):
                ex = E.parse(src)
                for env in _envs(form, answers, table):
                    compiled, walked = _both(ex, env)
                    assert compiled == walked, (form.id, src, compiled, walked)
                    n += 1
    assert n > 1000


_VALUES = st.one_of(
    st.none(), st.just(""), st.just([]), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=True, allow_infinity=True, width=32), st.text(max_size=6),
    st.sampled_from(["co", "khong", "on_dinh", "chua_co", "da_ban_hanh", "dang_xay_dung"]),
    st.builds(lambda v, e: {"value": v, "estimate": e}, st.integers(0, 1000), st.booleans()),
    st.lists(st.sampled_from(["nuoc", "khi", "co"]), max_size=3),
)


@given(data=st.data())
def test_every_expression_on_random_values(data):
    for form in forms():
        names = [f.id for _s, f in form.iter_fields()]
        answers = {}
        for _s, f in form.iter_fields():
            if f.type == FieldType.table:
                n_rows = data.draw(st.integers(0, 3))
                answers[f.id] = [{c.id: data.draw(_VALUES) for c in f.columns} for _ in range(n_rows)]
            elif data.draw(st.booleans()):
                answers[f.id] = data.draw(_VALUES)
        assert names
        for src, table in _expressions(form):
            ex = E.parse(src)
            for env in _envs(form, answers, table):
                compiled, walked = _both(ex, env)
                assert compiled == walked, (form.id, src, compiled, walked)


@pytest.mark.parametrize("src", [
    "a + b", "a - b * c", "a / b", "a // b", "a % b", "-a", "+a", "not a", "a and b or c", "a or b and not c",
    "a < b <= c", "a == b != c", "a in t.x", "a not in t.x", "'x' in a", "a if b else c", "if(a, b, c)",
    "sum(t.x)", "sum(t, x * 2)", "count(t)", "count(t, x > 1)", "all(t, x > 0)", "any(t, x > 0)",
    "all(t.x)", "any(t.x)", "min(t.x)", "max(a, b, c)", "abs(a)", "round(a, 1)", "round(a)", "len(a)",
    "empty(a)", "filled(a)", "estimated(a)", "estimated(t.x)", "[a, b] == [b, a]", "(a, b)",
    # nested row scopes, an estimate inside a row, `not in` chained with an ordering
    "all(t, count(u, x > a) >= 1)", "sum(t, sum(u, x))", "any(t, estimated(x))", "a not in t.x < b",
    "count(t, x not in [1, 2] and x < 3)",
])
def test_corner_cases(src):
    ex = E.parse(src)
    values = [None, "", [], 0, 1, -2, 2.5, True, False, "co", "3", {"value": 4, "estimate": True}, [1, 2]]
    rng = random.Random(src)
    for _ in range(300):
        rows = [{"x": rng.choice(values)} for _ in range(rng.randint(0, 3))]
        others = [{"x": rng.choice(values)} for _ in range(rng.randint(0, 3))]
        env = E.Env({"a": rng.choice(values), "b": rng.choice(values), "c": rng.choice(values), "t": rows, "u": others},
                    {"t", "u"})
        compiled, walked = _both(ex, env)
        assert compiled == walked, (src, env.fields, compiled, walked)
