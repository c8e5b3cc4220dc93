"""Test databases: SQLite in a temporary folder; PostgreSQL when POSVID_TEST_DATABASE_URL is set.

Each PostgreSQL database is a fresh schema of the test database (dropped afterwards),
so tests never see each other's rows. On CI (``CI=true``) the PostgreSQL URL must
be set: a green run then means the PostgreSQL tests ran.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

ENV = "POSVID_TEST_DATABASE_URL"
BACKENDS = ["sqlite", "postgres"]


def postgres_url() -> str | None:
    url = os.environ.get(ENV)
    if not url and os.environ.get("CI") == "true":
        pytest.fail(f"{ENV} must be set on CI (PostgreSQL on 127.0.0.1:5432)")
    return url


@contextmanager
def database(backend: str, folder: Path) -> Iterator[str]:
    """A URL of an empty database of ``backend``."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / 'test.db'}"
        return
    url = postgres_url()
    if not url:
        pytest.skip(f"{ENV} is not set")
    with throwaway_schema(url, "t_") as scoped:
        yield scoped


@contextmanager
def throwaway_schema(url: str, prefix: str) -> Iterator[str]:
    """``url`` scoped to a new PostgreSQL schema, dropped with everything in it afterwards."""
    schema = prefix + secrets.token_hex(6)
    admin = create_engine(url)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()
