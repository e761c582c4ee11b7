"""The form editor on a real unit store and the real province form (bc-sct): paste with a preview,
one undo step, explanations, autosave that survives closing, undo/redo, visible_if, live totals and
computed figures, jumping to a problem; qtmodeltester on every model."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from reportdesk.app import AppContext
from reportdesk.domain.explain import warning_key
from reportdesk.ui.editor import ReportEditor
from reportdesk.ui.editor.paste import PastePreviewModel
from reportdesk.ui.editor.pasteplan import plan_paste
from reportdesk.ui.editor.problems import ProblemsModel, SectionsModel

HEADER = "\t".join(["Tên cụm công nghiệp", "Địa bàn (xã, phường)", "Diện tích (ha)", "Tỷ lệ lấp đầy (%)",
                    "Số cơ sở", "Hệ thống XLNT", "Công suất", "Lưu lượng", "Tình trạng vận hành", "Quan trắc",
                    "Giấy phép", "Ghi chú"])


def excel_block(n: int = 60, bad_row: int | None = None) -> str:
    """What Excel puts on the clipboard for a block of the cluster table (Vietnamese settings)."""
    lines = [HEADER]
    for i in range(n):
        area = "1.234,5" if i % 7 == 0 else f"{10 + i},5"
        if i == bad_row:
            area = "12 hecta"  # not a number: refused
        system = ["Có", "dang xay dung", "Không"][i % 3]  # a label typed without tones matches too
        cap, flow, state, mon = ("1.000", "800 (ước)", "Vận hành ổn định", "Có") if i % 3 == 0 else ("", "", "Chưa có hệ thống", "Không")
        lines.append("\t".join([f"Cụm công nghiệp Hòa Bình {i + 1}", "Xã Đông Hòa", area, "85,5%", str(5 + i), system,
                                cap, flow, state, mon, "Có", "Ghi chú \"thử\"" if i == 1 else ""]))
    return "\r\n".join(lines) + "\r\n"


@pytest.fixture
def report_id(unit_ctx):
    return unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2026").id


def open_editor(qtbot, ctx, rid) -> ReportEditor:
    ed = ReportEditor(ctx, rid)
    qtbot.addWidget(ed)
    ed.resize(1366, 768)
    ed.show()
    ed.activateWindow()
    qtbot.waitUntil(ed.isActiveWindow, timeout=30_000)  # keyboard shortcuts go to the active window
    return ed


def cluster_table(ed: ReportEditor):
    return ed.field_widget("ccn")


def test_a_pasted_block_with_one_bad_cell_is_previewed_and_changes_nothing_then_fixed_is_one_undo_step(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    hist_before = len(unit_ctx.reports.history(report_id))

    dlg = te.paste(excel_block(60, bad_row=41))
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and not dlg.ok_button.isEnabled()
    assert list(dlg.plan.refused) == [(41, 2)]  # block row 42, column «Diện tích»
    assert "12 hecta" in dlg.plan.refused[(41, 2)] and dlg.plan.header_skipped
    idx = dlg.model.index(41, 2)
    assert idx.data(Qt.ItemDataRole.BackgroundRole) is not None and "không phải là số" in idx.data(Qt.ItemDataRole.ToolTipRole)
    assert "1 ô không nhận được" in dlg.summary.text()
    dlg.reject()
    # nothing changed, on screen or in the store
    assert te.model.rowCount() == 0
    assert "ccn" not in unit_ctx.reports.get(report_id).answers
    assert len(unit_ctx.reports.history(report_id)) == hist_before

    dlg = te.paste(excel_block(60))
    qtbot.addWidget(dlg)
    assert dlg.ok_button.isEnabled() and dlg.plan.added_rows == 60
    dlg.ok_button.click()
    assert ed.session.flush()
    stored = unit_ctx.reports.get(report_id).answers["ccn"]
    assert len(stored) == 60 and te.model.rowCount() == 60
    assert stored[0]["dien_tich"] == 1234.5 and stored[0]["ty_le_lap_day"] == 85.5
    assert stored[1]["htxlnt"] == "dang_xay_dung" and stored[1]["ghi_chu"] == 'Ghi chú "thử"'
    assert stored[0]["luu_luong"] == {"value": 800, "estimate": True}
    assert len(unit_ctx.reports.history(report_id)) == hist_before + 1  # one entry: one undo step
    assert te.model.index(0, 2).data() == "1.234,5"

    qtbot.keyClick(te.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "ccn" not in unit_ctx.reports.get(report_id).answers
    assert te.model.rowCount() == 0
    qtbot.keyClick(te.view, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert len(unit_ctx.reports.get(report_id).answers["ccn"]) == 60
    assert te.model.rowCount() == 60


def test_a_warning_explained_is_stored_shown_in_report_show_json_and_no_longer_asked(qtbot, unit_ctx, unit_dir, report_id, cli):
    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    te.paste("Cụm công nghiệp Phú Nghĩa\tXã Phú Nghĩa\t45\t\t12\tCó\t1.000\t1.500\tVận hành ổn định\tCó\tCó\t", preview=False)
    warns = [i for i in ed.unexplained_warnings() if i.rule == "luu-luong-vuot-cong-suat"]
    assert len(warns) == 1
    # the problems panel lists it; selecting it jumps to the cell and enables «Giải trình…»
    panel = ed.problems_panel
    row = next(k for k, i in enumerate(panel.model.items) if i.rule == "luu-luong-vuot-cong-suat")
    panel.view.setCurrentIndex(panel.model.index(row))
    panel.view.clicked.emit(panel.model.index(row))
    assert ed.current_section() == 1
    assert (te.view.currentIndex().row(), te.model.columns[te.view.currentIndex().column()].id) == (0, "luu_luong")
    assert panel.explain_button.isEnabled()

    text = "Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom; đã lập kế hoạch tách dòng."
    panel.explain_button.click()  # the dialog opens without a nested event loop: answered with its widgets
    dlg = panel.last_dialog
    qtbot.waitUntil(dlg.isVisible, timeout=30_000)
    dlg.text.insertPlainText(text)
    qtbot.mouseClick(dlg.save_button, Qt.MouseButton.LeftButton)
    assert ed.session.flush()
    key = warning_key(warns[0])
    assert unit_ctx.reports.get(report_id).explanations == {key: text}
    assert [i.rule for i in ed.unexplained_warnings()].count("luu-luong-vuot-cong-suat") == 0
    assert "đã giải trình" in panel.model.index(panel.model.rowCount() - 1).data().lower() or \
        any("đã giải trình" in panel.model.index(k).data() for k in range(panel.model.rowCount()))
    shown = json.loads(cli("report", "show", str(report_id), "--json", data_dir=unit_dir, check=True).stdout)
    assert shown["explanations"] == {key: text}
    assert shown["answers"]["ccn"][0]["luu_luong"] == 1500


def test_autosave_survives_closing_the_editor(qtbot, unit_dir, report_id):
    ctx = AppContext(unit_dir, interactive=False)
    ed = open_editor(qtbot, ctx, report_id)
    ed.show_section(6)
    w = ed.field_widget("can_bo_ho_ten")
    w.edit.setFocus()
    qtbot.keyClicks(w.edit, "Nguyen")
    w.edit.insert(" Thị Hòa")  # typed, not yet left: saved by the typing timer or on close
    num = ed.field_widget("tong_so_ccn")
    num.edit.setText("1.234")
    num.edit.editingFinished.emit()
    ed.close()
    assert ed.save_label.text().startswith("Đã lưu lúc")
    ctx.close()
    again = AppContext(unit_dir, interactive=False)  # the store reopened from disk
    try:
        a = again.reports.get(report_id).answers
        assert a["can_bo_ho_ten"] == "Nguyen Thị Hòa"
        assert a["tong_so_ccn"] == 1234
    finally:
        again.close()


def test_typing_is_saved_without_leaving_the_field(qtbot, unit_ctx, report_id):
    """Typing alone (no Enter, no leaving the field) is saved after the debounce; how soon is measured by
    benchmarks/bench_gui_editor.py, the wait here is only a hang guard."""
    ed = open_editor(qtbot, unit_ctx, report_id)
    w = ed.field_widget("ke_hoach_ket_qua")
    w.edit.setFocus()
    qtbot.keyClicks(w.edit, "Da trien khai 3 mo hinh")
    qtbot.waitUntil(lambda: unit_ctx.reports.get(report_id).answers.get("ke_hoach_ket_qua") == "Da trien khai 3 mo hinh",
                    timeout=30_000)
    assert ed.save_label.text().startswith("Đã lưu lúc")


def test_undo_and_redo_with_the_keyboard(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    combo = ed.field_widget("ke_hoach_trang_thai").box
    combo.setCurrentIndex(combo.findData("da_ban_hanh"))
    combo.setCurrentIndex(combo.findData("dang_xay_dung"))
    assert unit_ctx.reports.get(report_id).answers["ke_hoach_trang_thai"] == "dang_xay_dung"
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert unit_ctx.reports.get(report_id).answers["ke_hoach_trang_thai"] == "da_ban_hanh"
    assert combo.currentData() == "da_ban_hanh"
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "ke_hoach_trang_thai" not in unit_ctx.reports.get(report_id).answers
    assert combo.currentData() is None
    qtbot.keyClick(ed, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(ed, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert combo.currentData() == "dang_xay_dung"
    assert unit_ctx.reports.get(report_id).answers["ke_hoach_trang_thai"] == "dang_xay_dung"


def test_visible_if_shows_and_hides_fields_as_answers_change(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    doc = ed.field_widget("ke_hoach_van_ban")
    when = ed.field_widget("ke_hoach_du_kien")
    assert not doc.isVisible() and not when.isVisible()
    combo = ed.field_widget("ke_hoach_trang_thai").box
    combo.setCurrentIndex(combo.findData("da_ban_hanh"))
    assert doc.isVisible() and not when.isVisible()
    combo.setCurrentIndex(combo.findData("chua_xay_dung"))
    assert not doc.isVisible() and when.isVisible()
    # a hidden required field is not asked for
    paths = {i.path for i in ed.problems()}
    assert "ke_hoach/ke_hoach_van_ban" not in paths
    assert "ke_hoach/ke_hoach_du_kien" in paths  # the rule: not yet issued -> say when


def test_column_totals_and_computed_figures_follow_each_edit(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.add_row()
    te.add_row()
    m = te.model
    col = {c.id: k for k, c in enumerate(m.columns)}
    assert m.setData(m.index(0, col["dien_tich"]), "1.234,5")
    assert m.setData(m.index(1, col["dien_tich"]), "65,5")
    assert m.setData(m.index(0, col["htxlnt"]), "Có")
    assert m.setData(m.index(0, col["cong_suat"]), "2.000")
    assert "1.300 ha" in te.totals.text()
    assert "2.000 m³/ngày đêm" in te.totals.text()
    computed = ed.page(1).computed.values
    assert computed["ccn_so_cum"].text() == "2 cụm"
    assert computed["ccn_co_htxlnt"].text() == "1 cụm"
    assert computed["ccn_ty_le_co_htxlnt"].text() == "50%"
    assert computed["ccn_tong_dien_tich"].text() == "1.300 ha"
    m.setData(m.index(1, col["htxlnt"]), "co")
    assert computed["ccn_ty_le_co_htxlnt"].text() == "100%"
    stored = unit_ctx.reports.get(report_id).answers["ccn"]
    assert stored[0]["dien_tich"] == 1234.5 and stored[1]["htxlnt"] == "co"


def test_a_cell_that_cannot_be_read_is_refused_with_a_message_and_kept(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.add_row()
    k = [c.id for c in te.model.columns].index("dien_tich")
    te.view.setCurrentIndex(te.model.index(0, k))
    te.view.edit(te.model.index(0, k))
    editor = QApplication.focusWidget()
    editor.setText("mười hai")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: "không phải là số" in te.message.text(), timeout=30_000)
    assert unit_ctx.reports.get(report_id).answers["ccn"] == [{}]  # the row added, the cell left empty
    # a good value typed the Vietnamese way is stored
    te.view.edit(te.model.index(0, k))
    editor = QApplication.focusWidget()
    editor.setText("12,75")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unit_ctx.reports.get(report_id).answers["ccn"] == [{"dien_tich": 12.75}], timeout=30_000)
    assert te.model.index(0, k).data() == "12,75"


def test_rows_are_inserted_moved_deleted_and_filled_down(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.paste("A\tX\t1\nB\tX\t2\nC\tX\t3\n", preview=False)
    assert [r["ten"] for r in unit_ctx.reports.get(report_id).answers["ccn"]] == ["A", "B", "C"]
    te.focus_cell(2, 0)
    te.move_row(-1)
    te.focus_cell(0, 0)
    te.insert_row()
    assert [r.get("ten") for r in unit_ctx.reports.get(report_id).answers["ccn"]] == [None, "A", "C", "B"]
    te.view.selectRow(0)
    te.delete_rows()
    # fill down: «Xã» of row 1 to rows 2-3 of column Địa bàn... and choices
    k = [c.id for c in te.model.columns].index("htxlnt")
    te.model.setData(te.model.index(0, k), "Không")
    sel = te.view.selectionModel()
    sel.clearSelection()
    for r in range(3):
        sel.select(te.model.index(r, k), sel.SelectionFlag.Select)
    te.fill_down()
    rows = unit_ctx.reports.get(report_id).answers["ccn"]
    assert [r["ten"] for r in rows] == ["A", "C", "B"]
    assert [r["htxlnt"] for r in rows] == ["khong"] * 3
    assert te.model.index(2, k).data() == "Không"


def test_jump_to_a_path_focuses_the_cell_or_field(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    te.paste("\n".join(f"Cụm {i}\tXã\t{i}" for i in range(30)), preview=False)
    assert ed.jump_to("ccn/ccn/25/dien_tich")
    assert ed.current_section() == 1
    cur = te.view.currentIndex()
    assert (cur.row(), te.model.columns[cur.column()].id) == (24, "dien_tich")
    assert ed.jump_to("phu_trach/can_bo_email")
    assert ed.current_section() == 6
    assert QApplication.focusWidget() is ed.field_widget("can_bo_email").edit


def test_every_model_passes_qtmodeltester(qtbot, qtmodeltester, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    te.paste(excel_block(12), preview=False)
    qtmodeltester.check(te.model)
    qtmodeltester.check(ed.problems_panel.model)
    qtmodeltester.check(ed.sections_model)
    assert isinstance(ed.problems_panel.model, ProblemsModel) and isinstance(ed.sections_model, SectionsModel)
    plan = plan_paste(ed.form, ed.form.field("ccn"), te.model.rows(), excel_block(5, bad_row=2), 3, 0)
    qtmodeltester.check(PastePreviewModel(plan))
    te.insert_row()
    te.focus_cell(4, 0)
    te.move_row(1)
    qtmodeltester.check(te.model)


def test_numbers_and_dates_are_shown_the_vietnamese_way(qtbot, unit_ctx, report_id):
    unit_ctx.reports.set_field(report_id, "ngay_chot_so_lieu", "2026-02-05")
    unit_ctx.reports.set_field(report_id, "ccn_tien_phat", 1234567.5)
    unit_ctx.reports.set_field(report_id, "tt_so_su_kien", {"value": 12, "estimate": True})
    ed = open_editor(qtbot, unit_ctx, report_id)
    assert ed.field_widget("ngay_chot_so_lieu").edit.text() == "05/02/2026"
    assert ed.field_widget("ccn_tien_phat").edit.text() == "1.234.567,5"
    w = ed.field_widget("tt_so_su_kien")
    assert w.edit.text() == "12" and w.estimate.isChecked()
    w.estimate.setChecked(False)
    assert unit_ctx.reports.get(report_id).answers["tt_so_su_kien"] == 12


def test_an_explanation_given_in_the_editor_travels_in_the_exported_package(qtbot, unit_ctx, tmp_path, atmt_identity,
                                                                             passphrase):
    import random

    from reportdesk.consolidate.synthetic import answers_for
    from reportdesk.package.format import open_package
    from reportdesk.services import reports as svc

    rid = unit_ctx.reports.create("SCT-01", unit_ctx.form("bc-sct"), "2026").id
    unit_ctx.reports.replace_answers(rid, answers_for(unit_ctx.form("bc-sct"), "SCT-01", random.Random(3)))
    ed = open_editor(qtbot, unit_ctx, rid)
    assert not [i for i in ed.problems() if i.severity == "error"]
    te = cluster_table(ed)
    k = [c.id for c in te.model.columns].index("dien_tich")
    te.model.setData(te.model.index(0, k), "180,5")  # a large cluster: a warning to explain
    warn = next(i for i in ed.unexplained_warnings() if i.rule == "dien-tich-ccn" and i.row == 0)
    ed.session.set_explanation(warning_key(warn), "Cụm mở rộng theo quyết định của UBND tỉnh.")
    assert warn not in ed.unexplained_warnings()
    ed.flush()
    res = svc.export_report(unit_ctx, rid, tmp_path / "gói", passphrase)
    opened = open_package(res.path.read_bytes(), atmt_identity.key, atmt_identity.cert)
    assert opened.report["explanations"] == {warning_key(warn): "Cụm mở rộng theo quyết định của UBND tỉnh."}
    assert opened.report["answers"]["ccn"][0]["dien_tich"] == 180.5


def test_a_cell_still_being_typed_in_is_saved_when_the_editor_closes(qtbot, unit_dir, report_id):
    ctx = AppContext(unit_dir, interactive=False)
    ed = open_editor(qtbot, ctx, report_id)
    te = cluster_table(ed)
    te.add_row()
    te.view.setCurrentIndex(te.model.index(0, 0))
    te.view.edit(te.model.index(0, 0))  # column 0 opens in the frozen view
    editor = QApplication.focusWidget()
    editor.setText("Cụm công nghiệp Thanh Oai")
    ed.close()
    ctx.close()
    again = AppContext(unit_dir, interactive=False)
    try:
        assert again.reports.get(report_id).answers["ccn"] == [{"ten": "Cụm công nghiệp Thanh Oai"}]
    finally:
        again.close()


def test_typing_on_the_frozen_first_column_starts_editing_with_that_key(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.add_row()
    te.view.setCurrentIndex(te.model.index(0, 0))
    te.view.setFocus()
    qtbot.keyClick(te.view, "C")  # the key that starts editing is kept
    editor = QApplication.focusWidget()
    assert editor is not None and editor.parent() is te.view.frozen.viewport()
    qtbot.keyClicks(editor, "um A")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: unit_ctx.reports.get(report_id).answers["ccn"] == [{"ten": "Cum A"}], timeout=30_000)
    assert te.view.hasFocus() or te.view.isAncestorOf(QApplication.focusWidget())


def test_a_warning_cell_offers_its_explanation_beside_the_message(qtbot, unit_ctx, report_id, monkeypatch):
    from reportdesk.ui.editor import problems as problems_mod

    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    te.paste("Cụm Phú Nghĩa\tXã Phú Nghĩa\t145\t\t\tKhông\t\t\tChưa có hệ thống", preview=False)
    assert ed.jump_to("ccn/ccn/1/dien_tich")
    assert te.explain_button.isVisible() and "100 ha" in te.message.text()

    def fake_exec(dlg):
        dlg.text.setPlainText("Cụm được mở rộng năm 2025.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(problems_mod.ExplainDialog, "exec", fake_exec)
    te.explain_button.click()
    ed.flush()
    assert unit_ctx.reports.get(report_id).explanations == {"dien-tich-ccn@ccn/ccn/1/dien_tich": "Cụm được mở rộng năm 2025."}
    assert "đã giải trình" in te.message.text()
    assert not [i for i in ed.unexplained_warnings() if i.rule == "dien-tich-ccn"]
    te.focus_cell(0, 0)
    assert not te.explain_button.isVisible()


KILL_PROBE = r"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
app = QApplication([])
from reportdesk.app import AppContext
from reportdesk.ui import operations
from reportdesk.ui.editor import ReportEditor
operations.set_synchronous(False)  # the real thread pools
ctx = AppContext(sys.argv[1], interactive=False)
ed = ReportEditor(ctx, int(sys.argv[2]))
ed.show()
saved = []
ed.saved.connect(lambda when: saved.append(ed.save_label.text()))
te = ed.field_widget("ccn")
te.paste("Cụm công nghiệp Quất Động\tXã Quất Động\t52,5\n" * 3, preview=False)
w = ed.field_widget("tong_so_ccn")
w.edit.setText("72")
w.edit.editingFinished.emit()
deadline = time.monotonic() + 120  # a hang guard: the parent reads with its own timeout
while (not saved or ed.session.pending_writes) and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.001)
print("SHOWN", saved[-1] if saved and not ed.session.pending_writes else "NOT SAVED", flush=True)
time.sleep(60)  # killed here
"""


def test_what_was_shown_as_saved_survives_killing_the_process(unit_dir, report_id):
    import select
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", KILL_PROBE, str(unit_dir), str(report_id)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        ready, _, _ = select.select([proc.stdout], [], [], 150)  # hang guard above the child's own deadline
        assert ready, "the editor process printed nothing in 150 s"
        line = proc.stdout.readline()
        assert line.startswith("SHOWN Đã lưu lúc"), (line, proc.stderr.read() if proc.poll() is not None else "")
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    ctx = AppContext(unit_dir, interactive=False)
    try:
        a = ctx.reports.get(report_id).answers
        assert a["tong_so_ccn"] == 72
        assert [r["ten"] for r in a["ccn"]] == ["Cụm công nghiệp Quất Động"] * 3
        assert ctx.store().integrity_check() == "ok"
    finally:
        ctx.close()


def test_in_an_english_window_the_editor_speaks_english(qtbot, unit_ctx, report_id):
    from reportdesk.ui import i18n

    i18n.install("en")
    try:
        ed = open_editor(qtbot, unit_ctx, report_id)
        assert ed.undo_button.text() == "Undo" and ed.redo_button.text() == "Redo"
        assert ed.sections_model.index(1).data() == "II. Environmental protection in industrial zones and clusters"
        assert ed.field_widget("tong_so_ccn").label.text().replace("&", "") == "Clusters established *"
        te = cluster_table(ed)
        assert te.btn_add.text() == "&Add row"
        assert te.model.headerData(2, Qt.Orientation.Horizontal) == "Area (ha) *"
        assert "errors" in ed.problems_panel.title.text()
        assert te.model.index(0, 0).data() is None  # no rows: nothing to show
        te.paste("Cluster A\tWard 1\t12,5", preview=False)
        assert te.model.index(0, 2).data() == "12,5"  # numbers stay Vietnamese
    finally:
        i18n.install("vi")


HUGE = "1" + "0" * 400  # 10**400: far above the largest magnitude an answer may have (10^15)


def test_a_huge_number_pasted_is_a_refused_cell_in_the_preview_and_nothing_is_stored(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    dlg = te.paste(f"Cụm A\tXã B\t{HUGE}\r\n")
    qtbot.addWidget(dlg)
    assert dlg.isVisible() and not dlg.ok_button.isEnabled()
    assert list(dlg.plan.refused) == [(0, 2)] and "số quá lớn" in dlg.plan.refused[(0, 2)]
    idx = dlg.model.index(0, 2)
    assert "số quá lớn" in idx.data(Qt.ItemDataRole.ToolTipRole)
    for r in range(dlg.model.rowCount()):  # painting the preview never raises
        for c in range(dlg.model.columnCount()):
            dlg.model.index(r, c).data()
    dlg.reject()
    assert te.model.rowCount() == 0 and "ccn" not in unit_ctx.reports.get(report_id).answers
    # the table still works: a sane block goes in
    te.paste("Cụm A\tXã B\t1", preview=False)
    assert ed.session.flush()
    assert unit_ctx.reports.get(report_id).answers["ccn"][0]["dien_tich"] == 1
    assert te.model.index(0, 2).data() == "1"


def test_a_huge_number_typed_in_a_cell_is_refused_with_a_message(qtbot, unit_ctx, report_id):
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.add_row()
    k = [c.id for c in te.model.columns].index("dien_tich")
    te.view.setCurrentIndex(te.model.index(0, k))
    te.view.edit(te.model.index(0, k))
    editor = QApplication.focusWidget()
    editor.setText(HUGE)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "số quá lớn" in te.message.text(), timeout=30_000)
    assert unit_ctx.reports.get(report_id).answers["ccn"] == [{}]


def test_reloading_and_checking_for_the_export_run_off_the_window_thread(qtbot, unit_ctx, report_id, monkeypatch):
    """reload() (after an export, after a refused write) and the check the export asks for run as
    QueryOps on a worker thread; the caller waits on a callback (reload) or on the running check."""
    import threading

    from reportdesk.ui import operations
    from reportdesk.ui.editor import session as session_mod

    ed = open_editor(qtbot, unit_ctx, report_id)
    te = cluster_table(ed)
    te.paste(excel_block(5), preview=False)
    assert ed.session.flush()
    threads: dict[str, set] = {"get": set(), "check": set()}
    repo = ed.session.repo
    real_get, real_check = repo.get, session_mod.check_and_compute

    def get(*a, **k):
        threads["get"].add(threading.get_ident())
        return real_get(*a, **k)

    def check(*a, **k):
        threads["check"].add(threading.get_ident())
        return real_check(*a, **k)

    monkeypatch.setattr(repo, "get", get)
    monkeypatch.setattr(session_mod, "check_and_compute", check)
    operations.set_synchronous(False)
    try:
        # another process (the CLI, an export) changed the stored report: reload shows it
        unit_ctx.reports.set_explanation(report_id, "x", "giải trình từ nơi khác")
        done = []
        ed.session.reload(lambda: done.append(True))
        qtbot.waitUntil(lambda: bool(done), timeout=30_000)
        assert ed.session.explanations.get("x") == "giải trình từ nơi khác"
        # a change not yet checked: the export's question is answered by a background check
        ed.session.answers["ccn"] = ed.session.answers["ccn"][:2]
        ed.session._gen += 1
        problems = ed.session.problems()
        assert ed.session.is_fresh
        assert not [i for i in problems if i.row is not None and i.row >= 2]
    finally:
        operations.wait_all(30_000)
        operations.set_synchronous(True)
    main = threading.get_ident()
    assert threads["get"] and main not in threads["get"]
    assert threads["check"] and main not in threads["check"]


def test_a_check_that_cannot_run_says_so_in_the_problems_header(qtbot, unit_ctx, report_id, monkeypatch):
    from reportdesk.ui.editor import session as session_mod

    ed = open_editor(qtbot, unit_ctx, report_id)
    real = session_mod.check_and_compute

    def broken(*a, **k):
        raise MemoryError("hết bộ nhớ")

    monkeypatch.setattr(session_mod, "check_and_compute", broken)
    cluster_table(ed).paste("Cụm A\tXã B\t12", preview=False)
    title = ed.problems_panel.title.text()
    assert "Không kiểm tra được" in title and "Không có lỗi" not in title
    monkeypatch.setattr(session_mod, "check_and_compute", real)
    cluster_table(ed).paste("Cụm C\tXã D\t13", preview=False)
    assert "Không kiểm tra được" not in ed.problems_panel.title.text()


@pytest.fixture
def background_ops(sync_ops):
    """Operations in their real thread pools (the window's own mode), not inline."""
    sync_ops.set_synchronous(False)
    yield sync_ops
    sync_ops.wait_all(30_000)
    sync_ops.set_synchronous(True)


def _paste_in_background(qtbot, te, text: str, rows: int) -> None:
    te.paste(text, preview=False)  # the block is read off the UI thread, then applied
    qtbot.waitUntil(lambda: te.model.rowCount() == rows, timeout=30_000)


def test_a_pasted_block_closed_at_once_is_in_the_store(qtbot, unit_dir, report_id, background_ops):
    """A bulk change is shown first and written at the next turn of the event loop: closing the editor in
    that very moment still writes it (nothing shown is lost)."""
    ctx = AppContext(unit_dir, interactive=False)
    ed = open_editor(qtbot, ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    _paste_in_background(qtbot, te, excel_block(60).split("\r\n", 1)[1], 60)
    assert ed.session.pending_writes == 1  # shown, asked, not yet written
    ed.close()
    assert ed.session.pending_writes == 0
    ctx.close()
    again = AppContext(unit_dir, interactive=False)  # the store reopened from disk
    try:
        got = again.reports.get(report_id).answers["ccn"]
        assert len(got) == 60
        assert got[0]["ten"] == "Cụm công nghiệp Hòa Bình 1" and got[0]["dien_tich"] == 1234.5
    finally:
        again.close()


def test_an_undo_right_after_a_paste_undoes_the_paste(qtbot, unit_ctx, report_id, background_ops):
    """Ctrl+Z pressed before the pasted block's write has started: the writes keep their order, so the
    undo takes back the paste, and the table is empty again, in the window and in the store."""
    unit_ctx.reports.set_rows(report_id, "ccn", [{"ten": "Cụm có sẵn", "dien_tich": 12.5}])
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    te.focus_cell(0, 0)
    _paste_in_background(qtbot, te, excel_block(30).split("\r\n", 1)[1], 30)
    qtbot.keyClick(ed, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ed.session.pending_writes == 0 and te.model.rowCount() == 1, timeout=30_000)
    assert unit_ctx.reports.get(report_id).answers["ccn"] == [{"ten": "Cụm có sẵn", "dien_tich": 12.5}]
    assert te.model.index(0, 0).data() == "Cụm có sẵn"


def test_row_numbers_fit_their_column_in_the_table_and_the_preview(qtbot, unit_ctx, report_id):
    """The row numbers' column is as wide as its widest number (three digits for 120 rows), bold."""
    from PySide6.QtGui import QFont, QFontMetrics

    unit_ctx.reports.set_rows(report_id, "ccn", [{"ten": f"Cụm {i}"} for i in range(120)])
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)

    def fits(header, text: str) -> bool:
        bold = QFont(header.font())
        bold.setBold(True)
        return header.width() >= QFontMetrics(bold).horizontalAdvance(text) + 8

    qtbot.waitUntil(lambda: te.view.verticalHeader().width() > 0, timeout=30_000)
    assert fits(te.view.verticalHeader(), "120")
    plan = plan_paste(ed.form, te.table, te.model.rows(), excel_block(3).split("\r\n", 1)[1], 118, 0)
    from reportdesk.ui.editor.paste import PasteDialog

    dlg = PasteDialog(plan, ed)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.view.verticalHeader().width() > 0, timeout=30_000)
    assert dlg.model.headerData(2, Qt.Orientation.Vertical) == "121"
    assert fits(dlg.view.verticalHeader(), "121")


def test_a_reload_asked_while_a_pasted_block_waits_for_its_write_keeps_the_block(qtbot, unit_ctx, report_id,
                                                                                  background_ops):
    """The store is reread (as after an export) in the very turn a pasted block is shown, before its
    write has begun: the reading may predate the write, so it is asked again once the write is through,
    and the window keeps showing what the store has."""
    ed = open_editor(qtbot, unit_ctx, report_id)
    ed.show_section(1)
    te = cluster_table(ed)
    s = ed.session
    real = s.writes_after

    import contextlib

    @contextlib.contextmanager
    def then_reload():
        with real():
            yield
        s.reload()  # e.g. the main window rereading after another write, delivered before the deferred one

    s.writes_after = then_reload
    te.paste(excel_block(80).split("\r\n", 1)[1], preview=False)
    qtbot.waitUntil(lambda: te.model.rowCount() == 80, timeout=30_000)
    s.writes_after = real
    qtbot.waitUntil(lambda: s.pending_writes == 0, timeout=30_000)
    background_ops.wait_all(30_000)
    qtbot.waitUntil(lambda: not operations_running(background_ops), timeout=30_000)
    assert len(unit_ctx.reports.get(report_id).answers["ccn"]) == 80
    assert te.model.rowCount() == 80 and len(s.rows("ccn")) == 80


def operations_running(ops) -> bool:
    return ops.running() > 0


def test_a_table_painted_with_all_roles_at_once_looks_as_painted_role_by_role(qtbot, unit_ctx, report_id):
    """The models answer every role of a cell in one call (``multiData``); the picture must be the one
    Qt's own role-by-role asking gives: texts, alignment, the colours of errors, warnings and locked cells."""
    from PySide6.QtCore import QAbstractTableModel
    from PySide6.QtWidgets import QTableView

    from reportdesk.ui.editor.table import RowsModel

    class RoleByRole(RowsModel):
        def multiData(self, index, span):  # noqa: N802 - Qt's default: data() once per role
            QAbstractTableModel.multiData(self, index, span)

    rows = [{"ten": f"Cụm {i}", "dien_tich": 150.5 if i == 1 else 40.0 + i, "ty_le_lap_day": "x" if i == 2 else 70}
            for i in range(12)]
    unit_ctx.reports.replace_answers(report_id, {"ccn": [{k: v for k, v in r.items() if k != "ty_le_lap_day"} for r in rows]})
    ed = open_editor(qtbot, unit_ctx, report_id)
    table = cluster_table(ed).table
    assert ed.session.cell_issues, "the table has a flagged cell to paint"
    pictures = []
    for cls in (RowsModel, RoleByRole):
        view = QTableView()
        qtbot.addWidget(view)
        view.setModel(cls(ed.session, table))
        view.resize(1200, 420)
        pictures.append(view.grab().toImage())
    assert pictures[0] == pictures[1]


def test_in_an_english_window_the_validation_messages_are_english(qtbot, unit_ctx, report_id):
    """A rule's message comes from the form's English text (with its row), a required field's from the
    English label; the same issues read in Vietnamese in a Vietnamese window."""
    from reportdesk.ui import i18n
    from reportdesk.ui.editor.problems import ISSUE_ROLE

    unit_ctx.reports.replace_answers(report_id, {"ccn": [{"ten": "Cụm A", "dien_tich": 150.5}]})

    def messages(ed) -> list[str]:
        m = ed.problems_panel.model
        return [m.index(r).data() for r in range(m.rowCount()) if m.index(r).data(ISSUE_ROLE) is not None]

    i18n.install("en")
    try:
        ed = open_editor(qtbot, unit_ctx, report_id)
        texts = "\n".join(messages(ed))
        assert "Row 1: An industrial cluster is usually no larger than 100 ha" in texts
        assert "«Officer in charge» is required." in texts or "is required." in texts
        assert "bắt buộc" not in texts and "Diện tích cụm công nghiệp" not in texts
        ed.close()
    finally:
        i18n.install("vi")
    ed = open_editor(qtbot, unit_ctx, report_id)
    texts = "\n".join(messages(ed))
    assert "Dòng 1: Diện tích cụm công nghiệp thường không quá 100 ha" in texts and "là bắt buộc." in texts
