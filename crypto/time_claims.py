"""The registered time claims of a JWT (RFC 7519 §4.1.4-6), checked against an injected time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import Expired, IssuedInFuture, MalformedInput, NotYetValid

__all__ = ["check_time_claims", "int_claim"]


def int_claim(payload: Mapping[str, Any], name: str) -> int | None:
    """Return an integer claim, ``None`` when absent; refuse any other type."""
    value = payload.get(name)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise MalformedInput(f"{name} must be an integer (seconds since the epoch)", field=name)
    return value


def check_time_claims(payload: Mapping[str, Any], *, now: int, leeway: int) -> None:
    """Check ``exp``, ``nbf`` and ``iat`` (RFC 7519) against ``now`` with ``leeway`` seconds."""
    exp = int_claim(payload, "exp")
    if exp is not None and now > exp + leeway:
        raise Expired("the token has expired", field="exp")
    nbf = int_claim(payload, "nbf")
    if nbf is not None and nbf > now + leeway:
        raise NotYetValid("the token is not valid yet", field="nbf")
    iat = int_claim(payload, "iat")
    if iat is not None and iat > now + leeway:
        raise IssuedInFuture("the token is issued in the future", field="iat")
