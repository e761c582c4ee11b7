"""`report template | fill --xlsx | xlsx | docx` through the real command line on a real data dir."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from exportsamples import SCT_ANSWERS, shipped_forms
from reportdesk.exports.workbook import layout_of

FORM = shipped_forms().get("bc-sct")


@pytest.fixture(scope="module")
def unit_store(tmp_path_factory):
    from rdtest import PASSPHRASE, run_cli

    base = tmp_path_factory.mktemp("cli")
    pp = base / "pass.txt"
    pp.write_text(PASSPHRASE + "\n", encoding="utf-8")
    data = base / "D"
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(pp), data_dir=data, check=True)
    rid = run_cli("report", "new", "--form", "bc-sct", "--period", "2026", data_dir=data, check=True).stdout.strip()
    return data, rid, base


def _show(run_cli, data: Path, rid: str) -> dict:
    return json.loads(run_cli("report", "show", rid, "--json", data_dir=data, check=True).stdout)


def test_template_fill_reject_then_accept_then_print(unit_store, cli):
    data, rid, base = unit_store
    tpl = base / "mau.xlsx"
    r = cli("report", "template", "--form", "bc-sct", "--out", str(tpl), data_dir=data, check=True)
    assert tpl.exists() and "bc-sct" in r.stdout
    layout = layout_of(FORM)
    sec = layout.sections[1]  # II. ... (tong_so_ccn, so_ccn_hoat_dong)
    row = dict((f.id, rr) for rr, f in sec.rows)
    ccn = layout.tables["ccn"]
    before = _show(cli, data, rid)

    # a text in a number cell: refused with its address, nothing stored
    wb = openpyxl.load_workbook(tpl)
    wb[sec.title][f"C{row['tong_so_ccn']}"] = "bảy mươi hai"
    wb[sec.title][f"C{row['so_ccn_hoat_dong']}"] = 3
    wb[ccn.title].cell(4, ccn.value_col("ten"), "CCN Phùng")
    wb.save(base / "sai.xlsx")
    bad = cli("report", "fill", rid, "--xlsx", str(base / "sai.xlsx"), data_dir=data)
    assert bad.returncode == 1, bad.stderr
    assert f"{sec.title}!C{row['tong_so_ccn']}:" in bad.stderr
    assert "'bảy mươi hai'" in bad.stderr and "không thay đổi" in bad.stderr
    assert "Traceback" not in bad.stderr
    assert _show(cli, data, rid) == before

    # corrected: accepted; the extra table row becomes a row
    wb[sec.title][f"C{row['tong_so_ccn']}"] = 72
    wb.save(base / "dung.xlsx")
    ok = cli("report", "fill", rid, "--xlsx", str(base / "dung.xlsx"), data_dir=data)
    assert ok.returncode == 0, ok.stderr
    after = _show(cli, data, rid)["answers"]
    assert after["tong_so_ccn"] == 72 and after["so_ccn_hoat_dong"] == 3
    assert after["ccn"] == [{"ten": "CCN Phùng"}]

    # full answers -> report xlsx -> fill --xlsx gives identical answers
    (base / "a.json").write_text(json.dumps({"answers": SCT_ANSWERS}, ensure_ascii=False), encoding="utf-8")
    cli("report", "fill", rid, "--json", str(base / "a.json"), data_dir=data, check=True)
    full = _show(cli, data, rid)["answers"]
    cli("report", "xlsx", rid, "--out", str(base / "bao-cao.xlsx"), data_dir=data, check=True)
    cli("report", "fill", rid, "--xlsx", str(base / "bao-cao.xlsx"), data_dir=data, check=True)
    assert _show(cli, data, rid)["answers"] == full

    # the Word report
    out = base / "bao-cao.docx"
    d = cli("report", "docx", rid, "--out", str(out), "--date", "2026-11-10", data_dir=data)
    assert d.returncode == 0, d.stderr
    doc = Document(out)
    assert doc.tables[0].rows[0].cells[1].paragraphs[0].text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert not list(base.glob(".*.tmp"))

    # user errors: one message, exit 1
    e = cli("report", "docx", rid, "--out", str(base / "x.pdf"), data_dir=data)
    assert e.returncode == 1 and ".docx" in e.stderr
