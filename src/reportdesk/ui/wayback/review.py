"""Consolidation side: accept a received report, or return it for correction with a reason and
comments attached to fields, table rows or cells chosen from the form's structure; the decision is
written as a signed ``.rdrev`` into a chosen folder (``services.wayback.review_report``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (QAbstractItemView, QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFormLayout,
                               QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QRadioButton,
                               QSpinBox, QTableView, QVBoxLayout)

from reportdesk.errors import UserError
from reportdesk.ui import operations as ops
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.wayback.common import GREEN, RED, FolderRow, passphrase_field

FieldRole = Qt.ItemDataRole.UserRole + 1


def _is_table(f) -> bool:
    return str(getattr(f.type, "value", f.type)) == "table"


def place_text(form, c, long: bool = False) -> str:
    """Where a Comment is, in words: «II › dòng 2 › Diện tích (ha)» (``long``: with the table's name)."""
    if form is None or c.field is None:
        return c.path
    f = form.field_map.get(c.field)
    sec = form.section_of(c.field)
    sec_title = sec.title if sec else ""
    if "." in sec_title[:6]:  # «II. Bảo vệ môi trường …» -> «II»
        sec_title = sec_title.split(".")[0].strip()
    label = f.label if f else c.field
    if c.row is None:
        return " › ".join(p for p in (sec_title, label) if p)
    parts = [sec_title, label] if long else [sec_title]
    parts.append(ReviewDialog.tr("dòng %1").replace("%1", str(c.row + 1)))
    col = next((x for x in f.columns if x.id == c.column), None) if (f and c.column) else None
    if col is not None:
        parts.append(col.label)
    elif c.column:
        parts.append(c.column)
    elif not long:
        parts.append(label)
    return " › ".join(p for p in parts if p)


class CommentsModel(QAbstractTableModel):
    """The comments of a review being written: place and text."""

    def __init__(self, form, parent=None):
        super().__init__(parent)
        self.form = form
        self.comments: list = []

    def add(self, c) -> None:
        n = len(self.comments)
        self.beginInsertRows(QModelIndex(), n, n)
        self.comments.append(c)
        self.endInsertRows()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.comments):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.comments[row]
            self.endRemoveRows()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.comments)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return (ReviewDialog.tr("Vị trí"), ReviewDialog.tr("Ý kiến"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.comments):
            return None
        c = self.comments[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if index.column() == 0:
                return place_text(self.form, c) if role == Qt.ItemDataRole.DisplayRole else (
                    place_text(self.form, c, long=True) + "\n" + c.path)
            return c.text
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ReviewDialog(Retranslating, QDialog):
    """Accept or return received report ``report_id`` of an ATMT store; writes the ``.rdrev``."""

    def __init__(self, ctx, report_id: int, parent=None, *, folder: Path | None = None,
                 passphrase_hint: str | None = None):
        super().__init__(parent)
        from reportdesk.services.wayback import review_decisions

        self.setObjectName("reviewDialog")
        self.ctx = ctx
        self.report_id = report_id
        self.result_ = None
        self.setMinimumSize(760, 600)
        r = ctx.reports.get(report_id, with_answers=False)
        self.report = r
        self.form = ctx.reports.form_of(r)
        unit = ctx.units.get(r.unit_code)
        period = ctx.calendar.get(r.period)
        self.header = QLabel(f"<b>{unit.name if unit else r.unit_code}</b> ({r.unit_code})<br>"
                             f"{self.form.title} · {period.label if period else r.period}")
        self.header.setObjectName("reviewHeader")
        self.header.setWordWrap(True)
        self.revision_label = QLabel()
        self.revision_label.setWordWrap(True)
        try:
            self.previous = review_decisions(ctx, report_id)
        except UserError:
            self.previous = []

        self.accept_radio = QRadioButton()
        self.accept_radio.setObjectName("acceptRadio")
        self.return_radio = QRadioButton()
        self.return_radio.setObjectName("returnRadio")
        self.group = QButtonGroup(self)
        self.group.addButton(self.accept_radio)
        self.group.addButton(self.return_radio)
        self.accept_radio.setChecked(True)
        self.group.buttonToggled.connect(lambda *_: self._update())
        self.reason = QLineEdit()
        self.reason.setObjectName("reviewReason")
        self.reason.textChanged.connect(lambda _t: self._update())
        self.reason_label = QLabel()
        self.reason_label.setBuddy(self.reason)

        # a comment: place from the form's structure, text
        self.field_box = QComboBox()
        self.field_box.setObjectName("commentField")
        for sec, f in self.form.iter_fields():
            short = sec.title.split(".")[0].strip() if "." in sec.title[:6] else sec.title
            self.field_box.addItem(f"{short} › {f.label}", (sec.id, f.id))
            self.field_box.setItemData(self.field_box.count() - 1, f"{sec.title}\n{f.label}", Qt.ItemDataRole.ToolTipRole)
        self.field_box.setMinimumContentsLength(30)
        self.field_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.field_box.currentIndexChanged.connect(lambda _i: self._field_changed())
        self.row_spin = QSpinBox()
        self.row_spin.setObjectName("commentRow")
        self.row_spin.setRange(0, 100000)
        self.row_spin.valueChanged.connect(lambda _v: self._field_changed(keep_row=True))
        self.column_box = QComboBox()
        self.column_box.setObjectName("commentColumn")
        self.column_box.setMinimumContentsLength(14)
        self.column_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.comment_text = QLineEdit()
        self.comment_text.setObjectName("commentText")
        self.comment_text.returnPressed.connect(self.add_comment)
        self.add_button = QPushButton()
        self.add_button.setObjectName("addCommentButton")
        self.add_button.clicked.connect(self.add_comment)
        self.remove_button = QPushButton()
        self.remove_button.setObjectName("removeCommentButton")
        self.remove_button.clicked.connect(self.remove_comment)
        self.comment_error = QLabel()
        self.comment_error.setObjectName("commentError")
        self.comment_error.setWordWrap(True)
        self.comment_error.setStyleSheet(f"color: {RED.name()};")
        self.comment_error.setVisible(False)
        self.model = CommentsModel(self.form, self)
        self.table = QTableView()
        self.table.setObjectName("commentsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 380)
        self.table.setWordWrap(False)

        self.place_label, self.row_label, self.col_label, self.text_label = QLabel(), QLabel(), QLabel(), QLabel()
        self.place_label.setBuddy(self.field_box)
        self.row_label.setBuddy(self.row_spin)
        self.col_label.setBuddy(self.column_box)
        self.text_label.setBuddy(self.comment_text)
        where = QHBoxLayout()
        where.addWidget(self.field_box, 3)
        where.addWidget(self.row_label)
        where.addWidget(self.row_spin)
        where.addWidget(self.col_label)
        where.addWidget(self.column_box, 1)
        what = QHBoxLayout()
        what.addWidget(self.comment_text, 1)
        what.addWidget(self.add_button)
        cform = QFormLayout()
        cform.addRow(self.place_label, where)
        cform.addRow(self.text_label, what)
        self.comments_box = QGroupBox()
        cl = QVBoxLayout(self.comments_box)
        cl.addLayout(cform)
        cl.addWidget(self.comment_error)
        cl.addWidget(self.table, 1)
        rm = QHBoxLayout()
        rm.addStretch(1)
        rm.addWidget(self.remove_button)
        cl.addLayout(rm)

        self.folder = FolderRow(folder or Path.home(), self, object_name="reviewFolder")
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder.edit)
        self.passphrase = passphrase_field(passphrase_hint, "reviewPassphrase")
        self.passphrase.textChanged.connect(lambda _t: self._update())
        self.pass_label = QLabel()
        self.pass_label.setBuddy(self.passphrase)
        out = QFormLayout()
        out.addRow(self.folder_label, self.folder)
        out.addRow(self.pass_label, self.passphrase)

        self.result_label = QLabel()
        self.result_label.setObjectName("reviewResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.write_button = QPushButton()
        self.write_button.setObjectName("writeReviewButton")
        self.write_button.clicked.connect(self.write)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        bb = QDialogButtonBox()
        bb.addButton(self.write_button, QDialogButtonBox.ButtonRole.AcceptRole)
        bb.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)

        decision = QHBoxLayout()
        decision.addWidget(self.accept_radio)
        decision.addWidget(self.return_radio)
        decision.addStretch(1)
        reason = QFormLayout()
        reason.addRow(self.reason_label, self.reason)
        lay = QVBoxLayout(self)
        lay.addWidget(self.header)
        lay.addWidget(self.revision_label)
        lay.addLayout(decision)
        lay.addLayout(reason)
        lay.addWidget(self.comments_box, 1)
        lay.addLayout(out)
        lay.addWidget(self.result_label)
        lay.addWidget(bb)
        self._field_changed()
        self.retranslate()
        self._update()

    # --- texts ------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Xem xét báo cáo nhận từ đơn vị"))
        text = self.tr("Lần gửi %1 · nhận lúc %2").replace("%1", str(self.report.revision or "")).replace(
            "%2", self._received_text())
        if self.previous:
            last = self.previous[-1]
            text += " · " + self.tr("quyết định trước: %1 (lần gửi %2)").replace("%1", self.tr(last.label_vi)).replace(
                "%2", str(last.revision))
        self.revision_label.setText(text)
        self.accept_radio.setText(self.tr("&Chấp nhận"))
        self.return_radio.setText(self.tr("&Trả lại để chỉnh sửa"))
        self.reason_label.setText(self.tr("&Lý do:"))
        self.reason.setPlaceholderText(self.tr("Bắt buộc khi trả lại; đơn vị đọc thấy trên màn hình chính"))
        self.comments_box.setTitle(self.tr("Ý kiến gắn với trường, dòng hoặc ô của bảng"))
        self.place_label.setText(self.tr("&Vị trí:"))
        self.row_label.setText(self.tr("Dò&ng:"))
        self.row_spin.setSpecialValueText(self.tr("cả bảng"))
        self.col_label.setText(self.tr("Cộ&t:"))
        self.text_label.setText(self.tr("Ý &kiến:"))
        self.add_button.setText(self.tr("Thê&m ý kiến"))
        self.remove_button.setText(self.tr("&Xóa ý kiến đang chọn"))
        self.folder_label.setText(self.tr("Thư mục &ghi tệp:"))
        self.pass_label.setText(self.tr("&Mật khẩu khóa ký số:"))
        self.write_button.setText(self.tr("&Ghi tệp kết quả (.rdrev)"))
        self.close_button.setText(self.tr("Đó&ng"))
        self.folder.browse.setText(self.tr("Chọn…"))

    def _received_text(self) -> str:
        from reportdesk.services.wayback import vi_time

        return vi_time(getattr(self.report, "received_at", None) or getattr(self.report, "updated_at", None)) or "—"

    # --- comments ---------------------------------------------------------------------------------
    def _current_field(self):
        data = self.field_box.currentData()
        return (data, self.form.field_map.get(data[1])) if data else (None, None)

    def _field_changed(self, keep_row: bool = False) -> None:
        data, f = self._current_field()
        table = f is not None and _is_table(f)
        self.row_spin.setEnabled(table)
        if not table and not keep_row:
            self.row_spin.setValue(0)
        cur = self.column_box.currentData()
        self.column_box.clear()
        self.column_box.addItem(self.tr("(cả dòng)"), None)
        if table:
            for c in f.columns:
                self.column_box.addItem(c.label, c.id)
        if cur is not None:
            k = self.column_box.findData(cur)
            if k >= 0:
                self.column_box.setCurrentIndex(k)
        self.column_box.setEnabled(table and self.row_spin.value() > 0)

    def select_place(self, field_id: str, row: int | None = None, column: str | None = None) -> None:
        """Chooses a place (row from 1, as the path writes it)."""
        for k in range(self.field_box.count()):
            if self.field_box.itemData(k)[1] == field_id:
                self.field_box.setCurrentIndex(k)
                break
        self.row_spin.setValue(row or 0)
        self._field_changed(keep_row=True)
        if column is not None:
            self.column_box.setCurrentIndex(max(0, self.column_box.findData(column)))

    def current_path(self) -> str:
        data, _f = self._current_field()
        if data is None:
            return ""
        parts = [data[0], data[1]]
        if self.row_spin.isEnabled() and self.row_spin.value() > 0:
            parts.append(str(self.row_spin.value()))
            col = self.column_box.currentData()
            if col:
                parts.append(col)
        return "/".join(parts)

    def add_comment(self) -> bool:
        from reportdesk.services.wayback import parse_comment

        try:
            c = parse_comment(self.form, self.current_path(), self.comment_text.text())
        except UserError as exc:
            self.comment_error.setText(exc.message)
            self.comment_error.setVisible(True)
            return False
        self.comment_error.setText("")
        self.comment_error.setVisible(False)
        self.model.add(c)
        self.comment_text.clear()
        self.comment_text.setFocus()
        self._update()
        return True

    def remove_comment(self) -> None:
        idx = self.table.currentIndex()
        if idx.isValid():
            self.model.remove(idx.row())
        self._update()

    # --- writing ----------------------------------------------------------------------------------
    def decision(self) -> str:
        return "returned" if self.return_radio.isChecked() else "accepted"

    def _update(self) -> None:
        returning = self.return_radio.isChecked()
        self.reason.setEnabled(returning)
        self.comments_box.setEnabled(returning)
        ok = bool(self.passphrase.text()) and (not returning or bool(self.reason.text().strip()))
        self.write_button.setEnabled(ok and self.result_ is None)

    def write(self) -> None:
        if not self.write_button.isEnabled():
            return
        from reportdesk.services.wayback import review_report

        decision = self.decision()
        reason = self.reason.text().strip() if decision == "returned" else None
        comments = list(self.model.comments) if decision == "returned" else []
        folder = self.folder.path()
        pw = self.passphrase.text()
        self.passphrase.clear()

        def work(_t):
            folder.mkdir(parents=True, exist_ok=True)
            return review_report(self.ctx, self.report_id, decision, str(folder) + "/", pw, reason=reason,
                                 comments=comments)

        ops.WriteOp(self, work, success=self._written, label=self.tr("Đang ký và ghi kết quả xem xét…"),
                    kind="review").with_progress(cancellable=False).run_in_background()

    def _written(self, res) -> None:
        self.result_ = res
        head = self.tr("Đã ghi kết quả «%1» vào %2. Gửi tệp này cho đơn vị.").replace(
            "%1", self.tr("Chấp nhận") if res.decision == "accepted" else self.tr("Trả lại để chỉnh sửa")).replace(
            "%2", str(res.path))
        self.result_label.setText(head)
        self.result_label.setStyleSheet(f"color: {GREEN.name()}; font-weight: bold;")
        self._update()
