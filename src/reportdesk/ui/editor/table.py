"""A table field: a QTableView over a lazy QAbstractTableModel, with a frozen first column, live totals,
row commands, paste from a spreadsheet (with a preview) and fill down.

The model follows Anki's browser model (``aqt/browser/table/model.py``): it holds the ids of its rows,
and the text of a row's cells is made only when the view asks for it (what is on screen), then kept
until that row changes. A 500-row table therefore costs nothing until it is scrolled, and an edit
recomputes one row.
"""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QMenu,
    QStyledItemDelegate, QTableView, QToolButton, QVBoxLayout, QWidget,
)

from reportdesk.domain.explain import warning_key
from reportdesk.domain.forms import NUMERIC, Field, FieldType
from reportdesk.domain.validate import table_totals
from reportdesk.errors import UserError
from reportdesk.exports import vnformat
from reportdesk.ui.editor.i18n import issue_text, label, t
from reportdesk.ui.rowheader import RowHeader
from reportdesk.ui.editor.session import EditorSession
from reportdesk.ui.editor.values import Refused, caption, edit_text, read_cell, show_value
from reportdesk.ui.multidata import (  # the roles as ints, named as this module's own
    DISPLAY as _DISPLAY,
    EDIT as _EDIT,
    USER as _USER,
    ALIGN as _ALIGN,
    BACKGROUND as _BACKGROUND,
    FOREGROUND as _FOREGROUND,
    TOOLTIP as _TOOLTIP,
    MultiDataMixin,
)

ERROR_BG = QColor("#fde3e1")
WARNING_BG = QColor("#fff3cd")
EXPLAINED_BG = QColor("#eef6ee")
LOCKED_BG = QColor("#f1f1f1")
LOCKED_FG = QColor("#555555")
DIALOG_TYPES = (FieldType.textarea, FieldType.multichoice, FieldType.document, FieldType.attachment)

_ids = itertools.count(1)

# alignments and flags made once (data() and flags() run for every painted cell)
_ALIGN_NUMBER = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_ALIGN_TEXT = int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
_FLAGS_LOCKED = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_FLAGS_EDITABLE = _FLAGS_LOCKED | Qt.ItemFlag.ItemIsEditable


class RowsModel(MultiDataMixin, QAbstractTableModel):
    """The rows of one table field of the session (row ids, cells made lazily)."""

    def __init__(self, session: EditorSession, table: Field, parent=None):
        super().__init__(parent)
        self.s = session
        self.table = table
        self.columns = list(table.columns)
        self._ids: list[int] = []
        self._cells: dict[int, list[str]] = {}
        self.reload()

    # --- data of the session --------------------------------------------------------------------
    def rows(self) -> list[dict[str, Any]]:
        return self.s.rows(self.table.id)

    def reload(self) -> None:
        self.beginResetModel()
        self._ids = [next(_ids) for _ in self.rows()]
        self._cells.clear()
        self.endResetModel()

    def row_id(self, row: int) -> int:
        return self._ids[row]

    def _cells_of(self, row: int) -> list[str]:
        rid = self._ids[row]
        cells = self._cells.get(rid)
        if cells is None:
            r = self.rows()[row]
            cells = [show_value(c, r.get(c.id)) for c in self.columns]
            self._cells[rid] = cells
        return cells

    def locked(self, row: int, col: int) -> bool:
        if not self.s.editable:
            return True
        c = self.columns[col]
        return bool(c.readonly and "_key" in self.rows()[row])

    # --- Qt model ------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _FLAGS_LOCKED if self.locked(index.row(), index.column()) else _FLAGS_EDITABLE

    def issues_at(self, row: int, col: int):
        return self.s.cell_issues.get((self.table.id, row, self.columns[col].id), [])

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if not (0 <= r < len(self._ids) and 0 <= c < len(self.columns)):
            return None
        if not isinstance(role, int):
            role = role.value
        if role == _DISPLAY:
            return self._cells_of(r)[c]
        col = self.columns[c]
        if role == _BACKGROUND:
            issues = self.issues_at(r, c)
            if issues:
                if any(i.severity == "error" for i in issues):
                    return QBrush(ERROR_BG)
                if all(self.s.is_explained(i) for i in issues):
                    return QBrush(EXPLAINED_BG)
                return QBrush(WARNING_BG)
            if self.locked(r, c) and self.s.editable:
                return QBrush(LOCKED_BG)
            return None
        if role == _ALIGN:
            return _ALIGN_NUMBER if col.type in NUMERIC else _ALIGN_TEXT
        if role == _FOREGROUND:
            if self.locked(r, c) and self.s.editable:
                return QBrush(LOCKED_FG)
            return None
        if role == _EDIT:
            return edit_text(col, self.rows()[r].get(col.id))
        if role == _USER:
            return self.rows()[r].get(col.id)
        if role == _TOOLTIP:
            issues = self.issues_at(r, c)
            lines = [(t("Lỗi: ") if i.severity == "error" else t("Cảnh báo: ")) + issue_text(self.s.form, i) for i in issues]
            if self.locked(r, c) and self.s.editable:
                lines.append(t("Do Kế hoạch giao, không sửa được."))
            text = self._cells_of(r)[c]
            if not lines and len(text) > 30:
                return text
            return "\n".join(lines) or None
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return caption(col)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(x for x in (caption(col), col.help or "", t("Ô có dấu * là bắt buộc.") if col.required else "") if x)
            return None
        if not 0 <= section < len(self._ids):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        if role == Qt.ItemDataRole.ToolTipRole and "_key" in self.rows()[section]:
            return t("Dòng nhiệm vụ do Kế hoạch giao: không xóa, không sửa các cột của Kế hoạch.")
        return None

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self.locked(index.row(), index.column()):
            return False
        col = self.columns[index.column()]
        if isinstance(value, str):
            value = read_cell(col, value)  # Refused reaches the delegate, which shows it
        self.s.set_cell(self.table.id, index.row(), col.id, value)
        self.row_changed(index.row())
        return True

    # --- changes made through the session ------------------------------------------------------
    def row_changed(self, row: int) -> None:
        self._cells.pop(self._ids[row], None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def insert(self, index: int, values: dict[str, Any] | None = None) -> int:
        index = max(0, min(index, len(self._ids)))
        self.beginInsertRows(QModelIndex(), index, index)
        self.s.add_row(self.table.id, index, values)
        self._ids.insert(index, next(_ids))
        self.endInsertRows()
        return index

    def remove(self, indexes: list[int]) -> None:
        indexes = sorted(set(i for i in indexes if 0 <= i < len(self._ids)))
        if not indexes:
            return
        self.s.delete_rows(self.table.id, indexes)  # raises for a planned row: nothing changed
        for i in reversed(indexes):
            self.beginRemoveRows(QModelIndex(), i, i)
            del self._ids[i]
            self.endRemoveRows()

    def move(self, row: int, delta: int) -> int:
        dest = row + delta
        if not (0 <= row < len(self._ids)) or not (0 <= dest < len(self._ids)):
            return row
        rows = list(self.rows())
        rows[row], rows[dest] = rows[dest], rows[row]
        self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), dest + (1 if delta > 0 else 0))
        self.s.set_rows(self.table.id, rows)
        self._ids[row], self._ids[dest] = self._ids[dest], self._ids[row]
        self.endMoveRows()
        return dest

    def replace_rows(self, rows: list[dict[str, Any]]) -> None:
        """A bulk change (paste, fill down, estimates): one write; the view is reset once (cheaper for
        hundreds of rows than announcing each)."""
        self.beginResetModel()
        try:
            self.s.set_rows(self.table.id, rows)
        finally:
            self._ids = [next(_ids) for _ in self.rows()]
            self._cells.clear()
            self.endResetModel()

    def issues_changed(self) -> None:
        if self._ids:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, len(self.columns) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole])


class CellDelegate(QStyledItemDelegate):
    """Editors by column type; what cannot be read is refused with a message (the cell keeps its value)."""

    refused = Signal(str)

    def __init__(self, model: RowsModel, parent=None):
        super().__init__(parent)
        self.model = model

    def createEditor(self, parent, option, index):
        col = self.model.columns[index.column()]
        if col.type in DIALOG_TYPES:
            return None
        if col.type in (FieldType.choice, FieldType.boolean):
            box = QComboBox(parent)
            box.addItem("", None)
            if col.type == FieldType.boolean:
                box.addItem(t("Có"), True)
                box.addItem(t("Không"), False)
            else:
                for c in col.choices:
                    box.addItem(c.label, c.value)
            return box
        ed = QLineEdit(parent)
        if col.type == FieldType.date:
            ed.setPlaceholderText("dd/mm/yyyy")
        if col.max_length:
            ed.setMaxLength(col.max_length)
        return ed

    def setEditorData(self, editor, index):
        if isinstance(editor, QComboBox):
            v = index.data(Qt.ItemDataRole.UserRole)
            i = editor.findData(v) if v is not None else 0
            editor.setCurrentIndex(max(0, i))
            return
        if isinstance(editor, QLineEdit):
            if not editor.property("typed"):
                editor.setText(index.data(Qt.ItemDataRole.EditRole) or "")
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor, model, index):
        try:
            if isinstance(editor, QComboBox):
                model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
            elif isinstance(editor, QLineEdit):
                model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)
            else:
                super().setModelData(editor, model, index)
        except (Refused, UserError) as exc:
            self.refused.emit(str(exc) if isinstance(exc, Refused) else exc.message)


class FrozenTableView(QTableView):
    """A table view whose first column stays in place when scrolling sideways (Qt's "frozen column"
    example): a second view showing only column 0 lies over the first, sharing model and selection."""

    def __init__(self, model: RowsModel, delegate: CellDelegate, parent=None):
        super().__init__(parent)
        self.setVerticalHeader(RowHeader(self))
        self.setModel(model)
        self.setItemDelegate(delegate)
        self.frozen = QTableView(self)
        self.frozen.setModel(model)
        self.frozen_delegate = CellDelegate(model, self.frozen)  # a view's delegate answers only its own editors
        self.frozen_delegate.refused.connect(delegate.refused)
        self.frozen.setItemDelegate(self.frozen_delegate)
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.frozen.setStyleSheet("QTableView { border: none; border-right: 1px solid #b8b8b8; }")
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(self.frozen)
        for v in (self, self.frozen):
            vh = v.verticalHeader()
            vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
            vh.setDefaultSectionSize(26)
        self.horizontalHeader().sectionResized.connect(self._resized)
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        model.modelReset.connect(self._hide_columns)
        model.columnsInserted.connect(self._hide_columns)
        self._hide_columns()
        self._update_geometry()

    def _hide_columns(self) -> None:
        for c in range(1, self.model().columnCount()):
            self.frozen.setColumnHidden(c, True)
        self.frozen.setColumnWidth(0, self.columnWidth(0))

    def _resized(self, logical: int, _old: int, new: int) -> None:
        if logical == 0:
            self.frozen.setColumnWidth(0, new)
            self._update_geometry()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_geometry()

    def _update_geometry(self) -> None:
        fw = self.frameWidth()
        self.frozen.setGeometry(self.verticalHeader().width() + fw, fw, self.columnWidth(0),
                                self.viewport().height() + self.horizontalHeader().height())

    def updateGeometries(self) -> None:
        super().updateGeometries()
        if hasattr(self, "frozen"):
            self._update_geometry()

    def moveCursor(self, action, modifiers):
        current = super().moveCursor(action, modifiers)
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0
                and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0)):
            sb = self.horizontalScrollBar()
            sb.setValue(sb.value() + self.visualRect(current).topLeft().x() - self.frozen.columnWidth(0))
        return current

    def scrollTo(self, index, hint=QAbstractItemView.ScrollHint.EnsureVisible):
        if index.column() > 0:
            super().scrollTo(index, hint)
        else:
            # only vertically: column 0 is always visible in the frozen view
            rect = self.visualRect(index)
            if rect.top() < 0 or rect.bottom() > self.viewport().height():
                super().scrollTo(self.model().index(index.row(), 1 if self.model().columnCount() > 1 else 0), hint)

    def edit(self, index, trigger=QAbstractItemView.EditTrigger.AllEditTriggers, event=None):
        # an editor of column 0 opens in the frozen view, above (the main view's lies beneath it)
        if isinstance(index, (QModelIndex, QPersistentModelIndex)) and index.isValid() and index.column() == 0 \
                and trigger != QAbstractItemView.EditTrigger.NoEditTriggers:
            self.frozen.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            # the same trigger: the frozen view has the same edit triggers, and forwards a typed key
            return self.frozen.edit(index, trigger, event)
        return super().edit(index, trigger, event)


class TableEditor(QWidget):
    """One table field: buttons, the frozen-column view, the totals line and the message of the cell."""

    jump_problem = Signal(str)

    def __init__(self, session: EditorSession, table: Field, parent=None):
        super().__init__(parent)
        self.s = session
        self.table = table
        self.model = RowsModel(session, table, self)
        self.delegate = CellDelegate(self.model, self)
        self.view = FrozenTableView(self.model, self.delegate, self)
        self.view.setObjectName(f"table_{table.id}")
        self.view.setAccessibleName(label(table))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        triggers = (QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                    | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setEditTriggers(triggers)
        self.view.frozen.setEditTriggers(triggers)  # so a key typed on column 0 reaches its editor
        self.view.setAlternatingRowColors(False)
        self.view.setWordWrap(False)
        self.view.setTabKeyNavigation(False)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.frozen.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.frozen.customContextMenuRequested.connect(self._menu)
        self.view.doubleClicked.connect(self._activated)
        self.view.frozen.doubleClicked.connect(self._activated)
        self.view.frozen.itemDelegate().closeEditor.connect(self._frozen_closed)
        self.view.installEventFilter(self)
        hh = self.view.horizontalHeader()
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter | Qt.TextFlag.TextWordWrap)
        hh.setMinimumSectionSize(60)
        hh.setHighlightSections(False)
        self._size_columns()
        self.view.frozen.horizontalHeader().setDefaultAlignment(hh.defaultAlignment())

        self.buttons = QHBoxLayout()
        self.buttons.setSpacing(4)
        self.btn_add = self._button("&Thêm dòng", "Thêm một dòng ở cuối bảng (Ctrl+Enter)", self.add_row)
        self.btn_insert = self._button("Chèn", "Chèn một dòng trên dòng đang chọn (Ctrl+Shift+Enter)", self.insert_row)
        self.btn_delete = self._button("&Xóa dòng", "Xóa các dòng đang chọn (Ctrl+Delete)", self.delete_rows)
        self.btn_up = self._button("Lên", "Chuyển dòng lên (Alt+Shift+↑)", lambda: self.move_row(-1))
        self.btn_down = self._button("Xuống", "Chuyển dòng xuống (Alt+Shift+↓)", lambda: self.move_row(1))
        self.btn_paste = self._button("&Dán từ Excel…", "Dán khối ô đã sao chép từ Excel/LibreOffice, xem trước khi lưu (Ctrl+V)", self.paste)
        self.btn_fill = self._button("Điền x&uống", "Chép giá trị ô đầu xuống các ô đã chọn bên dưới (Ctrl+D)", self.fill_down)
        self.btn_est = self._button("Ước", "Đánh dấu / bỏ đánh dấu số liệu ước thực hiện của các ô đã chọn (Ctrl+U)", self.toggle_estimate)
        self.btn_est.setVisible(any(c.estimate for c in table.columns))
        self.buttons.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("tableCount")

        self.totals = QLabel()
        self.totals.setObjectName("tableTotals")
        self.totals.setWordWrap(True)
        self.totals.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message = QLabel()
        self.message.setObjectName("cellMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a1f11;")

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        lay.addLayout(self.buttons)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.totals)
        msg_row = QHBoxLayout()
        msg_row.addWidget(self.message, 1)
        self.explain_button = QToolButton(self)
        self.explain_button.setText(t("Giải trình…"))
        self.explain_button.setToolTip(t("Giải trình cảnh báo của ô này (gửi kèm báo cáo)"))
        self.explain_button.clicked.connect(self.explain_current)
        self.explain_button.hide()
        msg_row.addWidget(self.explain_button, 0, Qt.AlignmentFlag.AlignTop)
        lay.addLayout(msg_row)
        self.view.setMinimumHeight(300)

        for keys, fn in (("Ctrl+V", self.paste), ("Ctrl+D", self.fill_down), ("Ctrl+U", self.toggle_estimate),
                         ("Ctrl+Return", self.add_row), ("Ctrl+Shift+Return", self.insert_row),
                         ("Ctrl+Delete", self.delete_rows), ("Alt+Shift+Up", lambda: self.move_row(-1)),
                         ("Alt+Shift+Down", lambda: self.move_row(1))):
            sc = QShortcut(QKeySequence(keys), self.view)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(fn)
        self.delegate.refused.connect(self.show_message)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        # totals follow the edits a moment later (coalesced): an edit is saved without waiting for them
        self._footer_timer = QTimer(self)
        self._footer_timer.setSingleShot(True)
        self._footer_timer.setInterval(60)
        self._footer_timer.timeout.connect(self._refresh_footer)
        self.model.rowsInserted.connect(self._data_changed)
        self.model.rowsRemoved.connect(self._data_changed)
        self.model.modelReset.connect(self._data_changed)
        self.model.dataChanged.connect(self._data_changed)
        self._refresh_footer()
        self.last_dialog = None
        session.flush_hooks.append(self.commit_editing)
        self.destroyed.connect(lambda *_: session.flush_hooks.remove(self.commit_editing)
                               if self.commit_editing in session.flush_hooks else None)
        for b in (self.btn_add, self.btn_insert, self.btn_delete, self.btn_up, self.btn_down, self.btn_paste,
                  self.btn_fill, self.btn_est):
            b.setEnabled(session.editable)

    def commit_editing(self) -> None:
        """A cell being typed in is committed (closing the window, undo, export)."""
        from PySide6.QtWidgets import QApplication

        for view, delegate in ((self.view, self.delegate), (self.view.frozen, self.view.frozen_delegate)):
            if view.state() != QAbstractItemView.State.EditingState:
                continue
            w = QApplication.focusWidget()
            if w is not None and view.viewport().isAncestorOf(w):
                delegate.commitData.emit(w)
                delegate.closeEditor.emit(w, QStyledItemDelegate.EndEditHint.NoHint)

    # --- layout ----------------------------------------------------------------------------------
    def _button(self, text: str, tip: str, fn) -> QToolButton:
        b = QToolButton(self)
        b.setText(t(text))
        b.setToolTip(t(tip))
        b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        b.clicked.connect(fn)
        self.buttons.addWidget(b)
        return b

    def _size_columns(self) -> None:
        fm = self.view.fontMetrics()
        for i, c in enumerate(self.model.columns):
            if c.type in NUMERIC or c.type in (FieldType.date, FieldType.boolean):
                w = 110
            elif c.type == FieldType.choice:
                w = min(200, max(110, max(fm.horizontalAdvance(x.label) for x in c.choices) + 36))
            elif c.type in (FieldType.textarea, FieldType.document):
                w = 260
            else:
                w = 200 if i == 0 else 170
            head = fm.horizontalAdvance(caption(c)) + 24
            self.view.setColumnWidth(i, min(max(w, min(head, 190)), 320))
        self.view.horizontalHeader().setFixedHeight(fm.height() * 3 + 10)
        self.view.frozen.horizontalHeader().setFixedHeight(fm.height() * 3 + 10)
        self.view.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setWordWrap(False)
        self.view.horizontalHeader().setStretchLastSection(False)
        self.view._hide_columns()

    # --- events ----------------------------------------------------------------------------------
    def eventFilter(self, obj, event):
        if obj is self.view and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                idx = self.view.currentIndex()
                if idx.isValid() and self.view.state() != QAbstractItemView.State.EditingState:
                    if self.model.columns[idx.column()].type in DIALOG_TYPES:
                        self._activated(idx)
                    else:
                        self.view.edit(idx, QAbstractItemView.EditTrigger.EditKeyPressed, event)
                    return True
        return super().eventFilter(obj, event)

    def _frozen_closed(self, *_args) -> None:
        self.view.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.view.setFocus()

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self.message.clear()
            self.explain_button.hide()
            return
        issues = self.model.issues_at(current.row(), current.column())
        self.show_issues(issues)
        self.explain_button.setVisible(self.s.editable and any(i.severity == "warning" for i in issues))

    def explain_current(self) -> None:
        from reportdesk.ui.editor.problems import ExplainDialog

        cur = self.view.currentIndex()
        if not cur.isValid():
            return
        warns = [i for i in self.model.issues_at(cur.row(), cur.column()) if i.severity == "warning"]
        if not warns:
            return
        dlg = ExplainDialog(self.s, warns[0], self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.s.set_explanation(warning_key(warns[0]), dlg.explanation())

    def show_issues(self, issues) -> None:
        if not issues:
            self.message.clear()
            return
        parts = []
        for i in issues:
            if i.severity == "error":
                parts.append(f"<b>{t('Lỗi')}:</b> {_html(issue_text(self.s.form, i))}")
            else:
                note = self.s.explanations.get(warning_key(i))
                extra = f" — <i>{t('đã giải trình: %1', _html(note))}</i>" if note else ""
                parts.append(f"<b>{t('Cảnh báo')}:</b> {_html(issue_text(self.s.form, i))}{extra}")
        self.message.setStyleSheet("color: #8a1f11;" if any(i.severity == "error" for i in issues) else "color: #7a5200;")
        self.message.setText("<br>".join(parts))

    def show_message(self, text: str) -> None:
        self.message.setStyleSheet("color: #8a1f11;")
        self.message.setText(_html(text))

    def _data_changed(self, *_a) -> None:
        from reportdesk.ui import operations

        if operations.is_synchronous():
            self._refresh_footer()
        elif not self._footer_timer.isActive():
            self._footer_timer.start()

    def _refresh_footer(self, *_a) -> None:
        rows = self.s.rows(self.table.id)
        n = len(rows)
        limit = self.table.max_rows
        count = t("%1 dòng", f"<b>{vnformat.format_number(n)}</b>")
        self.count_label.setText(count)
        self.totals.setToolTip(t("Tối đa %1 dòng.", vnformat.format_number(limit)) if limit else "")
        if not self.table.totals:
            self.totals.setText(count)
            return
        totals = table_totals(self.table, rows)
        parts = []
        for cid in self.table.totals:
            col = self.table.column(cid)
            if col is None:
                continue
            parts.append(f"{label(col)}: <b>{vnformat.format_quantity(totals.get(cid), '%' if col.type == FieldType.percent else col.unit, 3)}</b>")
        self.totals.setText(f"{count} · {t('Tổng cộng')} — " + " · ".join(parts))

    def refresh(self) -> None:
        """The session's rows were replaced (undo, redo, a refused write)."""
        self.model.reload()

    def issues_changed(self) -> None:
        self.model.issues_changed()
        self._current_changed(self.view.currentIndex(), None)

    # --- commands ----------------------------------------------------------------------------------
    def _selected_rows(self) -> list[int]:
        rows = sorted({i.row() for i in self.view.selectionModel().selectedIndexes()})
        if not rows and self.view.currentIndex().isValid():
            rows = [self.view.currentIndex().row()]
        return rows

    def _guard(self, fn) -> bool:
        try:
            fn()
            return True
        except UserError as exc:
            self.show_message(exc.message)
            return False

    def add_row(self) -> None:
        if not self.s.editable:
            return
        if self.table.max_rows and self.model.rowCount() >= self.table.max_rows:
            self.show_message(t("Bảng có tối đa %1 dòng.", vnformat.format_number(self.table.max_rows)))
            return
        r = self.model.insert(self.model.rowCount())
        self.focus_cell(r, 0)

    def insert_row(self) -> None:
        if not self.s.editable:
            return
        cur = self.view.currentIndex()
        r = self.model.insert(cur.row() if cur.isValid() else 0)
        self.focus_cell(r, cur.column() if cur.isValid() else 0)

    def delete_rows(self) -> None:
        rows = self._selected_rows()
        if rows and self._guard(lambda: self.model.remove(rows)):
            self.message.clear()

    def move_row(self, delta: int) -> None:
        cur = self.view.currentIndex()
        if not cur.isValid():
            return
        dest = self.model.move(cur.row(), delta)
        self.focus_cell(dest, cur.column())

    def fill_down(self) -> None:
        """The first selected cell of each selected column copied to the selected cells below it."""
        idx = [i for i in self.view.selectionModel().selectedIndexes()]
        if len(idx) < 2:
            return
        rows = [dict(r) for r in self.model.rows()]
        by_col: dict[int, list[int]] = {}
        for i in idx:
            by_col.setdefault(i.column(), []).append(i.row())
        changed = False
        for c, rs in by_col.items():
            rs.sort()
            col = self.model.columns[c]
            top = rows[rs[0]].get(col.id)
            for r in rs[1:]:
                if self.model.locked(r, c):
                    continue
                if top is None:
                    rows[r].pop(col.id, None)
                else:
                    rows[r][col.id] = top
                changed = True
        if changed:
            self._replace_rows(rows)

    def toggle_estimate(self) -> None:
        idx = [i for i in self.view.selectionModel().selectedIndexes() if self.model.columns[i.column()].estimate]
        if not idx:
            self.show_message(t("Chọn ô số liệu của cột cho phép ghi «ước thực hiện»."))
            return
        rows = [dict(r) for r in self.model.rows()]
        values = [rows[i.row()].get(self.model.columns[i.column()].id) for i in idx]
        make = not all(vnformat.is_estimate(v) for v in values if v is not None)
        for i in idx:
            cid = self.model.columns[i.column()].id
            v = rows[i.row()].get(cid)
            if v is None:
                continue
            n = vnformat.plain_number(v)
            rows[i.row()][cid] = {"value": n, "estimate": True} if make else n
        self._replace_rows(rows)

    def paste(self, text: str | None = None, *, preview: bool = True):
        """Paste a block from the clipboard at the current cell. The block is read off the UI thread,
        then shown in a preview; it is applied only without a refused cell, as one change. Returns the
        preview dialog when it is already open (always in tests, where operations are synchronous)."""
        from reportdesk.ui.editor.pasteplan import plan_paste
        from reportdesk.ui.operations import QueryOp

        if not self.s.editable:
            return None
        if text is None:
            text = QGuiApplication.clipboard().text()
        cur = self.view.currentIndex()
        r0 = cur.row() if cur.isValid() else self.model.rowCount()
        c0 = cur.column() if cur.isValid() else 0
        form, table, rows = self.s.form, self.table, self.model.rows()
        self.last_dialog = None
        self.show_message(t("Đang đọc khối dán…"))
        QueryOp(self, lambda _t: plan_paste(form, table, rows, text, r0, c0),
                success=lambda plan: self._planned(plan, preview), kind="paste_plan").run_in_background()
        return self.last_dialog

    def _planned(self, plan, preview: bool) -> None:
        from reportdesk.ui.editor.paste import PasteDialog

        self.message.clear()
        if plan.ok and (not preview or plan.n_rows * plan.n_cols == 1):
            self.apply_plan(plan)  # one cell: nothing to preview
            return
        dlg = PasteDialog(plan, self)
        dlg.accepted.connect(lambda: self.apply_plan(plan))
        self.last_dialog = dlg
        dlg.open()

    def apply_plan(self, plan) -> None:
        if not plan.ok:
            return
        self._replace_rows(plan.rows, focus=(plan.start_row + max(plan.n_rows - 1, 0), plan.start_col))

    def _replace_rows(self, rows: list[dict[str, Any]], focus: tuple[int, int] | None = None) -> bool:
        """A bulk change (paste, fill down, estimates): the table is shown changed and written at the
        next turn of the event loop (:meth:`EditorSession.writes_after`), once the window has painted."""
        with self.s.writes_after():
            if not self._guard(lambda: self.model.replace_rows(rows)):
                return False
            if focus is not None:
                self.focus_cell(min(focus[0], self.model.rowCount() - 1), focus[1])
            self._footer_timer.stop()
            self._refresh_footer()
        return True

    def _activated(self, index) -> None:
        if not index.isValid() or self.model.locked(index.row(), index.column()):
            return
        col = self.model.columns[index.column()]
        if col.type not in DIALOG_TYPES:
            return
        from reportdesk.ui.editor.fields import ValueDialog

        dlg = ValueDialog(self.s, col, index.data(Qt.ItemDataRole.UserRole), self)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self._guard(lambda: self.s.set_cell(self.table.id, index.row(), col.id, dlg.value()))
            self.model.row_changed(index.row())

    def _menu(self, pos) -> None:
        m = QMenu(self)
        for b in (self.btn_add, self.btn_insert, self.btn_delete, self.btn_up, self.btn_down, self.btn_paste, self.btn_fill):
            a = m.addAction(b.text().replace("&", ""))
            a.setEnabled(b.isEnabled())
            a.triggered.connect(b.click)
        if self.btn_est.isVisible():
            m.addAction(t("Đánh dấu / bỏ «ước thực hiện»")).triggered.connect(self.toggle_estimate)
        m.exec(self.view.viewport().mapToGlobal(pos))

    # --- navigation ----------------------------------------------------------------------------------
    def focus_cell(self, row: int, col: int | str | None = None) -> None:
        if isinstance(col, str):
            col = next((i for i, c in enumerate(self.model.columns) if c.id == col), 0)
        col = col or 0
        if not (0 <= row < self.model.rowCount()):
            self.view.setFocus()
            return
        idx = self.model.index(row, col)
        self.view.setCurrentIndex(idx)
        self.view.scrollTo(idx)
        self.view.setFocus()


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
