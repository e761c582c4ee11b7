"""Renders every screen of the consolidation window (Cục ATMT) offscreen at 1366x768 into
docs/screenshots/atmt-*.png. A demo world in a temporary folder; a fresh consolidation store holding the
demo's key receives the units' packages through the window (signers registered beforehand, all but one).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/atmt_screenshots.py [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--units", type=int, default=14)
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    from reportdesk.app import AppContext
    from reportdesk.consolidate.imports import Consolidation
    from reportdesk.package.identity import cert_path, key_path
    from reportdesk.services.demo import build_demo, date_as_the_story_goes
    from reportdesk.services.setup import init_store
    from reportdesk.ui import app as uiapp
    from reportdesk.ui import i18n, operations
    from reportdesk.ui.consolidation import ConsolidationWindow

    qapp = uiapp.make_app()
    i18n.install("vi")
    operations.set_synchronous(True)
    tmp = Path(tempfile.mkdtemp(prefix="atmt-shots-"))
    try:
        demo = build_demo(tmp / "demo", units=args.units)
        atmt = tmp / "Kho tổng hợp"
        atmt.mkdir()
        for src, dst in ((key_path(demo.atmt), key_path(atmt)), (cert_path(demo.atmt), cert_path(atmt))):
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst)
        ctx = AppContext(atmt, interactive=False)
        init_store(ctx, "atmt", "CUC-ATMT")
        svc = Consolidation.from_ctx(ctx)
        units = sorted(p.name for p in (demo.root / "units").iterdir())
        for code in units[:-1]:  # every unit's certificate registered, but one: it waits for approval
            from cryptography import x509
            from cryptography.hazmat.primitives import serialization

            cert = x509.load_pem_x509_certificate(cert_path(demo.root / "units" / code).read_bytes())
            svc.add_signer(cert.public_bytes(serialization.Encoding.DER), code)
        svc.close()
        passphrase = demo.passphrase_file.read_text(encoding="utf-8").strip()
        w = ConsolidationWindow(ctx, passphrase=passphrase, open_files=False)
        w.resize(1366, 768)
        w.show()
        qapp.processEvents()

        def shot(name: str) -> None:
            qapp.processEvents()
            w.grab().save(str(out / f"atmt-{name}.png"))

        w.show_page("receive")
        w.receive.import_paths([str(demo.outbox)])
        shot("1-receive")
        # the packages arrive a few hours after their signing, as in the demo itself (they are imported
        # today, after the deadlines: the board would otherwise flag every one as received late)
        date_as_the_story_goes(ctx, random.Random(7), None)
        w.refresh_all()
        w.show_page("board")
        shot("2-board")
        b = w.board_data
        e = next(e for (u, f), e in b.cells.items() if f == "bc-sct" and e.superseded) if any(
            f == "bc-sct" and e.superseded for (u, f), e in b.cells.items()) else next(
            e for e in b.cells.values() if e.superseded)
        w.open_submission(e.unit_code, e.form_id)
        shot("3-submission")
        w.submission.tabs.setCurrentIndex(1)
        shot("3-diff")
        w.submission.tabs.setCurrentIndex(0)
        w.show_page("signers")
        pending = [fp for fp, s in w.signers.model.info.items() if s.state == "pending"]
        if pending:
            w.signers.select(pending[0])
        shot("4-signers")
        w.show_page("overview")
        shot("5-overview")
        w.show_page("publish")
        w.publish.assessment.setPlainText(
            "Năm 2026, các đơn vị thuộc Bộ, Sở Công Thương các tỉnh, thành phố và các Tập đoàn, Tổng công ty đã tích cực "
            "triển khai Kế hoạch thực hiện Chỉ thị số 20/CT-TTg; tỷ lệ cụm công nghiệp có hệ thống xử lý nước thải tập "
            "trung còn thấp, một số hệ thống vận hành chưa ổn định.")
        w.publish.proposals.setPlainText(
            "Đề nghị Lãnh đạo Bộ chỉ đạo các Sở Công Thương đôn đốc chủ đầu tư hạ tầng cụm công nghiệp đầu tư hệ thống "
            "xử lý nước thải tập trung.")
        w.publish.folder.edit.setText(str(tmp / "Kết quả"))
        w.publish.publish_btn.click()
        shot("6-publish")
        w.show_page("reminder")
        w.reminder.folder.edit.setText(str(tmp / "Kết quả"))
        w.reminder.write_btn.click()
        shot("7-reminder")
        w.show_page("calendar")
        shot("8-calendar")
        i18n.install("en")  # as «Tools › Settings» does: the window changes language at once
        for _ in range(3):
            qapp.processEvents()
        w.show_page("board")
        shot("2-board-english")
        i18n.install("vi")
        w.close()
        ctx.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
