"""Export: blocked while errors remain (listed, a click jumps to the field), unexplained warnings need a
confirmation, a wrong passphrase leaves everything as it was, a good one writes a real package that Cục
ATMT opens, shown with its folder, revision and fingerprint; the report's history lists each export."""

from __future__ import annotations

import random

from PySide6.QtWidgets import QMessageBox

from reportdesk.consolidate.synthetic import answers_for
from reportdesk.package import identity as ident
from reportdesk.package.format import open_package
from reportdesk.services import reports as svc
from reportdesk.services.unit_home import export_history
from reportdesk.ui.export_dialog import ExportDialog


def _filled_report(ctx) -> int:
    r = svc.new_report(ctx, "bc-sct", "2026")
    ctx.reports.replace_answers(r.id, answers_for(ctx.form("bc-sct"), "SCT-01", random.Random(3)))
    assert not [i for i in svc.check_report(ctx, r.id) if i.severity == "error"]
    return r.id


def test_errors_block_the_export_and_a_click_jumps_to_the_field(qtbot, unit_ctx, passphrase):
    r = svc.new_report(unit_ctx, "bc-sct", "2026")
    jumps: list = []
    dlg = ExportDialog(unit_ctx, r.id, jump=lambda rid, issue: jumps.append((rid, issue)))
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.blocked() and dlg.errors.count() > 0
    assert dlg.errors.count() == len([i for i in svc.check_report(unit_ctx, r.id) if i.severity == "error"])
    dlg.passphrase.setText(passphrase)
    assert not dlg.export_button.isEnabled()
    first = dlg.errors.item(0)
    dlg.errors.itemClicked.emit(first)
    assert jumps and jumps[0][0] == r.id and jumps[0][1].severity == "error"


def test_unexplained_warnings_need_a_confirmation(qtbot, unit_ctx, passphrase):
    rid = _filled_report(unit_ctx)
    warnings = [i for i in svc.check_report(unit_ctx, rid) if i.severity == "warning"]
    dlg = ExportDialog(unit_ctx, rid)
    qtbot.addWidget(dlg)
    dlg.passphrase.setText(passphrase)
    if warnings:
        assert not dlg.export_button.isEnabled()
        dlg.confirm.setChecked(True)
    assert dlg.export_button.isEnabled()


def test_a_wrong_passphrase_writes_nothing(qtbot, unit_ctx, tmp_path, passphrase):
    rid = _filled_report(unit_ctx)
    out = tmp_path / "Gói gửi Bộ"
    dlg = ExportDialog(unit_ctx, rid, folder=out)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.confirm.setChecked(True)
    dlg.passphrase.setText("sai mật khẩu")
    before = unit_ctx.reports.get(rid, with_answers=False)
    dlg.start_export()
    box = dlg.findChild(QMessageBox, "operationError")
    assert box is not None and "mật khẩu" in box.text().lower()
    assert dlg.passphrase.text() == ""
    assert not list(out.glob("*.rdpkg")) if out.exists() else True
    after = unit_ctx.reports.get(rid, with_answers=False)
    assert (after.status, after.revision) == (before.status, before.revision)
    assert dlg.pages.currentIndex() == 0


def test_export_writes_a_package_that_cuc_atmt_opens(qtbot, unit_ctx, tmp_path, atmt_identity, passphrase):
    rid = _filled_report(unit_ctx)
    out = tmp_path / "Gói gửi Bộ Công Thương"
    opened: list = []
    dlg = ExportDialog(unit_ctx, rid, folder=out, open_folder=opened.append)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.confirm.setChecked(True)
    dlg.passphrase.setText(passphrase)
    dlg.start_export()
    assert dlg.pages.currentIndex() == 1, dlg.done_text.text()
    files = list(out.glob("*.rdpkg"))
    assert len(files) == 1
    text = dlg.done_plain()
    assert str(files[0].name) in dlg.done_text.text()
    me = ident.load_certificate(unit_ctx.data_dir)
    assert str(files[0]) in text and "Lần gửi: 1" in text and ident.format_fingerprint(me) in text
    pkg = open_package(files[0].read_bytes(), atmt_identity.key, atmt_identity.cert)
    assert pkg.unit_code == "SCT-01" and pkg.revision == 1 and pkg.period == "2026"
    assert pkg.answers == unit_ctx.reports.get(rid).answers
    dlg.open_button.click()
    assert opened == [out]

    # a second export is revision 2, and the history shows both
    dlg2 = ExportDialog(unit_ctx, rid, folder=out)
    qtbot.addWidget(dlg2)
    assert "lần 1" in dlg2.history.text()
    dlg2.confirm.setChecked(True)
    dlg2.passphrase.setText(passphrase)
    dlg2.start_export()
    assert [e.revision for e in export_history(unit_ctx, rid)] == [1, 2]
    assert len(list(out.glob("*.rdpkg"))) == 2


ATTACH_FORM = """\
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
"""


def test_the_attached_files_kept_in_the_data_dir_travel_in_the_package(qtbot, unit_dir, tmp_path, atmt_identity,
                                                                         passphrase):
    import hashlib

    from reportdesk.app import AppContext

    (unit_dir / "forms").mkdir(exist_ok=True)
    (unit_dir / "forms" / "dinh-kem.v1.yaml").write_text(ATTACH_FORM, encoding="utf-8")
    ctx = AppContext(unit_dir, interactive=False)
    try:
        data = "Biên bản kiểm tra cụm công nghiệp".encode("utf-8")
        sha = hashlib.sha256(data).hexdigest()
        copy = unit_dir / "attachments" / sha[:2] / sha
        copy.parent.mkdir(parents=True)
        copy.write_bytes(data)
        r = svc.new_report(ctx, "dinh-kem", "2026")
        ctx.reports.set_field(r.id, "bien_ban", {"name": "biên bản.pdf", "sha256": sha, "size": len(data)})
        out = tmp_path / "Gói có đính kèm"
        dlg = ExportDialog(ctx, r.id, folder=out)
        qtbot.addWidget(dlg)
        dlg.confirm.setChecked(True)
        dlg.passphrase.setText(passphrase)
        dlg.start_export()
        assert dlg.result_ is not None and dlg.result_.warnings == []
        pkg = open_package(next(out.glob("*.rdpkg")).read_bytes(), atmt_identity.key, atmt_identity.cert)
        assert pkg.attachments == {"biên bản.pdf": data}
    finally:
        ctx.close()


def test_keyboard_only_passphrase_then_enter(qtbot, unit_ctx, tmp_path, passphrase):
    from PySide6.QtCore import Qt

    rid = _filled_report(unit_ctx)
    for w in svc.check_report(unit_ctx, rid):
        if w.severity == "warning":
            from reportdesk.domain.explain import warning_key

            unit_ctx.reports.set_explanation(rid, warning_key(w), "Đã kiểm tra lại.")
    out = tmp_path / "Gói bàn phím"
    dlg = ExportDialog(unit_ctx, rid, folder=out)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow, timeout=3000)
    assert dlg.focusWidget() is dlg.passphrase
    dlg.passphrase.setText(passphrase)
    qtbot.keyClick(dlg.passphrase, Qt.Key.Key_Return)
    assert dlg.pages.currentIndex() == 1
    assert len(list(out.glob("*.rdpkg"))) == 1



def test_the_check_runs_off_the_ui_thread_with_a_checking_state(qtbot, unit_ctx, passphrase, sync_ops):
    """Building the dialog reads nothing: "Đang kiểm tra…" shows, Export stays off, then the check, the
    recipients and the history arrive from a background QueryOp (before: ~200 ms frozen on a 500-row
    report, in the constructor and again after the identity dialog)."""
    rid = _filled_report(unit_ctx)
    sync_ops.set_synchronous(False)
    dlg = ExportDialog(unit_ctx, rid)
    qtbot.addWidget(dlg)
    dlg.show()
    assert dlg.what.text() == "Đang kiểm tra…"
    dlg.passphrase.setText(passphrase)
    assert not dlg.export_button.isEnabled(), "nothing is exported before the check has said yes"
    assert not dlg.no_recipient.isVisible()
    qtbot.waitUntil(lambda: not dlg.checking, timeout=20000)
    assert sync_ops.wait_all()
    assert dlg.what.text().startswith(unit_ctx.form("bc-sct").title)
    assert dlg.history.text() == "Báo cáo này chưa xuất lần nào; gói sẽ là lần gửi thứ nhất."
    dlg.confirm.setChecked(True)
    assert dlg.export_button.isEnabled()


def test_window_messages_name_no_command_line(qtbot, unit_ctx, passphrase, tmp_path):
    """An export refused for errors says so without «reportdesk report check» (that is the CLI's hint)."""
    import pytest

    from reportdesk.errors import UserError

    r = svc.new_report(unit_ctx, "bc-sct", "2026")
    with pytest.raises(UserError) as ei:
        svc.export_report(unit_ctx, r.id, tmp_path, passphrase)
    assert "reportdesk" not in ei.value.message and "--" not in ei.value.message
    assert "reportdesk report check" in ei.value.cli_message
