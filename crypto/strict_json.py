"""JSON as the crypto core reads and writes it.

Reading refuses duplicate member names (RFC 7519 §4 and RFC 8725 §3.1 let a
parser pick either value, which lets two parsers disagree) and strings that hold a
lone UTF-16 surrogate (``"\\ud800"``: no Unicode text, RFC 8259 §8.2; comparing or
hashing one would fail far from here), and turns every parse failure into
:class:`MalformedInput`. Writing is compact UTF-8.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .errors import MalformedInput

__all__ = ["dumps", "loads", "loads_object"]


def _unique_members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise MalformedInput("a JSON object repeats a member name")
    return result


_DECODER = json.JSONDecoder(object_pairs_hook=_unique_members)
_SURROGATE = re.compile("[\ud800-\udfff]")


def _check_text(value: Any) -> None:
    """Refuse a string (value or member name) holding a lone surrogate: a pair decodes to one
    character, so any surrogate left is a lone one."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _SURROGATE.search(item):
                raise MalformedInput("a string holds a lone UTF-16 surrogate")
        elif isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def loads(data: bytes | str, *, field: str) -> Any:
    """Parse JSON text (UTF-8 when bytes), refusing duplicate member names.

    Leading or trailing white space is refused too: compact JOSE never has any.
    """
    try:
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        value, end = _DECODER.raw_decode(text)
        if end != len(text):
            raise ValueError("data after the JSON value")
        _check_text(value)
        return value
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


_ENCODER = json.JSONEncoder(separators=(",", ":"), ensure_ascii=False, allow_nan=False)


def dumps(value: Any) -> bytes:
    """Serialise compactly as UTF-8 (non-ASCII kept as is, e.g. Cyrillic names).

    NaN and infinities are refused: JSON has no such numbers.
    """
    try:
        return _ENCODER.encode(value).encode("utf-8")
    except (TypeError, ValueError) as exc:
        raise MalformedInput(f"cannot be written as JSON: {exc}", field="json") from None
