"""The real command line on the shipped forms: `forms show`, and every sample through new/fill/check."""

from __future__ import annotations

import json

import pytest

from rdtest import PASSPHRASE, run_cli
from formsdata import FORM_IDS, SAMPLES, load_sample


def test_forms_check_passes_on_the_shipped_forms(tmp_path):
    p = run_cli("forms", "check", data_dir=tmp_path / "d")
    assert p.returncode == 0, p.stdout + p.stderr
    for fid in FORM_IDS:
        assert f"{fid}.v1.yaml: hợp lệ" in p.stdout


def test_forms_show_prints_sections_fields_types_and_rules(tmp_path):
    p = run_cli("forms", "show", "bc-sct", data_dir=tmp_path / "d")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert out.startswith("Báo cáo tình hình thực hiện Chỉ thị số 20/CT-TTg (Sở Công Thương)")
    assert "II. Bảo vệ môi trường đối với các khu, cụm công nghiệp" in out
    assert "cột Công suất thiết kế [cong_suat] — số thập phân, m³/ngày đêm (≥ 0)" in out
    assert "lựa chọn: Có [co] · Không [khong] · Đang xây dựng [dang_xay_dung]" in out
    assert "dòng tổng cộng: Diện tích" in out
    assert "= Tỷ lệ cụm có hệ thống xử lý nước thải tập trung (%) [ccn_ty_le_co_htxlnt]" in out
    assert "[cảnh báo] luu-luong-vuot-cong-suat mỗi dòng của ccn:" in out
    assert "[lỗi] cong-suat-chi-khi-co-he-thong" in out


def test_forms_show_lists_the_tasks_prefilled_for_a_unit(tmp_path):
    p = run_cli("forms", "show", "bc-cucvu", "--unit", "CUC-HC", data_dir=tmp_path / "d")
    assert p.returncode == 0, p.stderr
    assert "dòng điền sẵn cho CUC-HC: 3" in p.stdout
    assert "2. Xây dựng hướng dẫn kỹ thuật về phòng ngừa, ứng phó sự cố hóa chất." in p.stdout


@pytest.mark.parametrize("args, needle", [(("forms", "show", "khong-co"), "khong-co"),
                                          (("forms", "show", "bc-sct", "--unit", "SCT-00"), "SCT-00")])
def test_forms_show_unknown_form_or_unit_is_one_line_exit_1(tmp_path, args, needle):
    p = run_cli(*args, data_dir=tmp_path / "d")
    assert p.returncode == 1 and needle in p.stderr and len(p.stderr.strip().splitlines()) == 1


EXPECTED_MISTAKES = {
    "bc-cucvu": ["[nhiem_vu/nhiem_vu/1/thoi_gian]", "[nhiem_vu/nhiem_vu/1/ket_qua]", "[phu_trach/can_bo_email]"],
    "bc-sct": ["[ccn/ccn/1/ty_le_lap_day]", "[ccn/ccn/5/cong_suat]", "[ccn/ccn/1/luu_luong]", "[ccn/so_ccn_hoat_dong]"],
    "bc-tct": ["[chi_tieu/nt_xu_ly]", "[nha_may/nha_may/2/ghi_chu]", "[chi_tieu/nt_dat_qcvn]"],
}


@pytest.mark.slow
@pytest.mark.parametrize("form_id", FORM_IDS)
def test_sample_fills_and_checks_clean_and_mistakes_are_flagged(tmp_path, form_id):
    sample = load_sample(form_id)
    pf = tmp_path / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    d = tmp_path / "data"
    run_cli("setup", "unit", "--unit", sample["unit_code"], "--passphrase-file", str(pf), data_dir=d, check=True)
    rid = run_cli("report", "new", "--form", form_id, "--period", sample["period"], data_dir=d, check=True).stdout.strip()
    run_cli("report", "fill", rid, "--json", str(SAMPLES / f"{form_id}.json"), data_dir=d, check=True)
    p = run_cli("report", "check", rid, data_dir=d)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "Cảnh báo" not in p.stdout
    shown = json.loads(run_cli("report", "show", rid, "--json", data_dir=d, check=True).stdout)
    assert shown["answers"] == sample["answers"] and shown["unit_code"] == sample["unit_code"]

    run_cli("report", "fill", rid, "--json", str(SAMPLES / f"{form_id}.mistakes.json"), data_dir=d, check=True)
    p = run_cli("report", "check", rid, data_dir=d)
    assert p.returncode == 1
    for path in EXPECTED_MISTAKES[form_id]:
        assert path in p.stdout, path
