"""Import benchmark (issue 5, item 7): N packages for period 2026 from many synthetic units, imported by
the real command line; prints packages/s, peak memory, the bare single-process cost of decrypting,
verifying and parsing the same files (measured in the same run), and the time to write the
consolidated workbook.

    .venv/bin/python benchmarks/bench_import.py --count 10000 --workdir /tmp/bench [--no-import]
        [--store-url postgresql://USER@HOST:PORT/EMPTY_DB]   (the same import on PostgreSQL, beside SQLite)

DIR/atmt is a consolidation data dir (passphrase in DIR/passphrase.txt) whose units registry is extended
with synthetic units (all 100 provincial codes SCT-00..SCT-99, and corporations TCT-BENCH-nnnnn), their
signers already approved. DIR/packages holds the N packages: realistic province reports (bc-sct, 3-14
industrial clusters each, several revisions per province) and corporation reports (bc-tct, some with a
second revision). Unit certificates share a few RSA-3072 keys (certificates are per unit; generating
thousands of RSA keys would only measure key generation).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import subprocess
import sys
import time
import zlib
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from cryptography.hazmat.primitives import serialization  # noqa: E402

PASSPHRASE = "benchmark-reportdesk-2026"
T0 = dt.datetime(2025, 6, 1, tzinfo=dt.timezone.utc)
VN = dt.timezone(dt.timedelta(hours=7))

_G: dict = {}


def _gen_init(keys_pem: list[bytes], atmt_pem: bytes, forms_dir: str | None) -> None:
    from cryptography import x509

    from reportdesk.domain.forms import FormRegistry
    from reportdesk import paths

    _G["keys"] = [serialization.load_pem_private_key(k, None) for k in keys_pem]
    _G["atmt"] = x509.load_pem_x509_certificate(atmt_pem)
    _G["forms"] = FormRegistry.load(*paths.forms_dirs(None))
    _G["certs"] = {}


def _gen_one(job: tuple) -> tuple[str, int]:
    from reportdesk.consolidate.synthetic import answers_for
    from reportdesk.package.format import default_file_name, make_package
    from reportdesk.package.identity import generate_identity

    unit, kind, form_id, revision, key_index, cert_der, out_dir, seed = job
    from cryptography import x509

    cert = _G["certs"].get(unit)
    if cert is None:
        cert = x509.load_der_x509_certificate(cert_der)
        _G["certs"][unit] = cert
    form = _G["forms"].latest(form_id)
    rng = random.Random(seed)
    answers = answers_for(form, unit, rng, 2026)
    # revision 1 between 1/11 and 16/11 (the deadline is 14/11: some late), each later revision 5 hours later
    h = zlib.crc32(unit.encode())  # per unit, so that revisions follow each other
    first = dt.datetime(2026, 11, 1, 8, 0, tzinfo=VN) + dt.timedelta(days=h % 16, minutes=h % 600)
    signed = (first + dt.timedelta(hours=5 * (revision - 1))).astimezone(dt.timezone.utc)
    signed = min(signed, dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=1))
    report = {"unit_code": unit, "form_id": form_id, "form_version": form.version, "period": "2026",
              "revision": revision, "answers": answers}
    built = make_package(report, signer_key=_G["keys"][key_index], signer_cert=cert, recipient_certs=[_G["atmt"]],
                         created_at=signed)
    p = Path(out_dir) / default_file_name(unit, form_id, "2026", revision)
    p.write_bytes(built.data)
    return str(p), len(built.data)


def generate(count: int, workdir: Path, seed: int = 2026) -> None:
    from reportdesk.app import AppContext
    from reportdesk.services.setup import init_store
    from reportdesk.consolidate.imports import Consolidation
    from reportdesk.package.identity import fingerprint, generate_identity, save_identity
    from reportdesk.store.consolidation import Signer
    from reportdesk.store.models import utcnow

    t = time.perf_counter()
    workdir.mkdir(parents=True, exist_ok=True)
    pp = workdir / "passphrase.txt"
    pp.write_text(PASSPHRASE + "\n", encoding="utf-8")
    atmt_dir = workdir / "atmt"
    pkg_dir = workdir / "packages"
    if atmt_dir.exists() or pkg_dir.exists():
        raise SystemExit(f"{workdir} đã có atmt/ hoặc packages/: chọn thư mục khác.")
    pkg_dir.mkdir()
    atmt = generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt", now=T0)
    save_identity(atmt_dir, atmt, PASSPHRASE)
    ctx = AppContext(atmt_dir, pp, interactive=False)
    init_store(ctx, "atmt", "CUC-ATMT")

    # the jobs: province reports with revisions, corporation reports (some with a second revision)
    rng = random.Random(seed)
    known = {u.code for u in ctx.units.all()}
    provinces = [f"SCT-{i:02d}" for i in range(100)]
    n_prov = max(1, int(count * 0.3))
    per_province = max(1, n_prov // len(provinces))
    jobs: list[tuple[str, str, str, int]] = []
    for code in provinces:
        for rev in range(1, per_province + 1):
            if len(jobs) < n_prov:
                jobs.append((code, "province", "bc-sct", rev))
    corp_i = 0
    while len(jobs) < count:
        corp_i += 1
        code = f"TCT-BENCH-{corp_i:05d}"
        revs = 2 if rng.random() < 0.2 and len(jobs) + 2 <= count else 1
        for rev in range(1, revs + 1):
            jobs.append((code, "corporation", "bc-tct", rev))
    units = sorted({(j[0], j[1]) for j in jobs})
    extra = [(c, k) for c, k in units if c not in known]
    lines = ["units:"]
    for code, kind in extra:
        name = f"Sở Công Thương thử nghiệm {code[4:]}" if kind == "province" else f"Tổng công ty thử nghiệm {code[10:]}"
        lines.append(f"  - {{code: {code}, name: \"{name}\", kind: {kind}, place: Hà Nội, abbreviation: "
                     f"{'SCT' if kind == 'province' else 'TCT'}}}")
    (atmt_dir / "units.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    keys = [generate_identity("X-KEY", "khóa", "unit", now=T0).key for _ in range(4)]
    certs: dict[str, tuple[int, bytes]] = {}
    for i, (code, _kind) in enumerate(units):
        k = i % len(keys)
        c = generate_identity(code, f"Đơn vị {code}", "unit", now=T0, key=keys[k]).cert
        certs[code] = (k, c.public_bytes(serialization.Encoding.DER))
    ctx.close()
    ctx = AppContext(atmt_dir, pp, interactive=False)
    svc = Consolidation.from_ctx(ctx)
    from cryptography import x509
    with svc._unit_of_work() as s:
        for code, (_, der) in certs.items():
            c = x509.load_der_x509_certificate(der)
            s.add(Signer(fingerprint=fingerprint(c), unit_code=code, subject=c.subject.rfc4514_string(),
                         not_before=c.not_valid_before_utc.replace(tzinfo=None),
                         not_after=c.not_valid_after_utc.replace(tzinfo=None), cert_der=der, state="approved",
                         first_seen_at=utcnow(), decided_at=utcnow()))
    svc.close()
    ctx.close()
    t_setup = time.perf_counter() - t

    keys_pem = [k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()) for k in keys]
    atmt_pem = atmt.cert.public_bytes(serialization.Encoding.PEM)
    work = [(code, kind, form_id, rev, certs[code][0], certs[code][1], str(pkg_dir), seed * 1_000_003 + i)
            for i, (code, kind, form_id, rev) in enumerate(jobs)]
    rng.shuffle(work)  # files arrive in no particular order
    t = time.perf_counter()
    total_bytes = 0
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 2, initializer=_gen_init,
                             initargs=(keys_pem, atmt_pem, None)) as ex:
        for _, size in ex.map(_gen_one, work, chunksize=16):
            total_bytes += size
    print(f"generated: {count} packages ({len(units)} units: {sum(1 for u in units if u[1] == 'province')} provinces, "
          f"{sum(1 for u in units if u[1] == 'corporation')} corporations), {total_bytes / 1e6:.1f} MB, "
          f"setup {t_setup:.1f} s, packages {time.perf_counter() - t:.1f} s", flush=True)


def bare_crypto(workdir: Path) -> tuple[float, int]:
    """Single process: read, decrypt, verify and parse every package (no store, no validation)."""
    from reportdesk.package.format import open_package
    from reportdesk.package.identity import load_identity

    ident = load_identity(workdir / "atmt", PASSPHRASE)
    files = sorted((workdir / "packages").glob("*.rdpkg"))
    t = time.perf_counter()
    for f in files:
        op = open_package(f.read_bytes(), ident.key, ident.cert)
        assert op.answers
    return time.perf_counter() - t, len(files)


def run_cli(*args: str) -> tuple[float, subprocess.CompletedProcess]:
    cmd = [sys.executable, "-m", "reportdesk", *args]
    t = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8")
    return time.perf_counter() - t, proc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--workdir", required=True, type=Path)
    ap.add_argument("--no-import", action="store_true", help="only generate DIR/atmt and DIR/packages")
    ap.add_argument("--store-url", metavar="postgresql://USER@HOST:PORT/DB",
                    help="an empty PostgreSQL database: the same import is also run on it (DIR/atmt-pg, moved "
                         "there with `store migrate --to`) and both times are printed side by side")
    a = ap.parse_args()
    generate(a.count, a.workdir)
    if a.no_import:
        return
    d = a.workdir
    targets = [("SQLite", d / "atmt")]
    if a.store_url:
        import shutil

        shutil.copytree(d / "atmt", d / "atmt-pg")
        _, procm = run_cli("store", "migrate", "--to", a.store_url, "--data-dir", str(d / "atmt-pg"))
        if procm.returncode != 0:
            raise SystemExit(f"store migrate failed: {procm.stderr[-2000:]}")
        targets.append(("PostgreSQL", d / "atmt-pg"))
    times = {}
    for engine, data_dir in targets:
        common = ["--data-dir", str(data_dir), "--passphrase-file", str(d / "passphrase.txt")]
        secs, proc = run_cli("import", str(d / "packages"), "--json", *common)
        times[engine] = secs
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
        summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else "(no output)"
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"import [{engine}]: {a.count} packages in {secs:.1f} s = {a.count / secs:.0f} packages/s; exit {proc.returncode}; {summary}")
        print(f"peak memory (largest process so far): {peak_mb:.0f} MB")
        if engine == "SQLite":
            bare, n = bare_crypto(d)
            print(f"bare single-process decrypt+verify+parse of the same {n} files: {bare:.1f} s = {n / bare:.0f} packages/s; "
                  f"import / bare = {secs / bare:.2f}")
        secs2, proc2 = run_cli("import", str(d / "packages"), "--json", *common)
        print(f"re-import [{engine}] of the same folder (all duplicates): {secs2:.1f} s; {proc2.stdout.strip().splitlines()[-1] if proc2.stdout.strip() else proc2.stderr[-300:]}")
        out = d / f"tong-hop-2026-{engine.lower()}.xlsx"
        xs, proc3 = run_cli("consolidate", "--period", "2026", "--xlsx", str(out), *common)
        if proc3.returncode != 0:
            print(proc3.stderr[-2000:], file=sys.stderr)
        size = out.stat().st_size / 1e6 if out.exists() else 0
        print(f"consolidated workbook [{engine}]: {xs:.1f} s (command line, start-up included), {size:.1f} MB; "
              f"peak memory so far {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB")
    if len(times) > 1:
        print(f"{a.count}-package import: " + ", ".join(f"{k} {v:.1f} s" for k, v in times.items()))


if __name__ == "__main__":
    main()
