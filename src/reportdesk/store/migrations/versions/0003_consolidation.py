"""Consolidation side: signer registry, package receipts, import log.

Revision ID: 0003_consolidation
"""
import sqlalchemy as sa
from alembic import op

revision = "0003_consolidation"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signers",
        sa.Column("fingerprint", sa.String(64), primary_key=True),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("not_before", sa.DateTime(), nullable=False),
        sa.Column("not_after", sa.DateTime(), nullable=False),
        sa.Column("cert_der", sa.LargeBinary(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("first_seen_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
    )
    op.create_index("ix_signers_unit_code", "signers", ["unit_code"])
    op.create_table(
        "receipts",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("package_id", sa.String(64), nullable=False, unique=True),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("unit_code", sa.String(64), nullable=False),
        sa.Column("form_id", sa.String(64), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(64), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.Column("signer_fp", sa.String(64), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id", ondelete="SET NULL"), nullable=True),
        sa.Column("payload_json", sa.Text(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
    )
    op.create_index("ix_receipts_file_sha256", "receipts", ["file_sha256"])
    op.create_index("ix_receipts_period", "receipts", ["period"])
    op.create_index("ix_receipts_signer_fp", "receipts", ["signer_fp"])
    op.create_index("ix_receipts_unit_form_period", "receipts", ["unit_code", "form_id", "period"])
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("run_id", sa.String(36), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=True),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("code", sa.String(32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("package_id", sa.String(64), nullable=True),
        sa.Column("unit_code", sa.String(64), nullable=True),
        sa.Column("form_id", sa.String(64), nullable=True),
        sa.Column("period", sa.String(64), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
    )
    op.create_index("ix_import_log_run_id", "import_log", ["run_id"])
    op.create_index("ix_import_log_file_sha256", "import_log", ["file_sha256"])


def downgrade() -> None:
    op.drop_table("import_log")
    op.drop_table("receipts")
    op.drop_table("signers")
