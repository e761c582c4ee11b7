"""The units registry: who reports (Sở Công Thương, Cục/Vụ and press units, corporations).

The registry is data (``resources/units.yaml``), not code. The consolidation side can add units (other
Cục/Vụ, press units, producers): those go to ``<data-dir>/units.yaml``, loaded after the shipped file,
so a later file adds units or corrects a shipped one (same code).

File shape::

    units:
      - code: SCT-01
        name: Sở Công Thương Hà Nội
        kind: province            # province | department | corporation
        short_name: Hà Nội        # optional
        place: Hà Nội             # địa danh printed before the date
        agency_parent: UBND THÀNH PHỐ HÀ NỘI   # cơ quan chủ quản (optional)
        abbreviation: SCT         # in document numbers: Số: 12/BC-SCT
        active: true              # optional, default true
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Literal

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from reportdesk import atomic
from reportdesk.domain.yamlsrc import YamlError, load_yaml

UnitKind = Literal["province", "department", "corporation"]
UNIT_KINDS: tuple[str, ...] = ("department", "province", "corporation")
KIND_LABELS_VI = {"department": "Cục/Vụ, đơn vị báo chí", "province": "Sở Công Thương", "corporation": "Tập đoàn, Tổng công ty"}

CODE_RE = re.compile(r"^[A-Z][A-Z0-9]{1,15}(-[A-Z0-9]{1,20}){1,3}$")
PROVINCE_CODE_RE = re.compile(r"^SCT-\d{2}$")
ABBR_RE = re.compile(r"^[^\s/]{1,20}$")


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s).strip()


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    kind: str
    short_name: str | None = None
    place: str = "Hà Nội"
    agency_parent: str | None = None
    abbreviation: str = ""
    active: bool = True

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class _UnitModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    name: str
    kind: UnitKind
    short_name: str | None = None
    place: str
    agency_parent: str | None = None
    abbreviation: str
    active: bool = True

    @field_validator("name", "short_name", "place", "agency_parent", "abbreviation")
    @classmethod
    def _text(cls, v: str | None) -> str | None:
        if v is None:
            return v
        v = _nfc(str(v))
        if not v:
            raise ValueError("không được để trống")
        return v

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        v = str(v).strip()
        if not CODE_RE.match(v):
            raise ValueError(
                f"mã đơn vị không hợp lệ '{v}' (chữ in hoa không dấu, số và gạch nối, ví dụ SCT-01, CUC-ATMT, TCT-VEAM)"
            )
        return v

    @field_validator("abbreviation")
    @classmethod
    def _abbr(cls, v: str) -> str:
        if not ABBR_RE.match(v):
            raise ValueError(f"chữ viết tắt '{v}' không được chứa khoảng trắng hoặc dấu /")
        return v

    def to_unit(self) -> Unit:
        return Unit(**self.model_dump())


def _check_kind_code(code: str, kind: str) -> str | None:
    if kind == "province" and not PROVINCE_CODE_RE.match(code):
        return f"mã Sở Công Thương phải có dạng SCT-<2 chữ số mã tỉnh>, không phải '{code}'"
    if kind != "province" and code.startswith("SCT-"):
        return f"mã bắt đầu bằng SCT- dành cho Sở Công Thương (loại province), không phải loại '{kind}'"
    return None


def make_unit(**data) -> Unit:
    """Build and validate one unit (raises ValueError with a Vietnamese message)."""
    try:
        m = _UnitModel.model_validate(data)
    except ValidationError as exc:
        raise ValueError("; ".join(_msg(e) for e in exc.errors())) from None
    problem = _check_kind_code(m.code, m.kind)
    if problem:
        raise ValueError(problem)
    return m.to_unit()


def _msg(err: dict) -> str:
    loc = ".".join(str(x) for x in err.get("loc", ()))
    t = err.get("type")
    if t == "missing":
        return f"thiếu mục bắt buộc '{loc}'"
    if t == "extra_forbidden":
        return f"mục không được phép '{loc}'"
    if t == "literal_error":
        return f"loại đơn vị không hợp lệ '{err.get('input')}' (cho phép: province, department, corporation)"
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    return f"{loc}: {msg}" if loc else msg


_KIND_RANK = {k: i for i, k in enumerate(UNIT_KINDS)}


def _sort_key(u: Unit) -> tuple:
    if u.kind == "province":
        return (_KIND_RANK.get(u.kind, 9), 0, int(u.code[4:]), u.code)
    # the focal point first, then the Cục, then press units
    first = 0 if u.code == "CUC-ATMT" else (2 if u.code.startswith("BAO-") else 1)
    return (_KIND_RANK.get(u.kind, 9), first, 0, u.code)


class UnitRegistry:
    """An immutable set of units, keyed by code."""

    def __init__(self, units: Iterable[Unit] = ()):
        self._units: dict[str, Unit] = {}
        for u in units:
            self._units[u.code] = u

    def get(self, code: str) -> Unit | None:
        return self._units.get(code)

    def __contains__(self, code: object) -> bool:
        return code in self._units

    def __len__(self) -> int:
        return len(self._units)

    def __iter__(self):
        return iter(self.all())

    def all(self, include_inactive: bool = True) -> list[Unit]:
        units = sorted(self._units.values(), key=_sort_key)
        return units if include_inactive else [u for u in units if u.active]

    def by_kind(self, kind: str, include_inactive: bool = True) -> list[Unit]:
        return [u for u in self.all(include_inactive) if u.kind == kind]

    def with_unit(self, unit: Unit) -> "UnitRegistry":
        """A new registry with one more unit. Refuses a duplicate or malformed code."""
        checked = make_unit(**unit.__dict__) if isinstance(unit, Unit) else make_unit(**dict(unit))
        if checked.code in self._units:
            raise ValueError(f"Mã đơn vị '{checked.code}' đã có trong danh mục ({self._units[checked.code].name}).")
        return UnitRegistry([*self._units.values(), checked])


class UnitsFileError(ValueError):
    """A units file that cannot be used; the message carries file:line."""


def _load_file(path: Path) -> list[Unit]:
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnitsFileError(f"{path}:1: tệp không phải UTF-8") from None
    try:
        data, lines = load_yaml(text)
    except YamlError as exc:
        raise UnitsFileError(f"{path}:{exc.line}: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("units", []), list) or set(data) - {"units"}:
        raise UnitsFileError(f"{path}:1: tệp danh mục đơn vị cần đúng một khóa 'units' chứa danh sách đơn vị")
    out: list[Unit] = []
    seen: dict[str, int] = {}
    problems: list[str] = []
    for i, item in enumerate(data.get("units") or []):
        line = lines.line_of(("units", i))
        if not isinstance(item, dict):
            problems.append(f"{path}:{line}: mỗi đơn vị phải là một bảng khóa: giá trị")
            continue
        try:
            m = _UnitModel.model_validate(item)
        except ValidationError as exc:
            for e in exc.errors():
                loc = tuple(x for x in e.get("loc", ()) if isinstance(x, (str, int)))
                problems.append(f"{path}:{lines.line_of(('units', i) + loc[:1])}: {_msg(e)}")
            continue
        problem = _check_kind_code(m.code, m.kind)
        if problem:
            problems.append(f"{path}:{lines.line_of(('units', i, 'code'))}: {problem}")
            continue
        if m.code in seen:
            problems.append(f"{path}:{line}: mã đơn vị '{m.code}' bị trùng (đã có ở dòng {seen[m.code]})")
            continue
        seen[m.code] = line
        out.append(m.to_unit())
    if problems:
        raise UnitsFileError("\n".join(problems))
    return out


def load_units(*paths: Path | str | None) -> UnitRegistry:
    """Load the registry from files in order; a later file adds units or overrides one with the same code.

    Missing files are skipped (the data dir's file exists only once a unit was added).
    """
    units: dict[str, Unit] = {}
    for p in paths:
        if p is None or not Path(p).is_file():
            continue
        for u in _load_file(Path(p)):
            units[u.code] = u
    return UnitRegistry(units.values())


def unit_to_dict(u: Unit) -> dict:
    d: dict = {"code": u.code, "name": u.name, "kind": u.kind}
    if u.short_name:
        d["short_name"] = u.short_name
    d["place"] = u.place
    if u.agency_parent:
        d["agency_parent"] = u.agency_parent
    d["abbreviation"] = u.abbreviation
    if not u.active:
        d["active"] = False
    return d


atomic_write_text = atomic.write_text


def save_extra_units(path: Path | str, units: Iterable[Unit]) -> None:
    """Write the units added by the consolidation side (atomically: the old file stays until replaced)."""
    items = [unit_to_dict(make_unit(**u.__dict__)) for u in units]
    codes = [u["code"] for u in items]
    dup = {c for c in codes if codes.count(c) > 1}
    if dup:
        raise ValueError(f"Mã đơn vị bị trùng: {', '.join(sorted(dup))}.")
    text = "# Đơn vị do bên tổng hợp bổ sung (reportdesk). Tệp được ghi tự động.\n"
    text += yaml.safe_dump({"units": items}, allow_unicode=True, sort_keys=False, width=120)
    atomic_write_text(path, text)
