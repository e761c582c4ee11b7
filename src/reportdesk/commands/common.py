"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from typing import Any

from reportdesk.errors import UserError


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def report_id(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise UserError(f"Mã báo cáo phải là một số, không phải '{value}'.") from None
    if n <= 0:
        raise UserError(f"Mã báo cáo phải là số dương, không phải '{value}'.")
    return n
