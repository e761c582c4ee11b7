"""Explanations ("giải trình") of validation warnings.

A warning does not block an export; the unit may answer it with a short explanation, kept with the
report, carried in its package (``report.json``: ``"explanations": {key: text}``) and shown on the
consolidation side. A warning is named by a stable key: the rule that raised it and where
(``rule-id@section/field[/row/column]``), so the same warning on the same cell keeps its explanation
from one check to the next. An explanation whose warning no longer fires is simply not shown.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Iterable

from reportdesk.domain.validate import Issue

MAX_EXPLANATION = 2000
MAX_KEY = 300
MAX_EXPLANATIONS = 5000


def warning_key(issue: Issue) -> str:
    """``"luu-luong-vuot-cong-suat@ccn/ccn/3/luu_luong"`` — stable for the same rule on the same place."""
    return f"{issue.rule or issue.code}@{issue.path}"[:MAX_KEY]


def clean_text(text: Any) -> str:
    """An explanation as stored: NFC, trimmed, at most MAX_EXPLANATION characters ("" for nothing)."""
    if not isinstance(text, str):
        return ""
    return unicodedata.normalize("NFC", text).strip()[:MAX_EXPLANATION]


def clean_explanations(raw: Any) -> dict[str, str]:
    """Explanations read from outside (a received package): a {str: str} map, sizes bounded, empties dropped."""
    if not isinstance(raw, dict):
        return {}
    out: dict[str, str] = {}
    for k, v in raw.items():
        if len(out) >= MAX_EXPLANATIONS:
            break
        if isinstance(k, str) and 0 < len(k) <= MAX_KEY:
            t = clean_text(v)
            if t:
                out[k] = t
    return out


def unexplained(issues: Iterable[Issue], explanations: dict[str, str]) -> list[Issue]:
    """The warnings among ``issues`` that have no explanation."""
    return [i for i in issues if i.severity == "warning" and not explanations.get(warning_key(i))]
