"""Realistic synthetic answers for the demo world, the benchmark and the tests (deterministic per seed).

``answers_for(form, unit_code, rng)`` fills a form the way a unit would: the province form with a table
of industrial clusters, the department form's prefilled tasks with statuses and products, and any other
form (the corporation form) generically from its definition. The result always passes the form's
error rules (checked by the callers that need it).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from reportdesk.domain.forms import Field, FieldType, Form
from reportdesk.domain.validate import check_answers, errors

_NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Minh Châu", "Phạm Quốc Dũng", "Hoàng Thu Hà", "Vũ Đức Long",
          "Đặng Thị Mai", "Bùi Thanh Sơn", "Đỗ Hải Yến", "Ngô Gia Khánh"]
_CCN_PREFIX = ["Cụm công nghiệp", "CCN"]
_CCN_NAMES = ["Đồng Văn", "Phú Lâm", "Tân Quang", "Hòa Bình", "Nam Sơn", "Thanh Bình", "Quang Minh", "Tam Dương",
              "Bình Xuyên", "Hợp Thịnh", "An Đồng", "Tân Hồng", "Việt Hưng", "Đông Thọ", "Hà Mãn", "Phong Khê",
              "Ninh Hiệp", "Lạc Vệ", "Châu Khê", "Đại Đồng", "Tiên Sơn", "Xuân Lâm", "Cát Nê", "Hương Sơn"]
_WARDS = ["xã Tân Lập", "phường Đông Hòa", "xã Minh Đức", "phường Quang Trung", "xã Hòa Phú", "xã Thái Hòa",
          "phường Nam Sơn", "xã Yên Bình", "xã Phú Xuân", "phường Bắc Sơn"]
_DIFFICULTIES = [
    "Nhiều cụm công nghiệp thành lập trước năm 2018 chưa được đầu tư hệ thống xử lý nước thải tập trung do thiếu vốn.",
    "Chủ đầu tư hạ tầng một số cụm công nghiệp gặp khó khăn tài chính, chậm triển khai hạng mục bảo vệ môi trường.",
    "Thiếu cán bộ chuyên trách về môi trường công nghiệp tại Sở; kinh phí sự nghiệp môi trường còn hạn chế.",
    "Hệ thống quan trắc tự động tại một số cụm chưa truyền số liệu ổn định về cơ quan quản lý.",
    "Quy định về giá dịch vụ xử lý nước thải trong cụm công nghiệp chưa rõ, khó thu hồi chi phí vận hành.",
]
_PROPOSALS = [
    "Đề nghị Bộ Công Thương sớm ban hành hướng dẫn về tiêu chí cụm công nghiệp sinh thái.",
    "Đề nghị bố trí nguồn kinh phí hỗ trợ đầu tư hệ thống xử lý nước thải tập trung cho các cụm công nghiệp khó khăn.",
    "Đề nghị tổ chức tập huấn về quản lý môi trường cụm công nghiệp cho cán bộ cấp tỉnh và cấp xã.",
    "Đề nghị Bộ phối hợp với Bộ Nông nghiệp và Môi trường thống nhất mẫu biểu báo cáo về cụm công nghiệp.",
]
_RESULTS = [
    "Đã ban hành văn bản hướng dẫn và tổ chức triển khai tới các đơn vị liên quan.",
    "Đã tổ chức 02 hội nghị phổ biến, 01 đoàn kiểm tra liên ngành; đang tổng hợp kết quả.",
    "Đã hoàn thành dự thảo, đang lấy ý kiến các đơn vị trong Bộ.",
    "Đã cập nhật danh mục và trình Lãnh đạo Bộ xem xét, ban hành.",
]


def _phone(rng: random.Random) -> str:
    return "024" + "".join(str(rng.randint(0, 9)) for _ in range(8))


def _officer(rng: random.Random, unit_code: str) -> dict[str, Any]:
    name = rng.choice(_NAMES)
    return {
        "can_bo_ho_ten": name,
        "can_bo_chuc_vu": rng.choice(["Chuyên viên Phòng Kỹ thuật an toàn - Môi trường", "Phó Trưởng phòng Quản lý công nghiệp",
                                      "Chuyên viên chính"]),
        "can_bo_dien_thoai": _phone(rng),
        "can_bo_email": f"{unit_code.lower().replace('-', '')}@moit.gov.vn",
        "nguoi_ky_chuc_vu": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC" if unit_code.startswith("SCT") else "KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG",
        "nguoi_ky_ho_ten": rng.choice(_NAMES),
    }


def province_answers(form: Form, unit_code: str, rng: random.Random, year: int = 2026,
                     clusters: int | None = None) -> dict[str, Any]:
    n = clusters if clusters is not None else rng.randint(3, 14)
    rows = []
    for i in range(n):
        system = rng.choices(["co", "khong", "dang_xay_dung"], weights=[6, 3, 1])[0]
        row: dict[str, Any] = {
            "ten": f"{rng.choice(_CCN_PREFIX)} {rng.choice(_CCN_NAMES)} {i + 1}",
            "dia_ban": rng.choice(_WARDS),
            "dien_tich": round(rng.uniform(15, 75), 1),
            "ty_le_lap_day": round(rng.uniform(30, 100), 1),
            "so_doanh_nghiep": rng.randint(3, 60),
            "htxlnt": system,
        }
        if system == "co":
            cap = rng.choice([500, 800, 1000, 1200, 1500, 2000, 3000, 5000])
            state = rng.choices(["on_dinh", "khong_on_dinh", "ngung"], weights=[8, 2, 1])[0]
            row.update({"cong_suat": cap, "luu_luong": round(cap * rng.uniform(0.3, 0.95)), "van_hanh": state,
                        "quan_trac": "co", "giay_phep": "co"})
            if state != "on_dinh":
                row["ghi_chu"] = "Lưu lượng nước thải đầu vào không ổn định; đang cải tạo, nâng cấp hệ thống."
        else:
            row.update({"van_hanh": "chua_co", "ghi_chu": "Chủ đầu tư hạ tầng đang lập dự án đầu tư hệ thống xử lý nước thải."})
        rows.append(row)
    violations = rng.randint(0, 4)
    a: dict[str, Any] = {
        "ke_hoach_trang_thai": "da_ban_hanh",
        "ke_hoach_van_ban": {"so_ky_hieu": f"{rng.randint(100, 999)}/KH-UBND", "ngay": f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                             "trich_yeu": "Kế hoạch thực hiện Chương trình phát triển ngành công nghiệp môi trường giai đoạn 2025-2030"},
        "ke_hoach_co_quan": "ubnd_tinh",
        "ke_hoach_ket_qua": "Đã phân công nhiệm vụ cho các sở, ngành; tổ chức rà soát hiện trạng hạ tầng bảo vệ môi trường "
                            "tại các cụm công nghiệp trên địa bàn.",
        "tong_so_ccn": n + rng.randint(0, 5),
        "so_ccn_hoat_dong": n,
        "ccn": rows,
        "ccn_so_cuoc_kiem_tra": violations + rng.randint(1, 6),
        "ccn_so_vi_pham": violations,
        "ccn_phoi_hop": "Phối hợp với Cục ATMT rà soát, cập nhật cơ sở dữ liệu về hệ thống xử lý nước thải tập trung.",
        "tt_so_su_kien": rng.randint(1, 6),
        "tt_so_nguoi_tham_du": rng.randint(80, 600),
        "tt_so_tin_bai": rng.randint(5, 40),
        "tt_hinh_thuc": ["hoi_nghi", "cong_ttdt"],
        "kho_khan_chung": rng.choice(_DIFFICULTIES),
        "de_xuat_chung": rng.choice(_PROPOSALS),
        "ngay_chot_so_lieu": f"{year}-11-0{rng.randint(1, 9)}",
        **_officer(rng, unit_code),
    }
    if violations:
        a["ccn_tien_phat"] = round(violations * rng.uniform(20, 150), 1)
    return _only_known(form, a)


def department_answers(form: Form, unit_code: str, rng: random.Random, year: int = 2026) -> dict[str, Any]:
    a: dict[str, Any] = dict(form.initial_answers(unit_code))
    tasks = []
    for row in a.get("nhiem_vu", []):
        r = dict(row)
        st = rng.choices(["hoan_thanh", "dang_trien_khai", "chua_trien_khai", "hoan_thanh_cham"], weights=[4, 5, 1, 1])[0]
        r["trang_thai"] = st
        r["nguoi_phu_trach"] = f"Lãnh đạo đơn vị; {rng.choice(['Phòng Môi trường', 'Phòng Tổng hợp', 'Phòng Chính sách'])}"
        if st in ("hoan_thanh", "hoan_thanh_cham"):
            r["ty_le_hoan_thanh"] = 100
            r["ket_qua"] = rng.choice(_RESULTS)
            r["tham_quyen"] = rng.choice(["thu_truong_don_vi", "bo_truong"])
            r["van_ban"] = [{"so_ky_hieu": f"{rng.randint(100, 999)}/QĐ-BCT", "ngay": f"{year}-0{rng.randint(1, 9)}-2{rng.randint(0, 8)}",
                             "trich_yeu": "Văn bản triển khai nhiệm vụ"}]
            if st == "hoan_thanh_cham":
                r["kho_khan"] = "Chậm do phải lấy ý kiến nhiều đơn vị, địa phương."
        elif st == "dang_trien_khai":
            r["ty_le_hoan_thanh"] = rng.choice([20, 40, 50, 60, 80])
            r["ket_qua"] = rng.choice(_RESULTS)
        else:
            r["kho_khan"] = "Chưa được bố trí kinh phí thực hiện."
            r["de_xuat"] = rng.choice(_PROPOSALS)
        tasks.append(r)
    if tasks:
        a["nhiem_vu"] = tasks
    a.update({
        "danh_gia_chung": "Đơn vị đã quán triệt, phân công cụ thể nhiệm vụ theo Kế hoạch; các nhiệm vụ trọng tâm được triển khai đúng tiến độ.",
        "tt_so_tin_bai": rng.randint(2, 30), "tt_so_su_kien": rng.randint(1, 5), "tt_so_nguoi_tham_du": rng.randint(50, 400),
        "kho_khan_chung": rng.choice(_DIFFICULTIES), "de_xuat_chung": rng.choice(_PROPOSALS),
        **_officer(rng, unit_code),
    })
    return _only_known(form, a)


def corporation_answers(form: Form, unit_code: str, rng: random.Random, year: int = 2026) -> dict[str, Any]:
    factories = []
    for i in range(rng.randint(2, 6)):
        gen = round(rng.uniform(20_000, 400_000))
        factories.append({"ten": f"Nhà máy số {i + 1}", "dia_diem": rng.choice(["Phú Thọ", "Hà Nội", "Bắc Ninh", "Hưng Yên", "Đồng Nai"]),
                          "san_pham": rng.choice(["Giấy", "Bia", "Máy nông nghiệp", "Thiết bị cơ khí"]),
                          "nt_phat_sinh": gen, "nt_xu_ly": round(gen * rng.uniform(0.9, 1.0)), "xu_ly_nuoc_thai": "tu_xu_ly",
                          "dat_qcvn": "dat", "qt_nuoc_thai": "co", "qt_khi_thai": rng.choice(["co", "khong_thuoc_doi_tuong"]),
                          "giay_phep": "co", "ctnh_phat_sinh": round(rng.uniform(1, 40), 1)})
    gen = sum(f["nt_phat_sinh"] for f in factories)
    treated = sum(f["nt_xu_ly"] for f in factories)
    cr = round(rng.uniform(500, 20_000), 1)
    ctnh = round(sum(f["ctnh_phat_sinh"] for f in factories), 1)
    a = {
        "ke_hoach_trang_thai": "da_ban_hanh",
        "ke_hoach_van_ban": {"so_ky_hieu": f"{rng.randint(10, 999)}/KH-TCT", "ngay": f"{year}-02-1{rng.randint(0, 9)}",
                             "trich_yeu": "Kế hoạch thực hiện Chỉ thị số 20/CT-TTg"},
        "ke_hoach_ket_qua": "Đầu tư cải tạo hệ thống xử lý nước thải, áp dụng sản xuất sạch hơn, tái chế phế phẩm.",
        "nt_phat_sinh": gen, "nt_xu_ly": treated, "nt_dat_qcvn": "dat",
        "cr_phat_sinh": cr, "cr_chuyen_giao": round(cr * 0.6, 1), "cr_tai_che": round(cr * 0.3, 1),
        "ctnh_phat_sinh": ctnh, "ctnh_chuyen_giao": round(ctnh * 0.95, 1),
        "dien_tiet_kiem": round(rng.uniform(50, 3000), 1), "nang_luong_tiet_kiem": round(rng.uniform(10, 500), 1),
        "su_co_so_vu": 0, "kiem_tra_so_doan": rng.randint(0, 3), "vi_pham_so_vu": 0,
        "nha_may": factories,
        "tt_so_su_kien": rng.randint(1, 8), "tt_so_nguoi_tham_du": rng.randint(100, 2000), "tt_so_tin_bai": rng.randint(2, 20),
        "kho_khan_chung": "Chi phí đầu tư công nghệ xử lý môi trường lớn; thiếu nguồn vốn ưu đãi." if treated < gen else None,
        "de_xuat_chung": rng.choice(_PROPOSALS),
        "ngay_chot_so_lieu": f"{year}-10-31",
        **_officer(rng, unit_code),
    }
    a["nguoi_ky_chuc_vu"] = "KT. TỔNG GIÁM ĐỐC\nPHÓ TỔNG GIÁM ĐỐC"
    return _only_known(form, {k: v for k, v in a.items() if v is not None})


def _only_known(form: Form, a: dict[str, Any]) -> dict[str, Any]:
    fm = form.field_map
    return {k: v for k, v in a.items() if k in fm}


def _generic_value(f: Field, rng: random.Random, unit_code: str, depth: int = 0) -> Any:
    t = f.type
    if t == FieldType.table:
        if depth:
            return None
        n = rng.randint(1, 3)
        return [{c.id: v for c in f.columns if (v := _generic_value(c, rng, unit_code, 1)) is not None} for _ in range(n)]
    lo = f.min if f.min is not None else 0
    hi = f.max if f.max is not None else max(lo + 1000, 10)
    if t == FieldType.integer:
        return rng.randint(int(lo), int(min(hi, lo + 500)))
    if t in (FieldType.decimal,):
        return round(rng.uniform(lo, min(hi, lo + 5000)), 1)
    if t == FieldType.percent:
        return round(rng.uniform(max(lo, 0), min(hi, 100)), 1)
    if t in (FieldType.text, FieldType.textarea):
        return "Nội dung đã triển khai theo Kế hoạch." if t == FieldType.textarea else f"Thông tin {f.id}"[: f.max_length or 200]
    if t == FieldType.boolean:
        return rng.random() < 0.7
    if t == FieldType.date:
        return f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}"
    if t == FieldType.choice:
        return f.choices[0].value if f.choices else None
    if t == FieldType.multichoice:
        return [f.choices[0].value] if f.choices else None
    if t == FieldType.document:
        d = {"so_ky_hieu": f"{rng.randint(10, 999)}/QĐ", "ngay": "2026-03-15", "trich_yeu": "Văn bản triển khai"}
        return [d] if f.multiple else d
    return None


def generic_answers(form: Form, unit_code: str, rng: random.Random) -> dict[str, Any]:
    """Fills every field from its definition, then drops fields until no error rule fires."""
    a: dict[str, Any] = dict(form.initial_answers(unit_code))
    for _, f in form.iter_fields():
        if f.id in a:
            continue
        v = _generic_value(f, rng, unit_code)
        if v is not None:
            a[f.id] = v
    for name, value in _officer(rng, unit_code).items():
        if name in form.field_map:
            a[name] = value
    for _ in range(20):
        errs = errors(check_answers(form, a, unit_code))
        if not errs:
            break
        bad = {e.field for e in errs if e.field}
        if not bad:
            break
        required = {f.id for _, f in form.iter_fields() if f.required}
        for fid in bad:
            if fid in a and fid not in required:
                a.pop(fid)
    return a


def answers_for(form: Form, unit_code: str, rng: random.Random, year: int = 2026) -> dict[str, Any]:
    if form.id == "bc-sct":
        return province_answers(form, unit_code, rng, year)
    if form.id == "bc-cucvu":
        return department_answers(form, unit_code, rng, year)
    if form.id == "bc-tct":
        a = corporation_answers(form, unit_code, rng, year)
        if not errors(check_answers(form, a, unit_code)):
            return a
    return generic_answers(form, unit_code, rng)


def vn_time(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    """An aware UTC datetime for a wall-clock time in Vietnam (UTC+7)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.timezone(dt.timedelta(hours=7))).astimezone(dt.timezone.utc)
