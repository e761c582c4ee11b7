"""The desktop app: ``reportdesk`` with no arguments, ``reportdesk gui``, ``make run``.

``run(ctx)`` makes the QApplication (high-DPI aware, a font with every Vietnamese letter, the language
chosen in the settings), then opens the main window — after the set-up wizard when the data dir has
no store yet, or the demo world when the person chose to try the app with demo data.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

# The non-Qt layers are imported before PySide6: once PySide6 is loaded, its import hook inspects the
# source of every module imported after it, which would add a few hundred milliseconds to the launch.
import reportdesk.services.reports  # noqa: F401,E402
import reportdesk.services.unit_home  # noqa: F401,E402
import reportdesk.store.reports  # noqa: F401,E402

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QApplication

from reportdesk import __version__
from reportdesk.ui import i18n

log = logging.getLogger("reportdesk.ui.app")

FONT_FAMILIES = ("Segoe UI", "Noto Sans", "Roboto", "DejaVu Sans", "Arial", "Helvetica")
FONT_POINTS = 10
STYLE = """
QTableView { gridline-color: #e3e3e3; selection-background-color: #cfe3f7; selection-color: #000; }
QHeaderView::section { padding: 4px 6px; border: none; border-bottom: 1px solid #d0d0d0; background: #f4f4f4; }
QPushButton { padding: 4px 12px; }
QLabel#homeSubtitle { color: #555; }
QLabel#homeHistory { background: #fafafa; color: #333; border: 1px solid #d6d6d6; border-radius: 3px; padding: 6px 10px; }
"""


def pick_font_family() -> str | None:
    families = set(QFontDatabase.families())
    for name in FONT_FAMILIES:
        if name in families:
            return name
    return None


def make_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication (made once), with its font, style and the saved language not yet applied."""
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv[:1])
    QCoreApplication.setOrganizationName("Bo Cong Thuong")
    QCoreApplication.setApplicationName("reportdesk")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName("reportdesk")
    family = pick_font_family()
    if family:
        font = QFont(family, FONT_POINTS)
        app.setFont(font)
    app.setStyleSheet(STYLE)
    return app


def demo_unit_dir(settings_dir: Path) -> Path | None:
    saved = i18n.settings(settings_dir).value("demo/dir", "")
    if saved and (Path(saved) / "store.sqlite").exists():
        return Path(saved)
    return None


def demo_passphrase(unit_dir: Path) -> str | None:
    """The demo world keeps the passphrase of all its keys in <root>/passphrase.txt."""
    try:
        return (Path(unit_dir).parent.parent / "passphrase.txt").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def open_main_window(ctx, *, open_files: bool = True, wizard_runner=None):
    """The window to show for ``ctx`` (None when the person closed the wizard). ``wizard_runner(w)`` runs
    the wizard and returns whether it was accepted (tests drive it with qtbot instead of exec)."""
    from reportdesk.app import AppContext
    from reportdesk.ui.mainwindow import MainWindow

    settings_dir = ctx.data_dir
    if not ctx.store_exists:
        demo = demo_unit_dir(settings_dir)
        if demo is None:
            from reportdesk.ui.wizard import SetupWizard

            w = SetupWizard(ctx)
            accepted = wizard_runner(w) if wizard_runner else bool(w.exec())
            if not accepted:
                from reportdesk.ui import operations

                operations.wait_all(120000)  # closed while setting up: let that work end cleanly
                return None
            if w.demo_unit_dir is not None:
                s = i18n.settings(settings_dir)
                s.setValue("demo/dir", str(w.demo_unit_dir))
                s.sync()
                demo = w.demo_unit_dir
        if demo is not None:
            win = MainWindow(AppContext(demo, interactive=False), demo=True, demo_passphrase=demo_passphrase(demo),
                             open_files=open_files)
            win.settings_dir = settings_dir
            return win
    if ctx.mode == "atmt":  # consolidation mode (Cục ATMT): its own window
        from reportdesk.ui.consolidation import ConsolidationWindow

        win = ConsolidationWindow(ctx, open_files=open_files)
    else:
        win = MainWindow(ctx, open_files=open_files)
    win.settings_dir = settings_dir
    return win


def second_start(ctx) -> int:
    """Another app already has this data dir open: bring its window to the front and say so."""
    from PySide6.QtWidgets import QMessageBox

    from reportdesk.ui.instance import ask_first_to_raise

    raised = ask_first_to_raise(ctx.data_dir)
    msg = (QCoreApplication.translate("App", "reportdesk đang mở với thư mục dữ liệu này; cửa sổ đang mở đã được đưa lên trước.")
           if raised else
           QCoreApplication.translate("App", "reportdesk đang mở với thư mục dữ liệu này ở một cửa sổ khác; hãy dùng cửa sổ đó."))
    log.info("lần khởi động thứ hai: %s", "đã đưa cửa sổ đang mở lên trước" if raised else "cửa sổ đang mở không trả lời")
    print(msg, file=sys.stderr)
    if not os.environ.get("REPORTDESK_GUI_SMOKE"):
        QMessageBox.information(None, "reportdesk", msg)
    return 0


def run(ctx) -> int:
    if sys.platform.startswith("linux") and not any(
            os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        from reportdesk.errors import UserError

        raise UserError("Không có màn hình để mở ứng dụng; các lệnh dòng lệnh: reportdesk --help.")
    app = make_app()
    ctx.data_dir.mkdir(parents=True, exist_ok=True)
    from reportdesk import logs
    from reportdesk.ui import crash
    from reportdesk.ui.instance import SingleInstance, bring_to_front

    logs.setup_logging(ctx.data_dir, create=True)
    crash.install()
    i18n.install(i18n.saved_language(ctx.data_dir))
    if os.environ.get("REPORTDESK_GUI_SMOKE"):  # start-up check: open what a person would see, then quit
        from PySide6.QtCore import QTimer

        QTimer.singleShot(300, app.closeAllWindows)  # the wizard, if it opened: its own loop ends with it
    instance = SingleInstance(ctx.data_dir)
    if not instance.acquire():
        return second_start(ctx)
    shown: list = []
    instance.raise_requested.connect(lambda: bring_to_front([*shown, QApplication.activeModalWidget(),
                                                             *QApplication.topLevelWidgets()]))
    try:
        return _run_window(app, ctx, shown)
    finally:
        instance.release()


def _run_window(app, ctx, shown: list) -> int:
    win = open_main_window(ctx)
    if win is None:
        return 0
    shown.append(win)
    win.show()
    log.info("cửa sổ chính đã mở")
    if os.environ.get("REPORTDESK_GUI_SMOKE"):  # launch check: show, then quit
        from PySide6.QtCore import QTimer

        def ready_then_quit() -> None:
            if os.environ.get("REPORTDESK_LAUNCH_MARK"):  # benchmarks/bench_startup_gui.py: when it was usable
                import time

                print(f"REPORTDESK_READY {time.time():.4f}", file=sys.stderr, flush=True)
            app.quit()

        QTimer.singleShot(0, ready_then_quit)
    code = app.exec()
    win.ctx.close()
    return int(code)
