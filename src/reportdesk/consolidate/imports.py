"""Importing packages: file -> keep bytes -> open/verify/validate -> merge (one transaction per file).

Library first: ``Consolidation.import_paths`` is meant to be called from a background thread. It reports
progress through ``progress(done, total, current_file)`` and stops cleanly when ``cancel`` (a
``threading.Event`` or anything with ``is_set()``) is set: every file finished so far is merged, the rest
is untouched.

Merge rules (DESIGN.md, issue 5):
- a ``package_id`` already received -> ``duplicate`` (whatever its revision): nothing changes;
- signer never seen or not yet approved -> ``quarantined`` (kept with its verified content);
  approving the signer merges it;
- signer revoked, or registered for another unit -> ``rejected``;
- a form version this store does not know -> kept as *held* and reported as ``quarantined`` with the
  reason; it merges once that version is installed (at the next import, or ``release_held``);
- no current report for unit+form+period -> ``accepted`` (new); a newer revision than the current one ->
  ``accepted`` superseding it (the old one stays in history); an older one -> ``stale`` (kept in history,
  not current).

Every file, whatever its outcome, gets a line in the import log (``import_log``) with its reason.

Several officers on one PostgreSQL store (issue 13): the database serialises what must not interleave,
never an application lock. A file's merge first takes transaction-scoped advisory locks on its package id
and on its unit+form+period slot (so two imports of overlapping folders neither double a package nor
lose a revision: the second waits, then sees the first's committed rows); a new signer is inserted with
ON CONFLICT DO NOTHING and read FOR SHARE (approve/revoke take it FOR UPDATE, so an import never files a
package as quarantined under a signer that was approved meanwhile). A deadlock between two group commits
is resolved by the server aborting one; that batch is then replayed one file per transaction.
Files are merged in the order given; several files may share one database transaction (group
commit), each inside its own savepoint, and an outcome is reported only once its transaction is
committed, so a process killed at any moment leaves each file either fully merged or untouched.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import event, exc as sa_exc, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from reportdesk.consolidate.opening import (
    RECEIVED_DIR,
    FileOpener,
    FileResult,
    Verified,
    sync_to_disk,
    worker_init,
    worker_process_many,
)
from reportdesk.consolidate.safetext import MAX_REASON, safe_int, safe_text
from reportdesk.domain.calendar import Calendar
from reportdesk.domain.forms import FormRegistry
from reportdesk.domain.units import UnitRegistry
from reportdesk.domain.explain import clean_explanations
from reportdesk.domain.validate import check_answers, coerce_answers, errors
from reportdesk.errors import UserError
from reportdesk.store.consolidation import ImportLogEntry, Receipt, Signer
from reportdesk.store.db import Store, make_engine, unit_of_work

RECEIVED_DIR_KEY = "received_dir"  # settings.json: a shared folder for received bytes (an office on PostgreSQL)
from reportdesk.store.models import Answer, Explanation, HistoryEntry, Report, utcnow
from reportdesk.store.reports import ReportRepo, _dumps

OUTCOMES = ("accepted", "duplicate", "stale", "quarantined", "rejected")
OUTCOME_LABELS_VI = {
    "accepted": "đã nhận",
    "duplicate": "trùng",
    "stale": "bản cũ",
    "quarantined": "cách ly",
    "rejected": "từ chối",
}
PACKAGE_SUFFIX = ".rdpkg"
RECEIVED_KEEP_DAYS_KEY, RECEIVED_KEEP_DAYS = "received_keep_days", 30
RECEIVED_KEEP_MB_KEY, RECEIVED_KEEP_MB = "received_keep_mb", 500

ProgressFn = Callable[[int, int, str], None]


class CancelFlag(Protocol):
    def is_set(self) -> bool: ...


@dataclass
class FileOutcome:
    file: str
    outcome: str
    reason: str | None = None
    code: str | None = None
    unit_code: str | None = None
    form_id: str | None = None
    period: str | None = None
    revision: int | None = None
    package_id: str | None = None
    sha256: str | None = None
    superseded_revision: int | None = None
    details: list[str] = field(default_factory=list)

    def sanitize(self) -> "FileOutcome":
        """Every text a stranger could have written (file name, claimed unit/form/period, reasons quoting
        the package) cut and with control characters made visible; numbers SQLite cannot hold dropped."""
        self.file = safe_text(self.file, 1000) or ""
        self.reason = safe_text(self.reason, MAX_REASON)
        self.code = safe_text(self.code, 32)
        for k in ("unit_code", "form_id", "period", "package_id", "sha256"):
            setattr(self, k, safe_text(getattr(self, k), 64))
        self.revision = safe_int(self.revision)
        self.superseded_revision = safe_int(self.superseded_revision)
        self.details = [safe_text(d) or "" for d in self.details[:20]]
        return self

    def to_json(self) -> dict[str, Any]:
        """The contract shape of one ``import --json`` line."""
        return {"file": self.file, "outcome": self.outcome, "reason": self.reason, "unit_code": self.unit_code,
                "form_id": self.form_id, "period": self.period, "revision": self.revision}


@dataclass
class ImportSummary:
    run_id: str
    outcomes: list[FileOutcome] = field(default_factory=list)
    released: list[FileOutcome] = field(default_factory=list)  # held packages merged at the start of the run
    total: int = 0
    cancelled: bool = False

    @property
    def counts(self) -> dict[str, int]:
        c = {k: 0 for k in OUTCOMES}
        for o in self.outcomes:
            c[o.outcome] += 1
        return c

    @property
    def rejected(self) -> int:
        return self.counts["rejected"]


@dataclass
class SignerInfo:
    fingerprint: str
    unit_code: str
    subject: str
    not_before: dt.datetime
    not_after: dt.datetime
    state: str
    first_seen_at: dt.datetime
    decided_at: dt.datetime | None
    quarantined: int = 0
    packages: int = 0
    other_approved: list[str] = field(default_factory=list)  # other approved certificates of the same unit


@dataclass
class TrustResult:
    signer: SignerInfo
    merged: list[FileOutcome] = field(default_factory=list)


def collect_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the package files (*.rdpkg) of folders named, recursively; in a stable order."""
    out: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                (Path(root) / f for root, dirs, files in os.walk(p) for f in files
                 if f.lower().endswith(PACKAGE_SUFFIX) and not f.startswith(".")),
                key=lambda x: str(x))
        elif p.exists():
            found = [p]
        else:
            raise UserError(f"Không tìm thấy tệp hoặc thư mục {p}.")
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


def _iso(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    if t.tzinfo is not None:
        t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return t.replace(microsecond=0).isoformat() + "Z"


def _naive(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.timezone.utc).replace(tzinfo=None) if t.tzinfo else t


def _vn_date(t: dt.datetime) -> dt.date:
    return (t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t).astimezone(
        dt.timezone(dt.timedelta(hours=7))).date()


def _vi_time(t: dt.datetime) -> str:
    local = (t.replace(tzinfo=dt.timezone.utc) if t.tzinfo is None else t).astimezone(dt.timezone(dt.timedelta(hours=7)))
    return local.strftime("%H:%M %d/%m/%Y")


class Consolidation:
    """The consolidation side's operations on one store (import, signer registry)."""

    def __init__(self, store: Store, data_dir: Path, forms: FormRegistry, units: UnitRegistry,
                 forms_dirs: list[Path] | None = None, calendar: Calendar | None = None):
        self.store = store
        self._calendar = calendar
        self.data_dir = Path(data_dir)
        self.forms = forms
        self.units = units
        self.forms_dirs = [Path(d) for d in (forms_dirs or [])]
        self.repo = ReportRepo(store, lambda fid, v: self.forms.get(fid, v))
        self._writer: sessionmaker | None = None

    @classmethod
    def from_ctx(cls, ctx) -> "Consolidation":
        from reportdesk import paths

        ctx.require_mode("atmt")
        return cls(ctx.store(), ctx.data_dir, ctx.forms, ctx.units, paths.forms_dirs(ctx.data_dir), ctx.calendar)

    @property
    def calendar(self) -> Calendar:
        """The reporting calendar (shipped data, then ``<data-dir>/calendar.yaml``)."""
        if self._calendar is None:
            from reportdesk import paths
            from reportdesk.domain.calendar import load_calendar

            self._calendar = load_calendar(paths.resources_dir() / "calendar.yaml", self.data_dir / "calendar.yaml")
        return self._calendar

    def _period_problem(self, period: str, created_at: dt.datetime) -> tuple[str, str] | None:
        """("unknown_period", reason) when the calendar does not know the period (the package is held);
        ("created_before_period", reason) when it says it was signed before the period's data window
        opened (rejected: a report cannot be made before its period starts)."""
        per = self.calendar.get(period)
        if per is None:
            return "unknown_period", (f"Kỳ báo cáo {safe_text(period, 64)} chưa có trong lịch báo cáo; gói được giữ lại và sẽ được "
                                      f"hợp nhất khi lịch báo cáo có kỳ này.")
        if per.window_start is not None and _vn_date(created_at) < per.window_start:
            return "created_before_period", (
                f"Gói ghi thời điểm lập {_vi_time(created_at)}, trước khi kỳ số liệu {per.code} bắt đầu "
                f"({per.window_start:%d/%m/%Y}); không nhận.")
        return None

    def writer(self) -> Session:
        """A session on an engine whose SQLite transactions are explicit (BEGIN at the start), so that
        SAVEPOINT/RELEASE nest inside the batch transaction instead of committing on their own."""
        if self._writer is None:
            url = self.store.engine.url
            if url.get_backend_name() == "sqlite":
                engine = make_engine(url.render_as_string(hide_password=False))

                @event.listens_for(engine, "connect")
                def _explicit(dbapi_conn, _rec):  # noqa: ANN001
                    dbapi_conn.isolation_level = None

                @event.listens_for(engine, "begin")
                def _begin(conn):  # noqa: ANN001
                    conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                engine = self.store.engine
            self._writer = sessionmaker(engine, expire_on_commit=False)
        return self._writer()

    def close(self) -> None:
        if self._writer is not None and self._writer.kw["bind"] is not self.store.engine:
            self._writer.kw["bind"].dispose()
        self._writer = None

    @property
    def received_dir(self) -> Path:
        """Where the bytes of received files are kept: ``received/`` of the data dir, or the folder named
        ``received_dir`` in the data dir's settings (an office sharing one store keeps them in one shared
        folder, so any officer's PC can reopen what another received)."""
        from reportdesk.store.location import read_settings

        shared = read_settings(self.data_dir).get(RECEIVED_DIR_KEY)
        return Path(shared) if shared else self.data_dir / RECEIVED_DIR

    # --- importing ------------------------------------------------------------------------------
    def import_paths(self, paths: Iterable[str | Path], passphrase: str, *,
                     progress: ProgressFn | None = None, cancel: CancelFlag | None = None,
                     on_outcome: Callable[[FileOutcome], None] | None = None,
                     workers: int | None = None, now: dt.datetime | None = None,
                     batch_size: int = 64, batch_seconds: float = 0.5, identity=None) -> ImportSummary:
        """``identity``: the key already unlocked with ``passphrase`` (the window unlocks it once, when the
        passphrase is given; unlocking holds the interpreter for a tenth of a second)."""
        from reportdesk.package.identity import cert_path, key_path, load_identity

        files = collect_files(paths)
        summary = ImportSummary(run_id=str(uuid.uuid4()), total=len(files))
        ident = identity or load_identity(self.data_dir, passphrase)  # once per run; WrongPassphrase is an IdentityError
        self._clean_temp_files()
        self.prune_received()
        summary.released = self.release_held(run_id=summary.run_id)
        if not files:
            return summary
        with self.store.read_session() as s:
            known = frozenset(s.scalars(select(Receipt.file_sha256)))
        if workers is None:
            workers = min(os.cpu_count() or 1, 4) if len(files) >= 48 else 1
        if workers > 1 and not _can_spawn():
            workers = 1
        if workers > 1:
            results = self._pooled(files, workers, (key_path(self.data_dir).read_bytes(), passphrase,
                                                    cert_path(self.data_dir).read_bytes(),
                                                    pickle.dumps(self.forms), str(self.received_dir),
                                                    known, now), cancel)
        else:
            opener = FileOpener(ident.key, ident.cert, self.forms, self.received_dir, set(known), now, durable=False)
            results = (opener.process(f) for f in files if not (cancel and cancel.is_set()))

        pending: list[FileOutcome] = []
        batch: list[FileResult] = []
        session: Session | None = None
        batch_start = time.monotonic()
        done = 0

        def commit() -> None:
            nonlocal session, pending
            if session is None:
                return
            sync_to_disk(self.received_dir)  # the kept bytes are on disk before the merge that refers to them
            session.commit()
            session.close()
            session = None
            batch.clear()
            for o in pending:
                summary.outcomes.append(o)
                if on_outcome:
                    on_outcome(o)
            pending = []

        def replay() -> None:
            """The server aborted this batch's transaction (a deadlock with another officer's import):
            its files are merged again, one transaction each."""
            nonlocal session, pending
            if session is not None:
                session.rollback()
                session.close()
                session = None
            pending = []
            for r in list(batch):
                o = self._merge_alone(r, summary.run_id)
                summary.outcomes.append(o)
                if on_outcome:
                    on_outcome(o)
            batch.clear()

        try:
            for res in results:
                if session is None:
                    session = self.writer()
                    batch_start = time.monotonic()
                batch.append(res)
                try:
                    pending.append(self._merge_file(session, res, summary.run_id))
                except Exception as exc:
                    if not _retryable(exc):
                        raise
                    replay()
                done += 1
                if progress:
                    progress(done, len(files), res.file)
                if len(pending) >= batch_size or time.monotonic() - batch_start >= batch_seconds:
                    try:
                        commit()
                    except Exception as exc:
                        if not _retryable(exc):
                            raise
                        replay()
                if cancel is not None and cancel.is_set():
                    break
            commit()
        finally:
            if session is not None:
                session.rollback()
                session.close()
            close = getattr(results, "close", None)
            if close:
                close()
        summary.cancelled = bool(cancel is not None and cancel.is_set() and done < len(files))
        return summary

    def received_limits(self) -> tuple[int, int]:
        """(days, megabytes): how long, and up to what total size, the bytes of files no kept package
        refers to (rejected files, duplicates with other bytes) stay in received/. Store settings
        ``received_keep_days`` and ``received_keep_mb``; defaults 30 days and 500 MB."""
        def read(key: str, default: int) -> int:
            try:
                v = int(self.store.get_meta(key) or default)
            except ValueError:
                return default
            return v if v >= 0 else default
        return read(RECEIVED_KEEP_DAYS_KEY, RECEIVED_KEEP_DAYS), read(RECEIVED_KEEP_MB_KEY, RECEIVED_KEEP_MB)

    def prune_received(self, *, now: float | None = None) -> list[str]:
        """Deletes, from received/, the bytes of files no package of the store refers to (the import log
        keeps their name, SHA-256 and reason): those older than the kept days, then the oldest until the
        rest fits the kept size. Bytes of accepted, superseded, stale, quarantined and held packages are
        never deleted; nor is anything younger than an hour (another import may be about to merge it).
        Returns the SHA-256 of what was deleted."""
        try:
            entries = [e for e in os.scandir(self.received_dir) if len(e.name) == 64 and not e.name.startswith(".")]
        except FileNotFoundError:
            return []
        if not entries:
            return []
        days, mb = self.received_limits()
        with self.store.read_session() as s:
            kept = set(s.scalars(select(Receipt.file_sha256).where(Receipt.state != "rejected")))
        now = time.time() if now is None else now
        loose: list[tuple[float, int, str, str]] = []
        for e in entries:
            if e.name in kept:
                continue
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                continue
            loose.append((st.st_mtime, st.st_size, e.name, e.path))
        loose.sort()
        deleted: list[str] = []
        total = sum(x[1] for x in loose)
        for mtime, size, name, path in loose:  # oldest first
            too_old = mtime < now - days * 86400
            too_big = total > mb * 1024 * 1024 and mtime < now - 3600
            if not (too_old or too_big):
                continue
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size
            deleted.append(name)
        return deleted

    def _clean_temp_files(self, older_than: float = 600) -> None:
        """Temporary files left by an import that was killed while keeping bytes (never referenced)."""
        try:
            entries = list(os.scandir(self.received_dir))
        except FileNotFoundError:
            return
        limit = time.time() - older_than
        for e in entries:
            if e.name.startswith(".") and e.name.endswith(".tmp"):
                try:
                    if e.stat().st_mtime < limit:
                        os.unlink(e.path)
                except OSError:
                    pass

    @staticmethod
    def _pooled(files: list[Path], workers: int, init_args: tuple, cancel: CancelFlag | None, chunk: int = 8):
        """Opens files in worker processes, a few files per task; yields results in input order with a
        bounded window (memory stays flat whatever the number of files)."""
        import multiprocessing as mp

        window = workers * 4
        ex = ProcessPoolExecutor(max_workers=workers, mp_context=mp.get_context("spawn"),
                                 initializer=worker_init, initargs=init_args)
        queue: deque[Future] = deque()
        names = [str(f) for f in files]
        chunks = iter(range(0, len(names), chunk))
        try:
            for start in chunks:
                queue.append(ex.submit(worker_process_many, names[start:start + chunk]))
                if len(queue) >= window:
                    break
            while queue:
                if cancel is not None and cancel.is_set():
                    break
                results = queue.popleft().result()
                nxt = next(chunks, None)
                if nxt is not None:
                    queue.append(ex.submit(worker_process_many, names[nxt:nxt + chunk]))
                for res in results:
                    if cancel is not None and cancel.is_set():
                        break
                    yield res
        finally:
            for fut in queue:
                fut.cancel()
            ex.shutdown(wait=True, cancel_futures=True)

    def _unit_of_work(self):
        return unit_of_work(self.writer())

    def _merge_alone(self, res: FileResult, run_id: str, attempts: int = 8) -> FileOutcome:
        """One file in its own transaction, run again while the server aborts it to break a deadlock."""
        for attempt in range(attempts):
            s = self.writer()
            try:
                o = self._merge_file(s, res, run_id)
                sync_to_disk(self.received_dir)
                s.commit()
                return o
            except Exception as exc:
                s.rollback()
                if not _retryable(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
            finally:
                s.close()
        raise AssertionError("unreachable")

    def _retrying(self, fn: Callable[[], Any], attempts: int = 8) -> Any:
        """Runs a whole unit of work again when the server aborted it to break a deadlock."""
        for attempt in range(attempts):
            try:
                return fn()
            except Exception as exc:
                if not _retryable(exc) or attempt == attempts - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    @staticmethod
    def _log_row(run_id: str, o: FileOutcome) -> dict[str, Any]:
        return dict(at=utcnow(), run_id=run_id, file=o.file, file_sha256=o.sha256, outcome=o.outcome, code=o.code,
                    reason=o.reason, package_id=o.package_id, unit_code=o.unit_code, form_id=o.form_id,
                    period=o.period, revision=o.revision)

    def _log(self, s: Session, run_id: str, o: FileOutcome) -> None:
        """The file's line in the import log; written whatever the outcome holds (values made safe first,
        and if the row still cannot be written, a bare row naming the file and the fault)."""
        o.sanitize()
        try:
            with s.begin_nested():
                s.execute(insert(ImportLogEntry.__table__), [self._log_row(run_id, o)])
        except Exception as exc:  # noqa: BLE001 - the log line of one file must not stop the others
            with s.begin_nested():
                s.execute(insert(ImportLogEntry.__table__), [dict(
                    at=utcnow(), run_id=run_id, file=o.file, file_sha256=None, outcome=o.outcome,
                    code=o.code, reason=safe_text(f"{o.reason} (dòng nhật ký rút gọn: {type(exc).__name__})",
                                                  MAX_REASON))])

    def _merge_file(self, s: Session, res: FileResult, run_id: str) -> FileOutcome:
        o = FileOutcome(file=res.file, outcome="rejected", sha256=res.sha256)
        try:
            if res.code is not None or res.known:  # nothing but the log line is written: no savepoint needed
                self._decide(s, res, o)
            else:
                with s.begin_nested():
                    self._decide(s, res, o)
        except Exception as exc:  # noqa: BLE001 - a fault while merging this file: nothing of it is kept
            if _retryable(exc):  # the server aborted the transaction (deadlock): the batch is replayed
                raise
            o.outcome, o.code = "rejected", "merge_failed"
            o.reason = f"Lỗi khi hợp nhất gói, dữ liệu không thay đổi: {type(exc).__name__}: {safe_text(exc)}"
        o.sanitize()
        self._log(s, run_id, o)
        return o

    def _decide(self, s: Session, res: FileResult, o: FileOutcome) -> None:
        if res.code is not None:
            o.outcome, o.code, o.reason, o.details = "rejected", res.code, res.reason, res.details
            return
        if res.known:
            r = s.scalar(select(Receipt).where(Receipt.file_sha256 == res.sha256).limit(1))
            if r is not None:
                self._fill(o, r)
                o.outcome, o.code = "duplicate", "duplicate"
                o.reason = self._duplicate_reason(r)
                return
            raise RuntimeError("gói đã biết nhưng không tìm thấy biên nhận")
        v = res.verified
        assert v is not None
        o.unit_code, o.form_id, o.period, o.revision, o.package_id = v.unit_code, v.form_id, v.period, v.revision, v.package_id
        _advisory_lock(s, "package", v.package_id)
        _advisory_lock(s, "slot", v.unit_code, v.form_id, v.period)
        if s.execute(select(_R.c.id).where(_R.c.package_id == v.package_id)).first() is not None:
            r = s.scalar(select(Receipt).where(Receipt.package_id == v.package_id))
            o.outcome, o.code, o.reason = "duplicate", "duplicate", self._duplicate_reason(r)
            return
        unit = self.units.get(v.unit_code)
        if unit is None:
            o.outcome, o.code = "rejected", "unknown_unit"
            o.reason = f"Đơn vị '{v.unit_code}' không có trong danh mục đơn vị; bổ sung đơn vị rồi nhập lại gói."
            return
        problem = self._period_problem(v.period, v.created_at)
        if problem is not None and problem[0] == "created_before_period":
            o.outcome, (o.code, o.reason) = "rejected", problem
            return
        signer = self._locked_signer(s, v.signer_fp, read=True)
        if signer is None:
            s.execute(_upsert(s, Signer.__table__).values(
                fingerprint=v.signer_fp, unit_code=v.signer_unit_code or v.unit_code, subject=v.signer_subject,
                not_before=v.not_before, not_after=v.not_after, cert_der=v.signer_der, state="pending",
                first_seen_at=utcnow()).on_conflict_do_nothing(index_elements=["fingerprint"]))
            signer = self._locked_signer(s, v.signer_fp, read=True)
            assert signer is not None
        if signer.state == "revoked":
            o.outcome, o.code = "rejected", "cert_revoked"
            o.reason = f"Chứng thư của người ký đã bị thu hồi (dấu vân tay {_fp(v.signer_fp)})."
            return
        if signer.unit_code != v.unit_code:
            o.outcome, o.code = "rejected", "unit_mismatch"
            o.reason = (f"Chứng thư của người ký được đăng ký cho đơn vị {signer.unit_code}, "
                        f"không phải {v.unit_code}.")
            return
        if signer.state == "approved" and v.form_known and problem is None:
            form = self.forms.get(v.form_id, v.form_version)
            if form is not None and unit.kind in form.unit_kinds:
                self._fast_place(s, v, res.sha256 or "", form, o)
                return
        receipt = Receipt(package_id=v.package_id, file_sha256=res.sha256 or "", unit_code=v.unit_code,
                          form_id=v.form_id, form_version=v.form_version, period=v.period, revision=v.revision,
                          created_at=_naive(v.created_at), received_at=utcnow(), signer_fp=v.signer_fp,
                          state="quarantined")
        s.add(receipt)
        if signer.state != "approved":
            receipt.reason = (f"Chứng thư người ký chưa được phê duyệt (đơn vị {signer.unit_code}, dấu vân tay "
                              f"{_fp(v.signer_fp)}). Đối chiếu dấu vân tay với đơn vị rồi chạy "
                              f"«reportdesk trust approve»." )
            o.outcome, o.code, o.reason = "quarantined", "unknown_signer", receipt.reason
            receipt.payload_json = json.dumps(v.payload(), ensure_ascii=False)
            s.flush()
            return
        self._place(s, receipt, o, validated=v.form_known, answers=v.answers, explanations=v.explanations)

    def _fast_place(self, s: Session, v: Verified, sha: str, form, o: FileOutcome) -> None:
        """The common case of an import, in Core statements: an approved signer, a known form version,
        answers already validated. Same rules and rows as ``_place``."""
        created = _naive(v.created_at)
        _advisory_lock(s, "slot", v.unit_code, v.form_id, v.period)
        cur = s.execute(select(_R.c.id, _R.c.revision, _R.c.created_at, _R.c.report_id).where(
            _R.c.unit_code == v.unit_code, _R.c.form_id == v.form_id, _R.c.period == v.period,
            _R.c.state == "current")).first()
        newer = cur is None or (v.revision, created) > (cur.revision, cur.created_at)
        rid = self._insert_report(s, v.unit_code, v.form_id, form.version, v.period, v.revision, v.answers,
                                  "received" if newer else "superseded", v.explanations)
        if cur is None:
            state, o.outcome, o.reason = "current", "accepted", "Báo cáo mới."
        elif newer:
            s.execute(update(_R).where(_R.c.id == cur.id).values(state="superseded"))
            if cur.report_id:
                s.execute(update(Report.__table__).where(Report.__table__.c.id == cur.report_id)
                          .values(status="superseded", updated_at=utcnow()))
            state, o.outcome, o.superseded_revision = "current", "accepted", cur.revision
            o.reason = f"Thay thế lần gửi {cur.revision}."
        else:
            state, o.outcome, o.code = "stale", "stale", "stale"
            o.reason = f"Cũ hơn lần gửi {cur.revision} đang dùng; lưu vào lịch sử, không thay thế."
        s.execute(insert(_R).values(package_id=v.package_id, file_sha256=sha, unit_code=v.unit_code, form_id=v.form_id,
                                    form_version=v.form_version, period=v.period, revision=v.revision,
                                    created_at=created, received_at=utcnow(), signer_fp=v.signer_fp, state=state,
                                    report_id=rid))

    def _place(self, s: Session, receipt: Receipt, o: FileOutcome, *, validated: bool = False,
               answers: dict[str, Any] | None = None, explanations: dict[str, str] | None = None) -> None:
        """Merges a verified receipt from an approved signer (held when the form version is unknown)."""
        _advisory_lock(s, "slot", receipt.unit_code, receipt.form_id, receipt.period)
        form = self.forms.get(receipt.form_id, receipt.form_version)
        o.unit_code, o.form_id, o.period, o.revision = receipt.unit_code, receipt.form_id, receipt.period, receipt.revision
        o.package_id, o.sha256 = receipt.package_id, receipt.file_sha256
        if answers is not None and receipt.payload_json is None and (form is None or not validated):
            receipt.payload_json = json.dumps({"answers": answers, "explanations": explanations or {}}, ensure_ascii=False)
        if form is None:
            receipt.state = "held"
            receipt.reason = (f"Biểu mẫu {safe_text(receipt.form_id, 64)} phiên bản {receipt.form_version} chưa được cài đặt; "
                              f"gói được giữ lại và sẽ được hợp nhất khi cài đặt phiên bản này.")
            o.outcome, o.code, o.reason = "quarantined", "unknown_form_version", receipt.reason
            s.flush()
            return
        problem = self._period_problem(receipt.period, receipt.created_at)
        if problem is not None:
            code, reason = problem
            if code == "unknown_period":
                receipt.state, receipt.reason = "held", reason
                if answers is not None and receipt.payload_json is None:
                    receipt.payload_json = json.dumps({"answers": answers}, ensure_ascii=False)
                o.outcome, o.code, o.reason = "quarantined", code, reason
            else:
                receipt.state, receipt.payload_json, receipt.reason = "rejected", None, reason
                o.outcome, o.code, o.reason = "rejected", code, reason
            s.flush()
            return
        unit = self.units.get(receipt.unit_code)
        if unit is not None and unit.kind not in form.unit_kinds:
            receipt.state, receipt.payload_json = "rejected", None
            receipt.reason = f"Biểu mẫu {form.id} không dành cho {unit.name}."
            o.outcome, o.code, o.reason = "rejected", "wrong_form", receipt.reason
            s.flush()
            return
        payload = ({"answers": answers, "explanations": explanations or {}} if answers is not None
                   else json.loads(receipt.payload_json or "{}"))
        if validated:  # coerced and checked when the package was opened (a form version never changes)
            answers, problems = payload.get("answers") or {}, []
        else:
            answers, problems = coerce_answers(form, payload.get("answers"))
            problems = errors(problems) + errors(check_answers(form, answers, receipt.unit_code))
        if problems:
            receipt.state, receipt.payload_json = "rejected", None
            receipt.reason = "Số liệu báo cáo không phù hợp với biểu mẫu: " + "; ".join(
                f"{p.path}: {p.message}" for p in problems[:5])
            o.outcome, o.code, o.reason = "rejected", "answers_invalid", receipt.reason
            s.flush()
            return
        current = s.scalar(select(Receipt).where(
            Receipt.unit_code == receipt.unit_code, Receipt.form_id == receipt.form_id,
            Receipt.period == receipt.period, Receipt.state == "current")
            .execution_options(populate_existing=True))
        newer = current is None or (receipt.revision, receipt.created_at) > (current.revision, current.created_at)
        receipt.report_id = self._create_report(s, receipt, form.version, answers,
                                                "received" if newer else "superseded",
                                                clean_explanations(payload.get("explanations")))
        receipt.payload_json = None
        receipt.reason = None
        if current is None:
            receipt.state = "current"
            o.outcome, o.reason = "accepted", "Báo cáo mới."
        elif newer:
            current.state = "superseded"
            if current.report_id:
                s.execute(update(Report.__table__).where(Report.__table__.c.id == current.report_id).values(status="superseded", updated_at=utcnow()))
            receipt.state = "current"
            o.outcome, o.superseded_revision = "accepted", current.revision
            o.reason = f"Thay thế lần gửi {current.revision}."
        else:
            receipt.state = "stale"
            o.outcome, o.code = "stale", "stale"
            o.reason = (f"Cũ hơn lần gửi {current.revision} đang dùng; lưu vào lịch sử, không thay thế.")
        s.flush()

    def _create_report(self, s: Session, receipt: Receipt, form_version: int, answers: dict[str, Any], status: str,
                       explanations: dict[str, str] | None = None) -> int:
        return self._insert_report(s, receipt.unit_code, receipt.form_id, form_version, receipt.period,
                                   receipt.revision, answers, status, explanations)

    @staticmethod
    def _insert_report(s: Session, unit_code: str, form_id: str, form_version: int, period: str, revision: int,
                       answers: dict[str, Any], status: str, explanations: dict[str, str] | None = None) -> int:
        """The imported report (same rows as ReportRepo.create), answers written in one executemany."""
        now = utcnow()
        rt = Report.__table__
        rid = s.execute(insert(rt).values(
            unit_code=unit_code, form_id=form_id, form_version=form_version, period=period, status=status,
            revision=revision, origin="imported", created_at=now, updated_at=now).returning(rt.c.id)).scalar_one()
        parts = {k: _dumps(v) for k, v in answers.items()}
        if parts:
            s.execute(insert(Answer.__table__), [{"report_id": rid, "field_id": k, "value_json": j} for k, j in parts.items()])
        # the same text as _dumps(answers): keys sorted, each value as dumped above
        whole = "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + parts[k] for k in sorted(parts)) + "}"
        s.execute(insert(HistoryEntry.__table__).values(report_id=rid, at=now, op="create", new_json=whole, source="imported"))
        if explanations:  # the unit's giải trình of warnings, kept with this received revision
            s.execute(insert(Explanation.__table__), [{"report_id": rid, "key": k, "text": t, "updated_at": now}
                                                      for k, t in explanations.items()])
        return rid

    @staticmethod
    def _fill(o: FileOutcome, r: Receipt) -> None:
        o.unit_code, o.form_id, o.period, o.revision, o.package_id = r.unit_code, r.form_id, r.period, r.revision, r.package_id

    @staticmethod
    def _duplicate_reason(r: Receipt) -> str:
        state = {"current": "đang dùng", "superseded": "đã được thay thế", "stale": "bản cũ",
                 "quarantined": "đang cách ly chờ phê duyệt chứng thư", "held": "đang giữ chờ cài biểu mẫu",
                 "rejected": "đã bị từ chối"}.get(r.state, r.state)
        return f"Gói này đã nhận lúc {_vi_time(r.received_at)} (lần gửi {r.revision}, {state}); không thay đổi gì."

    # --- held packages --------------------------------------------------------------------------
    def release_held(self, *, run_id: str | None = None) -> list[FileOutcome]:
        """Merges held packages whose form version is now installed (one transaction each)."""
        out: list[FileOutcome] = []
        with self.store.read_session() as s:
            held = [(r.id, r.form_id, r.form_version, r.period) for r in
                    s.scalars(select(Receipt).where(Receipt.state == "held").order_by(Receipt.revision, Receipt.created_at))]
        run_id = run_id or str(uuid.uuid4())
        for rid, fid, ver, period in held:
            if self.forms.get(fid, ver) is None or period not in self.calendar:
                continue
            o = self._retrying(lambda: self._release_one(rid, run_id))
            if o is not None:
                out.append(o)
        return out

    def _release_one(self, rid: int, run_id: str) -> FileOutcome | None:
        with self._unit_of_work() as s:
            r = s.get(Receipt, rid, with_for_update=True, populate_existing=True)
            if r is None or r.state != "held":  # another officer's run released it meanwhile
                return None
            o = FileOutcome(file=str(self.received_dir / r.file_sha256), outcome="rejected")
            with s.begin_nested():
                self._place(s, r, o)
            self._log(s, run_id, o)
            return o

    # --- the signer registry --------------------------------------------------------------------
    def signers(self) -> list[SignerInfo]:
        with self.store.read_session() as s:
            out = []
            all_signers = list(s.scalars(select(Signer).order_by(Signer.unit_code, Signer.first_seen_at)))
            approved: dict[str, list[str]] = {}
            for sg in all_signers:
                if sg.state == "approved":
                    approved.setdefault(sg.unit_code, []).append(sg.fingerprint)
            for sg in all_signers:
                recs = list(s.scalars(select(Receipt.state).where(Receipt.signer_fp == sg.fingerprint)))
                info = self._info(sg, recs)
                info.other_approved = [fp for fp in approved.get(sg.unit_code, []) if fp != sg.fingerprint]
                out.append(info)
            return out

    @staticmethod
    def _info(sg: Signer, states: list[str]) -> SignerInfo:
        return SignerInfo(fingerprint=sg.fingerprint, unit_code=sg.unit_code, subject=sg.subject,
                          not_before=sg.not_before, not_after=sg.not_after, state=sg.state,
                          first_seen_at=sg.first_seen_at, decided_at=sg.decided_at,
                          quarantined=sum(1 for x in states if x == "quarantined"), packages=len(states))

    def add_signer(self, cert_der: bytes, unit_code: str | None = None, *, approved: bool = True) -> SignerInfo:
        """Registers a certificate received out of band (e.g. handed over with the unit's letter)."""
        from cryptography import x509

        from reportdesk.package.identity import cert_unit_code, fingerprint

        cert = x509.load_der_x509_certificate(cert_der)
        fp = fingerprint(cert)
        code = unit_code or cert_unit_code(cert)
        if not code:
            raise UserError("Chứng thư không ghi mã đơn vị; cần chỉ rõ đơn vị.")
        with self._unit_of_work() as s:
            sg = s.get(Signer, fp)
            if sg is None:
                sg = Signer(fingerprint=fp, unit_code=code, subject=cert.subject.rfc4514_string(),
                            not_before=_naive(cert.not_valid_before_utc), not_after=_naive(cert.not_valid_after_utc),
                            cert_der=cert_der, state="pending", first_seen_at=utcnow())
                s.add(sg)
            if approved and sg.state == "pending":
                sg.state, sg.decided_at = "approved", utcnow()
            s.flush()
            return self._info(sg, [])

    def _signer(self, s: Session, fp_text: str) -> Signer:
        from reportdesk.package.identity import parse_fingerprint

        try:
            fp = parse_fingerprint(fp_text)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        sg = self._locked_signer(s, fp)
        if sg is None:
            raise UserError(f"Không có chứng thư nào với dấu vân tay {_fp(fp)} trong danh sách người ký.")
        return sg

    def approve(self, fp_text: str, *, run_id: str | None = None) -> TrustResult:
        """Approves a signer and merges its quarantined packages (each in its own savepoint)."""
        run_id = run_id or str(uuid.uuid4())
        return self._retrying(lambda: self._approve(fp_text, run_id))

    def _approve(self, fp_text: str, run_id: str) -> TrustResult:
        merged: list[FileOutcome] = []
        with self._unit_of_work() as s:
            sg = self._signer(s, fp_text)
            if sg.state == "revoked":
                raise UserError("Chứng thư này đã bị thu hồi; không phê duyệt lại được.")
            others = list(s.scalars(select(Signer.fingerprint).where(
                Signer.unit_code == sg.unit_code, Signer.state == "approved", Signer.fingerprint != sg.fingerprint)
                .order_by(Signer.first_seen_at)))
            sg.state, sg.decided_at = "approved", utcnow()
            waiting = list(s.scalars(select(Receipt).where(Receipt.signer_fp == sg.fingerprint,
                                                           Receipt.state == "quarantined")
                                     .order_by(Receipt.revision, Receipt.created_at, Receipt.id)
                                     .with_for_update().execution_options(populate_existing=True)))
            for r in waiting:
                o = FileOutcome(file=str(self.received_dir / r.file_sha256), outcome="rejected")
                if r.unit_code != sg.unit_code:
                    r.state, r.payload_json = "rejected", None
                    r.reason = f"Chứng thư được đăng ký cho đơn vị {sg.unit_code}, không phải {r.unit_code}."
                    self._fill(o, r)
                    o.code, o.reason = "unit_mismatch", r.reason
                else:
                    with s.begin_nested():
                        self._place(s, r, o)
                self._log(s, run_id, o)
                merged.append(o)
            s.flush()
            states = list(s.scalars(select(Receipt.state).where(Receipt.signer_fp == sg.fingerprint)))
            info = self._info(sg, states)
            info.other_approved = others
        return TrustResult(info, merged)

    def revoke(self, fp_text: str) -> TrustResult:
        """Revokes a signer: its future packages are rejected; those already merged stay (flagged)."""
        return self._retrying(lambda: self._revoke(fp_text))

    def _revoke(self, fp_text: str) -> TrustResult:
        with self._unit_of_work() as s:
            sg = self._signer(s, fp_text)
            sg.state, sg.decided_at = "revoked", utcnow()
            for r in s.scalars(select(Receipt).where(Receipt.signer_fp == sg.fingerprint,
                                                     Receipt.state.in_(("quarantined", "held")))):
                r.state, r.payload_json = "rejected", None
                r.reason = "Chứng thư của người ký đã bị thu hồi trước khi gói được hợp nhất."
            s.flush()
            states = list(s.scalars(select(Receipt.state).where(Receipt.signer_fp == sg.fingerprint)))
            info = self._info(sg, states)
        return TrustResult(info)

    @staticmethod
    def _locked_signer(s: Session, fp: str, *, read: bool = False) -> Signer | None:
        """The signer row, locked until the end of the transaction (PostgreSQL: FOR SHARE when ``read``,
        else FOR UPDATE; SQLite serialises writers already), read fresh from the database."""
        return s.scalars(select(Signer).where(Signer.fingerprint == fp).with_for_update(read=read)
                         .execution_options(populate_existing=True)).first()

    def import_log(self, run_id: str | None = None) -> list[ImportLogEntry]:
        with self.store.read_session() as s:
            q = select(ImportLogEntry).order_by(ImportLogEntry.id)
            if run_id:
                q = q.where(ImportLogEntry.run_id == run_id)
            return list(s.scalars(q))


_R = Receipt.__table__
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock detected, serialization failure


def _retryable(exc: BaseException) -> bool:
    """A transaction the server aborted to break a deadlock (or a serialization failure): run it again."""
    return isinstance(exc, sa_exc.DBAPIError) and getattr(exc.orig, "sqlstate", None) in RETRYABLE_SQLSTATES


def _advisory_key(*parts: str) -> int:
    import hashlib

    digest = hashlib.sha256("\x00".join(["reportdesk", *parts]).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _advisory_lock(s: Session, *parts: str) -> None:
    """PostgreSQL: a transaction-scoped advisory lock on ``parts`` (released at commit or rollback).
    SQLite needs none: its writer transactions (BEGIN IMMEDIATE) are serialised whole."""
    if s.get_bind().dialect.name == "postgresql":
        s.execute(select(_pg_lock(_advisory_key(*parts))))


def _pg_lock(key: int):
    from sqlalchemy import func

    return func.pg_advisory_xact_lock(key)


def _upsert(s: Session, table):
    """The dialect's INSERT, which knows ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike)."""
    if s.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    else:
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    return dialect_insert(table)


def _can_spawn() -> bool:
    """Worker processes are started with "spawn": they re-import the main module, which must be a file."""
    import sys

    if getattr(sys, "frozen", False):  # a PyInstaller bundle would start the whole app again in each worker
        return False
    main = sys.modules.get("__main__")
    return bool(getattr(main, "__file__", None) or getattr(getattr(main, "__spec__", None), "name", None))


def _fp(hex64: str) -> str:
    return " ".join(hex64[i:i + 4] for i in range(0, 64, 4))
