"""Issue 14, consolidation side: no file can stop an import, honest timeliness, bounded work and text
for strangers. Real packages (real keys, real CMS), real SQLite stores, the real command line."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import time
import zipfile

import pytest
from sqlalchemy import select

from reportdesk.consolidate.synthetic import vn_time
from reportdesk.package import format as F
from reportdesk.package.identity import fingerprint, generate_identity
from reportdesk.store.consolidation import ImportLogEntry, Receipt

from .conftest import PASSPHRASE


def _cli_import(world, cli, *paths, timeout=180):
    world.ctx.close()
    world.reload()
    proc = cli("import", *(str(p) for p in (paths or [world.out])), "--json", "--passphrase-file",
               str(world.passphrase_file), data_dir=world.data_dir, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    return proc, {os.path.basename(x["file"]): x for x in lines[:-1]}, lines[-1]


def _log(world):
    with world.ctx.store().read_session() as s:
        return list(s.scalars(select(ImportLogEntry).order_by(ImportLogEntry.id)))


def _crafted(world, unit: str, mutate, *, name: str) -> "os.PathLike":
    """A package signed with the unit's real key whose manifest was changed by ``mutate`` before signing."""
    ident = world.ids[unit]
    recipients = [world.ids["ATMT"].cert, ident.cert]
    rep = {"unit_code": unit, "form_id": world.form_for(unit), "form_version": 1, "period": "2026", "revision": 1,
           "answers": world.answers(unit)}
    payload, manifest = F.make_payload(rep, signer_cert=ident.cert, recipient_certs=recipients,
                                       created_at=vn_time(2026, 11, 10))
    zf = zipfile.ZipFile(io.BytesIO(payload))
    entries = [(n, zf.read(n)) for n in zf.namelist()]
    mutate(manifest)
    entries = [(n, json.dumps(manifest, ensure_ascii=False).encode() if n == "manifest.json" else b)
               for n, b in entries]
    p = world.out / name
    p.write_bytes(F.seal_payload(F._zip(entries), ident.key, ident.cert, recipients))
    return p


# --- defect 1: one file must not stop the import of a folder -----------------------------------

def test_huge_revision_between_valid_packages_is_rejected_and_the_others_import(world, cli):
    world.svc.add_signer(_der(world.ids["SCT-01"].cert))
    world.svc.add_signer(_der(world.ids["CUC-HC"].cert))
    world.package("SCT-01", name="a_valid.rdpkg")
    world.package("SCT-04", revision=10**30, name="b_rev_10e30.rdpkg")
    world.package("SCT-22", revision=2**63, name="c_rev_2e63.rdpkg")
    world.package("TCT-HABECO", form_version=10**30, name="d_formver.rdpkg")
    world.package("CUC-HC", name="e_valid.rdpkg")
    proc, by, summary = _cli_import(world, cli)
    assert proc.returncode == 1
    assert by["a_valid.rdpkg"]["outcome"] == "accepted" and by["e_valid.rdpkg"]["outcome"] == "accepted"
    for n in ("b_rev_10e30.rdpkg", "c_rev_2e63.rdpkg", "d_formver.rdpkg"):
        assert by[n]["outcome"] == "rejected" and by[n]["revision"] is None
        assert "1.000.000" in by[n]["reason"], by[n]
    assert summary == {"summary": {"accepted": 2, "duplicate": 0, "stale": 0, "quarantined": 0, "rejected": 3}}
    log = _log(world)
    assert len(log) == 5 and sorted(x.outcome for x in log) == ["accepted"] * 2 + ["rejected"] * 3
    # and a second run does not hit it again: everything is a duplicate or the same rejection
    proc, by, summary = _cli_import(world, cli)
    assert summary["summary"]["duplicate"] == 2 and summary["summary"]["rejected"] == 3


def _der(cert):
    from cryptography.hazmat.primitives import serialization

    return cert.public_bytes(serialization.Encoding.DER)


# --- defect 5: only regular files are read ----------------------------------------------------

def test_symlink_to_dev_zero_and_fifo_are_rejected_without_reading(world, cli):
    world.package("SCT-01", name="a_valid.rdpkg")
    os.symlink("/dev/zero", world.out / "b_zero.rdpkg")
    os.mkfifo(world.out / "c_fifo.rdpkg")
    t0 = time.monotonic()
    proc, by, summary = _cli_import(world, cli, timeout=120)
    assert time.monotonic() - t0 < 120
    assert by["a_valid.rdpkg"]["outcome"] == "quarantined"
    assert by["b_zero.rdpkg"]["outcome"] == "rejected" and "liên kết" in by["b_zero.rdpkg"]["reason"]
    assert by["c_fifo.rdpkg"]["outcome"] == "rejected" and "FIFO" in by["c_fifo.rdpkg"]["reason"]
    # named one by one on the command line too
    proc, by, _ = _cli_import(world, cli, world.out / "c_fifo.rdpkg", world.out / "b_zero.rdpkg", timeout=120)
    assert {x["outcome"] for x in by.values()} == {"rejected"}


# --- defect 6: stranger text cut and escaped ---------------------------------------------------

def test_huge_format_string_and_ansi_unit_code_are_cut_and_escaped(world, cli):
    _crafted(world, "SCT-01", lambda m: m.update(format="%s%n" * (4 * 1024 * 1024)), name="a_format.rdpkg")
    ansi = generate_identity("SCT-01\x1b[2J\x1b[31m", "Đơn vị \x1b]0;pwned\x07", "unit",
                             now=dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc))
    world.ids["ANSI"] = ansi
    rep = {"unit_code": "SCT-01\x1b[2J\x1b[31m", "form_id": "bc-sct", "form_version": 1, "period": "2026",
           "revision": 1, "answers": world.answers("SCT-01")}
    built = F.make_package(rep, signer_key=ansi.key, signer_cert=ansi.cert, recipient_certs=[world.ids["ATMT"].cert],
                           created_at=vn_time(2026, 11, 10))
    (world.out / "b_ansi\x1b[1m.rdpkg").write_bytes(built.data)
    proc, by, _ = _cli_import(world, cli)
    assert "\x1b" not in proc.stdout and "\x07" not in proc.stdout
    assert len(proc.stdout) < 5000, len(proc.stdout)
    fmt = by["a_format.rdpkg"]
    assert fmt["outcome"] == "rejected" and len(fmt["reason"]) <= 401
    ansi_line = next(v for k, v in by.items() if k.startswith("b_ansi"))
    assert ansi_line["outcome"] == "rejected"
    assert "\\x1b" in ansi_line["file"] and "\\x1b" in (ansi_line["unit_code"] or ansi_line["reason"])
    for row in _log(world):
        for v in (row.file, row.reason, row.unit_code):
            assert v is None or ("\x1b" not in v and len(v) <= 1001)
    # the text output too
    proc = cli("import", str(world.out), "--passphrase-file", str(world.passphrase_file), data_dir=world.data_dir)
    assert "Traceback" not in proc.stderr and "\x1b" not in proc.stdout and len(proc.stdout) < 5000


# --- defect 7: period codes ---------------------------------------------------------------------

def test_period_with_newline_is_refused_and_unknown_periods_are_held_until_the_calendar_knows_them(world):
    world.svc.add_signer(_der(world.ids["SCT-01"].cert))
    world.svc.add_signer(_der(world.ids["SCT-04"].cert))
    world.package("SCT-01", period="2026\n", name="a_newline.rdpkg")
    world.package("SCT-01", period="2030", name="b_2030.rdpkg")
    world.package("SCT-04", period="2026-AH-x", name="c_adhoc.rdpkg")
    res = world.import_()
    by = {os.path.basename(o.file): o for o in res.outcomes}
    assert by["a_newline.rdpkg"].outcome == "rejected" and by["a_newline.rdpkg"].code == "bad_manifest"
    for n in ("b_2030.rdpkg", "c_adhoc.rdpkg"):
        assert by[n].outcome == "quarantined" and by[n].code == "unknown_period", by[n]
        assert "lịch báo cáo" in by[n].reason
    assert world.state()["reports"] == []
    # the calendar learns the ad hoc period: the held package merges at the next import
    (world.data_dir / "calendar.yaml").write_text(
        'periods:\n  - code: "2026-AH-x"\n    kind: adhoc\n    label: Rà soát x\n'
        '    deadlines: {province: 2026-12-31}\n', encoding="utf-8")
    svc = world.reload()
    res = svc.import_paths([], PASSPHRASE)
    assert [(o.period, o.outcome) for o in res.released] == [("2026-AH-x", "accepted")], res.released[0].reason
    assert [r[2] for r in world.state()["reports"]] == ["2026-AH-x"]
    with world.ctx.store().read_session() as s:
        assert s.scalar(select(Receipt.state).where(Receipt.period == "2030")) == "held"


# --- defect 2: timeliness rests on our receiving time too ---------------------------------------

def test_package_dated_before_the_period_window_is_rejected(world):
    world.svc.add_signer(_der(world.ids["SCT-01"].cert))
    world.package("SCT-01", created_at=vn_time(2025, 12, 10), name="a_backdated.rdpkg")  # 2026 opens 15/12/2025
    world.package("SCT-04", created_at=vn_time(2025, 12, 10), name="b_backdated_unknown_signer.rdpkg")
    res = world.import_()
    assert [(o.outcome, o.code) for o in res.outcomes] == [("rejected", "created_before_period")] * 2
    assert "15/12/2025" in res.outcomes[0].reason
    assert world.state()["reports"] == []


def test_signed_on_time_but_received_late_is_flagged_in_status_and_workbook(world, cli, tmp_path):
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    prov_deadline = today - dt.timedelta(days=5)
    (world.data_dir / "calendar.yaml").write_text(
        'periods:\n  - code: "2026"\n    kind: year\n    label: Năm 2026\n'
        f'    window: [2025-12-15, {today + dt.timedelta(days=30)}]\n'
        f'    deadlines: {{province: {prov_deadline}, department: {today}, corporation: {prov_deadline}}}\n',
        encoding="utf-8")
    signed = dt.datetime.combine(prov_deadline - dt.timedelta(days=1), dt.time(9), tzinfo=dt.timezone.utc)
    for u in ("SCT-01", "CUC-HC", "SCT-04"):
        world.svc.add_signer(_der(world.ids[u].cert))
    world.package("SCT-01", created_at=signed)  # signed on time, received 5 days after the deadline
    world.package("CUC-HC", created_at=signed)  # its deadline is today: received in time
    world.package("SCT-04", created_at=dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=5))  # plainly late
    world.reload()
    world.import_()
    world.ctx.close()
    proc = cli("status", "--period", "2026", "--json", data_dir=world.data_dir)
    assert proc.returncode == 0, proc.stderr
    st = {x["unit_code"]: x for x in json.loads(proc.stdout)}
    assert st["SCT-01"]["state"] == "on_time" and st["SCT-01"]["signed_on_time_received_late"] is True
    assert st["SCT-01"]["signed_at"].endswith("Z") and st["SCT-01"]["received_at"].endswith("Z")
    assert st["CUC-HC"]["state"] == "on_time" and st["CUC-HC"]["signed_on_time_received_late"] is False
    assert st["SCT-04"]["state"] == "late" and st["SCT-04"]["signed_on_time_received_late"] is False
    proc = cli("status", "--period", "2026", data_dir=world.data_dir)
    line = next(x for x in proc.stdout.splitlines() if x.startswith("SCT-01"))
    assert "Đúng hạn" in line and "nhận" in line and "ký trong hạn nhưng Cục nhận được muộn (5 ngày sau hạn)" in line
    out = tmp_path / "th.xlsx"
    proc = cli("consolidate", "--period", "2026", "--xlsx", str(out), data_dir=world.data_dir)
    assert proc.returncode == 0, proc.stderr
    import openpyxl

    sh = openpyxl.load_workbook(out)["Tình hình gửi"]
    rows = {r[0]: r for r in sh.iter_rows(values_only=True) if r and r[0] in ("SCT-01", "CUC-HC")}
    assert "nhận được muộn (5 ngày sau hạn)" in rows["SCT-01"][-1]
    assert rows["SCT-01"][9] is not None  # the received time beside the signing time
    assert "muộn" not in (rows["CUC-HC"][-1] or "")


# --- defect 8: junk is not kept forever --------------------------------------------------------

def test_rejected_bytes_are_pruned_after_the_kept_time_or_size_quarantined_kept(world):
    junk = world.out / "junk.rdpkg"
    junk.write_bytes(os.urandom(300_000))
    world.package("SCT-01", name="quarantined.rdpkg")
    res = world.import_()
    by = {os.path.basename(o.file): o for o in res.outcomes}
    received = world.data_dir / "received"
    junk_sha, q_sha = by["junk.rdpkg"].sha256, by["quarantined.rdpkg"].sha256
    assert (received / junk_sha).exists() and (received / q_sha).exists()
    old = time.time() - 31 * 86400
    for sha in (junk_sha, q_sha):
        os.utime(received / sha, (old, old))
    junk.unlink()
    world.import_()  # pruning happens at import time
    assert not (received / junk_sha).exists()
    assert (received / q_sha).exists()  # waiting for a decision: kept whatever its age
    assert any(r.file_sha256 == junk_sha for r in _log(world))  # the log still names it
    # the size bound: 0 MB keeps nothing rejected older than an hour, even if recent in days
    world.ctx.store().set_meta("received_keep_mb", "0")
    junk2 = world.out / "junk2.rdpkg"
    junk2.write_bytes(os.urandom(1000))
    sha2 = world.import_(junk2).outcomes[0].sha256
    two_hours = time.time() - 7200
    os.utime(received / sha2, (two_hours, two_hours))
    world.import_(world.out / "quarantined.rdpkg")
    assert not (received / sha2).exists() and (received / q_sha).exists()


# --- defect 9 (consolidation side): a second approved certificate is said loudly ----------------

def test_trust_list_and_approve_warn_when_the_unit_already_has_an_approved_certificate(world, cli):
    world.package("SCT-01")
    world.package("SCT-01", signer="SCT-01#2", revision=2)
    world.import_()
    world.approve("SCT-01")
    first = fingerprint(world.ids["SCT-01"].cert)
    second = fingerprint(world.ids["SCT-01#2"].cert)
    world.ctx.close()
    grouped = " ".join(first[i:i + 4] for i in range(0, 64, 4))
    proc = cli("trust", "list", data_dir=world.data_dir)
    assert "Đơn vị này đã có chứng thư được chấp thuận (dấu vân tay " + grouped in proc.stdout
    proc = cli("trust", "list", "--json", data_dir=world.data_dir)
    rows = {x["fingerprint"].replace(" ", ""): x for x in json.loads(proc.stdout)}
    assert rows[second]["unit_other_approved"] == [grouped] and rows[first]["unit_other_approved"] == []
    proc = cli("trust", "approve", second, data_dir=world.data_dir)
    assert proc.returncode == 0, proc.stderr
    assert "Đơn vị này đã có chứng thư được chấp thuận (dấu vân tay " + grouped in proc.stdout


def test_period_codes_are_matched_whole_and_the_late_receipt_days_are_calendar_data(tmp_path):
    from reportdesk.domain.calendar import load_calendar, parse_period_code

    for bad in ("2026\n", "2026-H1\n", "2026-AH-x\n", "\u0662\u0660\u0662\u0666", "2026 "):
        with pytest.raises(ValueError):
            parse_period_code(bad)
    assert parse_period_code("2026-AH-ra-soat") == (2026, "adhoc", "ra-soat")
    f = tmp_path / "calendar.yaml"
    f.write_text('periods:\n  - code: "2026"\n    kind: year\n    label: Năm 2026\n'
                 '    deadlines: {province: 2026-11-14}\n    received_late_after_days: 7\n'
                 '  - code: "2027"\n    kind: year\n    label: Năm 2027\n    deadlines: {province: 2027-11-14}\n',
                 encoding="utf-8")
    cal = load_calendar(f)
    assert cal.get("2026").received_late_after_days == 7 and cal.get("2027").received_late_after_days == 3
