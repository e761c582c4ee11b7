"""Vietnamese formatting shared by every document writer (unit report, consolidated report, workbooks).

Conventions (../shared/DOMAIN.md): numbers with a decimal comma and a thousands dot (``1.234,5``),
dates ``dd/mm/yyyy``, the place-and-date line of Nghị định 30/2020/NĐ-CP ("Hà Nội, ngày 05 tháng 02
năm 2026": a day below 10 and the months 1 and 2 take a leading zero). Nothing here ever prints
"None", "True" or "False": an empty value gives ``""`` (or the ``empty`` text the caller asks for).

Pure functions, no I/O; they take a :class:`~reportdesk.domain.forms.Field` when they need to know
how to read a value (choice labels, unit of measure, estimates).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import Any, Iterable

from reportdesk.domain.forms import Field, FieldType

ESTIMATE_VI = "ước thực hiện"
YES_VI = "Có"
NO_VI = "Không"


# --- numbers -----------------------------------------------------------------------------------


def format_number(value: Any, max_decimals: int = 2, *, min_decimals: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"``; ``1234`` -> ``"1.234"``; ``-0.125`` -> ``"-0,13"`` (half up).

    Trailing zeros of the fraction are dropped down to ``min_decimals``. Non-numbers give ``""``.
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, dict) and "value" in value:  # an estimated figure
        value = value["value"]
    if not isinstance(value, (int, float, Decimal)):
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    try:
        d = Decimal(str(value)) if not isinstance(value, Decimal) else value
        if not d.is_finite():
            return ""
        q = Decimal(1).scaleb(-max_decimals) if max_decimals > 0 else Decimal(1)
        # a context wide enough for every digit: quantize never raises, however long the number
        prec = len(d.as_tuple().digits) + abs(int(d.as_tuple().exponent)) + max_decimals + 2
        if prec > 2_000:
            return str(value)  # absurdly long: plain digits, not grouped
        d = d.quantize(q, rounding=ROUND_HALF_UP, context=Context(prec=max(28, prec)))
    except (ArithmeticError, ValueError, OverflowError):
        return str(value)  # never raise while a window paints: plain digits
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = f"{d:f}"
    whole, _, frac = text.partition(".")
    frac = frac.rstrip("0")
    if len(frac) < min_decimals:
        frac = frac + "0" * (min_decimals - len(frac))
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    out = ".".join(groups)
    if frac:
        out += "," + frac
    if out.strip("0.,") == "":
        sign = ""  # no "-0"
    return sign + out


def format_percent(value: Any, max_decimals: int = 2) -> str:
    """``85.5`` -> ``"85,5%"`` (the value is already in percent)."""
    s = format_number(value, max_decimals)
    return f"{s}%" if s else ""


def format_quantity(value: Any, unit: str | None = None, max_decimals: int = 2) -> str:
    """A number with its unit of measure: ``"1.234,5 m³/ngày đêm"``; ``%`` is written without a space."""
    s = format_number(value, max_decimals)
    if not s or not unit:
        return s
    if unit.strip() == "%":
        return s + "%"
    return f"{s} {unit}"


# --- dates -------------------------------------------------------------------------------------


def to_date(value: Any) -> dt.date | None:
    """A date from a date, a datetime or an ISO text (``2026-02-05``); else None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def format_date(value: Any) -> str:
    """``2026-02-05`` -> ``"05/02/2026"``; anything that is not a date gives ``""``."""
    d = to_date(value)
    return d.strftime("%d/%m/%Y") if d else ""


def date_words(value: Any) -> str:
    """``"ngày 05 tháng 02 năm 2026"`` (Nghị định 30: leading zero for days < 10 and months 1-2)."""
    d = to_date(value)
    if d is None:
        return ""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def place_date_line(place: str | None, value: Any) -> str:
    """``"Hà Nội, ngày 05 tháng 02 năm 2026"``; without a date: ``"Hà Nội, ngày     tháng     năm 2026"``
    is the caller's choice — this returns the place alone followed by the words it has."""
    words = date_words(value)
    if place and words:
        return f"{place}, {words}"
    return place or words


def blank_date_line(place: str | None, year: int) -> str:
    """A date line left for the signer to complete: ``"Hà Nội, ngày      tháng      năm 2026"``."""
    text = f"ngày      tháng      năm {year}"
    return f"{place}, {text}" if place else text


# --- answers -----------------------------------------------------------------------------------


def is_empty(value: Any) -> bool:
    if value is None or value == "" or value == [] or value == {}:
        return True
    if isinstance(value, dict) and set(value) <= {"value", "estimate"} and value.get("value") is None:
        return True
    return False


def is_estimate(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("estimate")) and "value" in value


def plain_number(value: Any) -> Any:
    """The number of ``{"value": x, "estimate": true}``, or the value itself."""
    if isinstance(value, dict) and "value" in value:
        return value["value"]
    return value


def format_document(doc: dict[str, Any] | None) -> str:
    """An issued document: ``"số 12/KH-UBND ngày 05/02/2026: Kế hoạch thực hiện ..."``."""
    if not isinstance(doc, dict):
        return ""
    parts = []
    if doc.get("so_ky_hieu"):
        parts.append(f"số {doc['so_ky_hieu']}")
    if doc.get("ngay"):
        parts.append(f"ngày {format_date(doc['ngay'])}")
    head = " ".join(parts)
    tail = str(doc.get("trich_yeu") or "").strip()
    if head and tail:
        return f"{head}: {tail}"
    return head or tail


def format_documents(value: Any, sep: str = "; ") -> str:
    docs = value if isinstance(value, list) else [value]
    return sep.join(t for t in (format_document(d) for d in docs) if t)


def format_bool(value: Any) -> str:
    if value is True:
        return YES_VI
    if value is False:
        return NO_VI
    return ""


def format_answer(field: Field, value: Any, *, with_unit: bool = True, max_decimals: int = 2,
                  empty: str = "", list_sep: str = "; ") -> str:
    """An answer as a person writes it: choice labels, Có/Không, ``1.234,5 ha``, ``05/02/2026``,
    ``"1.200 tấn (ước thực hiện)"``, documents as ``số ... ngày ...: trích yếu``. Empty gives ``empty``."""
    if is_empty(value):
        return empty
    t = field.type
    if t in (FieldType.integer, FieldType.decimal, FieldType.percent):
        n = plain_number(value)
        if t == FieldType.percent:
            s = format_percent(n, max_decimals) if with_unit else format_number(n, max_decimals)
        else:
            s = format_quantity(n, field.unit if with_unit else None, max_decimals)
        if not s:
            return empty
        return f"{s} ({ESTIMATE_VI})" if is_estimate(value) else s
    if t == FieldType.boolean:
        return format_bool(value) or empty
    if t == FieldType.choice:
        return field.choice_label(value) or empty
    if t == FieldType.multichoice:
        vals = value if isinstance(value, list) else [value]
        return list_sep.join(field.choice_label(v) for v in vals) or empty
    if t == FieldType.date:
        return format_date(value) or str(value)
    if t == FieldType.document:
        return format_documents(value, list_sep) or empty
    if t == FieldType.attachment:
        items = value if isinstance(value, list) else [value]
        return list_sep.join(str(i.get("name", "")) if isinstance(i, dict) else str(i) for i in items) or empty
    if t == FieldType.table:
        n = len(value) if isinstance(value, list) else 0
        return f"{format_number(n)} dòng" if n else empty
    if isinstance(value, bool):
        return format_bool(value)
    if isinstance(value, (int, float)):
        return format_number(value, max_decimals)
    return str(value)


def field_caption(field: Field, *, unit_in_parens: bool = True) -> str:
    """A column or row caption with its unit: ``"Diện tích (ha)"``; percent fields get ``(%)``."""
    unit = "%" if field.type == FieldType.percent else field.unit
    if unit and unit_in_parens:
        return f"{field.label} ({unit})"
    return field.label


def join_nonempty(parts: Iterable[str], sep: str = "; ") -> str:
    return sep.join(p for p in parts if p)
