"""The way back from Cục ATMT (issue 11): acknowledgements and review decisions (consolidation side),
sent packages and the inbox (unit side). See reportdesk.store.wayback.

Revision ID: 0006_wayback
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_wayback"
down_revision = "0004_explanations"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "acknowledgements",
        sa.Column("receipt_id", sa.Integer(), sa.ForeignKey("receipts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("written_at", sa.DateTime(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
    )
    op.create_table(
        "review_decisions",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("receipt_id", sa.Integer(), sa.ForeignKey("receipts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id", ondelete="SET NULL"), nullable=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("comments_json", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(36), nullable=False, unique=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_review_decisions_receipt_id", "review_decisions", ["receipt_id"])
    op.create_table(
        "sent_packages",
        sa.Column("package_id", sa.String(36), primary_key=True),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id", ondelete="SET NULL"), nullable=True),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("period", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("answers_message_id", sa.String(36), nullable=True),
    )
    op.create_index("ix_sent_packages_report_id", "sent_packages", ["report_id"])
    op.create_table(
        "inbox",
        sa.Column("message_id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("package_id", sa.String(36), nullable=True),
        sa.Column("sequence", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("body_json", sa.Text(), nullable=False),
    )
    op.create_index("ix_inbox_package_id", "inbox", ["package_id"])


def downgrade() -> None:
    op.drop_table("inbox")
    op.drop_table("sent_packages")
    op.drop_table("review_decisions")
    op.drop_table("acknowledgements")
