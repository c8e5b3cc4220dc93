"""Shared plumbing for the on-device SQLite stores (wallet, verifier): engine, migrations, sessions.

WAL journal: a process killed mid-write always leaves the last committed state. With
``synchronous="FULL"`` (the default) a commit also survives a power cut; ``"NORMAL"``
may lose the last commits on a power cut, never consistency, and saves a disk flush.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker


def make_engine(path: Path, synchronous: str = "FULL") -> Engine:
    """An engine on the SQLite file at ``path``."""
    if synchronous not in ("FULL", "NORMAL"):
        raise ValueError("synchronous is FULL or NORMAL")
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

    @event.listens_for(engine, "connect")
    def _pragmas(connection: Any, _record: Any) -> None:
        cursor = connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
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
