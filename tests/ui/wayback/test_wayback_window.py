"""Issue 11 in the window, on real stores, keys and signed files: a return for correction shows on the
home and its comments in the editor (a click jumps to the cell); a receipt dropped onto the window is
applied and the home says «ATMT đã nhận»; a forged file is refused with its reason and nothing changes;
the ReviewDialog writes a decision the unit imports; receipts and updates from their dialogs."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from reportdesk.package import identity as ident
from reportdesk.package.messages import make_message
from reportdesk.services import wayback
from reportdesk.ui.editor.problems import COMMENT
from reportdesk.ui.mainwindow import MainWindow
from reportdesk.ui.wayback import CommentsModel, ReceiptsDialog, ReviewDialog, UpdateDialog

from conftest import ATMT_PASS  # noqa: E402  (tests/ui/wayback/conftest.py)

REASON = "Thiếu số liệu cụm công nghiệp"


def _window(qtbot, ctx) -> MainWindow:
    win = MainWindow(ctx, open_files=False, today=dt.date(2026, 11, 1))
    qtbot.addWidget(win)
    win.resize(1366, 768)
    return win


def _drop(win: MainWindow, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    ev = QDropEvent(QPoint(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier)
    win.dropEvent(ev)


def _import(win: MainWindow, paths: list[Path], passphrase: str):
    _drop(win, paths)
    dlg = win.inbox_dialog
    dlg.passphrase.setText(passphrase)
    dlg.import_button.click()
    return dlg


def _state_text(win: MainWindow, rid: int) -> tuple[str, object]:
    m = win.home.model
    idx = m.index(m.row_of_report(rid), 4)
    return m.data(idx), m.data(idx, Qt.ItemDataRole.ForegroundRole)


def _return_file(round_) -> Path:
    res = wayback.review_report(round_.atmt, round_.atmt_rid, "returned", str(round_.out) + "/", ATMT_PASS,
                                reason=REASON, comments=[("ccn/ccn/1/dien_tich", "Diện tích cần ghi theo quyết định thành lập"),
                                                         ("tuyen_truyen/tt_so_su_kien", "Số sự kiện chưa khớp báo cáo quý")])
    return res.path


def _tree(d: Path) -> dict[str, str]:
    return {str(p.relative_to(d)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(d.rglob("*"))
            if p.is_file() and "logs" not in p.parts and not p.name.endswith(("-wal", "-shm"))}


def test_a_return_shows_on_the_home_and_its_comments_jump_to_their_cells(qtbot, round_):
    path = _return_file(round_)
    win = _window(qtbot, round_.unit)
    dlg = _import(win, [path], round_.passphrase)
    assert dlg.pages.currentIndex() == 1
    assert "đã áp dụng" in dlg.result_texts()[0] and REASON in dlg.result_texts()[0]
    dlg.reject()

    text, brush = _state_text(win, round_.rid)
    assert text == "Trả lại để chỉnh sửa" and brush.color().name() == "#b3261e"
    win.home.refresh(select=round_.rid)
    assert REASON in win.home.atmt.text() and "Diện tích cần ghi" in win.home.atmt.text()

    ed = win.open_report(round_.rid)
    panel = ed.problems_panel
    comments = [i for i in panel.model.items if i.severity == COMMENT]
    assert [c.message for c in comments] == ["Diện tích cần ghi theo quyết định thành lập",
                                             "Số sự kiện chưa khớp báo cáo quý"]
    assert "Góp ý của Cục ATMT" in panel.model.data(panel.model.index(0))
    jumped: list[str] = []
    ed.jumped.connect(jumped.append)
    panel.view.clicked.emit(panel.model.index(0))
    assert jumped == ["ccn/ccn/1/dien_tich"]
    te = ed.field_widget("ccn")
    cur = te.view.currentIndex()
    assert (cur.row(), te.model.columns[cur.column()].id) == (0, "dien_tich")
    assert ed.form.sections[ed.current_section()].id == "ccn"

    # the next export answers the return: the home no longer says «trả lại», the editor lists no comment
    win.go_home()
    wayback_rev2 = round_.send()
    assert wayback_rev2
    win.home.refresh(select=round_.rid)
    text, _ = _state_text(win, round_.rid)
    assert text != "Trả lại để chỉnh sửa"
    ed = win.open_report(round_.rid)
    assert not [i for i in ed.problems_panel.model.items if i.severity == COMMENT]


def test_a_receipt_dropped_onto_the_window_is_applied_and_the_home_says_received(qtbot, round_, tmp_path):
    res = wayback.write_receipts(round_.atmt, "2026", tmp_path / "Giấy biên nhận", ATMT_PASS)
    assert len(res.written) == 1
    win = _window(qtbot, round_.unit)
    before, _ = _state_text(win, round_.rid)
    assert before.startswith("Đã xuất gói lần 1")
    dlg = _import(win, [res.written[0].path], round_.passphrase)
    assert dlg.summary.text() == "Đã áp dụng 1 tệp, từ chối 0 tệp."
    text, brush = _state_text(win, round_.rid)
    assert text.startswith("ATMT đã nhận lúc ") and ("đúng hạn" in text or "trễ hạn" in text)
    assert brush.color().name() == "#1b6e3a"

    # printed as Word, from the home's button (the window is told not to launch Word in tests)
    win.home.refresh(select=round_.rid)
    assert not win.home.btn_receipt.isHidden()
    win.home.btn_receipt.click()
    assert win.opened and win.opened[-1].suffix == ".docx" and win.opened[-1].stat().st_size > 0


def test_a_forged_receipt_is_refused_with_its_reason_and_nothing_changes(qtbot, round_, tmp_path, ui_identities):
    # a receipt that looks right, signed by the unit's own key instead of Cục ATMT's
    real = wayback.write_receipts(round_.atmt, "2026", tmp_path / "thật", ATMT_PASS).written[0]
    me = ui_identities["SCT-01"]
    forged = make_message("receipt", real.body, signer_key=me.key, signer_cert=me.cert, recipient_certs=[me.cert],
                          unit_code="SCT-01")
    f = tmp_path / "giả mạo.rdrcpt"
    f.write_bytes(forged.data)
    win = _window(qtbot, round_.unit)
    before = _tree(round_.unit.data_dir)
    dlg = _import(win, [f], round_.passphrase)
    texts = dlg.result_texts()
    assert len(texts) == 1 and texts[0].startswith("✗ giả mạo.rdrcpt — từ chối: ") and len(texts[0]) > 40
    assert dlg.outcomes[0].code == "untrusted_signer"
    assert "từ chối 1 tệp" in dlg.summary.text()
    assert _tree(round_.unit.data_dir) == before
    text, _ = _state_text(win, round_.rid)
    assert not text.startswith("ATMT đã nhận")


def test_the_review_dialog_writes_a_decision_the_unit_imports(qtbot, round_, tmp_path):
    folder = tmp_path / "Kết quả xem xét"
    dlg = ReviewDialog(round_.atmt, round_.atmt_rid, folder=folder)
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.return_radio.setChecked(True)
    dlg.passphrase.setText(ATMT_PASS)
    assert not dlg.write_button.isEnabled()          # a return needs a reason
    dlg.reason.setText(REASON)
    # a column of a table that has no such row is fine (the row is the unit's); a bad path is refused
    dlg.select_place("ccn", 1, "dien_tich")
    assert dlg.current_path() == "ccn/ccn/1/dien_tich"
    dlg.comment_text.setText("Diện tích cần ghi theo quyết định thành lập")
    assert dlg.add_comment()
    dlg.select_place("tt_so_su_kien")
    assert dlg.current_path() == "tuyen_truyen/tt_so_su_kien" and not dlg.row_spin.isEnabled()
    dlg.comment_text.setText("")
    assert not dlg.add_comment() and dlg.comment_error.text()
    dlg.comment_text.setText("Số sự kiện chưa khớp báo cáo quý")
    assert dlg.add_comment()
    assert dlg.model.rowCount() == 2
    dlg.write_button.click()
    assert dlg.result_ is not None, dlg.result_label.text()
    files = list(folder.glob("*.rdrev"))
    assert files == [dlg.result_.path]
    assert [(d.decision, len(d.comments)) for d in wayback.review_decisions(round_.atmt, round_.atmt_rid)] == [("returned", 2)]

    win = _window(qtbot, round_.unit)
    _import(win, files, round_.passphrase)
    st = wayback.inbox_state_for_report(round_.unit, round_.rid)
    assert st.decision.decision == "returned" and st.decision.reason == REASON
    assert [(c.field, c.row, c.column) for c in st.comments] == [("ccn", 0, "dien_tich"), ("tt_so_su_kien", None, None)]


def test_comments_model(qtmodeltester, round_):
    form = round_.atmt.reports.form_of(round_.atmt.reports.get(round_.atmt_rid, with_answers=False))
    m = CommentsModel(form)
    m.add(wayback.parse_comment(form, "ccn/ccn/2/dien_tich", "Kiểm tra lại"))
    m.add(wayback.parse_comment(form, "tuyen_truyen/tt_so_su_kien", "Chưa khớp"))
    qtmodeltester.check(m)
    assert "dòng 2" in m.data(m.index(0, 0))
    m.remove(0)
    assert m.rowCount() == 1
    qtmodeltester.check(m)


def test_receipts_dialog_writes_each_once(qtbot, round_, tmp_path):
    folder = tmp_path / "Giấy biên nhận"
    dlg = ReceiptsDialog(round_.atmt, "2026", folder=folder)
    qtbot.addWidget(dlg)
    dlg.passphrase.setText(ATMT_PASS)
    dlg.write_button.click()
    assert len(dlg.result_.written) == 1 and dlg.results.count() == 1
    assert dlg.results.item(0).text().startswith("✓ SCT-01_bc-sct_2026_r1.rdrcpt")
    dlg.passphrase.setText(ATMT_PASS)
    dlg.write_button.click()
    assert dlg.result_.written == [] and dlg.summary.text() == "Không có lần gửi nào chưa lập giấy biên nhận."


def test_update_dialog_publishes_an_ad_hoc_period_the_unit_applies(qtbot, round_, tmp_path):
    cal = tmp_path / "lịch.yaml"
    cal.write_text(_ADHOC, encoding="utf-8")
    dlg = UpdateDialog(round_.atmt, folder=tmp_path / "Cập nhật")
    qtbot.addWidget(dlg)
    assert not dlg.publish_button.isEnabled()
    dlg.calendar.edit.setText(str(cal))
    dlg.passphrase.setText(ATMT_PASS)
    dlg.publish_button.click()
    assert dlg.result_ is not None and dlg.result_.sequence == 1, dlg.result_label.text()
    win = _window(qtbot, round_.unit)
    dlg2 = _import(win, [dlg.result_.path], round_.passphrase)
    assert dlg2.outcomes[0].outcome == "applied", dlg2.result_texts()
    assert round_.unit.calendar.get("2026-AH-nuoc-thai") is not None
    assert win.home.model.row_of("bc-sct", "2026-AH-nuoc-thai") >= 0


_ADHOC = """periods:
  - code: "2026-AH-nuoc-thai"
    kind: adhoc
    label: Kiểm tra đột xuất xử lý nước thải cụm công nghiệp 2026
    deadlines: {province: 2026-12-20}
"""


def test_a_newer_form_version_offers_the_move_and_names_what_is_dropped(qtbot, unit_ctx):
    from reportdesk.services import reports as svc

    src = (Path(__file__).resolve().parents[3] / "forms" / "bc-sct.v1.yaml").read_text(encoding="utf-8")
    lines = [ln for ln in src.splitlines() if "id: ccn_phoi_hop" not in ln]
    v2 = "\n".join(lines).replace("\nversion: 1\n", "\nversion: 2\n", 1) + "\n"
    r = svc.new_report(unit_ctx, "bc-sct", "2026")
    unit_ctx.reports.replace_answers(r.id, {"ccn_phoi_hop": "Phối hợp kiểm tra 3 cụm", "tt_so_su_kien": 4})
    (unit_ctx.data_dir / "forms").mkdir(exist_ok=True)
    (unit_ctx.data_dir / "forms" / "bc-sct.v2.yaml").write_text(v2, encoding="utf-8")
    unit_ctx.__dict__.pop("forms", None)
    win = _window(qtbot, unit_ctx)
    win.home.refresh(select=r.id)
    assert not win.home.btn_upgrade.isHidden() and "phiên bản 2" in win.home.atmt.text()
    asked: list[tuple[str, str]] = []
    win.confirm = lambda title, text, detail="": asked.append((text, detail)) or False
    win.home.btn_upgrade.click()
    assert asked and "ccn_phoi_hop" in asked[0][1]
    assert unit_ctx.reports.get(r.id, with_answers=False).form_version == 1   # said no: nothing changed
    win.confirm = lambda title, text, detail="": True
    win.home.btn_upgrade.click()
    after = unit_ctx.reports.get(r.id)
    assert after.form_version == 2 and after.answers["tt_so_su_kien"] == 4 and "ccn_phoi_hop" not in after.answers
    assert win.home.btn_upgrade.isHidden()


def test_an_acceptance_with_its_receipt_reads_received_and_accepted(qtbot, round_, tmp_path):
    dlg = ReviewDialog(round_.atmt, round_.atmt_rid, folder=tmp_path / "Kết quả")
    qtbot.addWidget(dlg)
    assert dlg.accept_radio.isChecked() and not dlg.comments_box.isEnabled()
    dlg.passphrase.setText(ATMT_PASS)
    dlg.write_button.click()
    assert dlg.result_.decision == "accepted" and not dlg.write_button.isEnabled()
    receipts = wayback.write_receipts(round_.atmt, "2026", tmp_path / "Giấy", ATMT_PASS).written
    win = _window(qtbot, round_.unit)
    _import(win, [dlg.result_.path, receipts[0].path], round_.passphrase)
    text, _ = _state_text(win, round_.rid)
    assert text.startswith("ATMT đã nhận lúc ") and text.endswith("; đã chấp nhận")


def test_only_files_from_atmt_are_taken_when_dragged(qtbot, unit_ctx, tmp_path):
    from PySide6.QtGui import QDragEnterEvent

    win = _window(qtbot, unit_ctx)
    for name, accepted in (("a.rdrcpt", True), ("b.rdupd", True), ("bao-cao.rdpkg", False), ("x.xlsx", False)):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        ev = QDragEnterEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier)
        ev.setAccepted(False)
        win.dragEnterEvent(ev)
        assert ev.isAccepted() == accepted, name
