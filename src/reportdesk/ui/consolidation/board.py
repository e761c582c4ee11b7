"""Screen 2 — the status board of a period: units x forms coloured by state."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from reportdesk.consolidate.status import RECEIVED_LATE, STATES
from reportdesk.domain.units import UNIT_KINDS
from reportdesk.services.consolidation import Board
from reportdesk.ui import vnlocale
from reportdesk.ui.consolidation.models import STATE_COLOURS, FoldFilterProxy, KeyedTableModel

STATE_LABELS = {
    "on_time": QT_TRANSLATE_NOOP("consolidation", "Đúng hạn"),
    "late": QT_TRANSLATE_NOOP("consolidation", "Muộn"),
    "missing": QT_TRANSLATE_NOOP("consolidation", "Chưa gửi"),
    "quarantined": QT_TRANSLATE_NOOP("consolidation", "Chờ xử lý"),
    "held": QT_TRANSLATE_NOOP("consolidation", "Giữ lại (biểu mẫu mới)"),
}
KIND_LABELS = {
    "department": QT_TRANSLATE_NOOP("consolidation", "Cục/Vụ, đơn vị báo chí"),
    "province": QT_TRANSLATE_NOOP("consolidation", "Sở Công Thương"),
    "corporation": QT_TRANSLATE_NOOP("consolidation", "Tập đoàn, Tổng công ty"),
}
FLAG_LABELS = {
    "clock": QT_TRANSLATE_NOOP("consolidation", "thời điểm ký sau thời điểm nhận (đồng hồ máy gửi sai?)"),
    "revoked_signer": QT_TRANSLATE_NOOP("consolidation", "chứng thư người ký đã bị thu hồi"),
    "held": QT_TRANSLATE_NOOP("consolidation", "biểu mẫu phiên bản mới chưa cài đặt"),
    "own_report": QT_TRANSLATE_NOOP("consolidation", "báo cáo do Cục ATMT tự lập"),
    RECEIVED_LATE: QT_TRANSLATE_NOOP("consolidation", "ký trong hạn nhưng Cục nhận được muộn"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("consolidation", text)


def cell_state(e) -> str:
    """The colour state of an entry: a quarantined package held for an unknown form version is 'held'."""
    return "held" if e.state == "quarantined" and "held" in e.flags else e.state


def cell_text(e) -> str:
    st = cell_state(e)
    text = _t(STATE_LABELS[st])
    if e.state == "late" and e.days_late:
        text += " " + QCoreApplication.translate("consolidation", "%1 ngày").replace("%1", str(e.days_late))
    if e.revision and e.state in ("on_time", "late") and e.revision > 1:
        text += " · " + QCoreApplication.translate("board", "lần %1").replace("%1", str(e.revision))
    if RECEIVED_LATE in e.flags:
        text += " ⚑"
    return text


class BoardModel(KeyedTableModel):
    """Rows: unit codes. Columns: code, name, kind, then one per form."""

    fixed = (QT_TRANSLATE_NOOP("consolidation", "Mã"), QT_TRANSLATE_NOOP("consolidation", "Đơn vị"),
             QT_TRANSLATE_NOOP("consolidation", "Loại"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.board: Board | None = None
        self._units: dict[str, tuple[str, str, str]] = {}

    def set_board(self, board: Board | None) -> None:
        self.beginResetModel()
        self.board = board
        self._units = {u[0]: u for u in board.units} if board else {}
        self._keys = [u[0] for u in board.units] if board else []
        self.endResetModel()

    def header_labels(self):
        forms = [f for f, _ in self.board.forms] if self.board else []
        return [_t(c) for c in self.fixed] + forms

    def entry(self, key, column):
        if column < 3 or self.board is None:
            return None
        form = self.board.forms[column - 3][0]
        return self.board.cells.get((key, form))

    def cell(self, key, column):
        u = self._units[key]
        if column == 0:
            return u[0]
        if column == 1:
            return u[1]
        if column == 2:
            return _t(KIND_LABELS.get(u[2], u[2]))
        e = self.entry(key, column)
        return cell_text(e) if e else "—"

    def background(self, key, column):
        e = self.entry(key, column)
        return STATE_COLOURS.get(cell_state(e)) if e else None

    def tooltip(self, key, column):
        e = self.entry(key, column)
        if e is None:
            return self.board.forms[column - 3][1] if column >= 3 and self.board else None
        bits = [f"{e.unit_name} — {e.form_title}"]
        if e.deadline:
            bits.append(QCoreApplication.translate("consolidation", "Hạn: %1").replace("%1", vnlocale.format_date(e.deadline)))
        if e.signed_at:
            bits.append(QCoreApplication.translate("consolidation", "Ký: %1").replace("%1", vnlocale.format_datetime(_aware(e.signed_at))))
        if e.received_at:
            bits.append(QCoreApplication.translate("consolidation", "Nhận: %1").replace("%1", vnlocale.format_datetime(_aware(e.received_at))))
        bits += [_t(FLAG_LABELS.get(f, f)) for f in e.flags]
        if e.reason:
            bits.append(e.reason)
        return "\n".join(bits)

    def alignment(self, column):
        return Qt.AlignmentFlag.AlignCenter if column >= 3 else None


def _aware(t):
    import datetime as dt

    return t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t


class BoardPage(QWidget):
    open_submission = Signal(str, str)  # unit code, form id

    def __init__(self, window):
        super().__init__()
        self.win = window
        lay = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        lay.addWidget(self.deadlines)
        self.counts = QLabel()
        self.counts.setObjectName("boardCounts")
        self.counts.setWordWrap(True)
        self.counts.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.counts)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Mọi loại đơn vị"), "")
        for k in UNIT_KINDS:
            self.kind.addItem(_t(KIND_LABELS[k]), k)
        self.state = QComboBox()
        self.state.addItem(self.tr("Mọi trạng thái"), "")
        for s in (*STATES, "held", RECEIVED_LATE):
            self.state.addItem(_t(STATE_LABELS[s]) if s in STATE_LABELS else self.tr("Ký trong hạn, nhận muộn ⚑"), s)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Tìm đơn vị (không cần dấu)…"))
        row.addWidget(QLabel(self.tr("Loại:")))
        row.addWidget(self.kind)
        row.addWidget(QLabel(self.tr("Trạng thái:")))
        row.addWidget(self.state)
        row.addWidget(self.search, 1)
        lay.addLayout(row)
        self.model = BoardModel(self)
        self.proxy = FoldFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().setVisible(False)
        self.view.verticalHeader().setDefaultSectionSize(24)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        lay.addWidget(self.view, 1)
        self.legend = QLabel(" ".join(
            f"<span style='background:{STATE_COLOURS[s]}'>&nbsp;{_t(STATE_LABELS[s])}&nbsp;</span>" for s in STATE_COLOURS)
            + " &nbsp;⚑ " + self.tr("ký trong hạn nhưng Cục nhận được muộn"))
        lay.addWidget(self.legend)
        self.kind.currentIndexChanged.connect(self._filter)
        self.state.currentIndexChanged.connect(self._filter)
        self.search.textChanged.connect(self.proxy.set_query)
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)

    def show_board(self, board: Board) -> None:
        self.model.set_board(board)
        p = board.status.period
        self.title.setText(self.tr("Tình hình gửi báo cáo kỳ %1 (%2)").replace("%1", p.code).replace("%2", p.label))
        self.deadlines.setText(self.tr("Hạn gửi: ") + "; ".join(
            f"{_t(KIND_LABELS.get(k, k))} {vnlocale.format_date(d)}" for k, d in board.deadlines.items()))
        c = board.counts
        parts = [f"<b>{_t(STATE_LABELS[s])}: {c[s]}</b>" for s in STATES]
        kinds = []
        for k, kc in board.counts_by_kind.items():
            kinds.append(f"{_t(KIND_LABELS.get(k, k))}: " + ", ".join(f"{_t(STATE_LABELS[s]).lower()} {kc[s]}" for s in STATES))
        text = (self.tr("%1 báo cáo phải gửi").replace("%1", str(sum(c.values()))) + " — " + " · ".join(parts)
                + (" · ⚑ " + str(board.late_receipts) if board.late_receipts else "") + "<br>" + "<br>".join(kinds))
        self.counts.setText(text)
        self.view.setColumnWidth(0, 120)
        self.view.setColumnWidth(1, 300)
        self.view.setColumnWidth(2, 180)
        for c in range(3, self.model.columnCount()):
            self.view.setColumnWidth(c, 150)
        self._filter()

    def _filter(self) -> None:
        kind = self.kind.currentData()
        state = self.state.currentData()
        b = self.model.board

        def pred(code: str) -> bool:
            if b is None:
                return True
            u = self.model._units[code]
            if kind and u[2] != kind:
                return False
            if not state:
                return True
            es = [b.cells.get((code, f)) for f, _ in b.forms]
            es = [e for e in es if e is not None]
            if state == RECEIVED_LATE:
                return any(RECEIVED_LATE in e.flags for e in es)
            return any(cell_state(e) == state or (state == "quarantined" and e.state == "quarantined") for e in es)

        self.proxy.set_predicate(pred)

    def _clicked(self, index) -> None:
        src = self.proxy.mapToSource(index)
        e = self.model.entry(self.model.key_at(src.row()), src.column())
        if e is not None and e.state != "missing":
            self.open_submission.emit(e.unit_code, e.form_id)

    def visible_counts(self) -> dict[str, int]:
        """Counts of the cells on the board (what the person sees), by state."""
        out = {s: 0 for s in STATES}
        b = self.model.board
        for (u, f), e in (b.cells.items() if b else ()):
            out[e.state] += 1
        return out
