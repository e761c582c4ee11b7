"""The signing identity and the Cục ATMT certificate in the window: fingerprints in groups of four,
the certificate pinned only once the person confirms the fingerprint; export waits for it."""

from __future__ import annotations

import re

from reportdesk.package import identity as ident
from reportdesk.ui.export_dialog import ExportDialog
from reportdesk.ui.identity_dialog import IdentityDialog

FP = re.compile(r"([0-9a-f]{4} ){15}[0-9a-f]{4}")


def test_shows_the_units_fingerprint_and_the_pinned_recipient(qtbot, unit_ctx, atmt_identity):
    dlg = IdentityDialog(unit_ctx)
    qtbot.addWidget(dlg)
    assert dlg.fingerprint.text() == ident.format_fingerprint(ident.load_certificate(unit_ctx.data_dir))
    assert FP.fullmatch(dlg.fingerprint.text())
    assert ident.format_fingerprint(atmt_identity.cert) in dlg.recipients.text()


def test_export_waits_for_the_atmt_certificate_which_is_pinned_after_confirmation(
        qtbot, tmp_path, make_unit, atmt_cert_file, atmt_identity, passphrase):
    from reportdesk.app import AppContext
    from reportdesk.services import reports as svc

    d = make_unit(tmp_path / "Sở không chứng thư", with_recipient=False)
    ctx = AppContext(d, interactive=False)
    try:
        r = svc.new_report(ctx, "bc-sct", "2026")
        exp = ExportDialog(ctx, r.id)
        qtbot.addWidget(exp)
        exp.show()
        assert not exp.has_recipient and exp.no_recipient.isVisible()
        exp.passphrase.setText(passphrase)
        assert not exp.export_button.isEnabled()

        dlg = IdentityDialog(ctx)
        qtbot.addWidget(dlg)
        seen = []
        dlg.add_recipient(atmt_cert_file, confirm=lambda info: seen.append(info.fingerprint) or False)
        assert seen == [ident.format_fingerprint(atmt_identity.cert)]
        assert ident.load_recipients(d) == []          # not confirmed: nothing pinned
        dlg.add_recipient(atmt_cert_file, confirm=lambda info: True)
        assert [ident.format_fingerprint(c) for c in ident.load_recipients(d)] == seen
        assert seen[0] in dlg.recipients.text()
        exp.recheck()
        assert exp.has_recipient and not exp.no_recipient.isVisible()
    finally:
        ctx.close()


def test_the_dialog_reads_the_certificates_off_the_ui_thread(qtbot, unit_ctx, atmt_identity, sync_ops):
    sync_ops.set_synchronous(False)
    dlg = IdentityDialog(unit_ctx)
    qtbot.addWidget(dlg)
    assert dlg.subject.text() == "Đang đọc…" and dlg.fingerprint.text() == ""
    qtbot.waitUntil(lambda: dlg.fingerprint.text() != "", timeout=20000)
    assert dlg.fingerprint.text() == ident.format_fingerprint(ident.load_certificate(unit_ctx.data_dir))
    assert ident.format_fingerprint(atmt_identity.cert) in dlg.recipients.text()
    assert sync_ops.wait_all()


def test_a_file_that_is_no_certificate_is_refused_in_one_line(qtbot, unit_ctx, tmp_path, sync_ops):
    bad = tmp_path / "không phải chứng thư.pem"
    bad.write_text("xin chào", encoding="utf-8")
    before = ident.load_recipients(unit_ctx.data_dir)
    dlg = IdentityDialog(unit_ctx)
    qtbot.addWidget(dlg)
    asked = []
    with qtbot.waitSignal(sync_ops.bus.error_shown) as sig:
        dlg.add_recipient(bad, confirm=lambda info: asked.append(info) or True)
    assert not asked and "\n" not in sig.args[0] and sig.args[0]
    assert ident.load_recipients(unit_ctx.data_dir) == before


def test_the_consolidation_page_says_why_there_is_no_fingerprint(qtbot, empty_ctx):
    """Before: any failure to read the certificate was swallowed (`except Exception: pass`) and "—" shown."""
    from reportdesk.ui.mainwindow import AtmtPage

    page = AtmtPage(empty_ctx)
    qtbot.addWidget(page)
    assert page.fingerprint == "" and page.fingerprint_error
    assert page.fingerprint_error in page.label.text()
