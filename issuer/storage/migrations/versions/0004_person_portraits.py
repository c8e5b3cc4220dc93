"""persons' portraits

Issue 13: a person's normalised portrait (``issuer.portrait``: a 240×300 greyscale PNG without
metadata) in its own table, one row a person, so that the persons' rows read by every search
never carry an image. The PNG is bounded (128 KiB) by a check constraint as well as in code.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02 12:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_MAX_PNG = 128 * 1024


def upgrade() -> None:
    op.create_table(
        "person_portraits",
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("png", sa.LargeBinary(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(f"length(png) <= {_MAX_PNG}", name=op.f("ck_person_portraits_png_size")),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_person_portraits_person_id_persons"),
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_person_portraits")),
    )


def downgrade() -> None:
    op.drop_table("person_portraits")
