"""Packages built and opened per second for a realistic province report (bc-sct, 60 industrial
clusters), without and with a 2 MB attachment, next to the bare cost of the cryptography calls alone
(RSA-3072 sign, RSA key transport to two recipients, AES-256-CBC, RSA unwrap and verify, SHA-256)
measured in the same run. Prints both and their ratio.

    .venv/bin/python benchmarks/bench_package.py [--seconds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cryptography.hazmat.primitives import hashes  # noqa: E402
from cryptography.hazmat.primitives import padding as sympadding  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import padding  # noqa: E402
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # noqa: E402

from reportdesk.package import build_package, open_package  # noqa: E402
from reportdesk.package.format import make_payload  # noqa: E402
from reportdesk.package.identity import generate_identity  # noqa: E402


def province_report(n_clusters: int = 60) -> dict:
    rnd = random.Random(20)
    wards = ["Phú Nghĩa", "Quang Minh", "Ngọc Hồi", "Liên Phương", "Thanh Oai", "Đông Anh", "Sóc Sơn", "Thạch Thất"]
    clusters = []
    for i in range(n_clusters):
        has = rnd.choice(["co", "co", "khong", "dang_xay_dung"])
        clusters.append({
            "ten": f"Cụm công nghiệp {wards[i % len(wards)]} {i + 1}",
            "dia_ban": f"Xã {wards[(i * 3) % len(wards)]}, huyện {wards[(i * 5) % len(wards)]}",
            "dien_tich": round(rnd.uniform(10, 75), 2),
            "ty_le_lap_day": round(rnd.uniform(20, 100), 1),
            "so_doanh_nghiep": rnd.randint(3, 120),
            "htxlnt": has,
            "cong_suat": rnd.choice([500, 1000, 1500, 2000, 3000]) if has == "co" else None,
            "luu_luong": rnd.randint(200, 1500) if has == "co" else None,
            "van_hanh": rnd.choice(["on_dinh", "khong_on_dinh"]) if has == "co" else None,
            "quan_trac": rnd.choice(["co", "khong"]) if has == "co" else None,
            "giay_phep": rnd.choice(["co", "khong"]) if has == "co" else None,
            "ghi_chu": "Đang lập dự án đầu tư hệ thống xử lý nước thải tập trung, dự kiến hoàn thành năm 2027." if has != "co" else "",
        })
    long_text = ("Sở Công Thương đã phối hợp với Cục Kỹ thuật an toàn và Môi trường công nghiệp kiểm tra việc "
                 "chấp hành pháp luật về bảo vệ môi trường tại các cụm công nghiệp trên địa bàn. ") * 12
    return {
        "id": 1, "unit_code": "SCT-01", "form_id": "bc-sct", "form_version": 1, "period": "2026",
        "status": "complete", "revision": 1,
        "answers": {
            "ke_hoach_trang_thai": "da_ban_hanh",
            "ke_hoach_van_ban": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03",
                                 "trich_yeu": "Kế hoạch thực hiện Chỉ thị số 20/CT-TTg"},
            "tong_so_ccn": n_clusters + 4, "so_ccn_hoat_dong": n_clusters, "ccn": clusters,
            "ccn_so_cuoc_kiem_tra": 14, "ccn_so_vi_pham": 6, "ccn_tien_phat": 412.5, "ccn_phoi_hop": long_text,
            "xnk_so_co_so_phe_lieu": 9, "xnk_so_cuoc_kiem_tra": 4, "xnk_so_vi_pham": 1, "xnk_tien_phat": 60,
            "xnk_noi_dung": long_text, "tt_so_su_kien": 12, "tt_so_nguoi_tham_du": 1450, "tt_so_tin_bai": 38,
            "tt_noi_dung": long_text,
            "kinh_phi": [{"nguon": "ngan_sach_dia_phuong", "noi_dung": "Tập huấn cho doanh nghiệp", "du_toan": 350,
                          "da_su_dung": 318.2, "ghi_chu": ""}] * 6,
            "kho_khan_chung": long_text, "de_xuat_chung": long_text,
        },
    }


def rate(fn, seconds: float) -> tuple[float, int]:
    fn()  # warm up
    n, t0 = 0, time.perf_counter()
    while True:
        fn()
        n += 1
        el = time.perf_counter() - t0
        if el >= seconds:
            return n / el, n


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=3.0, help="duration of each measurement")
    args = ap.parse_args()

    unit = generate_identity("SCT-01", "Sở Công Thương Hà Nội")
    atmt = generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt")
    report = province_report(60)
    attachment = {"bien-ban-kiem-tra.pdf": os.urandom(2 * 1024 * 1024)}

    print(f"Python {sys.version.split()[0]}, RSA-3072, AES-256-CBC, SHA-256; {args.seconds:g} s per figure")
    print(f"{'case':<34}{'build/s':>10}{'open/s':>10}{'crypto build/s':>16}{'crypto open/s':>15}{'ratio b':>9}{'ratio o':>9}{'size':>11}")
    for label, att in (("province, 60 clusters", {}), ("province, 60 clusters + 2 MB", attachment)):
        pkg = build_package(report, signer_key=unit.key, signer_cert=unit.cert, recipient_certs=[atmt.cert],
                            attachments=att)
        b_rate, _ = rate(lambda: build_package(report, signer_key=unit.key, signer_cert=unit.cert,
                                               recipient_certs=[atmt.cert], attachments=att), args.seconds)
        o_rate, _ = rate(lambda: open_package(pkg, atmt.key, atmt.cert), args.seconds)

        # bare cryptography calls on data of the same size as the signed payload
        payload, _m = make_payload(report, signer_cert=unit.cert, recipient_certs=[atmt.cert, unit.cert],
                                   attachments=att)
        recipients = [atmt.cert.public_key(), unit.cert.public_key()]
        cek, iv = os.urandom(32), os.urandom(16)
        signed_len = len(payload) + 2000  # SignedData adds the certificate, attributes and signature

        def crypto_build():
            digest = hashlib.sha256(payload).digest()
            sig = unit.key.sign(digest + b"\x00" * 150, padding.PKCS1v15(), hashes.SHA256())  # signed attributes
            wrapped = [pub.encrypt(cek, padding.PKCS1v15()) for pub in recipients]
            p = sympadding.PKCS7(128).padder()
            padded = p.update(payload + b"\x00" * (signed_len - len(payload))) + p.finalize()
            enc = Cipher(algorithms.AES(cek), modes.CBC(iv)).encryptor()
            return sig, wrapped, enc.update(padded) + enc.finalize()

        sig, wrapped, ct = crypto_build()
        attrs = hashlib.sha256(payload).digest() + b"\x00" * 150

        def crypto_open():
            key = atmt.key.decrypt(wrapped[0], padding.PKCS1v15())
            dec = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
            plain = dec.update(ct) + dec.finalize()
            u = sympadding.PKCS7(128).unpadder()
            plain = u.update(plain) + u.finalize()
            hashlib.sha256(plain[:len(payload)]).digest()
            unit.cert.public_key().verify(sig, attrs, padding.PKCS1v15(), hashes.SHA256())

        cb_rate, _ = rate(crypto_build, args.seconds)
        co_rate, _ = rate(crypto_open, args.seconds)
        print(f"{label:<34}{b_rate:>10.1f}{o_rate:>10.1f}{cb_rate:>16.1f}{co_rate:>15.1f}"
              f"{cb_rate / b_rate:>8.2f}x{co_rate / o_rate:>8.2f}x{len(pkg):>11,}")
    print("ratio = bare cryptography rate / full package rate (how much the format, ZIP and checks cost on top).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
