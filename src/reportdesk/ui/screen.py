"""Top-level sizes that fit the screen: a 1366x768 laptop at 150 % has only 910x512 logical pixels, so
a window's or dialog's preferred size is clamped to the screen's available geometry."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def available(widget: QWidget | None = None) -> QSize | None:
    screen = (widget.screen() if widget is not None else None) or QGuiApplication.primaryScreen()
    return screen.availableGeometry().size() if screen is not None else None


def fit_to_screen(widget: QWidget, size: QSize, minimum: QSize | None = None) -> QSize:
    """Resizes ``widget`` to ``size`` (and sets ``minimum``), neither larger than the available screen."""
    room = available(widget)
    if room is not None:
        size = size.boundedTo(room)
        if minimum is not None:
            minimum = minimum.boundedTo(room)
    if minimum is not None:
        widget.setMinimumSize(minimum)
    widget.resize(size)
    return size


class FitsScreen:
    """Mixin for dialogs: when shown, never larger than the screen's available geometry."""

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)  # type: ignore[misc]
        room = available(self)  # type: ignore[arg-type]
        if room is not None and (self.width() > room.width() or self.height() > room.height()):  # type: ignore[attr-defined]
            self.setMinimumSize(self.minimumSize().boundedTo(room))  # type: ignore[attr-defined]
            self.resize(self.size().boundedTo(room))  # type: ignore[attr-defined]
