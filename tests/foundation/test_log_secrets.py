"""Nothing secret in a log: a full round through the real command line at DEBUG level (set-up of both
sides, new report, fill — once refused —, export, import at Cục ATMT with a wrong passphrase first,
approve, consolidate), then every log file is searched for the passphrase, PEM/key markers and the
report's distinctive answers."""

from __future__ import annotations

import json
from pathlib import Path

from rdtest import REPO, run_cli

PASS = "Mật-Khẩu-Không-Được-Lộ-7319"
SECRET_ANSWERS = ("Kế hoạch Số Bí Mật 4471/KH-UBND", "Cụm công nghiệp Đặc Biệt Zeta-88",
                  "Nội dung phối hợp duy nhất Q7Z-ATMT")
REFUSED_VALUE = "Giá-trị-sai-Đặc-biệt-5521"


def test_a_full_round_at_debug_level_writes_no_secret_to_any_log(tmp_path: Path):
    env = {"REPORTDESK_LOG_LEVEL": "DEBUG"}
    pp = tmp_path / "pass.txt"
    pp.write_text(PASS + "\n", encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("Sai-Mật-Khẩu-Cũng-Bí-Mật-2208\n", encoding="utf-8")
    unit, atmt, out = tmp_path / "đơn vị", tmp_path / "tổng hợp", tmp_path / "gói"

    def cli(*args, data, ok=True):
        p = run_cli(*args, data_dir=data, env=env)
        if ok:
            assert p.returncode == 0, f"{args}: {p.stderr}"
        return p

    cli("setup", "atmt", "--passphrase-file", str(pp), data=atmt)
    cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(pp), data=unit)
    cli("recipient", "add", str(atmt / "identity" / "cert.pem"), data=unit)
    rid = cli("report", "new", "--form", "bc-sct", "--period", "2026", data=unit).stdout.strip()

    sample = json.loads((REPO / "forms" / "samples" / "bc-sct.json").read_text(encoding="utf-8"))
    answers = sample["answers"]
    answers["ke_hoach_van_ban"]["so_ky_hieu"] = SECRET_ANSWERS[0]
    answers["ccn"][0]["ten"] = SECRET_ANSWERS[1]
    answers["ccn_phoi_hop"] = SECRET_ANSWERS[2]
    bad = dict(answers, tong_so_ccn=REFUSED_VALUE)
    (tmp_path / "bad.json").write_text(json.dumps({"answers": bad}, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "good.json").write_text(json.dumps({"answers": answers}, ensure_ascii=False), encoding="utf-8")
    refused = cli("report", "fill", rid, "--json", str(tmp_path / "bad.json"), data=unit, ok=False)
    assert refused.returncode != 0
    cli("report", "fill", rid, "--json", str(tmp_path / "good.json"), data=unit)
    cli("report", "show", rid, "--json", data=unit)
    cli("report", "xlsx", rid, "--out", str(tmp_path / "bc.xlsx"), data=unit)
    cli("report", "export", rid, "--out", str(out), "--passphrase-file", str(pp), data=unit)

    assert cli("import", str(out), "--passphrase-file", str(wrong), data=atmt, ok=False).returncode != 0
    cli("import", str(out), "--passphrase-file", str(pp), data=atmt)  # quarantined: signer not yet approved
    fp = json.loads(cli("trust", "list", "--json", data=atmt).stdout)
    fps = [s["fingerprint"] for s in (fp if isinstance(fp, list) else fp.get("signers", []))]
    assert fps
    cli("trust", "approve", *fps, data=atmt)
    cli("consolidate", "--period", "2026", "--xlsx", str(tmp_path / "th.xlsx"), "--docx", str(tmp_path / "th.docx"),
        data=atmt)
    shown = cli("report", "list", data=atmt).stdout
    assert "SCT-01" in shown  # the round really reached the consolidation store

    logs = sorted(p for d in (unit, atmt) for p in (d / "logs").rglob("*") if p.is_file())
    assert logs, "no log written"
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in logs)
    assert "import" in text and "consolidate" in text and "fill" in text  # the round was logged
    forbidden = [PASS, "Sai-Mật-Khẩu-Cũng-Bí-Mật-2208", "-----BEGIN", "PRIVATE KEY", "ENCRYPTED", REFUSED_VALUE,
                 *SECRET_ANSWERS, answers["ke_hoach_ket_qua"][:40]]
    leaked = [s for s in forbidden if s in text]
    assert not leaked, f"secrets in the logs: {leaked}"
