"""What every role's SQLAlchemy models share: constraint naming and JSON column types.

Each role keeps its own ``DeclarativeBase`` and metadata (the roles deploy separately).
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import JSON

__all__ = ["JSON_TYPES", "NAMING_CONVENTION"]

#: stable constraint names, so that Alembic migrations name what the models create
NAMING_CONVENTION: Final = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
#: Python annotations stored as JSON columns
JSON_TYPES: Final[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}
