"""Fixtures of the window tests: Qt offscreen (set once, as Picard's test/conftest.py does), operations
run synchronously (as Picard's test case replaces its thread pool), real unit stores with real RSA-3072
keys, the consolidation (Cục ATMT) identity and its certificate.

The identities are generated once per session (key generation is slow); every test gets its own data
dir — in a folder whose name has Vietnamese letters and spaces — with the key saved encrypted under
:data:`PASSPHRASE`.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402

from reportdesk.app import AppContext  # noqa: E402
from reportdesk.package import identity as ident  # noqa: E402
from reportdesk.store.models import utcnow  # noqa: E402

PASSPHRASE = "mật-khẩu-đơn-vị-2026"
ATMT_PASSPHRASE = "mật-khẩu-tổng-hợp-2026"
UNIT = "SCT-01"
DATA_FOLDER = "Dữ liệu báo cáo"  # Vietnamese letters and a space: paths like this must work


@pytest.fixture(autouse=True)
def sync_ops():
    """Every operation (QueryOp/WriteOp) runs inline: deterministic tests."""
    from reportdesk.ui import operations

    operations.set_synchronous(True)
    yield operations
    operations.set_synchronous(False)


@pytest.fixture(autouse=True)
def vietnamese(qapp):
    """The window in Vietnamese (the default language), Qt's own buttons included."""
    from reportdesk.ui import i18n

    i18n.install("vi")
    yield
    if i18n.current_language() != "vi":
        i18n.install("vi")


@pytest.fixture(scope="session")
def ui_identities() -> dict:
    t0 = dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=1)
    return {
        "ATMT": ident.generate_identity("CUC-ATMT", "Cục Kỹ thuật an toàn và Môi trường công nghiệp", "atmt", now=t0),
        UNIT: ident.generate_identity(UNIT, "Sở Công Thương Hà Nội", "unit", now=t0),
    }


@pytest.fixture
def passphrase() -> str:
    """The passphrase of the key of ``unit_dir``."""
    return PASSPHRASE


@pytest.fixture
def atmt_identity(ui_identities) -> ident.Identity:
    """The consolidation side's key and certificate (opens the packages a unit exports)."""
    return ui_identities["ATMT"]


@pytest.fixture
def atmt_cert_file(tmp_path: Path, atmt_identity) -> Path:
    """The certificate Cục ATMT sends to the units (PEM), in a folder with Vietnamese letters."""
    d = tmp_path / "Chứng thư Cục ATMT"
    d.mkdir(exist_ok=True)
    p = d / "cuc atmt.pem"
    p.write_bytes(atmt_identity.cert.public_bytes(serialization.Encoding.PEM))
    return p


@pytest.fixture
def atmt_dir(tmp_path: Path, atmt_identity) -> Path:
    """A consolidation data dir holding the ATMT identity (for opening exported packages)."""
    d = tmp_path / "Kho tổng hợp"
    ident.save_identity(d, atmt_identity, ATMT_PASSPHRASE)
    return d


def make_unit_dir(data_dir: Path, identity: ident.Identity, atmt_cert: bytes | None, unit_code: str = UNIT) -> Path:
    """A set-up unit data dir: encrypted key + certificate, the pinned ATMT certificate, the store."""
    ident.save_identity(data_dir, identity, PASSPHRASE)
    if atmt_cert is not None:
        ident.pin_recipient(data_dir, atmt_cert)
    ctx = AppContext(data_dir, interactive=False)
    store = ctx.store(create=True)
    for sub in ("received", "logs"):
        (data_dir / sub).mkdir(parents=True, exist_ok=True)
    store.set_meta("mode", "unit")
    store.set_meta("unit_code", unit_code)
    store.set_meta("created_at", utcnow().isoformat())
    ctx.close()
    return data_dir


@pytest.fixture
def make_unit(ui_identities):
    """make_unit(data_dir, with_recipient=True): another set-up SCT-01 data dir."""
    def make(data_dir: Path, with_recipient: bool = True) -> Path:
        pem = ui_identities["ATMT"].cert.public_bytes(serialization.Encoding.PEM) if with_recipient else None
        return make_unit_dir(data_dir, ui_identities[UNIT], pem)
    return make


@pytest.fixture
def unit_dir(tmp_path: Path, ui_identities) -> Path:
    """A real unit store (SCT-01, Sở Công Thương Hà Nội) with its key, ready to fill and export."""
    atmt_pem = ui_identities["ATMT"].cert.public_bytes(serialization.Encoding.PEM)
    return make_unit_dir(tmp_path / DATA_FOLDER, ui_identities[UNIT], atmt_pem)


@pytest.fixture
def unit_ctx(unit_dir: Path):
    ctx = AppContext(unit_dir, interactive=False)
    yield ctx
    ctx.close()


@pytest.fixture
def empty_dir(tmp_path: Path) -> Path:
    """A data dir with nothing in it yet (first start: the set-up wizard)."""
    return tmp_path / DATA_FOLDER


@pytest.fixture
def empty_ctx(empty_dir: Path):
    ctx = AppContext(empty_dir, interactive=False)
    yield ctx
    ctx.close()
