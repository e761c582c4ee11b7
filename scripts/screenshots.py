"""Renders every screen of the desktop app offscreen at 1366x768 into docs/screenshots/*.png
(`make screenshots`). Real stores, real keys, real packages, in a temporary folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from shotkit import SCREEN_H, SCREEN_W, TITLE_H, Shots  # noqa: E402
PASSPHRASE = "mật-khẩu-ảnh-màn-hình-2026"
TODAY = dt.date(2026, 10, 20)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from cryptography.hazmat.primitives import serialization
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap

    from reportdesk.app import AppContext
    from reportdesk.consolidate.synthetic import answers_for
    from reportdesk.package import identity as ident
    from reportdesk.services import reports as svc
    from reportdesk.services import setup
    from reportdesk.ui import app as uiapp
    from reportdesk.ui import i18n, operations
    from reportdesk.ui.export_dialog import ExportDialog
    from reportdesk.ui.mainwindow import MainWindow
    from reportdesk.ui.settings_dialog import SettingsDialog
    from reportdesk.ui.wizard import SetupWizard

    qapp = uiapp.make_app()
    operations.set_synchronous(True)
    i18n.install("vi")

    shots = Shots(qapp, out, ROOT)
    settle, save, desktop, framed = shots.settle, shots.save, shots.desktop, shots.framed
    over = shots.over

    def window_shot(win) -> QPixmap:
        win.resize(SCREEN_W, SCREEN_H - TITLE_H)
        win.show()
        settle()
        return framed(win.grab(), win.windowTitle())

    with tempfile.TemporaryDirectory(prefix="reportdesk screens ") as tmp:
        tmp = Path(tmp)
        atmt = ident.generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt")
        cert_file = tmp / "Chứng thư Cục ATMT.pem"
        cert_file.write_bytes(atmt.cert.public_bytes(serialization.Encoding.PEM))

        # --- the wizard --------------------------------------------------------------------
        empty = AppContext(tmp / "Kho mới", interactive=False)
        wiz = SetupWizard(empty)
        wiz.resize(860, 600)
        wiz.show()
        save(over(desktop(), wiz, dim=False), "01-wizard-mode")
        wiz.next()
        wiz.unit_page.search.setText("dong")
        wiz.unit_page.select("SCT-75")
        save(over(desktop(), wiz, dim=False), "02-wizard-unit")
        wiz.next()
        wiz.identity_page.pass1.setText(PASSPHRASE)
        wiz.identity_page.pass2.setText(PASSPHRASE)
        save(over(desktop(), wiz, dim=False), "03-wizard-identity")
        wiz.next()
        wiz.recipient_page.path.setText(str(cert_file))
        wiz.recipient_page.path.editingFinished.emit()  # read once the typing is finished
        save(over(desktop(), wiz, dim=False), "04-wizard-recipient")
        wiz.next()
        save(over(desktop(), wiz, dim=False), "05-wizard-done")
        wiz.close()

        # --- a unit store with reports in every state ------------------------------------------
        data = tmp / "Dữ liệu Sở Công Thương"
        ctx = AppContext(data, interactive=False)
        setup.setup_unit(ctx, "SCT-01", PASSPHRASE)
        ident.pin_recipient(data, atmt.cert.public_bytes(serialization.Encoding.PEM))
        form = ctx.form("bc-sct")
        r25 = svc.new_report(ctx, "bc-sct", "2025")
        ctx.reports.replace_answers(r25.id, answers_for(form, "SCT-01", random.Random(25), year=2025))
        outbox = tmp / "Gói đã gửi"
        outbox.mkdir()
        svc.export_report(ctx, r25.id, outbox, PASSPHRASE)
        r26 = svc.new_report(ctx, "bc-sct", "2026")
        answers = answers_for(form, "SCT-01", random.Random(26))
        keep = list(answers)[: max(1, len(answers) * 2 // 3)]  # a report half done: errors remain
        ctx.reports.replace_answers(r26.id, {k: answers[k] for k in keep})

        win = MainWindow(ctx, open_files=False, today=TODAY)
        win.settings_dir = data
        win.home.select("bc-sct", "2026")
        home = window_shot(win)
        save(home, "06-home")

        win.open_report(r26.id)
        editor = window_shot(win)
        save(editor, "07-editor")
        win.go_home()
        win.home.select("bc-sct", "2026")
        home = window_shot(win)

        dlg = ExportDialog(ctx, r26.id, win, folder=outbox)
        dlg.resize(720, 560)
        dlg.show()
        save(over(home, dlg), "08-export-blocked")
        dlg.close()

        # the person finishes the 2026 report (the one selected on the home screen), then exports it
        done26 = answers_for(form, "SCT-01", random.Random(26))
        ctx.reports.replace_answers(r26.id, done26)
        from reportdesk.domain.explain import warning_key

        for w in svc.check_report(ctx, r26.id):
            if w.severity == "warning" and len(ctx.reports.get(r26.id).explanations) < 1:
                ctx.reports.set_explanation(r26.id, warning_key(w), "Số liệu đã đối chiếu với báo cáo quý.")
        win.home.report_changed(r26.id)
        win.home.select("bc-sct", "2026")
        home = window_shot(win)
        dlg = ExportDialog(ctx, r26.id, win, folder=outbox)
        dlg.show()
        dlg.folder.setText("/home/can-bo/Tài liệu/Gói báo cáo")  # what the person's own folder looks like
        dlg.confirm.setChecked(True)
        dlg.passphrase.setText(PASSPHRASE)
        dlg.resize(720, dlg.sizeHint().height())
        save(over(home, dlg), "09-export-ready")
        dlg.folder.setText(str(outbox))  # the package itself goes to the temporary folder
        dlg.start_export()
        settle()
        dlg.resize(720, dlg.sizeHint().height())
        save(over(home, dlg), "10-export-done")
        dlg.close()

        from reportdesk.ui.identity_dialog import IdentityDialog

        idd = IdentityDialog(ctx, win)
        idd.show()
        idd.resize(760, idd.sizeHint().height())
        save(over(window_shot(win), idd), "14-identity")
        idd.close()

        s = SettingsDialog(ctx, win, settings_dir=data)
        s.show()
        save(over(window_shot(win), s), "11-settings")
        s.language.setCurrentIndex(s.language.findData("en"))
        win.home.refresh(select=("bc-sct", "2026"))
        s.close()
        save(window_shot(win), "12-home-english")
        i18n.install("vi")

        demo = MainWindow(ctx, demo=True, demo_passphrase="demo-reportdesk-2026", open_files=False, today=TODAY)
        demo.home.select("bc-sct", "2026")
        save(window_shot(demo), "13-demo")
        demo.close()
        win.close()
        ctx.close()
        empty.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
