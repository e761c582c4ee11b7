"""The consolidated Word report of Cục ATMT to the ministry's leadership (Nghị định 30/2020 layout,
built on exports.docx_base.NDDocument): who reported and who did not by each deadline, the status of
every task of section II ("06 rõ"), the CCN wastewater table by province with national totals, the
corporations' indicators, difficulties and proposals, and the assessment Cục ATMT writes (taken from
its own department report in the store when there is one). Wide tables go on landscape pages.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportdesk.consolidate.aggregate import Aggregation, CcnTotals, num
from reportdesk.consolidate.status import STATE_LABELS_VI
from reportdesk.exports.docx_base import WIDE_TABLE_PT, NDDocument
from reportdesk.exports.vnformat import format_documents, format_number, format_percent

PLAN = ("Kế hoạch ban hành kèm theo Quyết định số 2678/QĐ-BCT ngày 29 tháng 9 năm 2025 của Bộ trưởng Bộ Công Thương "
        "thực hiện Chỉ thị số 20/CT-TTg ngày 12 tháng 7 năm 2025 của Thủ tướng Chính phủ")
KIND_LABELS = {"province": "Sở Công Thương", "department": "Cục, Vụ, đơn vị báo chí", "corporation": "Tập đoàn, Tổng công ty"}
MAX_LIST = 300       # proposals listed in the Word report (all of them are in the workbook)
MAX_CORPORATIONS = 40


def _n(v: Any, decimals: int = 1) -> str:
    return format_number(num(v), decimals) if num(v) is not None else ""


def _p(v: float | None) -> str:
    return f"{format_number(v, 1, min_decimals=1)}%" if v is not None else ""


def _period_phrase(agg: Aggregation) -> str:
    p = agg.period
    if p.kind == "year":
        return f"năm {p.year}"
    if p.kind == "half":
        return f"6 tháng đầu năm {p.year}"
    return f"đợt {p.label}"


def _names(entries, units) -> str:
    out = []
    for e in entries:
        u = units.get(e.unit_code) if units is not None else None
        name = (u.short_name or u.name) if u is not None else e.unit_name
        if e.state == "late":
            name += f" (muộn {e.days_late} ngày)"
        out.append(name)
    return ", ".join(out)


def _status_section(doc: NDDocument, agg: Aggregation, units) -> None:
    doc.heading("I. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ", 1)
    entries = agg.status.entries
    c = agg.status.counts
    doc.paragraph(f"Tổng số báo cáo các đơn vị phải gửi trong kỳ: {len(entries)} báo cáo; trong đó "
                  f"{c['on_time']} báo cáo gửi đúng hạn, {c['late']} báo cáo gửi muộn, {c['missing']} báo cáo chưa gửi"
                  + (f", {c['quarantined']} báo cáo đang chờ xác minh chữ ký số hoặc biểu mẫu" if c["quarantined"] else "")
                  + ". Thời điểm gửi được tính theo thời điểm ký số gói báo cáo (giờ Việt Nam).")
    rows = []
    for kind, label in KIND_LABELS.items():
        es = [e for e in entries if e.unit_kind == kind]
        if not es:
            continue
        k = {s: sum(1 for e in es if e.state == s) for s in STATE_LABELS_VI}
        deadline = es[0].deadline
        rows.append([label, deadline.strftime("%d/%m/%Y") if deadline else "", str(len(es)), str(k["on_time"]),
                     str(k["late"]), str(k["missing"]), str(k["quarantined"])])
    doc.table(["Đơn vị", "Hạn báo cáo", "Phải gửi", "Đúng hạn", "Muộn", "Chưa gửi", "Chờ xử lý"], rows,
              totals=["Tổng cộng", "", str(len(entries)), str(c["on_time"]), str(c["late"]), str(c["missing"]),
                      str(c["quarantined"])],
              widths=[3.2, 1.6, 1.2, 1.2, 1, 1.2, 1.2], numeric={2, 3, 4, 5, 6}, caption="Bảng 1. Tình hình gửi báo cáo")
    for kind, label in KIND_LABELS.items():
        late = [e for e in entries if e.unit_kind == kind and e.state == "late"]
        missing = [e for e in entries if e.unit_kind == kind and e.state == "missing"]
        if late:
            doc.labelled(f"{label} gửi muộn", _names(late, units))
        if missing:
            doc.labelled(f"{label} chưa gửi", _names(missing, units))


def _tasks_section(doc: NDDocument, agg: Aggregation, units) -> None:
    doc.heading("II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ ĐƯỢC GIAO TẠI MỤC II CỦA KẾ HOẠCH", 1)
    if not agg.tasks or agg.task_form is None:
        doc.paragraph("Chưa có báo cáo của các Cục, Vụ, đơn vị báo chí trong kỳ.", italic=True)
        return
    tm = agg.mapping["tasks"]
    table = agg.task_form.field(tm["table"])
    st = table.column(tm["status"])
    counts = agg.task_counts
    total = sum(counts.values())
    parts = [f"{counts[v]} nhiệm vụ {st.choice_label(v).lower()}" for v in counts if counts[v]]
    doc.paragraph(f"Các đơn vị đã báo cáo {total} nhiệm vụ; trong đó " + ", ".join(parts) + ".")
    rows = []
    for code, k in agg.task_counts_by_unit.items():
        u = units.get(code) if units is not None else None
        rows.append([(u.short_name or u.name) if u else code, str(sum(k.values()))] + [str(k.get(v, 0)) for v in counts])
    doc.table(["Đơn vị", "Số nhiệm vụ"] + [st.choice_label(v) for v in counts], rows,
              totals=["Tổng cộng", str(total)] + [str(counts[v]) for v in counts],
              widths=[3, 1.2] + [1.4] * len(counts), numeric=set(range(1, 2 + len(counts))),
              caption="Bảng 2. Tình hình thực hiện nhiệm vụ theo đơn vị")
    cols = [c for cid in tm.get("document_columns", []) if (c := table.column(cid)) is not None]
    doc.landscape()
    headers = ["TT", "Đơn vị báo cáo"] + [c.label for c in cols]
    widths = [0.5, 1.5] + [{"noi_dung": 4, "ket_qua": 3.2, "van_ban": 2.6, "thoi_gian": 1.2}.get(c.id, 1.5) for c in cols]
    body = []
    for i, t in enumerate(agg.tasks, 1):
        u = units.get(t.unit_code) if units is not None else None
        row = [str(i), (u.short_name or u.name) if u else t.unit_code]
        for c in cols:
            v = t.values.get(c.id)
            if c.id == "van_ban" or (c.type.value == "document"):
                row.append(format_documents(v, "\n") if v else "")
            elif c.choices:
                row.append(c.choice_label(v) if v is not None else "")
            elif c.type.value in ("percent",):
                row.append(_p(num(v)))
            else:
                row.append("" if v is None else str(v))
        body.append(row)
    doc.table(headers, body, widths=widths, font_size=WIDE_TABLE_PT,
              caption="Bảng 3. Kết quả thực hiện các nhiệm vụ (rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, "
                      "rõ sản phẩm, rõ thẩm quyền)")
    doc.portrait()


def _ccn_cells(t: CcnTotals) -> list[str]:
    return [str(t.clusters), str(t.with_system), str(t.building), str(t.operating), str(t.stable),
            str(t.monitoring), _n(t.capacity), _n(t.flow), _p(t.coverage), _p(t.use_rate)]


def _ccn_section(doc: NDDocument, agg: Aggregation) -> None:
    doc.heading("III. HỆ THỐNG XỬ LÝ NƯỚC THẢI TẬP TRUNG TẠI CÁC CỤM CÔNG NGHIỆP", 1)
    n = agg.ccn_national
    if n is None or not agg.ccn_by_province:
        doc.paragraph("Chưa có báo cáo của các Sở Công Thương trong kỳ.", italic=True)
        return
    doc.paragraph(
        f"Theo báo cáo của {len(agg.ccn_by_province)} Sở Công Thương, trên địa bàn có {format_number(n.clusters)} cụm công "
        f"nghiệp đang hoạt động; trong đó {format_number(n.with_system)} cụm đã có hệ thống xử lý nước thải tập trung "
        f"(đạt tỷ lệ {_p(n.coverage) or '0%'}), {format_number(n.building)} cụm đang xây dựng hệ thống và "
        f"{format_number(n.without)} cụm chưa có. Trong số các hệ thống đã có, {format_number(n.operating)} hệ thống đang "
        f"vận hành ({format_number(n.stable)} hệ thống vận hành ổn định), {format_number(n.monitoring)} hệ thống có quan "
        f"trắc nước thải tự động, liên tục. Tổng công suất thiết kế {_n(n.capacity)} m³/ngày đêm; lưu lượng nước thải "
        f"thực tế được xử lý {_n(n.flow)} m³/ngày đêm" + (f" (bằng {_p(n.use_rate)} công suất thiết kế)" if n.use_rate else "")
        + "." + (" Một phần số liệu là số ước thực hiện đến hết năm." if n.estimates else ""))
    doc.landscape()
    headers = ["TT", "Tỉnh, thành phố", "Số CCN đang hoạt động", "Có hệ thống XLNT tập trung", "Đang xây dựng",
               "Hệ thống đang vận hành", "Vận hành ổn định", "Có quan trắc tự động",
               "Công suất thiết kế (m³/ngày đêm)", "Lưu lượng thực tế (m³/ngày đêm)", "Tỷ lệ CCN có hệ thống",
               "Tỷ lệ sử dụng công suất"]
    rows = [[str(i), t.unit_name] + _ccn_cells(t) for i, t in enumerate(agg.ccn_by_province, 1)]
    doc.table(headers, rows, totals=["", "Toàn quốc"] + _ccn_cells(n),
              widths=[0.5, 2.2, 1.1, 1.1, 1, 1.1, 1.1, 1.1, 1.5, 1.5, 1.1, 1.1], numeric=set(range(2, 12)),
              font_size=WIDE_TABLE_PT, caption="Bảng 4. Hệ thống xử lý nước thải tập trung tại các cụm công nghiệp theo tỉnh, thành phố")
    doc.portrait()


def _corporations_section(doc: NDDocument, agg: Aggregation, units) -> None:
    doc.heading("IV. KẾT QUẢ THỰC HIỆN CỦA CÁC TẬP ĐOÀN, TỔNG CÔNG TY", 1)
    if not agg.corporations:
        doc.paragraph("Chưa có báo cáo của các Tập đoàn, Tổng công ty trong kỳ.", italic=True)
        return
    corps = agg.corporations[:MAX_CORPORATIONS]
    doc.paragraph(f"{len(agg.corporations)} Tập đoàn, Tổng công ty đã gửi báo cáo. Các chỉ tiêu chính như sau"
                  + (f" ({len(corps)} đơn vị đầu; đầy đủ trong bảng tính tổng hợp)" if len(corps) < len(agg.corporations) else "")
                  + ":")
    form = agg.corp_form
    comp = {c.id: c for s in form.sections for c in s.computed} if form else {}
    names = []
    for code, name, _ in corps:
        u = units.get(code) if units is not None else None
        names.append((u.short_name or u.name) if u else name)
    rows = []
    for iid, label, unit in agg.corp_indicators:
        f = form.field(iid) if form else None
        row = [label + (f" ({unit})" if unit and unit != "%" else "")]
        for _, _, values in corps:
            v = values.get(iid)
            if iid in comp and comp[iid].percent:
                row.append(_p(num(v)))
            elif f is not None and f.choices:
                row.append(f.choice_label(v) if v is not None else "")
            else:
                row.append(_n(v) if num(v) is not None else "")
        rows.append(row)
    wide = len(corps) > 3
    if wide:
        doc.landscape()
    for start in range(0, len(corps), 6):
        part = names[start:start + 6]
        doc.table(["Chỉ tiêu"] + part, [[r[0]] + r[1 + start:1 + start + len(part)] for r in rows],
                  widths=[3.5] + [1.4] * len(part), numeric=set(range(1, 1 + len(part))),
                  font_size=WIDE_TABLE_PT if wide else None,
                  caption="Bảng 5. Chỉ tiêu bảo vệ môi trường của các Tập đoàn, Tổng công ty" if start == 0 else None)
    if wide:
        doc.portrait()


def _proposals_section(doc: NDDocument, agg: Aggregation) -> None:
    doc.heading("V. KHÓ KHĂN, VƯỚNG MẮC VÀ KIẾN NGHỊ, ĐỀ XUẤT CỦA CÁC ĐƠN VỊ", 1)
    if not agg.proposals:
        doc.paragraph("Các đơn vị không nêu khó khăn, vướng mắc hoặc kiến nghị.", italic=True)
        return
    kinds: dict[str, list] = {}
    for p in agg.proposals:
        kinds.setdefault(p.kind, []).append(p)
    for i, (kind, items) in enumerate(kinds.items(), 1):
        doc.heading(f"{i}. {kind}", 2)
        for p in items[:MAX_LIST]:
            doc.paragraph(f"- {p.unit_name}: {p.text}")
        if len(items) > MAX_LIST:
            doc.paragraph(f"(Và {len(items) - MAX_LIST} ý kiến khác, xem bảng tính tổng hợp.)", italic=True)


def _assessment_section(doc: NDDocument, agg: Aggregation, own_answers: dict[str, Any] | None) -> None:
    doc.heading("VI. ĐÁNH GIÁ CHUNG VÀ ĐỀ XUẤT CỦA CỤC KỸ THUẬT AN TOÀN VÀ MÔI TRƯỜNG CÔNG NGHIỆP", 1)
    a = own_answers or {}
    doc.heading("1. Đánh giá chung", 2)
    if isinstance(a.get("danh_gia_chung"), str) and a["danh_gia_chung"].strip():
        doc.paragraph(a["danh_gia_chung"].strip())
    else:
        c = agg.status.counts
        total = len(agg.status.entries) or 1
        doc.paragraph(f"Các đơn vị đã gửi {c['on_time'] + c['late']}/{len(agg.status.entries)} báo cáo "
                      f"({format_percent(100.0 * (c['on_time'] + c['late']) / total, 1)}). "
                      "Cục Kỹ thuật an toàn và Môi trường công nghiệp đánh giá, bổ sung nhận định về kết quả nổi bật, "
                      "tồn tại và nguyên nhân trước khi trình ký.")
    doc.heading("2. Đề xuất, kiến nghị", 2)
    if isinstance(a.get("de_xuat_chung"), str) and a["de_xuat_chung"].strip():
        doc.paragraph(a["de_xuat_chung"].strip())
    else:
        doc.paragraph("Đề nghị Lãnh đạo Bộ chỉ đạo các đơn vị chưa gửi báo cáo khẩn trương hoàn thành và gửi báo cáo "
                      "về Cục Kỹ thuật an toàn và Môi trường công nghiệp để tổng hợp.")
    doc.paragraph("Cục Kỹ thuật an toàn và Môi trường công nghiệp kính báo cáo Lãnh đạo Bộ xem xét, chỉ đạo./.")


def build_consolidated_document(agg: Aggregation, *, agency=None, units=None, date: dt.date | None = None,
                                own_answers: dict[str, Any] | None = None) -> NDDocument:
    name = getattr(agency, "name", None) or "Cục Kỹ thuật an toàn và Môi trường công nghiệp"
    parent = getattr(agency, "agency_parent", None) or "BỘ CÔNG THƯƠNG"
    abbr = getattr(agency, "abbreviation", None) or "ATMT"
    phrase = _period_phrase(agg)
    doc = NDDocument(name, agency_parent=parent, doc_number=f"      /BC-{abbr}", place=getattr(agency, "place", None) or "Hà Nội",
                     date=date, year=agg.period.year,
                     subject=f"Tổng hợp tình hình thực hiện Chỉ thị số 20/CT-TTg của Thủ tướng Chính phủ và Kế hoạch của "
                             f"Bộ Công Thương {phrase}")
    doc.set_properties(title=f"Báo cáo tổng hợp thực hiện Chỉ thị 20/CT-TTg {phrase}", author=name, subject=phrase)
    doc.paragraph(f"Thực hiện {PLAN}, trên cơ sở báo cáo của các Cục, Vụ, đơn vị báo chí thuộc Bộ, Sở Công Thương các "
                  f"tỉnh, thành phố và các Tập đoàn, Tổng công ty, {name} tổng hợp, báo cáo Lãnh đạo Bộ tình hình thực "
                  f"hiện {phrase} như sau:")
    _status_section(doc, agg, units)
    _tasks_section(doc, agg, units)
    _ccn_section(doc, agg)
    _corporations_section(doc, agg, units)
    _proposals_section(doc, agg)
    _assessment_section(doc, agg, own_answers)
    doc.closing(recipients=["Bộ trưởng (để báo cáo);", "Các Thứ trưởng (để biết);", "Các đơn vị thuộc Bộ có liên quan;"],
                archive="VT, ATMT", authority="CỤC TRƯỞNG", signer_name="")
    return doc


def write_consolidated_docx(agg: Aggregation, path: str | Path, *, agency=None, units=None, date: dt.date | None = None,
                            own_answers: dict[str, Any] | None = None) -> Path:
    build_consolidated_document(agg, agency=agency, units=units, date=date, own_answers=own_answers).save(path)
    return Path(path)
