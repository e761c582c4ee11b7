"""The editor's own words in the window's language.

Vietnamese is the source (what the code says); English comes from the table below when the window is
in English (``reportdesk.ui.i18n.current_language()``). Placeholders are ``%1``, ``%2``… as in Qt.
Texts read from the form (section titles, labels, captions) take the form's ``title_en`` /
``label_en`` in English when the form has one, a rule's message its ``message_en``; the checks every
field has (required, bounds) are written in English with the English label (:func:`issue_text`). Choice
labels stay as the form writes them. Numbers and dates stay Vietnamese in both languages
(administrative data).
"""

from __future__ import annotations

from typing import Any

EN: dict[str, str] = {
    # the editor
    "Mục này không áp dụng theo câu trả lời hiện tại.": "This section does not apply given the current answers.",
    "Lỗi": "Error",
    "Cảnh báo": "Warning",
    "Hoàn tác": "Undo",
    "Hoàn tác thay đổi vừa làm (Ctrl+Z)": "Undo the last change (Ctrl+Z)",
    "Làm lại": "Redo",
    "Làm lại thay đổi vừa hoàn tác (Ctrl+Y)": "Redo the change just undone (Ctrl+Y)",
    "Các mục của báo cáo": "Sections of the report",
    " · đã gửi lần %1": " · sent, revision %1",
    " · chỉ xem (bản nhận từ đơn vị)": " · read only (received from the unit)",
    "%1 · kỳ %2 · %3%4%5": "%1 · period %2 · %3%4%5",
    "Đã lưu lúc %1": "Saved at %1",
    "Đang lưu…": "Saving…",
    "Chưa lưu được": "Not saved",
    "Bản nháp": "Draft",
    "Đã hoàn thành": "Complete",
    "Đã xuất gói": "Exported",
    "Đã nhận": "Received",
    "Góp ý của Cục ATMT": "Comment from Cục ATMT",
    "%1 góp ý của Cục ATMT": "%1 comments from Cục ATMT",
    # tables
    "Lỗi: ": "Error: ",
    "Cảnh báo: ": "Warning: ",
    "Do Kế hoạch giao, không sửa được.": "Set by the plan; cannot be changed.",
    "Ô có dấu * là bắt buộc.": "A cell marked * is required.",
    "Dòng nhiệm vụ do Kế hoạch giao: không xóa, không sửa các cột của Kế hoạch.":
        "A task row set by the plan: it cannot be deleted, nor the plan's columns changed.",
    "Có": "Yes",
    "Không": "No",
    "&Thêm dòng": "&Add row",
    "Thêm một dòng ở cuối bảng (Ctrl+Enter)": "Add a row at the end of the table (Ctrl+Enter)",
    "Chèn": "Insert",
    "Chèn một dòng trên dòng đang chọn (Ctrl+Shift+Enter)": "Insert a row above the selected one (Ctrl+Shift+Enter)",
    "&Xóa dòng": "&Delete rows",
    "Xóa các dòng đang chọn (Ctrl+Delete)": "Delete the selected rows (Ctrl+Delete)",
    "Lên": "Up",
    "Chuyển dòng lên (Alt+Shift+↑)": "Move the row up (Alt+Shift+↑)",
    "Xuống": "Down",
    "Chuyển dòng xuống (Alt+Shift+↓)": "Move the row down (Alt+Shift+↓)",
    "&Dán từ Excel…": "&Paste from Excel…",
    "Dán khối ô đã sao chép từ Excel/LibreOffice, xem trước khi lưu (Ctrl+V)":
        "Paste cells copied from Excel/LibreOffice, with a preview before saving (Ctrl+V)",
    "Điền x&uống": "Fill do&wn",
    "Chép giá trị ô đầu xuống các ô đã chọn bên dưới (Ctrl+D)": "Copy the first cell down to the selected cells below (Ctrl+D)",
    "Ước": "Estimate",
    "Đánh dấu / bỏ đánh dấu số liệu ước thực hiện của các ô đã chọn (Ctrl+U)":
        "Mark or unmark the selected figures as estimates (Ctrl+U)",
    "Giải trình…": "Explain…",
    "Giải trình cảnh báo của ô này (gửi kèm báo cáo)": "Explain this cell's warning (sent with the report)",
    "đã giải trình: %1": "explained: %1",
    "%1 dòng": "%1 rows",
    "Tối đa %1 dòng.": "At most %1 rows.",
    "Tổng cộng": "Totals",
    "Bảng có tối đa %1 dòng.": "The table has at most %1 rows.",
    "Chọn ô số liệu của cột cho phép ghi «ước thực hiện».": "Select figures of a column that allows estimates.",
    "Đang đọc khối dán…": "Reading the pasted block…",
    "Đánh dấu / bỏ «ước thực hiện»": "Mark / unmark as estimate",
    # fields
    "Lịch": "Calendar",
    "Chọn ngày trên lịch": "Pick the date on a calendar",
    "Chưa lưu:": "Not saved:",
    "ước thực hiện": "estimate",
    "Số liệu ước tính đến cuối kỳ (ghi «ước thực hiện» trong báo cáo)":
        "A figure estimated to the end of the period (written «ước thực hiện» in the report)",
    "— chưa chọn —": "— not chosen —",
    "ví dụ 123/KH-UBND": "e.g. 123/KH-UBND",
    "Trích yếu nội dung văn bản": "Summary of the document",
    "Số, ký hiệu": "Number, code",
    "Ngày": "Date",
    "Trích yếu": "Summary",
    "Thêm văn bản": "Add a document",
    "Chưa có tệp": "No file",
    "Đính &kèm tệp…": "Attach a &file…",
    "Bỏ tệp": "Remove file",
    "Chọn tệp đính kèm": "Choose the file to attach",
    "Chỉ tiêu tính tự động": "Computed figures",
    "Đồng ý": "OK",
    "Hủy": "Cancel",
    # problems
    "Toàn biểu mẫu": "Whole form",
    "dòng %1": "row %1",
    "Cảnh báo (đã giải trình)": "Warning (explained)",
    "Giải trình: %1": "Explanation: %1",
    "Giải trình cảnh báo": "Explain a warning",
    "&Nội dung giải trình (gửi kèm báo cáo cho Cục ATMT):": "&Explanation (sent with the report to Cục ATMT):",
    "Tối đa %1 ký tự. Để trống để bỏ giải trình.": "At most %1 characters. Leave empty to remove the explanation.",
    "&Lưu giải trình": "&Save explanation",
    "&Hủy": "&Cancel",
    "Danh sách lỗi và cảnh báo": "Errors and warnings",
    "&Giải trình…": "E&xplain…",
    "Giải trình cảnh báo đang chọn (gửi kèm báo cáo)": "Explain the selected warning (sent with the report)",
    "Không có lỗi hay cảnh báo": "No errors or warnings",
    "Không kiểm tra được: %1": "Could not check: %1",
    "Danh sách dưới đây là kết quả kiểm tra gần nhất.": "The list below is the result of the last check.",
    "%1 cảnh báo": "%1 warnings",
    " (%1 đã giải trình)": " (%1 explained)",
    "%1 lỗi · %2": "%1 errors · %2",
    "(Không áp dụng theo câu trả lời hiện tại)": "(Does not apply given the current answers)",
    "%1 lỗi, %2 cảnh báo chưa giải trình": "%1 errors, %2 warnings not explained",
    # paste
    "(ngoài bảng)": "(outside the table)",
    "ngoài bảng": "outside the table",
    "Xem trước khối dán": "Paste preview",
    "Dòng %1, cột «%2»: %3": "Row %1, column «%2»: %3",
    "… và %1 ô khác.": "… and %1 more cells.",
    "&Dán vào bảng": "&Paste into the table",
    # attachments
    "Đang đọc tệp…": "Reading the file…",
}


def english() -> bool:
    try:
        from reportdesk.ui import i18n

        return i18n.current_language() == "en"
    except Exception:  # noqa: BLE001 - the window's language module is optional here
        return False


def t(text: str, *args: Any) -> str:
    """``text`` in the window's language, ``%1``… replaced by ``args``."""
    out = EN.get(text, text) if english() else text
    for k, a in enumerate(args, start=1):
        out = out.replace(f"%{k}", str(a))
    return out


def label(obj: Any) -> str:
    """A field's or column's label (``label_en`` in English when the form has one)."""
    if english() and getattr(obj, "label_en", None):
        return obj.label_en
    return obj.label


def title(section: Any) -> str:
    if english() and getattr(section, "title_en", None):
        return section.title_en
    return section.title


def issue_text(form: Any, issue: Any) -> str:
    """A validation message in the window's language. In English: a rule's ``message_en`` from the form
    (prefixed with its row), and the checks every field has (required, bounds, documents) written
    again with the field's English label; anything else as the check wrote it (Vietnamese)."""
    if not english() or form is None:
        return issue.message
    row = issue.row
    at = f"Row {row + 1}: " if row is not None else ""
    if issue.rule:
        rule = next((r for r in form.rules if r.id == issue.rule), None)
        if rule is not None and rule.message_en:
            return at + rule.message_en
        return issue.message
    f = form.field(issue.field) if issue.field else None
    if f is not None and issue.column:
        f = f.column(issue.column) or f
    if f is None:
        return issue.message
    where = f"«{label(f)}»" + (f" (row {row + 1})" if row is not None else "")
    from reportdesk.exports import vnformat

    def number(n: Any) -> str:
        return vnformat.format_number(n, 6)

    from reportdesk.domain.forms import NUMERIC, FieldType

    code = issue.code
    if code == "required":
        if f.type == FieldType.table and row is None:
            return f"«{label(f)}» needs at least one row."
        return f"{where} is required."
    if code in ("min", "max"):
        if f.type in NUMERIC:
            lo, hi = f.min, f.max
            if f.type == FieldType.percent:
                lo = 0 if lo is None else lo
                hi = 100 if hi is None else hi
            if code == "min" and lo is not None:
                return f"{where} must not be less than {number(lo)}."
            if code == "max" and hi is not None:
                return f"{where} must not be greater than {number(hi)}."
        elif code == "min" and f.min is not None:
            return f"{where} needs at least {number(f.min)} characters."
    if code == "document_incomplete":
        return f"{where}: the document needs its number/reference and its date."
    return issue.message
