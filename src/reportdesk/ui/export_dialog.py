"""Export a report: blocked while errors remain (listed; a click jumps to the field), warnings without
an explanation need a confirmation, the passphrase is asked, the work runs off the UI thread, and the
result says where the package is, its revision and its fingerprint, with a button to open the folder."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from reportdesk.domain.explain import unexplained
from reportdesk.ui import i18n
from reportdesk.ui import operations as ops
from reportdesk.ui import vnlocale as vn
from reportdesk.ui.home import RED, default_folder
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.screen import FitsScreen
from reportdesk.ui.editor.i18n import issue_text

IssueRole = Qt.ItemDataRole.UserRole + 1


class ExportDialog(FitsScreen, Retranslating, QDialog):
    def __init__(self, ctx, report_id: int, parent=None, *, jump: Callable | None = None,
                 open_folder: Callable[[Path], None] | None = None, folder: Path | None = None,
                 passphrase_hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.ctx = ctx
        self.report_id = report_id
        self._jump = jump
        self._open_folder = open_folder
        self.result_ = None
        self.setMinimumWidth(640)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        # filled by the background check (recheck): nothing is read from the store on the UI thread
        self.report = None
        self.form = None
        self.period_label = ""
        self.history_entries: list = []
        self.checking = False
        self.has_recipient = True
        self.n_errors = self.n_unexplained = self.n_explained = 0
        self._focused = False
        self.check_op = None

        # --- page 1: check and export ------------------------------------------------------
        self.what = QLabel()
        self.what.setWordWrap(True)
        self.errors_label = QLabel()
        self.errors_label.setObjectName("exportErrorsLabel")
        self.errors_label.setWordWrap(True)
        self.errors_label.setStyleSheet(f"color: {RED.name()}; font-weight: bold;")
        self.errors = QListWidget()
        self.errors.setObjectName("exportErrors")
        self.errors.itemActivated.connect(self._jump_item)
        self.errors.itemClicked.connect(self._jump_item)
        self.warnings_label = QLabel()
        self.warnings_label.setWordWrap(True)
        self.warnings = QListWidget()
        self.warnings.setObjectName("exportWarnings")
        self.warnings.itemActivated.connect(self._jump_item)
        self.confirm = QCheckBox()
        self.confirm.setObjectName("confirmWarnings")
        self.confirm.toggled.connect(lambda _on: self._update())

        self.folder = QLineEdit(str(folder or self._saved_folder()))
        self.folder.setObjectName("exportFolder")
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("exportPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.textChanged.connect(lambda _t: self._update())
        if passphrase_hint:
            self.passphrase.setPlaceholderText(passphrase_hint)
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setObjectName("exportHistory")
        self.no_recipient = QLabel()
        self.no_recipient.setObjectName("noRecipient")
        self.no_recipient.setWordWrap(True)
        self.no_recipient.setStyleSheet(f"color: {RED.name()};")
        self.add_recipient = QPushButton()
        self.add_recipient.setObjectName("addRecipientButton")
        self.add_recipient.clicked.connect(self._identity)

        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.form_lay = QFormLayout()
        self.folder_label = QLabel()
        self.folder_label.setBuddy(self.folder)
        self.pass_label = QLabel()
        self.pass_label.setBuddy(self.passphrase)
        self.form_lay.addRow(self.folder_label, folder_row)
        self.form_lay.addRow(self.pass_label, self.passphrase)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("doExport")
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.start_export)
        self.close_button.clicked.connect(self.reject)

        check = QWidget()
        cl = QVBoxLayout(check)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(10)
        cl.addWidget(self.what)
        cl.addWidget(self.errors_label)
        cl.addWidget(self.errors, 3)
        cl.addWidget(self.warnings_label)
        cl.addWidget(self.warnings, 3)
        cl.addWidget(self.confirm)
        rec = QHBoxLayout()
        rec.addWidget(self.no_recipient, 1)
        rec.addWidget(self.add_recipient)
        cl.addLayout(rec)
        cl.addSpacing(6)
        cl.addLayout(self.form_lay)
        cl.addWidget(self.history)
        cl.addStretch(1)

        # --- page 2: done -------------------------------------------------------------------
        self.done_title = QLabel()
        f = self.done_title.font()
        f.setBold(True)
        f.setPointSizeF(f.pointSizeF() * 1.2)
        self.done_title.setFont(f)
        self.done_text = QLabel()
        self.done_text.setObjectName("exportDone")
        self.done_text.setWordWrap(True)
        self.done_text.setTextFormat(Qt.TextFormat.RichText)
        self.done_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openFolder")
        self.open_button.clicked.connect(self._open)
        self.done_close = QPushButton()
        self.done_close.clicked.connect(self.accept)
        done = QWidget()
        dl = QVBoxLayout(done)
        dl.setContentsMargins(0, 0, 0, 0)
        dl.addWidget(self.done_title)
        dl.addWidget(self.done_text)
        dl.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.done_close)
        dl.addLayout(row)

        self.pages = QStackedWidget()
        self.pages.addWidget(check)
        self.pages.addWidget(done)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.buttons)

        self.export_button.setDefault(True)
        self.export_button.setAutoDefault(True)
        self.close_button.setAutoDefault(False)
        QWidget.setTabOrder(self.errors, self.warnings)
        QWidget.setTabOrder(self.warnings, self.confirm)
        QWidget.setTabOrder(self.confirm, self.folder)
        QWidget.setTabOrder(self.folder, self.browse)
        QWidget.setTabOrder(self.browse, self.passphrase)
        QWidget.setTabOrder(self.passphrase, self.export_button)
        self.issues: list = []
        self.retranslate()
        self.recheck()

    # --- state ------------------------------------------------------------------------------------
    def _saved_folder(self) -> Path:
        saved = i18n.settings(self.ctx.data_dir).value("export/folder", "")
        return Path(saved) if saved and Path(saved).is_dir() else default_folder()

    def recheck(self) -> None:
        """Checks the report, the recipients and the export history in a QueryOp ("Đang kiểm tra…" meanwhile)."""
        from reportdesk.services import reports as svc
        from reportdesk.services.identity import list_recipients
        from reportdesk.services.unit_home import export_history

        ctx, rid = self.ctx, self.report_id

        def work(task) -> dict:
            r = ctx.reports.get(rid)
            period = ctx.calendar.get(r.period)
            return {"report": r, "form": ctx.reports.form_of(r), "period": period.label if period else r.period,
                    "issues": list(svc.check_report(ctx, rid)), "has_recipient": bool(list_recipients(ctx)),
                    "history": export_history(ctx, rid)}

        self.checking = True
        self._update()
        self.retranslate()
        self.check_op = ops.QueryOp(self, work, success=self._checked, failure=self._check_failed, kind="export-check")
        self.check_op.run_in_background()

    def _check_failed(self, exc: BaseException) -> None:
        self.checking = False
        self.retranslate()
        self._update()
        ops.show_error(self, exc)

    def _checked(self, data: dict) -> None:
        self.checking = False
        self.report, self.form, self.period_label = data["report"], data["form"], data["period"]
        self.issues = data["issues"]
        self.history_entries = data["history"]
        errs = [i for i in self.issues if i.severity == "error"]

        def item(i) -> QListWidgetItem:
            text = issue_text(self.form, i)
            if i.row is not None:
                text += " " + self.tr("(dòng %1)").replace("%1", str(i.row + 1))
            it = QListWidgetItem(text)
            sec = self.form.section_of(i.field) if i.field else None
            it.setToolTip(sec.title if sec else i.path)
            it.setData(IssueRole, i)
            return it

        warns = unexplained(self.issues, self.report.explanations)
        self.errors.clear()
        for i in errs:
            it = item(i)
            it.setForeground(RED)
            self.errors.addItem(it)
        self.warnings.clear()
        for i in warns:
            self.warnings.addItem(item(i))
        self.has_recipient = data["has_recipient"]
        self.n_errors = len(errs)
        self.n_unexplained = len(warns)
        self.n_explained = sum(1 for i in self.issues if i.severity == "warning") - len(warns)
        self.retranslate()
        self._update()
        if not self._focused:  # the common case: type the passphrase and press Enter (errors first)
            self._focused = True
            (self.errors if self.blocked() else self.confirm if self.n_unexplained else self.passphrase).setFocus()

    def blocked(self) -> bool:
        return self.n_errors > 0

    def _update(self) -> None:
        self.errors_label.setVisible(self.n_errors > 0)
        self.errors.setVisible(self.n_errors > 0)
        self.warnings_label.setVisible(self.n_unexplained > 0)
        self.warnings.setVisible(self.n_unexplained > 0)
        self.confirm.setVisible(self.n_unexplained > 0 and not self.blocked())
        for w in (self.folder, self.browse, self.passphrase, self.folder_label, self.pass_label):
            w.setEnabled(not self.blocked())
        self.no_recipient.setVisible(not self.has_recipient and not self.checking)
        self.add_recipient.setVisible(not self.has_recipient and not self.checking)
        ok = (not self.checking and self.report is not None and not self.blocked() and self.has_recipient
              and bool(self.passphrase.text())
              and (self.n_unexplained == 0 or self.confirm.isChecked()))
        self.export_button.setEnabled(ok)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Xuất gói báo cáo"))
        if self.checking or self.form is None:
            self.what.setText(self.tr("Đang kiểm tra…"))
        else:
            self.what.setText(self.tr("%1 — %2 (báo cáo số %3). Gói được ký bằng khóa của đơn vị và mã hóa cho Cục ATMT.")
                              .replace("%1", self.form.title).replace("%2", self.period_label).replace("%3", str(self.report_id)))
        self.errors_label.setText(self.tr("Còn %1 lỗi; sửa hết mới xuất được gói. Bấm vào một lỗi để đến ô cần sửa.")
                                  .replace("%1", str(self.n_errors)))
        self.warnings_label.setText(self.tr("%1 cảnh báo chưa có giải trình (có thể giải trình trong trang nhập liệu):")
                                    .replace("%1", str(self.n_unexplained)))
        self.confirm.setText(self.tr("Tôi đã xem các cảnh báo trên và &vẫn gửi báo cáo"))
        self.no_recipient.setText(self.tr("Chưa có chứng thư của Cục ATMT: gói cần được mã hóa cho Cục ATMT."))
        self.add_recipient.setText(self.tr("Thêm chứng thư &ATMT…"))
        self.folder_label.setText(self.tr("&Thư mục lưu gói:"))
        self.pass_label.setText(self.tr("&Mật khẩu khóa ký số:"))
        self.browse.setText(self.tr("&Chọn…"))
        self.export_button.setText(self.tr("&Xuất gói"))
        self.open_button.setText(self.tr("&Mở thư mục"))
        self.done_close.setText(self.tr("Đó&ng"))
        self.done_title.setText(self.tr("Đã xuất gói báo cáo"))
        hist = self.history_entries
        if self.checking or self.report is None:
            self.history.setText("")
        elif hist:
            self.history.setText(self.tr("Các lần đã xuất: ") + "; ".join(
                self.tr("lần %1 lúc %2").replace("%1", str(e.revision)).replace("%2", vn.format_datetime(e.at))
                for e in hist))
        else:
            self.history.setText(self.tr("Báo cáo này chưa xuất lần nào; gói sẽ là lần gửi thứ nhất."))
        if self.result_ is not None:
            self._show_result()

    # --- actions ----------------------------------------------------------------------------------
    def _jump_item(self, item: QListWidgetItem) -> None:
        issue = item.data(IssueRole)
        if self._jump is not None and issue is not None:
            self.reject()
            self._jump(self.report_id, issue)

    def _identity(self) -> None:
        from reportdesk.ui.identity_dialog import IdentityDialog

        dlg = IdentityDialog(self.ctx, self)
        dlg.finished.connect(lambda _r: self.recheck())
        self.identity_dialog = dlg
        dlg.open()

    def _browse(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Chọn thư mục lưu gói"), self.folder.text())
        if d:
            self.folder.setText(d)

    def start_export(self) -> None:
        from reportdesk.services import reports as svc

        if not self.export_button.isEnabled():
            return
        folder = Path(self.folder.text().strip() or str(default_folder()))
        passphrase = self.passphrase.text()
        self.export_button.setEnabled(False)

        def work(t):
            from reportdesk.services.unit_home import stored_attachments

            folder.mkdir(parents=True, exist_ok=True)
            return svc.export_report(self.ctx, self.report_id, folder, passphrase,
                                     attachments=stored_attachments(self.ctx, self.report_id),
                                     progress=t.progress, cancel=t.cancel)

        def failed(exc) -> None:
            self.passphrase.clear()
            self.passphrase.setFocus()
            self._update()
            ops.show_error(self, exc)

        def done(result) -> None:
            self.result_ = result
            s = i18n.settings(self.ctx.data_dir)
            s.setValue("export/folder", str(folder))
            s.sync()
            self._show_result()

        self.op = ops.WriteOp(self, work, success=done, failure=failed, kind="export",
                              label=self.tr("Đang ký số và mã hóa gói báo cáo…"))
        self.op.with_progress().run_in_background()

    def done_plain(self) -> str:
        """What the done page says, as plain text."""
        r = self.result_
        return self.tr("Tệp: %1\nLần gửi: %2\nDấu vân tay chứng thư ký (SHA-256): %3").replace("%1", str(r.path)) \
            .replace("%2", str(r.revision)).replace("%3", r.fingerprint)

    def _show_result(self) -> None:
        from html import escape

        r = self.result_
        rows = [(self.tr("Tệp"), escape(str(r.path))), (self.tr("Lần gửi"), str(r.revision)),
                (self.tr("Dấu vân tay chứng thư ký (SHA-256)"), f"<span style='font-family:monospace'>{escape(r.fingerprint)}</span>")]
        html = "<table cellspacing='0' cellpadding='4'>" + "".join(
            f"<tr><td style='color:#555; padding-right:12px; white-space:nowrap'>{escape(k)}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"
        for w in getattr(r, "warnings", None) or []:
            html += f"<p style='color:#8a5a00'>{escape(w)}</p>"
        html += "<p>" + escape(self.tr("Gửi tệp này cho Cục ATMT qua thư điện tử, USB hoặc hệ thống văn bản.")) + "</p>"
        self.done_text.setText(html)
        self.pages.setCurrentIndex(1)
        self.buttons.setVisible(False)
        self.open_button.setFocus()

    def _open(self) -> None:
        if self.result_ is not None and self._open_folder is not None:
            self._open_folder(Path(self.result_.path).parent)
