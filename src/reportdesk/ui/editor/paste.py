"""The preview of a pasted block: every cell as it will be stored, the refused ones in red with the
reason; "Dán vào bảng" only when nothing is refused."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QTableView, QVBoxLayout

from reportdesk.ui.editor.i18n import label, t
from reportdesk.ui.editor.pasteplan import PastePlan
from reportdesk.ui.editor.values import caption, show_value
from reportdesk.ui.rowheader import RowHeader
from reportdesk.ui.multidata import (  # the roles as ints, named as this module's own
    DISPLAY as _DISPLAY,
    BACKGROUND as _BACKGROUND,
    FOREGROUND as _FOREGROUND,
    FONT as _FONT,
    TOOLTIP as _TOOLTIP,
    MultiDataMixin,
)

REFUSED_BG = QColor("#f8c9c4")
REFUSED_FG = QColor("#8a1f11")


class PastePreviewModel(MultiDataMixin, QAbstractTableModel):
    """The block as it would be stored; refused cells show what was pasted, in red, with the reason."""

    def __init__(self, plan: PastePlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.columns = list(plan.table.columns)
        self._texts: dict[tuple[int, int], str] = {}

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.plan.n_rows

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.plan.n_cols

    def _col(self, j: int):
        c = self.plan.start_col + j
        return self.columns[c] if c < len(self.columns) else None

    def _text(self, i: int, j: int) -> str:
        """What a cell shows, made once (the view asks again at every paint)."""
        key = (i, j)
        text = self._texts.get(key)
        if text is None:
            line = self.plan.cells[i]
            raw = line[j] if j < len(line) else ""
            col = self._col(j)
            r = self.plan.start_row + i
            if key in self.plan.refused or col is None or r >= len(self.plan.rows):
                text = raw
            else:
                text = show_value(col, self.plan.rows[r].get(col.id))
            self._texts[key] = text
        return text

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        i, j = index.row(), index.column()
        if not (0 <= i < self.plan.n_rows and 0 <= j < self.plan.n_cols):
            return None
        if not isinstance(role, int):
            role = role.value
        if role == _DISPLAY:
            return self._text(i, j)
        reason = self.plan.refused.get((i, j)) if self.plan.refused else None
        if reason is None:
            return None
        if role == _BACKGROUND:
            return QBrush(REFUSED_BG)
        if role == _FOREGROUND:
            return QBrush(REFUSED_FG)
        if role == _FONT:
            f = QFont()
            f.setBold(True)
            return f
        if role == _TOOLTIP:
            return reason
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < self.plan.n_cols:
                return None
            col = self._col(section)
            return caption(col) if col is not None else t("(ngoài bảng)")
        if not 0 <= section < self.plan.n_rows:
            return None
        return str(self.plan.start_row + section + 1)


class PasteDialog(QDialog):
    def __init__(self, plan: PastePlan, parent=None):
        super().__init__(parent)
        self.plan = plan
        self.setObjectName("pastePreview")
        self.setWindowTitle(t("Xem trước khối dán"))
        self.resize(1000, 560)
        lay = QVBoxLayout(self)
        self.summary = QLabel(plan.summary())
        self.summary.setWordWrap(True)
        self.summary.setObjectName("pasteSummary")
        if not plan.ok:
            self.summary.setStyleSheet("color: #8a1f11; font-weight: bold;")
        lay.addWidget(self.summary)
        self.model = PastePreviewModel(plan, self)
        self.view = QTableView(self)
        self.view.setVerticalHeader(RowHeader(self.view))
        self.view.setModel(self.model)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(24)
        hh = self.view.horizontalHeader()
        hh.setDefaultSectionSize(150)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        hh.setFixedHeight(self.fontMetrics().height() * 3 + 10)
        hh.setHighlightSections(False)
        if plan.start_col == 0 and plan.n_cols:
            self.view.setColumnWidth(0, 230)  # the names
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        lay.addWidget(self.view, 1)
        self.reasons = QLabel()
        self.reasons.setWordWrap(True)
        self.reasons.setObjectName("pasteReasons")
        if plan.refused:
            shown = sorted(plan.refused.items())[:8]
            lines = [t("Dòng %1, cột «%2»: %3", plan.start_row + i + 1, self._label(j), why) for (i, j), why in shown]
            if len(plan.refused) > len(shown):
                lines.append(t("… và %1 ô khác.", len(plan.refused) - len(shown)))
            self.reasons.setText("\n".join(lines))
            self._first = min(plan.refused)
        lay.addWidget(self.reasons)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(t("&Dán vào bảng"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(t("&Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok_button.setEnabled(plan.ok)
        self.ok_button.setDefault(plan.ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        first = getattr(self, "_first", None)
        if first is not None:  # the first refused cell in view, the names column too when it fits
            self.view.scrollTo(self.model.index(*first), QTableView.ScrollHint.PositionAtCenter)
            col = first[1]
            if sum(self.view.columnWidth(c) for c in range(col + 1)) <= self.view.viewport().width():
                self.view.horizontalScrollBar().setValue(0)

    def _label(self, j: int) -> str:
        col = self.model._col(j)
        return label(col) if col is not None else t("ngoài bảng")
