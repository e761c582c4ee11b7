"""Consolidation side: publish a signed update (new form versions, calendar changes, registry changes)
with the next sequence number, for every approved unit (``services.wayback.publish_update``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListWidget, QPushButton, QVBoxLayout, QWidget)

from reportdesk.ui import operations as ops
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.wayback.common import GREEN, FolderRow, passphrase_field


class _FileRow(QWidget):
    def __init__(self, name: str, parent=None):
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.browse.text().replace("&", ""), self.edit.text(), "YAML (*.yaml *.yml)")
        if name:
            self.edit.setText(name)

    def path(self) -> Path | None:
        t = self.edit.text().strip()
        return Path(t) if t else None


class UpdateDialog(Retranslating, QDialog):
    def __init__(self, ctx, parent=None, *, folder: Path | None = None, passphrase_hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("updateDialog")
        self.ctx = ctx
        self.result_ = None
        self.setMinimumSize(680, 480)
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.forms = QListWidget()
        self.forms.setObjectName("updateForms")
        self.add_form = QPushButton()
        self.add_form.clicked.connect(self._choose_forms)
        self.remove_form = QPushButton()
        self.remove_form.clicked.connect(lambda: self.forms.takeItem(self.forms.currentRow()) and self._update())
        fb = QVBoxLayout()
        fb.addWidget(self.add_form)
        fb.addWidget(self.remove_form)
        fb.addStretch(1)
        forms = QHBoxLayout()
        forms.addWidget(self.forms, 1)
        forms.addLayout(fb)
        self.calendar = _FileRow("updateCalendar")
        self.units = _FileRow("updateUnits")
        for r in (self.calendar, self.units):
            r.edit.textChanged.connect(lambda _t: self._update())
        self.folder = FolderRow(folder or Path.home(), self, object_name="updateFolder")
        self.passphrase = passphrase_field(passphrase_hint, "updatePassphrase")
        self.passphrase.textChanged.connect(lambda _t: self._update())
        self.labels = [QLabel() for _ in range(5)]
        for lab, w in zip(self.labels, (self.forms, self.calendar.edit, self.units.edit, self.folder.edit, self.passphrase)):
            lab.setBuddy(w)
        form = QFormLayout()
        form.addRow(self.labels[0], forms)
        form.addRow(self.labels[1], self.calendar)
        form.addRow(self.labels[2], self.units)
        form.addRow(self.labels[3], self.folder)
        form.addRow(self.labels[4], self.passphrase)
        self.result_label = QLabel()
        self.result_label.setObjectName("updateResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.publish_button = QPushButton()
        self.publish_button.setObjectName("publishButton")
        self.publish_button.clicked.connect(self.publish)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bb = QDialogButtonBox()
        bb.addButton(self.publish_button, QDialogButtonBox.ButtonRole.AcceptRole)
        bb.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.what)
        lay.addLayout(form, 1)
        lay.addWidget(self.result_label)
        lay.addWidget(bb)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        from reportdesk.store.wayback import UPDATE_SEQUENCE_KEY

        try:
            nxt = int(self.ctx.store().get_meta(UPDATE_SEQUENCE_KEY) or 0) + 1
        except Exception:  # noqa: BLE001
            nxt = 1
        self.setWindowTitle(self.tr("Phát hành bản cập nhật"))
        self.what.setText(self.tr("Bản cập nhật số %1: các phiên bản biểu mẫu mới, thay đổi lịch báo cáo (kỳ đột xuất, "
                                  "hạn gửi) và danh mục đơn vị, ký số của Cục ATMT, mã hóa cho mọi đơn vị có chứng thư đã "
                                  "phê duyệt. Đơn vị chỉ áp dụng bản có số lớn hơn bản đã áp dụng.").replace("%1", str(nxt)))
        for lab, text in zip(self.labels, (self.tr("&Biểu mẫu (YAML):"), self.tr("&Lịch báo cáo:"),
                                           self.tr("&Danh mục đơn vị:"), self.tr("Thư mục &ghi tệp:"),
                                           self.tr("&Mật khẩu khóa ký số:"))):
            lab.setText(text)
        self.add_form.setText(self.tr("&Thêm…"))
        self.remove_form.setText(self.tr("&Bỏ"))
        self.calendar.browse.setText(self.tr("Chọn…"))
        self.units.browse.setText(self.tr("Chọn…"))
        self.folder.browse.setText(self.tr("Chọn…"))
        self.publish_button.setText(self.tr("&Phát hành (.rdupd)"))
        self.close_button.setText(self.tr("Đó&ng"))

    def _choose_forms(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, self.tr("Chọn biểu mẫu"), str(Path.home()), "YAML (*.yaml *.yml)")
        self.add_forms(names)

    def add_forms(self, paths) -> None:
        for p in paths:
            self.forms.addItem(str(p))
        self._update()

    def form_paths(self) -> list[Path]:
        return [Path(self.forms.item(i).text()) for i in range(self.forms.count())]

    def _update(self) -> None:
        has = bool(self.form_paths() or self.calendar.path() or self.units.path())
        self.publish_button.setEnabled(has and bool(self.passphrase.text()) and self.result_ is None)

    def publish(self) -> None:
        if not self.publish_button.isEnabled():
            return
        from reportdesk.services.wayback import publish_update

        pw = self.passphrase.text()
        self.passphrase.clear()
        folder, forms, cal, units = self.folder.path(), self.form_paths(), self.calendar.path(), self.units.path()

        def work(_t):
            folder.mkdir(parents=True, exist_ok=True)
            return publish_update(self.ctx, str(folder) + "/", pw, forms=forms, calendar=cal, units=units)

        ops.WriteOp(self, work, success=self._published, label=self.tr("Đang ký và ghi bản cập nhật…"),
                    kind="update").with_progress(cancellable=False).run_in_background()

    def _published(self, res) -> None:
        self.result_ = res
        parts = [", ".join(res.forms)] if res.forms else []
        if res.calendar:
            parts.append(self.tr("lịch báo cáo"))
        if res.units:
            parts.append(self.tr("danh mục đơn vị"))
        self.result_label.setText(self.tr("Đã ghi bản cập nhật số %1 (%2) vào %3, cho %4 đơn vị.")
                                  .replace("%1", str(res.sequence)).replace("%2", "; ".join(parts))
                                  .replace("%3", str(res.path)).replace("%4", str(len(res.recipients))))
        self.result_label.setStyleSheet(f"color: {GREEN.name()}; font-weight: bold;")
        self._update()
