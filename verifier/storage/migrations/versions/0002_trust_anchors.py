"""X.509 trust anchors for certificate-based issuers

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trust_anchors",
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("subject", sa.String(length=512), nullable=False),
        sa.Column("certificate", sa.Text(), nullable=False),
        sa.Column("vcts", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=1024), nullable=False),
        sa.Column("added_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name=op.f("pk_trust_anchors")),
    )


def downgrade() -> None:
    op.drop_table("trust_anchors")
