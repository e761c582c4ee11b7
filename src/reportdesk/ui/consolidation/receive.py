"""Screen 1 — receive: drop files or folders, or choose them; the import runs off the UI thread."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportdesk.consolidate.imports import OUTCOME_LABELS_VI, FileOutcome, ImportSummary
from reportdesk.ui.consolidation.models import FoldFilterProxy, KeyedTableModel, copy_selection
from reportdesk.ui.operations import WriteOp

OUTCOME_COLOURS = {"accepted": "#c8e6c9", "duplicate": "#eeeeee", "stale": "#fff9c4", "quarantined": "#d1c4e9",
                   "rejected": "#ffcdd2"}


def import_workers(files: int) -> int:
    """Decrypting processes for an import from the window: one core is left to the window (on two cores the
    work stays in one background thread; measured: the longest UI stall halves, the import takes as long)."""
    if files < 48:
        return 1
    return max(1, min(4, (os.cpu_count() or 1) - 1))


class ImportResultsModel(KeyedTableModel):
    """One row per file of the last import; keys are row numbers into the outcomes list."""

    columns = (QT_TRANSLATE_NOOP("consolidation", "Tệp"), QT_TRANSLATE_NOOP("consolidation", "Đơn vị"),
               QT_TRANSLATE_NOOP("consolidation", "Biểu mẫu"), QT_TRANSLATE_NOOP("consolidation", "Kỳ"),
               QT_TRANSLATE_NOOP("consolidation", "Lần gửi"), QT_TRANSLATE_NOOP("consolidation", "Kết quả"),
               QT_TRANSLATE_NOOP("consolidation", "Lý do"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.outcomes: list[FileOutcome] = []

    def set_outcomes(self, outcomes: list[FileOutcome]) -> None:
        self.outcomes = list(outcomes)
        self.set_keys(range(len(self.outcomes)))

    def cell(self, key, column):
        o = self.outcomes[key]
        return (Path(o.file).name, o.unit_code, o.form_id, o.period, o.revision,
                OUTCOME_LABELS_VI.get(o.outcome, o.outcome), o.reason)[column]

    def sort_value(self, key, column):
        if column == 4:
            return (0, self.outcomes[key].revision or 0)
        return super().sort_value(key, column)

    def background(self, key, column):
        return OUTCOME_COLOURS.get(self.outcomes[key].outcome) if column == 5 else None

    def tooltip(self, key, column):
        o = self.outcomes[key]
        return o.file if column == 0 else (o.reason if column == 6 else None)


class ReceivePage(QWidget):
    imported = Signal(object)  # ImportSummary

    def __init__(self, window):
        super().__init__()
        self.win = window
        self.setAcceptDrops(True)
        self.last_summary: ImportSummary | None = None
        self.op = None
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Nhận gói báo cáo"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.drop = QLabel(self.tr("Kéo thả tệp .rdpkg hoặc thư mục vào đây, hoặc bấm «Chọn tệp…» / «Chọn thư mục…». "
                                   "Nhập lại cùng một thư mục là vô hại: gói đã nhận được báo «trùng» và không thay đổi gì."))
        self.drop.setObjectName("dropZone")
        self.drop.setWordWrap(True)
        self.drop.setMinimumHeight(64)
        self.drop.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop.setStyleSheet("QLabel#dropZone { border: 2px dashed #9aa7b5; border-radius: 6px; padding: 10px;"
                                " background: #f7f9fb; color: #345; }")
        lay.addWidget(self.drop)
        row = QHBoxLayout()
        self.choose_files = QPushButton(self.tr("Chọn &tệp…"))
        self.choose_dir = QPushButton(self.tr("Chọn thư &mục…"))
        self.cancel_btn = QPushButton(self.tr("&Dừng nhập"))
        self.cancel_btn.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setFormat("%v / %m")
        self.progress.setVisible(False)
        row.addWidget(self.choose_files)
        row.addWidget(self.choose_dir)
        row.addWidget(self.cancel_btn)
        row.addWidget(self.progress, 1)
        lay.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        frow = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Lọc kết quả (đơn vị, biểu mẫu, kết quả, lý do; không cần dấu)…"))
        self.copy_btn = QPushButton(self.tr("&Sao chép"))
        frow.addWidget(self.filter, 1)
        frow.addWidget(self.copy_btn)
        lay.addLayout(frow)
        self.model = ImportResultsModel(self)
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        h = self.view.horizontalHeader()
        h.setStretchLastSection(True)
        for c, w in enumerate((270, 110, 80, 60, 60, 90)):
            self.view.setColumnWidth(c, w)
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lay.addWidget(self.view, 1)
        QShortcut(QKeySequence.StandardKey.Copy, self.view, activated=self.copy)
        self.choose_files.clicked.connect(self._choose_files)
        self.choose_dir.clicked.connect(self._choose_dir)
        self.cancel_btn.clicked.connect(self.cancel)
        self.filter.textChanged.connect(self.proxy.set_query)
        self.copy_btn.clicked.connect(self.copy)

    # choosing ----------------------------------------------------------------------------------
    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn gói báo cáo"), "",
                                                self.tr("Gói báo cáo (*.rdpkg);;Mọi tệp (*)"))
        if files:
            self.import_paths(files)

    def _choose_dir(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục chứa gói báo cáo"))
        if d:
            self.import_paths([d])

    def dragEnterEvent(self, e):  # noqa: N802
        if e.mimeData().hasUrls():
            e.acceptProposedAction()

    def dropEvent(self, e):  # noqa: N802
        paths = [u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()]
        if paths:
            e.acceptProposedAction()
            self.import_paths(paths)

    # importing ---------------------------------------------------------------------------------
    def import_paths(self, paths: list[str]) -> None:
        from reportdesk.consolidate.imports import Consolidation, collect_files
        from reportdesk.errors import UserError
        from reportdesk.package.errors import IdentityError
        from reportdesk.ui.operations import show_error

        missing = [p for p in paths if not Path(p).exists()]  # the folder walk itself runs off the UI thread
        if missing:
            show_error(self, UserError(f"Không tìm thấy tệp hoặc thư mục {missing[0]}."))
            return
        unlocked = self.win.unlock()
        if unlocked is None:
            return
        passphrase, identity = unlocked
        ctx = self.win.ctx

        def work(task):
            svc = Consolidation.from_ctx(ctx)
            try:
                files = collect_files(paths)  # here, off the UI thread
                return svc.import_paths(files, passphrase, progress=task.progress, cancel=task.cancel,
                                        workers=import_workers(len(files)), identity=identity)
            except IdentityError as exc:
                raise UserError(exc.message_vi) from None
            finally:
                svc.close()

        self.model.set_outcomes([])
        self.summary.setText(self.tr("Đang nhập…"))
        self.progress.setValue(0)
        self.progress.setMaximum(0)
        self.progress.setVisible(True)
        self.cancel_btn.setEnabled(True)
        self.choose_files.setEnabled(False)
        self.choose_dir.setEnabled(False)
        self.op = WriteOp(self, work, success=self._done, kind="import").on_progress(self._progress)
        self.op.on_finally(self._finished).run_in_background()

    def cancel(self) -> None:
        if self.op is not None:
            self.op.cancel()

    def _progress(self, done: int, total: int, label: str) -> None:
        self.progress.setMaximum(max(total, 0))
        self.progress.setValue(done)

    def _finished(self) -> None:
        self.progress.setVisible(False)
        self.cancel_btn.setEnabled(False)
        self.choose_files.setEnabled(True)
        self.choose_dir.setEnabled(True)
        if self.last_summary is None or self.op is None or self.op.error is not None:
            self.summary.setText("")

    def _done(self, summary: ImportSummary) -> None:
        self.last_summary = summary
        self.model.set_outcomes([*summary.released, *summary.outcomes])
        self.summary.setText(self.summary_text(summary))
        self.imported.emit(summary)

    def summary_text(self, summary: ImportSummary) -> str:
        c = summary.counts
        n = len(summary.outcomes)
        text = self.tr("%1 tệp: đã nhận %2, trùng %3, bản cũ %4, cách ly %5, từ chối %6.")
        for i, v in enumerate((n, c["accepted"], c["duplicate"], c["stale"], c["quarantined"], c["rejected"]), 1):
            text = text.replace(f"%{i}", str(v))
        if n and c["duplicate"] == n:
            text += " " + self.tr("Mọi gói đều đã nhận trước đó: nhập lại là vô hại, không có gì thay đổi.")
        if summary.cancelled:
            text += " " + self.tr("Đã dừng theo yêu cầu; các tệp chưa xử lý không bị thay đổi.")
        return text

    def copy(self) -> str:
        return copy_selection(self.view)
