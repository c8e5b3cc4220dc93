"""Cached status lists keep their entity tag, exp and ttl (conditional sync)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("status_lists", sa.Column("etag", sa.String(length=256), nullable=True))
    op.add_column("status_lists", sa.Column("expires_at", sa.Float(), nullable=True))
    op.add_column("status_lists", sa.Column("fresh_for", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("status_lists") as batch:
        batch.drop_column("fresh_for")
        batch.drop_column("expires_at")
        batch.drop_column("etag")
