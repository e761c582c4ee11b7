"""A widget per field type, each with its label above, its message below, and the value written
through the session (text as it is typed, within a second; everything else at once)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCalendarWidget, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFrame, QGridLayout,
    QHBoxLayout, QLabel, QLineEdit, QMenu, QPlainTextEdit, QPushButton, QToolButton, QVBoxLayout, QWidget,
    QWidgetAction,
)

from reportdesk.domain.explain import warning_key
from reportdesk.domain.forms import NUMERIC, Field, FieldType
from reportdesk.errors import UserError
from reportdesk.exports import vnformat
from reportdesk.ui import vnlocale
from reportdesk.ui.editor.i18n import issue_text, label, t
from reportdesk.ui.editor.session import EditorSession
from reportdesk.ui.editor.values import Refused, format_size, read_cell

TYPING_DELAY_MS = 600  # text is saved this long after the last keystroke (or on leaving the field)


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DateEdit(QWidget):
    """A date typed dd/mm/yyyy, or picked from a calendar (empty allowed)."""

    committed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.line = QLineEdit(self)
        self.line.setPlaceholderText("dd/mm/yyyy")
        self.line.setMaximumWidth(130)
        self.button = QToolButton(self)
        self.button.setText(t("Lịch"))
        self.button.setToolTip(t("Chọn ngày trên lịch"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        self.calendar.setLocale(vnlocale.vi_locale())
        self.calendar.setGridVisible(True)
        act = QWidgetAction(menu)
        act.setDefaultWidget(self.calendar)
        menu.addAction(act)
        self.button.setMenu(menu)
        self.calendar.clicked.connect(self._picked)
        self.line.editingFinished.connect(self.committed)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.line)
        lay.addWidget(self.button)
        lay.addStretch(1)
        self.setFocusProxy(self.line)

    def _picked(self, d: QDate) -> None:
        self.line.setText(d.toString(vnlocale.DATE_FORMAT_QT))
        self.button.menu().hide()
        self.committed.emit()

    def text(self) -> str:
        return self.line.text()

    def set_iso(self, value: Any) -> None:
        self.line.setText(vnformat.format_date(value))
        q = vnlocale.to_qdate(value)
        if q.isValid():
            self.calendar.setSelectedDate(q)


class FieldWidget(QFrame):
    """Label, input, unit, estimate mark, message; ``commit()`` writes what is shown."""

    def __init__(self, session: EditorSession, field: Field, parent=None):
        super().__init__(parent)
        self.s = session
        self.f = field
        self.setObjectName(f"field_{field.id}")
        self.setFrameShape(QFrame.Shape.NoFrame)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 6, 8, 6)
        lay.setSpacing(3)
        self.label = QLabel(label(field) + (" *" if field.required else ""), self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        lay.addWidget(self.label)
        self.row = QHBoxLayout()
        self.row.setSpacing(6)
        lay.addLayout(self.row)
        self.help = None
        if field.help:
            self.help = QLabel(_html(field.help), self)
            self.help.setWordWrap(True)
            self.help.setStyleSheet("color: #5f6368;")
            lay.addWidget(self.help)
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        lay.addWidget(self.message)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        self._loading = False
        self.build()
        self.load()
        session.flush_hooks.append(self.commit)
        self.destroyed.connect(lambda *_: self._unhook())
        if not session.editable:
            self.setEnabled(False)

    def _unhook(self) -> None:
        try:
            self.s.flush_hooks.remove(self.commit)
        except ValueError:
            pass

    # subclasses -------------------------------------------------------------------------------
    def build(self) -> None:
        raise NotImplementedError

    def shown_value(self) -> Any:
        raise NotImplementedError

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    # ------------------------------------------------------------------------------------------
    def input_widget(self) -> QWidget:
        return self.focusProxy() or self

    def load(self) -> None:
        self._loading = True
        try:
            self.show_value(self.s.value(self.f.id))
        finally:
            self._loading = False

    def typed(self) -> None:
        if not self._loading:
            self._timer.start()

    def commit(self) -> None:
        self._timer.stop()
        if self._loading or not self.s.editable:
            return
        try:
            value = self.shown_value()
        except Refused as exc:
            self.show_refusal(str(exc))
            return
        if value == self.s.value(self.f.id) or (value in (None, "", []) and self.s.value(self.f.id) is None):
            return
        try:
            self.s.set_field(self.f.id, value)
        except UserError as exc:
            self.show_refusal(exc.message)

    def show_refusal(self, text: str) -> None:
        self.message.setText(f"<b>{t('Chưa lưu:')}</b> {_html(text)}")
        self.message.setStyleSheet("color: #8a1f11;")
        self.message.show()

    def show_issues(self, issues) -> None:
        if not issues:
            self.message.hide()
            self.setStyleSheet("")
            return
        err = any(i.severity == "error" for i in issues)
        parts = []
        for i in issues:
            if i.severity == "error":
                parts.append(f"<b>{t('Lỗi')}:</b> {_html(issue_text(self.s.form, i))}")
            else:
                note = self.s.explanations.get(warning_key(i))
                parts.append(f"<b>{t('Cảnh báo')}:</b> {_html(issue_text(self.s.form, i))}" + (f" — <i>{t('đã giải trình: %1', _html(note))}</i>" if note else ""))
        self.message.setText("<br>".join(parts))
        color = "#8a1f11" if err else "#7a5200"
        self.message.setStyleSheet(f"color: {color};")
        self.message.show()
        edge = "#d93025" if err else "#e0a800"
        if all(i.code == "required" for i in issues):
            self.setStyleSheet(f"#{self.objectName()} {{ border-left: 3px solid {edge}; }}")
            return
        self.setStyleSheet(f"#{self.objectName()} {{ border-left: 3px solid {edge}; background: {'#fff6f5' if err else '#fffbea'}; }}")


class TextField(FieldWidget):
    def build(self) -> None:
        if self.f.type == FieldType.textarea:
            self.edit = QPlainTextEdit(self)
            self.edit.setTabChangesFocus(True)
            self.edit.setMinimumHeight(72)
            self.edit.setMaximumHeight(140)
            self.edit.textChanged.connect(self.typed)
        else:
            self.edit = QLineEdit(self)
            if self.f.max_length:
                self.edit.setMaxLength(self.f.max_length)
            self.edit.textEdited.connect(self.typed)
            self.edit.editingFinished.connect(self.commit)
        self.edit.installEventFilter(self)
        self.row.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit)
        self.label.setBuddy(self.edit)

    def eventFilter(self, obj, event):
        if obj is self.edit and event.type() == event.Type.FocusOut:
            self.commit()
        return super().eventFilter(obj, event)

    def shown_value(self) -> Any:
        text = self.edit.toPlainText() if isinstance(self.edit, QPlainTextEdit) else self.edit.text()
        return read_cell(self.f, text)

    def show_value(self, value: Any) -> None:
        text = value if isinstance(value, str) else ""
        if isinstance(self.edit, QPlainTextEdit):
            if self.edit.toPlainText() != text:
                self.edit.setPlainText(text)
        elif self.edit.text() != text:
            self.edit.setText(text)


class NumberField(FieldWidget):
    def build(self) -> None:
        self.edit = QLineEdit(self)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.setMaximumWidth(180)
        self.edit.setPlaceholderText("0" if self.f.type == FieldType.integer else "0,0")
        self.edit.textEdited.connect(self.typed)
        self.edit.editingFinished.connect(self.commit)
        self.row.addWidget(self.edit)
        unit = "%" if self.f.type == FieldType.percent else (self.f.unit or "")
        if unit:
            u = QLabel(_html(unit), self)
            u.setStyleSheet("color: #5f6368;")
            self.row.addWidget(u)
        self.estimate = None
        if self.f.estimate:
            self.estimate = QCheckBox(t("ước thực hiện"), self)
            self.estimate.setToolTip(t("Số liệu ước tính đến cuối kỳ (ghi «ước thực hiện» trong báo cáo)"))
            self.estimate.toggled.connect(lambda _=None: self.commit())
            self.row.addSpacing(12)
            self.row.addWidget(self.estimate)
        self.row.addStretch(1)
        self.setFocusProxy(self.edit)
        self.label.setBuddy(self.edit)

    def shown_value(self) -> Any:
        v = read_cell(self.f, self.edit.text())
        if isinstance(v, dict):
            v = v["value"]
        if v is not None and self.estimate is not None and self.estimate.isChecked():
            return {"value": v, "estimate": True}
        return v

    def show_value(self, value: Any) -> None:
        n = vnformat.plain_number(value)
        try:
            current = vnlocale.parse_number(self.edit.text())
        except ValueError:
            current = object()
        if current != n:  # what is typed is kept as typed when it means the same number
            self.edit.setText(vnformat.format_number(n, 6) if n is not None else "")
        if self.estimate is not None:
            self.estimate.blockSignals(True)
            self.estimate.setChecked(vnformat.is_estimate(value))
            self.estimate.blockSignals(False)


class DateField(FieldWidget):
    def build(self) -> None:
        self.edit = DateEdit(self)
        self.edit.line.textEdited.connect(self.typed)
        self.edit.committed.connect(self.commit)
        self.row.addWidget(self.edit, 1)
        self.setFocusProxy(self.edit.line)
        self.label.setBuddy(self.edit.line)

    def shown_value(self) -> Any:
        return read_cell(self.f, self.edit.text())

    def show_value(self, value: Any) -> None:
        self.edit.set_iso(value)


class ChoiceField(FieldWidget):
    def build(self) -> None:
        self.box = QComboBox(self)
        self.box.addItem(t("— chưa chọn —"), None)
        if self.f.type == FieldType.boolean:
            self.box.addItem(t("Có"), True)
            self.box.addItem(t("Không"), False)
        else:
            for c in self.f.choices:
                self.box.addItem(c.label, c.value)
        self.box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.box.currentIndexChanged.connect(lambda _i: self.commit())
        self.row.addWidget(self.box)
        self.row.addStretch(1)
        self.setFocusProxy(self.box)
        self.label.setBuddy(self.box)

    def shown_value(self) -> Any:
        return self.box.currentData()

    def show_value(self, value: Any) -> None:
        i = self.box.findData(value) if value is not None else 0
        self.box.setCurrentIndex(max(0, i))


class MultiChoiceField(FieldWidget):
    def build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        self.checks: list[tuple[str, QCheckBox]] = []
        for k, c in enumerate(self.f.choices):
            cb = QCheckBox(c.label, self)
            cb.toggled.connect(lambda _=None: self.commit())
            grid.addWidget(cb, k // 2, k % 2)
            self.checks.append((c.value, cb))
        self.row.addLayout(grid)
        self.row.addStretch(1)
        if self.checks:
            self.setFocusProxy(self.checks[0][1])
            self.label.setBuddy(self.checks[0][1])

    def shown_value(self) -> Any:
        return [v for v, cb in self.checks if cb.isChecked()] or None

    def show_value(self, value: Any) -> None:
        vals = set(value or [])
        for v, cb in self.checks:
            cb.blockSignals(True)
            cb.setChecked(v in vals)
            cb.blockSignals(False)


class DocumentEditor(QWidget):
    """One issued document: số/ký hiệu, ngày, trích yếu."""

    changed = Signal()
    committed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        g = QGridLayout(self)
        g.setContentsMargins(0, 0, 0, 0)
        self.so = QLineEdit(self)
        self.so.setPlaceholderText(t("ví dụ 123/KH-UBND"))
        self.ngay = DateEdit(self)
        self.trich_yeu = QLineEdit(self)
        self.trich_yeu.setPlaceholderText(t("Trích yếu nội dung văn bản"))
        l1, l2, l3 = QLabel(t("Số, ký hiệu")), QLabel(t("Ngày")), QLabel(t("Trích yếu"))
        l1.setBuddy(self.so)
        l2.setBuddy(self.ngay.line)
        l3.setBuddy(self.trich_yeu)
        g.addWidget(l1, 0, 0)
        g.addWidget(self.so, 0, 1)
        g.addWidget(l2, 0, 2)
        g.addWidget(self.ngay, 0, 3)
        g.addWidget(l3, 1, 0)
        g.addWidget(self.trich_yeu, 1, 1, 1, 3)
        g.setColumnStretch(1, 1)
        g.setColumnStretch(3, 1)
        for e in (self.so, self.trich_yeu, self.ngay.line):
            e.textEdited.connect(self.changed)
            e.editingFinished.connect(self.committed)
        self.ngay.committed.connect(self.committed)
        self.setFocusProxy(self.so)

    def value(self) -> dict[str, Any] | None:
        out: dict[str, Any] = {}
        if self.so.text().strip():
            out["so_ky_hieu"] = self.so.text().strip()
        if self.ngay.text().strip():
            try:
                d = vnlocale.parse_date(self.ngay.text())
            except ValueError:
                raise Refused(f"«{self.ngay.text()}» không phải là ngày (dd/mm/yyyy).") from None
            if d:
                out["ngay"] = d.isoformat()
        if self.trich_yeu.text().strip():
            out["trich_yeu"] = self.trich_yeu.text().strip()
        return out or None

    def set_value(self, v: dict[str, Any] | None) -> None:
        v = v or {}
        self.so.setText(v.get("so_ky_hieu", ""))
        self.ngay.set_iso(v.get("ngay"))
        self.trich_yeu.setText(v.get("trich_yeu", ""))


class DocumentField(FieldWidget):
    def build(self) -> None:
        self.box = QVBoxLayout()
        self.editors: list[DocumentEditor] = []
        self.row.addLayout(self.box, 1)
        self.add_button = None
        if self.f.multiple:
            self.add_button = QPushButton(t("Thêm văn bản"), self)
            self.add_button.clicked.connect(lambda: self._add(None, focus=True))
            self.layout().insertWidget(2, self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._add(None)

    def _add(self, v, focus: bool = False) -> DocumentEditor:
        ed = DocumentEditor(self)
        ed.set_value(v)
        ed.changed.connect(self.typed)
        ed.committed.connect(self.commit)
        self.box.addWidget(ed)
        self.editors.append(ed)
        if len(self.editors) == 1:
            self.setFocusProxy(ed.so)
            self.label.setBuddy(ed.so)
        if focus:
            ed.so.setFocus()
        return ed

    def shown_value(self) -> Any:
        docs = [d for d in (e.value() for e in self.editors) if d]
        if self.f.multiple:
            return docs or None
        return docs[0] if docs else None

    def show_value(self, value: Any) -> None:
        docs = value if isinstance(value, list) else ([value] if value else [])
        while len(self.editors) < max(1, len(docs)):
            self._add(None)
        for k, e in enumerate(self.editors):
            e.set_value(docs[k] if k < len(docs) else None)


class AttachmentField(FieldWidget):
    def build(self) -> None:
        self.shown = QLabel(t("Chưa có tệp"), self)
        self.shown.setWordWrap(True)
        self.pick = QPushButton(t("Đính &kèm tệp…"), self)
        self.pick.clicked.connect(self.choose)
        self.clear = QPushButton(t("Bỏ tệp"), self)
        self.clear.clicked.connect(lambda: self.set_items([]))
        self.row.addWidget(self.pick)
        self.row.addWidget(self.clear)
        self.row.addWidget(self.shown, 1)
        self.items: list[dict[str, Any]] = []
        self.setFocusProxy(self.pick)
        self.label.setBuddy(self.pick)

    def choose(self, path: str | None = None) -> None:
        if not path:
            path, _ = QFileDialog.getOpenFileName(self, t("Chọn tệp đính kèm"))
        if not path:
            return
        self.pick.setEnabled(False)
        self.shown.setText(t("Đang đọc tệp…"))

        def done(item) -> None:
            self.pick.setEnabled(True)
            self.set_items((self.items + [item]) if self.f.multiple else [item])

        def failed(message: str) -> None:
            self.pick.setEnabled(True)
            self._render()
            self.show_refusal(message)

        self.s.attach_file(path, done, failed)

    def set_items(self, items) -> None:
        self.items = list(items)
        self._render()
        self.commit()

    def _render(self) -> None:
        if not self.items:
            self.shown.setText(t("Chưa có tệp"))
        else:
            self.shown.setText("; ".join(f"{i['name']} · {format_size(i.get('size'))} · SHA-256 {str(i.get('sha256', ''))[:12]}…"
                                         for i in self.items))

    def shown_value(self) -> Any:
        if not self.items:
            return None
        return list(self.items) if self.f.multiple else self.items[0]

    def show_value(self, value: Any) -> None:
        self.items = [i for i in (value if isinstance(value, list) else [value]) if isinstance(i, dict)] if value else []
        self._render()


class ComputedPanel(QFrame):
    """The figures computed from the answers of a section, updated after each check."""

    def __init__(self, session: EditorSession, computed, parent=None):
        super().__init__(parent)
        self.s = session
        self.items = list(computed)
        self.setObjectName("computedPanel")
        self.setStyleSheet("#computedPanel { background: #f4f7fb; border: 1px solid #d6dee8; border-radius: 4px; }")
        g = QGridLayout(self)
        g.setContentsMargins(10, 8, 10, 8)
        title = QLabel(f"<b>{t('Chỉ tiêu tính tự động')}</b>", self)
        g.addWidget(title, 0, 0, 1, 2)
        self.values: dict[str, QLabel] = {}
        for k, c in enumerate(self.items, start=1):
            name = QLabel(_html(label(c)), self)
            name.setWordWrap(True)
            val = QLabel("—", self)
            val.setObjectName(f"computed_{c.id}")
            val.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            g.addWidget(name, k, 0)
            g.addWidget(val, k, 1)
            self.values[c.id] = val
        g.setColumnStretch(0, 1)
        self.refresh()

    def refresh(self) -> None:
        for c in self.items:
            v = self.s.computed.get(c.id)
            if v is None or isinstance(v, bool):
                text = "—"
            elif c.percent:
                text = vnformat.format_percent(v, 1)
            else:
                text = vnformat.format_quantity(v, c.unit, 2)
            self.values[c.id].setText(text)


def make_field(session: EditorSession, f: Field, parent=None) -> QWidget:
    if f.type in (FieldType.text, FieldType.textarea):
        return TextField(session, f, parent)
    if f.type in NUMERIC:
        return NumberField(session, f, parent)
    if f.type == FieldType.date:
        return DateField(session, f, parent)
    if f.type in (FieldType.choice, FieldType.boolean):
        return ChoiceField(session, f, parent)
    if f.type == FieldType.multichoice:
        return MultiChoiceField(session, f, parent)
    if f.type == FieldType.document:
        return DocumentField(session, f, parent)
    if f.type == FieldType.attachment:
        return AttachmentField(session, f, parent)
    raise ValueError(f.type)


class ValueDialog(QDialog):
    """A table cell of a long type (đoạn văn, chọn nhiều, văn bản ban hành, tệp) edited in a dialog."""

    def __init__(self, session: EditorSession, column: Field, value: Any, parent=None):
        super().__init__(parent)
        self.setWindowTitle(label(column))
        self.resize(620, 320)
        self.column = column
        lay = QVBoxLayout(self)
        shim = _CellSession(session, column, value)
        self.widget = make_field(shim, column, self)
        lay.addWidget(self.widget, 1)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        bb.button(QDialogButtonBox.StandardButton.Ok).setText(t("Đồng ý"))
        bb.button(QDialogButtonBox.StandardButton.Cancel).setText(t("Hủy"))
        bb.accepted.connect(self._ok)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        self._shim = shim

    def _ok(self) -> None:
        try:
            self._value = self.widget.shown_value()
        except Refused as exc:
            self.widget.show_refusal(str(exc))
            return
        self.accept()

    def value(self) -> Any:
        return getattr(self, "_value", None)


class _CellSession:
    """What a field widget needs of a session, for one value edited in a dialog (nothing written)."""

    def __init__(self, session: EditorSession, column: Field, value: Any):
        self._s = session
        self._v = {column.id: value}
        self.editable = session.editable
        self.explanations: dict[str, str] = {}
        self.flush_hooks: list = []

    def value(self, fid):
        return self._v.get(fid)

    def set_field(self, fid, value):
        self._v[fid] = value

    def attach_file(self, path, done, failed):
        self._s.attach_file(path, done, failed)
