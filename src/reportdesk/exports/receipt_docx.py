"""The printable receipt ("giấy biên nhận") a unit keeps after importing a signed receipt from Cục ATMT."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportdesk.exports.docx_base import NDDocument

ATMT_NAME = "CỤC KỸ THUẬT AN TOÀN VÀ MÔI TRƯỜNG CÔNG NGHIỆP"  # the consolidating department (units registry CUC-ATMT)
MINISTRY = "BỘ CÔNG THƯƠNG"


def build_receipt_document(body: dict[str, Any], *, unit_name: str, form_title: str, period_label: str,
                           received_vi: str, signed_vi: str, atmt_name: str | None = None) -> NDDocument:
    received = body.get("received_at") or ""
    year = int(received[:4]) if received[:4].isdigit() else dt.date.today().year
    doc = NDDocument((atmt_name or ATMT_NAME).upper(), agency_parent=MINISTRY, title="GIẤY BIÊN NHẬN",
                     subject="Báo cáo thực hiện Chỉ thị số 20/CT-TTg", year=year)
    doc.set_properties(title="Giấy biên nhận báo cáo", author="Cục ATMT", subject=period_label)
    doc.paragraph(f"Cục ATMT đã nhận báo cáo của {unit_name} với các thông tin sau:")
    late = body.get("timeliness") == "late"
    rows = [
        ("Đơn vị báo cáo", f"{unit_name} (mã {body.get('unit_code', '')})"),
        ("Biểu mẫu", f"{form_title} ({body.get('form_id', '')}, phiên bản {body.get('form_version', '')})"),
        ("Kỳ báo cáo", period_label),
        ("Lần gửi", str(body.get("revision", ""))),
        ("Mã gói", str(body.get("package_id", ""))),
        ("Mã băm SHA-256 của gói", str(body.get("package_sha256", ""))),
        ("Thời điểm đơn vị ký gói", signed_vi),
        ("Thời điểm Cục ATMT nhận", received_vi),
        ("Hạn gửi", _vi_date(body.get("deadline")) or "không quy định"),
        ("Đánh giá", f"Trễ hạn {body.get('days_late')} ngày" if late else "Đúng hạn"),
    ]
    doc.table(["Nội dung", "Thông tin"], rows, widths=[1, 2])
    doc.paragraph("Giấy biên nhận này được in từ tệp giấy biên nhận điện tử (.rdrcpt) do Cục ATMT ký số; "
                  "chữ ký số đã được kiểm tra với chứng thư của Cục ATMT mà đơn vị đã đăng ký.", italic=True)
    return doc


def _vi_date(text: Any) -> str:
    try:
        return dt.date.fromisoformat(str(text)).strftime("%d/%m/%Y")
    except ValueError:
        return ""


def write_receipt_docx(path: str | Path, body: dict[str, Any], **kw) -> None:
    build_receipt_document(body, **kw).save(path)
