"""Reading and showing one answer as a person types, sees or pastes it (no widgets here).

``read_cell(column, text)`` turns text into the stored value of a field or column — Vietnamese numbers
(``1.234,5``), dates ``dd/mm/yyyy``, choices by their label, tone-insensitively (``"dang xay dung"``
finds «Đang xây dựng»), ``Có``/``Không``, an estimate mark (``"1.200 (ước)"``, ``"ước 1.200"``, ``"~1200"``) —
or raises :class:`Refused` with a Vietnamese reason. ``show_value`` / ``edit_text`` are the way back.
"""

from __future__ import annotations

import math
import re
import unicodedata
from typing import Any

from reportdesk.domain.forms import NUMERIC, Field, FieldType
from reportdesk.domain.validate import MAX_NUMBER
from reportdesk.exports import vnformat
from reportdesk.ui import vnlocale


class Refused(ValueError):
    """A cell that cannot be stored, with the reason a person reads."""


_EST_RE = re.compile(r"^\s*(?:~|≈|ước(?:\s+(?:thực\s+hiện|tính))?\s*:?)\s*(.*?)\s*$|^\s*(.*?)\s*\(?\s*(?:ước(?:\s+(?:thực\s+hiện|tính))?|uoc)\s*\)?\s*$",
                     re.IGNORECASE)
_YES = {"co", "x", "yes", "true", "1", "dung", "v"}
_NO = {"khong", "no", "false", "0", "sai"}


def _split_estimate(text: str) -> tuple[str, bool]:
    s = unicodedata.normalize("NFC", text).strip()
    folded = vnlocale.fold(s)
    if not ("uoc" in folded or s.startswith(("~", "≈"))):
        return s, False
    m = _EST_RE.match(s)
    if m:
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if inner is not None and inner != s:
            return inner.strip(), True
    return s, False


def _strip_unit(s: str, f: Field) -> str:
    unit = "%" if f.type == FieldType.percent else (f.unit or "")
    if unit and s.endswith(unit):
        return s[: -len(unit)].strip()
    return s


def read_number(f: Field, text: str) -> Any:
    s, est = _split_estimate(text)
    s = _strip_unit(s, f)
    if not s:
        return None
    try:
        n = vnlocale.parse_number(s)
    except ValueError:
        raise Refused(f"«{text.strip()[:40]}» không phải là số.") from None
    if n is None:
        return None
    if isinstance(n, float) and not math.isfinite(n):
        raise Refused(f"«{text.strip()[:40]}» không phải là số.")
    if abs(n) > MAX_NUMBER:
        raise Refused(f"«{text.strip()[:40]}»: số quá lớn (trị tuyệt đối tối đa 10^15).")
    if f.type == FieldType.integer:
        if isinstance(n, float):
            if not n.is_integer():
                raise Refused(f"«{text.strip()[:40]}»: cột «{f.label}» cần số nguyên.")
            n = int(n)
    if est:
        if not f.estimate:
            raise Refused(f"«{f.label}» không nhận số ước thực hiện.")
        return {"value": n, "estimate": True}
    return n


def match_choice(f: Field, text: str) -> str:
    """The value of the choice whose label (or value) is ``text``, tone- and case-insensitively."""
    key = vnlocale.fold(text)
    for c in f.choices:
        if key in (vnlocale.fold(c.label), vnlocale.fold(c.value), vnlocale.fold(c.label_en or "")):
            return c.value
    raise Refused(f"«{text.strip()[:40]}» không có trong danh sách lựa chọn của «{f.label}».")


_DOC_RE = re.compile(r"^\s*(?:số\s+)?(?P<so>[^\s:;]+)?\s*(?:ngày\s+(?P<ngay>\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}))?\s*[:\-–]?\s*(?P<ty>.*)$",
                     re.IGNORECASE)


def read_document(text: str) -> dict[str, Any]:
    s = unicodedata.normalize("NFC", text).strip()
    m = _DOC_RE.match(s)
    out: dict[str, Any] = {}
    if m and (m.group("ngay") or "/" in (m.group("so") or "")):
        if m.group("so"):
            out["so_ky_hieu"] = m.group("so")
        if m.group("ngay"):
            try:
                out["ngay"] = vnlocale.parse_date(m.group("ngay")).isoformat()
            except ValueError:
                raise Refused(f"«{m.group('ngay')}» không phải là ngày.") from None
        if m.group("ty"):
            out["trich_yeu"] = m.group("ty").strip()
    elif s:
        out["trich_yeu"] = s
    return out


def read_cell(f: Field, text: Any) -> Any:
    """The stored value of ``f`` for ``text`` (None for an empty cell); :class:`Refused` when it cannot be."""
    if text is None:
        return None
    if not isinstance(text, str):
        text = str(text)
    s = unicodedata.normalize("NFC", text).strip()
    if not s:
        return None
    t = f.type
    if t in (FieldType.text, FieldType.textarea):
        limit = f.max_length
        if limit and len(s) > limit:
            raise Refused(f"«{f.label}» dài quá {vnlocale.format_integer(limit)} ký tự.")
        return s
    if t in NUMERIC:
        return read_number(f, s)
    if t == FieldType.date:
        try:
            d = vnlocale.parse_date(s)
        except ValueError:
            raise Refused(f"«{s[:40]}» không phải là ngày (dd/mm/yyyy).") from None
        return d.isoformat() if d else None
    if t == FieldType.boolean:
        k = vnlocale.fold(s)
        if k in _YES:
            return True
        if k in _NO:
            return False
        raise Refused(f"«{s[:40]}»: cột «{f.label}» chỉ nhận Có hoặc Không.")
    if t == FieldType.choice:
        return match_choice(f, s)
    if t == FieldType.multichoice:
        parts = [p for p in re.split(r"[;\n]", s) if p.strip()]
        if len(parts) == 1 and "," in s:
            try:
                return [match_choice(f, s)]
            except Refused:
                parts = [p for p in s.split(",") if p.strip()]
        vals = {match_choice(f, p) for p in parts}
        return [c.value for c in f.choices if c.value in vals]
    if t == FieldType.document:
        docs = [read_document(p) for p in s.split("\n") if p.strip()] if f.multiple else [read_document(s)]
        docs = [d for d in docs if d]
        if not docs:
            return None
        return docs if f.multiple else docs[0]
    if t == FieldType.attachment:
        raise Refused(f"«{f.label}»: chọn tệp bằng nút «Đính kèm», không dán được.")
    raise Refused(f"«{f.label}»: kiểu dữ liệu không dán được.")


def show_value(f: Field, value: Any) -> str:
    """A value as shown in a cell: ``1.234,5``, ``05/02/2026``, the choice's label, ``1.200 (ước)``."""
    if vnformat.is_empty(value):
        return ""
    if f.type in NUMERIC:
        n = vnformat.plain_number(value)
        s = vnformat.format_percent(n) if f.type == FieldType.percent else vnformat.format_number(n, 3)
        return f"{s} (ước)" if vnformat.is_estimate(value) else s
    if f.type == FieldType.attachment:
        items = value if isinstance(value, list) else [value]
        return "; ".join(f"{i.get('name', '')} ({format_size(i.get('size'))})" if isinstance(i, dict) and i.get("size") is not None
                         else str(i.get("name", "")) if isinstance(i, dict) else str(i) for i in items)
    return vnformat.format_answer(f, value, with_unit=False, max_decimals=3)


def edit_text(f: Field, value: Any) -> str:
    """The text put in an editor for ``value`` (read back by :func:`read_cell`)."""
    if vnformat.is_empty(value):
        return ""
    if f.type in NUMERIC:
        return vnformat.format_number(vnformat.plain_number(value), 6)
    if f.type == FieldType.date:
        return vnformat.format_date(value)
    if f.type in (FieldType.choice, FieldType.multichoice, FieldType.boolean, FieldType.document):
        return vnformat.format_answer(f, value, with_unit=False, max_decimals=6, list_sep="; ")
    return str(value)


def format_size(n: Any) -> str:
    if not isinstance(n, int):
        return ""
    if n < 1024:
        return f"{n} byte"
    if n < 1024 * 1024:
        return f"{vnformat.format_number(n / 1024, 1)} KB"
    return f"{vnformat.format_number(n / 1024 / 1024, 1)} MB"


def caption(f: Field) -> str:
    """A column header: label (English in an English window when the form has one), unit in
    parentheses, an asterisk when required."""
    from reportdesk.ui.editor.i18n import label

    unit = "%" if f.type == FieldType.percent else f.unit
    return label(f) + (f" ({unit})" if unit else "") + (" *" if f.required else "")
