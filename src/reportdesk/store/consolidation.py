"""Store tables of the consolidation side (Cục ATMT): signer registry, package receipts, import log.

- ``signers``: every certificate that ever signed a package that reached us, with its state
  (pending | approved | revoked) and the unit it is registered for.
- ``receipts``: one row per package received and verified (keyed by its package_id): which report it
  became (``report_id``), and its state: current | superseded | stale | quarantined | held.
  Quarantined and held packages keep their verified content in ``payload_json`` so that approving the
  signer (or installing the form version) merges them without reopening the file.
- ``import_log``: one row per file per import run, whatever the outcome (rejections included).

Rejected files have no receipt (their claims cannot be trusted); their bytes are kept under
``received/`` for a bounded time and size (store meta ``received_keep_days``, ``received_keep_mb``;
pruned at import time) and the log names the file, its SHA-256 and the reason.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reportdesk.store.models import Base, utcnow

SIGNER_STATES = ("pending", "approved", "revoked")
RECEIPT_STATES = ("current", "superseded", "stale", "quarantined", "held", "rejected")


class Signer(Base):
    __tablename__ = "signers"
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)  # SHA-256 of the DER, 64 hex
    unit_code: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(Text, default="")
    not_before: Mapped[dt.datetime] = mapped_column(DateTime)
    not_after: Mapped[dt.datetime] = mapped_column(DateTime)
    cert_der: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    first_seen_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime, nullable=True)


class Receipt(Base):
    __tablename__ = "receipts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[str] = mapped_column(String(64), unique=True)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # signed (manifest created_at), UTC naive
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # UTC naive
    signer_fp: Mapped[str] = mapped_column(String(64), index=True)
    state: Mapped[str] = mapped_column(String(16))
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), nullable=True)
    payload_json: Mapped[str | None] = mapped_column(Text, nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ix_receipts_unit_form_period", "unit_code", "form_id", "period"),)


class ImportLogEntry(Base):
    __tablename__ = "import_log"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    run_id: Mapped[str] = mapped_column(String(36), index=True)
    file: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True, index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(32), nullable=True)
    reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    package_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    unit_code: Mapped[str | None] = mapped_column(String(64), nullable=True)
    form_id: Mapped[str | None] = mapped_column(String(64), nullable=True)
    period: Mapped[str | None] = mapped_column(String(64), nullable=True)
    revision: Mapped[int | None] = mapped_column(Integer, nullable=True)
