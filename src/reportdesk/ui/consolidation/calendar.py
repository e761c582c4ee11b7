"""Screen 8 — calendar and registry: a period's deadlines per unit kind, an ad hoc period, a unit."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reportdesk.domain.units import UNIT_KINDS
from reportdesk.errors import UserError
from reportdesk.services import consolidation as svc
from reportdesk.ui import vnlocale
from reportdesk.ui.consolidation.board import KIND_LABELS, _t
from reportdesk.ui.operations import show_error


def _date_edit(d: dt.date | None = None) -> QDateEdit:
    e = QDateEdit()
    e.setDisplayFormat(vnlocale.DATE_FORMAT_QT)
    e.setCalendarPopup(True)
    e.setDate(vnlocale.to_qdate(d or dt.date.today()))
    return e


class CalendarPage(QWidget):
    changed = Signal(str)  # the period to show

    def __init__(self, window):
        super().__init__()
        self.win = window
        self.period: str | None = None
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Lịch báo cáo và danh mục đơn vị"))
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.note = QLabel(self.tr("Các thay đổi được lưu thành dữ liệu trong thư mục dữ liệu (calendar.yaml, units.yaml); "
                                   "bảng tình hình cập nhật ngay."))
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        cols = QHBoxLayout()
        left = QVBoxLayout()
        # deadlines of the chosen period
        self.dl_box = QGroupBox(self.tr("Hạn gửi báo cáo của kỳ"))
        dl = QFormLayout(self.dl_box)
        self.dl_checks: dict[str, QCheckBox] = {}
        self.dl_dates: dict[str, QDateEdit] = {}
        for k in UNIT_KINDS:
            cb = QCheckBox(_t(KIND_LABELS[k]))
            de = _date_edit()
            cb.toggled.connect(de.setEnabled)
            self.dl_checks[k], self.dl_dates[k] = cb, de
            dl.addRow(cb, de)
        self.dl_save = QPushButton(self.tr("&Lưu hạn gửi"))
        dl.addRow("", self.dl_save)
        left.addWidget(self.dl_box)
        # ad hoc period
        ah = QGroupBox(self.tr("Thêm kỳ báo cáo đột xuất"))
        af = QFormLayout(ah)
        self.ah_slug = QLineEdit()
        self.ah_slug.setPlaceholderText(self.tr("ví dụ: ra-soat-ccn"))
        self.ah_label = QLineEdit()
        self.ah_label.setPlaceholderText(self.tr("ví dụ: Rà soát cụm công nghiệp quý III"))
        self.ah_deadline = _date_edit(dt.date.today() + dt.timedelta(days=30))
        self.ah_kinds = {k: QCheckBox(_t(KIND_LABELS[k])) for k in UNIT_KINDS}
        kinds = QVBoxLayout()
        for cb in self.ah_kinds.values():
            kinds.addWidget(cb)
        self.ah_add = QPushButton(self.tr("Thêm &kỳ đột xuất"))
        af.addRow(self.tr("Tên ngắn (mã):"), self.ah_slug)
        af.addRow(self.tr("Tên kỳ:"), self.ah_label)
        af.addRow(self.tr("Hạn gửi:"), self.ah_deadline)
        af.addRow(self.tr("Đơn vị báo cáo:"), kinds)
        af.addRow("", self.ah_add)
        left.addWidget(ah)
        left.addStretch(1)
        cols.addLayout(left, 1)
        # a unit
        un = QGroupBox(self.tr("Thêm đơn vị báo cáo"))
        uf = QFormLayout(un)
        self.u_code = QLineEdit()
        self.u_code.setPlaceholderText(self.tr("ví dụ: TCT-ABC"))
        self.u_name = QLineEdit()
        self.u_kind = QComboBox()
        for k in UNIT_KINDS:
            self.u_kind.addItem(_t(KIND_LABELS[k]), k)
        self.u_short = QLineEdit()
        self.u_place = QLineEdit("Hà Nội")
        self.u_parent = QLineEdit()
        self.u_abbr = QLineEdit()
        self.u_add = QPushButton(self.tr("Thêm đơ&n vị"))
        uf.addRow(self.tr("Mã đơn vị:"), self.u_code)
        uf.addRow(self.tr("Tên đơn vị:"), self.u_name)
        uf.addRow(self.tr("Loại:"), self.u_kind)
        uf.addRow(self.tr("Tên ngắn:"), self.u_short)
        uf.addRow(self.tr("Địa danh:"), self.u_place)
        uf.addRow(self.tr("Cơ quan chủ quản:"), self.u_parent)
        uf.addRow(self.tr("Chữ viết tắt:"), self.u_abbr)
        uf.addRow("", self.u_add)
        v = QVBoxLayout()
        v.addWidget(un)
        v.addStretch(1)
        cols.addLayout(v, 1)
        lay.addLayout(cols, 1)
        self.result = QLabel()
        self.result.setWordWrap(True)
        lay.addWidget(self.result)
        self.dl_save.clicked.connect(self.save_deadlines)
        self.ah_add.clicked.connect(self.add_adhoc)
        self.u_add.clicked.connect(self.add_unit)

    def set_period(self, code: str) -> None:
        self.period = code
        p = self.win.ctx.period(code)
        self.dl_box.setTitle(self.tr("Hạn gửi báo cáo của kỳ %1 (%2)").replace("%1", p.code).replace("%2", p.label))
        for k in UNIT_KINDS:
            d = p.deadlines.get(k)
            self.dl_checks[k].setChecked(d is not None)
            self.dl_dates[k].setEnabled(d is not None)
            if d is not None:
                self.dl_dates[k].setDate(vnlocale.to_qdate(d))

    def _run(self, fn, done_text: str, period: str | None = None) -> bool:
        try:
            fn()
        except UserError as exc:
            show_error(self, exc)
            return False
        self.result.setText(done_text)
        self.changed.emit(period or self.period or "")
        return True

    def save_deadlines(self) -> None:
        dls = {k: self.dl_dates[k].date().toPython() for k in UNIT_KINDS if self.dl_checks[k].isChecked()}
        self._run(lambda: svc.set_deadlines(self.win.ctx, self.period, dls),
                  self.tr("Đã lưu hạn gửi của kỳ %1.").replace("%1", self.period or ""))

    def add_adhoc(self) -> None:
        slug = self.ah_slug.text().strip().lower()
        deadline = self.ah_deadline.date().toPython()
        code = f"{deadline.year}-AH-{slug}"
        kinds = [k for k, cb in self.ah_kinds.items() if cb.isChecked()]
        if not slug:
            show_error(self, UserError("Cần tên ngắn của kỳ đột xuất (chữ thường không dấu, số, dấu gạch ngang)."))
            return
        if self._run(lambda: svc.add_adhoc_period(self.win.ctx, code, self.ah_label.text(), deadline, kinds),
                     self.tr("Đã thêm kỳ đột xuất %1.").replace("%1", code), period=code):
            self.ah_slug.clear()
            self.ah_label.clear()

    def add_unit(self) -> None:
        data = {"code": self.u_code.text().strip().upper(), "name": self.u_name.text().strip(),
                "kind": self.u_kind.currentData(), "place": self.u_place.text().strip() or "Hà Nội",
                "abbreviation": self.u_abbr.text().strip()}
        if self.u_short.text().strip():
            data["short_name"] = self.u_short.text().strip()
        if self.u_parent.text().strip():
            data["agency_parent"] = self.u_parent.text().strip()
        if self._run(lambda: svc.add_unit(self.win.ctx, **data),
                     self.tr("Đã thêm đơn vị %1.").replace("%1", data["code"])):
            for e in (self.u_code, self.u_name, self.u_short, self.u_parent, self.u_abbr):
                e.clear()
