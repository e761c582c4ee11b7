"""An unexpected error in the window: written to the log with its traceback, and shown to the person in
a dialog (what happened, where the log is) instead of the app vanishing or carrying on silently.

Installed by ``reportdesk.ui.app.run`` as ``sys.excepthook`` (PySide6 hands exceptions raised in slots and
event handlers to it) and ``threading.excepthook``. Edits are saved as they are made, so the dialog can
say the work is kept. One dialog at a time: a burst of the same error does not bury the screen.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reportdesk import logs

log = logging.getLogger("reportdesk.ui.crash")

_state = {"box": None, "repeats": 0, "installed": False, "previous": None}


def message_for(exc: BaseException) -> tuple[str, str]:
    """(the one line shown, the details) for an unexpected error."""
    path = logs.log_path()
    where = QCoreApplication.translate("Crash", "Chi tiết đã được ghi vào nhật ký: {path}").format(path=path) if path else QCoreApplication.translate("Crash", "Không ghi được nhật ký.")
    text = QCoreApplication.translate("Crash", "Đã xảy ra lỗi không mong muốn ({kind}); dữ liệu đã lưu vẫn còn nguyên. {where}").format(
        kind=type(exc).__name__, where=where)
    details = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return text, details


def show_dialog(exc: BaseException) -> QMessageBox | None:
    app = QApplication.instance()
    if app is None:
        return None
    box = _state["box"]
    if box is not None and box.isVisible():
        _state["repeats"] += 1
        return box
    text, details = message_for(exc)
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Crash", "Lỗi không mong muốn"), text, QMessageBox.StandardButton.Ok,
                      app.activeWindow())
    box.setObjectName("unexpectedErrorDialog")
    box.setDetailedText(details)
    box.setModal(True)
    box.open()  # not exec(): no nested event loop inside an excepthook
    _state["box"] = box
    _state["repeats"] = 0
    return box


def handle(exc_type, exc, tb) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    try:
        log.critical("lỗi không mong muốn trong cửa sổ", exc_info=(exc_type, exc, tb))
    except Exception:  # noqa: BLE001 - the dialog matters more than the log
        pass
    if threading.current_thread() is threading.main_thread():
        show_dialog(exc)
    else:  # Qt widgets only on the main thread
        QTimer.singleShot(0, QApplication.instance(), lambda: show_dialog(exc))


def _thread_hook(args) -> None:
    if args.exc_type is SystemExit:
        return
    handle(args.exc_type, args.exc_value, args.exc_traceback)


def install() -> None:
    if _state["installed"]:
        return
    _state["previous"] = (sys.excepthook, threading.excepthook)
    sys.excepthook = handle
    threading.excepthook = _thread_hook
    _state["installed"] = True


def uninstall() -> None:
    if not _state["installed"]:
        return
    sys.excepthook, threading.excepthook = _state["previous"]
    _state["installed"] = False
