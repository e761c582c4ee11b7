"""Text that came from a stranger (a package, a file name, a certificate), made safe to store and show.

``safe_text`` cuts it to a bounded length and makes every control or formatting character visible
(``\\x1b`` -> ``\\x1b`` as four characters, a bidi override -> ``\\u202e``), so that a terminal, a log or a
spreadsheet never receives an escape sequence or megabytes of text from a package.
"""

from __future__ import annotations

import unicodedata
from typing import Any

MAX_TEXT = 200
MAX_REASON = 400  # our own sentence around one or two quoted values of at most MAX_TEXT characters
INT_MIN, INT_MAX = -(2**63), 2**63 - 1  # what SQLite can store


def _visible(ch: str) -> str:
    cat = unicodedata.category(ch)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp") and ch not in ("\u200c", "\u200d"):
        o = ord(ch)
        if o < 0x100:
            return f"\\x{o:02x}"
        return f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}"
    return ch


def safe_text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """None stays None; anything else becomes a str of at most ``limit`` characters (plus "…" when
    cut) with control characters escaped."""
    if value is None:
        return None
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    text = text[: limit * 2]  # escaping never needs more than this
    out = []
    n = 0
    for ch in text:
        v = _visible(ch)
        if n + len(v) > limit:
            cut = True
            break
        out.append(v)
        n += len(v)
    return "".join(out) + ("…" if cut else "")


def safe_int(value: Any) -> int | None:
    """An integer SQLite can store, else None."""
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if INT_MIN <= value <= INT_MAX else None
