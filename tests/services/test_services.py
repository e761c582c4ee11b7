"""The use cases called directly, as the desktop app calls them: real data dirs, real keys, real packages.

Services never print: each test that runs one checks that nothing reached stdout or stderr."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import threading
from pathlib import Path

import pytest

from rdtest import PASSPHRASE, REPO
from reportdesk.app import AppContext
from reportdesk.errors import UserError
from reportdesk.package import identity as I
from reportdesk.package.format import open_package
from reportdesk.services import Cancelled, demo, identity, maintenance, reports, setup

FP_RE = re.compile(r"^(?:[0-9a-f]{4} ){15}[0-9a-f]{4}$")
THU_NGHIEM = REPO / "tests" / "foundation" / "fixtures" / "thu-nghiem.v1.yaml"
DINH_KEM = """\
id: dinh-kem
version: 1
title: Biểu mẫu có tệp đính kèm
unit_kinds: [province]
periods: [year]
sections:
  - id: chung
    title: Chung
    fields:
      - {id: bien_ban, type: attachment, label: Biên bản}
      - {id: anh, type: attachment, label: Ảnh, multiple: true}
"""
GOOD = {
    "officer": "Nguyễn Văn An",
    "plan_issued": True,
    "plan_doc": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03", "trich_yeu": "Kế hoạch thực hiện Chỉ thị 20"},
    "events": 3,
    "clusters": [{"name": "CCN Phú Nghĩa", "occupancy": 85, "wwtp": "co", "capacity": 2000, "flow": 1500}],
}


def ctx_of(data_dir: Path) -> AppContext:
    return AppContext(data_dir, interactive=False)


def quiet(capsys) -> None:
    out, err = capsys.readouterr()
    assert out == "" and err == "", (out, err)


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """A Cục ATMT data dir and a unit (SCT-01) data dir that pinned its certificate, set up by the services."""
    base = tmp_path_factory.mktemp("services")
    atmt_dir, unit_dir = base / "atmt", base / "unit"
    actx = ctx_of(atmt_dir)
    a = setup.setup_atmt(actx, PASSPHRASE)
    pem = identity.export_certificate(actx, base / "atmt.pem")
    actx.close()
    uctx = ctx_of(unit_dir)
    u = setup.setup_unit(uctx, "SCT-01", PASSPHRASE)
    uctx.close()
    forms = unit_dir / "forms"
    forms.mkdir(exist_ok=True)
    shutil.copy(THU_NGHIEM, forms / THU_NGHIEM.name)
    (forms / "dinh-kem.v1.yaml").write_text(DINH_KEM, encoding="utf-8")
    uctx = ctx_of(unit_dir)
    pinned = identity.add_recipient(uctx, pem)
    uctx.close()
    return {"base": base, "atmt": atmt_dir, "unit": unit_dir, "atmt_setup": a, "unit_setup": u,
            "pem": pem, "pinned": pinned}


@pytest.fixture
def uctx(world):
    c = ctx_of(world["unit"])
    yield c
    c.close()


# --- setup and identity ---------------------------------------------------------------------

def test_setup_unit_creates_a_store_and_an_encrypted_key(world, capsys):
    u = world["unit_setup"]
    assert (u.mode, u.unit_code, u.unit_name) == ("unit", "SCT-01", "Sở Công Thương Hà Nội")
    assert u.data_dir == world["unit"] and (u.data_dir / "store.sqlite").exists()
    assert FP_RE.match(u.fingerprint)
    key = I.key_path(world["unit"]).read_bytes()
    assert b"ENCRYPTED" in key and b"BEGIN PRIVATE KEY" not in key
    assert I.load_identity(world["unit"], PASSPHRASE).fingerprint == I.parse_fingerprint(u.fingerprint)
    c = ctx_of(world["unit"])
    info = identity.identity_info(c)
    assert info.fingerprint == u.fingerprint and info.unit_code == "SCT-01" and info.state == "valid"
    assert [r.fingerprint for r in info.recipients] == [world["atmt_setup"].fingerprint]
    assert c.mode == "unit" and c.unit_code == "SCT-01"
    c.close()
    quiet(capsys)


def test_setting_up_again_is_refused_and_changes_nothing(world, capsys):
    before = I.key_path(world["unit"]).read_bytes()
    c = ctx_of(world["unit"])
    with pytest.raises(UserError, match="đã có kho dữ liệu"):
        setup.setup_unit(c, "SCT-01", PASSPHRASE)
    c.close()
    assert I.key_path(world["unit"]).read_bytes() == before
    quiet(capsys)


def test_a_short_passphrase_is_refused_before_anything_is_written(tmp_path, capsys):
    c = ctx_of(tmp_path / "d")
    with pytest.raises(UserError, match="ít nhất 8 ký tự"):
        setup.setup_unit(c, "SCT-04", "ngan")
    assert not (tmp_path / "d" / "store.sqlite").exists() and not I.key_path(tmp_path / "d").exists()
    with pytest.raises(UserError, match="Không có đơn vị"):
        setup.setup_unit(c, "KHONG-CO", PASSPHRASE)
    quiet(capsys)


def test_passphrase_strength_grows_with_length_and_variety():
    assert setup.check_passphrase_strength("abc1234")[0] == 0
    weak, _ = setup.check_passphrase_strength("aaaaaaaa")
    strong, hint = setup.check_passphrase_strength("Sở Công Thương 2026 - báo cáo!")
    assert weak < strong and strong >= 3 and hint


def test_the_pinned_certificate_is_the_one_previewed(world, capsys):
    preview = identity.read_certificate(world["pem"])
    assert preview.fingerprint == world["atmt_setup"].fingerprint == world["pinned"].fingerprint
    assert preview.unit_code == "CUC-ATMT" and world["pinned"].warnings == []
    c = ctx_of(world["unit"])
    assert [r.fingerprint for r in identity.list_recipients(c)] == [preview.fingerprint]
    c.close()
    # a unit's own certificate pinned by mistake is pinned, with a warning as data
    other = ctx_of(world["base"] / "x")
    unit_pem = identity.export_certificate(ctx_of(world["unit"]), world["base"] / "unit.pem")
    got = identity.add_recipient(other, unit_pem)
    assert len(got.warnings) == 1 and "SCT-01" in got.warnings[0]
    quiet(capsys)


# --- reports --------------------------------------------------------------------------------

def test_new_fill_check(world, uctx, tmp_path, capsys):
    r = reports.new_report(uctx, "thu-nghiem", "2026")
    assert r.status == "draft" and r.unit_code == "SCT-01" and r.answers == {}
    assert any(i.severity == "error" for i in reports.check_report(uctx, r.id))  # the officer is required
    f = tmp_path / "a.json"
    f.write_text(json.dumps({"answers": GOOD}, ensure_ascii=False), encoding="utf-8")
    filled = reports.fill_json(uctx, r.id, f)
    assert filled.answers["officer"] == "Nguyễn Văn An"
    assert ctx_of(world["unit"]).reports.get(r.id).answers["clusters"][0]["capacity"] == 2000
    assert not [i for i in reports.check_report(uctx, r.id) if i.severity == "error"]
    bad = dict(GOOD, clusters=[{"name": "CCN X", "wwtp": "khong", "capacity": 10, "flow": 50}])
    f.write_text(json.dumps({"answers": bad}, ensure_ascii=False), encoding="utf-8")
    reports.fill_json(uctx, r.id, f)
    issues = reports.check_report(uctx, r.id)
    assert {i.severity for i in issues} == {"error", "warning"}
    with pytest.raises(UserError, match="answers"):
        f.write_text("[1, 2]", encoding="utf-8")
        reports.fill_json(uctx, r.id, f)
    with pytest.raises(UserError, match="không dành cho|không áp dụng|Không có biểu mẫu"):
        reports.new_report(uctx, "khong-co", "2026")
    quiet(capsys)


def test_export_reports_a_missing_attachment_as_data_and_never_prints(world, uctx, tmp_path, capsys):
    pdf = b"%PDF-1.4 bien ban"
    r = reports.new_report(uctx, "dinh-kem", "2026")
    uctx.reports.replace_answers(r.id, {
        "bien_ban": {"name": "bb.pdf", "sha256": hashlib.sha256(pdf).hexdigest(), "size": len(pdf)},
        "anh": [{"name": "a1.jpg"}]}, source="test")
    steps = []
    res = reports.export_report(uctx, r.id, f"{tmp_path / 'out'}/", PASSPHRASE, {"bb.pdf": pdf},
                                progress=lambda d, t, s: steps.append((d, t, s)))
    quiet(capsys)
    assert len(res.warnings) == 1 and "a1.jpg" in res.warnings[0]
    assert res.path == tmp_path / "out" / "SCT-01_dinh-kem_2026_r1.rdpkg" and res.path.is_file()
    assert res.revision == 1 and res.fingerprint == world["unit_setup"].fingerprint
    assert steps[-1][0] == steps[-1][1] and all(isinstance(s, str) and s for _d, _t, s in steps)
    me = I.load_identity(world["atmt"], PASSPHRASE)
    opened = open_package(res.path.read_bytes(), me.key, me.cert)
    assert opened.attachments == {"bb.pdf": pdf} and opened.manifest["package_id"] == res.manifest["package_id"]
    assert uctx.reports.get(r.id).status == "exported"


def test_a_refused_export_writes_nothing(world, uctx, tmp_path, capsys):
    pdf = b"%PDF-1.4"
    r = reports.new_report(uctx, "dinh-kem", "2026")
    uctx.reports.replace_answers(r.id, {"bien_ban": {"name": "bb.pdf", "sha256": hashlib.sha256(pdf).hexdigest()}},
                                 source="test")
    with pytest.raises(UserError, match="bb.pdf"):
        reports.export_report(uctx, r.id, tmp_path, PASSPHRASE, {"bb.pdf": b"khac"})
    with pytest.raises(UserError):  # a wrong passphrase
        reports.export_report(uctx, r.id, tmp_path, "sai-mat-khau-roi", {"bb.pdf": pdf})
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(Cancelled):
        reports.export_report(uctx, r.id, tmp_path, PASSPHRASE, {"bb.pdf": pdf}, cancel=cancel)
    assert list(tmp_path.iterdir()) == []
    assert uctx.reports.get(r.id).status == "draft"
    quiet(capsys)


def test_documents(world, uctx, tmp_path, capsys):
    r = reports.new_report(uctx, "thu-nghiem", "2026")
    t = reports.write_template(uctx, "thu-nghiem", tmp_path / "mau.xlsx")
    x = reports.write_xlsx(uctx, r.id, tmp_path / "bc.xlsx")
    d = reports.write_docx(uctx, r.id, tmp_path / "bc.docx", date="2026-11-20")
    assert all(p.is_file() and p.stat().st_size > 1000 for p in (t, x, d))
    with pytest.raises(UserError, match="đuôi .docx"):
        reports.write_docx(uctx, r.id, tmp_path / "bc.txt")
    with pytest.raises(UserError, match="Ngày không hợp lệ"):
        reports.write_docx(uctx, r.id, tmp_path / "bc2.docx", date="20/11/2026")
    assert not (tmp_path / "bc2.docx").exists()
    quiet(capsys)


# --- long work: progress and cancel ---------------------------------------------------------

def test_backup_reports_progress_and_honours_cancel(world, uctx, tmp_path, capsys):
    seen = []
    out = maintenance.backup(uctx, tmp_path / "bk.zip", progress=lambda d, t, s: seen.append((d, t)))
    assert out == tmp_path / "bk.zip" and out.is_file()
    assert seen and seen[-1][0] == seen[-1][1] > 1
    cancel = threading.Event()

    def stop_after_first(done, total, label):
        cancel.set()

    with pytest.raises(Cancelled) as ei:
        maintenance.backup(uctx, tmp_path / "huy.zip", progress=stop_after_first, cancel=cancel)
    assert ei.value.message == "Đã hủy."
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bk.zip"]  # no half file, no temporary left
    quiet(capsys)


def test_demo_reports_progress_and_cancel_removes_what_it_built(tmp_path, capsys):
    cancel = threading.Event()
    seen = []

    def progress(done, total, label):
        seen.append((done, total, label))
        if done >= 2:  # the consolidation store and one unit built
            cancel.set()

    root = tmp_path / "demo"
    with pytest.raises(Cancelled):
        demo.build_demo(root, units=3, progress=progress, cancel=cancel)
    assert not root.exists()
    assert [d for d, _t, _s in seen] == [0, 1, 2] and seen[0][1] == 6 and "ATMT" in seen[0][2]
    with pytest.raises(UserError, match="ít nhất 3"):
        demo.build_demo(tmp_path / "d2", units=2)
    quiet(capsys)
