"""An unexpected error in the window: a dialog says what happened and where the log is, the app keeps
running, and the log holds the traceback without the values quoted in the error."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from reportdesk import logs
from reportdesk.ui import crash


@pytest.fixture
def hook(tmp_path):
    path = logs.setup_logging(tmp_path / "dữ liệu", create=True)
    crash.install()
    yield path
    crash.uninstall()
    box = crash._state["box"]
    if box is not None:
        box.close()
        crash._state["box"] = None


def _dialog() -> QMessageBox | None:
    for w in QApplication.topLevelWidgets():
        if isinstance(w, QMessageBox) and w.objectName() == "unexpectedErrorDialog" and w.isVisible():
            return w
    return None


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_a_dialog_with_the_log_path(qtbot, hook):
    button = QPushButton("Bấm")
    qtbot.addWidget(button)
    button.show()

    def broken():
        raise ValueError("giá trị 'Nhà máy Bí Mật Số 7' không đọc được")

    button.clicked.connect(broken)
    QTimer.singleShot(0, button.click)
    qtbot.waitUntil(lambda: _dialog() is not None, timeout=60_000)
    box = _dialog()
    assert "lỗi không mong muốn" in box.text().lower()
    assert str(hook) in box.text()
    assert "ValueError" in box.text()
    for h in logs.logging.getLogger("reportdesk").handlers:
        h.flush()
    text = hook.read_text(encoding="utf-8")
    assert "CRITICAL reportdesk.ui.crash" in text and "Traceback" in text
    assert "ValueError" in text and "in broken" in text
    assert "Bí Mật" not in text  # the quoted value never reaches the log
    # the app carries on: the same window still works, a second error does not stack a second dialog
    QTimer.singleShot(0, button.click)
    qtbot.waitUntil(lambda: crash._state["repeats"] == 1, timeout=60_000)
    assert sum(1 for w in QApplication.topLevelWidgets()
               if isinstance(w, QMessageBox) and w.objectName() == "unexpectedErrorDialog" and w.isVisible()) == 1
