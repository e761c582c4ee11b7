"""A unit's reports: create, fill (JSON or Excel), check, export as a signed and encrypted package,
and write as documents (Excel template, filled Excel, Word)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk.errors import Said, UserError
from reportdesk.services import Passphrase, Progress, check_cancel, report_progress, resolve_passphrase
from reportdesk.services.files import output_path, read_json_file, write_or_explain

if TYPE_CHECKING:
    from reportdesk.app import AppContext
    from reportdesk.domain.reports import ReportData
    from reportdesk.domain.validate import Issue


@dataclass(frozen=True)
class ExportResult:
    path: Path
    manifest: dict
    revision: int
    fingerprint: str                    # the signer's certificate, SHA-256 in groups of four
    warnings: list[str] = field(default_factory=list)


# --- create, fill, check --------------------------------------------------------------------

def new_report(ctx: AppContext, form_id: str, period: str) -> ReportData:
    """A new draft of ``form_id`` for ``period``, for this store's unit."""
    ctx.require_mode("unit", "atmt")
    unit = ctx.unit(ctx.unit_code or "")
    form = ctx.form(form_id)
    p = ctx.period(period)
    if unit.kind not in form.unit_kinds:
        raise UserError(f"Biểu mẫu {form.id} không dành cho {unit.name}.")
    if p.kind not in form.periods:
        raise UserError(f"Biểu mẫu {form.id} không áp dụng cho kỳ {p.code} ({p.label}).")
    return ctx.reports.create(unit.code, form, p.code)


def fill_json(ctx: AppContext, rid: int, path: str | Path) -> ReportData:
    """Replaces the answers of report ``rid`` with those of a JSON file (the form of `report show --json`)."""
    ctx.require_mode("unit", "atmt")
    data = read_json_file(path)
    if not isinstance(data, dict) or "answers" not in data:
        raise UserError(f"Tệp {path} phải có dạng của «report show --json»: một đối tượng có mục \"answers\".")
    return ctx.reports.replace_answers(rid, data["answers"], source="cli")


def fill_xlsx(ctx: AppContext, rid: int, path: str | Path) -> ReportData:
    """Replaces the answers of report ``rid`` with those of a filled Excel template."""
    ctx.require_mode("unit", "atmt")
    from reportdesk.exports.workbook import fill_from_xlsx

    return fill_from_xlsx(ctx, rid, path)


def check_report(ctx: AppContext, rid: int) -> list[Issue]:
    """Every error and warning of report ``rid`` (errors stop an export; warnings do not)."""
    from reportdesk.domain.validate import check_answers

    r = ctx.reports.get(rid)
    return check_answers(ctx.reports.form_of(r), r.answers, r.unit_code)


# --- attachments ----------------------------------------------------------------------------

def declared_attachments(form, answers: dict) -> list[dict]:
    """The attachment answers of a report ({name, sha256?, size?}), in form order."""
    from reportdesk.domain.forms import FieldType

    out: list[dict] = []
    for _s, f in form.iter_fields():
        if f.type != FieldType.attachment:
            continue
        v = answers.get(f.id)
        for item in (v if isinstance(v, list) else [v]):
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                out.append(item)
    return out


def check_attachments(form, answers: dict, files: dict[str, bytes]) -> list[str]:
    """Refuses a supplied file whose declared hash or size differs; returns warnings for declared
    attachments not supplied."""
    warnings = []
    for item in declared_attachments(form, answers):
        data = files.get(item["name"])
        if data is None:
            warnings.append(Said(f"Báo cáo ghi tệp đính kèm «{item['name']}» nhưng tệp này không được gửi kèm.",
                                 cli=f"Báo cáo ghi tệp đính kèm «{item['name']}» nhưng tệp này không được gửi kèm (--attach)."))
            continue
        if "sha256" in item and item["sha256"] != hashlib.sha256(data).hexdigest():
            raise UserError(f"Tệp đính kèm «{item['name']}» khác với tệp đã khai trong báo cáo (mã băm SHA-256 không khớp).")
        if "size" in item and item["size"] != len(data):
            raise UserError(f"Tệp đính kèm «{item['name']}» khác với tệp đã khai trong báo cáo (kích thước không khớp).")
    return warnings


# --- export ----------------------------------------------------------------------------------

def export_report(ctx: AppContext, rid: int, out: Path | str | None, passphrase: Passphrase,
                  attachments: dict[str, bytes] | None = None,
                  progress: Progress | None = None, cancel: threading.Event | None = None) -> ExportResult:
    """Checks, signs, encrypts and writes report ``rid`` of this unit store as a package.

    ``out``: the file, or a folder (made when it ends with a separator) to write the default name in;
    None writes the default name in the current folder. A file there already is never overwritten.
    Declared attachments not supplied are ``warnings``. Cancelled before the file is written, nothing is."""
    from reportdesk.domain.validate import check_answers, errors
    from reportdesk.package import identity as ident
    from reportdesk.package.format import default_file_name, make_package

    total = 4
    check_cancel(cancel)
    report_progress(progress, 0, total, "Kiểm tra báo cáo")
    ctx.require_mode("unit")
    r = ctx.reports.get(rid)
    if getattr(r, "origin", "local") != "local":
        raise UserError("Chỉ xuất được báo cáo do chính đơn vị này lập.")
    form = ctx.reports.form_of(r)
    errs = errors(check_answers(form, r.answers, r.unit_code))
    if errs:
        raise UserError(f"Báo cáo {r.id} còn {len(errs)} lỗi; sửa lỗi trước khi xuất gói.", [str(e) for e in errs[:10]],
                        cli=f"Báo cáo {r.id} còn {len(errs)} lỗi; sửa lỗi trước khi xuất gói (xem: reportdesk report check {r.id}).")
    warnings = check_attachments(form, r.answers, attachments or {})
    recipients = ident.load_recipients(ctx.data_dir)
    if not recipients:
        raise UserError("Chưa có chứng thư của Cục ATMT: hãy thêm chứng thư Cục ATMT gửi cho đơn vị trước khi xuất gói.",
                        cli="Chưa có chứng thư của Cục ATMT: hãy chạy «reportdesk recipient add TỆP_CHỨNG_THƯ» trước.")
    if not ident.has_identity(ctx.data_dir):
        raise UserError(f"Kho dữ liệu tại {ctx.data_dir} chưa có định danh ký số.")
    check_cancel(cancel)
    report_progress(progress, 1, total, "Mở khóa ký số")
    me = ident.load_identity(ctx.data_dir, resolve_passphrase(passphrase))
    code = ident.cert_unit_code(me.cert)
    if code is not None and code != r.unit_code:
        raise UserError(f"Chứng thư của kho này thuộc đơn vị {code}, không ký được báo cáo của {r.unit_code}.")
    check_cancel(cancel)
    report_progress(progress, 2, total, "Ký số và mã hóa")
    revision = ctx.reports.next_revision(r.unit_code, r.form_id, r.period)
    body = r.to_json()
    body.update(revision=revision, status="exported")
    from reportdesk.services.wayback import open_review_for_report, record_sent

    answers_review = open_review_for_report(ctx, r.id)
    if answers_review:  # added key (docs/wayback.md): the return for correction this export answers
        body["answers_review"] = answers_review
    built = make_package(body, signer_key=me.key, signer_cert=me.cert, recipient_certs=recipients,
                         attachments=attachments or {}, revision=revision)
    name = default_file_name(r.unit_code, r.form_id, r.period, revision)
    path = Path(out) if out else Path(name)
    if out and str(out).endswith(("/", os.sep)):  # "dir/": a folder, made if missing
        path.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        path = path / name
    if not path.parent.is_dir():
        raise UserError(f"Thư mục {path.parent} không tồn tại.")
    if path.exists():
        raise UserError(f"Tệp {path} đã có; không ghi đè. Hãy chọn tên khác với --out.")
    check_cancel(cancel)
    report_progress(progress, 3, total, "Ghi gói báo cáo")
    try:
        ident.atomic_write(path, built.data, 0o644)
    except OSError as exc:
        raise UserError(f"Không ghi được {path}: {exc.strerror}.") from None
    ctx.reports.set_status(r.id, "exported", revision=revision)
    record_sent(ctx, r.id, built.manifest, built.data, answers_review)
    report_progress(progress, total, total, "Đã xuất gói")
    return ExportResult(path, built.manifest, revision, ident.format_fingerprint(me.cert), warnings)


# --- documents ------------------------------------------------------------------------------

def template_unit(ctx: AppContext, form):
    """The unit whose prefilled rows a template of ``form`` carries (this store's unit, if the form is
    for its kind), else None."""
    if ctx.store_exists and ctx.unit_code:
        unit = ctx.units.get(ctx.unit_code)
        if unit is not None and unit.kind in form.unit_kinds:
            return unit
    return None


def write_template(ctx: AppContext, form_id: str, out: Path | str, *, version: int | None = None) -> Path:
    """The Excel template to fill ``form_id`` (latest version unless ``version``)."""
    from reportdesk.exports.workbook import write_template as _write_template

    form = ctx.form(form_id, version)
    path = output_path(out, ".xlsx")
    unit = template_unit(ctx, form)
    write_or_explain(lambda: _write_template(form, path, unit), path)
    return path


def write_xlsx(ctx: AppContext, rid: int, out: Path | str) -> Path:
    """Report ``rid`` as a filled Excel template (can be edited and filled back)."""
    from reportdesk.exports.workbook import write_filled

    r = ctx.reports.get(rid)
    form = ctx.reports.form_of(r)
    path = output_path(out, ".xlsx")
    unit = ctx.units.get(r.unit_code)
    write_or_explain(lambda: write_filled(form, r, path, unit), path)
    return path


def parse_date(text: str | dt.date | None) -> dt.date | None:
    if text is None or isinstance(text, dt.date):
        return text
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UserError(f"Ngày không hợp lệ «{text}»: dùng dạng YYYY-MM-DD, ví dụ 2026-11-20.") from None


def write_docx(ctx: AppContext, rid: int, out: Path | str, *, place: str | None = None,
               date: str | dt.date | None = None) -> Path:
    """Report ``rid`` as a Word document (Nghị định 30/2020/NĐ-CP). ``place`` defaults to the unit's;
    no ``date`` leaves the date for the signer to write."""
    from reportdesk.exports.report_docx import write_report_docx

    r = ctx.reports.get(rid)
    form = ctx.reports.form_of(r)
    path = output_path(out, ".docx")
    day = parse_date(date)
    unit = ctx.units.get(r.unit_code)
    try:
        period = ctx.calendar.get(r.period)
    except Exception:  # a calendar that cannot be read does not stop printing
        period = None
    label = getattr(period, "label", None)
    write_or_explain(lambda: write_report_docx(form, r, unit, path, place=place, date=day, period_label=label), path)
    return path
