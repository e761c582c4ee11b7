"""Reading the user's input files and checking where output goes (shared by the use cases)."""

from __future__ import annotations

import errno
import json
from pathlib import Path
from typing import Any, Callable

from reportdesk.errors import UserError

MAX_ATTACHMENT = 50 * 1024 * 1024

_OS_REASONS = {
    errno.ENOENT: "không tìm thấy tệp hoặc thư mục",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EROFS: "ổ đĩa chỉ cho phép đọc",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.EEXIST: "tệp đã có",
}


def os_reason(exc: OSError) -> str:
    """Why an OSError happened, in Vietnamese for the common errno (the system's English text otherwise)."""
    return _OS_REASONS.get(exc.errno or -1) or exc.strerror or str(exc)


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
        raise UserError(f"Không đọc được tệp {p}: {os_reason(exc)}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(f"{p}:{exc.lineno}: JSON không hợp lệ: {exc.msg}.") from None


def read_attachments(paths: list[str | Path]) -> dict[str, bytes]:
    """The files to attach to a package, by file name (names must differ; 50 MB each at most)."""
    out: dict[str, bytes] = {}
    for p in map(Path, paths):
        try:
            if p.stat().st_size > MAX_ATTACHMENT:
                raise UserError(f"Tệp đính kèm {p} quá lớn (tối đa {MAX_ATTACHMENT // (1024 * 1024)} MB).")
            data = p.read_bytes()
        except FileNotFoundError:
            raise UserError(f"Không tìm thấy tệp đính kèm {p}.") from None
        except IsADirectoryError:
            raise UserError(f"{p} là thư mục, không phải tệp.") from None
        except OSError as exc:
            raise UserError(f"Không đọc được {p}: {os_reason(exc)}.") from None
        if p.name in out:
            raise UserError(f"Hai tệp đính kèm trùng tên: {p.name}.")
        out[p.name] = data
    return out


def output_path(path: str | Path, suffix: str) -> Path:
    """A document to write: the right suffix, not a folder, in a folder that exists."""
    p = Path(path)
    if p.suffix.lower() != suffix:
        raise UserError(f"Tệp ra phải có đuôi {suffix}, không phải «{p.name}».")
    if p.exists() and p.is_dir():
        raise UserError(f"{p} là một thư mục.")
    if not p.parent.exists():
        raise UserError(f"Không có thư mục {p.parent}.")
    return p


def write_or_explain(fn: Callable[[], object], path: Path) -> None:
    try:
        fn()
    except PermissionError:
        raise UserError(f"Không ghi được tệp {path}: không có quyền ghi hoặc tệp đang mở trong chương trình khác.") from None
    except OSError as exc:
        raise UserError(f"Không ghi được tệp {path}: {os_reason(exc)}.") from None
