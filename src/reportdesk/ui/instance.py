"""One desktop app per data dir.

The first start takes a QLockFile in the data dir (``gui.lock``) and listens on a QLocalServer whose name
comes from the data dir's path. A second start finds the lock held, connects to that server and asks the
first one to bring its window to the front, says so, and quits. A lock left by a process that died (power
cut, kill -9) is taken over: QLockFile sees its process is gone.

The command line takes no lock: reading (``report list``, ``status``...) works beside an open window, and
writes meet the store's own locking (SQLite WAL, busy timeout).

Protocol (one line each way): first -> second ``<pid>``; second -> first ``raise``; first -> second ``ok``.
The pid lets a second start on Windows allow the first to take the foreground (AllowSetForegroundWindow).
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QByteArray, QLockFile, QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger("reportdesk.ui.instance")

LOCK_FILE = "gui.lock"
CONNECT_TIMEOUT_MS = 10_000  # hang guard: the first app answers in milliseconds


def server_name(data_dir: Path) -> str:
    key = os.path.normcase(str(Path(data_dir).resolve()))
    return "reportdesk-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


class SingleInstance(QObject):
    """Held by the first app of a data dir for as long as it runs."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path):
        super().__init__()
        self.data_dir = Path(data_dir)
        self.name = server_name(self.data_dir)
        self.lock = QLockFile(str(self.data_dir / LOCK_FILE))
        self.lock.setStaleLockTime(0)  # only a dead owner makes a lock stale, never its age
        self.server: QLocalServer | None = None

    def acquire(self) -> bool:
        """True when this is the first app of the data dir (then it listens for later starts)."""
        if not self.lock.tryLock(0):
            return False
        QLocalServer.removeServer(self.name)  # a socket left by a first app that died
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self.server.listen(self.name):
            log.warning("không mở được kênh giữa các lần khởi động: %s", self.server.errorString())
        self.server.newConnection.connect(self._on_connection)
        return True

    def _on_connection(self) -> None:
        while self.server is not None and self.server.hasPendingConnections():
            sock = self.server.nextPendingConnection()
            sock.write(QByteArray(f"{os.getpid()}\n".encode()))
            sock.flush()
            sock.readyRead.connect(lambda s=sock: self._on_request(s))
            sock.disconnected.connect(sock.deleteLater)

    def _on_request(self, sock: QLocalSocket) -> None:
        if not sock.canReadLine():
            return
        line = bytes(sock.readLine().data()).strip()
        if line == b"raise":
            log.info("lần khởi động thứ hai cho cùng thư mục dữ liệu: đưa cửa sổ đang mở lên trước")
            self.raise_requested.emit()
            sock.write(QByteArray(b"ok\n"))
            sock.flush()

    def release(self) -> None:
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.unlock()


def ask_first_to_raise(data_dir: Path) -> bool:
    """From a second start: ask the running app to show its window. True when it answered."""
    sock = QLocalSocket()
    name = server_name(data_dir)
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    try:
        if not (sock.canReadLine() or sock.waitForReadyRead(CONNECT_TIMEOUT_MS)):
            return False
        pid = bytes(sock.readLine().data()).strip()
        if sys.platform == "win32" and pid.isdigit():
            try:
                import ctypes

                ctypes.windll.user32.AllowSetForegroundWindow(int(pid))  # type: ignore[attr-defined]
            except Exception:  # noqa: BLE001 - only a nicety
                pass
        sock.write(QByteArray(b"raise\n"))
        if sock.bytesToWrite():  # flush() usually wrote it all already
            sock.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        if not (sock.canReadLine() or sock.waitForReadyRead(CONNECT_TIMEOUT_MS)):
            return False
        return bytes(sock.readLine().data()).strip() == b"ok"
    finally:
        sock.disconnectFromServer()


def bring_to_front(windows) -> None:
    for w in windows:
        if w is None or not w.isVisible():
            continue
        w.setWindowState((w.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
        w.show()
        w.raise_()
        w.activateWindow()
