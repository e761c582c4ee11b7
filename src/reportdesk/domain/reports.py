"""A report as the rest of the app sees it (no storage details)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

STATUSES = ("draft", "complete", "exported", "received")
STATUS_LABELS_VI = {
    "draft": "Bản nháp",
    "complete": "Đã hoàn thành",
    "exported": "Đã xuất gói",
    "received": "Đã nhận",
}


@dataclass
class ReportData:
    id: int
    unit_code: str
    form_id: str
    form_version: int
    period: str
    status: str
    revision: int
    origin: str = "local"
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)  # warning key -> giải trình (domain.explain)

    def to_json(self) -> dict[str, Any]:
        """The contract shape of ``report show --json`` (and of ``report.json`` in a package).

        ``explanations`` (warning key -> text) is an added key: readers of the older shape ignore it."""
        return {
            "id": self.id,
            "unit_code": self.unit_code,
            "form_id": self.form_id,
            "form_version": self.form_version,
            "period": self.period,
            "status": self.status,
            "revision": self.revision,
            "answers": self.answers,
            "explanations": self.explanations,
        }
