"""Aggregation, the consolidated workbook and Word report, and the demo world."""

from __future__ import annotations

import datetime as dt

import zipfile

from cryptography.hazmat.primitives import serialization
from openpyxl import load_workbook

from reportdesk.consolidate.aggregate import aggregate, ccn_totals_of, load_mapping
from reportdesk.consolidate.documents import consolidate
from reportdesk.consolidate.synthetic import vn_time


def _approve(world, *units):
    for u in units:
        world.svc.add_signer(world.ids[u].cert.public_bytes(serialization.Encoding.DER))


def _clusters(rows):
    return [{"ten": n, "dia_ban": "xã A", "dien_tich": 20, "htxlnt": s, "van_hanh": v,
             **({"cong_suat": c, "luu_luong": f, "quan_trac": "co", "giay_phep": "co"} if s == "co" else {}),
             **({"ghi_chu": "ghi chú"} if v in ("khong_on_dinh", "ngung") or s != "co" else {})}
            for n, s, v, c, f in rows]


def test_ccn_totals_by_province_and_nationally(world):
    _approve(world, "SCT-01", "SCT-04")
    a1 = world.answers("SCT-01")
    a1["ccn"] = _clusters([("CCN 1", "co", "on_dinh", 1000, 600), ("CCN 2", "co", "khong_on_dinh", 500, 200),
                           ("CCN 3", "khong", "chua_co", None, None)])
    a1["so_ccn_hoat_dong"], a1["tong_so_ccn"] = 3, 5
    a4 = world.answers("SCT-04")
    a4["ccn"] = _clusters([("CCN X", "dang_xay_dung", "chua_co", None, None)])
    a4["so_ccn_hoat_dong"], a4["tong_so_ccn"] = 1, 1
    world.import_(world.package("SCT-01", answers=a1), world.package("SCT-04", answers=a4))
    agg = aggregate(world.ctx.store(), world.ctx.forms, world.ctx.units, world.ctx.period("2026"))
    by = {t.unit_code: t for t in agg.ccn_by_province}
    t1 = by["SCT-01"]
    assert (t1.clusters, t1.with_system, t1.without, t1.operating, t1.stable, t1.monitoring) == (3, 2, 1, 2, 1, 2)
    assert (t1.capacity, t1.flow, t1.coverage, t1.established) == (1500, 800, 66.7, 5)
    assert (by["SCT-04"].building, by["SCT-04"].with_system) == (1, 0)
    n = agg.ccn_national
    assert (n.clusters, n.with_system, n.building, n.capacity, n.reports) == (4, 2, 1, 1500, 2)
    assert n.coverage == 50.0


def test_only_current_revision_counts(world):
    _approve(world, "SCT-01")
    old = world.answers("SCT-01")
    old["ccn"] = _clusters([("A", "co", "on_dinh", 100, 50)])
    old["so_ccn_hoat_dong"], old["tong_so_ccn"] = 1, 1
    new = dict(old)
    new["ccn"] = _clusters([("A", "co", "on_dinh", 300, 50), ("B", "khong", "chua_co", None, None)])
    new["so_ccn_hoat_dong"], new["tong_so_ccn"] = 2, 2
    world.import_(world.package("SCT-01", revision=2, answers=new, created_at=vn_time(2026, 11, 12)),
                  world.package("SCT-01", revision=1, answers=old, created_at=vn_time(2026, 11, 10)))
    agg = aggregate(world.ctx.store(), world.ctx.forms, world.ctx.units, world.ctx.period("2026"))
    assert agg.ccn_national.capacity == 300 and agg.ccn_national.clusters == 2


def test_tasks_corporations_and_proposals(world):
    _approve(world, "CUC-HC", "TCT-HABECO", "SCT-22")
    world.import_(world.package("CUC-HC"), world.package("TCT-HABECO"), world.package("SCT-22"))
    agg = aggregate(world.ctx.store(), world.ctx.forms, world.ctx.units, world.ctx.period("2026"))
    form = world.ctx.forms.get("bc-cucvu")
    prefilled = form.initial_answers("CUC-HC")["nhiem_vu"]
    assert len(agg.tasks) == len(prefilled) and {t.unit_code for t in agg.tasks} == {"CUC-HC"}
    assert sum(agg.task_counts.values()) == len(prefilled)
    assert agg.task_counts_by_unit["CUC-HC"] == {k: v for k, v in agg.task_counts.items()}
    assert [c[0] for c in agg.corporations] == ["TCT-HABECO"]
    values = agg.corporations[0][2]
    assert values["nt_phat_sinh"] is not None and values["so_nha_may"] >= 1  # a computed indicator too
    kinds = {(p.unit_code, p.kind) for p in agg.proposals}
    assert ("SCT-22", "Khó khăn, vướng mắc") in kinds and ("CUC-HC", "Kiến nghị, đề xuất") in kinds


def test_mapping_names_existing_fields():
    from reportdesk import paths
    from reportdesk.domain.forms import FormRegistry

    forms = FormRegistry.load(paths.shipped_forms_dir())
    m = load_mapping()
    f = forms.latest(m["ccn"]["form"])
    table = f.field(m["ccn"]["table"])
    for cid in m["ccn"]["columns"] + [m["ccn"]["capacity"], m["ccn"]["flow"], m["ccn"]["system"]["column"]]:
        assert table.column(cid) is not None, cid
    t = forms.latest(m["tasks"]["form"]).field(m["tasks"]["table"])
    assert all(t.column(c) is not None for c in m["tasks"]["columns"])
    corp = forms.latest(m["corporations"]["form"])
    comp = {c.id for s in corp.sections for c in s.computed}
    assert all(corp.field(i) is not None or i in comp for i in m["corporations"]["indicators"])
    assert ccn_totals_of({}, m["ccn"], "SCT-01", "Hà Nội").clusters == 0


def test_consolidated_workbook_and_word_report(world, tmp_path):
    _approve(world, "SCT-01", "SCT-04", "CUC-HC", "TCT-HABECO")
    a = world.answers("SCT-01")
    a["ccn"][0]["ten"] = "=HYPERLINK(\"http://x\",\"bấm\")"  # a formula-looking text stays text
    a["kho_khan_chung"] = "@SUM(A1) khó khăn"
    world.import_(world.package("SCT-01", answers=a), world.package("SCT-04", created_at=vn_time(2026, 11, 16)),
                  world.package("CUC-HC"), world.package("TCT-HABECO"))
    xlsx, docx = tmp_path / "th.xlsx", tmp_path / "th.docx"
    steps = []
    res = consolidate(world.ctx, "2026", xlsx=xlsx, docx=docx, progress=lambda d, t, c: steps.append((d, t, c)))
    assert res.written == [xlsx, docx] and steps
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["Tổng hợp", "Tình hình gửi", "Nhiệm vụ 06 rõ", "CCN theo tỉnh", "Danh sách CCN",
                             "Tập đoàn, TCT", "Khó khăn, kiến nghị"]
    with zipfile.ZipFile(xlsx) as z:
        names = z.namelist()
        assert any(n.startswith("xl/charts/chart") for n in names)  # a native chart on the summary sheet
        sheets_xml = "".join(z.read(n).decode("utf-8") for n in names if n.startswith("xl/worksheets/sheet"))
        assert "<f>" not in sheets_xml  # no formula anywhere
    st = wb["Tình hình gửi"]
    assert st.freeze_panes == "A4" and st.auto_filter.ref.startswith("A3:")
    rows = {r[0].value: r for r in st.iter_rows(min_row=4)}
    assert rows["SCT-04"][5].value == "Muộn" and rows["SCT-04"][6].value == 2
    assert rows["SCT-04"][5].fill.fgColor.rgb.endswith("FFEB9C")
    assert rows["SCT-08"][5].value == "Chưa gửi" and rows["SCT-08"][5].fill.fgColor.rgb.endswith("FFC7CE")
    cl = wb["Danh sách CCN"]
    cells = [c for r in cl.iter_rows(min_row=4) for c in r if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")]
    assert cells and cells[0].data_type == "s" and cells[0].quotePrefix
    ccn = wb["CCN theo tỉnh"]
    nat = [r for r in ccn.iter_rows(min_row=4) if r[0].value == "VN"][0]
    assert nat[9].number_format == "#,##0.0" and nat[11].number_format == "0.0%"
    kk = wb["Khó khăn, kiến nghị"]
    risky = [c for r in kk.iter_rows(min_row=4) for c in r if c.value == "@SUM(A1) khó khăn"]
    assert risky and risky[0].data_type == "s"

    from docx import Document
    from docx.enum.section import WD_ORIENT

    d = Document(docx)
    text = "\n".join(p.text for p in d.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(c.text for t in d.tables for r in t.rows for c in r.cells)
    for heading in ("I. TÌNH HÌNH GỬI BÁO CÁO", "II. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ", "III. HỆ THỐNG XỬ LÝ NƯỚC THẢI",
                    "IV. KẾT QUẢ THỰC HIỆN CỦA CÁC TẬP ĐOÀN", "V. KHÓ KHĂN", "VI. ĐÁNH GIÁ CHUNG"):
        assert heading in text, heading
    assert any(s.orientation == WD_ORIENT.LANDSCAPE for s in d.sections)
    assert d.sections[0].orientation == WD_ORIENT.PORTRAIT


def test_cancel_consolidation(world, tmp_path):
    import threading

    ev = threading.Event()
    ev.set()
    res = consolidate(world.ctx, "2026", xlsx=tmp_path / "a.xlsx", cancel=ev)
    assert res.cancelled and not (tmp_path / "a.xlsx").exists()


def test_cli_consolidate_errors(world, cli, tmp_path):
    world.ctx.close()
    proc = cli("consolidate", "--period", "2026", data_dir=world.data_dir)
    assert proc.returncode == 1 and "--xlsx" in proc.stderr
    proc = cli("consolidate", "--period", "2026", "--xlsx", str(tmp_path / "nope" / "a.xlsx"), data_dir=world.data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_demo_world(tmp_path, cli):
    root = tmp_path / "demo"
    proc = cli("demo", str(root), "--units", "5")
    assert proc.returncode == 0, proc.stderr
    assert "CHƯA GỬI" in proc.stdout and "CHƯA ĐƯỢC PHÊ DUYỆT" in proc.stdout and "demo-reportdesk-2026" in proc.stdout
    assert (root / "tong-hop-2026.xlsx").exists() and (root / "tong-hop-2026.docx").exists()
    proc = cli("status", "--period", "2026", "--json", data_dir=root / "atmt")
    import json

    entries = json.loads(proc.stdout)
    states = {x["unit_code"]: x["state"] for x in entries}
    assert "quarantined" in states.values() and "on_time" in states.values()
    # the demo tells its story whatever day it is built: packages reach Cục ATMT hours after their
    # signing, Cục ATMT's own report is complete before its deadline; nothing is late for that day alone
    for x in entries:
        if x["state"] in ("on_time", "late"):
            signed, received = (dt.datetime.fromisoformat(x[k].replace("Z", "+00:00")) for k in ("signed_at", "received_at"))
            assert dt.timedelta(0) <= received - signed <= dt.timedelta(days=2), x
            assert not x["signed_on_time_received_late"], x
    assert states["CUC-ATMT"] == "on_time"
    proc = cli("demo", str(root))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
