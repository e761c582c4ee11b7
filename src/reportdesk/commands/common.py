"""Helpers shared by the command modules."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from reportdesk.errors import UserError


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def read_json_file(path: str | Path, *, max_bytes: int = 50_000_000) -> Any:
    p = Path(path)
    try:
        if p.stat().st_size > max_bytes:
            raise UserError(f"Tệp {p} quá lớn.")
        text = p.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"Không tìm thấy tệp {p}.") from None
    except UnicodeDecodeError:
        raise UserError(f"Tệp {p} không phải văn bản UTF-8.") from None
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {p}: {exc.strerror}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{p}:{exc.lineno}: JSON không hợp lệ: {exc.msg}.") from None


def report_id(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        raise UserError(f"Mã báo cáo phải là một số, không phải '{value}'.") from None
    if n <= 0:
        raise UserError(f"Mã báo cáo phải là số dương, không phải '{value}'.")
    return n
