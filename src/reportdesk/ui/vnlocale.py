"""Vietnamese numbers, dates, search and sorting for the window.

- Numbers are shown ``1.234,5`` (thousands dot, decimal comma) and dates ``dd/MM/yyyy``, whatever the
  UI language: the figures are Vietnamese administrative data (the same writer as the documents,
  :mod:`reportdesk.exports.vnformat`).
- :func:`parse_number` and :func:`parse_date` read what a person types or pastes from Excel or
  LibreOffice (Vietnamese or English spreadsheet settings).
- :func:`fold` makes search insensitive to tones, case and the way a tone was typed:
  ``fold("Hòa") == fold("hoà") == fold("HOA") == "hoa"``; ``đ`` folds to ``d``.
- :func:`collator` sorts the Vietnamese way (a ă â b c d đ e ê …), :func:`sort_key` for ``sorted``.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCollator, QDate, QLocale, Qt

from reportdesk.exports import vnformat

DATE_FORMAT_QT = "dd/MM/yyyy"


def vi_locale() -> QLocale:
    return QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam)


# --- formatting ------------------------------------------------------------------------------------


def format_number(value: Any, max_decimals: int = 2, *, min_decimals: int = 0) -> str:
    """``1234.5`` -> ``"1.234,5"``; empty for ``None``."""
    return vnformat.format_number(value, max_decimals, min_decimals=min_decimals)


def format_integer(value: Any) -> str:
    return vnformat.format_number(value, 0)


def format_percent(value: Any, max_decimals: int = 2) -> str:
    return vnformat.format_percent(value, max_decimals)


def format_date(value: Any) -> str:
    """A date (``date``, ``datetime``, ISO text or ``QDate``) -> ``"05/02/2026"``; empty when none."""
    if isinstance(value, QDate):
        return value.toString(DATE_FORMAT_QT) if value.isValid() else ""
    return vnformat.format_date(value)


def format_datetime(value: dt.datetime | None, *, local: bool = True) -> str:
    """``"05/02/2026 14:05"`` in the computer's local time."""
    if value is None:
        return ""
    if local and value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%d/%m/%Y %H:%M")


def format_time(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone()
    return value.strftime("%H:%M")


# --- parsing ---------------------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f']+")
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d+)*|[.,]\d+)([.,]\d*)?$")


def parse_number(text: Any) -> int | float | None:
    """Reads a number as a person writes it in Vietnam, or as a spreadsheet pastes it.

    ``"1.234,5"`` -> 1234.5, ``"1234,5"`` -> 1234.5, ``"1.234"`` -> 1234 (a dot followed by exactly three
    digits groups thousands), ``"1,234.5"`` -> 1234.5 (English settings: the last separator is the
    decimal one), ``"12.75"`` -> 12.75, ``"85,5%"`` -> 85.5, ``"1 234"`` -> 1234. Empty text gives
    ``None``; anything else that is not a number raises :class:`ValueError`.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise ValueError("not a number")
    if isinstance(text, (int, float)):
        return text
    if isinstance(text, Decimal):
        return int(text) if text == text.to_integral_value() else float(text)
    s = unicodedata.normalize("NFKC", str(text)).strip()
    if not s:
        return None
    s = s.replace("\u2212", "-")
    if s.endswith("%"):
        s = s[:-1].strip()
    s = _SPACES.sub("", s)
    if not _NUMBER.match(s):
        raise ValueError(f"not a number: {text!r}")
    sign = ""
    if s[0] in "+-":
        sign, s = ("-" if s[0] == "-" else ""), s[1:]
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        dec = "." if s.rfind(".") > s.rfind(",") else ","
        thou = "," if dec == "." else "."
        if s.count(dec) > 1:
            raise ValueError(f"not a number: {text!r}")
        s = s.replace(thou, "").replace(dec, ".")
    elif commas:
        if commas > 1:  # 1,234,567 (English thousands)
            if not re.fullmatch(r"\d{1,3}(,\d{3})+", s):
                raise ValueError(f"not a number: {text!r}")
            s = s.replace(",", "")
        else:
            s = s.replace(",", ".")
    elif dots:
        if dots > 1:
            if not re.fullmatch(r"\d{1,3}(\.\d{3})+", s):
                raise ValueError(f"not a number: {text!r}")
            s = s.replace(".", "")
        elif re.fullmatch(r"\d{1,3}\.\d{3}", s):
            s = s.replace(".", "")  # 1.234 is one thousand two hundred thirty-four in Vietnam
    try:
        d = Decimal(sign + s)
    except InvalidOperation:
        raise ValueError(f"not a number: {text!r}") from None
    if d == d.to_integral_value() and "." not in s:
        return int(d)
    return float(d)


_DATE_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")


def parse_date(text: Any) -> dt.date | None:
    """``"05/02/2026"``, ``"5/2/2026"``, ``"05-02-2026"``, ``"05.02.2026"`` (day first) or ISO
    ``"2026-02-05"`` -> a date. Empty gives ``None``; anything else raises :class:`ValueError`."""
    if text is None:
        return None
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    if isinstance(text, QDate):
        return dt.date(text.year(), text.month(), text.day()) if text.isValid() else None
    s = str(text).strip()
    if not s:
        return None
    m = _DATE_DMY.match(s)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        return dt.date(y, mo, d)  # ValueError for 31/02
    m = _DATE_ISO.match(s)
    if m:
        y, mo, d = (int(x) for x in m.groups())
        return dt.date(y, mo, d)
    raise ValueError(f"not a date: {text!r}")


def to_qdate(value: Any) -> QDate:
    d = vnformat.to_date(value) if not isinstance(value, dt.date) else value
    if d is None:
        return QDate()
    return QDate(d.year, d.month, d.day)


# --- search and sorting ----------------------------------------------------------------------------

_DD = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case without tones or marks, ``đ`` -> ``d``, spaces collapsed: the key of a search.

    ``fold("Hòa") == fold("Hoà") == fold("hoa") == fold("HOA")``; ``fold("Đồng Nai") == "dong nai"``.
    """
    if not text:
        return ""
    s = unicodedata.normalize("NFD", str(text).translate(_DD))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return " ".join(s.casefold().split())


def matches(query: str, *texts: str) -> bool:
    """Every word of ``query`` appears (tone-insensitively) in one of ``texts``."""
    q = fold(query).split()
    if not q:
        return True
    hay = " ".join(fold(t) for t in texts if t)
    return all(w in hay for w in q)


@lru_cache(maxsize=1)
def collator() -> QCollator:
    """A QCollator for Vietnamese (a < ă < â < b …, d < đ), case-insensitive, numbers by value."""
    c = QCollator(vi_locale())
    c.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    c.setNumericMode(True)
    return c


def sort_key(text: str):
    """A key for ``sorted()`` that follows Vietnamese collation."""
    return collator().sortKey(unicodedata.normalize("NFC", text or ""))


def compare(a: str, b: str) -> int:
    return collator().compare(a or "", b or "")
