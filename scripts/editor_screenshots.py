"""Screenshots of the form editor at 1366x768, offscreen, into docs/screenshots/editor-*.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/editor_screenshots.py

A real unit store (SCT-01, bc-sct) filled the way an officer would: the plan section, 60 industrial
clusters pasted from a spreadsheet (with a bad cell first: the preview), a warning explained.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT / "benchmarks"))


def main() -> None:
    from reportdesk.ui import app as uiapp

    app = uiapp.make_app()  # the app's font and style sheet
    from bench_gui_editor import excel_text

    from reportdesk.app import AppContext
    from reportdesk.domain.explain import warning_key
    from reportdesk.ui import operations
    from reportdesk.ui.editor import ReportEditor
    from reportdesk.ui.editor.paste import PasteDialog
    from reportdesk.ui.editor.pasteplan import plan_paste
    from reportdesk.ui.editor.problems import ExplainDialog

    operations.set_synchronous(True)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as d:
        ctx = AppContext(Path(d) / "Dữ liệu báo cáo", interactive=False)
        store = ctx.store(create=True)
        store.set_meta("mode", "unit")
        store.set_meta("unit_code", "SCT-01")
        repo = ctx.reports
        rid = repo.create("SCT-01", ctx.form("bc-sct"), "2026").id
        for fid, v in {
            "ke_hoach_trang_thai": "da_ban_hanh",
            "ke_hoach_van_ban": {"so_ky_hieu": "215/KH-UBND", "ngay": "2025-11-20",
                                 "trich_yeu": "Kế hoạch thực hiện Chương trình phát triển ngành công nghiệp môi trường"},
            "ke_hoach_co_quan": "ubnd_tinh",
            "ke_hoach_ket_qua": "Đã triển khai 03 mô hình sản xuất sạch hơn tại các cụm công nghiệp Phú Nghĩa, "
                                "Quất Động và Ngọc Hồi; hỗ trợ 12 doanh nghiệp đánh giá tiết kiệm năng lượng.",
            "tong_so_ccn": 72, "so_ccn_hoat_dong": 60,
            "ngay_chot_so_lieu": "2026-11-10",
        }.items():
            repo.set_field(rid, fid, v)

        ed = ReportEditor(ctx, rid)
        ed.resize(1366, 768)
        ed.show()
        app.processEvents()
        ed.grab().save(str(OUT / "editor-1-plan.png"))

        ed.show_section(1)
        te = ed.field_widget("ccn")
        text = excel_text(60)
        lines = text.split("\r\n")
        bad = lines[41].split("\t")
        bad[2] = "12 hecta"
        lines[41] = "\t".join(bad)
        plan = plan_paste(ed.form, te.table, te.model.rows(), "\r\n".join(lines), 0, 0)
        dlg = PasteDialog(plan, ed)
        dlg.resize(1100, 600)
        dlg.show()
        app.processEvents()
        dlg.grab().save(str(OUT / "editor-3-paste-preview.png"))
        dlg.reject()

        te.paste(text, preview=False)
        rows = [dict(r) for r in repo.get(rid).answers["ccn"]]
        rows[3]["luu_luong"] = 1400  # above its capacity: a warning
        rows[6]["dien_tich"] = 135.5  # a large cluster: a warning
        te.model.replace_rows(rows)
        ed.flush()
        warn = next(i for i in ed.problems() if i.rule == "luu-luong-vuot-cong-suat")
        ed.session.set_explanation(warning_key(warn), "Mùa mưa, nước mưa chảy tràn vào hệ thống thu gom; "
                                                      "đã có kế hoạch tách dòng nước mưa trong năm 2027.")
        ed.jump_to("ccn/ccn/7/dien_tich")
        app.processEvents()
        ed.grab().save(str(OUT / "editor-2-clusters.png"))

        page = ed.page(1)
        page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
        app.processEvents()
        ed.grab().save(str(OUT / "editor-4-computed.png"))

        other = next(i for i in ed.problems() if i.rule == "dien-tich-ccn")
        ex = ExplainDialog(ed.session, other, ed)
        ex.text.setPlainText("Cụm công nghiệp Ngọc Hồi được mở rộng theo Quyết định 1234/QĐ-UBND, tổng diện tích 135,5 ha.")
        ex.show()
        app.processEvents()
        ex.grab().save(str(OUT / "editor-5-explain.png"))
        ex.reject()

        ed.show_section(6)
        app.processEvents()
        ed.grab().save(str(OUT / "editor-6-officer.png"))
        ed.close()

        from reportdesk.ui import i18n

        i18n.install("en")
        en = ReportEditor(ctx, rid)
        en.resize(1366, 768)
        en.show()
        en.jump_to("ccn/ccn/4/luu_luong")
        app.processEvents()
        en.grab().save(str(OUT / "editor-7-english.png"))
        en.close()
        i18n.install("vi")
        ctx.close()
    print("\n".join(str(p) for p in sorted(OUT.glob("editor-*.png"))))


if __name__ == "__main__":
    main()
