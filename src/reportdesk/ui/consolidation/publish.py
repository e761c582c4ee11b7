"""Screens 6 and 7 — publish the consolidated workbook and Word report; the reminder letter (công văn đôn đốc)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt, QT_TRANSLATE_NOOP, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportdesk.consolidate.status import VN
from reportdesk.services import consolidation as svc
from reportdesk.ui import vnlocale
from reportdesk.ui.consolidation.models import KeyedTableModel
from reportdesk.ui.operations import QueryOp, WriteOp


class FolderRow(QWidget):
    def __init__(self, folder: Path, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(str(folder))
        self.btn = QPushButton(self.tr("Chọn…"))
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.btn)
        self.btn.clicked.connect(self._choose)

    def _choose(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu"), self.edit.text())
        if d:
            self.edit.setText(d)

    def folder(self) -> Path:
        return Path(self.edit.text().strip() or ".")


class PublishPage(QWidget):
    def __init__(self, window):
        super().__init__()
        self.win = window
        self.period: str | None = None
        self.written: list[Path] = []
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Lập báo cáo tổng hợp"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        box = QGroupBox(self.tr("Đánh giá và đề xuất của Cục ATMT (đưa vào báo cáo Word)"))
        fl = QFormLayout(box)
        self.assessment = QPlainTextEdit()
        self.assessment.setPlaceholderText(self.tr("Đánh giá chung về tình hình thực hiện trong kỳ…"))
        self.proposals = QPlainTextEdit()
        self.proposals.setPlaceholderText(self.tr("Đề xuất, kiến nghị với Lãnh đạo Bộ…"))
        fl.addRow(self.tr("Đánh giá chung:"), self.assessment)
        fl.addRow(self.tr("Đề xuất, kiến nghị:"), self.proposals)
        self.save_btn = QPushButton(self.tr("&Lưu nội dung"))
        srow = QHBoxLayout()
        srow.addStretch(1)
        srow.addWidget(self.save_btn)
        fl.addRow("", srow)
        lay.addWidget(box, 1)
        out = QGroupBox(self.tr("Tệp kết quả"))
        ol = QFormLayout(out)
        self.folder = FolderRow(Path(window.ctx.data_dir) / "tong-hop")
        ol.addRow(self.tr("Thư mục lưu:"), self.folder)
        lay.addWidget(out)
        row = QHBoxLayout()
        self.publish_btn = QPushButton(self.tr("Lập &bảng tính Excel và báo cáo Word"))
        self.open_btn = QPushButton(self.tr("&Mở thư mục"))
        self.open_btn.setEnabled(False)
        row.addWidget(self.publish_btn)
        row.addWidget(self.open_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.save_btn.clicked.connect(self.save)
        self.publish_btn.clicked.connect(self.publish)
        self.open_btn.clicked.connect(self.open_folder)

    def set_period(self, code: str) -> None:
        self.period = code
        n = svc.load_narrative(self.win.ctx, code)
        self.assessment.setPlainText(n["danh_gia_chung"])
        self.proposals.setPlainText(n["de_xuat_chung"])
        self.title.setText(self.tr("Lập báo cáo tổng hợp kỳ %1").replace("%1", code))

    def narrative(self) -> dict[str, str]:
        return {"danh_gia_chung": self.assessment.toPlainText(), "de_xuat_chung": self.proposals.toPlainText()}

    def save(self) -> None:
        svc.save_narrative(self.win.ctx, self.period, self.narrative())
        self.win.notify(self.tr("Đã lưu đánh giá và đề xuất."))

    def targets(self) -> tuple[Path, Path]:
        d = self.folder.folder()
        return d / f"tong-hop-{self.period}.xlsx", d / f"tong-hop-{self.period}.docx"

    def publish(self) -> None:
        from reportdesk.errors import UserError
        from reportdesk.ui.operations import show_error

        d = self.folder.folder()
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError:
            show_error(self, UserError(f"Không tạo được thư mục {d}."))
            return
        xlsx, docx = self.targets()
        ctx, period, narrative = self.win.ctx, self.period, self.narrative()
        WriteOp(self, lambda t: svc.publish(ctx, period, xlsx=xlsx, docx=docx, narrative=narrative,
                                           progress=t.progress, cancel=t.cancel),
                success=self._done, kind="publish").with_progress(self.tr("Đang lập báo cáo tổng hợp…")).run_in_background()

    def _done(self, res) -> None:
        if res.cancelled:
            self.result.setText(self.tr("Đã dừng; chưa ghi tệp nào."))
            return
        self.written = list(res.written)
        self.result.setText(self.tr("Đã ghi:") + "\n" + "\n".join(str(p) for p in self.written))
        self.open_btn.setEnabled(True)

    def open_folder(self) -> None:
        self.win.open_path(self.folder.folder())


class MissingModel(KeyedTableModel):
    columns = (QT_TRANSLATE_NOOP("consolidation", "Đơn vị"), QT_TRANSLATE_NOOP("consolidation", "Biểu mẫu"),
               QT_TRANSLATE_NOOP("consolidation", "Hạn gửi"), QT_TRANSLATE_NOOP("consolidation", "Số ngày quá hạn"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[svc.MissingReport] = []

    def set_rows(self, rows) -> None:
        self.rows = list(rows)
        self.set_keys(range(len(self.rows)))

    def cell(self, key, column):
        r = self.rows[key]
        return (r.unit_name, r.form_id, vnlocale.format_date(r.deadline), r.days_overdue)[column]

    def sort_value(self, key, column):
        r = self.rows[key]
        if column == 2:
            return (0, r.deadline.toordinal())
        if column == 3:
            return (0, r.days_overdue)
        return super().sort_value(key, column)


class ReminderPage(QWidget):
    def __init__(self, window):
        super().__init__()
        self.win = window
        self.period: str | None = None
        self.written: Path | None = None
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Công văn đôn đốc"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        row = QHBoxLayout()
        self.date = QDateEdit()
        self.date.setDisplayFormat(vnlocale.DATE_FORMAT_QT)
        self.date.setCalendarPopup(True)
        self.date.setDate(vnlocale.to_qdate(dt.datetime.now(VN).date()))
        row.addWidget(QLabel(self.tr("Tính đến ngày:")))
        row.addWidget(self.date)
        row.addStretch(1)
        lay.addLayout(row)
        self.info = QLabel()
        self.info.setWordWrap(True)
        lay.addWidget(self.info)
        self.model = MissingModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        lay.addWidget(self.view, 1)
        out = QFormLayout()
        self.folder = FolderRow(Path(window.ctx.data_dir) / "tong-hop")
        out.addRow(self.tr("Thư mục lưu:"), self.folder)
        lay.addLayout(out)
        brow = QHBoxLayout()
        self.write_btn = QPushButton(self.tr("Lập &công văn đôn đốc (Word)"))
        self.open_btn = QPushButton(self.tr("&Mở thư mục"))
        self.open_btn.setEnabled(False)
        brow.addWidget(self.write_btn)
        brow.addWidget(self.open_btn)
        brow.addStretch(1)
        lay.addLayout(brow)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.date.dateChanged.connect(lambda _d: self.refresh())
        self.write_btn.clicked.connect(self.write)
        self.open_btn.clicked.connect(lambda: self.win.open_path(self.folder.folder()))

    def today(self) -> dt.date:
        return self.date.date().toPython()

    def set_period(self, code: str) -> None:
        self.period = code
        self.title.setText(self.tr("Công văn đôn đốc kỳ %1").replace("%1", code))
        self.model.set_rows([])  # loaded when the screen is shown (the window marks it stale)

    def refresh(self) -> None:
        if not self.period:
            return
        ctx, period, today = self.win.ctx, self.period, self.today()
        QueryOp(self, lambda _t: svc.missing_for_reminder(ctx, period, today), success=self._loaded,
                kind="missing").run_in_background()

    def _loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.info.setText(self.tr("%1 báo cáo chưa gửi sau hạn; công văn liệt kê đúng các đơn vị này.")
                          .replace("%1", str(len(rows))) if rows else
                          self.tr("Không có đơn vị nào chưa gửi sau hạn."))
        self.write_btn.setEnabled(bool(rows))

    def target(self) -> Path:
        return self.folder.folder() / f"cong-van-don-doc-{self.period}.docx"

    def write(self) -> None:
        ctx, period, today = self.win.ctx, self.period, self.today()
        path = self.target()
        path.parent.mkdir(parents=True, exist_ok=True)

        def done(rows) -> None:
            self.written = path
            self.result.setText(self.tr("Đã ghi %1 (%2 đơn vị).").replace("%1", str(path)).replace("%2", str(len(rows))))
            self.open_btn.setEnabled(True)

        WriteOp(self, lambda _t: svc.write_reminder_letter(ctx, period, path, today=today), success=done,
                kind="reminder").run_in_background()


def open_url(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
