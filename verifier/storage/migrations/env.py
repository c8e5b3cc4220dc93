"""Alembic environment of the verifier (run through ``verifier.storage.db.migrate``)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from verifier.storage.models import Base

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "")
        connection = engine.connect()
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run()
