"""Checking answers against a form.

Two levels:

* :func:`coerce_answers` — *structure*: unknown field ids, wrong types (text in an integer), rows for a
  field that is not a table... A fill with any such problem is refused as a whole.
* :func:`check_answers` — *content*: required fields, min/max, choices, prefilled rows, and the form's
  rules (errors and warnings). A report with errors cannot be exported.

Every problem is an :class:`Issue` with a path ``section/field[/row/column]`` (row numbers from 1) and
a Vietnamese message.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import asdict, dataclass
from typing import Any, Literal

from reportdesk.domain import expr as E
from reportdesk.domain.forms import NUMERIC, Field, FieldType, Form

MAX_TEXT = 20_000
MAX_ROWS = 5_000
# the largest magnitude a numeric answer may have, beside the form's own min/max: enough for any
# figure of the reports (VND, tonnes, m2...), small enough that sums, exports and spreadsheets never
# overflow (a float keeps every integer of this size exactly)
MAX_NUMBER = 10**15
DOC_KEYS = ("so_ky_hieu", "ngay", "trich_yeu")
ATTACH_KEYS = ("name", "sha256", "size")


@dataclass(frozen=True)
class Issue:
    severity: Literal["error", "warning"]
    path: str
    message: str
    code: str
    field: str | None = None
    row: int | None = None  # 0-based row index inside a table
    column: str | None = None
    rule: str | None = None

    def __str__(self) -> str:
        label = "Lỗi" if self.severity == "error" else "Cảnh báo"
        return f"{label} [{self.path}]: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _path(form: Form, fid: str | None, row: int | None = None, col: str | None = None) -> str:
    if fid is None:
        return "(biểu mẫu)"
    sec = form.section_of(fid)
    parts = [sec.id if sec else "?", fid]
    if row is not None:
        parts.append(str(row + 1))
    if col is not None:
        parts.append(col)
    return "/".join(parts)


def _label(f: Field) -> str:
    return f"«{f.label}»"


# --- structural coercion ----------------------------------------------------------------------


_PLAIN_NUMERIC = frozenset(NUMERIC)
_TEXT = frozenset((FieldType.text, FieldType.textarea))


class _Problems(list):
    def add(self, form: Form, fid: str | None, msg: str, code: str, row: int | None = None, col: str | None = None) -> None:
        self.append(Issue("error", _path(form, fid, row, col), msg, code, fid, row, col))


def coerce_answers(form: Form, raw: Any) -> tuple[dict[str, Any], list[Issue]]:
    """Check and normalise the structure of answers. Returns (answers, problems)."""
    probs = _Problems()
    if not isinstance(raw, dict):
        probs.add(form, None, "Câu trả lời phải là một đối tượng JSON {mã trường: giá trị}.", "not_object")
        return {}, probs
    fields = form.field_map
    out: dict[str, Any] = {}
    for fid, value in raw.items():
        f = fields.get(fid)
        if f is None:
            probs.add(form, None, f"Trường không có trong biểu mẫu {form.id} v{form.version}: '{fid}'.", "unknown_field")
            continue
        v = _coerce_value(form, f, value, probs, fid, None)
        if v is not None:
            out[fid] = v
    return out, list(probs)


def _coerce_value(form: Form, f: Field, value: Any, probs: _Problems, fid: str, row: int | None) -> Any:
    if value is None or value == "" or value == []:
        return None
    t = f.type
    # the common cases of a cell first (a pasted table has thousands): a plain number or a short text
    if type(value) is int:
        if t in _PLAIN_NUMERIC and abs(value) <= MAX_NUMBER:
            return value
    elif type(value) is float:
        if t in _PLAIN_NUMERIC and t != FieldType.integer and math.isfinite(value) and abs(value) <= MAX_NUMBER:
            return value
    elif type(value) is str and t in _TEXT and len(value) <= (f.max_length or MAX_TEXT) \
            and (value.isascii() or unicodedata.is_normalized("NFC", value)):
        return value
    elif type(value) is str and t == FieldType.choice and value in f.choice_values:
        return value
    col = f.id if row is not None else None
    where = _label(f)

    def bad(msg: str, code: str = "wrong_type") -> None:
        probs.add(form, fid, msg, code, row, col)

    if t == FieldType.table:
        if row is not None:
            bad(f"{where}: bảng lồng trong bảng không được phép.")
            return None
        if not isinstance(value, list):
            bad(f"{where} là bảng: cần một danh sách các dòng.", "not_table")
            return None
        if len(value) > (f.max_rows or MAX_ROWS):
            bad(f"{where}: quá nhiều dòng ({len(value)}).", "too_many_rows")
            return None
        rows = []
        for i, r in enumerate(value):
            if not isinstance(r, dict):
                probs.add(form, fid, f"{where}, dòng {i + 1}: mỗi dòng phải là một đối tượng {{mã cột: giá trị}}.", "bad_row", i)
                continue
            nr: dict[str, Any] = {}
            for cid, cv in r.items():
                if cid == "_key":
                    if cv is not None:
                        nr["_key"] = str(cv)
                    continue
                c = f.column(cid)
                if c is None:
                    probs.add(form, fid, f"{where}, dòng {i + 1}: không có cột '{cid}'.", "unknown_column", i, cid)
                    continue
                cvv = _coerce_value(form, c, cv, probs, fid, i)
                if cvv is not None:
                    nr[cid] = cvv
            rows.append(nr)
        return rows
    if isinstance(value, list) and t not in (FieldType.multichoice,) and not (f.multiple and t in (FieldType.document, FieldType.attachment)):
        bad(f"{where} không nhận danh sách (chỉ bảng mới có các dòng).", "not_table")
        return None
    if t in (FieldType.text, FieldType.textarea):
        if not isinstance(value, str):
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                value = str(value)
            else:
                bad(f"{where} cần văn bản.")
                return None
        value = unicodedata.normalize("NFC", value)
        if len(value) > (f.max_length or MAX_TEXT):
            bad(f"{where}: văn bản quá dài ({len(value)} ký tự, tối đa {f.max_length or MAX_TEXT}).", "too_long")
            return None
        return value
    if t in NUMERIC:
        est = None
        if isinstance(value, dict) and f.estimate and set(value) <= {"value", "estimate"} and "value" in value:
            est = bool(value.get("estimate"))
            value = value["value"]
            if value is None:
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            kind = "số nguyên" if t == FieldType.integer else "số"
            bad(f"{where} cần một {kind}, không phải {_show(value)}.")
            return None
        if isinstance(value, float) and not math.isfinite(value):
            bad(f"{where}: số không hợp lệ (NaN hoặc vô cực).", "not_finite")
            return None
        if abs(value) > MAX_NUMBER:
            bad(f"{where}: số quá lớn (trị tuyệt đối tối đa 10^15).", "too_large")
            return None
        if t == FieldType.integer:
            if isinstance(value, float):
                if not value.is_integer():
                    bad(f"{where} cần một số nguyên, không phải {_show(value)}.")
                    return None
                value = int(value)
        return {"value": value, "estimate": True} if est else value
    if t == FieldType.boolean:
        if not isinstance(value, bool):
            bad(f"{where} cần Có (true) hoặc Không (false), không phải {_show(value)}.")
            return None
        return value
    if t == FieldType.date:
        d = _parse_date(value)
        if d is None:
            bad(f"{where} cần ngày dạng YYYY-MM-DD, không phải {_show(value)}.")
            return None
        return d
    if t == FieldType.choice:
        allowed = [c.value for c in f.choices]
        if not isinstance(value, str) or value not in allowed:
            bad(f"{where}: giá trị {_show(value)} không có trong danh sách lựa chọn ({', '.join(allowed)}).", "bad_choice")
            return None
        return value
    if t == FieldType.multichoice:
        allowed = [c.value for c in f.choices]
        vals = value if isinstance(value, list) else [value]
        wrong = [v for v in vals if not isinstance(v, str) or v not in allowed]
        if wrong:
            bad(f"{where}: giá trị {_show(wrong[0])} không có trong danh sách lựa chọn ({', '.join(allowed)}).", "bad_choice")
            return None
        return [v for v in allowed if v in vals]
    if t in (FieldType.document, FieldType.attachment):
        items = value if isinstance(value, list) else [value]
        if not f.multiple and len(items) > 1:
            bad(f"{where} chỉ nhận một giá trị.")
            return None
        out = []
        for it in items:
            one = _coerce_doc(it) if t == FieldType.document else _coerce_attachment(it)
            if isinstance(one, str):
                bad(f"{where}: {one}")
                return None
            out.append(one)
        return out if f.multiple else out[0]
    bad(f"{where}: kiểu trường không được hỗ trợ.")  # pragma: no cover
    return None


def _coerce_doc(it: Any) -> dict[str, Any] | str:
    if not isinstance(it, dict):
        return "văn bản ban hành cần các mục so_ky_hieu, ngay, trich_yeu."
    extra = set(it) - set(DOC_KEYS)
    if extra:
        return f"văn bản ban hành không có mục '{sorted(extra)[0]}' (chỉ có so_ky_hieu, ngay, trich_yeu)."
    out: dict[str, Any] = {}
    for k in DOC_KEYS:
        v = it.get(k)
        if v in (None, ""):
            continue
        if k == "ngay":
            d = _parse_date(v)
            if d is None:
                return f"ngày ban hành cần dạng YYYY-MM-DD, không phải {_show(v)}."
            out[k] = d
        elif not isinstance(v, str):
            return f"mục {k} cần văn bản."
        else:
            out[k] = unicodedata.normalize("NFC", v)[:MAX_TEXT]
    return out


def _coerce_attachment(it: Any) -> dict[str, Any] | str:
    if isinstance(it, str):
        return {"name": it}
    if not isinstance(it, dict) or not isinstance(it.get("name"), str) or not it["name"]:
        return "tệp đính kèm cần tên tệp (name)."
    if set(it) - set(ATTACH_KEYS):
        return "tệp đính kèm chỉ có các mục name, sha256, size."
    return {k: it[k] for k in ATTACH_KEYS if k in it}


def _parse_date(v: Any) -> str | None:
    if isinstance(v, dt.datetime):
        return v.date().isoformat()
    if isinstance(v, dt.date):
        return v.isoformat()
    if not isinstance(v, str):
        return None
    try:
        return dt.date.fromisoformat(v.strip()[:10]).isoformat() if len(v.strip()) == 10 else None
    except ValueError:
        return None


def _show(v: Any) -> str:
    if isinstance(v, str):
        return f"'{v[:40]}'"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return "một " + ("đối tượng" if isinstance(v, dict) else "danh sách")
    return str(v)


# --- content checks -----------------------------------------------------------------------------


def plain(v: Any) -> Any:
    """The number of an estimated figure ({"value": x, "estimate": true})."""
    return E._plain(v)


def _env(form: Form, answers: dict[str, Any]) -> E.Env:
    values = dict(answers)
    env = E.Env(values, form.table_ids)
    # computed figures are visible to rules and to other computed figures (in order)
    for s in form.sections:
        for c in s.computed:
            try:
                values[c.id] = E.parse(c.expr).evaluate(env)
            except (E.Undetermined, E.ExprError):
                values[c.id] = None
    return env


def computed_values(form: Form, answers: dict[str, Any]) -> dict[str, Any]:
    env = _env(form, answers)
    return {c.id: env.fields.get(c.id) for s in form.sections for c in s.computed}


def table_totals(f: Field, rows: list[dict[str, Any]]) -> dict[str, float | int]:
    out: dict[str, float | int] = {}
    for cid in f.totals:
        total: float | int = 0
        for r in rows or []:
            v = plain(r.get(cid))
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                total += v
        out[cid] = round(total, 6) if isinstance(total, float) else total
    return out


def is_visible(expr_src: str | None, env: E.Env) -> bool:
    if not expr_src:
        return True
    try:
        return E._truthy(E.parse(expr_src).evaluate(env))
    except E.Undetermined:
        return False


def check_answers(form: Form, answers: Any, unit_code: str | None = None) -> list[Issue]:
    """Every error and warning of a filled report (structure problems included)."""
    return check_and_compute(form, answers, unit_code)[0]


def check_and_compute(form: Form, answers: Any, unit_code: str | None = None, *,
                      coerced: bool = False) -> tuple[list[Issue], dict[str, Any]]:
    """:func:`check_answers` and :func:`computed_values` in one pass (the editor checks after each edit).
    ``coerced=True`` trusts answers that are already in their stored shape (read from the store, or
    made by the editor) and skips the structural pass."""
    if coerced:
        issues: list[Issue] = []
    else:
        answers, issues = coerce_answers(form, answers)
    env = _env(form, answers)
    for s in form.sections:
        if not is_visible(s.visible_if, env):
            continue
        for f in s.fields:
            if not is_visible(f.visible_if, env):
                continue
            v = answers.get(f.id)
            if f.type == FieldType.table:
                issues.extend(_check_table(form, f, v or [], unit_code, env))
            else:
                issues.extend(_check_scalar(form, f, v, f.id, None))
    issues.extend(_check_rules(form, answers, env))
    return issues, {c.id: env.fields.get(c.id) for s in form.sections for c in s.computed}


def _where(f: Field, row: int | None) -> str:
    return _label(f) if row is None else f"{_label(f)} (dòng {row + 1})"


def _check_scalar(form: Form, f: Field, v: Any, fid: str, row: int | None) -> list[Issue]:
    if E.is_empty(v):
        if f.required:
            col = f.id if row is not None else None
            return [Issue("error", _path(form, fid, row, col), f"{_where(f, row)} là bắt buộc.", "required", fid, row, col)]
        return []
    out: list[Issue] = []
    if f.type not in NUMERIC and f.type not in (FieldType.text, FieldType.textarea, FieldType.document):
        return out
    col = f.id if row is not None else None
    if f.type in NUMERIC:
        n = plain(v)
        lo = f.min
        hi = f.max
        if f.type == FieldType.percent:
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        if lo is not None and n < lo:
            out.append(Issue("error", _path(form, fid, row, col), f"{_where(f, row)} không được nhỏ hơn {_fmt(lo)}.", "min", fid, row, col))
        if hi is not None and n > hi:
            out.append(Issue("error", _path(form, fid, row, col), f"{_where(f, row)} không được lớn hơn {_fmt(hi)}.", "max", fid, row, col))
    elif f.type in (FieldType.text, FieldType.textarea) and f.min is not None and len(v) < f.min:
        out.append(Issue("error", _path(form, fid, row, col), f"{_where(f, row)} cần ít nhất {_fmt(f.min)} ký tự.", "min", fid, row, col))
    elif f.type == FieldType.document:
        for d in v if isinstance(v, list) else [v]:
            if not d.get("so_ky_hieu") or not d.get("ngay"):
                out.append(Issue("error", _path(form, fid, row, col), f"{_where(f, row)}: văn bản ban hành cần số/ký hiệu và ngày.", "document_incomplete", fid, row, col))
                break
    return out


def _check_table(form: Form, f: Field, rows: list, unit_code: str | None, env: E.Env) -> list[Issue]:
    out: list[Issue] = []
    if f.required and not rows:
        out.append(Issue("error", _path(form, f.id), f"{_label(f)} cần ít nhất một dòng.", "required", f.id))
    prefilled = {r["_key"]: r for r in f.prefill_rows(unit_code) if "_key" in r}
    present = {r.get("_key") for r in rows if isinstance(r, dict)}
    for key, pr in prefilled.items():
        if key not in present:
            title = next((str(v) for k, v in pr.items() if k != "_key"), key)
            out.append(Issue("error", _path(form, f.id), f"{_label(f)}: không được xóa dòng điền sẵn «{title[:80]}».", "prefill_missing", f.id))
    for i, r in enumerate(rows):
        if not isinstance(r, dict):
            continue
        pr = prefilled.get(r.get("_key"))
        row_env = env.with_row(r)
        for c in f.columns:
            if not is_visible(c.visible_if, row_env):
                continue
            if pr is not None and c.readonly and c.id in pr and r.get(c.id) != pr[c.id]:
                out.append(Issue("error", _path(form, f.id, i, c.id), f"{_label(c)} (dòng {i + 1}) do Kế hoạch giao, không được sửa.", "prefill_changed", f.id, i, c.id))
            out.extend(_check_scalar(form, c, r.get(c.id), f.id, i))
    return out


def _check_rules(form: Form, answers: dict[str, Any], env: E.Env) -> list[Issue]:
    out: list[Issue] = []
    for rule in form.rules:
        try:
            check = E.parse(rule.check)
            when = E.parse(rule.when) if rule.when else None
        except E.ExprError:
            continue  # a definition with a bad rule never loads; defensive only
        target = rule.field or _first_name(check, form, rule.each)
        if rule.each:
            rows = answers.get(rule.each) or []
            for i, r in enumerate(rows):
                renv = env.with_row(r)
                if _fires(check, when, renv):
                    col = target if target and target != rule.each else None
                    out.append(Issue(rule.severity, _path(form, rule.each, i, col), f"Dòng {i + 1}: {rule.message}", "rule", rule.each, i, col, rule.id))
        else:
            if _fires(check, when, env):
                fid = target if target in form.field_map else None
                out.append(Issue(rule.severity, _path(form, fid), rule.message, "rule", fid, None, None, rule.id))
    return out


def _fires(check: E.Expression, when: E.Expression | None, env: E.Env) -> bool:
    try:
        if when is not None and not E._truthy(when.evaluate(env)):
            return False
        return not E._truthy(check.evaluate(env))
    except E.Undetermined:
        return False


def _first_name(ex: E.Expression, form: Form, table: str | None) -> str | None:
    """The first field (or, for a per-row rule, column) named in the check, in reading order."""
    if table:
        cols = {c.id for c in form.field_map[table].columns} if table in form.field_map else set()
        candidates = cols
    else:
        candidates = set(form.field_map)
    for m in re.finditer(r"[A-Za-z_][A-Za-z0-9_]*", ex.source):
        if m.group(0) in candidates:
            return m.group(0)
    return None


def _fmt(n: float) -> str:
    if float(n).is_integer():
        return f"{int(n):,}".replace(",", ".")
    return f"{n:,}".replace(",", "X").replace(".", ",").replace("X", ".")


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]
