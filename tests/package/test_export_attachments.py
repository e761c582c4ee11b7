"""`report export` checks supplied attachments against the attachment answers of the report."""

from __future__ import annotations

import hashlib

import pytest

from reportdesk.commands.report_package import check_attachments, declared_attachments
from reportdesk.domain.forms import FormRegistry
from reportdesk.errors import UserError

FORM = """\
id: dinh-kem
version: 1
title: Biểu mẫu có tệp đính kèm
unit_kinds: [province]
periods: [year]
sections:
  - id: chung
    title: Chung
    fields:
      - {id: bien_ban, type: attachment, label: Biên bản}
      - {id: anh, type: attachment, label: Ảnh, multiple: true}
"""


@pytest.fixture
def form(tmp_path):
    (tmp_path / "dinh-kem.v1.yaml").write_text(FORM, encoding="utf-8")
    return FormRegistry.load(tmp_path).get("dinh-kem", 1)


def test_declared_and_checked(form):
    pdf = b"%PDF bien ban"
    answers = {"bien_ban": {"name": "bb.pdf", "sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)},
               "anh": [{"name": "a1.jpg"}, {"name": "a2.jpg"}]}
    assert [a["name"] for a in declared_attachments(form, answers)] == ["bb.pdf", "a1.jpg", "a2.jpg"]
    warnings = check_attachments(form, answers, {"bb.pdf": pdf, "a1.jpg": b"jpg"})
    assert len(warnings) == 1 and "a2.jpg" in warnings[0]
    with pytest.raises(UserError) as ei:
        check_attachments(form, answers, {"bb.pdf": b"%PDF khac"})
    assert "bb.pdf" in ei.value.message


def test_a_missing_attachment_is_said_without_command_line_options_in_the_window(form):
    """The window shows the warning without «--attach»; the command line still says it as before."""
    from reportdesk.errors import cli_text

    answers = {"bien_ban": {"name": "bb.pdf"}}
    [w] = check_attachments(form, answers, {})
    assert w == "Báo cáo ghi tệp đính kèm «bb.pdf» nhưng tệp này không được gửi kèm."
    assert cli_text(w) == "Báo cáo ghi tệp đính kèm «bb.pdf» nhưng tệp này không được gửi kèm (--attach)."


def test_os_errors_are_said_in_vietnamese(tmp_path):
    import errno

    from reportdesk.services.files import os_reason, read_json_file, write_or_explain

    with pytest.raises(UserError) as ei:
        read_json_file(tmp_path)  # a folder
    assert "Is a directory" not in ei.value.message and "thư mục" in ei.value.message

    def full():
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(UserError) as ei:
        write_or_explain(full, tmp_path / "a.docx")
    assert ei.value.message == f"Không ghi được tệp {tmp_path / 'a.docx'}: ổ đĩa đã đầy."
    assert os_reason(OSError(errno.EROFS, "Read-only file system")) == "ổ đĩa chỉ cho phép đọc"
    assert os_reason(OSError(errno.EACCES, "Permission denied")) == "không có quyền truy cập"
