"""secrets at rest, admin token expiry, clerk sessions

Pre-authorized codes are no longer stored (derived from the server secret), and transaction
codes are stored as HMACs under it. Rows of the old kind cannot be converted without the
secret, so the migration expires them: every pending offer ends now (the clerk makes a new
one; offers lived 15 minutes) and every old SHA-256 of a transaction code is erased. Admin
tokens get an expiry: those made before it end 12 hours after the migration.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 09:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    now = dt.datetime.now(dt.UTC)
    offers = sa.table(
        "offers",
        sa.column("expires_at", sa.DateTime(timezone=True)),
        sa.column("redeemed_at", sa.DateTime(timezone=True)),
        sa.column("tx_code_hash", sa.String(64)),
    )
    op.execute(
        offers.update()
        .where(offers.c.redeemed_at.is_(None), offers.c.expires_at > now)
        .values(expires_at=now)
    )
    op.execute(offers.update().values(tx_code_hash=None))
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_column("pre_authorized_code")

    with op.batch_alter_table("admin_tokens", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True))
    tokens = sa.table("admin_tokens", sa.column("expires_at", sa.DateTime(timezone=True)))
    op.execute(tokens.update().values(expires_at=now + dt.timedelta(hours=12)))
    with op.batch_alter_table("admin_tokens", schema=None) as batch_op:
        batch_op.alter_column(
            "expires_at", existing_type=sa.DateTime(timezone=True), nullable=False
        )

    op.create_table(
        "clerk_sessions",
        sa.Column("id_hash", sa.String(length=64), nullable=False),
        sa.Column("token_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["token_id"], ["admin_tokens.id"], name=op.f("fk_clerk_sessions_token_id_admin_tokens")
        ),
        sa.PrimaryKeyConstraint("id_hash", name=op.f("pk_clerk_sessions")),
    )
    with op.batch_alter_table("clerk_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clerk_sessions_token_id"), ["token_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("clerk_sessions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clerk_sessions_token_id"))
    op.drop_table("clerk_sessions")
    with op.batch_alter_table("admin_tokens", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pre_authorized_code", sa.String(length=64), nullable=True))
