"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 20:49:22.593331
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("at", sa.Float(), nullable=False),
        sa.Column("verdict", sa.String(length=32), nullable=False),
        sa.Column("issuer", sa.String(length=512), nullable=True),
        sa.Column("vct", sa.String(length=256), nullable=True),
        sa.Column("failed", sa.Text(), nullable=False),
        sa.Column("payload_sha256", sa.String(length=64), nullable=False),
        sa.Column("previous", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit")),
    )
    op.create_table(
        "requests",
        sa.Column("nonce", sa.String(length=128), nullable=False),
        sa.Column("claims", sa.JSON(), nullable=False),
        sa.Column("expires_at", sa.Float(), nullable=False),
        sa.Column("used_at", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_requests")),
    )
    op.create_table(
        "seen_nonces",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_seen_nonces")),
    )
    with op.batch_alter_table("seen_nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seen_nonces_seen_at"), ["seen_at"], unique=False)

    op.create_table(
        "settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_settings")),
    )
    op.create_table(
        "status_lists",
        sa.Column("uri", sa.String(length=1024), nullable=False),
        sa.Column("token", sa.Text(), nullable=False),
        sa.Column("fetched_at", sa.Float(), nullable=False),
        sa.Column("ttl", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("uri", name=op.f("pk_status_lists")),
    )
    op.create_table(
        "trusted_issuers",
        sa.Column("issuer", sa.String(length=512), nullable=False),
        sa.Column("names", sa.JSON(), nullable=False),
        sa.Column("jwks", sa.JSON(), nullable=False),
        sa.Column("vcts", sa.JSON(), nullable=False),
        sa.Column("status_lists", sa.JSON(), nullable=False),
        sa.Column("type_metadata", sa.JSON(), nullable=False),
        sa.Column("source", sa.String(length=1024), nullable=False),
        sa.Column("added_at", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("issuer", name=op.f("pk_trusted_issuers")),
    )


def downgrade() -> None:
    op.drop_table("trusted_issuers")
    op.drop_table("status_lists")
    op.drop_table("settings")
    with op.batch_alter_table("seen_nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seen_nonces_seen_at"))

    op.drop_table("seen_nonces")
    op.drop_table("requests")
    op.drop_table("audit")
