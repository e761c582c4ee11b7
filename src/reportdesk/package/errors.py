"""Typed errors of the package layer: a stable code for programs, a Vietnamese message for people."""

from __future__ import annotations

from reportdesk.errors import UserError


class PackageError(UserError):
    """Base of the errors raised by reportdesk.package: a UserError (one Vietnamese line, exit code 1)
    that also carries a stable ``code``."""

    def __init__(self, code: str, message_vi: str, details: list[str] | None = None):
        super().__init__(message_vi, list(details or []))
        self.code = code
        self.message_vi = message_vi

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message_vi!r})"


class PackageRejected(PackageError):
    """A package that must not be accepted. ``code`` is one of REJECTION_CODES."""


class PackageBuildError(PackageError):
    """A package could not be built from the given inputs (a programming or data error, not an attack)."""


class IdentityError(PackageError):
    """An identity (key + certificate) could not be created, read or imported."""


class WrongPassphrase(IdentityError):
    def __init__(self, what: str = "khóa bí mật"):
        super().__init__("wrong_passphrase", f"Mật khẩu không đúng: không mở được {what}.")


# Every code PackageRejected may carry, with what it means (in Vietnamese, as shown to a person).
REJECTION_CODES: dict[str, str] = {
    "empty": "Tệp rỗng.",
    "too_large": "Tệp quá lớn để là một gói báo cáo.",
    "not_regular_file": "Không phải tệp thường (thư mục, FIFO, thiết bị hoặc liên kết tới chúng): không đọc.",
    "unreadable": "Không đọc được tệp.",
    "not_cms": "Tệp không phải gói báo cáo (không phải cấu trúc CMS).",
    "truncated": "Tệp gói bị cắt cụt (thiếu dữ liệu ở cuối).",
    "not_encrypted": "Gói không được mã hóa (không phải CMS EnvelopedData).",
    "bad_structure": "Cấu trúc CMS của gói không đúng định dạng reportdesk (có thể đã bị sửa đổi).",
    "unsupported_algorithm": "Gói dùng thuật toán không được hỗ trợ.",
    "not_for_us": "Gói không được mã hóa cho chứng thư của đơn vị này.",
    "decrypt_failed": "Không giải mã được gói (dữ liệu mã hóa bị hỏng hoặc bị sửa đổi).",
    "not_signed": "Nội dung gói không được ký số (không phải CMS SignedData).",
    "signer_cert_missing": "Gói không kèm chứng thư của người ký.",
    "bad_certificate": "Chứng thư của người ký kèm trong gói bị hỏng hoặc không đọc được.",
    "bad_signature": "Chữ ký số không hợp lệ: nội dung đã bị sửa đổi hoặc không do chứng thư kèm theo ký.",
    "digest_mismatch": "Mã băm của nội dung không khớp với chữ ký: nội dung đã bị sửa đổi.",
    "envelope_mismatch": "Phần người nhận của gói không khớp với phần đã ký: gói đã bị sửa đổi.",
    "signer_mismatch": "Bản kê khai ghi một chứng thư người ký khác với chứng thư đã ký gói.",
    "cert_expired": "Chứng thư của người ký đã hết hạn (vào thời điểm ký gói hoặc vào lúc nhập).",
    "cert_not_yet_valid": "Chứng thư của người ký chưa có hiệu lực (vào thời điểm ký gói hoặc vào lúc nhập).",
    "weak_key": "Khóa của người ký quá yếu: cần khóa RSA từ 2048 bit trở lên.",
    "cert_usage": "Chứng thư của người ký không được phép dùng để ký số (thuộc tính key usage không có digitalSignature).",
    "created_in_future": "Thời điểm lập gói ở tương lai.",
    "unit_mismatch": "Chứng thư của đơn vị này ký bản kê khai của một đơn vị khác.",
    "recipient_mismatch": "Bản kê khai đã ký không ghi đơn vị này là người nhận: gói đã bị mã hóa lại cho người khác.",
    "file_hash_mismatch": "Tệp trong gói không khớp với bản kê khai (mã băm, kích thước hoặc danh sách tệp).",
    "bad_zip": "Nội dung gói không phải tệp ZIP hợp lệ.",
    "zip_unsafe_path": "Tệp ZIP trong gói chứa đường dẫn không an toàn.",
    "zip_symlink": "Tệp ZIP trong gói chứa liên kết (symlink).",
    "zip_bomb": "Tệp ZIP trong gói giải nén ra dung lượng quá lớn (bom ZIP).",
    "zip_too_many": "Tệp ZIP trong gói có quá nhiều mục.",
    "bad_manifest": "Bản kê khai (manifest.json) hoặc report.json không hợp lệ.",
    "answers_invalid": "Số liệu báo cáo không phù hợp với biểu mẫu.",
    # messages from Cục ATMT to the units (package/messages.py)
    "untrusted_signer": "Gói không do chứng thư Cục ATMT đã ghim ký (giả mạo hoặc của người khác).",
    "wrong_kind": "Loại gói không đúng.",
    "wrong_unit": "Gói không gửi cho đơn vị này.",
    "not_sent_here": "Gói nói về một báo cáo mà đơn vị này chưa từng gửi.",
    "replayed": "Gói này đã được nhận trước đây (gửi lại): không áp dụng lần nữa.",
    "old_sequence": "Bản cập nhật cũ hơn hoặc bằng bản đã áp dụng (số thứ tự không tăng): không áp dụng.",
    "bad_content": "Nội dung gói không hợp lệ.",
}


def reject(code: str, detail: str | None = None) -> PackageRejected:
    """A PackageRejected with the standard message for ``code`` and an optional detail."""
    base = REJECTION_CODES[code]
    msg = base if not detail else f"{base[:-1]}: {detail}" if base.endswith(".") else f"{base} {detail}"
    if detail and not msg.endswith("."):
        msg += "."
    return PackageRejected(code, msg)
