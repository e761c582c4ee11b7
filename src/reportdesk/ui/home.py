"""Home: the reports this unit owes, by period, and what can be done with each.

The list is a :class:`HomeModel` (a QAbstractTableModel, as Anki's browser table model): it holds the
(form, period, report id) of each line — cheap to list — and works out the reports' states (validation,
exports) off the UI thread, in one :class:`~reportdesk.ui.operations.QueryOp` per refresh; a line shows
"…" until its state arrives, and the state stays cached until the report changes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QEvent, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableView,
                               QVBoxLayout, QWidget, QSizePolicy, QCheckBox)

from reportdesk.errors import UserError
from reportdesk.services import unit_home as uh
from reportdesk.ui import vnlocale as vn
from reportdesk.ui.i18n import Retranslating

COL_FORM, COL_PERIOD, COL_DEADLINE, COL_LEFT, COL_STATE, COL_SAVED = range(6)
RED = QColor("#b3261e")
GREEN = QColor("#1b6e3a")
GREY = QColor("#6b6b6b")
OwedRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2


def _t(text: str) -> str:
    return QCoreApplication.translate("HomeModel", text)


def days_left_text(days: int | None) -> str:
    if days is None:
        return ""
    if days > 1:
        return QCoreApplication.translate("HomeModel", "còn %n ngày").replace("%n", str(days))
    if days == 1:
        return QCoreApplication.translate("HomeModel", "còn 1 ngày")
    if days == 0:
        return QCoreApplication.translate("HomeModel", "hạn hôm nay")
    return QCoreApplication.translate("HomeModel", "quá hạn %n ngày").replace("%n", str(-days))


def state_text(st: uh.ReportState | None) -> str:
    if st is None:
        return QCoreApplication.translate("HomeModel", "Chưa lập")
    if st.state == uh.STATE_EXPORTED:
        return QCoreApplication.translate("HomeModel", "Đã xuất gói lần %1, %2").replace("%1", str(st.revision)).replace(
            "%2", vn.format_datetime(st.exported_at))
    if st.state == uh.STATE_ERRORS:
        return QCoreApplication.translate("HomeModel", "Còn %n lỗi").replace("%n", str(st.errors))
    if st.state == uh.STATE_READY:
        text = QCoreApplication.translate("HomeModel", "Sẵn sàng xuất")
        if st.revision:
            text += " · " + QCoreApplication.translate("HomeModel", "đã sửa sau lần xuất %1").replace("%1", str(st.revision))
        return text
    return QCoreApplication.translate("HomeModel", "Bản nháp")


def inbox_label(ib, full: bool = False) -> str:
    """«ATMT đã nhận lúc 10:05 12/11/2026, đúng hạn» (or «trễ hạn N ngày»; «; đã chấp nhận»), or
    «Trả lại để chỉnh sửa: lý do» when ``full``, in the window's language."""
    d = ib.decision
    if d is not None and d.decision == "returned" and not ib.answered:
        text = QCoreApplication.translate("HomeModel", "Trả lại để chỉnh sửa")
        return text + (": " + d.reason if full and d.reason else "")
    if ib.receipt is not None:
        from reportdesk.services.wayback import vi_time

        r = ib.receipt
        when = (QCoreApplication.translate("HomeModel", "trễ hạn %1 ngày").replace("%1", str(r.days_late)) if r.timeliness == "late" else QCoreApplication.translate("HomeModel", "đúng hạn"))
        text = QCoreApplication.translate("HomeModel", "ATMT đã nhận lúc %1, %2").replace("%1", vi_time(r.received_at)).replace("%2", when)
        if d is not None and d.decision == "accepted" and d.revision == r.revision:
            text += QCoreApplication.translate("HomeModel", "; đã chấp nhận")
        return text
    if d is not None and d.decision == "accepted":
        return QCoreApplication.translate("HomeModel", "ATMT đã chấp nhận")
    return ""


class HomeModel(QAbstractTableModel):
    """Lines: :class:`~reportdesk.services.unit_home.OwedReport`; states loaded in the background, one
    batch per refresh (``data()`` never reads the store)."""

    states_loaded = Signal()

    def __init__(self, ctx, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._today = today
        self._rows: list[uh.OwedReport] = []
        self._states: dict[int, uh.ReportState] = {}
        self._inbox: dict[int, Any] = {}   # report id -> services.wayback.InboxState (what ATMT sent back)
        self._generation = 0  # a batch started before the last reset/invalidate is ignored
        self.loads = 0  # how many states were worked out (observable)
        self.batches = 0  # how many background batches were started

    # --- data ---------------------------------------------------------------------------------
    def today(self) -> dt.date:
        return self._today or dt.datetime.now(uh.VN_TZ).date()

    def refresh(self, rows: list[uh.OwedReport] | None = None) -> None:
        self.beginResetModel()
        self._rows = list(rows) if rows is not None else uh.owed_reports(self.ctx)
        self._states.clear()
        self._inbox.clear()
        self._generation += 1
        self.endResetModel()
        self._load_missing()

    def invalidate(self, report_id: int | None = None) -> None:
        """Forget the cached state of one report (or all); it is worked out again in the background."""
        if report_id is None:
            self._states.clear()
            self._inbox.clear()
        else:
            self._states.pop(report_id, None)
            self._inbox.pop(report_id, None)
        self._generation += 1
        self._changed()
        self._load_missing()

    def _changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, self.columnCount() - 1))

    def _load_missing(self) -> None:
        """One QueryOp works out every state not cached yet; the success callback fills the cache."""
        from reportdesk.ui import operations as ops

        ids = [o.report_id for o in self._rows if o.report_id is not None and o.report_id not in self._states]
        if not ids:
            return
        ctx, generation = self.ctx, self._generation
        self.batches += 1

        def work(task) -> tuple[dict[int, uh.ReportState], dict[int, Any]]:
            from reportdesk.services.wayback import inbox_state_for_report

            out, inbox = {}, {}
            for rid in ids:
                task.check()
                out[rid] = uh.report_state(ctx, rid)
                try:
                    inbox[rid] = inbox_state_for_report(ctx, rid)
                except UserError:  # e.g. a form version this store no longer has: nothing to show
                    inbox[rid] = None
            return out, inbox

        def done(result: tuple[dict[int, uh.ReportState], dict[int, Any]]) -> None:
            states, inbox = result
            if generation != self._generation:
                return  # the list changed meanwhile: a newer batch is on its way
            self._states.update(states)
            self._inbox.update(inbox)
            self.loads += len(states)
            self._changed()
            self.states_loaded.emit()

        parent = self.parent() if isinstance(self.parent(), QWidget) else None
        ops.QueryOp(parent, work, success=done, kind="home-states").run_in_background()

    def pending(self, row: int) -> bool:
        """The line has a report whose state has not arrived yet."""
        o = self.owed(row)
        return o is not None and o.report_id is not None and o.report_id not in self._states

    @staticmethod
    def form_title(o: uh.OwedReport) -> str:
        from reportdesk.ui import i18n

        return o.form_title_en if i18n.current_language() == "en" and o.form_title_en else o.form_title

    def owed(self, row: int) -> uh.OwedReport | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, form_id: str, period: str) -> int:
        for i, o in enumerate(self._rows):
            if o.form_id == form_id and o.period == period:
                return i
        return -1

    def row_of_report(self, report_id: int) -> int:
        for i, o in enumerate(self._rows):
            if o.report_id == report_id:
                return i
        return -1

    def state(self, row: int) -> uh.ReportState | None:
        """The cached state (None: no report yet, or its state has not arrived — see :meth:`pending`)."""
        o = self.owed(row)
        if o is None or o.report_id is None:
            return None
        return self._states.get(o.report_id)

    def inbox(self, row: int):
        """What Cục ATMT sent back about the line's report (receipt, decision), or None."""
        o = self.owed(row)
        if o is None or o.report_id is None:
            return None
        return self._inbox.get(o.report_id)  # worked out with the states, in the background

    def inbox_text(self, row: int) -> tuple[str, bool] | None:
        """(the line ATMT's messages give the state column, whether it is a return), or None."""
        ib = self.inbox(row)
        if ib is None or ib.label_vi is None:
            return None
        d = ib.decision
        if d is not None and d.decision == "returned" and not ib.answered:
            return QCoreApplication.translate("HomeModel", "Trả lại để chỉnh sửa"), True
        st = self.state(row)
        if st is None or st.state != uh.STATE_EXPORTED:
            return None  # edited since: the report's own state says more
        return inbox_label(ib), False

    # --- Qt model -----------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 6

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = [QCoreApplication.translate("HomeModel", "Biểu mẫu"), QCoreApplication.translate("HomeModel", "Kỳ báo cáo"), QCoreApplication.translate("HomeModel", "Hạn gửi"), QCoreApplication.translate("HomeModel", "Còn lại"), QCoreApplication.translate("HomeModel", "Trạng thái"), QCoreApplication.translate("HomeModel", "Lưu lần cuối")]
        return names[section] if 0 <= section < len(names) else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        o = self.owed(index.row())
        if o is None:
            return None
        col = index.column()
        if role == OwedRole:
            return o
        if role == StateRole:
            return self.state(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_FORM:
                return self.form_title(o)
            if col == COL_PERIOD:
                return o.period_label
            if col == COL_DEADLINE:
                return vn.format_date(o.deadline) if o.deadline else QCoreApplication.translate("HomeModel", "không có hạn")
            if col == COL_LEFT:
                st = self.state(index.row())
                if st is not None and st.state == uh.STATE_EXPORTED:
                    return QCoreApplication.translate("HomeModel", "đã gửi")
                return days_left_text(o.days_left(self.today()))
            if col == COL_STATE:
                if self.pending(index.row()):
                    return "…"
                ib = self.inbox_text(index.row())
                return ib[0] if ib else state_text(self.state(index.row()))
            if col == COL_SAVED:
                st = self.state(index.row())
                return vn.format_datetime(st.last_saved) if st and st.last_saved else ""
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col == COL_LEFT:
                st = self.state(index.row())
                days = o.days_left(self.today())
                if st is not None and st.state == uh.STATE_EXPORTED:
                    return QBrush(GREEN)
                if days is not None and days < 0:
                    return QBrush(RED)
            if col == COL_STATE:
                ib = self.inbox_text(index.row())
                if ib is not None:
                    return QBrush(RED if ib[1] else GREEN)
                st = self.state(index.row())
                if st is None:  # not made yet, or still being worked out
                    return QBrush(GREY)
                if st.state == uh.STATE_ERRORS:
                    return QBrush(RED)
                if st.state == uh.STATE_EXPORTED:
                    return QBrush(GREEN)
            return None
        if role == Qt.ItemDataRole.FontRole and col == COL_LEFT:
            days = o.days_left(self.today())
            st = self.state(index.row())
            if days is not None and days < 0 and not (st and st.state == uh.STATE_EXPORTED):
                f = QFont()
                f.setBold(True)
                return f
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == COL_FORM:
                return f"{o.form_title} ({o.form_id})"
            if col == COL_STATE:
                ib = self.inbox(index.row())
                if ib is not None and ib.label_vi:
                    return inbox_label(ib, full=True)
                st = self.state(index.row())
                if st is not None and st.warnings:
                    return QCoreApplication.translate("HomeModel", "%1 cảnh báo, %2 chưa giải trình").replace("%1", str(st.warnings)).replace(
                        "%2", str(st.unexplained_warnings))
            return None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self.data(index, Qt.ItemDataRole.DisplayRole)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)
        self._changed()  # the texts are made from the cached states: nothing to work out again


class HomePage(Retranslating, QWidget):
    """The list of owed reports with its actions. The window connects the request signals."""

    open_requested = Signal(int)            # report id
    create_requested = Signal(str, str)     # form id, period
    export_requested = Signal(int)
    print_requested = Signal(int)
    template_requested = Signal(str)        # form id
    fill_requested = Signal(int)
    receipt_requested = Signal(int)         # report id: print ATMT's receipt (Word)
    upgrade_requested = Signal(int)         # report id: move to the newer form version

    def __init__(self, ctx, parent=None, *, today: dt.date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("homePage")
        self.model = HomeModel(ctx, self, today=today)
        self.model.states_loaded.connect(self._update_buttons)

        self.title = QLabel()
        self.title.setObjectName("homeTitle")
        f = self.title.font()
        f.setPointSizeF(f.pointSizeF() * 1.35)
        f.setBold(True)
        self.title.setFont(f)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("homeSubtitle")
        self.subtitle.setWordWrap(True)

        self.view = QTableView()
        self.view.setObjectName("homeTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(30)
        self.view.setTabKeyNavigation(False)
        hh = self.view.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setMinimumSectionSize(60)
        self.view.viewport().installEventFilter(self)
        hh.setHighlightSections(False)
        self.view.doubleClicked.connect(lambda _i: self.activate())
        self.view.activated.connect(lambda _i: self.activate())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        self.show_past = QCheckBox()
        self.show_past.setObjectName("showPast")
        self.show_past.setChecked(True)
        self.show_past.toggled.connect(lambda _on: self.refresh())

        self.btn_create = QPushButton()
        self.btn_create.setObjectName("createButton")
        self.btn_open = QPushButton()
        self.btn_open.setObjectName("openButton")
        self.btn_print = QPushButton()
        self.btn_print.setObjectName("printButton")
        self.btn_export = QPushButton()
        self.btn_export.setObjectName("exportButton")
        self.btn_template = QPushButton()
        self.btn_template.setObjectName("templateButton")
        self.btn_fill = QPushButton()
        self.btn_fill.setObjectName("fillButton")
        self.btn_create.clicked.connect(self.create_current)
        self.btn_open.clicked.connect(self.activate)
        self.btn_print.clicked.connect(lambda: self._emit_for_report(self.print_requested))
        self.btn_export.clicked.connect(lambda: self._emit_for_report(self.export_requested))
        self.btn_fill.clicked.connect(lambda: self._emit_for_report(self.fill_requested))
        self.btn_receipt = QPushButton()
        self.btn_receipt.setObjectName("receiptButton")
        self.btn_receipt.clicked.connect(lambda: self._emit_for_report(self.receipt_requested))
        self.btn_upgrade = QPushButton()
        self.btn_upgrade.setObjectName("upgradeButton")
        self.btn_upgrade.clicked.connect(lambda: self._emit_for_report(self.upgrade_requested))
        self.btn_template.clicked.connect(self._template)

        self.history = QLabel()
        self.history.setObjectName("homeHistory")
        self.history.setWordWrap(True)
        self.history.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.history.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.history.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.history.setMinimumHeight(56)
        self.atmt = QLabel()  # what Cục ATMT sent back about the selected report: receipt, return, comments
        self.atmt.setObjectName("homeAtmt")
        self.atmt.setWordWrap(True)
        self.atmt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.atmt.setVisible(False)
        atmt_row = QHBoxLayout()
        atmt_row.addWidget(self.atmt, 1)
        atmt_row.addWidget(self.btn_receipt, 0, Qt.AlignmentFlag.AlignTop)
        atmt_row.addWidget(self.btn_upgrade, 0, Qt.AlignmentFlag.AlignTop)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        for b in (self.btn_create, self.btn_open, self.btn_export, self.btn_print):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.btn_template)
        buttons.addWidget(self.btn_fill)

        top = QHBoxLayout()
        head = QVBoxLayout()
        head.addWidget(self.title)
        head.addWidget(self.subtitle)
        top.addLayout(head, 1)
        top.addWidget(self.show_past, 0, Qt.AlignmentFlag.AlignBottom)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(18, 14, 18, 14)
        lay.setSpacing(10)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        lay.addLayout(buttons)
        lay.addWidget(self.history)
        lay.addLayout(atmt_row)

        for w in (self.view, self.btn_create, self.btn_open, self.btn_export, self.btn_print, self.btn_template,
                  self.btn_fill, self.show_past):
            w.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QWidget.setTabOrder(self.view, self.btn_create)
        QWidget.setTabOrder(self.btn_create, self.btn_open)
        QWidget.setTabOrder(self.btn_open, self.btn_export)
        QWidget.setTabOrder(self.btn_export, self.btn_print)
        QWidget.setTabOrder(self.btn_print, self.btn_template)
        QWidget.setTabOrder(self.btn_template, self.btn_fill)
        QWidget.setTabOrder(self.btn_fill, self.show_past)
        self.retranslate()
        if today is None:  # days left change at midnight (Vietnam time) even when the app stays open
            from PySide6.QtCore import QTimer

            self._day = self.model.today()
            self._clock = QTimer(self)
            self._clock.setInterval(60_000)
            self._clock.timeout.connect(self._new_day)
            self._clock.start()

    def _new_day(self) -> None:
        if self.model.today() != self._day:
            self._day = self.model.today()
            self.refresh()

    # dates and short texts get what they need; the state a share; the form's title the rest
    FIXED_WIDTHS = ((COL_PERIOD, 150), (COL_DEADLINE, 100), (COL_LEFT, 125))
    STATE_SHARE = 0.32  # room for «ATMT đã nhận lúc 10:05 12/11/2026, trễ hạn 3 ngày»
    SAVED_WIDTH = 135

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - the table's width changed: share it again
        if obj is self.view.viewport() and event.type() == QEvent.Type.Resize:
            width = event.size().width()
            used = self.SAVED_WIDTH
            for col, w in self.FIXED_WIDTHS:
                self.view.setColumnWidth(col, w)
                used += w
            state = max(150, int(width * self.STATE_SHARE))
            self.view.setColumnWidth(COL_STATE, state)
            self.view.setColumnWidth(COL_FORM, max(160, width - used - state))
        return super().eventFilter(obj, event)

    # --- texts --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        try:
            unit = uh.unit_of(self.ctx)
            self.title.setText(unit.name)
            sub = self.tr("Mã đơn vị %1 · Các báo cáo đơn vị phải gửi Bộ Công Thương (Cục ATMT), theo kỳ").replace(
                "%1", unit.code)
        except Exception:  # noqa: BLE001 - a title is never worth a crash
            sub = ""
        self.subtitle.setText(sub)
        self.show_past.setText(self.tr("Hiện cả các kỳ đã qua &hạn"))
        self.btn_create.setText(self.tr("&Lập báo cáo"))
        self.btn_create.setToolTip(self.tr("Lập báo cáo của kỳ đang chọn (Ctrl+N)"))
        self.btn_open.setText(self.tr("&Mở"))
        self.btn_open.setToolTip(self.tr("Mở báo cáo để nhập liệu (Enter)"))
        self.btn_export.setText(self.tr("&Xuất gói…"))
        self.btn_export.setToolTip(self.tr("Kiểm tra, ký số, mã hóa và ghi gói báo cáo (Ctrl+E)"))
        self.btn_print.setText(self.tr("&In (Word)…"))
        self.btn_print.setToolTip(self.tr("Ghi báo cáo ra tệp Word (.docx) rồi mở để in (Ctrl+P)"))
        self.btn_template.setText(self.tr("Tải mẫu &Excel…"))
        self.btn_fill.setText(self.tr("Điền từ tệ&p Excel…"))
        self.btn_receipt.setText(self.tr("In giấy &biên nhận…"))
        self.btn_receipt.setToolTip(self.tr("Ghi giấy biên nhận của Cục ATMT ra tệp Word rồi mở để in"))
        self.btn_upgrade.setText(self.tr("Chuyển sa&ng phiên bản mới…"))
        self.btn_upgrade.setToolTip(self.tr("Chuyển báo cáo sang phiên bản biểu mẫu mới nhất, giữ các câu trả lời còn dùng được"))
        self.model.retranslate()
        self._update_buttons()

    # --- actions ------------------------------------------------------------------------------
    def refresh(self, select: tuple[str, str] | int | None = None) -> None:
        keep = self.current()
        rows = uh.owed_reports(self.ctx, include_past=self.show_past.isChecked())
        self.model.refresh(rows)
        row = -1
        if isinstance(select, int):
            row = self.model.row_of_report(select)
        elif isinstance(select, tuple):
            row = self.model.row_of(*select)
        elif keep is not None:
            row = self.model.row_of(keep.form_id, keep.period)
        if row < 0 and self.model.rowCount() > 0:
            row = self._first_open_row()
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
        self._update_buttons()

    def _first_open_row(self) -> int:
        """The nearest deadline still ahead (what the person most likely came for)."""
        today = self.model.today()
        best, best_deadline = 0, None
        for i in range(self.model.rowCount()):
            o = self.model.owed(i)
            if o and o.deadline and o.deadline >= today and (best_deadline is None or o.deadline < best_deadline):
                best, best_deadline = i, o.deadline
        return best

    def current(self) -> uh.OwedReport | None:
        idx = self.view.currentIndex()
        return self.model.owed(idx.row()) if idx.isValid() else None

    def select(self, form_id: str, period: str) -> bool:
        row = self.model.row_of(form_id, period)
        if row >= 0:
            self.view.selectRow(row)
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def activate(self) -> None:
        o = self.current()
        if o is None:
            return
        if o.report_id is None:
            self.create_requested.emit(o.form_id, o.period)
        else:
            self.open_requested.emit(o.report_id)

    def create_current(self) -> None:
        o = self.current()
        if o is None:
            return
        if o.report_id is not None:
            self.open_requested.emit(o.report_id)
        else:
            self.create_requested.emit(o.form_id, o.period)

    def _emit_for_report(self, signal) -> None:
        o = self.current()
        if o is not None and o.report_id is not None:
            signal.emit(o.report_id)

    def _template(self) -> None:
        o = self.current()
        if o is not None:
            self.template_requested.emit(o.form_id)

    def _update_buttons(self) -> None:
        o = self.current()
        has = o is not None and o.report_id is not None
        self.btn_create.setEnabled(o is not None and o.report_id is None)
        self.btn_open.setEnabled(has)
        self.btn_export.setEnabled(has)
        self.btn_print.setEnabled(has)
        self.btn_fill.setEnabled(has)
        self.btn_template.setEnabled(o is not None)
        self.history.setText(self._history_text(o))
        self._update_atmt(o)

    def _update_atmt(self, o: uh.OwedReport | None) -> None:
        """The receipt, the decision and its comments; the receipt and upgrade buttons."""
        ib = self.model.inbox(self.model.row_of_report(o.report_id)) if o is not None and o.report_id else None
        newer = None
        if o is not None and o.report_id is not None:
            from reportdesk.services.wayback import newer_form_version

            try:
                newer = newer_form_version(self.ctx, o.report_id)
            except Exception:  # noqa: BLE001
                newer = None
        self.btn_receipt.setVisible(bool(ib and ib.receipt))
        self.btn_upgrade.setVisible(newer is not None)
        if newer is not None:
            self.btn_upgrade.setToolTip(self.tr("Có phiên bản %1 của biểu mẫu; báo cáo này đang ở phiên bản cũ hơn.")
                                        .replace("%1", str(newer)))
        lines = []
        if ib is not None and ib.label_vi:
            d = ib.decision
            returned = d is not None and d.decision == "returned" and not ib.answered
            color = RED.name() if returned else GREEN.name()
            lines.append(f"<b style='color:{color}'>{_html(inbox_label(ib, full=True))}</b>")
            if returned:
                if d.comments:
                    lines.append(_html(self.tr("Góp ý của Cục ATMT (mở báo cáo để xem tại từng trường):")))
                    from reportdesk.ui.wayback.review import place_text

                    try:
                        r = self.ctx.reports.get(o.report_id, with_answers=False)
                        form = self.ctx.forms.get(r.form_id, r.form_version)
                    except Exception:  # noqa: BLE001
                        form = None
                    lines.extend(f"• <i>{_html(place_text(form, c))}</i>: {_html(c.text)}" for c in d.comments[:8])
                    if len(d.comments) > 8:
                        lines.append("…")
        if newer is not None:
            lines.append(_html(self.tr("Cục ATMT đã ban hành phiên bản %1 của biểu mẫu.").replace("%1", str(newer))))
        self.atmt.setText("<br>".join(lines))
        self.atmt.setVisible(bool(lines))

    def _history_text(self, o: uh.OwedReport | None) -> str:
        if o is None:
            return ""
        if o.report_id is None:
            left = days_left_text(o.days_left(self.model.today()))
            text = self.tr("Chưa lập báo cáo %1 cho %2.").replace("%1", o.form_title).replace("%2", o.period_label)
            if o.deadline:
                text += " " + self.tr("Hạn gửi %1 (%2).").replace("%1", vn.format_date(o.deadline)).replace("%2", left)
            return text + " " + self.tr("Bấm «Lập báo cáo» để bắt đầu.")
        st = self.model.state(self.model.row_of_report(o.report_id))
        if st is None:
            return ""
        lines = [self.tr("Báo cáo số %1 · %2 lỗi · %3 cảnh báo (%4 chưa giải trình) · lưu lần cuối %5")
                 .replace("%1", str(o.report_id)).replace("%2", str(st.errors)).replace("%3", str(st.warnings))
                 .replace("%4", str(st.unexplained_warnings)).replace("%5", vn.format_datetime(st.last_saved))]
        if st.exports:
            parts = [self.tr("lần %1: %2").replace("%1", str(e.revision)).replace("%2", vn.format_datetime(e.at))
                     for e in st.exports]
            lines.append(self.tr("Đã xuất gói: ") + "; ".join(parts))
        else:
            lines.append(self.tr("Chưa xuất gói lần nào."))
        return "\n".join(lines)

    def report_changed(self, report_id: int | None = None) -> None:
        self.model.invalidate(report_id)
        self._update_buttons()


def _html(text: str) -> str:
    import html

    return html.escape(text or "")


def default_folder() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path.home()
