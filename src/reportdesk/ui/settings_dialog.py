"""Settings: the window's language (Tiếng Việt / English), applied at once and kept in the data dir."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

from reportdesk.ui import i18n
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.screen import FitsScreen


class SettingsDialog(FitsScreen, Retranslating, QDialog):
    def __init__(self, ctx, parent=None, *, settings_dir=None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.ctx = ctx
        self.settings_dir = settings_dir or getattr(parent, "settings_dir", None) or ctx.data_dir
        self.language = QComboBox()
        self.language.setObjectName("languageCombo")
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(i18n.current_language())))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.lang_label = QLabel()
        self.lang_label.setBuddy(self.language)
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.lang_label, self.language)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.note)
        lay.addWidget(buttons)
        self.setMinimumWidth(520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Cài đặt"))
        self.lang_label.setText(self.tr("&Ngôn ngữ giao diện:"))
        self.note.setText(self.tr("Số và ngày luôn viết theo kiểu Việt Nam (1.234,5 và dd/mm/yyyy)."))

    def _language_changed(self, _index: int) -> None:
        set_language(self.language.currentData(), self.settings_dir)


def set_language(lang: str, settings_dir) -> str:
    """Applies a language at once (every window retranslates itself) and keeps the choice."""
    lang = i18n.install(lang)
    i18n.save_language(settings_dir, lang)
    return lang
