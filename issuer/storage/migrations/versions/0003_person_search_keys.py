"""search keys of persons, indexed for prefix search

The clerk's search compared names with SQL ``lower()``/``LIKE``, which SQLite folds for ASCII
only (``коваль`` did not find ``Коваль``). Each person gets ``search_name`` (surname, given name,
patronymic) and ``search_latin`` (the Latin surname and given name), casefolded with every
apostrophe one ``'``; the rows already stored are filled here, in batches, by the same rule as
``issuer.storage.search.search_key`` (copied, so this migration keeps its meaning). Prefix
indexes: on PostgreSQL with ``text_pattern_ops`` (``LIKE 'key%'`` uses them under any
collation), also for the tax and record numbers; on SQLite plain ones (searched with GLOB).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 12:00:00
"""

from __future__ import annotations

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_APOSTROPHES = str.maketrans(dict.fromkeys("’ʼ`´‘ʹ′", "'"))
_BATCH = 1000
_INDEXED = ("search_name", "search_latin", "tax_number", "record_number")


def _key(*parts: str | None) -> str:
    joined = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFC", joined).casefold().translate(_APOSTROPHES)
    kept = "".join(c for c in text if c.isalpha() or c.isdigit() or c in " '-")
    return re.sub(r"\s+", " ", kept).strip()


def _backfill() -> None:
    persons = sa.table(
        "persons",
        sa.column("id", sa.String(36)),
        sa.column("family_name", sa.String(60)),
        sa.column("given_name", sa.String(60)),
        sa.column("patronymic", sa.String(60)),
        sa.column("family_name_latin", sa.String(60)),
        sa.column("given_name_latin", sa.String(60)),
        sa.column("search_name", sa.String(200)),
        sa.column("search_latin", sa.String(130)),
    )
    connection = op.get_bind()
    after = ""
    while True:
        rows = connection.execute(
            sa.select(
                persons.c.id,
                persons.c.family_name,
                persons.c.given_name,
                persons.c.patronymic,
                persons.c.family_name_latin,
                persons.c.given_name_latin,
            )
            .where(persons.c.id > after)
            .order_by(persons.c.id)
            .limit(_BATCH)
        ).all()
        if not rows:
            return
        for row in rows:
            connection.execute(
                persons.update()
                .where(persons.c.id == row.id)
                .values(
                    search_name=_key(row.family_name, row.given_name, row.patronymic),
                    search_latin=_key(row.family_name_latin, row.given_name_latin),
                )
            )
        after = rows[-1].id


def upgrade() -> None:
    # added NOT NULL with a default: SQLite adds such a column in place (rebuilding the table
    # would break the documents' foreign keys to it)
    for column, length in (("search_name", 200), ("search_latin", 130)):
        op.add_column(
            "persons",
            sa.Column(column, sa.String(length=length), nullable=False, server_default=""),
        )
    _backfill()
    for column in _INDEXED:
        op.create_index(
            f"ix_persons_{column}_prefix",
            "persons",
            [column],
            unique=False,
            postgresql_ops={column: "text_pattern_ops"},
        )


def downgrade() -> None:
    for column in _INDEXED:
        op.drop_index(f"ix_persons_{column}_prefix", table_name="persons")
    with op.batch_alter_table("persons", schema=None) as batch_op:
        batch_op.drop_column("search_latin")
        batch_op.drop_column("search_name")
