"""Renders the way-back screens (issue 11) offscreen at 1366x768 into docs/screenshots/wayback-*.png.
Real stores (a unit and Cục ATMT), real keys, real signed files, in a temporary folder.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/wayback_screenshots.py [--out docs/screenshots]
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
TODAY = dt.date(2026, 11, 20)
ADHOC = """periods:
  - code: "2026-AH-nuoc-thai"
    kind: adhoc
    label: Kiểm tra đột xuất xử lý nước thải cụm công nghiệp 2026
    deadlines: {province: 2026-12-20}
"""


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtGui import QColor, QPainter, QPixmap
    from sqlalchemy import select

    from reportdesk.app import AppContext
    from reportdesk.consolidate.imports import Consolidation
    from reportdesk.consolidate.synthetic import answers_for
    from reportdesk.package import identity as ident
    from reportdesk.package.messages import make_message
    from reportdesk.services import reports as svc
    from reportdesk.services import setup, wayback
    from reportdesk.store.consolidation import Receipt
    from reportdesk.ui import app as uiapp
    from reportdesk.ui import i18n, operations
    from reportdesk.ui.mainwindow import MainWindow
    from reportdesk.ui.wayback import InboxDialog, ReceiptsDialog, ReviewDialog, UpdateDialog

    qapp = uiapp.make_app()
    operations.set_synchronous(True)
    i18n.install("vi")

    shots = Shots(qapp, out, ROOT)
    settle, save, desktop, framed = shots.settle, shots.save, shots.desktop, shots.framed

    def over(base: QPixmap, widget, dim: bool = True) -> QPixmap:
        widget.show()
        return shots.over(base, widget, dim)

    def window_shot(win) -> QPixmap:
        win.resize(SCREEN_W, SCREEN_H - TITLE_H)
        win.show()
        settle()
        return framed(win.grab(), win.windowTitle())

    with tempfile.TemporaryDirectory(prefix="reportdesk wayback ") as tmp:
        tmp = Path(tmp)
        files = tmp / "Thư qua lại"
        files.mkdir()
        # --- Cục ATMT and a unit -----------------------------------------------------------
        actx = AppContext(tmp / "Kho Cục ATMT", interactive=False)
        setup.setup_atmt(actx, PASSPHRASE)
        ctx = AppContext(tmp / "Dữ liệu Sở Công Thương", interactive=False)
        setup.setup_unit(ctx, "SCT-01", PASSPHRASE)
        ident.pin_recipient(ctx.data_dir, ident.cert_path(actx.data_dir).read_bytes())
        form = ctx.form("bc-sct")

        def send(rid: int) -> int:
            res = svc.export_report(ctx, rid, str(files) + "/", PASSPHRASE)
            c = Consolidation.from_ctx(actx)
            try:
                c.import_paths([res.path], PASSPHRASE)
                for sg in c.signers():
                    if sg.state == "pending":
                        c.approve(sg.fingerprint)
            finally:
                c.close()
            with actx.store().read_session() as s:
                return s.scalar(select(Receipt.report_id).where(Receipt.package_id == res.manifest["package_id"]))

        r25 = svc.new_report(ctx, "bc-sct", "2025")
        ctx.reports.replace_answers(r25.id, answers_for(form, "SCT-01", random.Random(25), year=2025))
        send(r25.id)
        receipts = wayback.write_receipts(actx, "2025", files, PASSPHRASE).written
        r26 = svc.new_report(ctx, "bc-sct", "2026")
        ctx.reports.replace_answers(r26.id, answers_for(form, "SCT-01", random.Random(26)))
        a26 = send(r26.id)

        # --- ATMT: the review dialog, filled in --------------------------------------------
        rv = ReviewDialog(actx, a26, folder=files)
        rv.resize(900, 640)
        rv.return_radio.setChecked(True)
        rv.reason.setText("Thiếu số liệu cụm công nghiệp; số sự kiện tuyên truyền chưa khớp báo cáo quý")
        rv.select_place("ccn", 1, "dien_tich")
        rv.comment_text.setText("Diện tích cần ghi theo quyết định thành lập cụm (ha)")
        rv.add_comment()
        rv.select_place("tt_so_su_kien")
        rv.comment_text.setText("Số sự kiện chưa khớp với báo cáo quý III đã gửi")
        rv.add_comment()
        rv.select_place("ccn", 2)
        rv.passphrase.setText(PASSPHRASE)
        save(over(desktop(), rv, dim=False), "wayback-4-review")
        rv.write_button.click()
        ret = rv.result_.path
        forged_body = dict(receipts[0].body)
        me = ident.load_identity(ctx.data_dir, PASSPHRASE)
        forged = files / "giấy biên nhận giả.rdrcpt"
        forged.write_bytes(make_message("receipt", forged_body, signer_key=me.key, signer_cert=me.cert,
                                        recipient_certs=[me.cert], unit_code="SCT-01").data)

        # --- the unit: drop the files, see the outcome -------------------------------------
        win = MainWindow(ctx, open_files=False, today=TODAY)
        win.home.refresh(select=r26.id)
        base = window_shot(win)
        dlg = InboxDialog(ctx, [receipts[0].path, ret, forged], win)
        dlg.resize(760, 400)
        dlg.passphrase.setText(PASSPHRASE)
        save(over(base, dlg), "wayback-3-inbox-before")
        dlg.import_button.click()
        save(over(base, dlg), "wayback-3-inbox-result")
        dlg.close()
        win.home.refresh(select=r26.id)
        save(window_shot(win), "wayback-1-home-returned")
        win.home.refresh(select=r25.id)
        save(window_shot(win), "wayback-1-home-received")
        ed = win.open_report(r26.id)
        settle()
        panel = ed.problems_panel
        panel.view.setCurrentIndex(panel.model.index(0))
        panel.view.clicked.emit(panel.model.index(0))
        save(window_shot(win), "wayback-2-editor-comments")
        win.go_home()

        # --- ATMT: receipts and an update --------------------------------------------------
        rc = ReceiptsDialog(actx, "2026", folder=files / "Giấy biên nhận")
        rc.resize(820, 460)
        rc.passphrase.setText(PASSPHRASE)
        rc.write_button.click()
        save(over(desktop(), rc, dim=False), "wayback-5-receipts")
        cal = tmp / "lịch đột xuất.yaml"
        cal.write_text(ADHOC, encoding="utf-8")
        up = UpdateDialog(actx, folder=files)
        up.resize(820, 520)
        v1 = (ROOT / "forms" / "bc-sct.v1.yaml").read_text(encoding="utf-8")
        v2 = "\n".join(ln for ln in v1.splitlines() if "id: ccn_phoi_hop" not in ln).replace(
            "\nversion: 1\n", "\nversion: 2\n", 1) + "\n"
        (tmp / "bc-sct.v2.yaml").write_text(v2, encoding="utf-8")
        up.add_forms([tmp / "bc-sct.v2.yaml"])
        up.calendar.edit.setText(str(cal))
        up.passphrase.setText(PASSPHRASE)
        up.publish_button.click()
        save(over(desktop(), up, dim=False), "wayback-6-update")
        # --- the unit applies the update: the 2026 report may move to version 2 ------------------
        dlg = InboxDialog(ctx, [up.result_.path], win)
        dlg.passphrase.setText(PASSPHRASE)
        dlg.import_button.click()
        dlg.close()
        win.home.refresh(select=r26.id)
        save(window_shot(win), "wayback-7-home-update")
        win.close()
        ctx.close()
        actx.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
