"""Consolidation side: write receipts ("giấy biên nhận") for every merged revision of a period not yet
acknowledged, one file per revision, into a chosen folder (``services.wayback.write_receipts``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QVBoxLayout

from reportdesk.ui import operations as ops
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.wayback.common import AMBER, GREEN, FolderRow, add_line, passphrase_field, result_list


class ReceiptsDialog(Retranslating, QDialog):
    def __init__(self, ctx, period: str, parent=None, *, folder: Path | None = None,
                 passphrase_hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("receiptsDialog")
        self.ctx = ctx
        self.period = period
        self.result_ = None
        self.setMinimumSize(680, 420)
        p = ctx.calendar.get(period)
        self.period_label = p.label if p else period
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.folder = FolderRow(folder or Path.home(), self, object_name="receiptsFolder")
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder.edit)
        self.passphrase = passphrase_field(passphrase_hint, "receiptsPassphrase")
        self.passphrase.textChanged.connect(lambda _t: self._update())
        self.passphrase.returnPressed.connect(self.write)
        self.pass_label = QLabel()
        self.pass_label.setBuddy(self.passphrase)
        form = QFormLayout()
        form.addRow(self.folder_label, self.folder)
        form.addRow(self.pass_label, self.passphrase)
        self.summary = QLabel()
        self.summary.setObjectName("receiptsSummary")
        self.summary.setWordWrap(True)
        self.results = result_list("receiptsResults")
        self.write_button = QPushButton()
        self.write_button.setObjectName("writeReceiptsButton")
        self.write_button.setDefault(True)
        self.write_button.clicked.connect(self.write)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bb = QDialogButtonBox()
        bb.addButton(self.write_button, QDialogButtonBox.ButtonRole.AcceptRole)
        bb.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.what)
        lay.addLayout(form)
        lay.addWidget(self.summary)
        lay.addWidget(self.results, 1)
        lay.addWidget(bb)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Lập giấy biên nhận"))
        self.what.setText(self.tr("Giấy biên nhận cho mọi lần gửi đã nhận của %1 mà chưa lập giấy biên nhận: mỗi lần gửi "
                                  "một tệp .rdrcpt, ký số của Cục ATMT và mã hóa cho đơn vị. Lần chạy sau không lập lại "
                                  "những giấy đã lập.").replace("%1", self.period_label))
        self.folder_label.setText(self.tr("Thư mục &ghi tệp:"))
        self.pass_label.setText(self.tr("&Mật khẩu khóa ký số:"))
        self.write_button.setText(self.tr("&Lập giấy biên nhận"))
        self.close_button.setText(self.tr("Đó&ng"))
        self.folder.browse.setText(self.tr("Chọn…"))

    def _update(self) -> None:
        self.write_button.setEnabled(bool(self.passphrase.text()))

    def write(self) -> None:
        if not self.write_button.isEnabled():
            return
        from reportdesk.services.wayback import write_receipts

        pw = self.passphrase.text()
        self.passphrase.clear()
        folder = self.folder.path()
        ops.WriteOp(self, lambda t: write_receipts(self.ctx, self.period, folder, pw, progress=t.progress, cancel=t.cancel),
                    success=self._written, label=self.tr("Đang lập giấy biên nhận…"),
                    kind="receipts").with_progress().run_in_background()

    def _written(self, res) -> None:
        self.result_ = res
        self.results.clear()
        if not res.written and not res.warnings:
            self.summary.setText(self.tr("Không có lần gửi nào chưa lập giấy biên nhận."))
        else:
            self.summary.setText(self.tr("Đã lập %1 giấy biên nhận trong %2.").replace("%1", str(len(res.written)))
                                 .replace("%2", str(self.folder.path())))
        for w in res.written:
            late = (w.body or {}).get("timeliness") == "late"
            when = self.tr("trễ hạn %1 ngày").replace("%1", str(w.body.get("days_late"))) if late else self.tr("đúng hạn")
            rev = self.tr("lần gửi %1").replace("%1", str(w.revision))
            add_line(self.results, f"✓ {w.path.name} — {w.unit_code} · {rev} · {when}", GREEN, str(w.path))
        for text in res.warnings:
            add_line(self.results, "⚠ " + text, AMBER)
        self.summary.setStyleSheet("font-weight: bold;")
