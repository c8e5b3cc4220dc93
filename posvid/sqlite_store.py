"""Shared plumbing for the on-device SQLite stores (wallet, verifier): engine, migrations, sessions.

WAL journal and ``synchronous=FULL``: a committed write survives a power cut, and a
process killed mid-write leaves the last committed state.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(path: Path) -> Engine:
    """An engine on the SQLite file at ``path``."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def migrate(engine: Engine, migrations: Path) -> None:
    """``alembic upgrade head`` with the scripts in ``migrations``."""
    config = Config()
    config.set_main_option("script_location", str(migrations))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions whose objects stay usable after commit."""
    return sessionmaker(engine, expire_on_commit=False)
