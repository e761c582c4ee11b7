"""A form's structure as readable text (``reportdesk forms show ID``)."""

from __future__ import annotations

from reportdesk.domain.forms import NUMERIC, TYPE_LABELS_VI, Field, FieldType, Form

UNIT_KIND_LABELS_VI = {
    "department": "Cục/Vụ, đơn vị báo chí",
    "province": "Sở Công Thương",
    "corporation": "Tập đoàn, Tổng công ty",
}
PERIOD_KIND_LABELS_VI = {"year": "hằng năm", "half": "6 tháng", "adhoc": "đột xuất"}
SEVERITY_LABELS_VI = {"error": "lỗi", "warning": "cảnh báo"}


def _num(n: float) -> str:
    if float(n).is_integer():
        return f"{int(n):,}".replace(",", ".")
    return f"{n:,}".replace(",", "X").replace(".", ",").replace("X", ".")


def _field_line(f: Field, bullet: str) -> str:
    parts = [TYPE_LABELS_VI.get(f.type, f.type.value)]
    if f.multiple:
        parts[0] += ", nhiều"
    if f.unit and not (f.type == FieldType.percent and f.unit == "%"):
        parts.append(f.unit)
    flags = []
    if f.required:
        flags.append("bắt buộc")
    if f.readonly:
        flags.append("do Kế hoạch giao, không sửa")
    if f.type in NUMERIC:
        lo, hi = f.min, f.max
        if f.type == FieldType.percent:
            lo = 0 if lo is None else lo
            hi = 100 if hi is None else hi
        if lo is not None and hi is not None:
            flags.append(f"{_num(lo)}–{_num(hi)}")
        elif lo is not None:
            flags.append(f"≥ {_num(lo)}")
        elif hi is not None:
            flags.append(f"≤ {_num(hi)}")
    elif f.min is not None and f.type in (FieldType.text, FieldType.textarea):
        flags.append(f"ít nhất {_num(f.min)} ký tự")
    if f.estimate:
        flags.append("được ghi «ước thực hiện»")
    if f.visible_if:
        flags.append(f"hiện khi {f.visible_if}")
    text = f"{bullet}{f.label} [{f.id}] — {', '.join(parts)}"
    if flags:
        text += f" ({'; '.join(flags)})"
    return text


def _choices(f: Field, indent: str) -> list[str]:
    if not f.choices:
        return []
    return [f"{indent}lựa chọn: " + " · ".join(f"{c.label} [{c.value}]" for c in f.choices)]


def describe_form(form: Form, unit_code: str | None = None) -> str:
    """The form's structure: sections, fields with types and units, choices, table columns and totals,
    computed figures and rules. With ``unit_code``, the rows prefilled for that unit are listed."""
    out: list[str] = []
    out.append(f"{form.title}")
    out.append(f"Mã biểu mẫu: {form.id}, phiên bản {form.version}")
    if form.subject:
        out.append(f"Trích yếu: {form.subject}")
    out.append("Đơn vị báo cáo: " + ", ".join(UNIT_KIND_LABELS_VI.get(k, k) for k in form.unit_kinds))
    out.append("Kỳ báo cáo: " + ", ".join(PERIOD_KIND_LABELS_VI.get(k, k) for k in form.periods))
    for s in form.sections:
        out.append("")
        out.append(f"{s.title} [{s.id}]")
        if s.visible_if:
            out.append(f"  (mục hiện khi {s.visible_if})")
        for f in s.fields:
            out.append(_field_line(f, "  • "))
            if f.help:
                out.append(f"      hướng dẫn: {f.help}")
            out.extend(_choices(f, "      "))
            if f.type == FieldType.table:
                for c in f.columns:
                    out.append(_field_line(c, "      – cột "))
                    out.extend(_choices(c, "          "))
                if f.totals:
                    labels = [(f.column(t).label if f.column(t) else t) for t in f.totals]
                    out.append("      dòng tổng cộng: " + ", ".join(labels))
                if f.prefill:
                    if unit_code is None:
                        counts = ", ".join(
                            f"{'mọi đơn vị' if k == '*' else k}: {len(v)}" for k, v in f.prefill.items()
                        )
                        out.append(f"      dòng điền sẵn theo Kế hoạch: {counts}")
                    else:
                        rows = f.prefill_rows(unit_code)
                        out.append(f"      dòng điền sẵn cho {unit_code}: {len(rows)}")
                        title_col = next((c.id for c in f.columns if c.readonly and c.required), None)
                        for i, r in enumerate(rows, 1):
                            title = str(r.get(title_col, r.get("_key"))) if title_col else str(r.get("_key"))
                            out.append(f"        {i}. {title}")
        for c in s.computed:
            unit = f" ({c.unit})" if c.unit else ""
            out.append(f"  = {c.label}{unit} [{c.id}]: {c.expr}")
    if form.rules:
        out.append("")
        out.append(f"Quy tắc kiểm tra ({len(form.rules)})")
        for r in form.rules:
            scope = f" mỗi dòng của {r.each}" if r.each else ""
            when = f" khi {r.when}" if r.when else ""
            out.append(f"  [{SEVERITY_LABELS_VI.get(r.severity, r.severity)}] {r.id}{scope}{when}: {r.message}")
            out.append(f"      điều kiện: {r.check}")
    return "\n".join(out) + "\n"
