"""Hypothesis strategies: answers for any form, built from its field definitions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from reportdesk.domain.forms import Field, FieldType, Form

# Text as the app stores it from Excel: NFC (coerce normalises), no control characters, no
# surrounding whitespace (the reader trims cells: spaces at the ends are invisible in Excel).
_CHARS = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\u2028\u2029\ufeff\x85")
_RISKY = st.sampled_from(["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "=1+1", "#N/A", "123", "0012", "TRUE", "05/02/2026"])


def _clean(s: str) -> str:
    return s.strip()


def line_text(max_size: int = 40, exclude: str = "") -> st.SearchStrategy[str]:
    chars = _CHARS if not exclude else st.characters(
        blacklist_categories=("Cs", "Cc", "Co", "Cn"), blacklist_characters="\u2028\u2029\ufeff\x85" + exclude)
    risky = _RISKY.filter(lambda t: not any(ch in t for ch in exclude))
    return st.one_of(st.text(chars, min_size=1, max_size=max_size), risky).map(_clean).filter(bool)


def multiline_text() -> st.SearchStrategy[str]:
    return st.lists(line_text(30), min_size=1, max_size=3).map("\n".join)


def _number(f: Field) -> st.SearchStrategy[Any]:
    lo = f.min if f.min is not None else (0 if f.type == FieldType.percent else -1e9)
    hi = f.max if f.max is not None else (100 if f.type == FieldType.percent else 1e9)
    if f.type == FieldType.integer:
        return st.integers(int(lo), int(hi))
    return st.one_of(st.integers(int(lo), int(hi)),
                     # Excel keeps 15 significant digits (openpyxl writes %.16g): numbers people write
                     st.floats(lo, hi, allow_nan=False, allow_infinity=False).map(lambda x: float(f"{x:.15g}")),
                     st.decimals(lo, hi, places=2, allow_nan=False, allow_infinity=False).map(float))


def _doc(multiple: bool) -> st.SearchStrategy[Any]:
    one = st.fixed_dictionaries({}, optional={
        "so_ky_hieu": line_text(20, exclude="|"),
        "ngay": st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat),
        "trich_yeu": line_text(60),
    }).filter(bool)
    return st.lists(one, min_size=1, max_size=3) if multiple else one


def value_for(f: Field) -> st.SearchStrategy[Any]:
    t = f.type
    if t == FieldType.text:
        return line_text()
    if t == FieldType.textarea:
        return multiline_text()
    if t in (FieldType.integer, FieldType.decimal, FieldType.percent):
        n = _number(f)
        if f.estimate:
            return st.one_of(n, n.map(lambda x: {"value": x, "estimate": True}))
        return n
    if t == FieldType.date:
        return st.dates(dt.date(1950, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)
    if t == FieldType.boolean:
        return st.booleans()
    if t == FieldType.choice:
        return st.sampled_from([c.value for c in f.choices])
    if t == FieldType.multichoice:
        return st.lists(st.sampled_from([c.value for c in f.choices]), min_size=1, unique=True)
    if t == FieldType.document:
        return _doc(f.multiple)
    raise ValueError(t)


def _row(f: Field, base: dict[str, Any] | None = None) -> st.SearchStrategy[dict[str, Any]]:
    cols = [c for c in f.columns if c.type != FieldType.attachment and not (base and c.id in base)]
    extra = st.fixed_dictionaries({}, optional={c.id: value_for(c) for c in cols})
    if base:
        return extra.map(lambda d: {**base, **d})
    return extra.filter(bool)


def answers_for(form: Form, unit_code: str | None = None) -> st.SearchStrategy[dict[str, Any]]:
    parts: dict[str, st.SearchStrategy[Any]] = {}
    for _, f in form.iter_fields():
        if f.type == FieldType.attachment:
            continue
        if f.type == FieldType.table:
            prefilled = f.prefill_rows(unit_code)
            pre = st.tuples(*[_row(f, p) for p in prefilled]).map(list) if prefilled else st.just([])
            more = st.lists(_row(f), max_size=3)
            parts[f.id] = st.tuples(pre, more).map(lambda t: t[0] + t[1])
        else:
            parts[f.id] = value_for(f)
    return st.fixed_dictionaries({}, optional=parts)
