"""Request bodies decoded at one place: a JSON syntax error becomes the caller's IssuerError."""

from __future__ import annotations

import json
from typing import Any

from ..errors import IssuerError


def json_value(raw: bytes | str, error: IssuerError) -> object:
    """The decoded JSON document; ``error`` is raised when ``raw`` is not JSON."""
    try:
        return json.loads(raw)
    except ValueError:  # includes UnicodeDecodeError
        raise error from None


def json_object(raw: bytes | str, error: IssuerError) -> dict[str, Any]:
    """Like :func:`json_value`, and ``error`` too when the document is not an object."""
    value = json_value(raw, error)
    if not isinstance(value, dict):
        raise error
    return value


def integer(raw: str, error: IssuerError) -> int:
    """A whole number written in decimal; ``error`` is raised for anything else."""
    text = raw.strip()
    if not (text.isascii() and text.lstrip("-").isdigit()):
        raise error
    return int(text)
