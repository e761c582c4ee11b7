"""First start: the set-up wizard.

Unit mode: pick the unit from the registry (type to search, tone-insensitive, Vietnamese order), create
the signing identity (a passphrase asked twice, with a strength hint) or import a ``.p12/.pfx``, pin the
consolidation certificate after comparing its fingerprint (groups of four, read out over the phone).
Consolidation mode: the Cục ATMT identity. Or "try with demo data": the demo world, marked DEMO.
The setting-up itself runs as a WriteOp (key generation takes a moment).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListView,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget, QWizard, QWizardPage)

import shiboken6

from reportdesk.domain.units import KIND_LABELS_VI
from reportdesk.errors import UserError
from reportdesk.ui import operations as ops
from reportdesk.ui import vnlocale as vn
from reportdesk.ui.i18n import Retranslating

ATMT_UNIT = "CUC-ATMT"
MODE_UNIT, MODE_ATMT, MODE_DEMO = "unit", "atmt", "demo"
PAGE_MODE, PAGE_UNIT, PAGE_IDENTITY, PAGE_RECIPIENT, PAGE_RUN = range(5)
MIN_PASSPHRASE = 8
UnitRole = Qt.ItemDataRole.UserRole + 1


def passphrase_strength(text: str) -> tuple[int, str]:
    """(score 0..4, a Vietnamese hint) — the service's judgement."""
    from reportdesk.services.setup import check_passphrase_strength

    return check_passphrase_strength(text)


class UnitListModel(QAbstractListModel):
    """The reporting units of the registry, in Vietnamese order, filtered tone-insensitively."""

    def __init__(self, units, parent=None):
        super().__init__(parent)
        self._all = sorted((u for u in units if u.code != ATMT_UNIT and u.active),
                           key=lambda u: (vn.sort_key(KIND_LABELS_VI.get(u.kind, u.kind)), vn.sort_key(u.name)))
        self._keys = {u.code: " ".join((u.name, u.code, u.short_name or "", u.abbreviation or "")) for u in self._all}
        self._shown = list(self._all)
        self.query = ""

    def set_filter(self, query: str) -> None:
        self.beginResetModel()
        self.query = query
        self._shown = [u for u in self._all if vn.matches(query, self._keys[u.code])]
        self.endResetModel()

    def unit(self, row: int):
        return self._shown[row] if 0 <= row < len(self._shown) else None

    def row_of(self, code: str) -> int:
        for i, u in enumerate(self._shown):
            if u.code == code:
                return i
        return -1

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._shown)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        u = self.unit(index.row())
        if u is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{u.name}  ({u.code})"
        if role == Qt.ItemDataRole.ToolTipRole:
            return KIND_LABELS_VI.get(u.kind, u.kind)
        if role == UnitRole:
            return u.code
        return None


class ModePage(Retranslating, QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.unit = QRadioButton()
        self.unit.setObjectName("modeUnit")
        self.atmt = QRadioButton()
        self.atmt.setObjectName("modeAtmt")
        self.demo = QRadioButton()
        self.demo.setObjectName("modeDemo")
        self.unit.setChecked(True)
        self.group = QButtonGroup(self)
        for b in (self.unit, self.atmt, self.demo):
            self.group.addButton(b)
        self.unit_note, self.atmt_note, self.demo_note = QLabel(), QLabel(), QLabel()
        lay = QVBoxLayout(self)
        for b, note in ((self.unit, self.unit_note), (self.atmt, self.atmt_note), (self.demo, self.demo_note)):
            lay.addWidget(b)
            note.setWordWrap(True)
            note.setContentsMargins(26, 0, 0, 10)
            note.setStyleSheet("color: #555;")
            lay.addWidget(note)
        lay.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Chào mừng đến với reportdesk"))
        self.setSubTitle(self.tr("Báo cáo thực hiện Chỉ thị 20/CT-TTg, làm việc không cần mạng. Máy này dùng để làm gì?"))
        self.unit.setText(self.tr("&Đơn vị báo cáo — Sở Công Thương, Cục/Vụ, Tập đoàn, Tổng công ty"))
        self.unit_note.setText(self.tr("Nhập số liệu, kiểm tra, ký số và xuất gói báo cáo gửi Cục ATMT."))
        self.atmt.setText(self.tr("&Tổng hợp — Cục Kỹ thuật an toàn và Môi trường công nghiệp"))
        self.atmt_note.setText(self.tr("Nhận gói của các đơn vị, theo dõi ai đã gửi, lập báo cáo tổng hợp."))
        self.demo.setText(self.tr("Dùng &thử với dữ liệu mẫu (DEMO)"))
        self.demo_note.setText(self.tr("Một bộ dữ liệu trình diễn đầy đủ để làm quen; không gửi cho ai, có thể bỏ bất cứ lúc nào."))

    def mode(self) -> str:
        return MODE_ATMT if self.atmt.isChecked() else MODE_DEMO if self.demo.isChecked() else MODE_UNIT

    def nextId(self) -> int:  # noqa: N802
        m = self.mode()
        return PAGE_UNIT if m == MODE_UNIT else PAGE_IDENTITY if m == MODE_ATMT else PAGE_RUN


class UnitPage(Retranslating, QWizardPage):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.model = UnitListModel(ctx.units.all(), self)
        self.search = QLineEdit()
        self.search.setObjectName("unitSearch")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.view = QListView()
        self.view.setObjectName("unitList")
        self.view.setModel(self.model)
        self.view.selectionModel().currentChanged.connect(lambda *_: self.completeChanged.emit())
        self.view.doubleClicked.connect(lambda _i: self.wizard().next())
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        self.count = QLabel()
        self.count.setStyleSheet("color: #555;")
        lay = QVBoxLayout(self)
        lay.addWidget(self.search_label)
        lay.addWidget(self.search)
        lay.addWidget(self.view, 1)
        lay.addWidget(self.count)
        self.search.installEventFilter(self)
        self.retranslate()

    def eventFilter(self, obj, event):  # noqa: N802 - arrow keys in the search box move in the list
        from PySide6.QtCore import QEvent

        if obj is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            self.view.setFocus()
            self.view.keyPressEvent(event)
            return True
        return super().eventFilter(obj, event)

    def retranslate(self) -> None:
        self.setTitle(self.tr("Chọn đơn vị của bạn"))
        self.setSubTitle(self.tr("Gõ vài chữ của tên hoặc mã đơn vị; không cần gõ dấu (ví dụ: «dong nai», «habeco»)."))
        self.search_label.setText(self.tr("&Tìm đơn vị:"))
        self.search.setPlaceholderText(self.tr("tên hoặc mã đơn vị"))
        self._count()

    def _count(self) -> None:
        self.count.setText(self.tr("%1 đơn vị").replace("%1", str(self.model.rowCount())))

    def _filter(self, text: str) -> None:
        code = self.selected_code()
        self.model.set_filter(text)
        row = self.model.row_of(code) if code else -1
        if row < 0 and self.model.rowCount() == 1:
            row = 0
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
        self._count()
        self.completeChanged.emit()

    def selected_code(self) -> str | None:
        idx = self.view.currentIndex()
        return self.model.data(idx, UnitRole) if idx.isValid() else None

    def select(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
        return row >= 0

    def isComplete(self) -> bool:  # noqa: N802
        return self.selected_code() is not None


class IdentityPage(Retranslating, QWizardPage):
    """A new key (passphrase twice, strength hint) or a CA's .p12/.pfx."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.create = QRadioButton()
        self.create.setObjectName("identityCreate")
        self.create.setChecked(True)
        self.imp = QRadioButton()
        self.imp.setObjectName("identityImport")
        self.p12 = QLineEdit()
        self.p12.setObjectName("p12Path")
        self.p12_browse = QPushButton()
        self.p12_browse.clicked.connect(self._browse)
        self.p12_password = QLineEdit()
        self.p12_password.setObjectName("p12Password")
        self.p12_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass1 = QLineEdit()
        self.pass1.setObjectName("passphrase1")
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2 = QLineEdit()
        self.pass2.setObjectName("passphrase2")
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.meter = QProgressBar()
        self.meter.setObjectName("strengthMeter")
        self.meter.setRange(0, 4)
        self.meter.setTextVisible(False)
        self.meter.setMaximumHeight(8)
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.hint.setWordWrap(True)
        self.match = QLabel()
        self.match.setObjectName("passphraseMatch")
        for w in (self.pass1, self.pass2, self.p12, self.p12_password):
            w.textChanged.connect(self._changed)
        self.create.toggled.connect(self._changed)

        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12, 1)
        p12_row.addWidget(self.p12_browse)
        self.p12_box = QWidget()
        pf = QFormLayout(self.p12_box)
        pf.setContentsMargins(26, 0, 0, 0)
        self.p12_label, self.p12_pw_label = QLabel(), QLabel()
        self.p12_label.setBuddy(self.p12)
        self.p12_pw_label.setBuddy(self.p12_password)
        pf.addRow(self.p12_label, p12_row)
        pf.addRow(self.p12_pw_label, self.p12_password)

        self.pass_intro = QLabel()
        self.pass_intro.setWordWrap(True)
        form = QFormLayout()
        self.pass1_label, self.pass2_label = QLabel(), QLabel()
        self.pass1_label.setBuddy(self.pass1)
        self.pass2_label.setBuddy(self.pass2)
        form.addRow(self.pass1_label, self.pass1)
        form.addRow("", self.meter)
        form.addRow("", self.hint)
        form.addRow(self.pass2_label, self.pass2)
        form.addRow("", self.match)

        lay = QVBoxLayout(self)
        lay.addWidget(self.create)
        lay.addWidget(self.imp)
        lay.addWidget(self.p12_box)
        lay.addSpacing(8)
        lay.addWidget(self.pass_intro)
        lay.addLayout(form)
        lay.addStretch(1)
        self.retranslate()
        self._changed()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Khóa ký số của đơn vị"))
        self.setSubTitle(self.tr("Mỗi gói báo cáo được ký bằng khóa này. Khóa chỉ nằm trên máy này, luôn được mã hóa bằng mật khẩu."))
        self.create.setText(self.tr("Tạo &khóa mới (khuyên dùng)"))
        self.imp.setText(self.tr("&Nhập khóa và chứng thư do tổ chức chứng thực cấp (.p12 / .pfx)"))
        self.p12_label.setText(self.tr("Tệp .p12/.pfx:"))
        self.p12_pw_label.setText(self.tr("Mật khẩu của tệp:"))
        self.p12_browse.setText(self.tr("C&họn…"))
        self.pass_intro.setText(self.tr("Đặt mật khẩu bảo vệ khóa trên máy này (ít nhất 8 ký tự). Mỗi lần xuất gói sẽ hỏi mật khẩu này; "
                                        "mất mật khẩu thì phải tạo khóa mới."))
        self.pass1_label.setText(self.tr("&Mật khẩu:"))
        self.pass2_label.setText(self.tr("Nhập &lại:"))
        self._changed()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn tệp khóa"), str(Path.home()),
                                              self.tr("Khóa và chứng thư (*.p12 *.pfx)"))
        if name:
            self.p12.setText(name)

    def _changed(self, *_a) -> None:
        self.p12_box.setEnabled(self.imp.isChecked())
        text = self.pass1.text()
        if text:
            try:
                score, hint = passphrase_strength(text)
            except Exception:  # noqa: BLE001 - a hint is never worth a crash
                score, hint = (0 if len(text) < MIN_PASSPHRASE else 2), ""
            self.meter.setValue(score)
            colour = ["#b3261e", "#b3261e", "#b36b00", "#1b6e3a", "#1b6e3a"][max(0, min(4, score))]
            self.meter.setStyleSheet(f"QProgressBar::chunk {{ background: {colour}; }}")
            self.hint.setText(hint)
        else:
            self.meter.setValue(0)
            self.hint.setText("")
        if self.pass2.text() and self.pass2.text() != text:
            self.match.setText(self.tr("Hai lần nhập chưa khớp."))
            self.match.setStyleSheet("color: #b3261e;")
        elif self.pass2.text():
            self.match.setText(self.tr("Đã khớp."))
            self.match.setStyleSheet("color: #1b6e3a;")
        else:
            self.match.setText("")
        self.completeChanged.emit()

    def passphrase(self) -> str:
        return self.pass1.text()

    def isComplete(self) -> bool:  # noqa: N802
        ok = len(self.pass1.text()) >= MIN_PASSPHRASE and self.pass1.text() == self.pass2.text()
        if self.imp.isChecked():
            ok = ok and bool(self.p12.text().strip())
        return ok

    def nextId(self) -> int:  # noqa: N802
        return PAGE_RECIPIENT if self.wizard().mode() == MODE_UNIT else PAGE_RUN


class RecipientPage(Retranslating, QWizardPage):
    """The consolidation certificate: chosen, its fingerprint shown to compare by phone."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.path = QLineEdit()
        self.path.setObjectName("recipientPath")
        # the file is read off the UI thread, when the person has finished typing (Enter, Tab, leaving
        # the field), has chosen it with «Chọn…», or the text typed (pasted) names an existing file (a
        # background QueryOp looks; a partial path is never read)
        self.path.textChanged.connect(self._path_edited)
        self.path.editingFinished.connect(self.preview)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.info = QLabel()
        self.info.setObjectName("recipientInfo")
        self.info.setWordWrap(True)
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("recipientFingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        f = self.fingerprint.font()
        f.setFamily("DejaVu Sans Mono")
        f.setStyleHint(f.StyleHint.Monospace)
        f.setPointSizeF(f.pointSizeF() * 1.1)
        self.fingerprint.setFont(f)
        self.fingerprint.setWordWrap(True)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.label = QLabel()
        self.label.setBuddy(self.path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(self.browse)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addLayout(row)
        lay.addSpacing(8)
        lay.addWidget(self.info)
        lay.addWidget(self.fingerprint)
        lay.addSpacing(8)
        lay.addWidget(self.note)
        lay.addStretch(1)
        self.cert = None
        self._cert_for = ""          # the path self.cert / self._error were read from
        self._error: str | None = None
        self._reading = ""           # the path being read now ("" when none)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Chứng thư của Cục ATMT"))
        self.setSubTitle(self.tr("Gói báo cáo được mã hóa để chỉ Cục ATMT mở được. Chọn tệp chứng thư Cục ATMT gửi cho đơn vị."))
        self.label.setText(self.tr("&Tệp chứng thư (.pem, .cer, .crt):"))
        self.browse.setText(self.tr("C&họn…"))
        self.note.setText(self.tr("Gọi điện cho Cục ATMT và đọc cho nhau dấu vân tay trên, từng nhóm bốn ký tự. "
                                  "Chỉ bấm «Tiếp» khi hai bên khớp nhau. Có thể bỏ trống và thêm sau; khi đó chưa xuất được gói."))
        self._show()

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Chọn chứng thư của Cục ATMT"), str(Path.home()),
                                              self.tr("Chứng thư (*.pem *.cer *.crt *.der);;Mọi tệp (*)"))
        if name:
            self.path.setText(name)
            self.preview()

    def _path_edited(self, _text: str) -> None:
        """Typing: what was read no longer applies; read again only once the text names a file."""
        if self.path.text().strip() != self._cert_for:
            self.cert = None
            self._error = None
            self._cert_for = ""
            self._show()
            self.completeChanged.emit()
            if self.path.text().strip():
                self.preview(quiet=True)

    def preview(self, quiet: bool = False) -> None:
        """Reads the certificate named in the field in a QueryOp and shows its subject and fingerprint.
        ``quiet`` (while typing): only when the text names an existing file, and no "not found"."""
        text = self.path.text().strip()
        if not text or text == self._cert_for or text == self._reading:
            self._show()
            return
        from reportdesk.services.identity import read_certificate

        def work(t):
            p = Path(text)
            if quiet and not p.is_file():
                return None  # a path still being typed: nothing to read
            return read_certificate(p)

        def alive() -> bool:
            return shiboken6.isValid(self) and shiboken6.isValid(self.path)

        def done(cert) -> None:
            if not alive():  # the wizard was closed meanwhile
                return
            if not quiet:
                self._reading = ""
            if cert is None:
                return
            if self.path.text().strip() == text:
                self.cert, self._error, self._cert_for = cert, None, text
                self._show()
                self.completeChanged.emit()

        def failed(exc: BaseException) -> None:
            if not alive():
                return
            if not quiet:
                self._reading = ""
            if self.path.text().strip() == text:
                self.cert, self._cert_for = None, text
                self._error = exc.message if isinstance(exc, UserError) else self.tr("Không đọc được tệp chứng thư này.")
                self._show()
                self.completeChanged.emit()

        if not quiet:
            self._reading = text
            self._show()
        ops.QueryOp(self, work, success=done, failure=failed, kind="read-certificate").run_in_background()

    def _show(self) -> None:
        self.fingerprint.setText("")
        if self._reading:
            self.info.setStyleSheet("")
            self.info.setText(self.tr("Đang đọc chứng thư…"))
        elif self._error:
            self.info.setText(self._error)
            self.info.setStyleSheet("color: #b3261e;")
        elif self.cert is not None:
            self.info.setStyleSheet("")
            self.info.setText(self.tr("Chủ thể: %1 (%2) · hiệu lực đến %3 · dấu vân tay SHA-256:")
                              .replace("%1", self.cert.subject).replace("%2", self.cert.unit_code or "?")
                              .replace("%3", vn.format_date(self.cert.not_after)))
            self.fingerprint.setText(self.cert.fingerprint)
        else:
            self.info.setStyleSheet("")
            self.info.setText("")

    def isComplete(self) -> bool:  # noqa: N802
        text = self.path.text().strip()
        return not text or (self.cert is not None and self._cert_for == text)

    def nextId(self) -> int:  # noqa: N802
        return PAGE_RUN


class RunPage(Retranslating, QWizardPage):
    """Sets up (as a WriteOp), then says what was made."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.status = QLabel()
        self.status.setObjectName("runStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.retry = QPushButton()
        self.retry.setVisible(False)
        self.retry.clicked.connect(self.start)
        lay = QVBoxLayout(self)
        lay.addWidget(self.bar)
        lay.addWidget(self.status)
        lay.addWidget(self.retry, 0, Qt.AlignmentFlag.AlignLeft)
        lay.addStretch(1)
        self.done = False
        self.running = False
        self.memo = SetupMemo()  # what a failed attempt made, reused by the retry
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Thiết lập"))
        self.setSubTitle(self.tr("Kho dữ liệu và khóa ký số của đơn vị trên máy này."))
        self.retry.setText(self.tr("&Thử lại"))
        w = self.wizard()
        if w is not None and w.summary:
            self.status.setText(w.summary)

    def initializePage(self) -> None:  # noqa: N802
        self.status.setStyleSheet("")
        self._allow_leaving(False)
        self.start()

    def start(self) -> None:
        w: SetupWizard = self.wizard()
        if self.done or self.running:
            return
        self.running = True
        self.retry.setVisible(False)
        self.bar.setRange(0, 0)
        self.bar.setVisible(True)
        self.status.setText(self.tr("Đang thiết lập… (tạo khóa RSA-3072 mất vài giây)"))
        plan, ctx, memo = w.plan(), w.ctx, self.memo  # plain values, read here on the UI thread
        op_ = ops.WriteOp(w, lambda task: run_setup(ctx, plan, task, memo), success=self._ok, failure=self._failed,
                          kind="setup")
        op_.on_progress(self._progress)
        op_.run_in_background()

    def _progress(self, done: int, total: int, label: str) -> None:
        if total > 0:
            self.bar.setRange(0, total)
            self.bar.setValue(done)
        if label:
            self.status.setText(label)

    def _ok(self, outcome: "SetupOutcome") -> None:
        self.running = False
        self.done = True
        self._allow_leaving(False)
        self.bar.setVisible(False)
        w: SetupWizard = self.wizard()
        w.setup_done(outcome)
        summary = w.summary = outcome.summary
        self.status.setText(summary)
        self.completeChanged.emit()

    def _allow_leaving(self, on: bool) -> None:
        """After a failure the person may go back and correct, or cancel; after success, only finish."""
        w = self.wizard()
        w.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, not on)
        w.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, not on)

    def _failed(self, exc: BaseException) -> None:
        self._allow_leaving(True)
        self.running = False
        self.bar.setVisible(False)
        self.status.setText(ops.error_text(exc))
        self.status.setStyleSheet("color: #b3261e;")
        self.retry.setVisible(True)
        self.wizard().error = exc

    def isComplete(self) -> bool:  # noqa: N802
        return self.done


class SetupWizard(Retranslating, QWizard):
    """``exec()``/``open()``; afterwards ``mode``, ``demo_dir`` (demo) and ``result`` tell what was made."""

    finished_setup = Signal()
    demo_units = 8  # units in the demo world (each has its own key: more units, longer to build)

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.ctx = ctx
        self.result = None
        self.error: BaseException | None = None
        self.summary = ""
        self.demo_dir: Path | None = None
        self.demo_unit_dir: Path | None = None
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        from PySide6.QtCore import QSize

        from reportdesk.ui.screen import fit_to_screen

        fit_to_screen(self, QSize(760, 560))  # 1366x768 at 150 % leaves 910x512
        self.mode_page = ModePage()
        self.unit_page = UnitPage(ctx)
        self.identity_page = IdentityPage()
        self.recipient_page = RecipientPage()
        self.run_page = RunPage()
        self.setPage(PAGE_MODE, self.mode_page)
        self.setPage(PAGE_UNIT, self.unit_page)
        self.setPage(PAGE_IDENTITY, self.identity_page)
        self.setPage(PAGE_RECIPIENT, self.recipient_page)
        self.setPage(PAGE_RUN, self.run_page)
        self.setStartId(PAGE_MODE)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Thiết lập reportdesk"))

    def mode(self) -> str:
        return self.mode_page.mode()

    # --- what the person chose, as plain values (read on the UI thread) ------------------------
    def plan(self) -> "SetupPlan":
        mode = self.mode()
        imp = mode != MODE_DEMO and self.identity_page.imp.isChecked()
        return SetupPlan(
            mode=mode,
            passphrase=self.identity_page.passphrase() if mode != MODE_DEMO else "",
            p12=Path(self.identity_page.p12.text().strip()) if imp else None,
            p12_password=(self.identity_page.p12_password.text() or None) if imp else None,
            unit_code=self.unit_page.selected_code() if mode == MODE_UNIT else None,
            recipient=(self.recipient_page.path.text().strip() or None) if mode == MODE_UNIT else None,
            demo_units=self.demo_units)

    def setup_done(self, outcome: "SetupOutcome") -> None:
        """Success callback (UI thread): what was made."""
        self.result = outcome.result
        if outcome.demo_dir is not None:
            self.demo_dir = outcome.demo_dir
            self.demo_unit_dir = outcome.demo_unit_dir


@dataclass(frozen=True)
class SetupPlan:
    """Everything :func:`run_setup` needs, captured from the widgets on the UI thread."""

    mode: str
    passphrase: str
    p12: Path | None
    p12_password: str | None
    unit_code: str | None
    recipient: str | None
    demo_units: int = 8


@dataclass
class SetupMemo:
    """What an earlier attempt of this wizard made (kept across a retry, so a retry reuses it)."""

    imported_from: Path | None = None  # the .p12 this wizard imported
    imported_fp: str | None = None     # the fingerprint of the identity it imported
    passphrase: str | None = None      # the passphrase its key was saved with
    result: Any = None                 # the store it made (setup_unit/setup_atmt's result)


@dataclass
class SetupOutcome:
    summary: str
    result: Any = None
    demo_dir: Path | None = None
    demo_unit_dir: Path | None = None


# --- the work (worker thread: touches no widget) --------------------------------------------------
def _own_fingerprint(ctx) -> str | None:
    from reportdesk.package import identity as ident

    return ident.fingerprint(ident.load_certificate(ctx.data_dir)) if ident.cert_path(ctx.data_dir).exists() else None


def run_setup(ctx, plan: SetupPlan, task, memo: SetupMemo | None = None) -> SetupOutcome:
    """Sets up from ``plan``. A retry with the same ``memo`` reuses what an earlier attempt made."""
    from reportdesk.services import identity as sid
    from reportdesk.services import setup as ssetup

    if plan.mode == MODE_DEMO:
        return _run_demo(ctx, plan, task)
    memo = memo or SetupMemo()
    passphrase = plan.passphrase
    mine = memo.imported_fp is not None and memo.imported_fp == _own_fingerprint(ctx)
    if plan.p12 is not None and not (mine and memo.imported_from == plan.p12 and memo.passphrase == passphrase):
        task.progress(0, 3, QCoreApplication.translate("SetupWizard", "Đang nhập khóa từ %1…").replace("%1", plan.p12.name))
        # an identity this wizard imported itself (from another file) may be replaced; never another one
        sid.import_identity(ctx, plan.p12, plan.p12_password, passphrase, unit_code=plan.unit_code,
                            replace=mine and memo.result is None)
        memo.imported_from, memo.imported_fp, memo.passphrase = plan.p12, _own_fingerprint(ctx), passphrase
    task.progress(1, 3, QCoreApplication.translate("SetupWizard", "Đang tạo khóa ký số và kho dữ liệu…"))
    res = memo.result
    if res is None or not ctx.store_exists or res.mode != plan.mode or (plan.mode == MODE_UNIT
                                                                        and res.unit_code != plan.unit_code):
        if plan.mode == MODE_ATMT:
            res = ssetup.setup_atmt(ctx, passphrase)
        else:
            res = ssetup.setup_unit(ctx, plan.unit_code, passphrase)
        memo.result = res
    lines = [QCoreApplication.translate("SetupWizard", "Đã thiết lập kho dữ liệu cho %1 (%2) tại %3.").replace("%1", res.unit_name)
             .replace("%2", res.unit_code).replace("%3", str(res.data_dir)),
             QCoreApplication.translate("SetupWizard", "Dấu vân tay chứng thư của đơn vị (SHA-256):"), res.fingerprint]
    if plan.mode == MODE_UNIT and plan.recipient:
        task.progress(2, 3, QCoreApplication.translate("SetupWizard", "Đang ghi chứng thư của Cục ATMT…"))
        info = sid.add_recipient(ctx, Path(plan.recipient))
        lines += ["", QCoreApplication.translate("SetupWizard", "Đã ghi nhận chứng thư của Cục ATMT, dấu vân tay:"), info.fingerprint]
    elif plan.mode == MODE_UNIT:
        lines += ["", QCoreApplication.translate("SetupWizard", "Chưa có chứng thư của Cục ATMT: cần thêm trước khi xuất gói.")]
    task.progress(3, 3, "")
    return SetupOutcome("\n".join(lines), result=res)


def _run_demo(ctx, plan: SetupPlan, task) -> SetupOutcome:
    from reportdesk.services.demo import build_demo

    root = ctx.data_dir / "demo"
    build_demo(root, units=plan.demo_units, progress=task.progress, cancel=task.cancel)
    units = sorted((root / "units").glob("SCT-*")) or sorted((root / "units").glob("*"))
    if not units:
        raise UserError("Không dựng được dữ liệu thử.")
    summary = QCoreApplication.translate("SetupWizard", "Đã dựng dữ liệu thử (DEMO) tại %1.\nỨng dụng sẽ mở kho của %2; tiêu đề cửa sổ ghi rõ [DEMO].") \
        .replace("%1", str(root)).replace("%2", units[0].name)
    return SetupOutcome(summary, demo_dir=root, demo_unit_dir=units[0])
