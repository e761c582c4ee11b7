"""The form editor: sections on the left (with their badges), one page per section in the middle, every
error and warning on the right; autosave, undo and redo.

    editor = ReportEditor(ctx, report_id, parent)
    editor.jump_to("ccn/ccn/3/luu_luong")      # a validation path: section/field[/row/column]
    editor.problems()                          # every Issue of the report as it is now
    editor.unexplained_warnings()              # the warnings without a giải trình (export asks about these)
    editor.flush()                             # everything typed is committed (before closing, export)
"""

from __future__ import annotations

import datetime as dt
import gc

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFrame, QHBoxLayout, QLabel, QListView, QScrollArea, QSplitter, QStackedWidget, QToolButton,
    QVBoxLayout, QWidget,
)

from reportdesk.domain.forms import FieldType
from reportdesk.domain.reports import STATUS_LABELS_VI
from reportdesk.domain.validate import Issue
from reportdesk.ui import vnlocale
from reportdesk.ui.editor.fields import ComputedPanel, FieldWidget, make_field
from reportdesk.ui.editor.i18n import issue_text, label, t
from reportdesk.ui.editor.i18n import title as sec_title
from reportdesk.ui.editor.problems import ProblemsPanel, SectionDelegate, SectionsModel
from reportdesk.ui.editor.session import EditorSession
from reportdesk.ui.editor.table import TableEditor


def _tr(text: str, *args) -> str:
    return t(text, *args)


def _html(text: str) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class SectionPage(QScrollArea):
    """One section: its description, a widget per field, its computed figures."""

    def __init__(self, session: EditorSession, section, parent=None):
        super().__init__(parent)
        self.s = session
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget(self)
        inner.setObjectName(f"section_{section.id}")
        lay = QVBoxLayout(inner)
        lay.setContentsMargins(16, 12, 16, 16)
        lay.setSpacing(6)
        title = QLabel(f"<h3 style='margin:0'>{_html(sec_title(section))}</h3>", inner)
        title.setWordWrap(True)
        lay.addWidget(title)
        self.not_applicable = QLabel(_tr("Mục này không áp dụng theo câu trả lời hiện tại."), inner)
        self.not_applicable.setStyleSheet("color: #5f6368; font-style: italic;")
        self.not_applicable.hide()
        lay.addWidget(self.not_applicable)
        if section.description:
            d = QLabel(_html(section.description), inner)
            d.setWordWrap(True)
            d.setStyleSheet("color: #3c4043;")
            lay.addWidget(d)
        self.widgets: dict[str, QWidget] = {}
        self.tables: dict[str, TableEditor] = {}
        for f in section.fields:
            if f.type == FieldType.table:
                box = QFrame(inner)
                box.setObjectName(f"field_{f.id}")
                bl = QVBoxLayout(box)
                bl.setContentsMargins(8, 6, 8, 6)
                lab = QLabel(f"<b>{_html(label(f))}</b>" + (' <span style="color:#b3261e">*</span>' if f.required else ""), box)
                lab.setWordWrap(True)
                bl.addWidget(lab)
                te = TableEditor(session, f, box)
                lab.setBuddy(te.view)
                te.view.setMinimumHeight(360)
                bl.addWidget(te, 1)
                box.message = QLabel(box)
                box.message.setWordWrap(True)
                box.message.hide()
                bl.addWidget(box.message)
                lay.addWidget(box)
                self.widgets[f.id] = box
                self.tables[f.id] = te
            else:
                w = make_field(session, f, inner)
                lay.addWidget(w)
                self.widgets[f.id] = w
        self.computed = ComputedPanel(session, section.computed, inner) if section.computed else None
        if self.computed is not None:
            lay.addWidget(self.computed)
        lay.addStretch(1)
        self.setWidget(inner)
        self._assign_mnemonics()

    def _assign_mnemonics(self) -> None:
        """Alt+letter for the first fields of the page (letters not taken by the editor's buttons)."""
        used = set("tdxkglnh")  # Thêm dòng, Dán, Xóa, Đính kèm, Giải trình, Lưu, Nội dung, Hủy
        for fid, w in self.widgets.items():
            if not isinstance(w, FieldWidget) or w.label.buddy() is None:
                continue
            if "&" in w.label.text():
                continue
            text = label(w.f)
            for k, ch in enumerate(text):
                c = ch.lower()
                if "a" <= c <= "z" and c not in used:
                    used.add(c)
                    w.label.setText(text[:k] + "&" + text[k:] + (" *" if w.f.required else ""))
                    break

    def refresh_visibility(self) -> None:
        shown = self.s.visible(self.section.visible_if)
        self.not_applicable.setVisible(not shown)
        for f in self.section.fields:
            w = self.widgets[f.id]
            w.setVisible(shown and self.s.visible(f.visible_if))

    def refresh_values(self) -> None:
        for f in self.section.fields:
            w = self.widgets[f.id]
            if isinstance(w, FieldWidget):
                w.load()
            elif f.id in self.tables:
                self.tables[f.id].refresh()

    def refresh_issues(self) -> None:
        for f in self.section.fields:
            w = self.widgets[f.id]
            issues = self.s.field_issues.get(f.id, [])
            if isinstance(w, FieldWidget):
                w.show_issues(issues)
            else:
                self.tables[f.id].issues_changed()
                msg = w.message
                if issues:
                    err = any(i.severity == "error" for i in issues)
                    msg.setText("<br>".join(f"<b>{_tr('Lỗi') if i.severity == 'error' else _tr('Cảnh báo')}:</b> {_html(issue_text(self.s.form, i))}" for i in issues))
                    msg.setStyleSheet(f"color: {'#8a1f11' if err else '#7a5200'};")
                    msg.show()
                else:
                    msg.hide()
        if self.computed is not None:
            self.computed.refresh()


class ReportEditor(QWidget):
    """The whole editor of one report (see the module text)."""

    saved = Signal(object)  # dt.datetime
    problems_changed = Signal()
    jumped = Signal(str)

    def __init__(self, ctx, report_id: int, parent=None):
        super().__init__(parent)
        self.setObjectName("reportEditor")
        self.ctx = ctx
        self.session = EditorSession(ctx, report_id, self)
        s = self.session
        self.form = s.form

        # header: title, state, save status, undo/redo
        self.title = QLabel(f"<b>{_html(sec_title(self.form))}</b>", self)
        self.title.setWordWrap(True)
        self.subtitle = QLabel(self)
        self.subtitle.setStyleSheet("color: #5f6368;")
        self.save_label = QLabel(self)
        self.save_label.setObjectName("saveStatus")
        self.save_label.setMinimumWidth(150)
        self.save_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.undo_button = QToolButton(self)
        self.undo_button.setText(_tr("Hoàn tác"))
        self.undo_button.setToolTip(_tr("Hoàn tác thay đổi vừa làm (Ctrl+Z)"))
        self.redo_button = QToolButton(self)
        self.redo_button.setText(_tr("Làm lại"))
        self.redo_button.setToolTip(_tr("Làm lại thay đổi vừa hoàn tác (Ctrl+Y)"))
        self.undo_button.clicked.connect(self.undo)
        self.redo_button.clicked.connect(self.redo)
        head = QHBoxLayout()
        texts = QVBoxLayout()
        texts.setSpacing(0)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        head.addLayout(texts, 1)
        head.addWidget(self.save_label)
        head.addWidget(self.undo_button)
        head.addWidget(self.redo_button)

        # left: sections
        self.sections_model = SectionsModel(s, self)
        self.nav = QListView(self)
        self.nav.setObjectName("sectionList")
        self.nav.setAccessibleName(_tr("Các mục của báo cáo"))
        self.nav.setModel(self.sections_model)
        self.nav.setItemDelegate(SectionDelegate(self.nav))
        self.nav.setWordWrap(True)
        self.nav.setMinimumWidth(220)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.nav.setSpacing(1)
        self.nav.setResizeMode(QListView.ResizeMode.Adjust)

        # middle: one page per section, each made the first time it is shown (opening stays quick)
        self.pages = QStackedWidget(self)
        self._pages: list[SectionPage | None] = [None] * len(self.form.sections)
        for _sec in self.form.sections:
            self.pages.addWidget(QWidget(self.pages))
        self.nav.selectionModel().currentChanged.connect(lambda cur, _prev: self.show_section(cur.row()))

        self._visibility_names = _names_in_visibility(self.form)

        # right: problems
        self.problems_panel = ProblemsPanel(s, self)
        self.problems_panel.jump.connect(self.jump_to_issue)
        self.problems_panel.setMinimumWidth(300)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.addWidget(self.nav)
        self.split.addWidget(self.pages)
        self.split.addWidget(self.problems_panel)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setStretchFactor(2, 0)
        self.split.setSizes([236, 770, 350])
        self.split.setChildrenCollapsible(False)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.addLayout(head)
        lay.addWidget(self.split, 1)

        # keyboard
        redo_keys = [QKeySequence("Ctrl+Y")] + [k for k in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                                                if k != QKeySequence("Ctrl+Y")]
        for keys, fn, name in (([QKeySequence("Ctrl+Z")], self.undo, "undo"),
                               (redo_keys, self.redo, "redo"),
                               ([QKeySequence("Ctrl+PgDown")], lambda: self._step_section(1), "next"),
                               ([QKeySequence("Ctrl+PgUp")], lambda: self._step_section(-1), "prev"),
                               ([QKeySequence("F8")], self.next_problem, "f8")):
            a = QAction(self)
            a.setObjectName(f"action_{name}")
            a.setShortcuts(keys)
            a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            a.triggered.connect(fn)
            self.addAction(a)

        self._saving_timer = QTimer(self)
        self._saving_timer.setSingleShot(True)
        self._saving_timer.setInterval(400)
        self._saving_timer.timeout.connect(self._show_saving)
        s.saving.connect(self._saving)
        s.saved.connect(self._saved)
        s.save_failed.connect(self._save_failed)
        s.checked.connect(self._checked)
        s.reloaded.connect(self._reloaded)
        s.field_changed.connect(self._field_changed)
        self.setTabOrder(self.nav, self.pages)
        self.setTabOrder(self.pages, self.problems_panel.view)
        self._update_subtitle()
        self._show_saved_state()
        self.nav.setCurrentIndex(self.sections_model.index(0))
        self.show_section(0)
        self.sections_model.refresh()
        self._undo_state()
        s.check()
        self.load_atmt_comments()
        # what is loaded now lives as long as the editor: leave it out of the cyclic garbage collector's
        # full passes, which otherwise hold the interpreter lock ~100 ms (a visible stall) while a paste
        # or a check allocates
        gc.freeze()

    # --- public -------------------------------------------------------------------------------------
    @property
    def report_id(self) -> int:
        return self.session.report_id

    def problems(self) -> list[Issue]:
        self.session.flush()
        return self.session.problems()

    def unexplained_warnings(self) -> list[Issue]:
        self.session.flush()
        return self.session.unexplained_warnings()

    def attachment_files(self) -> dict[str, bytes]:
        return self.session.attachment_files()

    def flush(self) -> bool:
        return self.session.flush()

    def undo(self) -> None:
        self.session.undo()

    def redo(self) -> None:
        self.session.redo()

    def jump_to(self, path: str) -> bool:
        """Shows and focuses the field or cell of a validation path ``section/field[/row/column]``."""
        parts = [p for p in str(path or "").split("/") if p]
        if len(parts) < 2:
            return False
        fid = parts[1]
        row = int(parts[2]) - 1 if len(parts) > 2 and parts[2].isdigit() else None
        col = parts[3] if len(parts) > 3 else None
        return self._jump(fid, row, col, path)

    def load_atmt_comments(self) -> list:
        """Lists the comments of Cục ATMT's return for correction (while no export has answered it)
        among the problems, each jumping to its field, row or cell."""
        comments: list = []
        if getattr(self.ctx, "mode", None) == "unit" and self.session.editable:
            from reportdesk.services.wayback import inbox_state_for_report

            try:
                st = inbox_state_for_report(self.ctx, self.report_id)
            except Exception:  # noqa: BLE001 - a report of a form no longer installed: nothing to list
                st = None
            if st is not None and st.decision is not None and st.decision.decision == "returned" and not st.answered:
                comments = list(st.decision.comments)
        self.atmt_comments = comments
        self.problems_panel.set_comments(comments)
        return comments

    def jump_to_issue(self, issue: Issue) -> bool:
        if issue.field is None:
            return False
        return self._jump(issue.field, issue.row, issue.column, issue.path)

    def current_section(self) -> int:
        return self.pages.currentIndex()

    @property
    def section_pages(self) -> list[SectionPage]:
        """The pages made so far."""
        return [p for p in self._pages if p is not None]

    def page(self, k: int) -> SectionPage:
        p = self._pages[k]
        if p is None:
            p = SectionPage(self.session, self.form.sections[k], self.pages)
            old = self.pages.widget(k)
            self.pages.insertWidget(k, p)
            self.pages.removeWidget(old)
            old.deleteLater()
            self._pages[k] = p
            p.refresh_visibility()
            p.refresh_issues()
        return p

    def show_section(self, k: int) -> None:
        if 0 <= k < len(self._pages):
            p = self.page(k)
            self.pages.setCurrentWidget(p)
            if self.nav.currentIndex().row() != k:
                self.nav.setCurrentIndex(self.sections_model.index(k))

    def page_of(self, fid: str) -> SectionPage | None:
        sec = self.form.section_of(fid)
        if sec is None:
            return None
        k = next(i for i, x in enumerate(self.form.sections) if x.id == sec.id)
        return self.page(k)

    def field_widget(self, fid: str):
        p = self.page_of(fid)
        return None if p is None else (p.tables.get(fid) or p.widgets.get(fid))

    # --- internals -------------------------------------------------------------------------------------
    def _jump(self, fid: str, row: int | None, col: str | None, path: str) -> bool:
        p = self.page_of(fid)
        if p is None:
            return False
        self.show_section(self._pages.index(p))
        w = p.widgets[fid]
        if fid in p.tables:
            te = p.tables[fid]
            p.ensureWidgetVisible(te, 0, 40)
            if row is not None:
                te.focus_cell(row, col)
            else:
                te.view.setFocus()
        else:
            p.ensureWidgetVisible(w, 0, 40)
            target = w.focusProxy() or w
            target.setFocus(Qt.FocusReason.OtherFocusReason)
        self.jumped.emit(path)
        return True

    def _step_section(self, d: int) -> None:
        self.show_section(max(0, min(len(self._pages) - 1, self.current_section() + d)))

    def next_problem(self) -> None:
        v = self.problems_panel.view
        n = self.problems_panel.model.rowCount()
        if not n:
            return
        k = (v.currentIndex().row() + 1) % n if v.currentIndex().isValid() else 0
        idx = self.problems_panel.model.index(k)
        v.setCurrentIndex(idx)
        self.problems_panel._clicked(idx)

    def _update_subtitle(self) -> None:
        r = self.session.report
        unit = self.ctx.units.get(r.unit_code) if hasattr(self.ctx, "units") else None
        name = unit.name if unit is not None else r.unit_code
        state = _tr(STATUS_LABELS_VI.get(r.status, r.status))
        rev = _tr(" · đã gửi lần %1", r.revision) if r.revision else ""
        ro = _tr(" · chỉ xem (bản nhận từ đơn vị)") if not self.session.editable else ""
        self.subtitle.setText(_html(_tr("%1 · kỳ %2 · %3%4%5", name, r.period, state, rev, ro)))

    def _show_saved_state(self) -> None:
        upd = self.session.report.updated_at
        if upd is not None:
            local = upd.replace(tzinfo=dt.timezone.utc).astimezone()
            day = "" if local.date() == dt.datetime.now().astimezone().date() else f" {vnlocale.format_date(local.date())}"
            self.save_label.setText(_tr("Đã lưu lúc %1", f"{vnlocale.format_time(local)}{day}"))
        else:
            self.save_label.setText("")

    def _saving(self) -> None:
        # "Đang lưu…" only for a write that takes a while: a quick one goes from saved to saved unseen
        if not self._saving_timer.isActive():
            self._saving_timer.start()

    def _show_saving(self) -> None:
        if self.session.pending_writes:
            self.save_label.setText(_tr("Đang lưu…"))
            self.save_label.setStyleSheet("color: #5f6368;")

    def _saved(self, when) -> None:
        self._saving_timer.stop()
        text = _tr("Đã lưu lúc %1", vnlocale.format_time(when))
        if self.save_label.text() != text:
            self.save_label.setText(text)
            self.save_label.setStyleSheet("color: #1e6b30;")
        self._undo_state()
        self.saved.emit(when)

    def _save_failed(self, msg: str) -> None:
        self.save_label.setText(_tr("Chưa lưu được"))
        self.save_label.setStyleSheet("color: #b3261e; font-weight: bold;")
        self.save_label.setToolTip(msg)
        from reportdesk.ui.operations import show_error
        from reportdesk.errors import UserError

        show_error(self, UserError(msg))

    def _undo_state(self) -> None:
        ok = self.session.editable
        self.undo_button.setEnabled(ok)
        self.redo_button.setEnabled(ok)

    def _field_changed(self, fid: str) -> None:
        if fid in self._visibility_names:  # only a field some visible_if names can show or hide another
            for p in self.section_pages:
                p.refresh_visibility()
            self.sections_model.refresh()

    def _reloaded(self) -> None:
        for p in self.section_pages:
            p.refresh_values()
            p.refresh_visibility()
        self._update_subtitle()

    def _checked(self) -> None:
        for p in self.section_pages:
            p.refresh_issues()
            p.refresh_visibility()
        self.sections_model.refresh()
        self.problems_panel.refresh()
        self.problems_changed.emit()

    def closeEvent(self, event) -> None:
        self.flush()
        gc.unfreeze()  # what this editor held may be collected again
        super().closeEvent(event)


def _names_in_visibility(form) -> set[str]:
    """The fields named by any visible_if of the form (sections, fields, columns)."""
    from reportdesk.domain import expr as E

    sources = [s.visible_if for s in form.sections]
    for _s, f in form.iter_fields():
        sources.append(f.visible_if)
        sources.extend(c.visible_if for c in f.columns)
    names: set[str] = set()
    for src in sources:
        if src:
            try:
                ex = E.parse(src)
            except E.ExprError:
                continue
            names |= set(ex.names) | {t for t, _c in ex.columns}
    return names
