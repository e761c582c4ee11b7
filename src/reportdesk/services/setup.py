"""Setting up a data dir: unit mode (a reporting unit) or consolidation mode (Cục ATMT)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reportdesk.errors import UserError
from reportdesk.services import Passphrase, resolve_passphrase

if TYPE_CHECKING:
    from reportdesk.app import AppContext

ATMT_UNIT = "CUC-ATMT"
MIN_PASSPHRASE = 8


@dataclass(frozen=True)
class SetupResult:
    data_dir: Path
    mode: str            # "unit" | "atmt"
    unit_code: str
    unit_name: str
    fingerprint: str | None  # SHA-256 of the certificate, in groups of four


def check_passphrase_strength(text: str) -> tuple[int, str]:
    """A score 0..4 and a Vietnamese hint. Fewer than 8 characters is refused by setup (score 0)."""
    text = text or ""
    if len(text) < MIN_PASSPHRASE:
        return 0, f"Quá ngắn: cần ít nhất {MIN_PASSPHRASE} ký tự."
    classes = sum(bool(any(pred(c) for c in text)) for pred in
                  (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    distinct = len(set(text))
    score = 1
    if len(text) >= 12:
        score += 1
    if len(text) >= 16 or classes >= 3:
        score += 1
    if classes >= 3 and len(text) >= 12 and distinct >= 8:
        score += 1
    if distinct <= 3:
        score = 1
    score = min(score, 4)
    hints = {1: "Yếu: hãy dùng một câu dài hơn, có chữ hoa, chữ số hoặc dấu.",
             2: "Trung bình: thêm vài từ nữa sẽ an toàn hơn.",
             3: "Khá: mật khẩu đủ dùng.",
             4: "Mạnh: mật khẩu tốt."}
    return score, hints[score]


def _check_new_passphrase(passphrase: Passphrase) -> str:
    value = resolve_passphrase(passphrase)
    if len(value) < MIN_PASSPHRASE:
        raise UserError(f"Mật khẩu cần ít nhất {MIN_PASSPHRASE} ký tự.")
    return value


def refuse_existing(ctx: AppContext) -> None:
    """A data dir that already holds a store is never set up again."""
    if ctx.store_exists:
        mode = ctx.mode
        who = f" cho đơn vị {ctx.unit_code}" if ctx.unit_code else ""
        raise UserError(f"Thư mục {ctx.data_dir} đã có kho dữ liệu (chế độ {mode}{who}); không thiết lập lại.")


def check_setup_unit(ctx: AppContext, unit_code: str):
    """The checks of ``setup_unit`` that need no passphrase (so a caller asks for it only after them)."""
    unit = ctx.unit(unit_code)
    if unit.code == ATMT_UNIT:
        raise UserError("Cục ATMT dùng chế độ tổng hợp: reportdesk setup atmt.")
    refuse_existing(ctx)
    return unit


def check_setup_atmt(ctx: AppContext):
    unit = ctx.unit(ATMT_UNIT)
    refuse_existing(ctx)
    return unit


def init_store(ctx: AppContext, mode: str, unit_code: str) -> None:
    """Creates the store of the data dir and records its mode and unit."""
    store = ctx.store(create=True)
    for sub in ("received", "logs"):
        (ctx.data_dir / sub).mkdir(parents=True, exist_ok=True)
    store.set_meta("mode", mode)
    store.set_meta("unit_code", unit_code)
    store.set_meta("created_at", dt.datetime.now(dt.timezone.utc).replace(tzinfo=None).isoformat())


def create_identity(ctx: AppContext, unit, kind: str, passphrase: str) -> str:
    """Creates (or keeps, once opened) the signing identity; returns its fingerprint in groups of four."""
    from reportdesk.package import identity

    return identity.create_identity(ctx.data_dir, unit.code, unit.name, passphrase, kind)


def setup_unit(ctx: AppContext, unit_code: str, passphrase: Passphrase) -> SetupResult:
    """Unit mode: the store and the signing identity (key encrypted with ``passphrase``)."""
    unit = check_setup_unit(ctx, unit_code)
    value = _check_new_passphrase(passphrase)
    fp = create_identity(ctx, unit, "unit", value)
    init_store(ctx, "unit", unit.code)
    return SetupResult(ctx.data_dir, "unit", unit.code, unit.name, fp)


def setup_atmt(ctx: AppContext, passphrase: Passphrase) -> SetupResult:
    """Consolidation mode (Cục ATMT): the store and the identity the units encrypt to."""
    unit = check_setup_atmt(ctx)
    value = _check_new_passphrase(passphrase)
    fp = create_identity(ctx, unit, "atmt", value)
    init_store(ctx, "atmt", unit.code)
    return SetupResult(ctx.data_dir, "atmt", unit.code, unit.name, fp)
