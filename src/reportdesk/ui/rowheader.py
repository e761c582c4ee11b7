"""The row numbers of a table view, sized without asking the model about every row."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle


class RowHeader(QHeaderView):
    """The row numbers. Qt's own size hint asks the model for the header of hundreds of rows at every
    layout (one Python call per row and role); the numbers are digits, so the width is that of the
    widest number (the last row's), measured once per number of digits."""

    def __init__(self, parent=None):
        super().__init__(Qt.Orientation.Vertical, parent)
        self._hint: tuple[int, QSize] | None = None

    def sizeHint(self) -> QSize:
        n = self.count()
        last = self.model().headerData(n - 1, Qt.Orientation.Vertical) if n and self.model() is not None else None
        text = str(last) if last not in (None, "") else str(max(1, n))
        digits = max(1, len(text))
        if self._hint is None or self._hint[0] != digits:
            bold = QFont(self.font())
            bold.setBold(True)  # as Qt measures a section: room for the current row's bold number
            margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
            width = QFontMetrics(bold).horizontalAdvance("8" * digits) + 2 * margin + 12  # the style's frame and padding
            self._hint = (digits, QSize(max(width, 28), self.defaultSectionSize()))
        return QSize(self._hint[1])

    def changeEvent(self, event) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._hint = None
        super().changeEvent(event)
