"""The problems panel (every error and warning, a click jumps to its field or cell, a warning can be
explained) and the list of sections with their badges."""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QIcon, QPainter, QPen
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QListView, QPlainTextEdit, QPushButton, QStyle,
    QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget,
)

from reportdesk.domain.explain import MAX_EXPLANATION, warning_key
from reportdesk.domain.validate import Issue
from reportdesk.ui.editor.i18n import issue_text, label, t, title
from reportdesk.ui.editor.session import EditorSession

ERROR_FG = QColor("#b3261e")
WARNING_FG = QColor("#8a5a00")
DONE_FG = QColor("#2e7d32")
COMMENT_FG = QColor("#1a56a8")
COMMENT = "atmt_comment"  # the severity of a comment of Cục ATMT shown among the problems


def comment_issue(c) -> Issue:
    """A comment of Cục ATMT (services.wayback.Comment) as an item of the problems panel: it jumps
    to its field, row or cell like an error does."""
    return Issue(severity=COMMENT, path=c.path, message=c.text, code=COMMENT,  # type: ignore[arg-type]
                 field=c.field, row=c.row, column=c.column)
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1


def place_of(session: EditorSession, issue: Issue) -> str:
    """Where a problem is, in words: «Mục II › Bảng … › dòng 3 › Lưu lượng»."""
    form = session.form
    if issue.field is None:
        return t("Toàn biểu mẫu")
    f = form.field(issue.field)
    sec = form.section_of(issue.field)
    parts = []
    if sec is not None:
        parts.append(sec.title.split(".")[0].strip() if "." in sec.title[:6] else _short(title(sec), 30))
    if f is not None:
        if issue.row is not None:  # a cell: row and column say more than the table's long name
            parts.append(t("dòng %1", issue.row + 1))
            c = f.column(issue.column) if issue.column else None
            parts.append(_short(label(c)) if c is not None else _short(label(f)))
        else:
            parts.append(_short(label(f)))
    return " › ".join(parts)


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


class ProblemsModel(QAbstractListModel):
    """Every issue of the last check: errors first, then warnings (explained ones last)."""

    def __init__(self, session: EditorSession, parent=None):
        super().__init__(parent)
        self.s = session
        self.items: list[Issue] = []
        self.comments: list[Issue] = []  # Cục ATMT's comments of a return for correction, listed first
        self.refresh()

    def refresh(self) -> None:
        self.beginResetModel()
        errs = [i for i in self.s.issues if i.severity == "error"]
        warns = [i for i in self.s.issues if i.severity != "error"]
        warns.sort(key=lambda i: self.s.is_explained(i))
        self.items = list(self.comments) + errs + warns
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        i = self.items[index.row()]
        explained = i.severity == "warning" and self.s.is_explained(i)
        if i.severity == COMMENT:
            if role == Qt.ItemDataRole.DisplayRole:
                where = place_of(self.s, i) if i.field else i.path
                return f"{t('Góp ý của Cục ATMT')}\n{where}: {i.message}"
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(COMMENT_FG)
            if role == Qt.ItemDataRole.ToolTipRole:
                return (place_of(self.s, i) if i.field else i.path) + "\n\n" + i.message
            if role == Qt.ItemDataRole.DecorationRole:
                from PySide6.QtWidgets import QApplication

                return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            if role == ISSUE_ROLE:
                return i
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            head = t("Lỗi") if i.severity == "error" else (t("Cảnh báo (đã giải trình)") if explained else t("Cảnh báo"))
            return f"{head} · {place_of(self.s, i)}\n{issue_text(self.s.form, i)}"
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ERROR_FG if i.severity == "error" else (DONE_FG if explained else WARNING_FG))
        if role == Qt.ItemDataRole.ToolTipRole:
            note = self.s.explanations.get(warning_key(i)) if i.severity == "warning" else None
            return issue_text(self.s.form, i) + ("\n\n" + t("Giải trình: %1", note) if note else "")
        if role == Qt.ItemDataRole.DecorationRole:
            st = QStyle.StandardPixmap.SP_MessageBoxCritical if i.severity == "error" else QStyle.StandardPixmap.SP_MessageBoxWarning
            from PySide6.QtWidgets import QApplication

            return QApplication.style().standardIcon(st)
        if role == ISSUE_ROLE:
            return i
        return None


class IssueDelegate(QStyledItemDelegate):
    """A problem in four lines of one height for all (a long list lays out at once): where, wrapped on
    up to two lines, then the message on the lines left (the rest in the tooltip)."""

    LINES = 4

    def sizeHint(self, option, index):
        return QSize(200, option.fontMetrics.height() * self.LINES + 12)

    def paint(self, painter: QPainter, option, index):
        opt = option
        self.initStyleOption(opt, index)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        opt.text = ""
        opt.icon = QIcon()
        opt.features &= ~QStyleOptionViewItem.ViewItemFeature.HasDecoration
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        r = opt.rect.adjusted(6, 6, -6, -6)
        if icon is not None:
            icon.paint(painter, QRect(r.left(), r.top(), 20, 20))
        r.setLeft(r.left() + 26)
        head, _, msg = (text or "").partition("\n")
        fm = opt.fontMetrics
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        color = opt.palette.highlightedText().color() if selected else (fg.color() if fg else opt.palette.text().color())
        painter.save()
        painter.setPen(QPen(color))
        f = QFont(opt.font)
        f.setBold(True)
        painter.setFont(f)
        heads = _wrap(QFontMetrics(f), head, r.width(), 2) or [""]
        for k, line in enumerate(heads):
            painter.drawText(QRect(r.left(), r.top() + fm.height() * k, r.width(), fm.height()),
                             int(Qt.AlignmentFlag.AlignLeft), line)
        painter.setFont(opt.font)
        if not selected:
            painter.setPen(QPen(opt.palette.text().color()))
        lines = _wrap(fm, msg, r.width(), self.LINES - len(heads))
        for k, line in enumerate(lines):
            painter.drawText(QRect(r.left(), r.top() + fm.height() * (k + len(heads)), r.width(), fm.height()),
                             int(Qt.AlignmentFlag.AlignLeft), line)
        painter.restore()


def _wrap(fm, text: str, width: int, max_lines: int) -> list[str]:
    words = text.split()
    lines: list[str] = []
    cur = ""
    for k, w in enumerate(words):
        trial = f"{cur} {w}".strip()
        if fm.horizontalAdvance(trial) <= width or not cur:
            cur = trial
            continue
        lines.append(cur)
        cur = w
        if len(lines) == max_lines - 1:
            cur = " ".join(words[k:])
            break
    if cur:
        lines.append(cur)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
    if lines:
        lines[-1] = fm.elidedText(lines[-1], Qt.TextElideMode.ElideRight, width)
    return lines


class ExplainDialog(QDialog):
    """The explanation (giải trình) of one warning."""

    def __init__(self, session: EditorSession, issue: Issue, parent=None):
        super().__init__(parent)
        self.setObjectName("explainDialog")
        self.setWindowTitle(t("Giải trình cảnh báo"))
        self.resize(560, 300)
        lay = QVBoxLayout(self)
        where = QLabel(f"<b>{place_of(session, issue)}</b>")
        where.setWordWrap(True)
        msg = QLabel(issue_text(session.form, issue))
        msg.setWordWrap(True)
        msg.setStyleSheet("color: #7a5200;")
        lay.addWidget(where)
        lay.addWidget(msg)
        lab = QLabel(t("&Nội dung giải trình (gửi kèm báo cáo cho Cục ATMT):"))
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(session.explanations.get(warning_key(issue), ""))
        lab.setBuddy(self.text)
        lay.addWidget(lab)
        lay.addWidget(self.text, 1)
        hint = QLabel(t("Tối đa %1 ký tự. Để trống để bỏ giải trình.", MAX_EXPLANATION))
        hint.setStyleSheet("color: #5f6368;")
        lay.addWidget(hint)
        bb = QDialogButtonBox(self)
        self.save_button = bb.addButton(t("&Lưu giải trình"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = bb.addButton(t("&Hủy"), QDialogButtonBox.ButtonRole.RejectRole)
        bb.accepted.connect(self.accept)
        bb.rejected.connect(self.reject)
        lay.addWidget(bb)
        self.text.setFocus()

    def explanation(self) -> str:
        return self.text.toPlainText().strip()[:MAX_EXPLANATION]


class ProblemsPanel(QWidget):
    """Every error and warning; Enter or a click jumps to the place; «Giải trình…» for a warning."""

    jump = Signal(object)  # Issue

    def __init__(self, session: EditorSession, parent=None):
        super().__init__(parent)
        self.s = session
        self.setObjectName("problemsPanel")
        self.model = ProblemsModel(session, self)
        self.title = QLabel()
        self.title.setObjectName("problemsTitle")
        self.title.setWordWrap(True)
        self.view = QListView(self)
        self.view.setObjectName("problemsList")
        self.view.setModel(self.model)
        self.view.setItemDelegate(IssueDelegate(self.view))
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # one size for every item: a list of a thousand warnings is laid out at once (full text in the
        # tooltip and beside the field or cell it jumps to)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setUniformItemSizes(True)
        self.view.setSpacing(1)
        self.view.setAlternatingRowColors(True)
        self.view.setAccessibleName(t("Danh sách lỗi và cảnh báo"))
        self.view.clicked.connect(self._clicked)
        self.view.activated.connect(self._clicked)
        self.explain_button = QPushButton(t("&Giải trình…"), self)
        self.explain_button.setToolTip(t("Giải trình cảnh báo đang chọn (gửi kèm báo cáo)"))
        self.explain_button.clicked.connect(self.explain_current)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_button())
        top = QHBoxLayout()  # the counts on their own line, the button below-right: the header never wraps
        top.addStretch(1)
        top.addWidget(self.explain_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addLayout(top)
        lay.addWidget(self.view, 1)
        self.refresh()

    def refresh(self) -> None:
        cur = self.current_issue()
        self.model.refresh()
        n_err = sum(1 for i in self.s.issues if i.severity == "error")
        n_warn = sum(1 for i in self.s.issues if i.severity != "error")
        n_open = sum(1 for i in self.s.issues if i.severity != "error" and not self.s.is_explained(i))
        if getattr(self.s, "check_error", ""):
            text = f"<b style='color:#8a1f11'>{html.escape(t('Không kiểm tra được: %1', self.s.check_error))}</b>"
            self.title.setToolTip(t("Danh sách dưới đây là kết quả kiểm tra gần nhất."))
        elif not self.s.issues:
            self.title.setToolTip("")
            text = f"<b>{t('Không có lỗi hay cảnh báo')}</b>"
        else:
            self.title.setToolTip("")
            warn = t("%1 cảnh báo", n_warn) + (t(" (%1 đã giải trình)", n_warn - n_open) if n_warn - n_open else "")
            text = f"<b>{t('%1 lỗi · %2', n_err, warn)}</b>"
        if self.model.comments:
            text = f"<b style='color:{COMMENT_FG.name()}'>{t('%1 góp ý của Cục ATMT', len(self.model.comments))}</b><br>" + text
        self.title.setText(text)
        if cur is not None:
            for k, i in enumerate(self.model.items):
                if i == cur:
                    self.view.setCurrentIndex(self.model.index(k))
                    break
        self._update_button()

    def set_comments(self, comments) -> None:
        """Cục ATMT's comments (services.wayback.Comment) on the return being answered; [] for none."""
        self.model.comments = [comment_issue(c) for c in comments]
        self.refresh()

    def current_issue(self) -> Issue | None:
        idx = self.view.currentIndex()
        return idx.data(ISSUE_ROLE) if idx.isValid() else None

    def _update_button(self) -> None:
        i = self.current_issue()
        self.explain_button.setEnabled(bool(self.s.editable and i is not None and i.severity == "warning"))

    def _clicked(self, index) -> None:
        i = index.data(ISSUE_ROLE)
        if i is not None:
            self.jump.emit(i)

    def explain_current(self) -> None:
        i = self.current_issue()
        if i is None or i.severity != "warning" or not self.s.editable:
            return
        dlg = ExplainDialog(self.s, i, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: self.s.set_explanation(warning_key(i), dlg.explanation()))
        self.last_dialog = dlg
        dlg.open()  # window-modal, without a nested event loop


class SectionsModel(QAbstractListModel):
    """The sections of the form, with the count of errors and of unexplained warnings of each."""

    COUNTS_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, session: EditorSession, parent=None):
        super().__init__(parent)
        self.s = session
        self.sections = list(session.form.sections)
        self.visible = [True] * len(self.sections)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.sections)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.sections):
            return None
        sec = self.sections[index.row()]
        errs, warns = self.s.section_counts.get(sec.id, (0, 0))
        if role == Qt.ItemDataRole.DisplayRole:
            return title(sec)
        if role == Qt.ItemDataRole.ToolTipRole:
            extra = "" if self.visible[index.row()] else "\n" + t("(Không áp dụng theo câu trả lời hiện tại)")
            return f"{title(sec)}\n" + t("%1 lỗi, %2 cảnh báo chưa giải trình", errs, warns) + extra
        if role == Qt.ItemDataRole.ForegroundRole:
            return None if self.visible[index.row()] else QBrush(QColor("#9aa0a6"))
        if role == self.COUNTS_ROLE:
            return (errs, warns)
        return None

    def refresh(self) -> None:
        self.visible = [self.s.visible(sec.visible_if) for sec in self.sections]
        if self.sections:
            self.dataChanged.emit(self.index(0), self.index(len(self.sections) - 1))


class SectionDelegate(QStyledItemDelegate):
    """A section title, wrapped, with red/amber count badges on the right."""

    def sizeHint(self, option, index):
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        view = option.widget
        avail = view.viewport().width() - 2 * getattr(view, "spacing", lambda: 0)() if view is not None else 0
        width = max(120, avail or option.rect.width() or 240) - 68
        fm = option.fontMetrics
        r = fm.boundingRect(QRect(0, 0, width, 1000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width + 68, r.height() + 16)

    def paint(self, painter: QPainter, option, index):
        opt = option
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        errs, warns = index.data(SectionsModel.COUNTS_ROLE) or (0, 0)
        rect = opt.rect.adjusted(8, 6, -60, -6)
        painter.save()
        fg = index.data(Qt.ItemDataRole.ForegroundRole)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        pen = opt.palette.highlightedText().color() if selected else (fg.color() if fg else opt.palette.text().color())
        painter.setPen(QPen(pen))
        painter.drawText(rect, int(Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignVCenter), text)
        x = opt.rect.right() - 8
        f = QFont(opt.font)
        f.setBold(True)
        painter.setFont(f)
        for n, color in ((warns, QColor("#e0a800")), (errs, QColor("#d93025"))):
            if not n:
                continue
            label = str(n) if n < 1000 else "999+"
            w = max(22, painter.fontMetrics().horizontalAdvance(label) + 10)
            badge = QRect(x - w, opt.rect.center().y() - 10, w, 20)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(color)
            painter.drawRoundedRect(badge, 10, 10)
            painter.setPen(QPen(QColor("white") if color != QColor("#e0a800") else QColor("#3b2a00")))
            painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), label)
            x -= w + 4
        painter.restore()
