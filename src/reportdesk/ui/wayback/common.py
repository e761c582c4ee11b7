"""Small pieces the way-back dialogs share: a folder chooser row, the passphrase field, result lists."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QWidget

RED = QColor("#b3261e")
GREEN = QColor("#1b6e3a")
AMBER = QColor("#8a5a00")


def _t(text: str) -> str:
    return QCoreApplication.translate("wayback", text)


class FolderRow(QWidget):
    """A folder: typed, or chosen with «Chọn…»."""

    def __init__(self, folder: Path | str, parent=None, *, object_name: str = "folder"):
        super().__init__(parent)
        self.edit = QLineEdit(str(folder))
        self.edit.setObjectName(object_name)
        self.browse = QPushButton(QCoreApplication.translate("wayback", "Chọn…"))
        self.browse.clicked.connect(self._browse)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.edit, 1)
        lay.addWidget(self.browse)

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, QCoreApplication.translate("wayback", "Chọn thư mục"), self.edit.text())
        if d:
            self.edit.setText(d)

    def path(self) -> Path:
        return Path(self.edit.text().strip())


def passphrase_field(hint: str | None = None, name: str = "passphrase") -> QLineEdit:
    e = QLineEdit()
    e.setObjectName(name)
    e.setEchoMode(QLineEdit.EchoMode.Password)
    if hint:
        e.setPlaceholderText(hint)
    return e


def result_list(name: str) -> QListWidget:
    w = QListWidget()
    w.setObjectName(name)
    w.setWordWrap(True)
    w.setAlternatingRowColors(True)
    return w


def add_line(lst: QListWidget, text: str, color: QColor | None = None, tip: str | None = None) -> QListWidgetItem:
    item = QListWidgetItem(text)
    if color is not None:
        item.setForeground(QBrush(color))
    if tip:
        item.setToolTip(tip)
    lst.addItem(item)
    return item
