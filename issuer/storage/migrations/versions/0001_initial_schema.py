"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-24 20:24:04.976180
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
        "admin_tokens",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("label", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_admin_tokens_token_hash")),
    )
    op.create_table(
        "audit_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_events")),
    )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.create_index("ix_audit_events_at", ["at"], unique=False)

    op.create_table(
        "nonces",
        sa.Column("value_hash", sa.String(length=64), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("value_hash", name=op.f("pk_nonces")),
    )
    with op.batch_alter_table("nonces", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_nonces_expires_at"), ["expires_at"], unique=False)

    op.create_table(
        "persons",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("family_name", sa.String(length=60), nullable=False),
        sa.Column("given_name", sa.String(length=60), nullable=False),
        sa.Column("patronymic", sa.String(length=60), nullable=True),
        sa.Column("family_name_latin", sa.String(length=60), nullable=False),
        sa.Column("given_name_latin", sa.String(length=60), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("birth_place", sa.String(length=200), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("tax_number", sa.String(length=10), nullable=True),
        sa.Column("record_number", sa.String(length=14), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persons")),
        sa.UniqueConstraint("record_number", name=op.f("uq_persons_record_number")),
        sa.UniqueConstraint("tax_number", name=op.f("uq_persons_tax_number")),
    )
    op.create_table(
        "signing_keys",
        sa.Column("kid", sa.String(length=16), nullable=False),
        sa.Column("alg", sa.String(length=8), nullable=False),
        sa.Column("public_jwk", sa.JSON(), nullable=False),
        sa.Column("encrypted_pem", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("retired_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("kid", name=op.f("pk_signing_keys")),
    )
    op.create_table(
        "status_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("bits", sa.SmallInteger(), nullable=False),
        sa.Column("allocated", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_lists")),
    )
    op.create_table(
        "used_proofs",
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("digest", name=op.f("pk_used_proofs")),
    )
    with op.batch_alter_table("used_proofs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_used_proofs_seen_at"), ["seen_at"], unique=False)

    op.create_table(
        "documents",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("doc_type", sa.String(length=40), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["persons.id"], name=op.f("fk_documents_person_id_persons")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents")),
        sa.UniqueConstraint("doc_type", "number", name=op.f("uq_documents_doc_type")),
    )
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_documents_person_id"), ["person_id"], unique=False)

    op.create_table(
        "status_entries",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("idx", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("status", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["list_id"], ["status_lists.id"], name=op.f("fk_status_entries_list_id_status_lists")
        ),
        sa.PrimaryKeyConstraint("list_id", "idx", name=op.f("pk_status_entries")),
    )
    op.create_table(
        "issued_credentials",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("config_id", sa.String(length=40), nullable=False),
        sa.Column("holder_thumbprint", sa.String(length=43), nullable=False),
        sa.Column("status_list_id", sa.Integer(), nullable=False),
        sa.Column("status_idx", sa.Integer(), nullable=False),
        sa.Column("signing_kid", sa.String(length=16), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_issued_credentials_document_id_documents"),
        ),
        sa.ForeignKeyConstraint(
            ["signing_kid"],
            ["signing_keys.kid"],
            name=op.f("fk_issued_credentials_signing_kid_signing_keys"),
        ),
        sa.ForeignKeyConstraint(
            ["status_list_id", "status_idx"],
            ["status_entries.list_id", "status_entries.idx"],
            name=op.f("fk_issued_credentials_status_list_id_status_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_issued_credentials")),
        sa.UniqueConstraint(
            "status_list_id", "status_idx", name=op.f("uq_issued_credentials_status_list_id")
        ),
    )
    with op.batch_alter_table("issued_credentials", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_issued_credentials_document_id"), ["document_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_issued_credentials_signing_kid"), ["signing_kid"], unique=False
        )

    op.create_table(
        "offers",
        sa.Column("id", sa.String(length=43), nullable=False),
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("pre_authorized_code", sa.String(length=64), nullable=True),
        sa.Column("document_id", sa.String(length=36), nullable=False),
        sa.Column("config_ids", sa.JSON(), nullable=False),
        sa.Column("batch_size", sa.SmallInteger(), nullable=False),
        sa.Column("tx_code_hash", sa.String(length=64), nullable=True),
        sa.Column("tx_code_length", sa.SmallInteger(), nullable=True),
        sa.Column("failed_attempts", sa.SmallInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("redeemed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_offers_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_offers")),
        sa.UniqueConstraint("code_hash", name=op.f("uq_offers_code_hash")),
    )
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_offers_document_id"), ["document_id"], unique=False)

    op.create_table(
        "access_tokens",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("offer_id", sa.String(length=43), nullable=False),
        sa.Column("used_configs", sa.JSON(), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["offer_id"], ["offers.id"], name=op.f("fk_access_tokens_offer_id_offers")
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_access_tokens")),
    )
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_access_tokens_offer_id"), ["offer_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("access_tokens", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_access_tokens_offer_id"))

    op.drop_table("access_tokens")
    with op.batch_alter_table("offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_offers_document_id"))

    op.drop_table("offers")
    with op.batch_alter_table("issued_credentials", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_issued_credentials_signing_kid"))
        batch_op.drop_index(batch_op.f("ix_issued_credentials_document_id"))

    op.drop_table("issued_credentials")
    op.drop_table("status_entries")
    with op.batch_alter_table("documents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_documents_person_id"))

    op.drop_table("documents")
    with op.batch_alter_table("used_proofs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_used_proofs_seen_at"))

    op.drop_table("used_proofs")
    op.drop_table("status_lists")
    op.drop_table("signing_keys")
    op.drop_table("persons")
    with op.batch_alter_table("nonces", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_nonces_expires_at"))

    op.drop_table("nonces")
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_at")

    op.drop_table("audit_events")
    op.drop_table("admin_tokens")
