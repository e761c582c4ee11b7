"""The main window: opens on home for a set-up unit store, fits 1366x768, keyboard shortcuts, the
language switch, the command line's start-up never importing Qt."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from reportdesk.ui import i18n
from reportdesk.ui.mainwindow import MainWindow

TODAY = dt.date(2026, 11, 1)


def make_window(qtbot, ctx, **kw):
    w = MainWindow(ctx, open_files=False, today=TODAY, **kw)
    qtbot.addWidget(w)
    w.show()
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=3000)
    return w


def test_opens_on_home_and_fits_a_1366x768_screen(qtbot, unit_ctx):
    w = make_window(qtbot, unit_ctx)
    assert w.stack.currentWidget() is w.home
    assert w.width() <= 1366 and w.height() <= 768 - 40
    assert "Sở Công Thương Hà Nội" in w.windowTitle()
    assert w.home.model.rowCount() > 0
    assert "DEMO" not in w.windowTitle()


def test_a_demo_store_says_so_in_the_title_bar(qtbot, unit_ctx):
    w = make_window(qtbot, unit_ctx, demo=True, demo_passphrase="demo-pass")
    assert w.windowTitle().startswith("[DEMO]")
    assert w.banner.isVisible() and "demo-pass" in w.banner.text()


def test_ctrl_s_says_everything_is_already_saved(qtbot, unit_ctx):
    w = make_window(qtbot, unit_ctx)
    qtbot.keyClick(w.home.view, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Đã tự lưu" in w.statusBar().currentMessage()


def test_switching_to_english_changes_the_window_texts(qtbot, unit_ctx):
    from reportdesk.ui.settings_dialog import SettingsDialog

    i18n.install("vi")
    w = make_window(qtbot, unit_ctx)
    try:
        assert w.menu_file.title() == "&Tệp"
        assert w.home.btn_create.text() == "&Lập báo cáo"
        header_vi = w.home.model.headerData(0, Qt.Orientation.Horizontal)
        dlg = SettingsDialog(unit_ctx, w)
        qtbot.addWidget(dlg)
        dlg.language.setCurrentIndex(dlg.language.findData("en"))
        assert w.menu_file.title() == "&File"
        assert w.home.btn_create.text() == "&New report"
        assert w.home.model.headerData(0, Qt.Orientation.Horizontal) != header_vi
        assert i18n.saved_language(unit_ctx.data_dir) == "en"
        dlg.language.setCurrentIndex(dlg.language.findData("vi"))
        assert w.menu_file.title() == "&Tệp"
    finally:
        i18n.install("vi")


def test_every_button_has_a_mnemonic(qtbot, unit_ctx):
    w = make_window(qtbot, unit_ctx)
    for b in w.home.findChildren(QPushButton):
        assert "&" in b.text(), b.text()


def test_headless_commands_never_import_qt(tmp_path):
    code = ("import sys; from reportdesk.cli import main; main(['forms', 'list']); "
            "print('QT' if any(m.startswith('PySide6') for m in sys.modules) else 'NOQT')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                         env={"REPORTDESK_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert out.stdout.strip().splitlines()[-1] == "NOQT"


def test_reportdesk_without_arguments_opens_the_window(unit_dir):
    """`reportdesk` (no command) and `reportdesk gui` start the desktop app on a set-up store."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "REPORTDESK_GUI_SMOKE": "1"}
    for args in ([], ["gui"]):
        out = subprocess.run([sys.executable, "-m", "reportdesk", *args, "--data-dir", str(unit_dir)],
                             capture_output=True, text=True, timeout=120, env=env)
        assert out.returncode == 0, out.stderr
        assert "Usage" not in out.stdout and "usage" not in out.stdout


def _report_with_answers(ctx):
    import random

    from reportdesk.consolidate.synthetic import answers_for
    from reportdesk.services import reports as svc

    r = svc.new_report(ctx, "bc-sct", "2026")
    ctx.reports.replace_answers(r.id, answers_for(ctx.form("bc-sct"), "SCT-01", random.Random(5)))
    return r.id


def test_print_writes_the_word_document_and_opens_it(qtbot, unit_ctx):
    import zipfile

    rid = _report_with_answers(unit_ctx)
    w = make_window(qtbot, unit_ctx)
    w.home.refresh(select=rid)
    qtbot.keyClick(w.home.view, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert len(w.opened) == 1
    doc = w.opened[0]
    assert doc.suffix == ".docx" and doc.exists() and doc.parent == unit_ctx.data_dir / "documents"
    with zipfile.ZipFile(doc) as z:
        assert "Hà Nội" in z.read("word/document.xml").decode("utf-8")


def test_template_and_fill_from_a_filled_workbook(qtbot, unit_ctx, tmp_path, monkeypatch):
    from reportdesk.services import reports as svc

    rid = _report_with_answers(unit_ctx)
    filled = tmp_path / "Bảng đã điền" / "báo cáo 2026.xlsx"
    filled.parent.mkdir()
    svc.write_xlsx(unit_ctx, rid, filled)
    original = unit_ctx.reports.get(rid).answers
    unit_ctx.reports.set_field(rid, "tong_so_ccn", 999)

    w = make_window(qtbot, unit_ctx)
    w.home.refresh(select=rid)
    template = tmp_path / "Mẫu Excel" / "mẫu bc-sct.xlsx"
    template.parent.mkdir()
    monkeypatch.setattr(w, "ask_save_path", lambda *a: template)
    w.home.btn_template.click()
    assert template.exists() and template.stat().st_size > 0

    monkeypatch.setattr(w, "ask_open_path", lambda *a: filled)
    w.home.btn_fill.click()
    assert unit_ctx.reports.get(rid).answers == original
    assert "Đã điền" in w.statusBar().currentMessage()


def test_a_refused_workbook_leaves_the_report_as_it_was(qtbot, unit_ctx, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    rid = _report_with_answers(unit_ctx)
    before = unit_ctx.reports.get(rid).answers
    bad = tmp_path / "không phải excel.xlsx"
    bad.write_text("xin chào", encoding="utf-8")
    w = make_window(qtbot, unit_ctx)
    w.home.refresh(select=rid)
    monkeypatch.setattr(w, "ask_open_path", lambda *a: bad)
    w.home.btn_fill.click()
    box = w.findChild(QMessageBox, "operationError")
    assert box is not None and box.text()
    assert unit_ctx.reports.get(rid).answers == before


def test_without_a_screen_the_app_says_so_in_one_line(unit_dir):
    import os

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    out = subprocess.run([sys.executable, "-m", "reportdesk", "--data-dir", str(unit_dir)], capture_output=True,
                         text=True, timeout=120, env=env)
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == ["Không có màn hình để mở ứng dụng; các lệnh dòng lệnh: reportdesk --help."]


def _mnemonic(text: str) -> str | None:
    i = text.replace("&&", "").find("&")
    return text.replace("&&", "")[i + 1].lower() if i >= 0 else None


def test_mnemonics_of_the_home_screen_are_unique_in_both_languages(qtbot, unit_ctx):
    from reportdesk.ui.settings_dialog import set_language

    w = make_window(qtbot, unit_ctx)
    try:
        for lang in ("vi", "en"):
            set_language(lang, unit_ctx.data_dir)
            texts = [m.title() for m in (w.menu_file, w.menu_tools, w.menu_help)]
            texts += [b.text() for b in w.home.findChildren(QPushButton)] + [w.home.show_past.text()]
            keys = [_mnemonic(t) for t in texts]
            assert None not in keys, texts
            assert len(set(keys)) == len(keys), (lang, texts)
    finally:
        set_language("vi", unit_ctx.data_dir)


def test_a_consolidation_store_opens_on_its_page_with_the_fingerprint(qtbot, atmt_dir, atmt_identity):
    from PySide6.QtWidgets import QLabel

    from reportdesk.app import AppContext
    from reportdesk.package import identity as ident
    from reportdesk.services.setup import init_store

    ctx = AppContext(atmt_dir, interactive=False)
    try:
        init_store(ctx, "atmt", "CUC-ATMT")
        w = MainWindow(ctx, open_files=False)
        qtbot.addWidget(w)
        assert w.home is None and not w.act_new.isEnabled() and not w.act_export.isEnabled()
        texts = " ".join(lbl.text() for lbl in w.findChildren(QLabel))
        assert ident.format_fingerprint(atmt_identity.cert) in texts
    finally:
        ctx.close()


HIGH_DPI_SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from reportdesk.app import AppContext
from reportdesk.ui.mainwindow import MainWindow
from reportdesk.ui.wizard import SetupWizard
app = QApplication([])
room = app.primaryScreen().availableGeometry()
print("screen", room.width(), room.height())
ctx = AppContext(sys.argv[1], interactive=False)
w = MainWindow(ctx, open_files=False)
w.show()
app.processEvents()
print("window", w.width(), w.height())
empty = AppContext(sys.argv[2], interactive=False)
wiz = SetupWizard(empty)
wiz.show()
app.processEvents()
print("wizard", wiz.width(), wiz.height())
from reportdesk.services import reports as svc
from reportdesk.ui import operations
from reportdesk.ui.export_dialog import ExportDialog
from reportdesk.ui.identity_dialog import IdentityDialog
operations.set_synchronous(True)
r = svc.new_report(ctx, "bc-sct", "2026")  # empty: every error listed
exp = ExportDialog(ctx, r.id, w)
exp.show()
app.processEvents()
print("export", exp.width(), exp.height())
idd = IdentityDialog(ctx, w)
idd.show()
app.processEvents()
print("identity", idd.width(), idd.height())
sys.stdout.flush()
import os
os._exit(0)
"""


def test_window_and_wizard_fit_a_1366x768_screen_at_150_percent(unit_dir, tmp_path):
    """QT_SCALE_FACTOR=1.5 on a 1366x768 screen leaves 911x512 logical pixels: the main window (1280x720
    before) and the wizard (760x560 before) are clamped to it."""
    import json
    import os
    import subprocess
    import sys

    screens = tmp_path / "screen.json"
    screens.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
                                                "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_SCALE_FACTOR="1.5", QT_QPA_PLATFORM=f"offscreen:configfile={screens}")
    p = subprocess.run([sys.executable, "-c", HIGH_DPI_SCRIPT, str(unit_dir), str(tmp_path / "trống")],
                       capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    sizes = {line.split()[0]: tuple(map(int, line.split()[1:])) for line in p.stdout.splitlines() if line.strip()}
    assert "wizard" in sizes, p.stdout + p.stderr
    sw, sh = sizes["screen"]
    assert (sw, sh) == (911, 512)
    for name in ("window", "wizard", "export", "identity"):
        w, h = sizes[name]
        assert w <= sw and h <= sh, f"{name} {w}x{h} does not fit {sw}x{sh}"
