"""Shared material of the package tests: real RSA-3072 identities, generated once per process.

(Not a conftest.py: shared helpers live in modules no conftest shadows; see tests/rdtest.py.)
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import stat
import zipfile
from types import SimpleNamespace

from cryptography.hazmat.primitives.asymmetric import rsa

from reportdesk.package import format as F
from reportdesk.package import identity as I

NOW = dt.datetime.now(dt.timezone.utc)


def _key():
    return rsa.generate_private_key(public_exponent=65537, key_size=3072)


@functools.cache
def ids() -> SimpleNamespace:
    k1, k2, k3, k4 = _key(), _key(), _key(), _key()
    # valid from NOW (minus the builder's 5 minutes), not from whenever this first runs: on a loaded
    # machine the first call can come many minutes after NOW was taken at import
    unit = I.generate_identity("SCT-01", "Sở Công Thương Hà Nội", key=k1, now=NOW)
    unit_b = I.generate_identity("SCT-02", "Sở Công Thương Hải Phòng", key=k2, now=NOW)
    atmt = I.generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt", key=k3, now=NOW)
    other = I.generate_identity("CUC-KHAC", "Một cơ quan khác", "atmt", key=k4, now=NOW)
    expired = I.generate_identity("SCT-01", "Sở Công Thương Hà Nội", key=k1,
                                  now=NOW - dt.timedelta(days=6 * 365), days=365)
    future = I.generate_identity("SCT-01", "Sở Công Thương Hà Nội", key=k1,
                                 now=NOW + dt.timedelta(days=30), days=365)
    return SimpleNamespace(unit=unit, unit_b=unit_b, atmt=atmt, other=other, expired=expired, future=future)


def report(unit_code: str = "SCT-01", revision: int = 1, answers: dict | None = None) -> dict:
    return {
        "id": 7, "unit_code": unit_code, "form_id": "bc-sct", "form_version": 1, "period": "2026",
        "status": "final", "revision": revision,
        "answers": answers if answers is not None else {
            "officer": "Nguyễn Văn An",
            "clusters": [{"name": "CCN Phú Nghĩa", "area_ha": 45.5, "wwtp": "co", "capacity": 2000}],
            "clusters_in_operation": 1,
        },
    }


def build(signer=None, recipients=None, **kw) -> bytes:
    s = signer or ids().unit
    r = recipients if recipients is not None else [ids().atmt.cert]
    rep = kw.pop("report", None) or report(kw.pop("unit_code", "SCT-01"))
    return F.build_package(rep, signer_key=s.key, signer_cert=s.cert, recipient_certs=r, **kw)


@functools.cache
def small_package() -> bytes:
    return build(report=report(answers={"x": 1}))


def zip_of(entries: list[tuple[str, bytes]], *, symlink: set[str] = frozenset(), method=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=method) as zf:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = method
            mode = stat.S_IFLNK | 0o777 if name in symlink else stat.S_IFREG | 0o644
            info.external_attr = mode << 16
            info.create_system = 3
            zf.writestr(info, data)
    return buf.getvalue()


def seal(payload: bytes, signer=None, recipients=None) -> bytes:
    s = signer or ids().unit
    r = recipients if recipients is not None else [ids().atmt.cert, s.cert]
    return F.seal_payload(payload, s.key, s.cert, r)


def payload_entries(signer=None, recipients=None, extra: list[tuple[str, bytes]] = (), **kw):
    """(name, bytes) entries of a valid payload whose manifest lists the extra entries too."""
    s = signer or ids().unit
    r = recipients if recipients is not None else [ids().atmt.cert, s.cert]
    attachments = kw.pop("attachments", None)
    payload, manifest = F.make_payload(kw.pop("report", None) or report(), signer_cert=s.cert, recipient_certs=r,
                                       attachments=attachments, **kw)
    zf = zipfile.ZipFile(io.BytesIO(payload))
    return [(n, zf.read(n)) for n in zf.namelist()], manifest
