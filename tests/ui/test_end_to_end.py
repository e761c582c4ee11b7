"""The whole path of issue 9 from the window alone, on real stores and keys, offscreen: the set-up
wizard -> a new report (Ctrl+N) -> a table block pasted from Excel with one bad cell (refused,
nothing changed), pasted again fixed -> a warning answered with an explanation -> export -> the
package opens with Cục ATMT's key and carries the explanation. Then autosave survives closing the
window."""

from __future__ import annotations

import dataclasses
import json
import random

from PySide6.QtCore import Qt

from reportdesk.app import AppContext
from reportdesk.consolidate.synthetic import answers_for
from reportdesk.domain.explain import warning_key
from reportdesk.exports.workbook import write_filled
from reportdesk.package.format import open_package
from reportdesk.ui import app as uiapp

PASS = "mật khẩu của Sở 2026"
EXPLANATION = "Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom; đã lập kế hoạch tách dòng."


def excel_block(n: int, bad_row: int | None = None, over_row: int | None = None) -> str:
    """A block of the cluster table as Excel (Vietnamese settings) puts it on the clipboard."""
    lines = ["\t".join(["Tên cụm công nghiệp", "Địa bàn (xã, phường)", "Diện tích (ha)", "Tỷ lệ lấp đầy (%)",
                        "Số cơ sở", "Hệ thống XLNT", "Công suất", "Lưu lượng", "Tình trạng vận hành", "Quan trắc",
                        "Giấy phép", "Ghi chú"])]
    for i in range(n):
        area = "12 hecta" if i == bad_row else ("1.234,5" if i % 7 == 0 else f"{10 + i},5")
        if i % 3 == 0:
            flow = "1.500" if i == over_row else "800"
            tail = ["Có", "1.000", flow, "Vận hành ổn định", "Có", "Có"]
        else:
            tail = ["Không", "", "", "Chưa có hệ thống", "Không", "Không"]
        lines.append("\t".join([f"Cụm công nghiệp Hòa Bình {i + 1}", "Xã Đông Hòa", area, "85,5%", str(5 + i), *tail, ""]))
    return "\r\n".join(lines) + "\r\n"


def drive_wizard(cert_file):
    def run(w) -> bool:
        w.show()
        w.next()                                     # mode: unit (the default)
        w.unit_page.search.setText("ha noi")         # no tones typed
        assert w.unit_page.select("SCT-01")
        w.next()
        w.identity_page.pass1.setText(PASS)
        w.identity_page.pass2.setText(PASS)
        w.next()
        w.recipient_page.path.setText(str(cert_file))
        assert w.recipient_page.fingerprint.text()
        w.next()                                     # sets up (a WriteOp: key generation)
        assert w.run_page.isComplete(), w.run_page.status.text()
        w.accept()
        return True
    return run


def test_from_the_wizard_to_a_package_cuc_atmt_opens(qtbot, empty_ctx, atmt_cert_file, atmt_identity, tmp_path):
    win = uiapp.open_main_window(empty_ctx, open_files=False, wizard_runner=drive_wizard(atmt_cert_file))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=30_000)
    assert empty_ctx.mode == "unit" and "Sở Công Thương Hà Nội" in win.windowTitle()

    # a new report of 2026 in one keystroke
    assert win.home.select("bc-sct", "2026")
    qtbot.keyClick(win.home.view, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    ed = win.editor
    assert ed is not None and win.stack.currentWidget() is win.editor_page
    rid = ed.report_id
    ctx = win.ctx

    # the other sections come from a workbook filled outside (everything but the cluster table): the
    # home's «Điền từ tệp Excel…», with the file dialog answered
    others = answers_for(ctx.form("bc-sct"), "SCT-01", random.Random(9))
    others.pop("ccn", None)
    filled = tmp_path / "Bảng đã điền" / "báo cáo 2026.xlsx"
    filled.parent.mkdir()
    write_filled(ctx.form("bc-sct"), dataclasses.replace(ctx.reports.get(rid), answers=others), filled,
                 ctx.units.get("SCT-01"))
    assert ctx.reports.get(rid).answers == {}  # the workbook was made aside, nothing stored yet
    win.go_home()
    win.home.refresh(select=rid)
    win.ask_open_path = lambda *a: filled
    win.act_fill.trigger()
    qtbot.waitUntil(lambda: "Đã điền" in win.statusBar().currentMessage(), timeout=30_000)
    stored = ctx.reports.get(rid).answers
    assert stored == others, {k: (stored.get(k), others.get(k)) for k in set(stored) | set(others) if stored.get(k) != others.get(k)}
    win.go_home()
    win.home.refresh(select=rid)
    qtbot.keyClick(win.home.view, Qt.Key.Key_Return)
    ed = win.editor
    assert ed.report_id == rid

    # a 60-row block pasted from Excel with one bad cell: previewed, refused, nothing changed
    te = ed.field_widget("ccn")
    before = ctx.reports.get(rid).answers
    history = len(ctx.reports.history(rid))
    dlg = te.paste(excel_block(60, bad_row=41, over_row=3))
    qtbot.addWidget(dlg)
    assert not dlg.ok_button.isEnabled() and list(dlg.plan.refused) == [(41, 2)]
    dlg.reject()
    assert ctx.reports.get(rid).answers == before and len(ctx.reports.history(rid)) == history
    assert te.model.rowCount() == 0

    # fixed and pasted again: one transaction
    dlg = te.paste(excel_block(60, over_row=3))
    qtbot.addWidget(dlg)
    assert dlg.ok_button.isEnabled()
    dlg.ok_button.click()
    assert ed.flush()
    rows = ctx.reports.get(rid).answers["ccn"]
    assert len(rows) == 60 and rows[0]["dien_tich"] == 1234.5 and rows[3]["luu_luong"] == 1500
    assert len(ctx.reports.history(rid)) == history + 1

    # no error left; the flow above capacity is a warning, answered with an explanation
    problems = ed.problems()
    assert [i for i in problems if i.severity == "error"] == [], [str(i) for i in problems]
    warn = next(i for i in ed.unexplained_warnings() if i.rule == "luu-luong-vuot-cong-suat")
    panel = ed.problems_panel
    row = next(k for k, i in enumerate(panel.model.items) if i == warn)
    panel.view.setCurrentIndex(panel.model.index(row))
    panel.view.clicked.emit(panel.model.index(row))
    # the explanation dialog, answered with its own widgets: cancelled once (nothing stored), then saved
    panel.explain_button.click()
    dlg = panel.last_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=30_000)
    qtbot.keyClicks(dlg.text, "nhap")
    qtbot.mouseClick(dlg.cancel_button, Qt.MouseButton.LeftButton)
    assert ed.flush() and warning_key(warn) not in ctx.reports.get(rid).explanations
    panel.explain_button.click()
    dlg = panel.last_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=30_000)
    dlg.text.setFocus()
    dlg.text.insertPlainText(EXPLANATION)  # as a Vietnamese input method commits it (QTest types Latin-1 only)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert ed.flush()
    assert ctx.reports.get(rid).explanations[warning_key(warn)] == EXPLANATION

    # every other warning explained too, so the export asks about none
    for w in ed.unexplained_warnings():
        row = next(k for k, i in enumerate(panel.model.items) if i == w)
        panel.view.setCurrentIndex(panel.model.index(row))
        panel.explain_button.click()
        dlg = panel.last_dialog
        qtbot.waitUntil(dlg.isVisible, timeout=30_000)
        dlg.text.insertPlainText("Số liệu đã được kiểm tra lại với đơn vị vận hành.")
        qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert ed.flush() and not ed.unexplained_warnings()

    # export (Ctrl+E) into a folder with Vietnamese letters and spaces
    out = tmp_path / "Gói gửi Bộ Công Thương"
    te.view.setFocus()  # Ctrl+E exports even from inside a table (estimates are Ctrl+U there)
    qtbot.keyClick(te.view, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    exp = win.export_dialog
    qtbot.addWidget(exp)
    assert not exp.blocked() and exp.n_unexplained == 0 and not exp.confirm.isVisible()
    exp.folder.setText(str(out))
    exp.passphrase.setText(PASS)
    assert exp.export_button.isEnabled()
    exp.export_button.click()
    assert exp.pages.currentIndex() == 1, exp.done_text.text()
    files = list(out.glob("*.rdpkg"))
    assert len(files) == 1 and exp.result_.revision == 1

    pkg = open_package(files[0].read_bytes(), atmt_identity.key, atmt_identity.cert)
    assert (pkg.unit_code, pkg.form_id, pkg.period, pkg.revision) == ("SCT-01", "bc-sct", "2026", 1)
    assert pkg.report["explanations"][warning_key(warn)] == EXPLANATION
    assert len(pkg.answers["ccn"]) == 60
    exp.accept()
    assert ed.session.report.status == "exported" and ed.session.report.revision == 1  # the editor knows

    # the home list says so
    win.go_home()
    state = win.home.model.state(win.home.model.row_of_report(rid))
    assert state.state == "exported" and state.revision == 1

    # autosave survives closing the window: typed, never "saved" by hand
    qtbot.keyClick(win.home.view, Qt.Key.Key_Return)
    ed = win.editor
    ed.show_section(6)
    name = ed.field_widget("can_bo_ho_ten")
    name.edit.setFocus()
    name.edit.setText("Nguyễn Thị Hòa")
    win.close()
    ctx.close()
    again = AppContext(empty_ctx.data_dir, interactive=False)
    try:
        assert again.reports.get(rid).answers["can_bo_ho_ten"] == "Nguyễn Thị Hòa"
    finally:
        again.close()
