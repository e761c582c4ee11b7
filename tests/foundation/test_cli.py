"""The real command line, in subprocesses, on a real data dir."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import PASSPHRASE, run_cli

FIXTURE = Path(__file__).parent / "fixtures" / "thu-nghiem.v1.yaml"

GOOD = {
    "officer": "Nguyễn Văn An",
    "plan_issued": True,
    "plan_doc": {"so_ky_hieu": "123/KH-UBND", "ngay": "2025-11-03", "trich_yeu": "Kế hoạch thực hiện Chỉ thị 20"},
    "events": 3,
    "funding": {"value": 150.5, "estimate": True},
    "clusters": [{"name": "CCN Phú Nghĩa", "occupancy": 85, "wwtp": "co", "capacity": 2000, "flow": 1500}],
    "clusters_operating": 1,
}


@pytest.fixture(scope="module")
def unit_dir(tmp_path_factory):
    base = tmp_path_factory.mktemp("unit")
    pf = base / "pass.txt"
    pf.write_text(PASSPHRASE + "\n", encoding="utf-8")
    d = base / "data"
    run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(pf), data_dir=d, check=True)
    (d / "forms").mkdir(exist_ok=True)
    shutil.copy(FIXTURE, d / "forms" / FIXTURE.name)
    return d


def new_report(d) -> int:
    p = run_cli("report", "new", "--form", "thu-nghiem", "--period", "2026", data_dir=d, check=True)
    assert p.stdout.strip().isdigit(), p.stdout
    return int(p.stdout.strip())


def table_counts(d):
    con = sqlite3.connect(d / "store.sqlite")
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("reports", "answers", "history")}
    finally:
        con.close()


def test_version_and_no_argument_overview(tmp_path):
    p = run_cli("--version")
    assert p.returncode == 0 and p.stdout.startswith("reportdesk ")
    # no command: the desktop app (here its start-up check: the set-up wizard opens, then quits)
    p = run_cli(data_dir=tmp_path / "nothing", env={"REPORTDESK_GUI_SMOKE": "1", "QT_QPA_PLATFORM": "offscreen"})
    assert p.returncode == 0, p.stderr
    assert "usage" not in p.stdout.lower()
    p = run_cli("--help")
    assert p.returncode == 0 and "setup" in p.stdout


def test_forms_list_json_shape(unit_dir):
    p = run_cli("forms", "list", "--json", data_dir=unit_dir, check=True)
    forms = json.loads(p.stdout)
    mine = next(f for f in forms if f["id"] == "thu-nghiem")
    assert mine == {"id": "thu-nghiem", "version": 1, "title": "Biểu mẫu thử nghiệm (Sở Công Thương)",
                    "unit_kinds": ["province"], "periods": ["year", "adhoc"]}


def test_forms_check_prints_file_and_line_for_every_problem(tmp_path):
    bad = tmp_path / "thu-nghiem.v1.yaml"
    text = FIXTURE.read_text(encoding="utf-8")
    text = text.replace("{id: events, type: integer", "{id: events, type: integr")
    text = text.replace("check: clusters_operating <= count(clusters)", "check: \"__import__('os')\"")
    bad.write_text(text, encoding="utf-8")
    good = tmp_path / "ok"
    good.mkdir()
    shutil.copy(FIXTURE, good / FIXTURE.name)
    p = run_cli("forms", "check", str(bad), str(good))
    assert p.returncode == 1
    lines = text.splitlines()
    l_type = next(i for i, x in enumerate(lines, 1) if "type: integr" in x)
    l_rule = next(i for i, x in enumerate(lines, 1) if "__import__" in x)
    assert f"{bad}:{l_type}: " in p.stdout
    assert f"{bad}:{l_rule}: " in p.stdout
    assert "hợp lệ (thu-nghiem v1)" in p.stdout
    assert run_cli("forms", "check", str(good)).returncode == 0


def test_a_broken_form_is_refused_and_the_others_still_load(unit_dir, tmp_path):
    d = tmp_path / "d"
    shutil.copytree(unit_dir, d)
    (d / "forms" / "hong.v1.yaml").write_text("id: hong\nversion: 1\ntitle: [x\n", encoding="utf-8")
    p = run_cli("forms", "list", data_dir=d, check=True)
    assert "thu-nghiem v1" in p.stdout
    assert "hong.v1.yaml:3" in p.stdout
    assert run_cli("report", "new", "--form", "hong", "--period", "2026", data_dir=d).returncode == 1


def test_new_fill_show_check_round_trip(unit_dir, tmp_path):
    rid = new_report(unit_dir)
    src = tmp_path / "answers.json"
    src.write_text(json.dumps({"answers": GOOD}, ensure_ascii=False), encoding="utf-8")
    run_cli("report", "fill", str(rid), "--json", str(src), data_dir=unit_dir, check=True)
    shown = json.loads(run_cli("report", "show", str(rid), "--json", data_dir=unit_dir, check=True).stdout)
    assert set(shown) == {"id", "unit_code", "form_id", "form_version", "period", "status", "revision", "answers",
                          "explanations"}
    assert shown["id"] == rid and shown["unit_code"] == "SCT-01" and shown["form_id"] == "thu-nghiem"
    assert shown["form_version"] == 1 and shown["period"] == "2026" and shown["status"] == "draft"
    assert shown["answers"] == GOOD
    assert run_cli("report", "check", str(rid), data_dir=unit_dir).returncode == 0
    # show's output fills another report
    out = tmp_path / "shown.json"
    out.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
    rid2 = new_report(unit_dir)
    run_cli("report", "fill", str(rid2), "--json", str(out), data_dir=unit_dir, check=True)
    again = json.loads(run_cli("report", "show", str(rid2), "--json", data_dir=unit_dir, check=True).stdout)
    assert again["answers"] == GOOD
    text = run_cli("report", "show", str(rid), data_dir=unit_dir, check=True).stdout
    assert "150,5 triệu đồng (ước thực hiện)" in text and "03/11/2025" in text


def test_check_reports_errors_and_exits_1(unit_dir, tmp_path):
    rid = new_report(unit_dir)
    bad = dict(GOOD, clusters=[{"name": "CCN A", "wwtp": "khong", "capacity": 300}], clusters_operating=4)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps({"answers": bad}), encoding="utf-8")
    run_cli("report", "fill", str(rid), "--json", str(f), data_dir=unit_dir, check=True)
    p = run_cli("report", "check", str(rid), data_dir=unit_dir)
    assert p.returncode == 1
    assert "[ccn/clusters/1/capacity]" in p.stdout and "Chỉ ghi công suất" in p.stdout
    assert "[ccn/clusters_operating]" in p.stdout


def test_fill_with_wrong_types_is_refused_and_changes_nothing(unit_dir, tmp_path):
    rid = new_report(unit_dir)
    good = tmp_path / "good.json"
    good.write_text(json.dumps({"answers": GOOD}), encoding="utf-8")
    run_cli("report", "fill", str(rid), "--json", str(good), data_dir=unit_dir, check=True)
    before = run_cli("report", "show", str(rid), "--json", data_dir=unit_dir, check=True).stdout
    counts = table_counts(unit_dir)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"answers": {"events": "ba", "khong_co": 1, "officer": [{"x": 1}]}}, ensure_ascii=False), encoding="utf-8")
    p = run_cli("report", "fill", str(rid), "--json", str(bad), data_dir=unit_dir)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr
    assert "chung/events" in p.stderr and "'ba'" in p.stderr
    assert "khong_co" in p.stderr
    assert "chung/officer" in p.stderr and "bảng" in p.stderr
    assert run_cli("report", "show", str(rid), "--json", data_dir=unit_dir).stdout == before
    assert table_counts(unit_dir) == counts


@pytest.mark.parametrize("content, needle", [
    ("{not json", "JSON không hợp lệ"),
    ('{"answers": 5}', "đối tượng JSON"),
    ('[1, 2]', "answers"),
])
def test_fill_with_a_malformed_file(unit_dir, tmp_path, content, needle):
    rid = new_report(unit_dir)
    f = tmp_path / "x.json"
    f.write_text(content, encoding="utf-8")
    p = run_cli("report", "fill", str(rid), "--json", str(f), data_dir=unit_dir)
    assert p.returncode == 1 and needle in p.stderr and "Traceback" not in p.stderr


def test_unknown_unit_form_or_period_is_one_line_exit_1_nothing_written(unit_dir, tmp_path, passphrase_file):
    fresh = tmp_path / "fresh"
    p = run_cli("setup", "unit", "--unit", "SCT-99", "--passphrase-file", str(passphrase_file), data_dir=fresh)
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1 and "SCT-99" in p.stderr
    assert not fresh.exists() or not any(fresh.iterdir())
    counts = table_counts(unit_dir)
    for args, needle in [
        (("report", "new", "--form", "khong-co", "--period", "2026"), "khong-co"),
        (("report", "new", "--form", "thu-nghiem", "--period", "2026-Q3"), "2026-Q3"),
        (("report", "new", "--form", "thu-nghiem", "--period", "2040"), "2040"),
        (("report", "show", "999999"), "999999"),
    ]:
        p = run_cli(*args, data_dir=unit_dir)
        assert p.returncode == 1, args
        assert len(p.stderr.strip().splitlines()) == 1 and needle in p.stderr, p.stderr
        assert "Traceback" not in p.stderr
    assert table_counts(unit_dir) == counts


def test_global_options_before_or_after_the_command(unit_dir):
    new_report(unit_dir)
    a = run_cli("--data-dir", str(unit_dir), "report", "list", "--json")
    b = run_cli("report", "list", "--json", "--data-dir", str(unit_dir))
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout and json.loads(a.stdout)


def test_usage_errors_exit_2():
    assert run_cli("report", "new", "--form").returncode == 2
    assert run_cli("no-such-command").returncode == 2


def test_setup_twice_is_refused(unit_dir, passphrase_file):
    p = run_cli("setup", "unit", "--unit", "SCT-01", "--passphrase-file", str(passphrase_file), data_dir=unit_dir)
    assert p.returncode == 1 and "đã có kho dữ liệu" in p.stderr


def test_a_broken_units_file_in_the_data_dir_is_one_clear_line(unit_dir, tmp_path):
    d = tmp_path / "d"
    shutil.copytree(unit_dir, d)
    (d / "units.yaml").write_text("units:\n  - {code: sct 1, name: X, kind: planet}\n", encoding="utf-8")
    p = run_cli("report", "new", "--form", "thu-nghiem", "--period", "2026", data_dir=d)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert p.stderr.startswith("Danh mục đơn vị bị lỗi") and "units.yaml:2" in p.stderr
