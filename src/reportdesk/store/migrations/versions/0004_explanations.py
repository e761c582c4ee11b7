"""Explanations ("giải trình") of validation warnings, kept with the report.

One row per warning a person has explained: the report, the warning's stable key (rule id and path,
see reportdesk.domain.explain.warning_key), the text. Deleted with the report.

Revision ID: 0004_explanations
"""
import sqlalchemy as sa
from alembic import op

revision = "0004_explanations"
down_revision = "0003_consolidation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "explanations",
        sa.Column("report_id", sa.Integer(), sa.ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("explanations")
