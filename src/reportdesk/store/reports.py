"""Reports in the store: create, read, edit one field or cell at a time (autosave), undo and redo.

Every change is one transaction and appends to the history; a change that fails leaves the report
exactly as it was. A bulk change of a table (a pasted block, moved rows, a fill-down) is one
transaction and one history entry, so one undo step.

Undo and redo over the append-only history: ``undo`` reverses the latest edit not yet undone and
appends an ``undo`` entry pointing at it; ``redo`` re-applies the edit of the latest ``undo`` entry not
yet redone — as long as no fresh edit came after that undo — and appends a copy of that edit
(``source="redo"``, ``undoes`` = the undo entry), which a later ``undo`` reverses like any edit.
"""

from __future__ import annotations

import copy
import json
from typing import Any, Callable

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from reportdesk.domain.forms import FieldType, Form
from reportdesk.domain.explain import clean_text
from reportdesk.domain.reports import ReportData
from reportdesk.domain.validate import Issue, coerce_answers
from reportdesk.errors import NotFound, UserError
from reportdesk.store.db import Store
from reportdesk.store.models import Answer, Explanation, HistoryEntry, Report, utcnow

EDIT_OPS = ("set", "cell", "add_row", "delete_row", "fill", "rows")


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class AnswersRejected(UserError):
    def __init__(self, problems: list[Issue]):
        lines = [f"{p.path}: {p.message}" for p in problems]
        super().__init__(f"Dữ liệu không hợp lệ ({len(problems)} lỗi); báo cáo không thay đổi.", lines)
        self.problems = problems


class ReportRepo:
    def __init__(self, store: Store, form_lookup: Callable[[str, int], Form | None]):
        self.store = store
        self._form = form_lookup

    # --- reading ----------------------------------------------------------------------------
    def form_of(self, r: ReportData | Report) -> Form:
        form = self._form(r.form_id, r.form_version)
        if form is None:
            raise UserError(f"Chưa cài biểu mẫu {r.form_id} phiên bản {r.form_version}.")
        return form

    def _row(self, s: Session, report_id: int) -> Report:
        r = s.get(Report, report_id)
        if r is None:
            raise NotFound(f"Không có báo cáo số {report_id}.")
        return r

    @staticmethod
    def _answers(s: Session, report_id: int) -> dict[str, Any]:
        return {a.field_id: json.loads(a.value_json) for a in s.scalars(select(Answer).where(Answer.report_id == report_id))}

    @staticmethod
    def _explanations(s: Session, report_id: int) -> dict[str, str]:
        return {e.key: e.text for e in s.scalars(select(Explanation).where(Explanation.report_id == report_id)
                                                 .order_by(Explanation.key))}

    @staticmethod
    def _data(r: Report, answers: dict[str, Any] | None, explanations: dict[str, str] | None = None) -> ReportData:
        return ReportData(
            id=r.id, unit_code=r.unit_code, form_id=r.form_id, form_version=r.form_version, period=r.period,
            status=r.status, revision=r.revision, origin=r.origin, created_at=r.created_at, updated_at=r.updated_at,
            answers=answers or {}, explanations=explanations or {},
        )

    def get(self, report_id: int, *, with_answers: bool = True) -> ReportData:
        with self.store.read_session() as s:
            r = self._row(s, report_id)
            if not with_answers:
                return self._data(r, None)
            return self._data(r, self._answers(s, report_id), self._explanations(s, report_id))

    def explanations(self, report_id: int) -> dict[str, str]:
        """The report's explanations of warnings: {warning key: text}."""
        with self.store.read_session() as s:
            self._row(s, report_id)
            return self._explanations(s, report_id)

    def list(self, *, unit_code: str | None = None, period: str | None = None, form_id: str | None = None,
             origin: str | None = None) -> list[ReportData]:
        with self.store.read_session() as s:
            q = select(Report).order_by(Report.id)
            if unit_code:
                q = q.where(Report.unit_code == unit_code)
            if period:
                q = q.where(Report.period == period)
            if form_id:
                q = q.where(Report.form_id == form_id)
            if origin:
                q = q.where(Report.origin == origin)
            return [self._data(r, None) for r in s.scalars(q)]

    def history(self, report_id: int) -> list[HistoryEntry]:
        with self.store.read_session() as s:
            return list(s.scalars(select(HistoryEntry).where(HistoryEntry.report_id == report_id).order_by(HistoryEntry.id)))

    # --- creating ---------------------------------------------------------------------------
    def create(self, unit_code: str, form: Form, period: str, *, answers: dict[str, Any] | None = None,
               status: str = "draft", revision: int = 0, origin: str = "local", session: Session | None = None) -> ReportData:
        initial = form.initial_answers(unit_code) if answers is None else answers

        def work(s: Session) -> ReportData:
            r = Report(unit_code=unit_code, form_id=form.id, form_version=form.version, period=period,
                       status=status, revision=revision, origin=origin)
            s.add(r)
            s.flush()
            for fid, v in initial.items():
                s.add(Answer(report_id=r.id, field_id=fid, value_json=_dumps(v)))
            s.add(HistoryEntry(report_id=r.id, op="create", new_json=_dumps(initial), source=origin))
            s.flush()
            return self._data(r, dict(initial))

        if session is not None:
            return work(session)
        with self.store.session() as s:
            return work(s)

    # --- editing ----------------------------------------------------------------------------
    def replace_answers(self, report_id: int, raw: Any, *, source: str = "cli") -> ReportData:
        """Fill a report with a whole set of answers; refused as a whole on any structural problem."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            form = self.form_of(r)
            answers, problems = coerce_answers(form, raw)
            if problems:
                raise AnswersRejected(problems)
            old = self._answers(s, report_id)
            s.execute(delete(Answer).where(Answer.report_id == report_id))
            for fid, v in answers.items():
                s.add(Answer(report_id=report_id, field_id=fid, value_json=_dumps(v)))
            s.add(HistoryEntry(report_id=report_id, op="fill", old_json=_dumps(old), new_json=_dumps(answers), source=source))
            self._touch(r)
            return self._data(r, answers)

    def set_field(self, report_id: int, field_id: str, value: Any, *, source: str = "gui") -> Any:
        """Autosave one field (tables: the whole table). Returns the stored value."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            form = self.form_of(r)
            value = self._coerce_one(form, field_id, value)
            old = self._get_field(s, report_id, field_id)
            if old == value:
                return value
            self._put_field(s, report_id, field_id, value)
            s.add(HistoryEntry(report_id=report_id, op="set", field_id=field_id,
                               old_json=_dumps(old), new_json=_dumps(value), source=source))
            self._touch(r)
            return value

    def set_cell(self, report_id: int, field_id: str, row: int, column: str, value: Any, *, source: str = "gui") -> Any:
        """Autosave one table cell. Returns the stored value."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            form = self.form_of(r)
            f = form.field(field_id)
            if f is None or f.type != FieldType.table:
                raise UserError(f"'{field_id}' không phải là bảng của biểu mẫu.")
            col = f.column(column)
            if col is None:
                raise UserError(f"Bảng «{f.label}» không có cột '{column}'.")
            # the table's row object is held while it is changed: read once (the session's identity map
            # is weak, a second get would read the whole table's JSON again)
            answer = s.get(Answer, (report_id, field_id))
            rows = (json.loads(answer.value_json) if answer is not None else None) or []
            if not 0 <= row < len(rows):
                raise UserError(f"Bảng «{f.label}» không có dòng {row + 1}.")
            if col.readonly and "_key" in rows[row]:
                raise UserError(f"Cột «{col.label}» do Kế hoạch giao, không sửa được.")
            value = self._coerce_one(form, field_id, [{column: value}])[0].get(column) if value not in (None, "") else None
            old = rows[row].get(column)
            if old == value:
                return value
            rows = list(rows)
            new_row = dict(rows[row])
            if value is None:
                new_row.pop(column, None)
            else:
                new_row[column] = value
            rows[row] = new_row
            answer.value_json = _dumps(rows)  # a table with that row is never empty
            s.add(HistoryEntry(report_id=report_id, op="cell", field_id=field_id, row=row, column=column,
                               old_json=_dumps(old), new_json=_dumps(value), source=source))
            self._touch(r)
            return value

    def add_row(self, report_id: int, field_id: str, values: dict[str, Any] | None = None, *,
                index: int | None = None, source: str = "gui") -> int:
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            form = self.form_of(r)
            f = form.field(field_id)
            if f is None or f.type != FieldType.table:
                raise UserError(f"'{field_id}' không phải là bảng của biểu mẫu.")
            row = self._coerce_one(form, field_id, [values or {}])[0] if values else {}
            row.pop("_key", None)
            rows = list(self._get_field(s, report_id, field_id) or [])
            index = len(rows) if index is None else max(0, min(index, len(rows)))
            rows.insert(index, row)
            self._put_field(s, report_id, field_id, rows)
            s.add(HistoryEntry(report_id=report_id, op="add_row", field_id=field_id, row=index, new_json=_dumps(row), source=source))
            self._touch(r)
            return index

    def delete_row(self, report_id: int, field_id: str, index: int, *, source: str = "gui") -> None:
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            rows = list(self._get_field(s, report_id, field_id) or [])
            if not 0 <= index < len(rows):
                raise UserError(f"Không có dòng {index + 1}.")
            if "_key" in rows[index]:
                raise UserError("Không được xóa dòng nhiệm vụ do Kế hoạch giao.")
            old = rows.pop(index)
            self._put_field(s, report_id, field_id, rows)
            s.add(HistoryEntry(report_id=report_id, op="delete_row", field_id=field_id, row=index, old_json=_dumps(old), source=source))
            self._touch(r)

    def set_rows(self, report_id: int, field_id: str, rows: list[dict[str, Any]], *, source: str = "gui") -> list[dict[str, Any]]:
        """Replace a table's rows at once (a pasted block, moved rows, a fill-down): one transaction, one
        history entry, so one undo step. Refused as a whole (nothing written) when a value does not fit,
        when a row the plan prefilled is missing, or when one of its read-only cells differs."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            form = self.form_of(r)
            f = form.field(field_id)
            if f is None or f.type != FieldType.table:
                raise UserError(f"'{field_id}' không phải là bảng của biểu mẫu.")
            new = self._coerce_one(form, field_id, list(rows)) or []
            old = self._get_field(s, report_id, field_id) or []
            before = {row["_key"]: row for row in old if isinstance(row, dict) and "_key" in row}
            after = {row["_key"]: row for row in new if "_key" in row}
            for key, prev in before.items():
                cur = after.get(key)
                if cur is None:
                    raise UserError("Không được xóa dòng nhiệm vụ do Kế hoạch giao.")
                for c in f.columns:
                    if c.readonly and cur.get(c.id) != prev.get(c.id):
                        raise UserError(f"Cột «{c.label}» do Kế hoạch giao, không sửa được.")
            planned = {str(row["_key"]) for row in f.prefill_rows(r.unit_code) if "_key" in row}
            for key in after:
                if key not in before and key not in planned:
                    raise UserError("Dòng mới không được mang khóa của dòng do Kế hoạch giao.")
            if new == old:
                return new
            self._put_field(s, report_id, field_id, new)
            s.add(HistoryEntry(report_id=report_id, op="rows", field_id=field_id,
                               old_json=_dumps(old), new_json=_dumps(new), source=source))
            self._touch(r)
            return new

    def set_explanation(self, report_id: int, key: str, text: str | None, *, source: str = "gui") -> str:
        """Store (or, with an empty text, remove) the explanation of one warning. Returns the text kept."""
        key = str(key or "")
        if not key or len(key) > 300:
            raise UserError("Khóa cảnh báo không hợp lệ.")
        text = clean_text(text)
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            e = s.get(Explanation, (report_id, key))
            old = e.text if e is not None else None
            if (old or "") == text:
                return text
            if not text:
                s.delete(e)
            elif e is None:
                s.add(Explanation(report_id=report_id, key=key, text=text))
            else:
                e.text = text
            s.add(HistoryEntry(report_id=report_id, op="explain", old_json=_dumps({"key": key, "text": old}),
                               new_json=_dumps({"key": key, "text": text or None}), source=source))
            self._touch(r)
            return text

    def can_undo(self, report_id: int) -> bool:
        with self.store.read_session() as s:
            return self._undo_candidate(s, report_id) is not None

    def can_redo(self, report_id: int) -> bool:
        with self.store.read_session() as s:
            return self._redo_candidate(s, report_id) is not None

    @staticmethod
    def _undo_candidate(s: Session, report_id: int) -> HistoryEntry | None:
        undone = select(HistoryEntry.undoes).where(HistoryEntry.report_id == report_id, HistoryEntry.undoes.is_not(None))
        return s.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.report_id == report_id, HistoryEntry.op.in_(EDIT_OPS),
                   HistoryEntry.id.not_in(undone))
            .order_by(HistoryEntry.id.desc()).limit(1)
        ).first()

    @staticmethod
    def _redo_candidate(s: Session, report_id: int) -> HistoryEntry | None:
        """The latest undo entry not yet redone, if no fresh edit (other than a redo) came after it."""
        fresh = s.scalar(select(func.max(HistoryEntry.id)).where(
            HistoryEntry.report_id == report_id, HistoryEntry.op.in_(EDIT_OPS),
            (HistoryEntry.source.is_(None)) | (HistoryEntry.source != "redo")))
        redone = select(HistoryEntry.undoes).where(HistoryEntry.report_id == report_id, HistoryEntry.source == "redo",
                                                   HistoryEntry.undoes.is_not(None))
        return s.scalars(
            select(HistoryEntry)
            .where(HistoryEntry.report_id == report_id, HistoryEntry.op == "undo", HistoryEntry.id > (fresh or 0),
                   HistoryEntry.id.not_in(redone))
            .order_by(HistoryEntry.id.desc()).limit(1)
        ).first()

    def redo(self, report_id: int) -> HistoryEntry | None:
        """Re-apply the edit undone last (see the module text). Returns the edit redone, or None."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            u = self._redo_candidate(s, report_id)
            if u is None:
                return None
            e = s.get(HistoryEntry, u.undoes)
            if e is None or e.op not in EDIT_OPS:
                return None
            self._apply_entry(s, report_id, e, forward=True)
            s.add(HistoryEntry(report_id=report_id, op=e.op, field_id=e.field_id, row=e.row, column=e.column,
                               old_json=e.old_json, new_json=e.new_json, undoes=u.id, source="redo"))
            self._touch(r)
            s.flush()
            s.expunge(e)
            return e

    def _apply_entry(self, s: Session, report_id: int, e: HistoryEntry, *, forward: bool) -> None:
        """Puts back what edit ``e`` made (``forward``: redo) or what it replaced (undo)."""
        raw = e.new_json if forward else e.old_json
        value = json.loads(raw) if raw is not None else None
        if e.op in ("set", "rows"):
            self._put_field(s, report_id, e.field_id, value)
            return
        if e.op == "fill":
            s.execute(delete(Answer).where(Answer.report_id == report_id))
            for fid, v in (value or {}).items():
                s.add(Answer(report_id=report_id, field_id=fid, value_json=_dumps(v)))
            return
        rows = list(self._get_field(s, report_id, e.field_id) or [])
        inserts = (e.op == "add_row") == forward  # redoing an added row, undoing a deleted one
        if e.op == "cell" or not inserts:
            if not 0 <= e.row < len(rows):
                raise UserError("Không làm lại được: bảng đã thay đổi." if forward else "Không hoàn tác được: bảng đã thay đổi.")
        if e.op == "cell":
            row = dict(rows[e.row])
            if value is None:
                row.pop(e.column, None)
            else:
                row[e.column] = value
            rows[e.row] = row
        elif inserts:
            rows.insert(min(e.row, len(rows)), value if value is not None else {})
        else:
            rows.pop(e.row)
        self._put_field(s, report_id, e.field_id, rows)

    def undo(self, report_id: int) -> HistoryEntry | None:
        """Reverse the last edit not yet undone. Returns the entry undone, or None if nothing to undo."""
        with self.store.session() as s:
            r = self._row(s, report_id)
            self._editable(r)
            e = self._undo_candidate(s, report_id)
            if e is None:
                return None
            self._apply_entry(s, report_id, e, forward=False)
            s.add(HistoryEntry(report_id=report_id, op="undo", field_id=e.field_id, row=e.row, column=e.column, undoes=e.id, source="undo"))
            self._touch(r)
            s.flush()
            s.expunge(e)
            return e

    def set_status(self, report_id: int, status: str, *, revision: int | None = None, session: Session | None = None) -> None:
        def work(s: Session) -> None:
            r = self._row(s, report_id)
            old = r.status
            r.status = status
            if revision is not None:
                r.revision = revision
            s.add(HistoryEntry(report_id=report_id, op="status", old_json=_dumps(old), new_json=_dumps(status), source="app"))
            r.updated_at = utcnow()  # not _touch(): that would turn a report just marked complete back into a draft

        if session is not None:
            return work(session)
        with self.store.session() as s:
            work(s)

    def next_revision(self, unit_code: str, form_id: str, period: str) -> int:
        with self.store.read_session() as s:
            cur = s.scalar(select(func.max(Report.revision)).where(
                Report.unit_code == unit_code, Report.form_id == form_id, Report.period == period))
            return int(cur or 0) + 1

    # --- helpers ----------------------------------------------------------------------------
    @staticmethod
    def _editable(r: Report) -> None:
        if r.origin != "local":
            raise UserError("Báo cáo nhận từ đơn vị khác là bản gốc đã ký, không sửa được.")

    @staticmethod
    def _touch(r: Report) -> None:
        r.updated_at = utcnow()
        if r.status in ("complete", "exported"):
            r.status = "draft"  # a changed report must be checked and exported again

    def _coerce_one(self, form: Form, field_id: str, value: Any) -> Any:
        answers, problems = coerce_answers(form, {field_id: value})
        if problems:
            raise AnswersRejected(problems)
        return answers.get(field_id)

    @staticmethod
    def _get_field(s: Session, report_id: int, field_id: str) -> Any:
        a = s.get(Answer, (report_id, field_id))
        return json.loads(a.value_json) if a else None

    @staticmethod
    def _put_field(s: Session, report_id: int, field_id: str, value: Any) -> None:
        a = s.get(Answer, (report_id, field_id))
        if value is None or value == [] or value == "":
            if a is not None:
                s.delete(a)
            return
        if a is None:
            s.add(Answer(report_id=report_id, field_id=field_id, value_json=_dumps(value)))
        else:
            a.value_json = _dumps(value)


def copy_answers(a: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(a)
