"""Unit side: import what Cục ATMT sent back (receipts, review decisions, updates).

The files come dropped onto the window or from *Tệp › Nhập thư từ Cục ATMT…*; the passphrase opens the
unit's key (each file is encrypted to it); ``services.wayback.import_inbox`` runs as a WriteOp with
progress; each file's outcome is listed: applied with what it brought, or refused with its reason
(a refused file changes nothing)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from reportdesk.ui import operations as ops
from reportdesk.ui.i18n import Retranslating
from reportdesk.ui.wayback.common import GREEN, RED, add_line, passphrase_field, result_list

EXTENSIONS = (".rdrcpt", ".rdrev", ".rdupd")
KIND_VI = {"receipt": QT_TRANSLATE_NOOP("InboxDialog", "Giấy biên nhận"),
           "review": QT_TRANSLATE_NOOP("InboxDialog", "Kết quả xem xét"),
           "update": QT_TRANSLATE_NOOP("InboxDialog", "Bản cập nhật")}


def inbox_files(paths) -> list[Path]:
    """The files of ``paths`` the inbox takes (by extension; folders as they are, the service walks them)."""
    out = []
    for p in paths:
        p = Path(p)
        if p.is_dir() or p.suffix.lower() in EXTENSIONS:
            out.append(p)
    return out


class InboxDialog(Retranslating, QDialog):
    """Asks the passphrase, imports ``paths``, lists each file's outcome."""

    def __init__(self, ctx, paths, parent=None, *, passphrase_hint: str | None = None):
        super().__init__(parent)
        self.setObjectName("inboxDialog")
        self.ctx = ctx
        self.paths = [Path(p) for p in paths]
        self.outcomes: list = []
        self.setMinimumSize(640, 380)
        self.setWindowModality(Qt.WindowModality.WindowModal)

        self.what = QLabel()
        self.what.setWordWrap(True)
        self.files = QLabel("\n".join(p.name for p in self.paths[:12]) + ("\n…" if len(self.paths) > 12 else ""))
        self.files.setObjectName("inboxFiles")
        self.files.setWordWrap(True)
        self.files.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passphrase = passphrase_field(passphrase_hint, "inboxPassphrase")
        self.passphrase.textChanged.connect(lambda _t: self._update())
        self.passphrase.returnPressed.connect(self.start)
        self.pass_label = QLabel()
        self.pass_label.setBuddy(self.passphrase)
        form = QFormLayout()
        form.addRow(self.pass_label, self.passphrase)
        first = QWidget()
        l1 = QVBoxLayout(first)
        l1.setContentsMargins(0, 0, 0, 0)
        l1.addWidget(self.what)
        l1.addWidget(self.files)
        l1.addLayout(form)
        l1.addStretch(1)

        self.summary = QLabel()
        self.summary.setObjectName("inboxSummary")
        self.summary.setWordWrap(True)
        self.results = result_list("inboxResults")
        second = QWidget()
        l2 = QVBoxLayout(second)
        l2.setContentsMargins(0, 0, 0, 0)
        l2.addWidget(self.summary)
        l2.addWidget(self.results, 1)

        self.pages = QStackedWidget()
        self.pages.addWidget(first)
        self.pages.addWidget(second)
        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton()
        self.import_button.setObjectName("inboxImportButton")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        lay = QVBoxLayout(self)
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.buttons)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Nhập thư từ Cục ATMT"))
        self.what.setText(self.tr("Giấy biên nhận, kết quả xem xét và bản cập nhật do Cục ATMT ký số. Mỗi tệp được kiểm tra "
                                  "chữ ký với chứng thư Cục ATMT đã ghim; tệp không hợp lệ bị từ chối và không thay đổi gì. "
                                  "Các tệp (%1):").replace("%1", str(len(self.paths))))
        self.pass_label.setText(self.tr("&Mật khẩu khóa ký số:"))
        self.import_button.setText(self.tr("&Nhập"))
        self.close_button.setText(self.tr("Đó&ng"))
        if self.outcomes:
            self._show_results()

    def _update(self) -> None:
        self.import_button.setEnabled(self.pages.currentIndex() == 0 and bool(self.passphrase.text()) and bool(self.paths))

    def start(self) -> None:
        if not self.import_button.isEnabled():
            return
        from reportdesk.services.wayback import import_inbox

        pw = self.passphrase.text()
        self.passphrase.clear()
        paths = list(self.paths)
        ops.WriteOp(self, lambda t: import_inbox(self.ctx, paths, pw, progress=t.progress, cancel=t.cancel),
                    success=self._done, label=self.tr("Đang kiểm tra và nhập thư từ Cục ATMT…"),
                    kind="inbox").with_progress().run_in_background()

    def _done(self, outcomes) -> None:
        self.outcomes = list(outcomes)
        self._show_results()
        self.pages.setCurrentIndex(1)
        self.import_button.setVisible(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self._update()

    def _show_results(self) -> None:
        self.results.clear()
        applied = sum(1 for o in self.outcomes if o.outcome == "applied")
        refused = len(self.outcomes) - applied
        self.summary.setText(self.tr("Đã áp dụng %1 tệp, từ chối %2 tệp.").replace("%1", str(applied))
                             .replace("%2", str(refused)))
        self.summary.setStyleSheet(f"color: {RED.name()}; font-weight: bold;" if refused else "font-weight: bold;")
        for o in self.outcomes:
            name = Path(o.file).name
            if o.outcome == "applied":
                kind = self.tr(KIND_VI.get(o.kind or "", "")) if o.kind else ""
                text = self.tr("✓ %1 — đã áp dụng: %2").replace("%1", name).replace("%2", f"{kind}: {o.summary or ''}".strip(": "))
                add_line(self.results, text, GREEN, o.file)
            else:
                text = self.tr("✗ %1 — từ chối: %2").replace("%1", name).replace("%2", o.reason or "")
                add_line(self.results, text, RED, f"{o.file}\n{o.code or ''}")

    def result_texts(self) -> list[str]:
        return [self.results.item(i).text() for i in range(self.results.count())]

