"""Compact JWS (RFC 7515) signed and verified through ``cryptography`` directly.

Low level: the SD-JWT and status list modules build on it. The header ``alg`` is
checked against the verifier's :class:`crypto.policy.AlgorithmPolicy` (by default
:data:`crypto.policy.DEFAULT_POLICY`) before any key is touched; ``crit`` is refused
(we understand no extensions); ``typ`` is returned for the caller to check.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, NamedTuple

from . import strict_json
from .algorithms import PublicKey, sign, verify
from .b64 import b64url_decode, b64url_encode
from .errors import MalformedInput, WrongType
from .keys import SigningKey
from .limits import DEFAULT_LIMITS, Limits, check_length
from .policy import DEFAULT_POLICY, AlgorithmPolicy

__all__ = ["ParsedJws", "check_typ", "parse_compact", "sign_compact"]


class ParsedJws(NamedTuple):
    """A compact JWS split and decoded, its signature not yet verified."""

    header: dict[str, Any]
    payload: dict[str, Any]
    signing_input: bytes
    signature: bytes

    @property
    def alg(self) -> str:
        """The header's algorithm (already checked against the parsing policy)."""
        return str(self.header["alg"])

    @property
    def kid(self) -> str | None:
        """The header's ``kid`` when it is a string."""
        kid = self.header.get("kid")
        return kid if isinstance(kid, str) else None

    def verify_with(self, key: PublicKey, *, policy: AlgorithmPolicy = DEFAULT_POLICY) -> None:
        """Verify the signature with ``key`` under ``policy``; raises ``InvalidSignature``."""
        verify(self.alg, key, self.signing_input, self.signature, policy=policy)


def sign_compact(
    payload: Mapping[str, Any],
    key: SigningKey,
    *,
    typ: str,
    extra_header: Mapping[str, Any] | None = None,
    include_kid: bool = True,
) -> str:
    """Sign ``payload`` as a compact JWS with header ``alg``, ``typ`` and ``kid``."""
    header: dict[str, Any] = {"alg": key.alg, "typ": typ}
    if include_kid:
        header["kid"] = key.kid
    if extra_header:
        header.update(extra_header)
    signing_input = (
        b64url_encode(strict_json.dumps(header)) + "." + b64url_encode(strict_json.dumps(payload))
    )
    signature = sign(key.alg, key.private_key, signing_input.encode("ascii"))
    return signing_input + "." + b64url_encode(signature)


def parse_compact(
    token: str,
    *,
    field: str = "jws",
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> ParsedJws:
    """Split and decode a compact JWS; the signature is *not* verified here.

    The header ``alg`` must be one ``policy`` allows.
    """
    if not isinstance(token, str):
        raise MalformedInput("a compact JWS must be text", field=field)
    check_length(token, limits.max_jws_chars, field=field)
    parts = token.split(".")
    if len(parts) != 3:
        raise MalformedInput("a compact JWS has exactly three parts", field=field)
    part = "header"
    try:
        header = strict_json.loads_object(b64url_decode(parts[0]), field=part)
        policy.check(header.get("alg"), field=f"{field}.header.alg")
        if "crit" in header:
            raise MalformedInput("critical header extensions are not supported", field="crit")
        part = "payload"
        payload = strict_json.loads_object(b64url_decode(parts[1]), field=part)
        part = "signature"
        signature = b64url_decode(parts[2])
    except MalformedInput as exc:
        raise type(exc)(exc.message, field=f"{field}.{part}") from None
    return ParsedJws(header, payload, (parts[0] + "." + parts[1]).encode("ascii"), signature)


def check_typ(parsed: ParsedJws, accepted: Collection[str], *, field: str) -> str:
    """Return the header ``typ`` if it is one of ``accepted``, else raise ``WrongType``."""
    typ = parsed.header.get("typ")
    if not isinstance(typ, str) or typ not in accepted:
        raise WrongType(f"header typ must be one of {sorted(accepted)}", field=field)
    return typ
