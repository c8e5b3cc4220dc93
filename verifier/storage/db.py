"""The verifier's SQLite file (see :mod:`posvid.common.sqlite_store`) and its migrations."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from posvid.common.sqlite_store import make_engine, session_factory
from posvid.common.sqlite_store import migrate as _migrate

MIGRATIONS = Path(__file__).with_name("migrations")

__all__ = ["make_engine", "migrate", "session_factory"]


def migrate(engine: Engine) -> None:
    """Bring the verifier's schema to the newest migration."""
    _migrate(engine, MIGRATIONS)
