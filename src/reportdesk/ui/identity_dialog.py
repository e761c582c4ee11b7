"""The unit's signing identity and the consolidation certificate: what to read out over the phone
(fingerprints in groups of four), add the Cục ATMT certificate, save the unit's own certificate."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QMessageBox, QPushButton, QVBoxLayout)

from reportdesk.errors import UserError
from reportdesk.ui import operations as ops
from reportdesk.ui import vnlocale as vn
from reportdesk.ui.home import default_folder
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.screen import FitsScreen


def _mono(label: QLabel) -> QLabel:
    f = label.font()
    f.setFamily("DejaVu Sans Mono")
    f.setStyleHint(f.StyleHint.Monospace)
    label.setFont(f)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    return label


class IdentityDialog(FitsScreen, Retranslating, QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.ctx = ctx
        self.setMinimumWidth(640)
        self.own_title = QLabel()
        self.own_title.setStyleSheet("font-weight: bold;")
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.validity = QLabel()
        self.fingerprint = _mono(QLabel())
        self.fingerprint.setObjectName("ownFingerprint")
        self.rec_title = QLabel()
        self.rec_title.setStyleSheet("font-weight: bold;")
        self.recipients = _mono(QLabel())
        self.recipients.setObjectName("recipientFingerprints")
        self.add_button = QPushButton()
        self.add_button.setObjectName("addRecipient")
        self.add_button.clicked.connect(self._add)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveCertificate")
        self.save_button.clicked.connect(self._save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setStyleSheet("color: #555;")
        self.l_subject, self.l_valid, self.l_fp = QLabel(), QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.l_subject, self.subject)
        form.addRow(self.l_valid, self.validity)
        form.addRow(self.l_fp, self.fingerprint)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addWidget(self.add_button)
        row.addStretch(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.own_title)
        lay.addLayout(form)
        lay.addSpacing(8)
        lay.addWidget(self.rec_title)
        lay.addWidget(self.recipients)
        lay.addWidget(self.note)
        lay.addLayout(row)
        lay.addWidget(buttons)
        self._loaded, self._info, self._error, self._recips = False, None, None, []
        self.retranslate()
        self.load()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Khóa ký số và chứng thư"))
        self.own_title.setText(self.tr("Chứng thư của đơn vị (Cục ATMT đối chiếu khi nhận gói đầu tiên)"))
        self.l_subject.setText(self.tr("Chủ thể:"))
        self.l_valid.setText(self.tr("Hiệu lực:"))
        self.l_fp.setText(self.tr("Dấu vân tay (SHA-256):"))
        self.rec_title.setText(self.tr("Chứng thư của Cục ATMT (người nhận gói)"))
        self.add_button.setText(self.tr("&Thêm chứng thư Cục ATMT…"))
        self.save_button.setText(self.tr("&Lưu chứng thư của đơn vị…"))
        self.note.setText(self.tr("So dấu vân tay qua điện thoại, đọc từng nhóm bốn ký tự."))
        self._show()

    def load(self) -> None:
        """Reads the unit's certificate and the pinned recipients in a QueryOp ("Đang đọc…" meanwhile)."""
        from reportdesk.services.identity import identity_info, list_recipients

        ctx = self.ctx

        def work(t):
            try:
                info, error = identity_info(ctx), None
            except UserError as exc:
                info, error = None, exc.message
            return info, error, list_recipients(ctx)

        def done(result) -> None:
            self._info, self._error, self._recips = result
            self._loaded = True
            self._show()

        self._loaded = False
        self._show()
        ops.QueryOp(self, work, success=done, kind="identity-info").run_in_background()

    def _show(self) -> None:
        if not self._loaded:
            self.subject.setText(self.tr("Đang đọc…"))
            self.validity.setText("")
            self.fingerprint.setText("")
            self.recipients.setText("")
            return
        info = self._info
        if info is not None:
            self.subject.setText(info.subject)
            self.validity.setText(self.tr("%1 – %2").replace("%1", vn.format_date(info.not_before))
                                  .replace("%2", vn.format_date(info.not_after)))
            self.fingerprint.setText(info.fingerprint)
        else:
            self.subject.setText(self._error or "")
        self.recipients.setText("\n".join(f"{c.fingerprint}  ({c.unit_code or c.subject})" for c in self._recips)
                                or self.tr("Chưa có: cần thêm trước khi xuất gói."))

    def _add(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn chứng thư của Cục ATMT"), str(default_folder()),
                                              self.tr("Chứng thư (*.pem *.cer *.crt *.der);;Mọi tệp (*)"))
        if name:
            self.add_recipient(Path(name))

    def add_recipient(self, path: Path, *, confirm=None) -> None:
        """Shows the certificate's fingerprint, and pins it once the person says it matches."""
        from reportdesk.services.identity import add_recipient, read_certificate

        def read(info) -> None:  # UI thread: the fingerprint was read off it
            ask = confirm or self._confirm
            if not ask(info):
                return
            ops.WriteOp(self, lambda t: add_recipient(self.ctx, path), success=lambda _i: self.load(),
                        kind="recipient").run_in_background()

        ops.QueryOp(self, lambda t: read_certificate(path), success=read, kind="read-certificate").run_in_background()

    def _confirm(self, info) -> bool:
        text = self.tr("Dấu vân tay của chứng thư này:\n%1\n\nĐã đọc đối chiếu với Cục ATMT và khớp?").replace(
            "%1", info.fingerprint)
        return QMessageBox.question(self, self.tr("Đối chiếu dấu vân tay"), text) == QMessageBox.StandardButton.Yes

    def _save(self) -> None:
        from reportdesk.services.identity import export_certificate

        code = self.ctx.unit_code or "don-vi"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Lưu chứng thư của đơn vị"),
                                              str(default_folder() / f"chung-thu-{code}.pem"),
                                              self.tr("Chứng thư (*.pem)"))
        if name:
            ops.QueryOp(self, lambda t: export_certificate(self.ctx, Path(name), force=True), kind="cert").run_in_background()
