"""`reportdesk report export ID --out F.rdpkg`: validate, sign, encrypt, write the package."""

from __future__ import annotations

import argparse
import os
import hashlib
import sys
from pathlib import Path

from reportdesk.app import AppContext
from reportdesk.commands.common import print_json, report_id
from reportdesk.domain.forms import FieldType
from reportdesk.domain.validate import check_answers, errors
from reportdesk.errors import UserError
from reportdesk.package import identity as ident
from reportdesk.package.format import default_file_name, make_package

MAX_ATTACHMENT = 50 * 1024 * 1024


def register_report(rs: argparse._SubParsersAction) -> None:
    e = rs.add_parser("export", help="kiểm tra, ký số, mã hóa và ghi gói báo cáo (.rdpkg)")
    e.add_argument("id")
    e.add_argument("--out", metavar="TỆP.rdpkg",
                   help="tệp gói (mặc định <đơn vị>_<biểu mẫu>_<kỳ>_r<lần gửi>.rdpkg ở thư mục hiện tại); "
                        "có thể là một thư mục")
    e.add_argument("--attach", metavar="TỆP", action="append", default=[], help="tệp đính kèm (lặp lại được)")
    e.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    e.set_defaults(func=cmd_export)


def _attachments(paths: list[str]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for p in map(Path, paths):
        try:
            if p.stat().st_size > MAX_ATTACHMENT:
                raise UserError(f"Tệp đính kèm {p} quá lớn (tối đa {MAX_ATTACHMENT // (1024 * 1024)} MB).")
            data = p.read_bytes()
        except FileNotFoundError:
            raise UserError(f"Không tìm thấy tệp đính kèm {p}.") from None
        except IsADirectoryError:
            raise UserError(f"{p} là thư mục, không phải tệp.") from None
        except OSError as exc:
            raise UserError(f"Không đọc được {p}: {exc.strerror}.") from None
        if p.name in out:
            raise UserError(f"Hai tệp đính kèm trùng tên: {p.name}.")
        out[p.name] = data
    return out


def declared_attachments(form, answers: dict) -> list[dict]:
    """The attachment answers of a report ({name, sha256?, size?}), in form order."""
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
            warnings.append(f"Báo cáo ghi tệp đính kèm «{item['name']}» nhưng tệp này không được gửi kèm (--attach).")
            continue
        if "sha256" in item and item["sha256"] != hashlib.sha256(data).hexdigest():
            raise UserError(f"Tệp đính kèm «{item['name']}» khác với tệp đã khai trong báo cáo (mã băm SHA-256 không khớp).")
        if "size" in item and item["size"] != len(data):
            raise UserError(f"Tệp đính kèm «{item['name']}» khác với tệp đã khai trong báo cáo (kích thước không khớp).")
    return warnings


def export_report(ctx: AppContext, rid: int, out: str | Path | None = None,
                  attachments: dict[str, bytes] | None = None) -> tuple[Path, dict]:
    """Exports report ``rid`` of this unit store; returns the written path and the manifest."""
    ctx.require_mode("unit")
    r = ctx.reports.get(rid)
    if getattr(r, "origin", "local") != "local":
        raise UserError("Chỉ xuất được báo cáo do chính đơn vị này lập.")
    form = ctx.reports.form_of(r)
    errs = errors(check_answers(form, r.answers, r.unit_code))
    if errs:
        raise UserError(f"Báo cáo {r.id} còn {len(errs)} lỗi; sửa lỗi trước khi xuất gói (xem: reportdesk report check {r.id}).",
                        [str(e) for e in errs[:10]])
    for w in check_attachments(form, r.answers, attachments or {}):
        print(f"Cảnh báo: {w}", file=sys.stderr)
    recipients = ident.load_recipients(ctx.data_dir)
    if not recipients:
        raise UserError("Chưa có chứng thư của Cục ATMT: hãy chạy «reportdesk recipient add TỆP_CHỨNG_THƯ» trước.")
    if not ident.has_identity(ctx.data_dir):
        raise UserError(f"Kho dữ liệu tại {ctx.data_dir} chưa có định danh ký số.")
    me = ident.load_identity(ctx.data_dir, ctx.passphrase())
    code = ident.cert_unit_code(me.cert)
    if code is not None and code != r.unit_code:
        raise UserError(f"Chứng thư của kho này thuộc đơn vị {code}, không ký được báo cáo của {r.unit_code}.")
    revision = ctx.reports.next_revision(r.unit_code, r.form_id, r.period)
    body = r.to_json()
    body.update(revision=revision, status="exported")
    built = make_package(body, signer_key=me.key, signer_cert=me.cert, recipient_certs=recipients,
                         attachments=attachments or {}, revision=revision)
    name = default_file_name(r.unit_code, r.form_id, r.period, revision)
    path = Path(out) if out else Path(name)
    if out and str(out).endswith(("/", os.sep)):  # "--out dir/": a folder, made if missing
        path.mkdir(parents=True, exist_ok=True)
    if path.is_dir():
        path = path / name
    if not path.parent.is_dir():
        raise UserError(f"Thư mục {path.parent} không tồn tại.")
    if path.exists():
        raise UserError(f"Tệp {path} đã có; không ghi đè. Hãy chọn tên khác với --out.")
    try:
        ident.atomic_write(path, built.data, 0o644)
    except OSError as exc:
        raise UserError(f"Không ghi được {path}: {exc.strerror}.") from None
    ctx.reports.set_status(r.id, "exported", revision=revision)
    return path, built.manifest


def cmd_export(args: argparse.Namespace, ctx: AppContext) -> int:
    rid = report_id(args.id)
    path, m = export_report(ctx, rid, args.out, _attachments(args.attach))
    if args.json:
        print_json({"file": str(path), "package_id": m["package_id"], "unit_code": m["unit_code"],
                    "form_id": m["form_id"], "period": m["period"], "revision": m["revision"],
                    "created_at": m["created_at"], "signer_sha256": m["signer_sha256"],
                    "recipients_sha256": m["recipients_sha256"]})
        return 0
    print(f"Đã xuất gói: {path}")
    print(f"Báo cáo {rid} · {m['unit_code']} · {m['form_id']} · kỳ {m['period']} · lần gửi {m['revision']} · mã gói {m['package_id']}")
    return 0
