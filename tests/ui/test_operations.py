"""Background operations: off the UI thread, progress and outcome on the UI thread, cancel, errors
shown as a dialog with the Vietnamese message; synchronous in tests."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QMessageBox, QWidget

from reportdesk.errors import UserError
from reportdesk.ui import operations
from reportdesk.ui.operations import QueryOp, WriteOp


def test_a_query_runs_off_the_ui_thread_and_delivers_on_it(qtbot):
    operations.set_synchronous(False)
    ui_thread = QThread.currentThread()
    seen: dict = {}

    def work(task):
        seen["worker"] = QThread.currentThread()
        for i in range(3):
            task.progress(i + 1, 3, f"bước {i + 1}")
        return 42

    progress: list = []
    op = QueryOp(None, work, success=lambda v: seen.update(result=v, thread=QThread.currentThread()))
    op.on_progress(lambda d, t, label: progress.append((d, t, label, QThread.currentThread())))
    op.run_in_background()
    qtbot.waitUntil(lambda: "result" in seen, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] is not ui_thread
    assert seen["thread"] is ui_thread
    assert progress[-1][:3] == (3, 3, "bước 3")
    assert all(p[3] is ui_thread for p in progress)


def test_a_write_announces_itself_and_a_query_does_not(qtbot):
    kinds: list[str] = []
    operations.bus.did_write.connect(kinds.append)
    try:
        QueryOp(None, lambda t: 1, kind="đọc").run_in_background()
        WriteOp(None, lambda t: 2, kind="ghi").run_in_background()
    finally:
        operations.bus.did_write.disconnect(kinds.append)
    assert kinds == ["ghi"]


def test_writes_run_one_at_a_time_in_order(qtbot):
    operations.set_synchronous(False)
    order: list[int] = []
    active = [0]
    overlap = [False]
    lock = threading.Lock()

    def work(n):
        def f(task):
            with lock:
                active[0] += 1
                overlap[0] |= active[0] > 1
            threading.Event().wait(0.02)
            with lock:
                active[0] -= 1
            order.append(n)
        return f

    for n in range(5):
        WriteOp(None, work(n)).run_in_background()
    assert operations.wait_all(10000)
    assert order == [0, 1, 2, 3, 4]
    assert not overlap[0]


def test_cancel_reaches_the_work_and_shows_no_error(qtbot):
    operations.set_synchronous(False)
    started = threading.Event()
    outcome: dict = {}

    def work(task):
        started.set()
        for _ in range(500):
            task.check()
            threading.Event().wait(0.01)
        return "finished"

    op = WriteOp(None, work, success=lambda v: outcome.update(ok=v))
    op.run_in_background()
    assert started.wait(5)
    op.cancel()
    qtbot.waitUntil(lambda: op.finished, timeout=5000)
    assert "ok" not in outcome
    assert isinstance(op.error, UserError) and op.error.message == "Đã hủy."


def test_a_user_error_is_shown_with_its_vietnamese_message(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown: list[str] = []
    operations.bus.error_shown.connect(shown.append)
    try:
        def work(task):
            raise UserError("Mật khẩu không đúng.")
        WriteOp(parent, work).run_in_background()
    finally:
        operations.bus.error_shown.disconnect(shown.append)
    box = parent.findChild(QMessageBox, "operationError")
    assert box is not None and box.isVisible()
    assert box.text() == "Mật khẩu không đúng."
    assert shown == ["Mật khẩu không đúng."]


def test_an_unexpected_error_is_logged_and_shown_as_one_generic_line(qtbot, caplog):
    parent = QWidget()
    qtbot.addWidget(parent)

    def work(task):
        raise RuntimeError("secret internals")

    with caplog.at_level("ERROR", logger="reportdesk.ui.operations"):
        QueryOp(parent, work).run_in_background()
    box = parent.findChild(QMessageBox, "operationError")
    assert box is not None
    assert "secret internals" not in box.text()
    assert box.text().startswith("Đã xảy ra lỗi không mong muốn")
    assert "secret internals" in caplog.text


def test_a_failure_handler_replaces_the_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got: list = []

    def work(task):
        raise UserError("Không đọc được tệp.")

    QueryOp(parent, work).failure(got.append).run_in_background()
    assert [e.message for e in got] == ["Không đọc được tệp."]
    assert parent.findChild(QMessageBox, "operationError") is None


def test_an_operation_whose_window_was_closed_and_destroyed_meanwhile_leaves_it_alone(qtbot):
    """A window closed while its work runs (an editor closed during its check): the work still ends (a
    write is still committed and announced), but nothing is done to the destroyed window, no dialog."""
    import shiboken6

    operations.set_synchronous(False)
    gate = threading.Event()
    window = QWidget()
    seen: list = []
    kinds: list[str] = []
    operations.bus.did_write.connect(kinds.append)
    try:
        ok = WriteOp(window, lambda t: gate.wait(10) and "ghi xong", success=seen.append, kind="ghi").run_in_background()
        bad = QueryOp(window, lambda t: gate.wait(10) and (_ for _ in ()).throw(UserError("Lỗi đọc.")),
                      failure=seen.append).run_in_background()
        shiboken6.delete(window)
        gate.set()
        qtbot.waitUntil(lambda: ok.finished and bad.finished, timeout=10_000)
    finally:
        operations.bus.did_write.disconnect(kinds.append)
    assert ok.result == "ghi xong" and isinstance(bad.error, UserError)
    assert kinds == ["ghi"]
    assert seen == []


def test_a_window_destroyed_under_its_progress_dialog_does_not_keep_the_operation_running(qtbot):
    """The progress dialog goes with its window; the operation still ends, is announced, and nothing waits
    for it (an editor's flush would otherwise wait its whole timeout)."""
    import time

    import shiboken6

    operations.set_synchronous(False)
    gate = threading.Event()
    window = QWidget()
    window.show()
    seen: list = []
    kinds: list[str] = []
    operations.bus.did_write.connect(kinds.append)
    try:
        def work(task):
            task.progress(1, 10, "bước 1")
            gate.wait(10)
            task.progress(5, 10, "bước 5")
            return "xong"

        op = (WriteOp(window, work, success=seen.append, kind="ghi").with_progress()
              .on_progress(lambda *a: seen.append("tiến độ"))
              .on_finally(lambda: seen.append("cuối")))
        op.run_in_background()
        qtbot.waitUntil(lambda: op._dialog is not None, timeout=10_000)
        seen.clear()
        shiboken6.delete(window)  # the dialog goes with it
        gate.set()
        qtbot.waitUntil(lambda: op.finished, timeout=10_000)
        assert operations.wait_all(1000)
        assert operations.running() == 0 and kinds == ["ghi"] and op.result == "xong"
        assert seen == []
    finally:
        operations.bus.did_write.disconnect(kinds.append)
