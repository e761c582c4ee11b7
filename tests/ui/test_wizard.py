"""First start: the set-up wizard makes a real unit store with a real key, pins the Cục ATMT
certificate after showing its fingerprint in groups of four; the unit search is tone-insensitive."""

from __future__ import annotations

import re

from PySide6.QtWidgets import QWizard

from reportdesk.package import identity as ident
from reportdesk.ui.wizard import PAGE_IDENTITY, PAGE_RECIPIENT, PAGE_RUN, PAGE_UNIT, SetupWizard, UnitListModel

PASS = "mật khẩu rất dài 2026"


def test_unit_list_model_passes_the_model_tester(qtmodeltester, empty_ctx):
    model = UnitListModel(empty_ctx.units.all())
    qtmodeltester.check(model, force_py=True)
    model.set_filter("dong")
    qtmodeltester.check(model, force_py=True)


def test_unit_search_ignores_tones_and_case(empty_ctx):
    model = UnitListModel(empty_ctx.units.all())
    names = lambda: [model.unit(i).name for i in range(model.rowCount())]  # noqa: E731
    model.set_filter("khanh hoa")
    assert names() == ["Sở Công Thương Khánh Hòa"]
    model.set_filter("KHÁNH HOÀ")
    assert names() == ["Sở Công Thương Khánh Hòa"]
    model.set_filter("dong")
    assert set(names()) >= {"Sở Công Thương Đồng Nai", "Sở Công Thương Đồng Tháp", "Sở Công Thương Lâm Đồng"}
    model.set_filter("habeco")
    assert [model.unit(i).code for i in range(model.rowCount())] == ["TCT-HABECO"]
    model.set_filter("")
    assert "CUC-ATMT" not in {model.unit(i).code for i in range(model.rowCount())}


def test_the_wizard_sets_up_a_unit_store(qtbot, empty_ctx, atmt_cert_file, atmt_identity):
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    assert w.button(QWizard.WizardButton.NextButton).text().replace("&", "").startswith("Tiếp")
    w.next()
    assert w.currentId() == PAGE_UNIT
    assert not w.currentPage().isComplete()
    qtbot.keyClicks(w.unit_page.search, "ha noi")
    w.unit_page.select("SCT-01")
    assert w.unit_page.isComplete()
    w.next()
    assert w.currentId() == PAGE_IDENTITY
    page = w.identity_page
    page.pass1.setText("ngắn")
    assert page.hint.text() and not page.isComplete()
    page.pass1.setText(PASS)
    page.pass2.setText(PASS + "x")
    assert not page.isComplete() and "chưa khớp" in page.match.text()
    page.pass2.setText(PASS)
    assert page.isComplete()
    w.next()
    assert w.currentId() == PAGE_RECIPIENT
    w.recipient_page.path.setText(str(atmt_cert_file))
    w.recipient_page.path.editingFinished.emit()  # Enter / Tab / leaving the field
    fp = w.recipient_page.fingerprint.text()
    assert re.fullmatch(r"([0-9a-f]{4} ){15}[0-9a-f]{4}", fp)
    assert fp == ident.format_fingerprint(atmt_identity.cert)
    w.next()
    assert w.currentId() == PAGE_RUN
    assert w.run_page.isComplete(), w.run_page.status.text()
    assert "SCT-01" in w.summary and fp in w.summary
    w.accept()
    assert empty_ctx.store_exists and empty_ctx.mode == "unit" and empty_ctx.unit_code == "SCT-01"
    assert ident.load_identity(empty_ctx.data_dir, PASS).cert is not None
    assert [ident.format_fingerprint(c) for c in ident.load_recipients(empty_ctx.data_dir)] == [fp]
    assert b"ENCRYPTED PRIVATE KEY" in ident.key_path(empty_ctx.data_dir).read_bytes()


def test_a_bad_certificate_file_is_refused_before_anything_is_made(qtbot, empty_ctx, tmp_path):
    bad = tmp_path / "không phải chứng thư.pem"
    bad.write_text("xin chào", encoding="utf-8")
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    w.recipient_page.path.setText(str(bad))
    w.recipient_page.path.editingFinished.emit()  # Enter / Tab / leaving the field
    assert not w.recipient_page.isComplete()
    assert w.recipient_page.info.text()
    assert not empty_ctx.store_exists


def test_consolidation_mode_makes_the_atmt_store(qtbot, empty_ctx):
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.mode_page.atmt.setChecked(True)
    w.next()
    assert w.currentId() == PAGE_IDENTITY
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    assert w.currentId() == PAGE_RUN and w.run_page.isComplete(), w.run_page.status.text()
    assert empty_ctx.mode == "atmt" and empty_ctx.unit_code == "CUC-ATMT"


def test_try_with_demo_data_opens_a_window_marked_demo(qtbot, empty_ctx):
    from reportdesk.ui import app as uiapp

    def drive(w) -> bool:
        w.demo_units = 3
        w.show()
        w.mode_page.demo.setChecked(True)
        w.next()
        assert w.currentId() == PAGE_RUN and w.run_page.isComplete(), w.run_page.status.text()
        w.accept()
        return True

    win = uiapp.open_main_window(empty_ctx, open_files=False, wizard_runner=drive)
    qtbot.addWidget(win)
    assert win.demo and win.windowTitle().startswith("[DEMO]")
    assert win.ctx.mode == "unit" and win.ctx.data_dir.parent.name == "units"
    assert win.demo_passphrase and win.demo_passphrase in win.banner.text()
    assert not empty_ctx.store_exists  # the person's own data dir stays empty: demo is apart
    # next start opens the demo again, without the wizard
    again = uiapp.open_main_window(empty_ctx, open_files=False, wizard_runner=lambda w: False)
    qtbot.addWidget(again)
    assert again is not None and again.demo and again.ctx.data_dir == win.ctx.data_dir


def test_the_wizard_imports_a_ca_issued_p12(qtbot, empty_ctx, ui_identities, tmp_path, atmt_cert_file):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    issued = ui_identities["SCT-01"]
    p12 = tmp_path / "Chứng thư số CA" / "sở công thương.p12"
    p12.parent.mkdir()
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"sct", issued.key, issued.cert, None,
                                                          BestAvailableEncryption(b"mat-khau-tep-p12")))
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.imp.setChecked(True)
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    assert not w.identity_page.isComplete()  # the file is still missing
    w.identity_page.p12.setText(str(p12))
    w.identity_page.p12_password.setText("mat-khau-tep-p12")
    assert w.identity_page.isComplete()
    w.next()
    w.recipient_page.path.setText(str(atmt_cert_file))
    w.recipient_page.path.editingFinished.emit()  # Enter / Tab / leaving the field
    w.next()
    assert w.run_page.isComplete(), w.run_page.status.text()
    stored = ident.load_identity(empty_ctx.data_dir, PASS)
    assert ident.fingerprint(stored.cert) == ident.fingerprint(issued.cert)
    assert ident.format_fingerprint(issued.cert) in w.summary


def test_a_wrong_p12_password_lets_the_person_go_back_and_correct(qtbot, empty_ctx, ui_identities, tmp_path):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    issued = ui_identities["SCT-01"]
    p12 = tmp_path / "khóa.p12"
    p12.write_bytes(pkcs12.serialize_key_and_certificates(b"sct", issued.key, issued.cert, None,
                                                          BestAvailableEncryption(b"dung")))
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.imp.setChecked(True)
    w.identity_page.p12.setText(str(p12))
    w.identity_page.p12_password.setText("sai")
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    w.next()  # no certificate yet: allowed
    assert w.currentId() == PAGE_RUN and not w.run_page.isComplete()
    assert w.run_page.status.text() and w.run_page.retry.isVisible()
    assert not empty_ctx.store_exists and not ident.has_identity(empty_ctx.data_dir)
    assert w.button(QWizard.WizardButton.BackButton).isVisible()
    w.back()
    w.back()
    assert w.currentId() == PAGE_IDENTITY
    w.identity_page.p12_password.setText("dung")
    w.next()
    w.next()
    assert w.run_page.isComplete(), w.run_page.status.text()
    assert empty_ctx.store_exists and ident.fingerprint(ident.load_certificate(empty_ctx.data_dir)) == ident.fingerprint(issued.cert)


def test_keyboard_only_wizard_search_and_enter(qtbot, empty_ctx):
    from PySide6.QtCore import Qt

    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    qtbot.keyClick(w.focusWidget() or w, Qt.Key.Key_Return)   # «Tiếp >» with the unit mode chosen
    assert w.currentId() == PAGE_UNIT
    w.unit_page.search.setFocus()
    qtbot.keyClicks(w.unit_page.search, "khanh hoa")          # one unit left: selected
    assert w.unit_page.selected_code() == "SCT-56"
    qtbot.keyClick(w.unit_page.search, Qt.Key.Key_Return)
    assert w.currentId() == PAGE_IDENTITY


def test_the_certificate_is_read_when_typing_is_finished_not_on_every_keystroke(qtbot, empty_ctx, atmt_cert_file,
                                                                                 atmt_identity, sync_ops):
    """Typing a path reads nothing (before: the file was read on every keystroke, on the UI thread);
    Enter reads it in a background QueryOp and shows its fingerprint."""
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    page = w.recipient_page
    full = str(atmt_cert_file)
    reads = []
    from reportdesk.services import identity as sid

    real = sid.read_certificate
    sid.read_certificate = lambda p: reads.append(str(p)) or real(p)
    try:
        for n in range(1, len(full)):  # typed one character at a time, the last one still missing
            page.path.setText(full[:n])
        assert reads == [], "a path still being typed is never read"
        assert page.fingerprint.text() == "" and page.info.text() == "" and not page.isComplete()
        page.path.setText(full[:-1] + "x")  # a typo: no such file
        page.path.editingFinished.emit()  # Enter: now it says why
        assert page.info.text().startswith("Không tìm thấy tệp") and not page.isComplete()
    finally:
        sid.read_certificate = real
    sync_ops.set_synchronous(False)
    page.path.setText(full)
    page.path.editingFinished.emit()
    assert page.info.text() == "Đang đọc chứng thư…" and not page.isComplete()
    qtbot.waitUntil(lambda: page.fingerprint.text() != "", timeout=20000)
    assert page.fingerprint.text() == ident.format_fingerprint(atmt_identity.cert) and page.isComplete()
    page.path.setText(full + "x")  # edited again: what was read no longer applies
    assert page.fingerprint.text() == "" and not page.isComplete()
    assert sync_ops.wait_all()


def test_the_setup_uses_what_was_chosen_when_it_started(qtbot, empty_ctx, sync_ops):
    """The worker thread touches no widget: the values are captured when the run page starts (before:
    run_setup read the line edits and the unit list from the worker thread, whenever it got to them)."""
    import threading

    from reportdesk.ui import operations as ops

    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    assert w.currentId() == PAGE_RECIPIENT
    sync_ops.set_synchronous(False)
    gate = threading.Event()
    ops.WriteOp(None, lambda t: gate.wait(20), kind="hold").run_in_background()  # writes run one at a time
    w.next()  # the setup is queued behind the held write
    assert w.currentId() == PAGE_RUN and w.run_page.running
    w.unit_page.select("SCT-02")  # changed (say, by a stray click) while the setup waits
    w.identity_page.pass1.setText("khác hẳn mật khẩu cũ")
    gate.set()
    qtbot.waitUntil(lambda: w.run_page.done or w.error is not None, timeout=60000)
    assert sync_ops.wait_all()
    assert w.run_page.done, w.run_page.status.text()
    assert empty_ctx.unit_code == "SCT-01" and w.result.unit_code == "SCT-01"
    assert ident.load_identity(empty_ctx.data_dir, PASS).cert is not None


def _p12_of(identity, path, password: bytes):
    from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, pkcs12

    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pkcs12.serialize_key_and_certificates(b"k", identity.key, identity.cert, None,
                                                           BestAvailableEncryption(password)))
    return path


def _to_run_with_p12(w, unit: str, p12, password: str, recipient=None) -> None:
    w.show()
    w.next()
    w.unit_page.select(unit)
    w.next()
    w.identity_page.imp.setChecked(True)
    w.identity_page.p12.setText(str(p12))
    w.identity_page.p12_password.setText(password)
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    if recipient is not None:
        w.recipient_page.path.setText(str(recipient))
        w.recipient_page.path.editingFinished.emit()
    w.next()
    assert w.currentId() == PAGE_RUN


def test_another_units_p12_is_refused_and_nothing_is_made(qtbot, empty_ctx, tmp_path):
    """Before: the wizard imported SCT-02's key and certificate into SCT-01's store."""
    import datetime as dt

    other = ident.generate_identity("SCT-02", "Sở Công Thương Hà Giang", "unit",
                                    now=dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1))
    p12 = _p12_of(other, tmp_path / "khóa SCT-02.p12", b"mat-khau-p12")
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    _to_run_with_p12(w, "SCT-01", p12, "mat-khau-p12")
    assert not w.run_page.isComplete()
    assert w.run_page.status.text() == "Chứng thư này của đơn vị SCT-02, không phải của SCT-01."
    assert not empty_ctx.store_exists and not ident.has_identity(empty_ctx.data_dir)
    assert not ident.key_path(empty_ctx.data_dir).exists()


def test_a_retry_after_a_later_failure_reuses_the_key_it_imported(qtbot, empty_ctx, ui_identities, tmp_path,
                                                                   atmt_cert_file):
    """The key is imported, then the Cục ATMT certificate is gone (USB stick pulled out): «Thử lại» once it
    is back finishes the set-up (before: "đã có định danh ký số; dùng --replace để thay")."""
    issued = ui_identities["SCT-01"]
    p12 = _p12_of(issued, tmp_path / "CA" / "sở.p12", b"mat-khau-p12")
    w = SetupWizard(empty_ctx)
    qtbot.addWidget(w)
    w.show()
    saved = atmt_cert_file.read_bytes()
    # the certificate is previewed, then removed before the run page writes it
    w.next()
    w.unit_page.select("SCT-01")
    w.next()
    w.identity_page.imp.setChecked(True)
    w.identity_page.p12.setText(str(p12))
    w.identity_page.p12_password.setText("mat-khau-p12")
    w.identity_page.pass1.setText(PASS)
    w.identity_page.pass2.setText(PASS)
    w.next()
    w.recipient_page.path.setText(str(atmt_cert_file))
    w.recipient_page.path.editingFinished.emit()
    assert w.recipient_page.isComplete()
    atmt_cert_file.unlink()
    w.next()
    assert not w.run_page.isComplete() and w.run_page.retry.isVisible()
    assert ident.has_identity(empty_ctx.data_dir)  # imported before the failure
    atmt_cert_file.write_bytes(saved)
    w.run_page.retry.click()
    assert w.run_page.isComplete(), w.run_page.status.text()
    assert ident.fingerprint(ident.load_identity(empty_ctx.data_dir, PASS).cert) == ident.fingerprint(issued.cert)
    assert empty_ctx.store_exists and empty_ctx.unit_code == "SCT-01"
    assert len(ident.load_recipients(empty_ctx.data_dir)) == 1
