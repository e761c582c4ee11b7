"""Import: every outcome, every rejection logged with its reason and nothing merged, idempotence,
the signer registry, held form versions, progress and cancel."""

from __future__ import annotations

import datetime as dt
import shutil
import threading

import pytest
from sqlalchemy import select

from reportdesk.consolidate.synthetic import vn_time
from reportdesk.package.identity import fingerprint
from reportdesk.store.consolidation import ImportLogEntry, Receipt
from reportdesk.store.models import Report

PASSPHRASE = "mật-khẩu-tổng-hợp-2026"


def outcomes(summary):
    return [(o.outcome, o.unit_code, o.revision) for o in summary.outcomes]


def test_every_outcome(world):
    p1 = world.package("SCT-01", revision=1, created_at=vn_time(2026, 11, 10))
    s = world.import_(p1)
    assert outcomes(s) == [("quarantined", "SCT-01", 1)]
    assert "chưa được phê duyệt" in s.outcomes[0].reason
    # approving merges the quarantined package
    r = world.approve("SCT-01")
    assert [(o.outcome, o.revision) for o in r.merged] == [("accepted", 1)]
    # a newer revision supersedes
    p2 = world.package("SCT-01", revision=2, created_at=vn_time(2026, 11, 12))
    s = world.import_(p2)
    assert outcomes(s) == [("accepted", "SCT-01", 2)]
    assert s.outcomes[0].superseded_revision == 1 and "Thay thế lần gửi 1" in s.outcomes[0].reason
    # an older revision arriving late is stale: kept in history, not current
    p0 = world.package("SCT-01", revision=1, created_at=vn_time(2026, 11, 9))
    s = world.import_(p0)
    assert outcomes(s) == [("stale", "SCT-01", 1)]
    # the same package again is a duplicate
    s = world.import_(p2)
    assert outcomes(s) == [("duplicate", "SCT-01", 2)]
    junk = world.out / "junk.rdpkg"
    junk.write_bytes(b"not a package")
    s = world.import_(junk)
    assert outcomes(s) == [("rejected", None, None)] and s.rejected == 1
    with world.ctx.store().read_session() as ss:
        states = sorted((x.revision, x.state) for x in ss.scalars(select(Receipt)))
        assert states == [(1, "stale"), (1, "superseded"), (2, "current")]
        reports = sorted((x.revision, x.status, x.origin) for x in ss.scalars(select(Report)))
        assert reports == [(1, "superseded", "imported"), (1, "superseded", "imported"), (2, "received", "imported")]
    assert world.ctx.store().integrity_check() == "ok"


def test_duplicate_by_package_id_whatever_revision(world):
    world.svc.add_signer(world.ids["SCT-04"].cert.public_bytes(_der()))
    p = world.package("SCT-04", revision=1, package_id="2b1d7c52-8a4e-4d0a-9a3c-4f1e2b3c4d5e")
    assert outcomes(world.import_(p)) == [("accepted", "SCT-04", 1)]
    again = world.package("SCT-04", revision=5, package_id="2b1d7c52-8a4e-4d0a-9a3c-4f1e2b3c4d5e", name="again.rdpkg")
    s = world.import_(again)
    assert [o.outcome for o in s.outcomes] == ["duplicate"]
    with world.ctx.store().read_session() as ss:
        assert [r.revision for r in ss.scalars(select(Receipt))] == [1]


def _der():
    from cryptography.hazmat.primitives import serialization
    return serialization.Encoding.DER


def _bad_files(world):
    """(name, path, expected code) of files that must be rejected."""
    good = world.package("SCT-01", revision=7, name="good.rdpkg")
    data = good.read_bytes()
    out = []

    def put(name, blob):
        p = world.root / "bad" / name
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(blob)
        return p

    out.append(("empty", put("empty.rdpkg", b""), "empty"))
    out.append(("text", put("text.rdpkg", "xin chào".encode()), "not_cms"))
    out.append(("truncated", put("truncated.rdpkg", data[: len(data) // 2]), None))
    flipped = bytearray(data)
    flipped[len(flipped) - 40] ^= 0xFF
    out.append(("tampered", put("tampered.rdpkg", bytes(flipped)), None))
    other = world.package("SCT-01", revision=8, recipient="OTHER-ATMT", name="other.rdpkg")
    out.append(("not_for_us", other, "not_for_us"))
    bad_answers = world.answers("SCT-01")
    bad_answers["tong_so_ccn"] = "nhiều"
    out.append(("answers", world.package("SCT-01", revision=9, answers=bad_answers, name="answers.rdpkg"), "answers_invalid"))
    wrong_unit = world.package("SCT-04", revision=1, signer="SCT-01", name="wrong-unit.rdpkg")
    out.append(("unit_mismatch", wrong_unit, "unit_mismatch"))
    future = world.package("SCT-01", revision=10, created_at=dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=3),
                           name="future.rdpkg")
    out.append(("future", future, "created_in_future"))
    # a certificate that had expired when the package was signed
    from reportdesk.package.identity import generate_identity
    old = generate_identity("SCT-01", "Sở Công Thương Hà Nội", "unit", key=world.ids["SCT-01"].key,
                            now=dt.datetime(2019, 1, 1, tzinfo=dt.timezone.utc), days=30)
    world.ids["SCT-01#expired"] = old
    out.append(("expired", world.package("SCT-01", revision=11, signer="SCT-01#expired", name="expired.rdpkg"), "cert_expired"))
    # signed for another recipient, re-encrypted to us: the signed manifest does not name us
    from reportdesk.package.format import make_payload, seal_payload
    ident = world.ids["SCT-01"]
    report = {"unit_code": "SCT-01", "form_id": "bc-sct", "form_version": 1, "period": "2026", "revision": 12,
              "answers": world.answers("SCT-01")}
    payload, _ = make_payload(report, signer_cert=ident.cert, recipient_certs=[world.ids["OTHER-ATMT"].cert],
                              created_at=vn_time(2026, 11, 10))
    out.append(("recipient", put("recipient.rdpkg", seal_payload(payload, ident.key, ident.cert, [world.ids["ATMT"].cert])),
                "recipient_mismatch"))
    # a ZIP with a path outside itself
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("../../etc/evil.txt", "x")
    out.append(("zip_path", put("zip-path.rdpkg", seal_payload(buf.getvalue(), ident.key, ident.cert, [world.ids["ATMT"].cert])),
                "zip_unsafe_path"))
    return out


def test_every_rejection_is_logged_and_merges_nothing(world):
    world.svc.add_signer(world.ids["SCT-01"].cert.public_bytes(_der()))
    base = world.package("SCT-01", revision=1, name="base.rdpkg")
    world.import_(base)
    before = world.state()
    bad = _bad_files(world)
    for name, path, code in bad:
        s = world.import_(path)
        assert len(s.outcomes) == 1, name
        o = s.outcomes[0]
        assert o.outcome == "rejected", (name, o)
        assert o.reason, name
        if code:
            assert o.code == code, (name, o.code, o.reason)
        assert world.state() == before, name
        log = world.svc.import_log(s.run_id)
        assert [(e.outcome, e.reason) for e in log] == [("rejected", o.reason)]
        assert log[0].file_sha256 is None or (world.data_dir / "received" / log[0].file_sha256).exists()
    assert world.ctx.store().integrity_check() == "ok"


def test_revoked_signer_rejects_future_packages_and_flags_past(world):
    world.svc.add_signer(world.ids["SCT-22"].cert.public_bytes(_der()))
    assert outcomes(world.import_(world.package("SCT-22", revision=1))) == [("accepted", "SCT-22", 1)]
    res = world.svc.revoke(" ".join(fingerprint(world.ids["SCT-22"].cert)[i:i + 4] for i in range(0, 64, 4)))
    assert res.signer.state == "revoked"
    s = world.import_(world.package("SCT-22", revision=2))
    assert [(o.outcome, o.code) for o in s.outcomes] == [("rejected", "cert_revoked")]
    from reportdesk.consolidate.status import status_for
    st = {(e.unit_code): e for e in status_for(world.ctx, "2026").entries}
    assert st["SCT-22"].revision == 1 and "revoked_signer" in st["SCT-22"].flags


def test_two_approved_certificates_for_one_unit(world):
    for k in ("SCT-01", "SCT-01#2"):
        world.svc.add_signer(world.ids[k].cert.public_bytes(_der()))
    s = world.import_(world.package("SCT-01", revision=1), world.package("SCT-01", revision=2, signer="SCT-01#2"))
    assert outcomes(s) == [("accepted", "SCT-01", 1), ("accepted", "SCT-01", 2)]
    fps = {x.fingerprint: x for x in world.svc.signers()}
    assert {x.state for x in fps.values()} == {"approved"} and {x.unit_code for x in fps.values()} == {"SCT-01"}


def test_approve_accepts_fingerprint_with_colons_or_no_separator(world):
    world.import_(world.package("CUC-HC"))
    fp = fingerprint(world.ids["CUC-HC"].cert)
    res = world.svc.approve(":".join(fp[i:i + 2] for i in range(0, 64, 2)).upper())
    assert [o.outcome for o in res.merged] == ["accepted"]
    from reportdesk.errors import UserError
    with pytest.raises(UserError):
        world.svc.approve("abcd")
    with pytest.raises(UserError):
        world.svc.approve("0" * 64)


def test_importing_the_same_folder_twice_changes_nothing(world):
    for u in ("SCT-01", "CUC-HC"):
        world.svc.add_signer(world.ids[u].cert.public_bytes(_der()))
    world.package("SCT-01", revision=1)
    world.package("SCT-01", revision=2)
    world.package("CUC-HC", revision=1)
    world.package("TCT-HABECO", revision=1)  # unknown signer: quarantined
    (world.out / "junk.rdpkg").write_bytes(b"junk")
    first = world.import_()
    assert sorted(first.counts.items()) == sorted({"accepted": 3, "duplicate": 0, "stale": 0, "quarantined": 1,
                                                   "rejected": 1}.items())
    state = world.state()
    second = world.import_()
    assert second.counts == {"accepted": 0, "duplicate": 4, "stale": 0, "quarantined": 0, "rejected": 1}
    assert world.state() == state


def test_unknown_form_version_is_held_then_merged_when_installed(world):
    world.svc.add_signer(world.ids["SCT-04"].cert.public_bytes(_der()))
    p = world.package("SCT-04", form_version=2, revision=1)
    s = world.import_(p)
    o = s.outcomes[0]
    assert o.outcome == "quarantined" and "phiên bản 2" in o.reason and o.code == "unknown_form_version"
    with world.ctx.store().read_session() as ss:
        assert [r.state for r in ss.scalars(select(Receipt))] == ["held"]
    from reportdesk.consolidate.status import status_for
    e = next(e for e in status_for(world.ctx, "2026").entries if e.unit_code == "SCT-04")
    assert e.state == "quarantined" and "held" in e.flags
    # install version 2 of the form into the data dir, then any later import merges it
    from reportdesk import paths
    src = (paths.shipped_forms_dir() / "bc-sct.v1.yaml").read_text(encoding="utf-8")
    (world.data_dir / "forms").mkdir(exist_ok=True)
    (world.data_dir / "forms" / "bc-sct.v2.yaml").write_text(src.replace("\nversion: 1\n", "\nversion: 2\n"), encoding="utf-8")
    world.reload()
    s = world.svc.import_paths([], PASSPHRASE)
    assert [(x.outcome, x.revision) for x in s.released] == [("accepted", 1)]
    with world.ctx.store().read_session() as ss:
        assert [r.state for r in ss.scalars(select(Receipt))] == ["current"]
        assert [(r.form_version, r.status) for r in ss.scalars(select(Report))] == [(2, "received")]


def test_progress_and_cancel_leave_finished_files_merged_and_the_rest_untouched(world):
    world.svc.add_signer(world.ids["SCT-01"].cert.public_bytes(_der()))
    files = [world.package("SCT-01", revision=i, name=f"p{i:02d}.rdpkg") for i in range(1, 7)]
    seen = []
    cancel = threading.Event()

    def progress(done, total, current):
        seen.append((done, total, current))
        if done == 2:
            cancel.set()

    s = world.svc.import_paths([world.out], PASSPHRASE, progress=progress, cancel=cancel, batch_size=1)
    assert s.cancelled and [o.revision for o in s.outcomes] == [1, 2]
    assert seen == [(1, 6, str(files[0])), (2, 6, str(files[1]))]
    with world.ctx.store().read_session() as ss:
        assert sorted(r.revision for r in ss.scalars(select(Receipt))) == [1, 2]
    s = world.import_()
    assert [o.outcome for o in s.outcomes] == ["duplicate", "duplicate", "accepted", "accepted", "accepted", "accepted"]


def test_worker_processes_give_the_same_result_as_one_process(world, tmp_path, make_world):
    for u in ("SCT-01", "SCT-04", "CUC-HC"):
        world.svc.add_signer(world.ids[u].cert.public_bytes(_der()))
    for u in ("SCT-01", "SCT-04", "CUC-HC"):
        for rev in (1, 2):
            world.package(u, revision=rev)
    (world.out / "junk.rdpkg").write_bytes(b"junk")
    other = make_world(tmp_path / "other")
    for u in ("SCT-01", "SCT-04", "CUC-HC"):
        other.svc.add_signer(world.ids[u].cert.public_bytes(_der()))
    a = world.svc.import_paths([world.out], PASSPHRASE, workers=1)
    b = other.svc.import_paths([world.out], PASSPHRASE, workers=2)
    assert [(o.file, o.outcome, o.reason if o.outcome != "duplicate" else None) for o in a.outcomes] == \
           [(o.file, o.outcome, o.reason if o.outcome != "duplicate" else None) for o in b.outcomes]
    sa, sb = world.state(), other.state()
    assert sa["reports"] == sb["reports"] and sa["receipts"] == sb["receipts"]
    other.svc.close()
    other.ctx.close()


def test_original_bytes_are_kept_content_addressed(world):
    p = world.package("SCT-01")
    world.import_(p)
    import hashlib
    sha = hashlib.sha256(p.read_bytes()).hexdigest()
    kept = world.data_dir / "received" / sha
    assert kept.read_bytes() == p.read_bytes()
    assert not [x for x in kept.parent.iterdir() if x.name.endswith(".tmp")]


def test_log_records_every_file(world):
    world.package("SCT-01")
    (world.out / "junk.rdpkg").write_bytes(b"junk")
    s = world.import_()
    log = world.svc.import_log(s.run_id)
    assert sorted(e.outcome for e in log) == ["quarantined", "rejected"]
    assert all(e.reason for e in log)
    with world.ctx.store().read_session() as ss:
        assert ss.query(ImportLogEntry).count() == 2


def test_cli_import_json_contract_and_exit_codes(world, cli):
    world.package("SCT-01")
    (world.out / "junk.rdpkg").write_bytes(b"junk")
    world.ctx.close()
    proc = cli("import", str(world.out), "--json", "--passphrase-file", str(world.passphrase_file), data_dir=world.data_dir)
    assert proc.returncode == 1, proc.stderr
    import json
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert set(lines[0]) == {"file", "outcome", "reason", "unit_code", "form_id", "period", "revision"}
    assert {x["outcome"] for x in lines[:-1]} == {"quarantined", "rejected"}
    assert lines[-1] == {"summary": {"accepted": 0, "duplicate": 0, "stale": 0, "quarantined": 1, "rejected": 1}}
    fp = fingerprint(world.ids["SCT-01"].cert)
    proc = cli("trust", "list", data_dir=world.data_dir)
    grouped = " ".join(fp[i:i + 4] for i in range(0, 64, 4))
    assert grouped in proc.stdout and "chờ phê duyệt" in proc.stdout
    proc = cli("trust", "approve", grouped, data_dir=world.data_dir)
    assert proc.returncode == 0 and "đã nhận" in proc.stdout, proc.stderr
    (world.out / "junk.rdpkg").unlink()
    proc = cli("import", str(world.out), "--passphrase-file", str(world.passphrase_file), data_dir=world.data_dir)
    assert proc.returncode == 0 and "TRÙNG" in proc.stdout
    proc = cli("import", str(world.out), "--passphrase-file", str(world.root / "nope.txt"), data_dir=world.data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    wrong = world.root / "wrong.txt"
    wrong.write_text("sai-mat-khau\n")
    proc = cli("import", str(world.out), "--passphrase-file", str(wrong), data_dir=world.data_dir)
    assert proc.returncode == 1 and "Mật khẩu" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_trust_list_json_and_revoke(world, cli):
    world.import_(world.package("SCT-04"))
    world.svc.close()
    world.ctx.close()
    import json
    proc = cli("trust", "list", "--json", data_dir=world.data_dir)
    data = json.loads(proc.stdout)
    assert len(data) == 1 and data[0]["state"] == "pending" and data[0]["unit_code"] == "SCT-04"
    fp = data[0]["fingerprint"]
    assert len(fp.split(" ")) == 16 and all(len(g) == 4 for g in fp.split(" ")) and fp == fp.lower()
    proc = cli("trust", "revoke", fp.replace(" ", ""), data_dir=world.data_dir)
    assert proc.returncode == 0, proc.stderr
    proc = cli("trust", "list", "--json", data_dir=world.data_dir)
    assert json.loads(proc.stdout)[0]["state"] == "revoked"
    proc = cli("trust", "approve", fp, data_dir=world.data_dir)
    assert proc.returncode == 1 and "thu hồi" in proc.stderr
    proc = cli("trust", "approve", "1234", data_dir=world.data_dir)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr


def test_benchmark_script_runs(tmp_path):
    import subprocess
    import sys
    from pathlib import Path
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_import.py"
    proc = subprocess.run([sys.executable, str(script), "--count", "30", "--workdir", str(tmp_path / "b")],
                          capture_output=True, text=True, encoding="utf-8", timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "packages/s" in proc.stdout and "import / bare" in proc.stdout and "consolidated workbook" in proc.stdout
    assert '"accepted": ' in proc.stdout and '"rejected": 0' in proc.stdout


def test_forms_install_merges_held_packages_and_refuses_a_changed_version(world, tmp_path):
    from rdtest import run_cli
    from reportdesk import paths

    world.svc.add_signer(world.ids["SCT-04"].cert.public_bytes(_der()))
    s = world.import_(world.package("SCT-04", form_version=2, revision=1))
    assert s.outcomes[0].code == "unknown_form_version"
    world.svc.close()
    src = (paths.shipped_forms_dir() / "bc-sct.v1.yaml").read_text(encoding="utf-8")
    v2 = tmp_path / "bc-sct.v2.yaml"
    v2.write_text(src.replace("\nversion: 1\n", "\nversion: 2\n"), encoding="utf-8")
    broken = tmp_path / "bc-xyz.v1.yaml"
    broken.write_text("id: bc-xyz\nversion: 1\ntitle: [\n", encoding="utf-8")
    # one invalid file: nothing at all is installed
    p = run_cli("forms", "install", str(v2), str(broken), data_dir=world.data_dir)
    assert p.returncode == 1 and "bc-xyz.v1.yaml" in p.stderr
    assert not (world.data_dir / "forms" / "bc-sct.v2.yaml").exists()
    p = run_cli("forms", "install", str(v2), data_dir=world.data_dir, check=True)
    assert "Đã cài biểu mẫu bc-sct phiên bản 2" in p.stdout
    assert "Gói đang giữ đã được xử lý: SCT-04 bc-sct 2026 lần 1: đã nhận" in p.stdout
    with world.ctx.store().read_session() as ss:
        assert [r.state for r in ss.scalars(select(Receipt))] == ["current"]
    # a published version is never replaced by different content
    v2.write_text(src.replace("\nversion: 1\n", "\nversion: 2\n").replace("Sở Công Thương)", "Sở Công Thương) sửa"), encoding="utf-8")
    p = run_cli("forms", "install", str(v2), data_dir=world.data_dir)
    assert p.returncode == 1 and "tăng số phiên bản" in p.stderr
