"""Realistic answers for the shipped forms (used by the export tests and the screenshot)."""

from __future__ import annotations

from pathlib import Path

from reportdesk.domain.forms import FormRegistry

REPO = Path(__file__).resolve().parents[2]
FORMS_DIR = REPO / "forms"


def shipped_forms() -> FormRegistry:
    return FormRegistry.load(FORMS_DIR)


SCT_ANSWERS = {
    "ke_hoach_trang_thai": "da_ban_hanh",
    "ke_hoach_van_ban": {"so_ky_hieu": "45/KH-UBND", "ngay": "2026-02-05",
                         "trich_yeu": "Kế hoạch thực hiện Chương trình phát triển ngành công nghiệp môi trường Việt Nam giai đoạn 2025-2030 trên địa bàn thành phố"},
    "ke_hoach_co_quan": "ubnd_tinh",
    "ke_hoach_ket_qua": ("Sở Công Thương đã tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch và giao nhiệm vụ cụ thể cho các sở, "
                         "ngành, Ủy ban nhân dân các xã, phường.\nĐã hỗ trợ 03 doanh nghiệp đầu tư dây chuyền tái chế chất thải "
                         "rắn công nghiệp thông thường; xây dựng 01 mô hình cụm công nghiệp sinh thái tại CCN Phùng."),
    "tong_so_ccn": 72,
    "so_ccn_hoat_dong": 3,
    "ccn": [
        {"ten": "Cụm công nghiệp Phùng", "dia_ban": "Xã Đan Phượng", "dien_tich": 53.6, "ty_le_lap_day": 92.5,
         "so_doanh_nghiep": 118, "htxlnt": "co", "cong_suat": 1200, "luu_luong": {"value": 950.5, "estimate": True},
         "van_hanh": "on_dinh", "quan_trac": "co", "giay_phep": "co"},
        {"ten": "Cụm công nghiệp Thanh Oai", "dia_ban": "Xã Thanh Oai", "dien_tich": 38.2, "ty_le_lap_day": 78,
         "so_doanh_nghiep": 64, "htxlnt": "co", "cong_suat": 800, "luu_luong": 820, "van_hanh": "khong_on_dinh",
         "quan_trac": "khong", "giay_phep": "co", "ghi_chu": "Lưu lượng vượt công suất; đang nâng cấp modul 2 (hoàn thành quý II/2027)"},
        {"ten": "Cụm công nghiệp Quất Động", "dia_ban": "Xã Thường Tín", "dien_tich": 45, "ty_le_lap_day": 65.3,
         "so_doanh_nghiep": 41, "htxlnt": "dang_xay_dung", "van_hanh": "chua_co",
         "ghi_chu": "Đang xây dựng hệ thống 1.000 m³/ngày đêm, dự kiến vận hành tháng 6/2027"},
    ],
    "ccn_so_cuoc_kiem_tra": 12,
    "ccn_so_vi_pham": 4,
    "ccn_tien_phat": 1250.5,
    "ccn_phoi_hop": "Phối hợp với Cục ATMT kiểm tra việc vận hành hệ thống xử lý nước thải tập trung tại 02 cụm công nghiệp.",
    "xnk_so_co_so_phe_lieu": 6,
    "xnk_so_cuoc_kiem_tra": 2,
    "xnk_so_vi_pham": 0,
    "tt_so_su_kien": {"value": 5, "estimate": True},
    "tt_so_nguoi_tham_du": {"value": 1250, "estimate": True},
    "tt_so_tin_bai": 36,
    "tt_hinh_thuc": ["hoi_nghi", "bao_chi", "cong_ttdt"],
    "tt_noi_dung": "Phổ biến Chỉ thị số 20/CT-TTg và Kế hoạch của Bộ Công Thương đến các doanh nghiệp trong cụm công nghiệp.",
    "kinh_phi": [
        {"nguon": "su_nghiep_moi_truong", "noi_dung": "Kiểm tra, giám sát hệ thống xử lý nước thải", "du_toan": 850, "da_su_dung": {"value": 780.25, "estimate": True}},
        {"nguon": "chi_thuong_xuyen", "noi_dung": "Hội nghị phổ biến, tập huấn", "du_toan": 300, "da_su_dung": 296.5},
    ],
    "kho_khan_chung": "Một số cụm công nghiệp chưa có chủ đầu tư hạ tầng nên chưa đầu tư hệ thống xử lý nước thải tập trung.",
    "de_xuat_chung": "Đề nghị Bộ Công Thương sớm ban hành hướng dẫn tiêu chí cụm công nghiệp sinh thái.",
    "ngay_chot_so_lieu": "2026-11-05",
    "ghi_chu_uoc_tinh": "Số liệu đến 31/10/2026, ước thực hiện đến 14/12/2026.",
    "can_bo_ho_ten": "Nguyễn Thị Lan",
    "can_bo_chuc_vu": "Chuyên viên Phòng Kỹ thuật an toàn - Môi trường",
    "can_bo_dien_thoai": "0243 826 1234",
    "can_bo_email": "lannt@congthuong.hanoi.gov.vn",
    "nguoi_ky_chuc_vu": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "nguoi_ky_ho_ten": "Trần Văn Minh",
}


FIXTURES = Path(__file__).resolve().parent / "fixtures"
SAMPLES_DIR = FORMS_DIR / "samples"


def fixture_form():
    from reportdesk.domain.forms import load_form_file

    return load_form_file(FIXTURES / "thu-xuat.v1.yaml")


def report_of(form, answers, unit_code="SCT-01", period="2026", rid=1):
    from reportdesk.domain.reports import ReportData
    from reportdesk.domain.validate import coerce_answers

    coerced, problems = coerce_answers(form, answers)
    assert not problems, problems
    return ReportData(id=rid, unit_code=unit_code, form_id=form.id, form_version=form.version, period=period,
                      status="draft", revision=0, answers=coerced)


def units():
    from reportdesk import paths
    from reportdesk.domain.units import load_units

    return load_units(paths.resources_dir() / "units.yaml")
