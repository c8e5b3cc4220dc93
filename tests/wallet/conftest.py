"""The wallet tests use the shared role fixtures (tests/support/roles.py)."""

from tests.support.roles import PIN

__all__ = ["PIN"]
