"""Background work for the window, modelled on Anki's ``aqt.operations``.

Two kinds of operation, deliberately different classes:

- :class:`QueryOp` reads. It may run beside other queries and changes nothing, so it announces nothing
  when it ends.
- :class:`WriteOp` changes the store (or the data dir). Writes run one at a time, in the order they
  were asked for (a pool of one thread), and when one succeeds :data:`bus` emits ``did_write`` so the
  views that show the store refresh themselves (Anki's ``operation_did_execute``).

Both run ``op(task)`` on a :class:`QThreadPool`, off the UI thread. ``task`` carries what the services
accept: ``task.progress(done, total, label)`` and ``task.cancel`` (a :class:`threading.Event`)::

    WriteOp(self, lambda t: services.reports.export_report(ctx, rid, out, pw,
                                                          progress=t.progress, cancel=t.cancel),
            success=self._exported, label="Đang xuất gói báo cáo…").with_progress().run_in_background()

Progress, success and failure are delivered on the UI thread through queued signals. A failure is shown
as a dialog: a :class:`~reportdesk.errors.UserError` with its Vietnamese message, ``Cancelled`` quietly,
anything else with one generic Vietnamese line (the traceback goes to the log, never to the person).

Tests call :func:`set_synchronous` (the ``sync_ops`` fixture of ``tests/ui/conftest.py``) so an
operation runs to its end inside ``run_in_background()`` — as Picard's test case replaces its thread
pool — and every callback has been called when it returns.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from reportdesk.errors import UserError

log = logging.getLogger("reportdesk.ui.operations")

T = TypeVar("T")

PROGRESS_DELAY_MS = 400  # a progress dialog appears only for work that lasts longer than this
_PROGRESS_INTERVAL = 0.05  # seconds between two progress signals (the last one always goes)


def _tr(text: str) -> str:
    return QCoreApplication.translate("operations", text)


# --- the pools ---------------------------------------------------------------------------------

_synchronous = False
_query_pool: QThreadPool | None = None
_write_pool: QThreadPool | None = None
_running: set["_Op"] = set()


def set_synchronous(on: bool) -> None:
    """Run every operation inline, in the calling thread (tests)."""
    global _synchronous
    _synchronous = bool(on)


def is_synchronous() -> bool:
    return _synchronous


def query_pool() -> QThreadPool:
    global _query_pool
    if _query_pool is None:
        _query_pool = QThreadPool()
        _query_pool.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
    return _query_pool


def write_pool() -> QThreadPool:
    global _write_pool
    if _write_pool is None:
        _write_pool = QThreadPool()
        _write_pool.setMaxThreadCount(1)  # writes one at a time, in order
    return _write_pool


def running() -> int:
    """How many operations have started and not yet delivered their outcome."""
    return len(_running)


def wait_all(timeout_ms: int = 30000) -> bool:
    """Waits for the pools to drain and delivers the queued outcomes (shut-down and tests)."""
    deadline = time.monotonic() + timeout_ms / 1000
    for pool in (_write_pool, _query_pool):
        if pool is not None:
            pool.waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
    while _running and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.005)
    return not _running


# --- the change notice --------------------------------------------------------------------------


class OpBus(QObject):
    """Application-wide notices. ``did_write(kind)`` after every successful WriteOp; ``error_shown(text)``
    whenever an operation's failure is shown to the person."""

    did_write = Signal(str)
    error_shown = Signal(str)


bus = OpBus()


# --- the task handed to the work ------------------------------------------------------------------


class Cancelled(UserError):
    """The person cancelled (used when the service has no own Cancelled class)."""

    def __init__(self, message: str = "Đã hủy."):
        super().__init__(message)


def _is_cancel(exc: BaseException) -> bool:
    if isinstance(exc, Cancelled):
        return True
    return type(exc).__name__ == "Cancelled" and isinstance(exc, UserError)


class Task:
    """What the work receives: ``progress(done, total, label)`` and ``cancel`` (an Event)."""

    def __init__(self, relay: "_Relay"):
        self._relay = relay
        self.cancel = threading.Event()
        self._last = 0.0

    def progress(self, done: int, total: int, label: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last < _PROGRESS_INTERVAL and done != 0:
            return
        self._last = now
        self._relay.progress.emit(int(done), int(total), str(label or ""))

    def check(self) -> None:
        """Raises :class:`Cancelled` once the person has asked to stop."""
        if self.cancel.is_set():
            raise Cancelled()


class _Relay(QObject):
    """Lives on the UI thread; the worker emits, the UI thread receives (queued)."""

    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[], None]):
        super().__init__()
        self._fn = fn
        self.setAutoDelete(True)

    def run(self) -> None:  # noqa: D401 - Qt's name
        self._fn()


# --- the operations ------------------------------------------------------------------------------


class _Op(Generic[T]):
    _write = False

    def __init__(self, parent: QWidget | None, op: Callable[[Task], T], *,
                 success: Callable[[T], Any] | None = None, failure: Callable[[BaseException], Any] | None = None,
                 label: str = "", kind: str = ""):
        self._parent = parent
        self._op = op
        self._success = success
        self._failure = failure
        self._progress_cb: Callable[[int, int, str], Any] | None = None
        self._finally: Callable[[], Any] | None = None
        self._label = label
        self.kind = kind or getattr(op, "__name__", "op")
        self._show_progress = False
        self._cancellable = False
        self._dialog: QProgressDialog | None = None
        self._dialog_timer: QTimer | None = None
        self._last_progress: tuple[int, int, str] = (0, 0, label)
        self._relay = _Relay()
        self.task = Task(self._relay)
        self.result: T | None = None
        self.error: BaseException | None = None
        self.finished = False

    # builder API (Anki's style)
    def success(self, fn: Callable[[T], Any]) -> "_Op[T]":
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], Any]) -> "_Op[T]":
        self._failure = fn
        return self

    def on_progress(self, fn: Callable[[int, int, str], Any]) -> "_Op[T]":
        self._progress_cb = fn
        return self

    def on_finally(self, fn: Callable[[], Any]) -> "_Op[T]":
        self._finally = fn
        return self

    def with_progress(self, label: str | None = None, *, cancellable: bool = True) -> "_Op[T]":
        """Show a progress dialog (after a short delay) with a Cancel button when ``cancellable``."""
        self._show_progress = True
        self._cancellable = cancellable
        if label is not None:
            self._label = label
        return self

    def cancel(self) -> None:
        self.task.cancel.set()

    # running
    def run_in_background(self) -> "_Op[T]":
        _running.add(self)
        conn = Qt.ConnectionType.DirectConnection if _synchronous else Qt.ConnectionType.QueuedConnection
        self._relay.progress.connect(self._on_progress, conn)
        self._relay.done.connect(self._on_done, conn)
        self._relay.failed.connect(self._on_failed, conn)
        if self._show_progress and not _synchronous:
            self._dialog_timer = QTimer(self._relay)
            self._dialog_timer.setSingleShot(True)
            self._dialog_timer.timeout.connect(self._open_dialog)
            self._dialog_timer.start(PROGRESS_DELAY_MS)
        if _synchronous:
            self._work()
        else:
            (write_pool() if self._write else query_pool()).start(_Runnable(self._work))
        return self

    def _work(self) -> None:  # worker thread (or inline when synchronous)
        try:
            result = self._op(self.task)
        except BaseException as exc:  # noqa: BLE001 - delivered to the UI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.done.emit(result)

    # UI thread
    def _open_dialog(self) -> None:
        if self.finished:
            return
        d = QProgressDialog(self._parent)
        d.setWindowTitle(QCoreApplication.translate("operations", "Đang thực hiện"))
        d.setWindowModality(Qt.WindowModality.WindowModal)
        d.setMinimumDuration(0)
        d.setAutoClose(False)
        d.setAutoReset(False)
        d.setMinimumWidth(420)
        if self._cancellable:
            d.setCancelButtonText(QCoreApplication.translate("operations", "&Hủy"))
            d.canceled.connect(self.cancel)
        else:
            d.setCancelButton(None)
        self._dialog = d
        done, total, label = self._last_progress
        self._apply_progress(done, total, label)
        d.show()

    def _dialog_alive(self) -> bool:
        """The progress dialog is a child of the window: destroyed with it."""
        return self._dialog is not None and shiboken6.isValid(self._dialog)

    def _apply_progress(self, done: int, total: int, label: str) -> None:
        if not self._dialog_alive():
            return
        self._dialog.setLabelText(label or self._label)
        if total > 0:
            self._dialog.setMaximum(total)
            self._dialog.setValue(min(done, total))
        else:
            self._dialog.setMaximum(0)  # busy indicator
            self._dialog.setValue(0)

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, label: str) -> None:
        self._last_progress = (done, total, label)
        self._apply_progress(done, total, label)
        if self._progress_cb is not None and not self._parent_gone():
            self._progress_cb(done, total, label)

    def _end(self) -> None:
        self.finished = True
        try:
            if self._dialog_timer is not None and shiboken6.isValid(self._dialog_timer):
                self._dialog_timer.stop()
            if self._dialog_alive():
                self._dialog.close()
                self._dialog.deleteLater()
        finally:
            self._dialog = None
            _running.discard(self)  # whatever happened to the window, wait_all() must not wait for this
        if self._finally is not None and not self._parent_gone():
            self._finally()

    def _parent_gone(self) -> bool:
        """Whether the window the operation was started for has been destroyed meanwhile (an editor
        closed while its check ran): its callbacks would act on deleted widgets, so they are dropped."""
        try:
            return self._parent is not None and not shiboken6.isValid(self._parent)
        except TypeError:  # not a Qt object
            return False

    @Slot(object)
    def _on_done(self, result: T) -> None:
        self.result = result
        self._end()
        if self._write:
            bus.did_write.emit(self.kind)
        if self._success is not None and not self._parent_gone():
            self._success(result)

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self.error = exc
        self._end()
        if not isinstance(exc, UserError):
            log.error("thao tác %s lỗi", self.kind, exc_info=(type(exc), exc, exc.__traceback__))
        if self._parent_gone():
            if isinstance(exc, UserError):  # its window is closed: nobody sees it, the log keeps it
                log.warning("thao tác %s không thực hiện được (cửa sổ đã đóng): %s", self.kind, exc.message)
            return
        if self._failure is not None:
            self._failure(exc)
        else:
            show_error(self._parent, exc)


class QueryOp(_Op[T]):
    """Read-only work: runs beside other queries, announces nothing."""

    _write = False


class WriteOp(_Op[T]):
    """Work that changes the store: serialised, and ``bus.did_write`` after success."""

    _write = True


CollectionOp = WriteOp  # Anki's name


# --- errors ---------------------------------------------------------------------------------------

GENERIC_ERROR = "Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký (thư mục logs)."


def error_text(exc: BaseException) -> str:
    """The one line a person reads for ``exc`` (translated when it is ours)."""
    if isinstance(exc, UserError):
        return exc.message
    return QCoreApplication.translate("operations", "Đã xảy ra lỗi không mong muốn; chi tiết đã được ghi vào nhật ký (thư mục logs).")


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """A window-modal message box (non-blocking) with the Vietnamese message; nothing for a cancel."""
    if _is_cancel(exc):
        return None
    text = error_text(exc)
    box = QMessageBox(parent)
    box.setObjectName("operationError")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(QCoreApplication.translate("operations", "Không thực hiện được"))
    box.setText(text)
    details = getattr(exc, "details", None)
    if details:
        box.setInformativeText("\n".join(str(d) for d in details[:20]))
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    bus.error_shown.emit(text)
    box.open()
    return box
