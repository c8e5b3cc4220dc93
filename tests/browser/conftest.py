"""The browser tests use the shared role fixtures (tests/roles_fixtures.py)."""
