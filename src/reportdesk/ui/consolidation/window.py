"""The consolidation window (Cục ATMT): a navigation list on the left, one screen at a time on the right."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from reportdesk.consolidate.status import VN
from reportdesk.services import consolidation as svc
from reportdesk.ui.consolidation.board import BoardPage
from reportdesk.ui.consolidation.calendar import CalendarPage
from reportdesk.ui.consolidation.overview import OverviewPage
from reportdesk.ui.consolidation.publish import PublishPage, ReminderPage
from reportdesk.ui.consolidation.receive import ReceivePage
from reportdesk.ui.consolidation.signers import SignersPage
from reportdesk.ui.consolidation.submission import SubmissionPage
from reportdesk.ui.operations import QueryOp

WINDOW_SIZE = QSize(1366, 768)
PAGES = ("receive", "board", "submission", "signers", "overview", "publish", "reminder", "calendar")
STYLE = """
QListWidget#nav { background: #243447; color: #e8eef5; border: none; font-size: 11pt; }
QListWidget#nav::item { padding: 9px 12px; }
QListWidget#nav::item:selected { background: #3b5875; color: white; }
QLabel#pageTitle { font-size: 14pt; font-weight: 600; padding: 2px 0 4px 0; }
QLabel#windowUnit { color: #e8eef5; background: #1b2836; padding: 10px 12px; font-weight: 600; }
"""


def default_period(calendar, today: dt.date):
    """The period whose deadlines most recently passed (or the next one when none has passed yet)."""
    ps = [p for p in calendar.all() if p.deadlines]
    past = [p for p in ps if min(p.deadlines.values()) <= today]
    if past:
        return max(past, key=lambda p: min(p.deadlines.values()))
    return min(ps, key=lambda p: min(p.deadlines.values())) if ps else None


class ConsolidationWindow(QMainWindow):
    def __init__(self, ctx, *, passphrase: str | None = None, open_files: bool = True, today: dt.date | None = None):
        super().__init__()
        self.ctx = ctx
        self.passphrase = passphrase
        self.open_files = open_files
        self.opened: list[Path] = []
        self.today = today or dt.datetime.now(VN).date()
        self.board_data: svc.Board | None = None
        self.setObjectName("consolidationWindow")
        self.setWindowTitle(self.tr("reportdesk — Tổng hợp báo cáo (Cục ATMT)"))
        self.resize(WINDOW_SIZE)
        self.setMinimumSize(QSize(1024, 640))
        self.setStyleSheet(STYLE)
        self.settings_dir = ctx.data_dir
        self._period: str | None = None
        self._rebuilding = False
        self._build()

    def _build(self, period: str | None = None, page: str = "board") -> None:
        """Makes the screens (again after a change of language: every text is set where it is made)."""
        self.setWindowTitle(self.tr("reportdesk — Tổng hợp báo cáo (Cục ATMT)"))
        mb = self.menuBar()
        mb.clear()
        tools = mb.addMenu(self.tr("&Công cụ"))
        act = tools.addAction(self.tr("&Cài đặt…"))
        act.setShortcut("Ctrl+,")
        act.triggered.connect(self.open_settings)
        back = mb.addMenu(self.tr("&Gửi đơn vị"))  # the way back to the units (issue 11)
        self.act_receipts = back.addAction(self.tr("Ghi &giấy biên nhận của kỳ…"))
        self.act_receipts.triggered.connect(self.open_receipts)
        self.act_update = back.addAction(self.tr("Phát hành &bản cập nhật (biểu mẫu, lịch, danh mục)…"))
        self.act_update.triggered.connect(self.open_update)
        central = QWidget()
        outer = QHBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        side = QVBoxLayout()
        side.setSpacing(0)
        unit = self.ctx.units.get(self.ctx.unit_code or "CUC-ATMT")
        self.unit_label = QLabel(unit.display_name if unit else "Cục ATMT")
        self.unit_label.setObjectName("windowUnit")
        self.unit_label.setWordWrap(True)
        side.addWidget(self.unit_label)
        self.period_combo = QComboBox()
        self.period_combo.setObjectName("periodCombo")
        side.addWidget(self.period_combo)
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setFixedWidth(230)
        side.addWidget(self.nav, 1)
        sidew = QWidget()
        sidew.setLayout(side)
        sidew.setFixedWidth(230)
        sidew.setStyleSheet("background: #243447;")
        outer.addWidget(sidew)
        self.stack = QStackedWidget()
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.receive = ReceivePage(self)
        self.board = BoardPage(self)
        self.submission = SubmissionPage(self)
        self.signers = SignersPage(self)
        self.overview = OverviewPage(self)
        self.publish = PublishPage(self)
        self.reminder = ReminderPage(self)
        self.calendar = CalendarPage(self)
        self.pages = {"receive": self.receive, "board": self.board, "submission": self.submission,
                      "signers": self.signers, "overview": self.overview, "publish": self.publish,
                      "reminder": self.reminder, "calendar": self.calendar}
        labels = {"receive": self.tr("1. Nhận gói báo cáo"), "board": self.tr("2. Tình hình gửi báo cáo"),
                  "submission": self.tr("3. Xem báo cáo"), "signers": self.tr("4. Chứng thư người ký"),
                  "overview": self.tr("5. Tổng quan"), "publish": self.tr("6. Lập báo cáo tổng hợp"),
                  "reminder": self.tr("7. Công văn đôn đốc"), "calendar": self.tr("8. Lịch và danh mục")}
        for name in PAGES:
            w = self.pages[name]
            margin = QWidget()
            ml = QVBoxLayout(margin)
            ml.setContentsMargins(14, 10, 14, 10)
            ml.addWidget(w)
            self.stack.addWidget(margin)
            it = QListWidgetItem(labels[name])
            it.setData(Qt.ItemDataRole.UserRole, name)
            self.nav.addItem(it)
        self._stale: set[str] = set()
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.board.open_submission.connect(self.open_submission)
        self.receive.imported.connect(lambda _s: self.refresh_all())
        self.signers.changed.connect(self.refresh_all)
        self.calendar.changed.connect(self._definitions_changed)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.set_period(self.period_combo.currentData()))
        self._fill_periods(select=period)
        self.statusBar().showMessage(self.tr("Sẵn sàng."))
        self.nav.setCurrentRow(PAGES.index(page))

    # language ---------------------------------------------------------------------------------------
    def open_receipts(self):
        from reportdesk.ui.wayback import ReceiptsDialog

        period = self.period
        if period is None:
            return None
        dlg = ReceiptsDialog(self.ctx, period, self)
        dlg.setModal(True)
        dlg.show()
        return dlg

    def open_update(self):
        from reportdesk.ui.wayback import UpdateDialog

        dlg = UpdateDialog(self.ctx, self)
        dlg.setModal(True)
        dlg.show()
        return dlg

    def open_settings(self) -> None:
        from reportdesk.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.ctx, self, settings_dir=self.settings_dir).exec()

    def changeEvent(self, event):  # noqa: N802 - Qt's name
        from PySide6.QtCore import QEvent, QTimer

        if event.type() == QEvent.Type.LanguageChange and not self._rebuilding and hasattr(self, "stack"):
            self._rebuilding = True
            QTimer.singleShot(0, self.retranslate)
        super().changeEvent(event)

    def retranslate(self) -> None:
        """The screens made again in the new language, on the same period, screen and report."""
        from shiboken6 import isValid

        self._rebuilding = False
        if not isValid(self) or not isValid(self.stack):  # a window already closed and being deleted
            return
        page, period = self.current_page(), self.period
        sub = self.submission.sub
        old = self.centralWidget()
        self._build(period=period, page=page)
        old.deleteLater()
        if sub is not None:
            self.submission.open(sub.unit_code, sub.form_id, sub.period)
            self.show_page(page)

    # navigation -----------------------------------------------------------------------------------
    def show_page(self, name: str) -> None:
        self.nav.setCurrentRow(PAGES.index(name))

    def current_page(self) -> str:
        return PAGES[self.stack.currentIndex()]

    def _nav_changed(self, row: int) -> None:
        self.stack.setCurrentIndex(row)
        name = PAGES[row]
        if name in self._stale:
            self._stale.discard(name)
            self._load(name)

    # periods --------------------------------------------------------------------------------------
    def _fill_periods(self, select: str | None = None) -> None:
        current = select or self.period_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        ps = [p for p in self.ctx.calendar.all() if p.deadlines]
        for p in ps:
            self.period_combo.addItem(f"{p.code} — {p.label}", p.code)
        if current is None:
            d = default_period(self.ctx.calendar, self.today)
            current = d.code if d else None
        i = self.period_combo.findData(current)
        self.period_combo.setCurrentIndex(max(i, 0))
        self.period_combo.blockSignals(False)
        self.set_period(self.period_combo.currentData())

    @property
    def period(self) -> str | None:
        return self._period

    def set_period(self, code: str | None) -> None:
        self._period = code
        if code is None:
            return
        self.publish.set_period(code)
        self.reminder.set_period(code)
        self.calendar.set_period(code)
        self.refresh_all()

    def _definitions_changed(self, code: str) -> None:
        self._fill_periods(select=code or self.period)

    # loading --------------------------------------------------------------------------------------
    def refresh_all(self) -> None:
        """Reload the board now, the other store views when they are next shown."""
        self._stale = {"signers", "overview", "reminder"}
        self.load_board()
        cur = self.current_page()
        if cur in self._stale:
            self._stale.discard(cur)
            self._load(cur)

    def _load(self, name: str) -> None:
        if name == "signers":
            self.signers.refresh()
        elif name == "overview" and self.period:
            ctx, period = self.ctx, self.period
            QueryOp(self, lambda t: svc.overview(ctx, period, progress=t.progress, cancel=t.cancel),
                    success=self.overview.show_overview, kind="overview").run_in_background()
        elif name == "reminder":
            self.reminder.refresh()

    def load_board(self) -> None:
        if not self.period:
            return
        ctx, period = self.ctx, self.period
        QueryOp(self, lambda _t: svc.board(ctx, period), success=self._board_loaded, kind="board").run_in_background()

    def _board_loaded(self, b: svc.Board) -> None:
        if b.status.period.code != self.period:
            return
        self.board_data = b
        self.board.show_board(b)

    def open_submission(self, unit_code: str, form_id: str) -> None:
        self.submission.open(unit_code, form_id, self.period)
        self.show_page("submission")

    # services for the pages ---------------------------------------------------------------------
    def ask_passphrase(self) -> str | None:
        if self.passphrase:
            return self.passphrase
        text, ok = QInputDialog.getText(self, self.tr("Mật khẩu"), self.tr("Mật khẩu bảo vệ khóa bí mật của Cục ATMT:"),
                                        QLineEdit.EchoMode.Password)
        if not ok or not text:
            return None
        self.passphrase = text  # kept for this session only, never written anywhere
        return text

    def unlock(self):
        """(passphrase, identity): the key of Cục ATMT unlocked once per session (a wrong passphrase is said at
        once and forgotten); None when the person gave no passphrase."""
        from reportdesk.errors import UserError
        from reportdesk.package.errors import IdentityError
        from reportdesk.package.identity import load_identity
        from reportdesk.ui.operations import show_error

        if getattr(self, "_identity", None) is not None and self.passphrase:
            return self.passphrase, self._identity
        passphrase = self.ask_passphrase()
        if passphrase is None:
            return None
        try:
            self._identity = load_identity(self.ctx.data_dir, passphrase)
        except IdentityError as exc:
            self.passphrase = None
            show_error(self, UserError(exc.message_vi))
            return None
        return passphrase, self._identity

    def confirm(self, title: str, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def notify(self, text: str) -> None:
        self.statusBar().showMessage(text, 10000)

    def open_path(self, path: Path) -> None:
        self.opened.append(Path(path))
        if self.open_files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
