"""The wallet tests use the shared role fixtures (tests/roles_fixtures.py)."""

from tests.roles_fixtures import PIN

__all__ = ["PIN"]
