"""The report being edited: answers in memory, every edit written through the store at once, checks
in the background.

- An edit changes the answers in memory (the widgets show it at once) and is written by a
  :class:`~reportdesk.ui.operations.WriteOp` — one transaction of :class:`ReportRepo` — off the UI
  thread; writes run one at a time, in the order they were made. "Đã lưu lúc 14:05" is shown only once
  every write has been committed (SQLite, synchronous FULL): what was shown as saved survives closing
  the window or killing the process.
- Answers are never changed in place: an edit of a cell makes a new row and a new list of rows, so a
  check can read a cheap snapshot (a shallow copy) in another thread while editing goes on.
- The check (errors, warnings, computed figures) runs as a :class:`QueryOp` shortly after the last
  edit; its result is applied on the UI thread (and run again if edits came meanwhile).
- A write the store refuses shows its message and reloads the report from the store.
"""

from __future__ import annotations

from contextlib import contextmanager

import datetime as dt
import hashlib
import os
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal

from reportdesk.domain import expr as E
from reportdesk.domain.explain import unexplained, warning_key
from reportdesk.domain.forms import FieldType, Form
from reportdesk.domain.validate import Issue, check_and_compute, is_visible
from reportdesk.errors import UserError
from reportdesk.package.format import DEFAULT_LIMITS
from reportdesk.ui import operations
from reportdesk.ui.operations import QueryOp, WriteOp

CHECK_DELAY_MS = 150
ATTACHMENTS_DIR = "attachments"


class EditorSession(QObject):
    saving = Signal()
    saved = Signal(object)  # dt.datetime (local) of the commit
    save_failed = Signal(str)
    reloaded = Signal()  # answers replaced wholesale (undo, redo, a refused write)
    field_changed = Signal(str)  # a field's value changed (field id)
    checked = Signal()  # issues, computed figures, visibility updated
    explanations_changed = Signal()

    def __init__(self, ctx, report_id: int, parent: QObject | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.repo = ctx.reports
        data = self.repo.get(report_id)
        self.report_id = report_id
        self.report = data
        self.form: Form = self.repo.form_of(data)
        self.unit_code = data.unit_code
        self.editable = data.origin == "local"
        self.answers: dict[str, Any] = dict(data.answers)
        self.explanations: dict[str, str] = dict(data.explanations)
        self.issues: list[Issue] = []
        self.computed: dict[str, Any] = {}
        self.last_saved: dt.datetime | None = None
        self._pending = 0
        self._gen = 0  # bumped by every change of the answers
        self._checked_gen = -1
        self._checking = False
        self._reload_after_writes = False
        self._writes_started = 0  # every write sent (a reload read before one of them is stale)
        self._after_reload: list[Callable[[], Any]] = []
        self.check_error = ""  # why the last check could not run ("" when it ran)
        self._index_issues()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        self.flush_hooks: list[Callable[[], None]] = []  # widgets with typing not yet committed
        self._held: list[Callable[[], None]] | None = None  # writes asked inside writes_after()
        self._deferred: list[Callable[[], None]] = []  # writes waiting for the next turn of the loop

    # --- reading ------------------------------------------------------------------------------
    def value(self, fid: str) -> Any:
        return self.answers.get(fid)

    def rows(self, fid: str) -> list[dict[str, Any]]:
        return self.answers.get(fid) or []

    @property
    def pending_writes(self) -> int:
        return self._pending

    @property
    def is_fresh(self) -> bool:
        """Whether the issues shown were computed from the answers shown."""
        return self._checked_gen == self._gen

    def env(self) -> E.Env:
        values = dict(self.answers)
        values.update(self.computed)
        return E.Env(values, self.form.table_ids)

    def visible(self, expr_src: str | None) -> bool:
        if not expr_src:
            return True
        try:
            return is_visible(expr_src, self.env())
        except E.ExprError:
            return True

    # --- editing ------------------------------------------------------------------------------
    def _changed(self, fid: str) -> None:
        self._gen += 1
        self.field_changed.emit(fid)
        self.schedule_check()

    def set_field(self, fid: str, value: Any) -> None:
        if value in ("", []):
            value = None
        if self.answers.get(fid) == value:
            return
        if value is None:
            self.answers.pop(fid, None)
        else:
            self.answers[fid] = value
        self._changed(fid)
        rid = self.report_id
        self._write(lambda: self.repo.set_field(rid, fid, value))

    def set_cell(self, fid: str, row: int, column: str, value: Any) -> None:
        rows = list(self.rows(fid))
        if not 0 <= row < len(rows):
            return
        if value in ("", []):
            value = None
        if rows[row].get(column) == value:
            return
        new_row = dict(rows[row])
        if value is None:
            new_row.pop(column, None)
        else:
            new_row[column] = value
        rows[row] = new_row
        self.answers[fid] = rows
        self._changed(fid)
        rid = self.report_id
        self._write(lambda: self.repo.set_cell(rid, fid, row, column, value))

    def add_row(self, fid: str, index: int | None = None, values: dict[str, Any] | None = None) -> int:
        rows = list(self.rows(fid))
        index = len(rows) if index is None else max(0, min(index, len(rows)))
        row = dict(values or {})
        rows.insert(index, row)
        self.answers[fid] = rows
        self._changed(fid)
        rid = self.report_id
        self._write(lambda: self.repo.add_row(rid, fid, row or None, index=index))
        return index

    def set_rows(self, fid: str, rows: list[dict[str, Any]]) -> None:
        """A bulk change of a table (paste, move, delete many, fill down): one write, one undo step."""
        rows = list(rows)
        if rows == self.rows(fid):
            return
        if rows:
            self.answers[fid] = rows
        else:
            self.answers.pop(fid, None)
        self._changed(fid)
        rid = self.report_id
        self._write(lambda: self.repo.set_rows(rid, fid, rows))

    def delete_rows(self, fid: str, indexes: list[int]) -> None:
        rows = self.rows(fid)
        keep = set(range(len(rows))) - set(indexes)
        if any("_key" in rows[i] for i in indexes if 0 <= i < len(rows)):
            raise UserError("Không được xóa dòng nhiệm vụ do Kế hoạch giao.")
        if len(indexes) == 1:
            i = indexes[0]
            new = list(rows)
            new.pop(i)
            if new:
                self.answers[fid] = new
            else:
                self.answers.pop(fid, None)
            self._changed(fid)
            rid = self.report_id
            self._write(lambda: self.repo.delete_row(rid, fid, i))
            return
        self.set_rows(fid, [r for k, r in enumerate(rows) if k in keep])

    def set_explanation(self, key: str, text: str) -> None:
        text = (text or "").strip()
        if (self.explanations.get(key) or "") == text:
            return
        if text:
            self.explanations[key] = text
        else:
            self.explanations.pop(key, None)
        self._index_issues()
        self.explanations_changed.emit()
        self.checked.emit()
        rid = self.report_id
        self._write(lambda: self.repo.set_explanation(rid, key, text))

    def attach_file(self, path: str | Path, done: Callable[[dict[str, Any]], Any],
                    failed: Callable[[str], Any]) -> None:
        """Reads a file once, in the background and in chunks: keeps a copy in the data dir
        (content-addressed, for the export) and gives ``done`` what the answer records: name, size,
        SHA-256. A file above :data:`ATTACHMENT_MAX_BYTES` (what a package can carry) or one that cannot
        be read gives ``failed`` one Vietnamese line; nothing is kept then."""
        p = Path(path)
        attachments = Path(self.ctx.data_dir) / ATTACHMENTS_DIR

        def work(task):
            return _copy_attachment(p, attachments, task)

        def fail(exc: BaseException) -> None:
            failed(exc.message if isinstance(exc, UserError) else operations.error_text(exc))

        WriteOp(self.parent(), work, success=done, failure=fail, kind="attach_file").run_in_background()

    def attachment_path(self, sha256: str) -> Path:
        return Path(self.ctx.data_dir) / ATTACHMENTS_DIR / sha256[:2] / sha256

    def attachment_files(self) -> dict[str, bytes]:
        """The attached files kept in the data dir, by name (what the export puts in the package)."""
        out: dict[str, bytes] = {}
        for _, f in self.form.iter_fields():
            cols = [f] if f.type == FieldType.attachment else [c for c in f.columns if c.type == FieldType.attachment]
            for c in cols:
                values = [self.answers.get(f.id)] if c is f else [r.get(c.id) for r in self.rows(f.id)]
                for v in values:
                    for item in (v if isinstance(v, list) else [v]):
                        if isinstance(item, dict) and item.get("sha256"):
                            p = self.attachment_path(item["sha256"])
                            if p.exists():
                                out[item["name"]] = p.read_bytes()
        return out

    # --- undo / redo --------------------------------------------------------------------------
    def undo(self) -> None:
        self._history_step(self.repo.undo)

    def redo(self) -> None:
        self._history_step(self.repo.redo)

    def _history_step(self, step) -> None:
        if not self.editable:
            return
        self.commit_typing()
        self._start_deferred()
        rid = self.report_id

        def work(_task):
            entry = step(rid)
            return entry, self.repo.get(rid)

        self._pending += 1
        self._writes_started += 1
        self.saving.emit()
        WriteOp(self.parent(), work, success=self._stepped, failure=self._write_failed, kind="report_edit").run_in_background()

    def _stepped(self, result) -> None:
        entry, data = result
        self._apply_reload(data)
        self._done_one()

    # --- writing ------------------------------------------------------------------------------
    @contextmanager
    def writes_after(self):
        """Writes asked inside are started at the next turn of the event loop, in order, after the
        window has laid out and painted the change. A bulk change (a paste of hundreds of rows) is
        shown first and written then: the write's Python work in the pool would otherwise share the
        interpreter with the painting of the table, and the window would stall. The edit counts as
        pending (``pending_writes``) from the moment it is asked; :meth:`flush`, an undo or a later
        edit start the waiting writes at once."""
        if self._held is not None:
            yield
            return
        self._held = []
        try:
            yield
        finally:
            held, self._held = self._held, None
            if held:
                self._deferred.extend(held)
                if operations.is_synchronous():
                    self._start_deferred()
                else:
                    QTimer.singleShot(0, self, self._start_deferred)

    def _start_deferred(self) -> None:
        waiting, self._deferred = self._deferred, []
        for start in waiting:
            start()

    def _write(self, fn: Callable[[], Any]) -> None:
        if not self.editable:
            raise UserError("Báo cáo nhận từ đơn vị khác là bản gốc đã ký, không sửa được.")
        self._pending += 1
        self._writes_started += 1
        self.saving.emit()

        def start() -> None:
            WriteOp(self.parent(), lambda _t: fn(), success=lambda _r: self._done_one(),
                    failure=self._write_failed, kind="report_edit").run_in_background()

        if self._held is not None:
            self._held.append(start)
        else:
            self._start_deferred()  # what waits goes first: the store sees the edits in their order
            start()

    def _done_one(self) -> None:
        self._pending -= 1
        if self._pending == 0:
            if self._reload_after_writes:
                self._reload_after_writes = False
                self.reload()
            self.last_saved = dt.datetime.now().astimezone()
            self.saved.emit(self.last_saved)

    def _write_failed(self, exc: BaseException) -> None:
        self._pending -= 1
        msg = exc.message if isinstance(exc, UserError) else operations.error_text(exc)
        self.save_failed.emit(msg)
        if self._pending == 0:
            self.reload()
        else:
            self._reload_after_writes = True

    def reload(self, done: Callable[[], Any] | None = None) -> None:
        """Rereads the report as the store has it (after a refused write, after an export) in a QueryOp;
        ``done()`` runs once it is applied. A write sent meanwhile makes the answer stale: then the
        reload is asked again once the writes are through; so is it when a write was still on its way
        when the reading began (a pasted block waiting for its turn): the store may not have had it."""
        rid, started, pending = self.report_id, self._writes_started, self._pending

        def work(_task):
            return self.repo.get(rid)

        def ok(data) -> None:
            if self._writes_started != started or pending:
                if self._pending:
                    self._reload_after_writes = True
                    if done is not None:
                        self._after_reload.append(done)
                else:
                    self.reload(done)
                return
            self._apply_reload(data)
            waiting, self._after_reload = self._after_reload, []
            for cb in waiting + ([done] if done is not None else []):
                cb()

        def failed(exc: BaseException) -> None:
            self.save_failed.emit(exc.message if isinstance(exc, UserError) else operations.error_text(exc))

        QueryOp(self.parent(), work, success=ok, failure=failed, kind="report_reload").run_in_background()

    def _apply_reload(self, data) -> None:
        self.report = data
        self.answers = dict(data.answers)
        self.explanations = dict(data.explanations)
        self._gen += 1
        self.reloaded.emit()
        self.schedule_check()

    def commit_typing(self) -> None:
        for hook in list(self.flush_hooks):
            hook()

    def flush(self, timeout_ms: int = 30000) -> bool:
        """Everything typed is written and committed (closing the window, switching reports, export)."""
        self.commit_typing()
        self._start_deferred()
        if self._pending:
            operations.wait_all(timeout_ms)
        return self._pending == 0

    # --- checking -----------------------------------------------------------------------------
    def schedule_check(self) -> None:
        if operations.is_synchronous():
            self.check()
        else:
            self._timer.start()

    def check(self) -> None:
        if self._checking:
            return  # runs again when the running one ends
        self._checking = True
        gen = self._gen
        snap = dict(self.answers)
        form, unit = self.form, self.unit_code

        def work(_task):
            return check_and_compute(form, snap, unit, coerced=True)

        QueryOp(self.parent(), work, success=lambda r: self._checked(gen, r),
                failure=self._check_failed, kind="report_check").run_in_background()

    def check_now(self, timeout_ms: int = 30000) -> list[Issue]:
        """The issues of the answers as they are now (export). The check runs in a QueryOp as always;
        when the last result is older than the answers, a new one is started at once and this waits for
        it (the window waits as it does in :meth:`flush`, nothing is computed on its thread). When the
        check cannot run, the last result is given (``check_error`` says why)."""
        deadline = time.monotonic() + timeout_ms / 1000
        while not self.is_fresh and time.monotonic() < deadline:
            self._timer.stop()
            if not self._checking:
                self.check_error = ""
                self.check()
            if self._checking:
                operations.wait_all(max(1, min(1000, int((deadline - time.monotonic()) * 1000))))
            if self.check_error:
                break
        return self.issues

    def _check_failed(self, exc: BaseException) -> None:
        self._checking = False
        self.check_error = exc.message if isinstance(exc, UserError) else operations.error_text(exc)
        self.checked.emit()

    def _checked(self, gen: int, result, rerun: bool = True) -> None:
        self._checking = False if rerun else self._checking
        self.issues, self.computed = result
        self._checked_gen = gen
        self.check_error = ""
        self._index_issues()
        self.checked.emit()
        if rerun and gen != self._gen:
            self.schedule_check()

    def _index_issues(self) -> None:
        self.field_issues: dict[str, list[Issue]] = defaultdict(list)  # scalar fields and whole tables
        self.cell_issues: dict[tuple[str, int, str | None], list[Issue]] = defaultdict(list)
        self.section_counts: dict[str, tuple[int, int]] = {}
        counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for i in self.issues:
            if i.field is None:
                continue
            if i.row is not None:
                self.cell_issues[(i.field, i.row, i.column)].append(i)
            else:
                self.field_issues[i.field].append(i)
            sec = self.form.section_of(i.field)
            if sec is not None:
                if i.severity == "error":
                    counts[sec.id][0] += 1
                elif not self.explanations.get(warning_key(i)):
                    counts[sec.id][1] += 1
        self.section_counts = {k: (v[0], v[1]) for k, v in counts.items()}

    def recount(self) -> None:
        self._index_issues()

    # --- what the export dialog asks ------------------------------------------------------------
    def problems(self) -> list[Issue]:
        return list(self.check_now())

    def unexplained_warnings(self) -> list[Issue]:
        return unexplained(self.check_now(), self.explanations)

    def is_explained(self, issue: Issue) -> bool:
        return bool(self.explanations.get(warning_key(issue)))


# an attached file travels inside the report's package: it may take what the package layer accepts,
# less room for the report itself and the envelope (package/format.py Limits)
ATTACHMENT_MAX_BYTES = DEFAULT_LIMITS.max_package_bytes - 4 * 1024 * 1024
_CHUNK = 1024 * 1024


def _copy_attachment(p: Path, attachments: Path, task) -> dict[str, Any]:
    """Streams ``p`` into a temporary file beside the store while hashing it, then renames it to its
    SHA-256 (atomic; an existing copy is kept). Runs on a worker thread."""
    try:
        size = p.stat().st_size
    except OSError as exc:
        raise UserError(f"Không đọc được tệp {p.name}: {exc.strerror or exc}.") from None
    limit_mb = ATTACHMENT_MAX_BYTES // (1024 * 1024)
    too_big = f"Tệp {p.name} quá lớn để đính kèm (tối đa {limit_mb} MB): hãy nén hoặc tách nhỏ tệp."
    if size > ATTACHMENT_MAX_BYTES:
        raise UserError(too_big)
    attachments.mkdir(parents=True, exist_ok=True)
    h = hashlib.sha256()
    n = 0
    fd, tmp = tempfile.mkstemp(prefix=".attach-", dir=attachments)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                src = p.open("rb")
            except OSError as exc:
                raise UserError(f"Không đọc được tệp {p.name}: {exc.strerror or exc}.") from None
            with src:
                while True:
                    task.check()
                    try:
                        chunk = src.read(_CHUNK)
                    except OSError as exc:
                        raise UserError(f"Không đọc được tệp {p.name}: {exc.strerror or exc}.") from None
                    if not chunk:
                        break
                    n += len(chunk)
                    if n > ATTACHMENT_MAX_BYTES:  # the file grew while being read
                        raise UserError(too_big)
                    h.update(chunk)
                    out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = h.hexdigest()
        target = attachments / sha[:2] / sha
        if target.exists():
            os.unlink(tmp)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp, target)
        return {"name": p.name, "size": n, "sha256": sha}
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
