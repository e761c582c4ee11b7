"""Screen 4 — signers: certificates waiting for approval; approve or revoke with a clear confirmation."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportdesk.consolidate.imports import SignerInfo
from reportdesk.consolidate.safetext import safe_text
from reportdesk.package.identity import format_fingerprint
from reportdesk.services import consolidation as svc
from reportdesk.ui import vnlocale
from reportdesk.ui.consolidation.models import KeyedTableModel
from reportdesk.ui.operations import QueryOp, WriteOp

SIGNER_STATES = {
    "pending": QT_TRANSLATE_NOOP("consolidation", "chờ phê duyệt"),
    "approved": QT_TRANSLATE_NOOP("consolidation", "đã phê duyệt"),
    "revoked": QT_TRANSLATE_NOOP("consolidation", "đã thu hồi"),
}
SIGNER_COLOURS = {"pending": "#fff3c4", "approved": "#c8e6c9", "revoked": "#eeeeee"}


def _t(text: str) -> str:
    return QCoreApplication.translate("consolidation", text)


class SignersModel(KeyedTableModel):
    """Keys: fingerprints (64 hex)."""

    columns = (QT_TRANSLATE_NOOP("consolidation", "Đơn vị"), QT_TRANSLATE_NOOP("consolidation", "Trạng thái"),
               QT_TRANSLATE_NOOP("consolidation", "Chủ thể"), QT_TRANSLATE_NOOP("consolidation", "Dấu vân tay"),
               QT_TRANSLATE_NOOP("consolidation", "Hiệu lực"), QT_TRANSLATE_NOOP("consolidation", "Gói / cách ly"))

    def __init__(self, units, parent=None):
        super().__init__(parent)
        self.units = units
        self.info: dict[str, SignerInfo] = {}

    def set_signers(self, signers: list[SignerInfo]) -> None:
        self.info = {s.fingerprint: s for s in signers}
        order = {"pending": 0, "approved": 1, "revoked": 2}
        self.set_keys(sorted(self.info, key=lambda fp: (order.get(self.info[fp].state, 3), self.info[fp].unit_code)))

    def cell(self, key, column):
        s = self.info[key]
        if column == 0:
            u = self.units.get(s.unit_code)
            return f"{safe_text(s.unit_code)} — {u.name}" if u else safe_text(s.unit_code)
        if column == 1:
            text = _t(SIGNER_STATES.get(s.state, s.state))
            if s.other_approved and s.state != "revoked":
                text += " ⚠"
            return text
        if column == 2:
            return safe_text(s.subject)
        if column == 3:
            groups = format_fingerprint(s.fingerprint).split()
            return " ".join(groups[:8]) + "\n" + " ".join(groups[8:])
        if column == 4:
            return f"{vnlocale.format_date(s.not_before)} – {vnlocale.format_date(s.not_after)}"
        return f"{s.packages} / {s.quarantined}"

    def font(self, key, column):
        if column != 3:
            return None
        from PySide6.QtGui import QFontDatabase

        return QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

    def background(self, key, column):
        return SIGNER_COLOURS.get(self.info[key].state) if column == 1 else None

    def tooltip(self, key, column):
        s = self.info[key]
        if column == 1 and s.other_approved and s.state != "revoked":
            return other_approved_warning(s)
        return None


def other_approved_warning(s: SignerInfo) -> str:
    return (QCoreApplication.translate("consolidation", "Đơn vị này đã có chứng thư được phê duyệt (dấu vân tay %1); chỉ phê duyệt thêm khi đơn vị xác nhận "
               "đã đổi khóa.").replace("%1", "; ".join(format_fingerprint(fp) for fp in s.other_approved)))


class SignersPage(QWidget):
    changed = Signal()

    def __init__(self, window):
        super().__init__()
        self.win = window
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Chứng thư người ký"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.hint = QLabel(self.tr("Trước khi phê duyệt, gọi điện cho đơn vị và đọc từng nhóm bốn ký tự của dấu vân tay "
                                   "để đối chiếu. Phê duyệt sẽ hợp nhất các gói đang cách ly của chứng thư đó."))
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.only_pending = QCheckBox(self.tr("Chỉ hiện chứng thư chờ phê duyệt"))
        lay.addWidget(self.only_pending)
        self.model = SignersModel(window.ctx.units, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        lay.addWidget(self.view, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setObjectName("signerDetail")
        lay.addWidget(self.detail)
        row = QHBoxLayout()
        self.approve_btn = QPushButton(self.tr("&Phê duyệt…"))
        self.revoke_btn = QPushButton(self.tr("&Thu hồi…"))
        row.addStretch(1)
        row.addWidget(self.approve_btn)
        row.addWidget(self.revoke_btn)
        lay.addLayout(row)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._selection())
        self.approve_btn.clicked.connect(lambda: self.approve(self.selected()))
        self.revoke_btn.clicked.connect(lambda: self.revoke(self.selected()))
        self.only_pending.toggled.connect(lambda _on: self.refresh())
        self._selection()

    def refresh(self) -> None:
        from reportdesk.consolidate.imports import Consolidation

        ctx = self.win.ctx

        def work(_task):
            s = Consolidation.from_ctx(ctx)
            try:
                return s.signers()
            finally:
                s.close()

        QueryOp(self, work, success=self._loaded, kind="signers").run_in_background()

    def _loaded(self, signers: list[SignerInfo]) -> None:
        if self.only_pending.isChecked():
            signers = [s for s in signers if s.state == "pending"]
        self.model.set_signers(signers)
        self.view.resizeColumnsToContents()
        self.view.resizeRowsToContents()
        for c, w in ((0, 230), (2, 180)):
            self.view.setColumnWidth(c, min(self.view.columnWidth(c), w))
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.selectRow(0)
        self._selection()

    def selected(self) -> str | None:
        i = self.view.currentIndex()
        return self.model.key_at(i.row()) if i.isValid() else None

    def select(self, fingerprint: str) -> None:
        keys = self.model.keys()
        if fingerprint in keys:
            self.view.selectRow(keys.index(fingerprint))

    def _selection(self) -> None:
        fp = self.selected()
        s = self.model.info.get(fp) if fp else None
        self.approve_btn.setEnabled(s is not None and s.state == "pending")
        self.revoke_btn.setEnabled(s is not None and s.state != "revoked")
        if s is None:
            self.detail.setText("")
            return
        text = self.tr("Dấu vân tay: %1").replace("%1", format_fingerprint(s.fingerprint))
        if s.other_approved and s.state != "revoked":
            text += "\n⚠ " + other_approved_warning(s)
        self.detail.setText(text)

    # decisions ------------------------------------------------------------------------------------
    def approve_message(self, fp: str) -> str:
        s = self.model.info[fp]
        waiting = svc.waiting_packages(self.win.ctx, fp)
        text = self.tr("Phê duyệt chứng thư của %1?\nDấu vân tay: %2").replace("%1", safe_text(s.unit_code)).replace(
            "%2", format_fingerprint(fp))
        if waiting:
            text += "\n\n" + self.tr("Phê duyệt sẽ hợp nhất %1 gói đang cách ly:").replace("%1", str(len(waiting)))
            for w in waiting[:20]:
                text += "\n  • " + self.tr("%1, biểu mẫu %2, kỳ %3, lần gửi %4").replace("%1", safe_text(w.unit_code)) \
                    .replace("%2", safe_text(w.form_id)).replace("%3", safe_text(w.period)).replace("%4", str(w.revision))
        else:
            text += "\n\n" + self.tr("Chứng thư này không có gói nào đang cách ly.")
        if s.other_approved:
            text += "\n\n⚠ " + other_approved_warning(s)
        return text

    def approve(self, fp: str | None) -> None:
        from reportdesk.consolidate.imports import Consolidation

        if not fp or not self.win.confirm(self.tr("Phê duyệt chứng thư"), self.approve_message(fp)):
            return
        ctx = self.win.ctx

        def work(_task):
            s = Consolidation.from_ctx(ctx)
            try:
                return s.approve(fp)
            finally:
                s.close()

        WriteOp(self, work, success=self._approved, kind="approve").run_in_background()

    def _approved(self, res) -> None:
        n = sum(1 for o in res.merged if o.outcome == "accepted")
        self.win.notify(self.tr("Đã phê duyệt chứng thư của %1; hợp nhất %2 gói.").replace("%1", safe_text(res.signer.unit_code))
                        .replace("%2", str(n)))
        self.refresh()
        self.changed.emit()

    def revoke(self, fp: str | None) -> None:
        from reportdesk.consolidate.imports import Consolidation

        if not fp:
            return
        s = self.model.info[fp]
        text = self.tr("Thu hồi chứng thư của %1?\nDấu vân tay: %2\n\nCác gói sau này do chứng thư này ký sẽ bị từ chối; "
                       "%3 gói đã nhận được giữ nguyên và đánh dấu.").replace("%1", safe_text(s.unit_code)) \
            .replace("%2", format_fingerprint(fp)).replace("%3", str(s.packages))
        if not self.win.confirm(self.tr("Thu hồi chứng thư"), text):
            return
        ctx = self.win.ctx

        def work(_task):
            c = Consolidation.from_ctx(ctx)
            try:
                return c.revoke(fp)
            finally:
                c.close()

        WriteOp(self, work, success=lambda _r: (self.refresh(), self.changed.emit()), kind="revoke").run_in_background()
