"""Excel safety: writing text that Excel never evaluates, and opening workbooks that came from outside.

Writing — :func:`safe_cell`: a text that starts with ``= + - @`` (or a tab / carriage return, which
spreadsheet programs strip before parsing) is stored as a *text* cell with Excel's "quote prefix"
style, so that neither opening the file nor editing the cell (F2, Enter) turns it into a formula.
openpyxl on its own would store ``"=cmd|..."`` as a formula. Characters that XML cannot hold are
dropped.

Reading — :func:`load_untrusted_workbook`: the file is bounded in size, its ZIP entries are bounded
in number, size and compression ratio, every XML part is refused if it declares a DOCTYPE or an
ENTITY (billion laughs, external entities); then openpyxl reads it (with defusedxml installed, it
refuses entity tricks itself too). Formulas are never evaluated: the workbook is read with
``data_only=False`` so that a formula is *seen* (a cell with a formula is reported by
:func:`formula_in`), and nothing ever computes it.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from reportdesk import atomic
from reportdesk.errors import UserError

MAX_FILE_BYTES = 20_000_000
MAX_ENTRIES = 2_000
MAX_UNCOMPRESSED = 200_000_000
MAX_ENTRY_UNCOMPRESSED = 100_000_000
MAX_RATIO = 200  # uncompressed / compressed, per entry (big enough for sparse sheets, small for bombs)
RISKY_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")

# XML 1.0 cannot hold these (openpyxl raises IllegalCharacterError on them)
_ILLEGAL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


class UnsafeWorkbook(UserError):
    """A workbook refused before or while it is opened (not a valid, bounded, entity-free xlsx)."""


# --- writing -----------------------------------------------------------------------------------


def clean_text(value: str) -> str:
    """The text without characters XML cannot hold."""
    return _ILLEGAL_RE.sub("", value)


def is_risky_text(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(RISKY_PREFIXES)


def safe_value(value: Any) -> Any:
    """A value openpyxl can store: text cleaned of illegal characters; bool/number/date unchanged;
    anything else as its text. (Use :func:`safe_cell` to write: it also keeps formulas out.)"""
    if value is None or isinstance(value, (bool, int, float, dt.date, dt.datetime, dt.time)):
        return value
    if not isinstance(value, str):
        value = str(value)
    return clean_text(value)


_UNSET = object()


def _needs_wrapping(value: str) -> bool:
    from openpyxl.cell.cell import ERROR_CODES

    return is_risky_text(value) or value in ERROR_CODES


def safe_cell(target: Any, value: Any = _UNSET):
    """Excel never evaluates what this writes. Two forms:

    * ``safe_cell(cell, value)`` writes ``value`` into an openpyxl cell and returns the cell: texts are
      stored as text (never ``<f>``), and risky texts also get the quote-prefix style so that editing
      the cell in Excel keeps them text;
    * ``safe_cell(value)`` returns a value to hand to openpyxl (``ws.append([...])``,
      ``ws.cell(row, col, value=...)``): a risky text comes back wrapped as rich text, which openpyxl
      always stores as text. Other values come back cleaned (illegal XML characters dropped).
    """
    if value is _UNSET:
        v = safe_value(target)
        if isinstance(v, str) and _needs_wrapping(v):
            from openpyxl.cell.rich_text import CellRichText

            return CellRichText([v])
        return v
    cell = target
    value = safe_value(value)
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl makes "=..." a formula and "#N/A" an error: undo both
        if is_risky_text(value):
            cell.quotePrefix = True
    return cell


def write_safe(ws, row: int, column: int, value: Any):
    """``ws.cell(row, column)`` written with :func:`safe_cell`."""
    return safe_cell(ws.cell(row=row, column=column), value)


# --- reading -----------------------------------------------------------------------------------


def check_xlsx_file(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES) -> None:
    """Refuse (UnsafeWorkbook) a file that is too big, not a ZIP, a ZIP bomb, or has DTD/entities."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise UnsafeWorkbook(f"Không tìm thấy tệp {p}.") from None
    except OSError as exc:
        raise UnsafeWorkbook(f"Không đọc được tệp {p}: {exc.strerror}.") from None
    if not p.is_file():
        raise UnsafeWorkbook(f"{p} không phải là một tệp.")
    if size > max_bytes:
        raise UnsafeWorkbook(f"Tệp {p.name} quá lớn ({size // 1_000_000} MB; tối đa {max_bytes // 1_000_000} MB).")
    try:
        zf = zipfile.ZipFile(p)
    except (zipfile.BadZipFile, OSError):
        raise UnsafeWorkbook(f"Tệp {p.name} không phải tệp Excel (.xlsx).") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > MAX_ENTRIES:
            raise UnsafeWorkbook(f"Tệp {p.name} có quá nhiều thành phần ({len(infos)}); không mở.")
        total = 0
        for info in infos:
            total += info.file_size
            if info.file_size > MAX_ENTRY_UNCOMPRESSED or total > MAX_UNCOMPRESSED:
                raise UnsafeWorkbook(f"Tệp {p.name} giải nén ra quá lớn; không mở (có thể là tệp độc hại).")
            if info.compress_size and info.file_size / info.compress_size > MAX_RATIO and info.file_size > 1_000_000:
                raise UnsafeWorkbook(f"Tệp {p.name} có tỷ lệ nén bất thường ({info.filename}); không mở (có thể là tệp độc hại).")
            if info.flag_bits & 0x1:
                raise UnsafeWorkbook(f"Tệp {p.name} được mã hóa; hãy lưu lại không đặt mật khẩu mở tệp.")
        for info in infos:
            name = info.filename.lower()
            if not (name.endswith(".xml") or name.endswith(".rels") or name.endswith(".vml")):
                continue
            try:
                with zf.open(info) as fh:
                    head = fh.read(info.file_size + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
                raise UnsafeWorkbook(f"Tệp {p.name} bị hỏng ({info.filename}).") from None
            if len(head) > info.file_size:
                raise UnsafeWorkbook(f"Tệp {p.name} bị hỏng ({info.filename}: kích thước sai).")
            if _DTD_RE.search(head):
                raise UnsafeWorkbook(
                    f"Tệp {p.name} chứa khai báo DOCTYPE/ENTITY trong {info.filename}; Excel không tạo ra điều này, "
                    "tệp có thể độc hại nên không được mở.")


def load_untrusted_workbook(path: str | Path, *, max_bytes: int = MAX_FILE_BYTES):
    """Open a workbook from outside. Formulas are kept as formulas (never computed) so callers can
    refuse them; macros, external links and images are not loaded."""
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from defusedxml.common import DefusedXmlException

    check_xlsx_file(path, max_bytes=max_bytes)
    p = Path(path)
    try:
        return openpyxl.load_workbook(p, data_only=False, keep_vba=False, keep_links=False, rich_text=False)
    except DefusedXmlException:  # DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
        raise UnsafeWorkbook(f"Tệp {p.name} chứa khai báo thực thể XML; không được mở (có thể là tệp độc hại).") from None
    except InvalidFileException:
        raise UnsafeWorkbook(f"Tệp {p.name} không phải tệp Excel (.xlsx).") from None
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, EOFError) as exc:
        if _caused_by(exc, DefusedXmlException):  # openpyxl wraps the parser's refusal in a ValueError
            raise UnsafeWorkbook(f"Tệp {p.name} chứa khai báo thực thể XML; không được mở (có thể là tệp độc hại).") from None
        raise UnsafeWorkbook(f"Tệp {p.name} bị hỏng hoặc không phải tệp Excel hợp lệ ({type(exc).__name__}).") from None
    except Exception as exc:  # defusedxml's DTDForbidden/EntitiesForbidden, lxml/expat parse errors
        name = type(exc).__name__
        if "Forbidden" in name or "Entit" in name or "DTD" in name:
            raise UnsafeWorkbook(f"Tệp {p.name} chứa khai báo thực thể XML; không được mở (có thể là tệp độc hại).") from None
        if "Parse" in name or "XML" in name or "Syntax" in name:
            raise UnsafeWorkbook(f"Tệp {p.name} có nội dung XML hỏng; không mở được.") from None
        raise


def _caused_by(exc: BaseException, kind: type) -> bool:
    seen = 0
    e: BaseException | None = exc
    while e is not None and seen < 10:
        if isinstance(e, kind):
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def formula_in(cell) -> bool:
    """Whether the cell holds a formula (never evaluated; the reader refuses it)."""
    if getattr(cell, "data_type", None) == "f":
        return True
    v = getattr(cell, "value", None)
    return type(v).__name__ in ("ArrayFormula", "DataTableFormula")


atomic_save = atomic.save_via  # save(tmp) then fsync and move into place