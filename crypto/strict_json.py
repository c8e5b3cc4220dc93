"""JSON as the crypto core reads and writes it.

Reading refuses duplicate member names (RFC 7519 §4 and RFC 8725 §3.1 let a
parser pick either value, which lets two parsers disagree) and turns every parse
failure into :class:`MalformedInput`. Writing is compact UTF-8.
"""

from __future__ import annotations

import json
from typing import Any

from .errors import MalformedInput

__all__ = ["dumps", "loads", "loads_object"]


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise MalformedInput("a JSON object repeats a member name")
    return result


def loads(data: bytes | str, *, field: str) -> Any:
    """Parse JSON text, refusing duplicate member names."""
    try:
        return json.loads(data, object_pairs_hook=_unique_members)
    except MalformedInput as exc:
        raise MalformedInput(exc.message, field=field) from None
    except (ValueError, RecursionError):
        raise MalformedInput("not valid JSON", field=field) from None


def loads_object(data: bytes | str, *, field: str) -> dict[str, Any]:
    """Parse JSON text that must be an object."""
    value = loads(data, field=field)
    if not isinstance(value, dict):
        raise MalformedInput("must be a JSON object", field=field)
    return value


def dumps(value: Any) -> bytes:
    """Serialise compactly as UTF-8 (non-ASCII kept as is, e.g. Cyrillic names)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
