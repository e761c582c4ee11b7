"""Store tables of the way back from Cục ATMT to the units (issue 11).

Consolidation side:
- ``acknowledgements``: one row per receipt ("giấy biên nhận") written for a received package
  (``receipts`` row), with the message id and when; a receipt is written once.
- ``review_decisions``: accept / return for correction of one received revision (a ``receipts`` row,
  so it is kept when a newer revision arrives), with the reason and the comments (JSON list of
  ``{"path", "text"}``), and the id of the signed message that carried it.

Unit side:
- ``sent_packages``: every package this unit exported (package id, report, revision, SHA-256 of the
  file written), so a receipt or a decision about a package never sent here is refused, and the next
  export can name the decision it answers.
- ``inbox``: every message from Cục ATMT applied here (receipt, review, update), keyed by message id
  (a replay is refused), with its body as JSON.
The last update sequence number: store meta ``update_sequence`` (ATMT: last published; unit: last applied).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reportdesk.store.models import Base, utcnow

UPDATE_SEQUENCE_KEY = "update_sequence"


class Acknowledgement(Base):
    __tablename__ = "acknowledgements"
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id", ondelete="CASCADE"), primary_key=True)
    message_id: Mapped[str] = mapped_column(String(36), unique=True)
    written_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    file: Mapped[str] = mapped_column(Text, default="")


class ReviewDecision(Base):
    __tablename__ = "review_decisions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id", ondelete="CASCADE"), index=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), nullable=True)
    decision: Mapped[str] = mapped_column(String(16))  # accepted | returned
    reason: Mapped[str] = mapped_column(Text, default="")
    comments_json: Mapped[str] = mapped_column(Text, default="[]")
    message_id: Mapped[str] = mapped_column(String(36), unique=True)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class SentPackage(Base):
    __tablename__ = "sent_packages"
    package_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    report_id: Mapped[int | None] = mapped_column(ForeignKey("reports.id", ondelete="SET NULL"), nullable=True, index=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    form_id: Mapped[str] = mapped_column(String(64))
    period: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int] = mapped_column(Integer)
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    answers_message_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class InboxMessage(Base):
    __tablename__ = "inbox"
    message_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # receipt | review | update
    package_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)  # signed by ATMT, UTC naive
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    file_sha256: Mapped[str] = mapped_column(String(64))
    body_json: Mapped[str] = mapped_column(Text)
