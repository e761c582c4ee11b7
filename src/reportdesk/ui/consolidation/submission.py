"""Screen 3 — a unit's submission, read-only in the form's layout, with its revisions and their differences."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reportdesk.services import consolidation as svc
from reportdesk.ui import vnlocale
from reportdesk.ui.rowheader import RowHeader
from reportdesk.ui import operations
from reportdesk.ui.operations import QueryOp
from reportdesk.ui.consolidation.models import KeyedTableModel

CHANGED = "#fff59d"
ADDED = "#c8e6c9"
REMOVED = "#ffcdd2"

REV_STATES = {
    "current": QT_TRANSLATE_NOOP("consolidation", "đang dùng"),
    "superseded": QT_TRANSLATE_NOOP("consolidation", "đã được thay thế"),
    "stale": QT_TRANSLATE_NOOP("consolidation", "bản cũ"),
    "quarantined": QT_TRANSLATE_NOOP("consolidation", "cách ly"),
    "held": QT_TRANSLATE_NOOP("consolidation", "giữ lại"),
    "rejected": QT_TRANSLATE_NOOP("consolidation", "từ chối"),
}
CHANGE_KINDS = {
    "field": QT_TRANSLATE_NOOP("consolidation", "sửa"),
    "row_added": QT_TRANSLATE_NOOP("consolidation", "thêm dòng"),
    "row_removed": QT_TRANSLATE_NOOP("consolidation", "bỏ dòng"),
    "row_changed": QT_TRANSLATE_NOOP("consolidation", "sửa dòng"),
}


def _t(text: str) -> str:
    return QCoreApplication.translate("consolidation", text)


def _aware(t: dt.datetime | None) -> dt.datetime | None:
    return None if t is None else (t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t)


def show_value(f, v: Any) -> str:
    """An answer as a person reads it (Vietnamese numbers and dates, choice labels)."""
    if v is None or v == "":
        return ""
    if isinstance(v, dict) and "value" in v:
        s = show_value(f, v["value"])
        return s + (" " + QCoreApplication.translate("consolidation", "(ước tính)") if v.get("estimate") else "")
    t = f.type.value if f is not None else ""
    if isinstance(v, bool) or t == "boolean":
        return QCoreApplication.translate("consolidation", "Có") if v else QCoreApplication.translate("consolidation", "Không")
    if t in ("integer", "decimal") and isinstance(v, (int, float)):
        return vnlocale.format_number(v, 4) + (f" {f.unit}" if f.unit else "")
    if t == "percent" and isinstance(v, (int, float)):
        return vnlocale.format_number(v, 2) + " %"
    if t == "date":
        return vnlocale.format_date(v)
    if t == "choice":
        return f.choice_label(v)
    if t == "multichoice" and isinstance(v, list):
        return "; ".join(f.choice_label(x) for x in v)
    if isinstance(v, list):
        return "; ".join(_document(x) if isinstance(x, dict) else str(x) for x in v)
    if isinstance(v, dict):
        return _document(v)
    return str(v)


def _document(d: dict) -> str:
    """A document reference (số/ký hiệu, ngày, trích yếu) or an attachment as a person writes it."""
    number = d.get("so_ky_hieu") or d.get("number")
    date = d.get("ngay") or d.get("date")
    title = d.get("trich_yeu") or d.get("title") or d.get("name") or d.get("file_name")
    head = " ".join(x for x in (
        QCoreApplication.translate("consolidation", "Số %1").replace("%1", str(number)) if number else "",
        QCoreApplication.translate("consolidation", "ngày %1").replace("%1", vnlocale.format_date(date)) if date else "")
        if x)
    if head or title:
        return f"{head}: {title}" if head and title else (head or str(title))
    return ", ".join(f"{k}: {x}" for k, x in d.items())


class RevisionsModel(KeyedTableModel):
    columns = (QT_TRANSLATE_NOOP("consolidation", "Lần gửi"), QT_TRANSLATE_NOOP("consolidation", "Trạng thái"),
               QT_TRANSLATE_NOOP("consolidation", "Ký lúc"), QT_TRANSLATE_NOOP("consolidation", "Nhận lúc"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.revs: dict[int, svc.Revision] = {}

    def set_revisions(self, revs: list[svc.Revision]) -> None:
        self.revs = {i: r for i, r in enumerate(revs)}
        self.set_keys(list(self.revs))

    def cell(self, key, column):
        r = self.revs[key]
        return (r.revision, _t(REV_STATES.get(r.state, r.state)), vnlocale.format_datetime(_aware(r.signed_at)),
                vnlocale.format_datetime(_aware(r.received_at)))[column]


class RowsModel(KeyedTableModel):
    """The rows of one table field (keys: row numbers), a last row with the totals; changed cells marked."""

    def __init__(self, field, rows: list[dict], parent=None, *, changed: dict[str, set[str] | None] | None = None,
                 key_of=None):
        super().__init__(parent)
        self.field = field
        self.rows = rows
        self.cols = list(field.columns)
        self.changed = changed or {}   # row key -> changed columns (None: the row is new)
        self.key_of = key_of
        self._totals = self._compute_totals() if field.totals else None
        self.set_keys(list(range(len(rows))) + (["total"] if self._totals is not None else []))

    def _compute_totals(self) -> dict[str, float]:
        out = {}
        for cid in self.field.totals:
            s = 0.0
            for r in self.rows:
                v = r.get(cid)
                v = v.get("value") if isinstance(v, dict) else v
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    s += v
            out[cid] = s
        return out

    def header_labels(self):
        return [c.label for c in self.cols]

    def cell(self, key, column):
        c = self.cols[column]
        if key == "total":
            if column == 0:
                return QCoreApplication.translate("consolidation", "Tổng cộng")
            v = self._totals.get(c.id)
            return vnlocale.format_number(v, 4) if v is not None else ""
        return show_value(c, self.rows[key].get(c.id))

    def background(self, key, column):
        if key == "total":
            return "#eeeeee"
        if not self.changed or self.key_of is None:
            return None
        k = self.key_of(self.rows[key], key)
        if k not in self.changed:
            return None
        cols = self.changed[k]
        if cols is None:
            return ADDED
        return CHANGED if self.cols[column].id in cols else None

    def alignment(self, column):
        t = self.cols[column].type.value
        return Qt.AlignmentFlag.AlignRight if t in ("integer", "decimal", "percent") else None


class DiffModel(KeyedTableModel):
    columns = (QT_TRANSLATE_NOOP("consolidation", "Mục"), QT_TRANSLATE_NOOP("consolidation", "Thay đổi"),
               QT_TRANSLATE_NOOP("consolidation", "Dòng (khóa)"), QT_TRANSLATE_NOOP("consolidation", "Cột"),
               QT_TRANSLATE_NOOP("consolidation", "Trước"), QT_TRANSLATE_NOOP("consolidation", "Sau"))

    def __init__(self, parent=None):
        super().__init__(parent)
        self.changes: list[svc.Change] = []
        self.form = None

    def set_changes(self, form, changes: list[svc.Change]) -> None:
        self.form = form
        self.changes = changes
        self.set_keys(range(len(changes)))

    def _fmt_row(self, f, row, cols=None) -> str:
        if not isinstance(row, dict):
            return ""
        use = [c for c in f.columns if cols is None or c.id in cols]
        return "; ".join(f"{c.label}: {show_value(c, row.get(c.id))}" for c in use if row.get(c.id) not in (None, ""))

    def cell(self, key, column):
        ch = self.changes[key]
        f = self.form.field(ch.field_id) if self.form else None
        if column == 0:
            return ch.label
        if column == 1:
            return _t(CHANGE_KINDS[ch.kind])
        if column == 2:
            text = ch.row_label or ch.key or ""
            return text if len(text) <= 70 else text[:68] + "…"
        if column == 3:
            return ", ".join((f.column(c).label if f and f.column(c) else c) for c in ch.columns)
        old, new = (ch.old, ch.new)
        v = old if column == 4 else new
        if ch.kind == "field":
            return show_value(f, v)
        return self._fmt_row(f, v, ch.columns or None)

    def tooltip(self, key, column):
        ch = self.changes[key]
        return (ch.row_label or ch.key) if column == 2 else (self.cell(key, column) if column >= 3 else None)

    def background(self, key, column):
        k = self.changes[key].kind
        return {"row_added": ADDED, "row_removed": REMOVED}.get(k, CHANGED) if column == 1 else None


class SubmissionPage(QWidget):
    def __init__(self, window):
        super().__init__()
        self.win = window
        self.sub: svc.Submission | None = None
        self.content: svc.RevisionContent | None = None
        self.changes: list[svc.Change] = []
        self.table_views: dict[str, QTableView] = {}
        self._asked: dict[str, int] = {}
        self.loading = False
        self.opening = False  # a submission is being read (the revision list is the previous one's)
        self._shown_index: int | None = None  # the revision shown, or being read
        lay = QVBoxLayout(self)
        self.title = QLabel(self.tr("Chọn một ô trên bảng tình hình để xem báo cáo."))
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        lay.addWidget(self.title)
        top = QHBoxLayout()
        self.revisions = RevisionsModel(self)
        self.rev_view = QTableView()
        self.rev_view.setModel(self.revisions)
        self.rev_view.verticalHeader().setVisible(False)
        self.rev_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.rev_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.rev_view.horizontalHeader().setStretchLastSection(True)
        self.rev_view.setMaximumHeight(110)
        self.rev_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        top.addWidget(self.rev_view, 3)
        side = QVBoxLayout()
        self.compare = QComboBox()
        self.only_changed = QCheckBox(self.tr("Chỉ hiện phần thay đổi so với lần gửi trước"))
        side.addWidget(QLabel(self.tr("So sánh với lần gửi:")))
        side.addWidget(self.compare)
        side.addWidget(self.only_changed)
        self.review_button = QPushButton(self.tr("&Chấp nhận / trả lại để chỉnh sửa…"))
        self.review_button.setObjectName("reviewButton")
        self.review_button.setEnabled(False)
        self.review_button.clicked.connect(self.open_review)
        side.addWidget(self.review_button)
        side.addStretch(1)
        top.addLayout(side, 2)
        lay.addLayout(top)
        self.tabs = QTabWidget()
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.tabs.addTab(self.scroll, self.tr("Nội dung báo cáo"))
        self.diff_model = DiffModel(self)
        self.diff_view = QTableView()
        self.diff_view.setModel(self.diff_model)
        self.diff_view.verticalHeader().setVisible(False)
        self.diff_view.setWordWrap(False)
        self.diff_view.verticalHeader().setDefaultSectionSize(24)
        self.diff_view.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.diff_view, self.tr("Khác biệt giữa hai lần gửi"))
        lay.addWidget(self.tabs, 1)
        self.rev_view.clicked.connect(lambda i: self.show_revision(i.row()))
        self.rev_view.activated.connect(lambda i: self.show_revision(i.row()))  # Enter, from the keyboard
        self.compare.currentIndexChanged.connect(self._compare_changed)
        self.only_changed.toggled.connect(lambda _on: self._render())

    # loading ------------------------------------------------------------------------------------
    # Every read (the submission, a revision's answers, the other revision and their differences) runs
    # in a QueryOp; the window only lays out what came back. Two kinds of request, each with its own
    # counter: what the page shows (a submission, one of its revisions) and what it is compared with.
    # A later request of a kind makes an earlier answer of that kind stale (clicking through revisions
    # quickly): only the newest is shown. While the page's own request runs, the comparison and the
    # review button wait (they would act on what is about to be replaced).
    def _query(self, kind: str, work, apply) -> None:
        asked = self._asked[kind] = self._asked.get(kind, 0) + 1
        if kind == "page":
            self._asked["compare"] = self._asked.get("compare", 0) + 1  # a comparison under way is of the old page
            self._set_loading(True)

        def done(result) -> None:
            if asked != self._asked[kind]:
                return
            if kind == "page":
                self._set_loading(False)
            apply(result)

        def failed(exc: BaseException) -> None:
            if kind == "page" and asked == self._asked[kind]:
                self._shown_index = None
                self._set_loading(False)
            operations.show_error(self, exc)

        QueryOp(self, work, success=done, failure=failed, kind="submission").run_in_background()

    def _set_loading(self, loading: bool) -> None:
        self.loading = loading
        if not loading:
            self.opening = False
        # the revision list stays while one of its revisions is read (a newer click simply wins), not
        # while another submission is opening: it lists the old one's revisions
        self.rev_view.setEnabled(not self.opening)
        for w in (self.compare, self.only_changed):
            w.setEnabled(not loading)
        rev = getattr(self, "current_rev", None)
        self.review_button.setEnabled(not loading and rev is not None and rev.report_id is not None)

    @staticmethod
    def _load(ctx, sub: svc.Submission, rev: svc.Revision, other_id: int | None, default_previous: bool):
        """(content of ``rev``, the revision compared with, the differences); in the background."""
        content = svc.revision_answers(ctx, rev.report_id) if rev.report_id else None
        if default_previous:
            prev = sub.previous(rev)
            other_id = prev.report_id if prev is not None else None
        changes: list[svc.Change] = []
        if other_id is not None and content is not None:
            o = svc.revision_answers(ctx, other_id)
            other_rev = next(r.revision for r in sub.revisions if r.report_id == other_id)
            older, newer = (o, content) if other_rev < rev.revision else (content, o)
            changes = svc.diff_answers(content.form, older.answers, newer.answers)
        return content, other_id, changes

    def open(self, unit_code: str, form_id: str, period: str) -> None:
        ctx = self.win.ctx

        def work(_task):
            sub = svc.submission(ctx, unit_code, form_id, period)
            cur = sub.current
            idx = sub.revisions.index(cur) if cur is not None else (len(sub.revisions) - 1)
            loaded = self._load(ctx, sub, sub.revisions[idx], None, True) if 0 <= idx < len(sub.revisions) else None
            return sub, idx, loaded

        self.title.setText(self.tr("Đang đọc báo cáo của %1…").replace("%1", unit_code))
        self.opening = True
        self._shown_index = None
        self._query("page", work, lambda result: self._opened(form_id, period, *result))

    def _opened(self, form_id: str, period: str, sub: svc.Submission, idx: int, loaded) -> None:
        self.sub = sub
        self.revisions.set_revisions(sub.revisions)
        self.title.setText(self.tr("%1 — biểu mẫu %2, kỳ %3").replace("%1", sub.unit_name)
                           .replace("%2", form_id).replace("%3", period))
        if loaded is None:
            self.content, self.changes = None, []
            self._render()
            return
        self._show_loaded(idx, *loaded)

    def show_revision(self, index: int) -> None:
        if self.opening or index == self._shown_index:
            return  # another submission is on its way; or this revision is shown or being read already
        if self.sub is None or not (0 <= index < len(self.sub.revisions)):
            self._render()
            return
        self._shown_index = index
        self.rev_view.selectRow(index)
        sub, rev, ctx = self.sub, self.sub.revisions[index], self.win.ctx
        self._query("page", lambda _t: self._load(ctx, sub, rev, None, True), lambda loaded: self._show_loaded(index, *loaded))

    def _show_loaded(self, index: int, content, other_id: int | None, changes: list[svc.Change]) -> None:
        self._shown_index = index
        self.rev_view.selectRow(index)
        rev = self.sub.revisions[index]
        self.current_rev = rev
        self.content = content
        self.review_button.setEnabled(rev.report_id is not None and not self.loading)
        self.compare.blockSignals(True)
        self.compare.clear()
        self.compare.addItem(self.tr("(không so sánh)"), None)
        chosen = 0
        for r in self.sub.revisions:
            if r.report_id is not None and r is not rev:
                self.compare.addItem(self.tr("lần %1").replace("%1", str(r.revision)), r.report_id)
                if other_id is not None and r.report_id == other_id:
                    chosen = self.compare.count() - 1
        self.compare.setCurrentIndex(chosen)
        self.compare.blockSignals(False)
        self._show_changes(changes)

    def compare_with(self, revision: int) -> None:
        for i in range(self.compare.count()):
            if self.compare.itemText(i) == self.tr("lần %1").replace("%1", str(revision)):
                self.compare.setCurrentIndex(i)
                return

    def _compare_changed(self) -> None:
        if self.loading:
            return  # the page's own answer sets the comparison (the box waits meanwhile)
        other = self.compare.currentData()
        if other is None or self.content is None or self.sub is None:
            self._show_changes([])
            return
        sub, rev, ctx = self.sub, self.current_rev, self.win.ctx
        self._query("compare", lambda _t: self._load(ctx, sub, rev, other, False)[2], self._show_changes)

    def _show_changes(self, changes: list[svc.Change]) -> None:
        self.changes = changes
        self.diff_model.set_changes(self.content.form if self.content else None, self.changes)
        for c, w in enumerate((180, 80, 190, 130, 250)):
            self.diff_view.setColumnWidth(c, w)
        self._render()

    def open_review(self):
        """ATMT's decision on the shown revision (accept, or return with comments): a signed .rdrev."""
        from reportdesk.ui.wayback import ReviewDialog

        rev = getattr(self, "current_rev", None)
        if rev is None or rev.report_id is None:
            return None
        dlg = ReviewDialog(self.win.ctx, rev.report_id, self)
        dlg.setModal(True)
        dlg.show()
        return dlg

    # rendering the form's layout ------------------------------------------------------------------
    # The page is built a section at a time, in slices of the event loop (a 500-row table and its
    # section are one slice): the window stays responsive while a big submission is laid out. A newer
    # render (another revision, "only changed") stops an older one.
    SLICE_SECONDS = 0.03

    def _render(self) -> None:
        self._render_gen = getattr(self, "_render_gen", 0) + 1
        gen = self._render_gen
        body = QWidget()
        lay = QVBoxLayout(body)
        self.table_views = {}
        c = self.content
        if c is None:
            lay.addWidget(QLabel(self.tr("Lần gửi này chưa được hợp nhất (đang cách ly hoặc bị từ chối).")))
            lay.addStretch(1)
            self.scroll.setWidget(body)
            return
        changed_fields = {ch.field_id for ch in self.changes}
        rows_changed: dict[str, dict[str, set[str] | None]] = {}
        for ch in self.changes:
            if ch.kind == "row_changed":
                rows_changed.setdefault(ch.field_id, {})[ch.key] = set(ch.columns)
            elif ch.kind == "row_added":
                rows_changed.setdefault(ch.field_id, {})[ch.key] = None
        only = self.only_changed.isChecked()
        expl = c.explanations or {}
        steps = []
        if expl:
            steps.append(lambda: lay.addWidget(self._explanations_box(c, expl)))
        for section in c.form.sections:
            fields = [f for f in section.fields if not only or f.id in changed_fields]
            if fields:
                steps.append(lambda section=section, fields=fields: lay.addWidget(
                    self._section_box(c, section, fields, changed_fields, rows_changed, expl, only)))

        def finish() -> None:
            if only and not self.changes:
                lay.addWidget(QLabel(self.tr("Không có thay đổi nào so với lần gửi được chọn.")))
            lay.addStretch(1)

        steps.append(finish)
        self.scroll.setWidget(body)
        if operations.is_synchronous():
            for step in steps:
                step()
            return

        def run(i: int) -> None:
            if gen != self._render_gen:
                return
            start = time.perf_counter()
            while i < len(steps) and (time.perf_counter() - start) < self.SLICE_SECONDS:
                steps[i]()
                i += 1
            if i < len(steps):
                QTimer.singleShot(0, self, lambda: run(i))

        run(0)

    def _explanations_box(self, c, expl: dict[str, str]) -> QGroupBox:
        box = QGroupBox(self.tr("Giải trình của đơn vị về các cảnh báo"))
        bl = QVBoxLayout(box)
        for k, text in expl.items():
            lab = QLabel(f"<b>{_explanation_place(c.form, k)}</b>: {_esc(text)}")
            lab.setWordWrap(True)
            bl.addWidget(lab)
        return box

    def _section_box(self, c, section, fields, changed_fields: set[str],
                     rows_changed: dict[str, dict[str, set[str] | None]], expl: dict[str, str],
                     only: bool) -> QGroupBox:
        box = QGroupBox(section.title)
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in fields:
            v = c.answers.get(f.id)
            if f.type.value == "table":
                rows = [r for r in (v or []) if isinstance(r, dict)]
                kc = svc._key_column(f)
                changes = rows_changed.get(f.id, {})
                if only:
                    rows = [r for i, r in enumerate(rows) if svc._row_key(r, kc, i) in changes]
                model = RowsModel(f, rows, self, changed=changes,
                                  key_of=lambda r, i, kc=kc: svc._row_key(r, kc, i))
                view = QTableView()
                view.setVerticalHeader(RowHeader(view))
                view.setModel(model)
                view.verticalHeader().setDefaultSectionSize(22)
                view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
                view.horizontalHeader().setResizeContentsPrecision(12)  # widths from the first rows, clamped below
                view.resizeColumnsToContents()
                for col in range(model.columnCount()):
                    view.setColumnWidth(col, min(max(view.columnWidth(col), 70), 260))
                view.setMinimumHeight(min(420, 30 + 22 * (model.rowCount() + 1)))
                self.table_views[f.id] = view
                lab = QLabel(f.label + (" ✎" if f.id in changed_fields else ""))
                lab.setWordWrap(True)
                form.addRow(lab)
                form.addRow(view)
            else:
                val = QLabel(show_value(f, v) or "—")
                val.setWordWrap(True)
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                if f.id in changed_fields:
                    val.setStyleSheet(f"background: {CHANGED};")
                    old = next((ch.old for ch in self.changes if ch.field_id == f.id), None)
                    val.setToolTip(self.tr("Lần gửi trước: %1").replace("%1", show_value(f, old) or "—"))
                lab = QLabel(f.label)
                lab.setWordWrap(True)
                lab.setMinimumWidth(260)
                lab.setMaximumWidth(420)
                form.addRow(lab, val)
                for k, text in expl.items():
                    if _explanation_field(k) == f.id:
                        note = QLabel("↳ " + self.tr("Giải trình: ") + text)
                        note.setWordWrap(True)
                        note.setStyleSheet("color: #5c4400;")
                        form.addRow("", note)
        return box


def _explanation_field(key: str) -> str | None:
    place = key.split("@", 1)[1] if "@" in key else key
    parts = place.split("/")
    return parts[1] if len(parts) > 1 else parts[0]


def _explanation_place(form, key: str) -> str:
    fid = _explanation_field(key)
    f = form.field(fid) if fid else None
    return _esc(f.label if f else key)


def _esc(s: str) -> str:
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
