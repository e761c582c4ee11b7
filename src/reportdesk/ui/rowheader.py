"""The row numbers of a table view, sized without asking the model about every row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader


class RowHeader(QHeaderView):
    """The row numbers. Qt's own size hint asks the model for the header of hundreds of rows at every
    layout (one Python call per row and role); the numbers are digits, so the width is that of the
    widest number, measured once per number of digits."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hint: tuple[int, QSize] | None = None

    def sizeHint(self) -> QSize:
        digits = len(str(max(1, self.count())))
        if self._hint is None or self._hint[0] != digits:
            opt = QStyleOptionHeader()
            self.initStyleOption(opt)
            opt.text = "8" * digits
            opt.section = 0
            size = self.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, opt, QSize(), self)
            self._hint = (digits, QSize(size.width(), self.defaultSectionSize()))
        return QSize(self._hint[1])

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
        super().changeEvent(event)
