"""The main window: home (what the unit owes) and the form editor, one at a time, with the menus and
shortcuts a keyboard user needs (Ctrl+N new report, Enter open, Ctrl+E export, Ctrl+P print,
Ctrl+S "already saved", Alt+Home back to the list, Ctrl+, settings, Ctrl+Q quit)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QMainWindow, QMessageBox, QPushButton,
                               QStackedWidget, QVBoxLayout, QWidget)

from reportdesk import __version__
from reportdesk.errors import UserError
from reportdesk.ui import operations as ops
from reportdesk.ui.home import HomePage, default_folder
from reportdesk.ui.i18n import Retranslating

log = logging.getLogger("reportdesk.ui.mainwindow")

WINDOW_SIZE = QSize(1280, 720)  # fits 1366x768 with the task bar
MIN_SIZE = QSize(800, 500)  # 1366x768 at 150 % is 910x512 logical pixels


def editor_class():
    """The form editor widget (reportdesk.ui.editor.ReportEditor), or None while it is not there."""
    try:
        from reportdesk.ui.editor import ReportEditor  # noqa: PLC0415
    except ImportError:
        return None
    return ReportEditor


class PlaceholderEditor(QLabel):
    """Shown in place of the form editor when it is not available."""

    def __init__(self, ctx, report_id: int, parent=None):
        super().__init__(parent)
        self.report_id = report_id
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setText(self.tr("Báo cáo số %1 đã lưu. Trình nhập liệu chưa có trong bản này; hãy điền từ tệp Excel.")
                     .replace("%1", str(report_id)))


class EditorPage(Retranslating, QWidget):
    """The editor with a bar above it: back to the list, what the report is, export."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.setObjectName("editorPage")
        self.window_ = window
        self.editor: QWidget | None = None
        self.report_id: int | None = None
        self.back = QPushButton()
        self.back.setObjectName("backButton")
        self.back.clicked.connect(window.go_home)
        self.caption = QLabel()
        self.caption.setObjectName("editorCaption")
        f = self.caption.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.15)
        self.caption.setFont(f)
        self.export = QPushButton()
        self.export.setObjectName("editorExportButton")
        self.export.clicked.connect(lambda: window.export_report(self.report_id) if self.report_id else None)
        bar = QHBoxLayout()
        bar.setContentsMargins(12, 8, 12, 4)
        bar.addWidget(self.back)
        bar.addSpacing(12)
        bar.addWidget(self.caption, 1)  # the editor shows the report's title itself; this stays empty then
        bar.addWidget(self.export)
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addLayout(bar)
        lay.addLayout(self.body, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.back.setText(self.tr("← &Về trang chính"))
        self.back.setToolTip(self.tr("Về danh sách báo cáo (Alt+Home); mọi thay đổi đã được lưu"))
        self.export.setText(self.tr("Xuất gói…"))  # no mnemonic: the editor's own labels and buttons use them
        self.export.setToolTip(self.tr("Kiểm tra, ký số, mã hóa và ghi gói báo cáo (Ctrl+E)"))
        self._caption()

    def _caption(self) -> None:
        if self.report_id is None or editor_class() is not None:
            self.caption.setText("")
            return
        try:
            r = self.window_.ctx.reports.get(self.report_id, with_answers=False)
            form = self.window_.ctx.reports.form_of(r)
            period = self.window_.ctx.calendar.get(r.period)
            self.caption.setText(f"{form.title} — {period.label if period else r.period}")
        except UserError:
            self.caption.setText("")

    def show_report(self, report_id: int) -> QWidget:
        self.close_editor()
        self.report_id = report_id
        cls = editor_class()
        if cls is None:
            self.editor = PlaceholderEditor(self.window_.ctx, report_id, self)
        else:
            self.editor = cls(self.window_.ctx, report_id, self)
        self.body.addWidget(self.editor, 1)
        self._caption()
        return self.editor

    def close_editor(self) -> None:
        if self.editor is not None:
            flush = getattr(self.editor, "flush", None)
            if callable(flush):
                flush()
            self.body.removeWidget(self.editor)
            self.editor.close()
            self.editor.deleteLater()
            self.editor = None
        self.report_id = None


class AtmtPage(Retranslating, QWidget):
    """Consolidation mode: the desktop screens of Cục ATMT come with a later issue; the command line
    already does the whole round (import, status, consolidate)."""

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(32, 32, 32, 32)
        lay.addWidget(self.label)
        lay.addStretch(1)
        self.fingerprint = ""        # filled by a QueryOp (the certificate is read off the UI thread)
        self.fingerprint_error = ""  # why it could not be read, said on the page (never swallowed)
        self.retranslate()
        self.load()

    def load(self) -> None:
        from reportdesk.services.identity import identity_info

        ctx = self.ctx

        def done(info) -> None:
            self.fingerprint, self.fingerprint_error = info.fingerprint, ""
            self.retranslate()

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                log.error("the consolidation certificate could not be read", exc_info=exc)
            self.fingerprint, self.fingerprint_error = "", ops.error_text(exc)
            self.retranslate()

        ops.QueryOp(self, lambda t: identity_info(ctx), success=done, failure=failed, kind="identity-info") \
            .run_in_background()

    def retranslate(self) -> None:
        fp = self.fingerprint or self.fingerprint_error or "—"
        self.label.setText(
            self.tr("Kho tổng hợp của Cục ATMT tại %1.\n\nDấu vân tay chứng thư (đọc cho đơn vị khi họ gọi điện kiểm tra):\n%2\n\n"
                    "Nhận gói, theo dõi tình hình gửi và tổng hợp: dùng các lệnh «reportdesk import», «reportdesk status», "
                    "«reportdesk consolidate».").replace("%1", str(self.ctx.data_dir)).replace("%2", fp))


class MainWindow(Retranslating, QMainWindow):
    def __init__(self, ctx, *, demo: bool = False, demo_passphrase: str | None = None,
                 open_files: bool = True, today: dt.date | None = None):
        super().__init__()
        self.ctx = ctx
        self.demo = demo
        self.demo_passphrase = demo_passphrase
        self.open_files = open_files  # tests: never launch Word or the file manager
        self.opened: list[Path] = []   # what the window asked the system to open
        self.setObjectName("mainWindow")
        from reportdesk.ui.screen import fit_to_screen

        fit_to_screen(self, WINDOW_SIZE, MIN_SIZE)  # never larger than the screen (150 % on 1366x768)
        self.mode = ctx.mode

        self.stack = QStackedWidget()
        self.banner = QLabel()
        self.banner.setObjectName("demoBanner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet("QLabel#demoBanner { background: #fff4ce; color: #5c4400; padding: 6px 14px;"
                                  " border-bottom: 1px solid #e0c878; }")
        self.banner.setVisible(demo)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.banner)
        lay.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.home: HomePage | None = None
        self.editor_page: EditorPage | None = None
        if self.mode == "unit":
            self.home = HomePage(ctx, self, today=today)
            self.editor_page = EditorPage(self)
            self.stack.addWidget(self.home)
            self.stack.addWidget(self.editor_page)
            self.home.open_requested.connect(self.open_report)
            self.home.create_requested.connect(self.create_report)
            self.home.export_requested.connect(self.export_report)
            self.home.print_requested.connect(self.print_report)
            self.home.template_requested.connect(self.download_template)
            self.home.fill_requested.connect(self.fill_from_excel)
            self.home.receipt_requested.connect(self.print_receipt)
            self.home.upgrade_requested.connect(self.upgrade_report)
            self.setAcceptDrops(True)  # .rdrcpt/.rdrev/.rdupd from Cục ATMT
        else:
            self.stack.addWidget(AtmtPage(ctx, self))

        self._make_actions()
        ops.bus.did_write.connect(self._store_changed)
        self.retranslate()
        if self.home is not None:
            self.home.refresh()
            self.home.view.setFocus()

    # --- menus and shortcuts ------------------------------------------------------------------
    def _action(self, name: str, slot: Callable, shortcut: QKeySequence | str | None = None) -> QAction:
        a = QAction(self)
        a.setObjectName(name)
        a.triggered.connect(lambda _checked=False: slot())
        if shortcut is not None:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.addAction(a)
        return a

    def _make_actions(self) -> None:
        self.act_new = self._action("actNew", self.new_report, QKeySequence.StandardKey.New)
        self.act_open = self._action("actOpen", lambda: self.home and self.home.activate(), "Ctrl+O")
        self.act_export = self._action("actExport", self.export_current, "Ctrl+E")
        self.act_print = self._action("actPrint", self.print_current, QKeySequence.StandardKey.Print)
        self.act_template = self._action("actTemplate", lambda: self.home and self.home._template())
        self.act_fill = self._action("actFill", self.fill_current)
        self.act_inbox = self._action("actInbox", self.import_inbox)
        self.act_save = self._action("actSave", self.save_noop, QKeySequence.StandardKey.Save)
        self.act_home = self._action("actHome", self.go_home, "Alt+Home")
        self.act_settings = self._action("actSettings", self.show_settings, "Ctrl+,")
        self.act_identity = self._action("actIdentity", self.show_identity)
        self.act_quit = self._action("actQuit", self.close, QKeySequence.StandardKey.Quit)
        self.act_about = self._action("actAbout", self.show_about)
        self.act_leave_demo = self._action("actLeaveDemo", self.leave_demo)
        self.act_leave_demo.setVisible(self.demo)
        mb = self.menuBar()
        mb.clear()
        self.menu_file = mb.addMenu("")
        for a in (self.act_new, self.act_open, self.act_save):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        for a in (self.act_export, self.act_print):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        for a in (self.act_template, self.act_fill):
            self.menu_file.addAction(a)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_inbox)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_leave_demo)
        self.menu_file.addAction(self.act_quit)
        self.menu_file.insertAction(self.act_save, self.act_home)
        self.menu_tools = mb.addMenu("")
        self.menu_tools.addAction(self.act_identity)
        self.menu_tools.addAction(self.act_settings)
        self.menu_help = mb.addMenu("")
        self.menu_help.addAction(self.act_about)
        unit_only = self.mode == "unit"
        for a in (self.act_new, self.act_open, self.act_export, self.act_print, self.act_template, self.act_fill,
                  self.act_home, self.act_inbox):
            a.setEnabled(unit_only)

    def retranslate(self) -> None:
        self.menu_file.setTitle(self.tr("&Tệp"))
        self.menu_tools.setTitle(self.tr("&Công cụ"))
        self.menu_help.setTitle(self.tr("Trợ &giúp"))
        self.act_new.setText(self.tr("&Lập báo cáo mới"))
        self.act_open.setText(self.tr("&Mở báo cáo"))
        self.act_save.setText(self.tr("&Lưu (tự động)"))
        self.act_export.setText(self.tr("&Xuất gói báo cáo…"))
        self.act_print.setText(self.tr("&In báo cáo (Word)…"))
        self.act_template.setText(self.tr("Tải &mẫu Excel…"))
        self.act_fill.setText(self.tr("Điền từ tệp &Excel…"))
        self.act_inbox.setText(self.tr("Nhập thư từ &Cục ATMT…"))
        self.act_inbox.setToolTip(self.tr("Nhập giấy biên nhận, kết quả xem xét, bản cập nhật (.rdrcpt, .rdrev, .rdupd); "
                                          "có thể kéo thả tệp vào cửa sổ"))
        self.act_leave_demo.setText(self.tr("Thoát chế độ &dùng thử"))
        self.act_quit.setText(self.tr("&Thoát"))
        self.act_home.setText(self.tr("&Trang chính"))
        self.act_settings.setText(self.tr("&Cài đặt…"))
        self.act_identity.setText(self.tr("&Khóa ký số và chứng thư…"))
        self.act_about.setText(self.tr("&Giới thiệu"))
        if self.demo:
            text = self.tr("DỮ LIỆU THỬ (DEMO): mọi báo cáo ở đây là dữ liệu trình diễn, không gửi cho ai.")
            if self.demo_passphrase:
                text += " " + self.tr("Mật khẩu khóa ký số của dữ liệu thử: %1").replace("%1", self.demo_passphrase)
            self.banner.setText(text)
        self._title()

    def _title(self) -> None:
        who = ""
        try:
            if self.ctx.unit_code:
                who = self.ctx.unit(self.ctx.unit_code).name
        except UserError:
            who = self.ctx.unit_code or ""
        parts = ["reportdesk"]
        if who:
            parts.append(who)
        title = " — ".join(parts)
        if self.demo:
            title = "[DEMO] " + title + " " + self.tr("(dữ liệu thử)")
        self.setWindowTitle(title)

    # --- navigation -------------------------------------------------------------------------
    def go_home(self) -> None:
        if self.editor_page is None or self.home is None:
            return
        rid = self.editor_page.report_id
        self.editor_page.close_editor()
        self.stack.setCurrentWidget(self.home)
        self.home.refresh(select=rid if rid else None)
        self.home.view.setFocus()

    def current_report_id(self) -> int | None:
        if self.editor_page is not None and self.stack.currentWidget() is self.editor_page:
            return self.editor_page.report_id
        if self.home is not None:
            o = self.home.current()
            return o.report_id if o else None
        return None

    def open_report(self, report_id: int) -> QWidget | None:
        if self.editor_page is None:
            return None
        editor = self.editor_page.show_report(report_id)
        self.stack.setCurrentWidget(self.editor_page)
        editor.setFocus()
        return editor

    @property
    def editor(self) -> QWidget | None:
        return self.editor_page.editor if self.editor_page is not None else None

    # --- actions ------------------------------------------------------------------------------
    def new_report(self) -> None:
        if self.home is None:
            return
        if self.stack.currentWidget() is not self.home:
            self.go_home()
        self.home.create_current()

    def create_report(self, form_id: str, period: str) -> None:
        from reportdesk.services import reports as svc

        def done(r) -> None:
            self.home.refresh(select=r.id)
            self.open_report(r.id)
            self.statusBar().showMessage(self.tr("Đã lập báo cáo số %1.").replace("%1", str(r.id)), 5000)

        ops.WriteOp(self, lambda t: svc.new_report(self.ctx, form_id, period), success=done,
                    kind="new_report").run_in_background()

    def save_noop(self) -> None:
        flush = getattr(self.editor, "flush", None)
        if callable(flush):
            flush()
        self.statusBar().showMessage(self.tr("Đã tự lưu: mọi thay đổi được lưu ngay khi nhập, không cần bấm Lưu."), 5000)

    def export_current(self) -> None:
        rid = self.current_report_id()
        if rid is not None:
            self.export_report(rid)

    def export_report(self, report_id: int) -> None:
        from reportdesk.ui.export_dialog import ExportDialog

        flush = getattr(self.editor, "flush", None)
        if callable(flush):
            flush()
        dlg = ExportDialog(self.ctx, report_id, self, jump=self.jump_to_issue, open_folder=self.open_folder,
                           passphrase_hint=self.demo_passphrase)
        self.export_dialog = dlg
        dlg.open()

    def jump_to_issue(self, report_id: int, issue) -> None:
        """From a problem listed elsewhere (the export dialog) to its field or cell in the editor."""
        editor = self.editor if (self.editor_page and self.editor_page.report_id == report_id) else self.open_report(report_id)
        for name in ("jump_to_issue", "jump_to", "focus_issue"):
            fn = getattr(editor, name, None)
            if callable(fn):
                fn(issue)
                return

    def print_current(self) -> None:
        rid = self.current_report_id()
        if rid is not None:
            self.print_report(rid)

    def print_report(self, report_id: int) -> None:
        """Writes the report as a Word document (in <data dir>/documents) and opens it to print."""
        from reportdesk.services import reports as svc

        r = self.ctx.reports.get(report_id, with_answers=False)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        out = self.ctx.data_dir / "documents" / f"{r.unit_code}_{r.form_id}_{r.period}_{stamp}.docx"

        def work(t):
            out.parent.mkdir(parents=True, exist_ok=True)
            return svc.write_docx(self.ctx, report_id, out)

        def done(path) -> None:
            self.statusBar().showMessage(self.tr("Đã ghi %1").replace("%1", str(path)), 8000)
            self.open_path(Path(path))

        ops.QueryOp(self, work, success=done, label=self.tr("Đang ghi tệp Word…"), kind="docx") \
            .with_progress(cancellable=False).run_in_background()

    def download_template(self, form_id: str) -> None:
        from reportdesk.services import reports as svc

        path = self.ask_save_path(self.tr("Lưu mẫu Excel"), default_folder() / f"mau_{form_id}.xlsx",
                                  self.tr("Sổ tính Excel (*.xlsx)"))
        if path is None:
            return

        def done(p) -> None:
            self.statusBar().showMessage(self.tr("Đã ghi mẫu Excel: %1").replace("%1", str(p)), 8000)
            self.last_written = Path(p)

        ops.QueryOp(self, lambda t: svc.write_template(self.ctx, form_id, path), success=done,
                    kind="template").run_in_background()

    def fill_current(self) -> None:
        rid = self.current_report_id()
        if rid is not None:
            self.fill_from_excel(rid)

    def fill_from_excel(self, report_id: int) -> None:
        from reportdesk.services import reports as svc

        path = self.ask_open_path(self.tr("Chọn tệp Excel đã điền"), default_folder(), self.tr("Sổ tính Excel (*.xlsx)"))
        if path is None:
            return
        if self.editor_page is not None and self.editor_page.report_id == report_id:
            self.editor_page.close_editor()
            reopen = True
        else:
            reopen = False

        def done(_r) -> None:
            self.statusBar().showMessage(self.tr("Đã điền báo cáo số %1 từ %2").replace("%1", str(report_id))
                                         .replace("%2", path.name), 8000)
            if reopen:
                self.open_report(report_id)

        def failed(exc) -> None:
            ops.show_error(self, exc)
            if reopen:
                self.open_report(report_id)

        ops.WriteOp(self, lambda t: svc.fill_xlsx(self.ctx, report_id, path), success=done, failure=failed,
                    kind="fill").run_in_background()

    # --- the way back from Cục ATMT ----------------------------------------------------------------
    def import_inbox(self, paths=None):
        """Files from Cục ATMT (dropped, or chosen): asks the passphrase and lists each outcome."""
        from reportdesk.ui.wayback import InboxDialog, inbox_files

        if self.mode != "unit":
            return None
        if paths is None:
            paths = self.ask_open_paths(self.tr("Chọn thư từ Cục ATMT"), default_folder(),
                                        self.tr("Thư từ Cục ATMT (*.rdrcpt *.rdrev *.rdupd)"))
            if not paths:
                return None
        paths = inbox_files(paths)
        if not paths:
            self.statusBar().showMessage(self.tr("Không có tệp .rdrcpt, .rdrev hay .rdupd nào để nhập."), 8000)
            return None
        dlg = InboxDialog(self.ctx, paths, self, passphrase_hint=self.demo_passphrase)
        self.inbox_dialog = dlg
        dlg.open()
        dlg.passphrase.setFocus()
        return dlg

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        from reportdesk.ui.wayback import inbox_files

        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if self.mode == "unit" and inbox_files(u.toLocalFile() for u in urls if u.isLocalFile()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        paths = [Path(u.toLocalFile()) for u in urls if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_inbox(paths)

    def print_receipt(self, report_id: int) -> None:
        """ATMT's receipt of the report's latest acknowledged revision, as Word (GIẤY BIÊN NHẬN), opened."""
        from reportdesk.services import wayback

        st = wayback.inbox_state_for_report(self.ctx, report_id)
        if st.receipt is None:
            return
        r = self.ctx.reports.get(report_id, with_answers=False)
        out = self.ctx.data_dir / "documents" / f"giay-bien-nhan_{r.unit_code}_{r.form_id}_{r.period}_r{st.receipt.revision}.docx"

        def work(_t):
            out.parent.mkdir(parents=True, exist_ok=True)
            return wayback.print_receipt_message(self.ctx, st.receipt.message_id, out)

        def done(path) -> None:
            self.statusBar().showMessage(self.tr("Đã ghi %1").replace("%1", str(path)), 8000)
            self.open_path(Path(path))

        ops.QueryOp(self, work, success=done, kind="receipt_docx").run_in_background()

    def upgrade_report(self, report_id: int) -> None:
        """Moves the report to the newest form version, after a confirmation naming what is dropped."""
        from reportdesk.services import wayback

        try:
            plan = wayback.preview_upgrade(self.ctx, report_id)
        except UserError as exc:
            ops.show_error(self, exc)
            return
        text = self.tr("Chuyển báo cáo số %1 từ phiên bản %2 sang phiên bản %3 của biểu mẫu?").replace(
            "%1", str(report_id)).replace("%2", str(plan.from_version)).replace("%3", str(plan.to_version))
        if plan.dropped:
            detail = self.tr("Các câu trả lời sau không còn chỗ trong phiên bản mới và sẽ bị bỏ (vẫn giữ trong lịch sử "
                             "của báo cáo): %1").replace("%1", ", ".join(plan.dropped[:30]) + ("…" if len(plan.dropped) > 30 else ""))
        else:
            detail = self.tr("Mọi câu trả lời đều được giữ.")
        if not self.confirm(self.tr("Chuyển sang phiên bản mới"), text, detail):
            return
        if self.editor_page is not None and self.editor_page.report_id == report_id:
            self.editor_page.close_editor()

        def done(res) -> None:
            self.home.refresh(select=report_id)
            self.statusBar().showMessage(self.tr("Báo cáo số %1 đã chuyển sang phiên bản %2.").replace(
                "%1", str(report_id)).replace("%2", str(res.to_version)), 8000)

        ops.WriteOp(self, lambda t: wayback.upgrade_report(self.ctx, report_id), success=done,
                    kind="upgrade").run_in_background()

    # --- files and folders (tests replace these) ------------------------------------------------
    def confirm(self, title: str, text: str, detail: str = "") -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("confirmBox")
        if detail:
            box.setInformativeText(detail)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        return box.exec() == QMessageBox.StandardButton.Yes

    def ask_open_paths(self, title: str, folder: Path, filter_: str) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(self, title, str(folder), filter_)
        return [Path(n) for n in names]

    def ask_save_path(self, title: str, suggested: Path, filter_: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, str(suggested), filter_)
        return Path(name) if name else None

    def ask_open_path(self, title: str, folder: Path, filter_: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, str(folder), filter_)
        return Path(name) if name else None

    def open_path(self, path: Path) -> None:
        self.opened.append(Path(path))
        if self.open_files:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def open_folder(self, path: Path) -> None:
        self.open_path(Path(path) if Path(path).is_dir() else Path(path).parent)

    # --- the rest ---------------------------------------------------------------------------------
    def _store_changed(self, kind: str) -> None:
        if kind == "inbox" and self.editor is not None and hasattr(self.editor, "load_atmt_comments"):
            self.editor.load_atmt_comments()
        if kind == "export" and self.editor is not None:  # the open report is now "exported revision N"
            session = getattr(self.editor, "session", None)
            if session is not None and hasattr(session, "reload"):
                session.reload()
        if kind in ("inbox", "upgrade") and self.home is not None:  # an update may bring periods and forms
            self.home.refresh()
        elif self.home is not None and self.stack.currentWidget() is self.home:
            self.home.report_changed()
        elif self.home is not None:
            self.home.model.invalidate()

    def show_settings(self) -> None:
        from reportdesk.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.ctx, self)
        self.settings_dialog = dlg
        dlg.open()

    def show_identity(self) -> None:
        from reportdesk.ui.identity_dialog import IdentityDialog

        dlg = IdentityDialog(self.ctx, self)
        self.identity_dialog = dlg
        dlg.open()

    def show_about(self) -> None:
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Giới thiệu"))
        box.setText(self.tr("reportdesk %1 — báo cáo thực hiện Chỉ thị 20/CT-TTg của Bộ Công Thương.\n"
                            "Thư mục dữ liệu: %2").replace("%1", __version__).replace("%2", str(self.ctx.data_dir)))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def leave_demo(self) -> None:
        from reportdesk.ui import i18n

        s = i18n.settings(self.ctx_home_dir())
        s.remove("demo/dir")
        s.sync()
        self.statusBar().showMessage(self.tr("Lần mở sau, ứng dụng sẽ hỏi thiết lập kho dữ liệu thật."), 8000)
        QTimer.singleShot(0, self.close)

    def ctx_home_dir(self) -> Path:
        return getattr(self, "settings_dir", self.ctx.data_dir)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.editor_page is not None:
            self.editor_page.close_editor()  # flushes what is typed
        ops.wait_all(10000)
        try:
            ops.bus.did_write.disconnect(self._store_changed)
        except (RuntimeError, TypeError):
            pass
        super().closeEvent(event)
