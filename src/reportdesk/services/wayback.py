"""The way back from Cục ATMT to the units (issue 11): receipts, review decisions, signed updates.

Consolidation side (``setup atmt``):
  write_receipts(ctx, period, out_dir, passphrase)       -> ReceiptsResult   one .rdrcpt per merged revision not yet acknowledged
  review_report(ctx, report_id, decision, out, passphrase, reason=, comments=) -> ReviewResult   a .rdrev
  publish_update(ctx, out, passphrase, forms=, calendar=, units=) -> UpdateResult   a .rdupd with the next sequence number
Unit side (``setup unit``):
  import_inbox(ctx, paths, passphrase)                    -> list[InboxOutcome]   applied or refused, one per file
  list_inbox(ctx)                                         -> list[InboxEntry]
  inbox_state_for_report(ctx, report_id)                  -> InboxState       what the home screen shows
  upgrade_report(ctx, report_id, version=None)            -> UpgradeResult    a draft moved to a newer form version
  print_receipt(ctx, file, out)                           -> Path             a Word receipt of an imported .rdrcpt
  record_sent(ctx, ...) / open_review_for_report(ctx, rid)   used by export_report

The formats: reportdesk.package.messages and docs/wayback.md. Every refusal leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportdesk.errors import UserError
from reportdesk.services import Passphrase, Progress, check_cancel, report_progress, resolve_passphrase

if TYPE_CHECKING:
    from reportdesk.app import AppContext

VN = dt.timezone(dt.timedelta(hours=7))
MERGED_STATES = ("current", "superseded", "stale")
DECISIONS = ("accepted", "returned")
DECISION_LABELS_VI = {"accepted": "Chấp nhận", "returned": "Trả lại để chỉnh sửa"}
MAX_COMMENT = 2000
MAX_COMMENTS = 200
_PATH_RE = re.compile(r"^[^/\s]+/[^/\s]+(/[1-9][0-9]{0,5}(/[^/\s]+)?)?$")


# --- shared helpers ------------------------------------------------------------------------------

def _aware(t: dt.datetime | None) -> dt.datetime | None:
    if t is None:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=dt.timezone.utc)


def _naive(t: dt.datetime) -> dt.datetime:
    return t.astimezone(dt.timezone.utc).replace(tzinfo=None) if t.tzinfo else t


def _iso(t: dt.datetime | None) -> str | None:
    if t is None:
        return None
    return _aware(t).astimezone(dt.timezone.utc).replace(microsecond=0, tzinfo=None).isoformat() + "Z"


def vi_time(t: dt.datetime | None) -> str:
    """«HH:MM dd/mm/yyyy», Vietnam time."""
    if t is None:
        return ""
    return _aware(t).astimezone(VN).strftime("%H:%M %d/%m/%Y")


def _parse_iso(text: Any) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(dt.timezone.utc)
    except ValueError:
        return None


def _identity(ctx: AppContext, passphrase: Passphrase):
    from reportdesk.package import identity as ident

    if not ident.has_identity(ctx.data_dir):
        raise UserError(f"Kho dữ liệu tại {ctx.data_dir} chưa có định danh ký số.")
    return ident.load_identity(ctx.data_dir, resolve_passphrase(passphrase))


def _write_new(path: Path, data: bytes) -> None:
    from reportdesk import atomic

    if path.exists():
        raise UserError(f"Tệp {path} đã có; không ghi đè. Hãy chọn tên khác với --out.")
    if not path.parent.is_dir():
        raise UserError(f"Thư mục {path.parent} không tồn tại.")
    try:
        atomic.write_bytes(path, data, 0o644)
    except OSError as exc:
        raise UserError(f"Không ghi được {path}: {exc.strerror}.") from None


def _out_file(out: Path | str, default_name: str, suffix: str) -> Path:
    path = Path(out)
    if str(out).endswith(("/", "\\")) or path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        return path / default_name
    if path.suffix.lower() != suffix:
        raise UserError(f"Tệp ra phải có đuôi {suffix}: {path}.")
    return path


def _fs_safe(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z._-]", "_", text)[:80] or "_"


# --- consolidation side: receipts ----------------------------------------------------------------

@dataclass(frozen=True)
class WrittenMessage:
    path: Path
    kind: str
    message_id: str
    unit_code: str
    form_id: str | None = None
    period: str | None = None
    revision: int | None = None
    body: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ReceiptsResult:
    written: list[WrittenMessage]
    warnings: list[str]  # revisions skipped, and why


def receipt_body(ctx: AppContext, rec, signer_unit_kind: str | None) -> dict[str, Any]:
    """The statement a receipt makes about one received package (a ``receipts`` row)."""
    from reportdesk.consolidate.status import timeliness

    period = ctx.calendar.get(rec.period)
    deadline = period.deadline(signer_unit_kind) if (period is not None and signer_unit_kind) else None
    state, days = timeliness(_aware(rec.created_at), deadline)
    return {
        "package_id": rec.package_id,
        "unit_code": rec.unit_code,
        "form_id": rec.form_id,
        "form_version": rec.form_version,
        "period": rec.period,
        "revision": rec.revision,
        "package_sha256": rec.file_sha256,
        "signed_at": _iso(rec.created_at),
        "received_at": _iso(rec.received_at),
        "deadline": deadline.isoformat() if deadline else None,
        "timeliness": state,
        "days_late": days,
    }


def write_receipts(ctx: AppContext, period: str | None, out_dir: Path | str, passphrase: Passphrase, *,
                   report_id: int | None = None, progress: Progress | None = None,
                   cancel: threading.Event | None = None) -> ReceiptsResult:
    """One receipt per merged revision (of ``period``, or of report ``report_id``) not yet acknowledged,
    written as ``out_dir/<unit>_<form>_<period>_r<rev>.rdrcpt`` and recorded as acknowledged: a second
    run writes none. Cancelled, the receipts already written stay recorded; none is half written."""
    from cryptography import x509
    from sqlalchemy import select

    from reportdesk.package.messages import default_message_name, make_message
    from reportdesk.store.consolidation import Receipt, Signer
    from reportdesk.store.wayback import Acknowledgement

    ctx.require_mode("atmt")
    check_cancel(cancel)
    if period is not None:
        ctx.period(period)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise UserError(f"{out} không phải thư mục.")
    store = ctx.store()
    with store.read_session() as s:
        q = select(Receipt).where(Receipt.state.in_(MERGED_STATES), Receipt.report_id.is_not(None))
        if period is not None:
            q = q.where(Receipt.period == period)
        if report_id is not None:
            q = q.where(Receipt.report_id == report_id)
        acked = set(s.scalars(select(Acknowledgement.receipt_id)))
        todo = [r for r in s.scalars(q.order_by(Receipt.unit_code, Receipt.form_id, Receipt.revision)) if r.id not in acked]
        signers = {sg.fingerprint: sg for sg in s.scalars(select(Signer))}
    if report_id is not None and not todo:
        with store.read_session() as s:
            if s.scalar(select(Receipt.id).where(Receipt.report_id == report_id)) is None:
                raise UserError(f"Báo cáo {report_id} không phải báo cáo nhận từ đơn vị.")
    written: list[WrittenMessage] = []
    warnings: list[str] = []
    if not todo:
        return ReceiptsResult(written, warnings)
    out.mkdir(parents=True, exist_ok=True)
    me = _identity(ctx, passphrase)
    total = len(todo)
    for i, rec in enumerate(todo):
        check_cancel(cancel)
        report_progress(progress, i, total, f"{rec.unit_code} {rec.form_id} {rec.period} lần {rec.revision}")
        sg = signers.get(rec.signer_fp)
        if sg is None or sg.state != "approved":
            warnings.append(f"{rec.unit_code} {rec.form_id} {rec.period} lần {rec.revision}: chứng thư của đơn vị "
                            "không còn được phê duyệt; không lập giấy biên nhận.")
            continue
        cert = x509.load_der_x509_certificate(sg.cert_der)
        unit = ctx.units.get(rec.unit_code)
        body = receipt_body(ctx, rec, unit.kind if unit else None)
        built = make_message("receipt", body, signer_key=me.key, signer_cert=me.cert, recipient_certs=[cert],
                             unit_code=rec.unit_code)
        name = default_message_name("receipt", _fs_safe(rec.unit_code), _fs_safe(rec.form_id), _fs_safe(rec.period),
                                    rec.revision)
        path = out / name
        if path.exists():
            warnings.append(f"Tệp {path} đã có; không ghi đè (giấy biên nhận chưa được ghi nhận).")
            continue
        _write_new(path, built.data)
        with store.session() as s:
            s.add(Acknowledgement(receipt_id=rec.id, message_id=built.message_id, file=str(path)))
        written.append(WrittenMessage(path, "receipt", built.message_id, rec.unit_code, rec.form_id, rec.period,
                                      rec.revision, body))
    report_progress(progress, total, total, "Đã lập giấy biên nhận")
    return ReceiptsResult(written, warnings)


# --- consolidation side: review decisions --------------------------------------------------------

@dataclass(frozen=True)
class Comment:
    path: str          # section/field[/row/column], as validation paths print them (row from 1)
    text: str
    field: str | None = None
    row: int | None = None    # 0-based, as domain.validate.Issue.row
    column: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "text": self.text}


def parse_comment(form, path: str, text: str) -> Comment:
    """A comment on ``path`` of ``form``; UserError when the path names nothing in the form."""
    path = (path or "").strip()
    text = (text or "").strip()
    if not text:
        raise UserError(f"Ý kiến cho «{path}» đang trống.")
    if len(text) > MAX_COMMENT:
        raise UserError(f"Ý kiến cho «{path}» dài quá {MAX_COMMENT} ký tự.")
    if not _PATH_RE.match(path):
        raise UserError(f"Vị trí «{path}» không đúng dạng mục/trường[/dòng/cột] (như reportdesk report check in ra).")
    parts = path.split("/")
    section, fid = parts[0], parts[1]
    f = form.field_map.get(fid)
    sec = form.section_of(fid) if f else None
    if f is None or sec is None or sec.id != section:
        raise UserError(f"Biểu mẫu {form.id} v{form.version} không có trường «{section}/{fid}».")
    row = column = None
    if len(parts) >= 3:
        if str(getattr(f.type, "value", f.type)) != "table":
            raise UserError(f"Trường «{section}/{fid}» không phải bảng: không có dòng {parts[2]}.")
        row = int(parts[2]) - 1
        if len(parts) == 4:
            column = parts[3]
            if column not in {c.id for c in (f.columns or [])}:
                raise UserError(f"Bảng «{section}/{fid}» không có cột «{column}».")
    return Comment(path, text, fid, row, column)


def parse_comment_arg(form, arg: str) -> Comment:
    """``PATH=TEXT`` (the command line's --comment)."""
    path, eq, text = (arg or "").partition("=")
    if not eq:
        raise UserError(f"Ý kiến phải có dạng VỊ_TRÍ=NỘI_DUNG, không phải «{arg}».")
    return parse_comment(form, path, text)


@dataclass(frozen=True)
class ReviewResult:
    path: Path
    message_id: str
    decision: str
    report_id: int
    unit_code: str
    form_id: str
    period: str
    revision: int
    comments: list[Comment]


def review_report(ctx: AppContext, report_id: int, decision: str, out: Path | str, passphrase: Passphrase, *,
                  reason: str | None = None, comments: list[Comment] | list[tuple[str, str]] | None = None) -> ReviewResult:
    """Accepts a received revision, or returns it for correction (a reason is required), with comments
    at fields, rows or cells; stored with that revision and written as a signed ``.rdrev`` to the unit."""
    from cryptography import x509
    from sqlalchemy import select

    from reportdesk.package.messages import EXTENSIONS, default_message_name, make_message
    from reportdesk.store.consolidation import Receipt, Signer
    from reportdesk.store.wayback import ReviewDecision

    ctx.require_mode("atmt")
    if decision not in DECISIONS:
        raise UserError(f"Quyết định phải là accepted hoặc returned, không phải «{decision}».")
    reason = (reason or "").strip()
    if decision == "returned" and not reason:
        raise UserError("Trả lại báo cáo cần ghi lý do (--reason).")
    if len(reason) > MAX_COMMENT:
        raise UserError(f"Lý do dài quá {MAX_COMMENT} ký tự.")
    r = ctx.reports.get(report_id, with_answers=False)
    form = ctx.reports.form_of(r)
    parsed: list[Comment] = []
    for c in comments or []:
        parsed.append(c if isinstance(c, Comment) else parse_comment(form, c[0], c[1]))
    if len(parsed) > MAX_COMMENTS:
        raise UserError(f"Tối đa {MAX_COMMENTS} ý kiến cho một báo cáo.")
    with ctx.store().read_session() as s:
        rec = s.scalar(select(Receipt).where(Receipt.report_id == report_id).limit(1))
        if rec is None or r.origin != "imported":
            raise UserError(f"Báo cáo {report_id} không phải báo cáo nhận từ đơn vị; chỉ xem xét được báo cáo đã nhận.")
        sg = s.get(Signer, rec.signer_fp)
    if sg is None or sg.state != "approved":
        raise UserError(f"Chứng thư của {rec.unit_code} không còn được phê duyệt; không gửi được kết quả.")
    name = default_message_name("review", _fs_safe(rec.unit_code), _fs_safe(rec.form_id), _fs_safe(rec.period), rec.revision)
    path = _out_file(out, name, EXTENSIONS["review"])
    if path.exists():
        raise UserError(f"Tệp {path} đã có; không ghi đè. Hãy chọn tên khác với --out.")
    me = _identity(ctx, passphrase)
    now = dt.datetime.now(dt.timezone.utc)
    body = {
        "decision": decision,
        "package_id": rec.package_id,
        "unit_code": rec.unit_code,
        "form_id": rec.form_id,
        "form_version": rec.form_version,
        "period": rec.period,
        "revision": rec.revision,
        "package_sha256": rec.file_sha256,
        "reason": reason,
        "comments": [c.to_json() for c in parsed],
        "decided_at": _iso(now),
    }
    built = make_message("review", body, signer_key=me.key, signer_cert=me.cert,
                         recipient_certs=[x509.load_der_x509_certificate(sg.cert_der)], unit_code=rec.unit_code,
                         created_at=now)
    _write_new(path, built.data)
    with ctx.store().session() as s:
        s.add(ReviewDecision(receipt_id=rec.id, report_id=report_id, decision=decision, reason=reason,
                             comments_json=json.dumps(body["comments"], ensure_ascii=False),
                             message_id=built.message_id, decided_at=_naive(now)))
    return ReviewResult(path, built.message_id, decision, report_id, rec.unit_code, rec.form_id, rec.period,
                        rec.revision, parsed)


@dataclass(frozen=True)
class DecisionInfo:
    decision: str
    reason: str
    comments: list[Comment]
    decided_at: dt.datetime | None
    revision: int
    message_id: str

    @property
    def label_vi(self) -> str:
        return DECISION_LABELS_VI[self.decision]


def review_decisions(ctx: AppContext, report_id: int) -> list[DecisionInfo]:
    """(consolidation) The decisions taken on received revisions of the unit+form+period of ``report_id``,
    oldest first (kept when a newer revision arrives)."""
    from sqlalchemy import select

    from reportdesk.store.consolidation import Receipt
    from reportdesk.store.wayback import ReviewDecision

    r = ctx.reports.get(report_id, with_answers=False)
    form = ctx.forms.get(r.form_id, r.form_version)
    out = []
    with ctx.store().read_session() as s:
        q = (select(ReviewDecision, Receipt).join(Receipt, ReviewDecision.receipt_id == Receipt.id)
             .where(Receipt.unit_code == r.unit_code, Receipt.form_id == r.form_id, Receipt.period == r.period)
             .order_by(ReviewDecision.decided_at, ReviewDecision.id))
        for d, rec in s.execute(q):
            out.append(DecisionInfo(d.decision, d.reason, _comments(form, json.loads(d.comments_json)),
                                    _aware(d.decided_at), rec.revision, d.message_id))
    return out


def _comments(form, raw: Any) -> list[Comment]:
    out = []
    for c in raw if isinstance(raw, list) else []:
        if not isinstance(c, dict) or not isinstance(c.get("path"), str) or not isinstance(c.get("text"), str):
            continue
        try:
            out.append(parse_comment(form, c["path"], c["text"]) if form is not None else Comment(c["path"], c["text"]))
        except UserError:
            out.append(Comment(c["path"][:300], c["text"][:MAX_COMMENT]))  # a field of another form version: kept, unplaced
    return out


# --- consolidation side: signed updates ----------------------------------------------------------

@dataclass(frozen=True)
class UpdateResult:
    path: Path
    sequence: int
    message_id: str
    forms: list[str]
    calendar: bool
    units: bool
    recipients: list[str]  # unit codes


def _read_small(path: Path | str, what: str, limit: int = 4 * 1024 * 1024) -> bytes:
    p = Path(path)
    try:
        if not p.is_file():
            raise UserError(f"Không tìm thấy {what} {p}.")
        if p.stat().st_size > limit:
            raise UserError(f"{what.capitalize()} {p} quá lớn.")
        return p.read_bytes()
    except OSError as exc:
        raise UserError(f"Không đọc được {what} {p}: {exc.strerror}.") from None


def _check_update_files(forms: dict[str, bytes], calendar: bytes | None, units: bytes | None) -> list:
    """Parses everything an update carries; UserError on the first problem. Returns the forms."""
    from reportdesk.domain.calendar import CalendarFileError
    from reportdesk.domain.calendar import _load_file as load_periods
    from reportdesk.domain.forms import check_form_text
    from reportdesk.domain.units import UnitsFileError
    from reportdesk.domain.units import _load_file as load_units_file

    parsed = []
    for name, data in forms.items():
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(f"Biểu mẫu {name} không phải văn bản UTF-8.") from None
        form, problems = check_form_text(text, name)
        if problems or form is None:
            raise UserError(f"Biểu mẫu {name} có lỗi: " + "; ".join(str(p) for p in problems[:3]))
        parsed.append(form)
    with tempfile.TemporaryDirectory(prefix="rd-update-") as tmp:
        for data, fname, loader, err, what in ((calendar, "calendar.yaml", load_periods, CalendarFileError, "Lịch báo cáo"),
                                               (units, "units.yaml", load_units_file, UnitsFileError, "Danh mục đơn vị")):
            if data is None:
                continue
            p = Path(tmp) / fname
            p.write_bytes(data)
            try:
                loader(p)
            except err as exc:
                raise UserError(f"{what} trong bản cập nhật bị lỗi: {str(exc).splitlines()[0]}") from None
    return parsed


def publish_update(ctx: AppContext, out: Path | str, passphrase: Passphrase, *, forms: list[Path | str] = (),
                   calendar: Path | str | None = None, units: Path | str | None = None,
                   to: list[Path | str] = ()) -> UpdateResult:
    """Signs an update (form versions, calendar changes, registry changes) with the next sequence number,
    encrypted to every approved unit certificate and to the certificates ``to`` (PEM or DER files: a unit
    that has not sent a package yet); the sequence is recorded once the file is written."""
    from cryptography import x509
    from sqlalchemy import select

    from reportdesk.package.messages import BROADCAST, EXTENSIONS, default_message_name, make_message
    from reportdesk.store.consolidation import Signer
    from reportdesk.store.wayback import UPDATE_SEQUENCE_KEY

    ctx.require_mode("atmt")
    if not forms and calendar is None and units is None:
        raise UserError("Bản cập nhật cần ít nhất một biểu mẫu (--form), lịch (--calendar) hoặc danh mục đơn vị (--units).")
    form_files: dict[str, bytes] = {}
    for p in forms:
        data = _read_small(p, "tệp biểu mẫu")
        form_files[Path(p).name] = data
    cal = _read_small(calendar, "tệp lịch báo cáo") if calendar is not None else None
    reg = _read_small(units, "tệp danh mục đơn vị") if units is not None else None
    parsed = _check_update_files(form_files, cal, reg)
    files: dict[str, bytes] = {}
    names = []
    for form, data in zip(parsed, form_files.values()):
        n = f"{form.id}.v{form.version}.yaml"
        if f"forms/{n}" in files:
            raise UserError(f"Biểu mẫu {form.id} phiên bản {form.version} có hai lần trong bản cập nhật.")
        files[f"forms/{n}"] = data
        names.append(n)
    if cal is not None:
        files["calendar.yaml"] = cal
    if reg is not None:
        files["units.yaml"] = reg
    now = dt.datetime.now(dt.timezone.utc)
    with ctx.store().read_session() as s:
        certs = {}
        for sg in s.scalars(select(Signer).where(Signer.state == "approved").order_by(Signer.first_seen_at)):
            if _aware(sg.not_after) > now:
                certs[sg.fingerprint] = (sg.unit_code, x509.load_der_x509_certificate(sg.cert_der))
    from reportdesk.package import identity as ident

    for p in to:
        try:
            c = ident.load_cert_bytes(_read_small(p, "tệp chứng thư", 1024 * 1024))
        except UserError as exc:
            raise UserError(f"Chứng thư {p} không đọc được: {exc.message}") from None
        certs[ident.fingerprint(c)] = (ident.cert_unit_code(c) or ident.cert_unit_name(c) or str(p), c)
    if not certs:
        raise UserError("Chưa có chứng thư đơn vị nào được phê duyệt: bản cập nhật không có người nhận "
                        "(thêm chứng thư đơn vị bằng --to TỆP).")
    last = int(ctx.store().get_meta(UPDATE_SEQUENCE_KEY) or 0)
    sequence = last + 1
    path = _out_file(out, default_message_name("update", "", sequence=sequence), EXTENSIONS["update"])
    if path.exists():
        raise UserError(f"Tệp {path} đã có; không ghi đè. Hãy chọn tên khác với --out.")
    me = _identity(ctx, passphrase)
    body = {"sequence": sequence, "published_at": _iso(now), "forms": names,
            "calendar": cal is not None, "units": reg is not None}
    built = make_message("update", body, signer_key=me.key, signer_cert=me.cert,
                         recipient_certs=[c for _, c in certs.values()], unit_code=BROADCAST, files=files,
                         sequence=sequence, created_at=now)
    _write_new(path, built.data)
    ctx.store().set_meta(UPDATE_SEQUENCE_KEY, str(sequence))
    return UpdateResult(path, sequence, built.message_id, names, cal is not None, reg is not None,
                        sorted({u for u, _ in certs.values()}))


# --- unit side: sent packages (recorded at export) -----------------------------------------------

def record_sent(ctx: AppContext, report_id: int, manifest: dict[str, Any], data: bytes,
                answers_message_id: str | None = None) -> None:
    from reportdesk.store.wayback import SentPackage

    with ctx.store().session() as s:
        s.add(SentPackage(package_id=manifest["package_id"], report_id=report_id, unit_code=manifest["unit_code"],
                          form_id=manifest["form_id"], period=manifest["period"], revision=manifest["revision"],
                          file_sha256=hashlib.sha256(data).hexdigest(),
                          created_at=_naive(_parse_iso(manifest["created_at"]) or dt.datetime.now(dt.timezone.utc)),
                          answers_message_id=answers_message_id))


def open_review_for_report(ctx: AppContext, report_id: int) -> str | None:
    """The message id of the latest decision returning this report for correction that no export has
    answered yet (the next export names it in report.json as ``answers_review``), else None."""
    st = inbox_state_for_report(ctx, report_id)
    if st.decision is not None and st.decision.decision == "returned" and not st.answered:
        return st.decision.message_id
    return None


# --- unit side: the inbox ------------------------------------------------------------------------

@dataclass
class InboxOutcome:
    file: str
    outcome: str              # applied | refused
    kind: str | None = None   # receipt | review | update
    reason: str | None = None
    code: str | None = None
    message_id: str | None = None
    summary: str | None = None  # one Vietnamese line of what was applied

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "outcome": self.outcome, "kind": self.kind, "reason": self.reason,
                "code": self.code, "message_id": self.message_id, "summary": self.summary}


class _Refused(Exception):
    def __init__(self, code: str, reason: str):
        super().__init__(reason)
        self.code, self.reason = code, reason


def _refuse(code: str, detail: str | None = None) -> _Refused:
    from reportdesk.package.errors import reject

    e = reject(code, detail)
    return _Refused(code, e.message_vi)


def collect_inbox_files(paths) -> list[Path]:
    from reportdesk.package.messages import KIND_OF_EXTENSION

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.suffix.lower() in KIND_OF_EXTENSION and f.is_file()))
        elif p.exists() or p.is_symlink():
            out.append(p)
        else:
            raise UserError(f"Không tìm thấy tệp hoặc thư mục {p}.")
    return out


def import_inbox(ctx: AppContext, paths, passphrase: Passphrase, *, now: dt.datetime | None = None,
                 progress: Progress | None = None, cancel: threading.Event | None = None) -> list[InboxOutcome]:
    """Verifies each file against the pinned ATMT certificate and applies it (one transaction each):
    a receipt or a decision is stored with the package it is about; an update installs its forms,
    calendar and units changes. A refused file changes nothing; its reason is in the outcome."""
    from reportdesk.package import identity as ident

    ctx.require_mode("unit")
    files = collect_inbox_files(paths)
    trusted = ident.load_recipients(ctx.data_dir)
    if not trusted:
        raise UserError("Chưa ghim chứng thư của Cục ATMT (reportdesk recipient add): không kiểm tra được gói nào.")
    me = _identity(ctx, passphrase)
    out = []
    for i, f in enumerate(files):
        check_cancel(cancel)
        report_progress(progress, i, len(files), str(f.name))
        out.append(_import_one(ctx, f, me, trusted, now))
    report_progress(progress, len(files), len(files), "Xong")
    return out


def _import_one(ctx: AppContext, f: Path, me, trusted, now) -> InboxOutcome:
    from reportdesk.package.errors import PackageRejected
    from reportdesk.package.format import read_package_file
    from reportdesk.package.messages import MESSAGE_LIMITS, open_message

    o = InboxOutcome(file=str(f), outcome="refused")
    try:
        data = read_package_file(f, MESSAGE_LIMITS)
        msg = open_message(data, me.key, me.cert, trusted=trusted, our_unit=ctx.unit_code, now=now)
        o.kind, o.message_id = msg.kind, msg.message_id
        o.summary = _apply(ctx, msg, hashlib.sha256(data).hexdigest())
        o.outcome = "applied"
    except PackageRejected as exc:
        o.code, o.reason = exc.code, exc.message_vi
    except _Refused as exc:
        o.code, o.reason = exc.code, exc.reason
    except UserError as exc:
        o.code, o.reason = "bad_content", exc.message
    return o


def _check_about_sent(s, body: dict[str, Any], *, need_sha: bool):
    from reportdesk.store.wayback import SentPackage

    pid = body.get("package_id")
    sent = s.get(SentPackage, pid) if isinstance(pid, str) and len(pid) <= 64 else None
    if sent is None:
        raise _refuse("not_sent_here", f"mã gói {str(pid)[:64]}")
    for k in ("unit_code", "form_id", "period", "revision"):
        if body.get(k) != getattr(sent, k):
            raise _refuse("not_sent_here", f"'{k}' không khớp với gói đã gửi")
    if (need_sha or "package_sha256" in body) and body.get("package_sha256") != sent.file_sha256:
        raise _refuse("not_sent_here", "mã băm SHA-256 không khớp với tệp đã gửi")
    return sent


def _apply(ctx: AppContext, msg, file_sha: str) -> str:
    from reportdesk.store.wayback import UPDATE_SEQUENCE_KEY, InboxMessage
    from reportdesk.store.models import Meta

    store = ctx.store()
    with store.read_session() as s:
        if s.get(InboxMessage, msg.message_id) is not None:
            raise _refuse("replayed", f"đã nhận {msg.message_id}")
    body = msg.body
    if msg.kind == "update":
        last = int(store.get_meta(UPDATE_SEQUENCE_KEY) or 0)
        if msg.sequence <= last:
            raise _refuse("old_sequence", f"số {msg.sequence}, đã áp dụng đến số {last}")
        if body.get("sequence") != msg.sequence:
            raise _refuse("bad_content", "số thứ tự trong nội dung khác bản kê khai")
        summary = _apply_update(ctx, msg)  # files first (each atomic, additive); then the record below
        with store.session() as s:
            s.add(InboxMessage(message_id=msg.message_id, kind="update", sequence=msg.sequence,
                               created_at=_naive(msg.created_at), file_sha256=file_sha,
                               body_json=json.dumps(body, ensure_ascii=False)))
            m = s.get(Meta, UPDATE_SEQUENCE_KEY)
            if m is None:
                s.add(Meta(key=UPDATE_SEQUENCE_KEY, value=str(msg.sequence)))
            else:
                m.value = str(msg.sequence)
        return summary
    with store.session() as s:
        sent = _check_about_sent(s, body, need_sha=msg.kind == "receipt")
        if msg.kind == "receipt":
            if body.get("timeliness") not in ("on_time", "late") or _parse_iso(body.get("received_at")) is None:
                raise _refuse("bad_content", "giấy biên nhận thiếu thời điểm nhận hoặc đánh giá đúng hạn")
            summary = receipt_label_vi(body)
        else:
            if body.get("decision") not in DECISIONS or not isinstance(body.get("reason", ""), str):
                raise _refuse("bad_content", "quyết định không hợp lệ")
            if not isinstance(body.get("comments", []), list):
                raise _refuse("bad_content", "ý kiến không hợp lệ")
            summary = f"{DECISION_LABELS_VI[body['decision']]} (lần gửi {sent.revision})" + (
                f": {body['reason']}" if body.get("reason") else "")
        s.add(InboxMessage(message_id=msg.message_id, kind=msg.kind, package_id=sent.package_id,
                           created_at=_naive(msg.created_at), file_sha256=file_sha,
                           body_json=json.dumps(body, ensure_ascii=False)))
    return summary


def _apply_update(ctx: AppContext, msg) -> str:
    from reportdesk import atomic
    from reportdesk.domain.calendar import _load_file as load_periods
    from reportdesk.domain.calendar import save_extra_periods
    from reportdesk.domain.units import _load_file as load_units_file
    from reportdesk.domain.units import save_extra_units

    body = msg.body
    forms = {n[len("forms/"):]: b for n, b in msg.files.items() if n.startswith("forms/")}
    unexpected = set(msg.files) - {f"forms/{n}" for n in forms} - {"calendar.yaml", "units.yaml"}
    if unexpected or any("/" in n for n in forms):
        raise _refuse("bad_content", "tệp lạ trong bản cập nhật")
    try:
        parsed = _check_update_files(forms, msg.files.get("calendar.yaml"), msg.files.get("units.yaml"))
    except UserError as exc:
        raise _refuse("bad_content", exc.message.rstrip(".")) from None
    to_install = []
    for form, (name, data) in zip(parsed, forms.items()):
        if name != f"{form.id}.v{form.version}.yaml":
            raise _refuse("bad_content", f"tên tệp {name} không khớp biểu mẫu {form.id} v{form.version}")
        existing = ctx.forms.get(form.id, form.version)
        if existing is not None:
            if existing != form:
                raise _refuse("bad_content", f"biểu mẫu {form.id} phiên bản {form.version} đã có với nội dung khác")
            continue
        to_install.append((form, data))
    new_periods = new_units = None
    with tempfile.TemporaryDirectory(prefix="rd-update-") as tmp:
        if "calendar.yaml" in msg.files:
            p = Path(tmp) / "calendar.yaml"
            p.write_bytes(msg.files["calendar.yaml"])
            new_periods = load_periods(p)
        if "units.yaml" in msg.files:
            p = Path(tmp) / "units.yaml"
            p.write_bytes(msg.files["units.yaml"])
            new_units = load_units_file(p)
    # everything checked: write (each file atomically; forms are new files, the overrides merged by code)
    for form, data in to_install:
        atomic.write_bytes(ctx.data_dir / "forms" / f"{form.id}.v{form.version}.yaml", data)
    parts = [f"biểu mẫu {f.id} v{f.version}" for f, _ in to_install]
    if new_periods is not None:
        path = ctx.data_dir / "calendar.yaml"
        merged = {p.code: p for p in (load_periods(path) if path.is_file() else [])}
        merged.update({p.code: p for p in new_periods})
        save_extra_periods(path, merged.values())
        parts.append("lịch: " + ", ".join(p.code for p in new_periods))
    if new_units is not None:
        path = ctx.data_dir / "units.yaml"
        merged_u = {u.code: u for u in (load_units_file(path) if path.is_file() else [])}
        merged_u.update({u.code: u for u in new_units})
        save_extra_units(path, merged_u.values())
        parts.append(f"danh mục đơn vị: {len(new_units)} đơn vị")
    for k in ("forms", "calendar", "units"):
        ctx.__dict__.pop(k, None)
    return f"Bản cập nhật số {body.get('sequence')}: " + ("; ".join(parts) if parts else "không có gì mới")


@dataclass(frozen=True)
class InboxEntry:
    message_id: str
    kind: str
    created_at: dt.datetime
    imported_at: dt.datetime
    package_id: str | None
    sequence: int | None
    form_id: str | None
    period: str | None
    revision: int | None
    summary: str
    body: dict[str, Any]

    def to_json(self) -> dict[str, Any]:
        return {"message_id": self.message_id, "kind": self.kind, "created_at": _iso(self.created_at),
                "imported_at": _iso(self.imported_at), "package_id": self.package_id, "sequence": self.sequence,
                "form_id": self.form_id, "period": self.period, "revision": self.revision,
                "summary": self.summary, "body": self.body}


def receipt_label_vi(body: dict[str, Any]) -> str:
    t = _parse_iso(body.get("received_at"))
    if body.get("timeliness") == "late":
        when = f"trễ hạn {body.get('days_late')} ngày"
    else:
        when = "đúng hạn"
    return f"ATMT đã nhận lúc {vi_time(t)}, {when}"


def list_inbox(ctx: AppContext) -> list[InboxEntry]:
    from sqlalchemy import select

    from reportdesk.store.wayback import InboxMessage

    ctx.require_mode("unit")
    out = []
    with ctx.store().read_session() as s:
        for m in s.scalars(select(InboxMessage).order_by(InboxMessage.imported_at, InboxMessage.message_id)):
            body = json.loads(m.body_json)
            if m.kind == "receipt":
                summary = receipt_label_vi(body)
            elif m.kind == "review":
                summary = DECISION_LABELS_VI.get(body.get("decision"), "?") + (
                    f": {body['reason']}" if body.get("reason") else "")
            else:
                summary = f"Bản cập nhật số {m.sequence}"
            out.append(InboxEntry(m.message_id, m.kind, _aware(m.created_at), _aware(m.imported_at), m.package_id,
                                  m.sequence, body.get("form_id"), body.get("period"), body.get("revision"),
                                  summary, body))
    return out


@dataclass(frozen=True)
class ReceiptInfo:
    revision: int
    received_at: dt.datetime | None
    timeliness: str
    days_late: int
    package_id: str
    message_id: str

    @property
    def label_vi(self) -> str:
        return receipt_label_vi({"received_at": _iso(self.received_at), "timeliness": self.timeliness,
                                 "days_late": self.days_late})


@dataclass(frozen=True)
class InboxState:
    """What the home screen and the editor show about a report from ATMT's messages."""

    report_id: int
    last_sent_revision: int = 0
    receipt: ReceiptInfo | None = None        # the receipt of the latest revision acknowledged
    decision: DecisionInfo | None = None      # the latest decision, on any revision
    answered: bool = False                    # a revision newer than the returned one was exported since

    @property
    def comments(self) -> list[Comment]:
        return self.decision.comments if self.decision else []

    @property
    def label_vi(self) -> str | None:
        """«Trả lại để chỉnh sửa: …» while a return is unanswered, else the receipt line, else None."""
        d = self.decision
        if d is not None and d.decision == "returned" and not self.answered:
            return "Trả lại để chỉnh sửa" + (f": {d.reason}" if d.reason else "")
        if self.receipt is not None:
            line = self.receipt.label_vi
            if d is not None and d.decision == "accepted" and d.revision == self.receipt.revision:
                line += "; đã chấp nhận"
            return line
        if d is not None and d.decision == "accepted":
            return "ATMT đã chấp nhận"
        return None


def inbox_state_for_report(ctx: AppContext, report_id: int) -> InboxState:
    """The receipt and the latest review decision stored for the packages exported from ``report_id``."""
    from sqlalchemy import select

    from reportdesk.store.wayback import InboxMessage, SentPackage

    r = ctx.reports.get(report_id, with_answers=False)
    form = ctx.forms.get(r.form_id, r.form_version)
    with ctx.store().read_session() as s:
        sent = {p.package_id: p for p in s.scalars(select(SentPackage).where(SentPackage.report_id == report_id))}
        if not sent:
            return InboxState(report_id)
        msgs = list(s.scalars(select(InboxMessage).where(InboxMessage.package_id.in_(list(sent)))
                              .order_by(InboxMessage.created_at, InboxMessage.imported_at)))
    last_rev = max(p.revision for p in sent.values())
    receipt = decision = None
    for m in msgs:
        body = json.loads(m.body_json)
        rev = sent[m.package_id].revision
        if m.kind == "receipt":
            if receipt is None or rev >= receipt.revision:
                receipt = ReceiptInfo(rev, _parse_iso(body.get("received_at")), body.get("timeliness", "on_time"),
                                      int(body.get("days_late") or 0), m.package_id, m.message_id)
        elif m.kind == "review":
            if decision is None or rev >= decision.revision:
                decision = DecisionInfo(body.get("decision"), str(body.get("reason") or ""),
                                        _comments(form, body.get("comments")), _parse_iso(body.get("decided_at")),
                                        rev, m.message_id)
    answered = decision is not None and last_rev > decision.revision
    return InboxState(report_id, last_rev, receipt, decision, answered)


# --- unit side: moving a draft to a newer form version -------------------------------------------

@dataclass(frozen=True)
class UpgradeResult:
    report_id: int
    from_version: int
    to_version: int
    carried: list[str]   # field ids whose answers were carried over
    dropped: list[str]   # field ids (or paths) whose answers could not be carried


def upgrade_report(ctx: AppContext, report_id: int, version: int | None = None) -> UpgradeResult:
    """Moves report ``report_id`` (this unit's own) to form version ``version`` (default: the latest),
    carrying answers over where the field still exists and its value still fits; the rest is listed in
    ``dropped`` and kept in the report's history (a 'fill' entry holds the old answers)."""
    from sqlalchemy import delete

    from reportdesk.store.models import Answer, HistoryEntry, Report, utcnow
    from reportdesk.store.reports import _dumps

    r, target, carried, dropped = _plan_upgrade(ctx, report_id, version)
    with ctx.store().session() as s:
        row = s.get(Report, report_id)
        s.execute(delete(Answer).where(Answer.report_id == report_id))
        for fid, v in carried.items():
            s.add(Answer(report_id=report_id, field_id=fid, value_json=_dumps(v)))
        s.add(HistoryEntry(report_id=report_id, op="fill", old_json=_dumps(r.answers), new_json=_dumps(carried),
                           source="upgrade"))
        old_version = row.form_version
        row.form_version = target.version
        if row.status == "exported":
            row.status = "draft"
        row.updated_at = utcnow()
    return UpgradeResult(report_id, old_version, target.version, sorted(k for k in carried if k in r.answers),
                         dropped)


def newer_form_version(ctx: AppContext, report_id: int) -> int | None:
    """The latest installed version of the report's form when it is newer than the report's (a draft
    of this unit that ``upgrade_report`` could move), else None."""
    r = ctx.reports.get(report_id, with_answers=False)
    if r.origin != "local":
        return None
    latest = ctx.forms.get(r.form_id)
    return latest.version if latest is not None and latest.version > r.form_version else None


def preview_upgrade(ctx: AppContext, report_id: int, version: int | None = None) -> UpgradeResult:
    """What ``upgrade_report`` would carry and drop, changing nothing (the window's confirmation)."""
    r, target, carried, dropped = _plan_upgrade(ctx, report_id, version)
    return UpgradeResult(report_id, r.form_version, target.version, sorted(k for k in carried if k in r.answers),
                         dropped)


def _plan_upgrade(ctx: AppContext, report_id: int, version: int | None):
    from reportdesk.domain.validate import coerce_answers

    r = ctx.reports.get(report_id)
    if r.origin != "local":
        raise UserError("Chỉ chuyển được báo cáo do chính đơn vị này lập.")
    target = ctx.forms.get(r.form_id, version) if version else ctx.forms.get(r.form_id)
    if target is None:
        raise UserError(f"Không có biểu mẫu {r.form_id}" + (f" phiên bản {version}" if version else "") + ".")
    if target.version <= r.form_version:
        raise UserError(f"Báo cáo {report_id} đang ở phiên bản {r.form_version} của biểu mẫu {r.form_id}; "
                        f"không có phiên bản mới hơn để chuyển sang.")
    fields = target.field_map
    carried, dropped = {}, []
    for fid, value in r.answers.items():
        if fid not in fields:
            dropped.append(fid)
            continue
        one, problems = coerce_answers(target, {fid: value})
        if problems and fid not in one:
            dropped.append(fid)
            continue
        if problems:  # a table: rows or cells that no longer fit are dropped, the rest carried
            dropped.extend(p.path for p in problems)
        carried.update(one)
    for fid, v in target.initial_answers(r.unit_code).items():
        carried.setdefault(fid, v)
    return r, target, carried, dropped


# --- unit side: the printable receipt -------------------------------------------------------------

def find_imported_receipt(ctx: AppContext, file: Path | str) -> dict[str, Any]:
    """The body of a receipt file already imported here (found by the file's SHA-256)."""
    from sqlalchemy import select

    from reportdesk.package.format import read_package_file
    from reportdesk.package.messages import MESSAGE_LIMITS
    from reportdesk.store.wayback import InboxMessage

    ctx.require_mode("unit")
    try:
        data = read_package_file(file, MESSAGE_LIMITS)
    except UserError as exc:
        raise UserError(f"Không đọc được {file}: {exc.message}") from None
    sha = hashlib.sha256(data).hexdigest()
    with ctx.store().read_session() as s:
        m = s.scalar(select(InboxMessage).where(InboxMessage.file_sha256 == sha, InboxMessage.kind == "receipt").limit(1))
    if m is None:
        raise UserError(f"Giấy biên nhận {file} chưa được nhập vào kho này: hãy chạy «reportdesk inbox import {file}» trước.")
    return json.loads(m.body_json)


def print_receipt(ctx: AppContext, file: Path | str, out: Path | str) -> Path:
    """A Word document of an imported receipt (giấy biên nhận), for the unit's records and leadership."""
    return _receipt_docx(ctx, find_imported_receipt(ctx, file), out)


def print_receipt_message(ctx: AppContext, message_id: str, out: Path | str) -> Path:
    """The same Word receipt, of a receipt imported here, found by its message id (the window: the
    home's «In giấy biên nhận», from ``InboxState.receipt.message_id``)."""
    from sqlalchemy import select

    from reportdesk.store.wayback import InboxMessage

    ctx.require_mode("unit")
    with ctx.store().read_session() as s:
        m = s.scalar(select(InboxMessage).where(InboxMessage.message_id == message_id, InboxMessage.kind == "receipt"))
    if m is None:
        raise UserError("Chưa nhận giấy biên nhận này từ Cục ATMT.")
    return _receipt_docx(ctx, json.loads(m.body_json), out)


def _receipt_docx(ctx: AppContext, body: dict[str, Any], out: Path | str) -> Path:
    from reportdesk.exports.receipt_docx import write_receipt_docx

    out = Path(out)
    if out.suffix.lower() != ".docx":
        raise UserError(f"Tệp ra phải có đuôi .docx: {out}.")
    unit = ctx.units.get(body.get("unit_code", ""))
    form = ctx.forms.get(body.get("form_id", ""), body.get("form_version"))
    period = ctx.calendar.get(body.get("period", ""))
    atmt = ctx.units.get("CUC-ATMT")
    write_receipt_docx(out, body, atmt_name=atmt.name if atmt else None, unit_name=unit.name if unit else body.get("unit_code", ""),
                       form_title=form.title if form else body.get("form_id", ""),
                       period_label=period.label if period else body.get("period", ""),
                       received_vi=vi_time(_parse_iso(body.get("received_at"))),
                       signed_vi=vi_time(_parse_iso(body.get("signed_at"))))
    return out
