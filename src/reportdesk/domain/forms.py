"""Form definitions: the YAML contract of DESIGN.md, validated into typed objects.

A definition is read with the safe YAML loader (:mod:`reportdesk.domain.yamlsrc`), checked against the
pydantic schema below, then cross-checked (unique ids, rules naming known fields, safe expressions).
Every problem carries the line of the definition it comes from.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field as PField, ValidationError, field_validator, model_validator

from reportdesk.domain import expr as E
from reportdesk.domain.yamlsrc import LineMap, YamlError, load_yaml

ID_RE = r"^[a-z][a-z0-9_]*$"
FORM_ID_RE = r"^[a-z][a-z0-9-]*$"
MAX_FORM_BYTES = 2_000_000


class FieldType(str, Enum):
    text = "text"
    textarea = "textarea"
    integer = "integer"
    decimal = "decimal"
    percent = "percent"
    date = "date"
    boolean = "boolean"
    choice = "choice"
    multichoice = "multichoice"
    table = "table"
    document = "document"
    attachment = "attachment"


NUMERIC = {FieldType.integer, FieldType.decimal, FieldType.percent}

TYPE_LABELS_VI = {
    FieldType.text: "văn bản",
    FieldType.textarea: "đoạn văn",
    FieldType.integer: "số nguyên",
    FieldType.decimal: "số thập phân",
    FieldType.percent: "tỷ lệ %",
    FieldType.date: "ngày",
    FieldType.boolean: "có/không",
    FieldType.choice: "chọn một",
    FieldType.multichoice: "chọn nhiều",
    FieldType.table: "bảng",
    FieldType.document: "văn bản ban hành",
    FieldType.attachment: "tệp đính kèm",
}

UnitKind = Literal["province", "department", "corporation"]
PeriodKind = Literal["year", "half", "adhoc"]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Choice(_Model):
    value: str
    label: str
    label_en: str | None = None

    @field_validator("label", "label_en")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v else v


class Field(_Model):
    id: str = PField(pattern=ID_RE)
    type: FieldType
    label: str
    label_en: str | None = None
    help: str | None = None
    required: bool = False
    min: float | None = None
    max: float | None = None
    unit: str | None = None
    max_length: int | None = None
    choices: tuple[Choice, ...] = ()
    columns: tuple["Field", ...] = ()
    totals: tuple[str, ...] = ()
    visible_if: str | None = None
    prefill: dict[str, tuple[dict[str, Any], ...]] = {}
    readonly: bool = False
    estimate: bool = False
    multiple: bool = False
    max_rows: int | None = None

    @field_validator("label", "label_en", "help")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v else v

    @field_validator("choices", mode="before")
    @classmethod
    def _choices(cls, v: Any) -> Any:
        if isinstance(v, list):
            return [{"value": str(c), "label": str(c)} if isinstance(c, (str, int)) else c for c in v]
        return v

    @model_validator(mode="after")
    def _shape(self) -> "Field":
        t = self.type
        if t in (FieldType.choice, FieldType.multichoice) and not self.choices:
            raise ValueError("trường kiểu chọn cần danh sách 'choices'")
        if t != FieldType.table and (self.columns or self.totals or self.prefill):
            raise ValueError("'columns', 'totals' và 'prefill' chỉ dùng cho trường kiểu bảng (table)")
        if t == FieldType.table and not self.columns:
            raise ValueError("bảng cần danh sách cột 'columns'")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' lớn hơn 'max'")
        if self.estimate and t not in NUMERIC:
            raise ValueError("'estimate' chỉ dùng cho trường số")
        if self.multiple and t not in (FieldType.document, FieldType.attachment):
            raise ValueError("'multiple' chỉ dùng cho trường văn bản ban hành hoặc tệp đính kèm")
        return self

    def choice_label(self, value: Any) -> str:
        for c in self.choices:
            if c.value == value:
                return c.label
        return "" if value is None else str(value)

    @cached_property
    def choice_values(self) -> frozenset[str]:
        return frozenset(c.value for c in self.choices)

    @cached_property
    def column_map(self) -> dict[str, "Field"]:
        return {c.id: c for c in self.columns}

    def column(self, cid: str) -> "Field | None":
        return self.column_map.get(cid)

    def prefill_rows(self, unit_code: str | None) -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        for key in ("*", unit_code):
            if key and key in self.prefill:
                for r in self.prefill[key]:
                    # a row for every unit ("*") may name units it does not apply to: _except: [CODE, ...]
                    if key == "*" and unit_code and unit_code in (r.get("_except") or ()):
                        continue
                    rows.append({k: v for k, v in r.items() if k != "_except"})
        return rows


class Computed(_Model):
    """A figure computed from the answers (e.g. number of clusters with a treatment system)."""

    id: str = PField(pattern=ID_RE)
    label: str
    label_en: str | None = None
    expr: str
    unit: str | None = None
    percent: bool = False


class Section(_Model):
    id: str = PField(pattern=ID_RE)
    title: str
    title_en: str | None = None
    description: str | None = None
    visible_if: str | None = None
    fields: tuple[Field, ...] = ()
    computed: tuple[Computed, ...] = ()

    @field_validator("title", "title_en", "description")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v else v


class Rule(_Model):
    id: str = PField(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    check: str
    severity: Literal["error", "warning"] = "error"
    message: str
    message_en: str | None = None
    each: str | None = None  # a table id: the check is evaluated on every row
    field: str | None = None  # where to attach the problem (field or column id); default: first name used
    when: str | None = None  # evaluate only when this holds

    @field_validator("message", "message_en")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v else v


class Form(_Model):
    id: str = PField(pattern=FORM_ID_RE)
    version: int = PField(ge=1)
    title: str
    title_en: str | None = None
    subject: str | None = None  # trích yếu of the printed report
    unit_kinds: tuple[UnitKind, ...] = PField(min_length=1)
    periods: tuple[PeriodKind, ...] = PField(min_length=1)
    sections: tuple[Section, ...] = PField(min_length=1)
    rules: tuple[Rule, ...] = ()

    @field_validator("title", "title_en", "subject")
    @classmethod
    def _nfc(cls, v: str | None) -> str | None:
        return nfc(v) if v else v

    # --- navigation -------------------------------------------------------------------------
    def iter_fields(self) -> Iterator[tuple[Section, Field]]:
        for s in self.sections:
            for f in s.fields:
                yield s, f

    # a form is immutable: its indexes are computed once (validation runs them for every row of every import)
    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.id: f for _, f in self.iter_fields()}

    @cached_property
    def _section_map(self) -> dict[str, Section]:
        return {f.id: s for s, f in self.iter_fields()}

    def field(self, fid: str) -> Field | None:
        return self.field_map.get(fid)

    def section_of(self, fid: str) -> Section | None:
        return self._section_map.get(fid)

    @cached_property
    def table_ids(self) -> frozenset[str]:
        return frozenset(f.id for _, f in self.iter_fields() if f.type == FieldType.table)

    @property
    def key(self) -> tuple[str, int]:
        return (self.id, self.version)

    def initial_answers(self, unit_code: str | None) -> dict[str, Any]:
        """Answers of a new draft: prefilled table rows for this unit, nothing else."""
        out: dict[str, Any] = {}
        for _, f in self.iter_fields():
            if f.type == FieldType.table:
                rows = f.prefill_rows(unit_code)
                if rows:
                    out[f.id] = rows
        return out


Field.model_rebuild()


# --- checking a definition ----------------------------------------------------------------------


@dataclass(frozen=True)
class FormProblem:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class FormDefinitionError(ValueError):
    def __init__(self, problems: list[FormProblem]):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


_LOC_NAMES_VI = {"sections": "mục", "fields": "trường", "columns": "cột", "rules": "quy tắc", "choices": "lựa chọn"}


def _pydantic_message(err: dict) -> str:
    loc = err.get("loc", ())
    where = ".".join(str(x) for x in loc if not str(x).startswith("function-after"))
    t = err.get("type")
    msg = err.get("msg", "")
    if t == "missing":
        return f"thiếu khóa bắt buộc '{loc[-1]}'" + (f" (tại {where})" if len(loc) > 1 else "")
    if t == "extra_forbidden":
        return f"khóa không được phép '{loc[-1]}'" + (f" (tại {where})" if len(loc) > 1 else "")
    if t == "enum" and loc and loc[-1] == "type":
        allowed = ", ".join(ft.value for ft in FieldType)
        return f"kiểu trường không xác định '{err.get('input')}' (cho phép: {allowed})"
    if t == "string_pattern_mismatch":
        return f"mã không hợp lệ '{err.get('input')}' tại {where} (chữ thường, số, gạch dưới)"
    if t == "value_error":
        return msg.removeprefix("Value error, ") + (f" (tại {where})" if where else "")
    if t == "literal_error":
        return f"giá trị không hợp lệ '{err.get('input')}' tại {where}: {msg}"
    return f"{where}: {msg}"


def _clean_loc(loc: tuple) -> tuple:
    # pydantic adds union/function tags to locations; keep only keys and indexes
    return tuple(x for x in loc if isinstance(x, int) or (isinstance(x, str) and not x.startswith("function-")))


def check_form_text(text: str, filename: str = "<form>") -> tuple[Form | None, list[FormProblem]]:
    """Parse and check one definition. Returns the form (or None) and every problem found."""
    if len(text.encode("utf-8")) > MAX_FORM_BYTES:
        return None, [FormProblem(filename, 1, "tệp định nghĩa biểu mẫu quá lớn")]
    try:
        data, lines = load_yaml(text)
    except YamlError as exc:
        return None, [FormProblem(filename, exc.line, str(exc))]
    if not isinstance(data, dict):
        return None, [FormProblem(filename, 1, "định nghĩa biểu mẫu phải là một bảng khóa: giá trị (mapping)")]
    try:
        form = Form.model_validate(data)
    except ValidationError as exc:
        problems = []
        errs = exc.errors()
        locs = [_clean_loc(e.get("loc", ())) for e in errs]
        for err, loc in zip(errs, locs):
            # a list whose items all failed is also reported "too short": keep only the item errors
            if err.get("type") == "too_short" and any(len(o) > len(loc) and o[: len(loc)] == loc for o in locs):
                continue
            problems.append(FormProblem(filename, lines.line_of(loc), _pydantic_message(err)))
        problems.extend(_raw_expression_problems(data, lines, filename))
        return None, _dedupe(problems)
    problems = _cross_check(form, lines, filename)
    return (form if not problems else None), problems


def _raw_expression_problems(data: dict, lines: LineMap, filename: str) -> list[FormProblem]:
    """Unsafe or malformed expressions, found even when the rest of the definition does not validate."""
    found: list[FormProblem] = []

    def visit(node: Any, loc: tuple) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("check", "when", "visible_if", "expr") and isinstance(v, str):
                    try:
                        E.parse(v)
                    except E.ExprError as exc:
                        found.append(FormProblem(filename, lines.line_of(loc + (k,)), f"biểu thức không an toàn hoặc sai: {exc}"))
                else:
                    visit(v, loc + (k,))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                visit(v, loc + (i,))

    visit(data, ())
    return found


def _dedupe(problems: list[FormProblem]) -> list[FormProblem]:
    seen = set()
    out = []
    for p in problems:
        if (p.line, p.message) not in seen:
            seen.add((p.line, p.message))
            out.append(p)
    return sorted(out, key=lambda p: p.line)


def _cross_check(form: Form, lines: LineMap, filename: str) -> list[FormProblem]:
    problems: list[FormProblem] = []

    def add(loc: tuple, msg: str) -> None:
        problems.append(FormProblem(filename, lines.line_of(loc), msg))

    fields: dict[str, Field] = {}
    section_ids: set[str] = set()
    computed_ids: set[str] = set()
    for si, s in enumerate(form.sections):
        sloc = ("sections", si)
        if s.id in section_ids:
            add(sloc + ("id",), f"mã mục '{s.id}' bị trùng")
        section_ids.add(s.id)
        for fi, f in enumerate(s.fields):
            floc = sloc + ("fields", fi)
            if f.id in fields:
                add(floc + ("id",), f"mã trường '{f.id}' bị trùng")
            fields[f.id] = f
            _check_field(f, floc, add)
    for si, s in enumerate(form.sections):
        for ci, c in enumerate(s.computed):
            cloc = ("sections", si, "computed", ci)
            if c.id in fields or c.id in computed_ids:
                add(cloc + ("id",), f"mã chỉ tiêu tính toán '{c.id}' bị trùng")
            computed_ids.add(c.id)
    tables = {fid for fid, f in fields.items() if f.type == FieldType.table}

    def check_expr(source: str, loc: tuple, row_table: str | None = None) -> None:
        try:
            ex = E.parse(source)
        except E.ExprError as exc:
            add(loc, f"biểu thức không an toàn hoặc sai: {exc}")
            return
        row_cols = {c.id for c in fields[row_table].columns} if row_table in fields else set()
        for n in ex.names:
            if n not in fields and n not in row_cols and n not in computed_ids:
                add(loc, f"biểu thức nhắc đến trường không tồn tại '{n}'")
        for t, c in ex.columns:
            if t not in tables:
                if t in fields or t in row_cols:
                    add(loc, f"'{t}' không phải là bảng")
                continue
            if fields[t].column(c) is None and c not in fields:
                add(loc, f"bảng '{t}' không có cột '{c}'")

    for si, s in enumerate(form.sections):
        if s.visible_if:
            check_expr(s.visible_if, ("sections", si, "visible_if"))
        for fi, f in enumerate(s.fields):
            if f.visible_if:
                check_expr(f.visible_if, ("sections", si, "fields", fi, "visible_if"))
        for ci, c in enumerate(s.computed):
            check_expr(c.expr, ("sections", si, "computed", ci, "expr"))
    rule_ids: set[str] = set()
    for ri, r in enumerate(form.rules):
        rloc = ("rules", ri)
        if r.id in rule_ids:
            add(rloc + ("id",), f"mã quy tắc '{r.id}' bị trùng")
        rule_ids.add(r.id)
        if r.each is not None and r.each not in tables:
            add(rloc + ("each",), f"'each' phải là mã một bảng, không phải '{r.each}'")
        check_expr(r.check, rloc + ("check",), r.each)
        if r.when:
            check_expr(r.when, rloc + ("when",), r.each)
        if r.field is not None:
            cols = {c.id for c in fields[r.each].columns} if r.each in fields else set()
            if r.field not in fields and r.field not in cols:
                add(rloc + ("field",), f"quy tắc gắn vào trường không tồn tại '{r.field}'")
    return _dedupe(problems)


def _check_field(f: Field, floc: tuple, add) -> None:
    if f.type == FieldType.table:
        col_ids: set[str] = set()
        for ci, c in enumerate(f.columns):
            cloc = floc + ("columns", ci)
            if c.id in col_ids:
                add(cloc + ("id",), f"mã cột '{c.id}' bị trùng trong bảng '{f.id}'")
            col_ids.add(c.id)
            if c.type == FieldType.table:
                add(cloc + ("type",), "cột của bảng không thể là bảng")
            _check_field(c, cloc, add)
        for ti, t in enumerate(f.totals):
            col = f.column(t)
            if col is None:
                add(floc + ("totals", ti), f"cột tổng '{t}' không có trong bảng '{f.id}'")
            elif col.type not in NUMERIC:
                add(floc + ("totals", ti), f"cột tổng '{t}' không phải cột số")
        for unit, rows in f.prefill.items():
            keys: set[str] = set()
            for ri, row in enumerate(rows):
                rloc = floc + ("prefill", unit, ri)
                if not isinstance(row, dict):
                    add(rloc, "dòng điền sẵn phải là bảng khóa: giá trị")
                    continue
                key = row.get("_key")
                if not key:
                    add(rloc, "dòng điền sẵn cần khóa '_key'")
                elif key in keys:
                    add(rloc, f"khóa dòng điền sẵn '{key}' bị trùng")
                keys.add(str(key))
                exc = row.get("_except")
                if exc is not None and (unit != "*" or not isinstance(exc, (list, tuple)) or not all(isinstance(x, str) for x in exc)):
                    add(rloc, "'_except' chỉ dùng cho dòng điền sẵn chung ('*') và là danh sách mã đơn vị")
                for k in row:
                    if k not in ("_key", "_except") and f.column(k) is None:
                        add(rloc, f"dòng điền sẵn có cột không tồn tại '{k}'")
    values = [c.value for c in f.choices]
    if len(values) != len(set(values)):
        add(floc + ("choices",), f"giá trị lựa chọn bị trùng trong '{f.id}'")


def load_form_file(path: Path) -> Form:
    text = _read_text(path)
    form, problems = check_form_text(text, str(path))
    if problems or form is None:
        raise FormDefinitionError(problems)
    return form


def _read_text(path: Path) -> str:
    data = Path(path).read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormDefinitionError([FormProblem(str(path), 1, "tệp không phải UTF-8")]) from None


def check_form_file(path: Path) -> tuple[Form | None, list[FormProblem]]:
    try:
        text = _read_text(path)
    except FormDefinitionError as exc:
        return None, exc.problems
    except OSError as exc:
        return None, [FormProblem(str(path), 1, f"không đọc được tệp: {exc.strerror}")]
    form, problems = check_form_text(text, str(path))
    if form is not None:
        name = Path(path).name
        expected = f"{form.id}.v{form.version}.yaml"
        if re.fullmatch(r".+\.v\d+\.ya?ml", name) and name not in (expected, expected[:-4] + "yml"):
            problems = [FormProblem(str(path), 1, f"tên tệp phải là '{expected}' theo mã và phiên bản biểu mẫu")]
            form = None
    return form, problems


class FormRegistry:
    """All form definitions found in some directories; broken files are kept aside with their problems.

    ``FormRegistry.lazy(*dirs)`` reads nothing until asked: a command that needs one known form version
    (``report show``: the report names its form and version) parses only the file of that name
    (``<id>.v<version>.yaml``, the name a definition must have) — when every file there is named so;
    anything else (a list, the latest version, the problems) reads them all, as ``load`` does."""

    _NAMED = re.compile(r".+\.v\d+\.ya?ml")

    def __init__(self, forms: dict[tuple[str, int], Form], problems: list[FormProblem],
                 dirs: list[Path] | None = None):
        self._forms = forms
        self._problems = problems
        self._dirs = dirs
        self._complete = dirs is None

    @classmethod
    def load(cls, *dirs: Path) -> "FormRegistry":
        forms: dict[tuple[str, int], Form] = {}
        problems: list[FormProblem] = []
        for d in dirs:
            if not d or not Path(d).is_dir():
                continue
            for path in sorted(Path(d).glob("*.yaml")):
                form, probs = check_form_file(path)
                if form is None:
                    problems.extend(probs)
                    continue
                forms.setdefault(form.key, form)
        return cls(forms, problems)

    @classmethod
    def lazy(cls, *dirs: Path) -> "FormRegistry":
        return cls({}, [], [Path(d) for d in dirs if d and Path(d).is_dir()])

    def _full(self) -> dict[tuple[str, int], Form]:
        if not self._complete:
            whole = FormRegistry.load(*(self._dirs or []))
            self._forms, self._problems, self._complete = whole._forms, whole._problems, True
        return self._forms

    def _one(self, key: tuple[str, int]) -> Form | None:
        """The form ``key`` read from its own file alone, or None when that cannot be told for sure."""
        dirs = self._dirs or []
        if not all(self._NAMED.fullmatch(p.name) for d in dirs for p in d.glob("*.yaml")):
            return None
        for d in dirs:
            path = d / f"{key[0]}.v{key[1]}.yaml"
            if path.is_file():
                form, _ = check_form_file(path)
                return form if form is not None and form.key == key else None
        return None

    def __getstate__(self) -> dict:  # sent whole to worker processes
        self._full()
        return self.__dict__.copy()

    @property
    def problems(self) -> list[FormProblem]:
        self._full()
        return self._problems

    def all(self) -> list[Form]:
        forms = self._full()
        return [forms[k] for k in sorted(forms)]

    def latest_all(self) -> list[Form]:
        return [self.latest(fid) for fid in sorted({k[0] for k in self._full()})]  # type: ignore[misc]

    def get(self, form_id: str, version: int | None = None) -> Form | None:
        if version is None:
            return self.latest(form_id)
        key = (form_id, int(version))
        if key in self._forms:
            return self._forms[key]
        if not self._complete:
            form = self._one(key)
            if form is not None:
                self._forms[key] = form
                return form
        return self._full().get(key)

    def latest(self, form_id: str) -> Form | None:
        forms = self._full()
        versions = [v for (fid, v) in forms if fid == form_id]
        return forms[(form_id, max(versions))] if versions else None

    def __contains__(self, key: tuple[str, int]) -> bool:
        return self.get(*key) is not None
