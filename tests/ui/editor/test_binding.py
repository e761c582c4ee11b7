"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 dropped one reference to the bool
that Signal.emit() returns and to the None a QRunnable.run() returns, so a window that emits signals
and runs background work for a while crashed ("deallocating True or False" / "deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Sender(QObject):
    ping = Signal(object)


class _Nothing(QRunnable):
    def run(self) -> None:
        return None


def test_emitting_a_signal_keeps_the_reference_counts_of_true_and_false(qtbot):
    s = _Sender()
    got = []
    s.ping.connect(got.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for i in range(400):
        s.ping.emit(i)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(got) == 400
    assert after[0] - before[0] > -50 and after[1] - before[1] > -50, (before, after)


def test_background_runnables_keep_the_reference_count_of_none(qtbot):
    pool = QThreadPool()
    before = sys.getrefcount(None)
    for _ in range(400):
        pool.start(_Nothing())
    pool.waitForDone()
    assert sys.getrefcount(None) - before > -50, (before, sys.getrefcount(None))
