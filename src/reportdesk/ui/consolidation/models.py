"""The table models of the consolidation window.

Like Anki's browser model, a model holds only the ids of its rows (a key per row) and asks a lookup for a
row's content when a cell is painted; nothing is formatted before it is shown. Sorting reorders the ids.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from reportdesk.ui import i18n, vnlocale
from reportdesk.ui.multidata import (  # the roles as ints, named as this module's own
    DISPLAY as _DISPLAY,
    EDIT as _EDIT,
    BACKGROUND as _BACKGROUND,
    TOOLTIP as _TOOLTIP,
    ALIGN as _ALIGN,
    FONT as _FONT,
    USER as _USER,
    MultiDataMixin,
)


STATE_COLOURS = {
    "on_time": "#c8e6c9",
    "late": "#ffe0b2",
    "missing": "#ffcdd2",
    "quarantined": "#d1c4e9",
    "held": "#b3e5fc",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("consolidation", text)


class KeyedTableModel(MultiDataMixin, QAbstractTableModel):
    """Rows are keys; ``cell(key, column)`` gives the text, ``sort_value`` the sort key (lazy)."""

    columns: Sequence[str] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._keys: list[Any] = []
        self._label_cache: tuple[str, list[str]] | None = None
        self.modelAboutToBeReset.connect(self._forget_labels)
        self.headerDataChanged.connect(self._forget_labels)

    def _forget_labels(self, *_a) -> None:
        self._label_cache = None

    def _labels(self) -> list[str]:
        """The column headers, made once per language and content (Qt asks for the column count at
        every turn of painting)."""
        lang = i18n.current_language()
        if self._label_cache is None or self._label_cache[0] != lang:
            self._label_cache = (lang, list(self.header_labels()))
        return self._label_cache[1]

    # content ----------------------------------------------------------------------------------
    def set_keys(self, keys: Sequence[Any]) -> None:
        self.beginResetModel()
        self._keys = list(keys)
        self.endResetModel()

    def keys(self) -> list[Any]:
        return list(self._keys)

    def key_at(self, row: int) -> Any:
        return self._keys[row]

    def header_labels(self) -> list[str]:
        return [_tr(c) for c in self.columns]

    def cell(self, key: Any, column: int) -> Any:  # pragma: no cover - overridden
        return ""

    def background(self, key: Any, column: int) -> str | None:
        return None

    def tooltip(self, key: Any, column: int) -> str | None:
        return None

    def alignment(self, column: int) -> Qt.AlignmentFlag | None:
        return None

    def font(self, key: Any, column: int):
        return None

    # Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._labels())

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != _DISPLAY:
            return None
        if orientation == Qt.Orientation.Horizontal:
            labels = self._labels()
            return labels[section] if 0 <= section < len(labels) else None
        return str(section + 1)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._keys):
            return None
        if not isinstance(role, int):
            role = role.value
        key = self._keys[row]
        col = index.column()
        if role == _DISPLAY or role == _EDIT:
            v = self.cell(key, col)
            return "" if v is None else str(v)
        if role == _BACKGROUND:
            c = self.background(key, col)
            return QBrush(QColor(c)) if c else None
        if role == _TOOLTIP:
            return self.tooltip(key, col)
        if role == _ALIGN:
            a = self.alignment(col)
            return int(a | Qt.AlignmentFlag.AlignVCenter) if a is not None else None
        if role == _FONT:
            return self.font(key, col)
        if role == _USER:
            return key
        return None

    def flags(self, index: QModelIndex):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort_value(self, key: Any, column: int) -> Any:
        v = self.cell(key, column)
        return vnlocale.sort_key(v) if isinstance(v, str) else (0, v) if v is not None else (1, 0)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not (0 <= column < self.columnCount()):
            return
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        old_keys = [(self._keys[i.row()], i.column()) for i in old]

        def k(key):
            v = self.sort_value(key, column)
            return (0, v) if not isinstance(v, tuple) else v

        try:
            self._keys.sort(key=k, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:
            self._keys.sort(key=lambda key: str(self.cell(key, column)), reverse=order == Qt.SortOrder.DescendingOrder)
        pos = {id(x): i for i, x in enumerate(self._keys)}
        self.changePersistentIndexList(old, [self.index(pos.get(id(key), 0), c) for key, c in old_keys])
        self.layoutChanged.emit()


class FoldFilterProxy(QSortFilterProxyModel):
    """Tone-insensitive text filter over every column, plus an optional predicate on the row key."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._query = ""
        self._pred: Callable[[Any], bool] | None = None

    def _refilter(self, change) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            change()
            self.invalidateRowsFilter()

    def set_query(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "_query", text.strip()))

    def set_predicate(self, pred: Callable[[Any], bool] | None) -> None:
        self._refilter(lambda: setattr(self, "_pred", pred))

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:  # noqa: N802
        m = self.sourceModel()
        if self._pred is not None and not self._pred(m.key_at(row)):
            return False
        if not self._query:
            return True
        texts = [str(m.data(m.index(row, c)) or "") for c in range(m.columnCount())]
        return vnlocale.matches(self._query, *texts)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)


def copy_selection(view) -> str:
    """The selected cells as tab-separated text (rows in view order), header first."""
    from PySide6.QtGui import QGuiApplication

    model = view.model()
    idx = view.selectionModel().selectedIndexes() if view.selectionModel() else []
    if not idx:
        return ""
    rows = sorted({i.row() for i in idx})
    cols = sorted({i.column() for i in idx})
    lines = ["\t".join(str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in cols)]
    for r in rows:
        lines.append("\t".join(str(model.data(model.index(r, c)) or "") for c in cols))
    text = "\n".join(lines)
    QGuiApplication.clipboard().setText(text)
    return text
