"""The window's languages: Vietnamese (the source language of every string) and English.

Every visible string is written in Vietnamese in the code (``self.tr("…")`` /
``QCoreApplication.translate(context, "…")``). English comes from the Qt Linguist file
``resources/translations/reportdesk_en.ts``, compiled to ``.qm`` by ``make translations`` (part of
``make run`` and ``make test``). Qt's own strings (OK/Cancel, the wizard's Back/Next, the file dialog,
the text fields' context menu) come in Vietnamese from ``qtbase_vi.ts``, because PySide6 ships no
Vietnamese translation of qtbase.

Changing the language installs the other translators; Qt then sends every widget a LanguageChange
event, and each of our widgets re-sets its texts in ``retranslate()`` (see :class:`Retranslating`).
The choice is kept in ``<data dir>/settings.ini``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings, QTranslator

from reportdesk import paths

log = logging.getLogger("reportdesk.ui.i18n")

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"
SETTINGS_FILE = "settings.ini"

_installed: list[QTranslator] = []
_current = DEFAULT_LANGUAGE


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def settings(data_dir: Path | str) -> QSettings:
    """The app's own settings (language, window geometry), an INI file in the data dir."""
    return QSettings(str(Path(data_dir) / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language(data_dir: Path | str) -> str:
    lang = str(settings(data_dir).value("ui/language", DEFAULT_LANGUAGE) or DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def save_language(data_dir: Path | str, lang: str) -> None:
    s = settings(data_dir)
    s.setValue("ui/language", lang)
    s.sync()


def current_language() -> str:
    return _current


def install(lang: str) -> str:
    """Installs the translators of ``lang`` (replacing the previous ones); returns the language set.

    Numbers and dates stay Vietnamese in both languages (they are Vietnamese administrative data)."""
    global _current
    app = QCoreApplication.instance()
    if lang not in LANGUAGES:
        lang = DEFAULT_LANGUAGE
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese, QLocale.Country.Vietnam))
    for t in _installed:
        QCoreApplication.removeTranslator(t)
    _installed.clear()
    names = ["qtbase_vi"] if lang == "vi" else ["reportdesk_en"]
    for name in names:
        t = QTranslator(app)
        qm = translations_dir() / f"{name}.qm"
        if t.load(str(qm)):
            QCoreApplication.installTranslator(t)
            _installed.append(t)
        else:
            log.warning("không nạp được bản dịch %s", qm)
    _current = lang
    # Qt posts LanguageChange to every widget; deliver it now so the texts change at once
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return lang


def tr(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


class Retranslating:
    """Mixin for our widgets: ``retranslate()`` is called once by the widget and again on every
    language change."""

    def changeEvent(self, event):  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:  # pragma: no cover - overridden
        pass
