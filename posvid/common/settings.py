"""Reading a role's settings so that a wrong value is the role's own error, not a traceback."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import ValidationError
from pydantic_settings import BaseSettings

from crypto.errors import CodedError

__all__ = ["read_settings"]

S = TypeVar("S", bound=BaseSettings)


def read_settings(kind: type[S], invalid: type[CodedError], **values: Any) -> S:
    """``kind`` from ``values`` over the environment; a wrong value raises ``invalid``.

    The error names every wrong setting (``field``) and says what is wrong with each.
    """
    try:
        return kind(**values)
    except ValidationError as exc:
        problems = exc.errors()
        fields = ", ".join(".".join(str(part) for part in p["loc"]) for p in problems)
        message = "; ".join(p["msg"] for p in problems)
        raise invalid(message, field=fields or None) from None
