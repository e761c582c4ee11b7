"""Reporting periods, data windows and deadlines (data in ``resources/calendar.yaml``).

Period codes (DESIGN.md): ``2026`` (year), ``2026-H1`` (six months), ``2026-AH-<slug>`` (ad hoc).

Deadlines are stored as the *last day* a report is on time (DESIGN.md: on time = signed no later than
the end of the deadline day, Vietnam time). The plan writes "trước ngày 10/6": read literally, the
report must arrive before 10/6, so the shipped deadline is 9/6 (and 19/11, 14/11, 19/6, 29/11).
The consolidation side can correct any date in ``<data-dir>/calendar.yaml``.

File shape::

    periods:
      - code: "2026-H1"
        kind: half                  # year | half | adhoc
        label: 6 tháng đầu năm 2026
        window: [2025-12-15, 2026-06-14]
        deadlines: {department: 2026-06-09}
        atmt_deadline: 2026-06-19   # optional
        received_late_after_days: 3 # optional (default 3): a package signed on time but first received
                                    # more than this many days after the deadline is flagged
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Literal, Mapping

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from reportdesk.domain.units import UNIT_KINDS, atomic_write_text
from reportdesk.domain.yamlsrc import YamlError, load_yaml

PeriodKind = Literal["year", "half", "adhoc"]
KIND_LABELS_VI = {"year": "hằng năm", "half": "6 tháng", "adhoc": "đột xuất"}

_YEAR = r"(20[0-9][0-9])"
_SLUG = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_CODE_RE = re.compile(rf"{_YEAR}(?:-(H1)|-AH-({_SLUG}))?", re.ASCII)  # fullmatch: "2026\n" is refused
RECEIVED_LATE_AFTER_DAYS = 3  # default: signed on time but first received more than this many days late
MAX_SLUG = 40


def parse_period_code(code: str) -> tuple[int, str, str | None]:
    """``2026`` -> (2026, "year", None); ``2026-H1`` -> (2026, "half", None);
    ``2026-AH-ra-soat-ccn`` -> (2026, "adhoc", "ra-soat-ccn"). Anything else: ValueError (Vietnamese)."""
    if not isinstance(code, str):
        raise ValueError("Mã kỳ báo cáo phải là chuỗi, ví dụ 2026, 2026-H1 hoặc 2026-AH-<tên>.")
    m = _CODE_RE.fullmatch(code)
    if not m or (m.group(3) and len(m.group(3)) > MAX_SLUG):
        raise ValueError(
            f"Mã kỳ báo cáo không hợp lệ '{code}': chỉ dùng 2026 (năm), 2026-H1 (6 tháng) hoặc "
            f"2026-AH-<tên> (đột xuất; tên gồm chữ thường không dấu, số và gạch nối, tối đa {MAX_SLUG} ký tự)."
        )
    year = int(m.group(1))
    if m.group(2):
        return year, "half", None
    if m.group(3):
        return year, "adhoc", m.group(3)
    return year, "year", None


def period_kind_matches(form_periods: Iterable[str], period_kind: str) -> bool:
    """Whether a form made for ``form_periods`` (e.g. ("year", "adhoc")) can be filled for this kind."""
    return period_kind in tuple(form_periods)


@dataclass(frozen=True)
class Period:
    code: str
    kind: str
    label: str
    window_start: dt.date | None
    window_end: dt.date | None
    deadlines: Mapping[str, dt.date] = field(default_factory=dict)
    atmt_deadline: dt.date | None = None
    received_late_after_days: int = RECEIVED_LATE_AFTER_DAYS

    def __hash__(self) -> int:  # the deadlines mapping is not hashable; a period is identified by its code
        return hash(self.code)

    @property
    def year(self) -> int:
        return parse_period_code(self.code)[0]

    @property
    def unit_kinds(self) -> tuple[str, ...]:
        """The unit kinds that report for this period (those with a deadline)."""
        return tuple(k for k in UNIT_KINDS if k in self.deadlines)

    def deadline(self, unit_kind: str) -> dt.date | None:
        return self.deadlines.get(unit_kind)


class _PeriodModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    kind: PeriodKind
    label: str
    window: tuple[dt.date, dt.date] | None = None
    deadlines: dict[Literal["province", "department", "corporation"], dt.date] = {}
    atmt_deadline: dt.date | None = None
    received_late_after_days: int = Field(default=RECEIVED_LATE_AFTER_DAYS, ge=0, le=365)

    @field_validator("code", mode="before")
    @classmethod
    def _code(cls, v):
        v = str(v)
        parse_period_code(v)
        return v

    @field_validator("label")
    @classmethod
    def _label(cls, v: str) -> str:
        v = unicodedata.normalize("NFC", v).strip()
        if not v:
            raise ValueError("tên kỳ báo cáo không được để trống")
        return v

    @model_validator(mode="after")
    def _consistent(self) -> "_PeriodModel":
        _, kind, _ = parse_period_code(self.code)
        if kind != self.kind:
            raise ValueError(f"mã kỳ '{self.code}' là kỳ '{kind}', không phải '{self.kind}'")
        if self.window and self.window[0] > self.window[1]:
            raise ValueError("ngày bắt đầu kỳ số liệu sau ngày kết thúc")
        return self

    def to_period(self) -> Period:
        return Period(
            code=self.code,
            kind=self.kind,
            label=self.label,
            window_start=self.window[0] if self.window else None,
            window_end=self.window[1] if self.window else None,
            deadlines=dict(self.deadlines),
            atmt_deadline=self.atmt_deadline,
            received_late_after_days=self.received_late_after_days,
        )


_KIND_ORDER = {"half": 0, "adhoc": 1, "year": 2}


def _sort_key(p: Period) -> tuple:
    # chronological by the end of the data window (H1 before the year), then by code
    end = p.window_end or (min(p.deadlines.values()) if p.deadlines else dt.date(p.year, 12, 31))
    return (p.year, end, _KIND_ORDER.get(p.kind, 9), p.code)


class Calendar:
    def __init__(self, periods: Iterable[Period] = ()):
        self._periods: dict[str, Period] = {p.code: p for p in periods}

    def get(self, code: str) -> Period | None:
        return self._periods.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._periods

    def __len__(self) -> int:
        return len(self._periods)

    def all(self) -> list[Period]:
        return sorted(self._periods.values(), key=_sort_key)

    def deadline(self, code: str, unit_kind: str) -> dt.date | None:
        p = self.get(code)
        return p.deadline(unit_kind) if p else None

    def with_adhoc(
        self,
        code: str,
        label: str,
        deadline: dt.date,
        unit_kinds: Iterable[str],
        window: tuple[dt.date, dt.date] | None = None,
        atmt_deadline: dt.date | None = None,
    ) -> "Calendar":
        """A new calendar with one more ad hoc period (``YYYY-AH-<slug>``)."""
        year, kind, _ = parse_period_code(code)
        if kind != "adhoc":
            raise ValueError(f"Kỳ đột xuất cần mã dạng {year}-AH-<tên>, không phải '{code}'.")
        if code in self._periods:
            raise ValueError(f"Kỳ báo cáo '{code}' đã có.")
        kinds = list(unit_kinds)
        if not kinds:
            raise ValueError("Kỳ đột xuất cần ít nhất một loại đơn vị báo cáo.")
        bad = [k for k in kinds if k not in UNIT_KINDS]
        if bad:
            raise ValueError(f"Loại đơn vị không hợp lệ '{bad[0]}' (cho phép: province, department, corporation).")
        if not isinstance(deadline, dt.date):
            raise ValueError("Hạn báo cáo phải là một ngày.")
        try:
            m = _PeriodModel(
                code=code,
                kind="adhoc",
                label=label,
                window=tuple(window) if window else None,
                deadlines={k: deadline for k in kinds},
                atmt_deadline=atmt_deadline,
            )
        except ValidationError as exc:
            raise ValueError("; ".join(_msg(e) for e in exc.errors())) from None
        return Calendar([*self._periods.values(), m.to_period()])


class CalendarFileError(ValueError):
    """A calendar file that cannot be used; the message carries file:line."""


def _msg(err: dict) -> str:
    loc = ".".join(str(x) for x in err.get("loc", ()))
    t = err.get("type")
    if t == "missing":
        return f"thiếu mục bắt buộc '{loc}'"
    if t == "extra_forbidden":
        return f"mục không được phép '{loc}'"
    if t and t.startswith("date"):
        return f"{loc}: ngày không hợp lệ '{err.get('input')}' (dạng YYYY-MM-DD)"
    if t == "literal_error":
        return f"{loc}: giá trị không hợp lệ '{err.get('input')}'"
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


def _load_file(path: Path) -> list[Period]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CalendarFileError(f"{path}:1: tệp không phải UTF-8") from None
    try:
        data, lines = load_yaml(text)
    except YamlError as exc:
        raise CalendarFileError(f"{path}:{exc.line}: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("periods", []), list) or set(data) - {"periods"}:
        raise CalendarFileError(f"{path}:1: tệp lịch báo cáo cần đúng một khóa 'periods' chứa danh sách kỳ báo cáo")
    out: list[Period] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(data.get("periods") or []):
        line = lines.line_of(("periods", i))
        if not isinstance(item, dict):
            problems.append(f"{path}:{line}: mỗi kỳ báo cáo phải là một bảng khóa: giá trị")
            continue
        try:
            m = _PeriodModel.model_validate(item)
        except ValidationError as exc:
            for e in exc.errors():
                loc = tuple(x for x in e.get("loc", ()) if isinstance(x, (str, int)))
                problems.append(f"{path}:{lines.line_of(('periods', i) + loc[:2])}: {_msg(e)}")
            continue
        if m.code in seen:
            problems.append(f"{path}:{line}: kỳ báo cáo '{m.code}' bị trùng (đã có ở dòng {seen[m.code]})")
            continue
        seen[m.code] = line
        out.append(m.to_period())
    if problems:
        raise CalendarFileError("\n".join(problems))
    return out


def load_calendar(*paths: Path | str | None) -> Calendar:
    """Load periods from files in order; a later file adds periods or overrides one with the same code."""
    periods: dict[str, Period] = {}
    for p in paths:
        if p is None or not Path(p).is_file():
            continue
        for per in _load_file(Path(p)):
            periods[per.code] = per
    return Calendar(periods.values())


def period_to_dict(p: Period) -> dict:
    d: dict = {"code": p.code, "kind": p.kind, "label": p.label}
    if p.window_start and p.window_end:
        d["window"] = [p.window_start, p.window_end]
    d["deadlines"] = {k: p.deadlines[k] for k in UNIT_KINDS if k in p.deadlines}
    if p.atmt_deadline:
        d["atmt_deadline"] = p.atmt_deadline
    if p.received_late_after_days != RECEIVED_LATE_AFTER_DAYS:
        d["received_late_after_days"] = p.received_late_after_days
    return d


def save_extra_periods(path: Path | str, periods: Iterable[Period]) -> None:
    """Write the periods added or corrected by the consolidation side (atomic write)."""
    items = [period_to_dict(p) for p in periods]
    for it in items:
        _PeriodModel.model_validate(it)
    codes = [it["code"] for it in items]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise ValueError(f"Kỳ báo cáo bị trùng: {', '.join(sorted(dup))}.")
    text = "# Kỳ báo cáo do bên tổng hợp bổ sung hoặc điều chỉnh (reportdesk). Tệp được ghi tự động.\n"
    text += yaml.safe_dump({"periods": items}, allow_unicode=True, sort_keys=False, width=120)
    atomic_write_text(path, text)
