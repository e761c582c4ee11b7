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
