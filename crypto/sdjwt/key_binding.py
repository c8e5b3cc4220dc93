"""Key Binding JWTs (RFC 9901 §4.3): ``typ: kb+jwt`` with iat, aud, nonce and sd_hash.

Verification runs as three steps a verifier can record one by one:
:func:`verify_kb_signature` (the holder's signature, ``typ`` and ``sd_hash``),
:func:`check_kb_time` (``iat`` within the window) and :func:`check_kb_audience`
(``aud`` and ``nonce``); :func:`verify_kb_jwt` runs all three.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from typing import Any, Final

from ..algorithms import PublicKey
from ..defaults import CLOCK_LEEWAY, KB_MAX_AGE, MIN_NONCE_CHARS
from ..errors import (
    AudienceMismatch,
    KeyBindingError,
    KeyBindingFromFuture,
    KeyBindingStale,
    MalformedInput,
    NonceMismatch,
    SdHashMismatch,
)
from ..jws import check_typ, parse_compact, sign_compact
from ..keys import SigningKey
from ..limits import DEFAULT_LIMITS, Limits
from ..policy import DEFAULT_POLICY, AlgorithmPolicy
from .disclosure import digest_of

__all__ = [
    "KB_JWT_TYP",
    "KeyBindingExpectations",
    "check_kb_audience",
    "check_kb_time",
    "create_kb_jwt",
    "verify_kb_jwt",
    "verify_kb_signature",
]

KB_JWT_TYP: Final = "kb+jwt"


@dataclass(frozen=True, slots=True)
class KeyBindingExpectations:
    """What a verifier expects of a Key Binding JWT.

    ``nonce=None`` accepts any nonce of at least ``min_nonce_chars`` characters (for
    one-way offline presentations, where replay is caught by the caller).
    """

    aud: str
    nonce: str | None = None
    max_age: int = KB_MAX_AGE
    leeway: int = CLOCK_LEEWAY
    min_nonce_chars: int = MIN_NONCE_CHARS


def create_kb_jwt(
    sd_jwt_without_kb: str,
    *,
    holder_key: SigningKey,
    aud: str,
    nonce: str,
    iat: int,
    hash_alg: str,
) -> str:
    """Sign a KB-JWT over ``<JWT>~<D1>~...~<Dn>~`` for audience ``aud``."""
    payload = {
        "iat": iat,
        "aud": aud,
        "nonce": nonce,
        "sd_hash": digest_of(sd_jwt_without_kb, hash_alg),
    }
    return sign_compact(payload, holder_key, typ=KB_JWT_TYP, include_kid=False)


def _text(payload: dict[str, Any], name: str) -> str:
    value = payload.get(name)
    if not isinstance(value, str):
        raise KeyBindingError(f"{name} must be a string", field=name)
    return value


def verify_kb_signature(
    kb_jwt: str,
    *,
    holder_key: PublicKey,
    sd_jwt_without_kb: str,
    hash_alg: str,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Step 1: the holder's signature, ``typ: kb+jwt`` and ``sd_hash``; return the payload."""
    try:
        parsed = parse_compact(kb_jwt, field="kb_jwt", limits=limits, policy=policy)
    except MalformedInput as exc:
        raise KeyBindingError(exc.message, field=exc.field) from None
    parsed.verify_with(holder_key, policy=policy)
    check_typ(parsed, (KB_JWT_TYP,), field="kb_jwt.typ")
    payload = parsed.payload
    expected_hash = digest_of(sd_jwt_without_kb, hash_alg)
    if not hmac.compare_digest(_text(payload, "sd_hash").encode(), expected_hash.encode()):
        raise SdHashMismatch("sd_hash does not match the presented SD-JWT", field="sd_hash")
    return payload


def check_kb_time(payload: dict[str, Any], *, now: int, max_age: int, leeway: int) -> int:
    """Step 2: ``iat`` is an integer, not in the future, at most ``max_age`` old; return it."""
    iat = payload.get("iat")
    if not isinstance(iat, int) or isinstance(iat, bool):
        raise KeyBindingError("iat must be an integer", field="iat")
    if iat > now + leeway:
        raise KeyBindingFromFuture("the Key Binding JWT is issued in the future", field="iat")
    if now - iat > max_age:
        raise KeyBindingStale(f"the Key Binding JWT is older than {max_age} s", field="iat")
    return iat


def check_kb_audience(payload: dict[str, Any], expect: KeyBindingExpectations) -> str:
    """Step 3: ``aud`` is the expected one and ``nonce`` matches; return the nonce."""
    if _text(payload, "aud") != expect.aud:
        raise AudienceMismatch("the Key Binding JWT is for another audience", field="aud")
    nonce = _text(payload, "nonce")
    if expect.nonce is None:
        if len(nonce) < expect.min_nonce_chars:
            raise NonceMismatch(
                f"the nonce must be at least {expect.min_nonce_chars} characters", field="nonce"
            )
    elif not hmac.compare_digest(nonce.encode(), expect.nonce.encode()):
        raise NonceMismatch("the nonce is not the one expected", field="nonce")
    return nonce


def verify_kb_jwt(
    kb_jwt: str,
    *,
    holder_key: PublicKey,
    sd_jwt_without_kb: str,
    hash_alg: str,
    expect: KeyBindingExpectations,
    now: int,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> dict[str, Any]:
    """Verify a KB-JWT: signature, ``typ``, ``sd_hash``, time window, audience and nonce."""
    payload = verify_kb_signature(
        kb_jwt,
        holder_key=holder_key,
        sd_jwt_without_kb=sd_jwt_without_kb,
        hash_alg=hash_alg,
        limits=limits,
        policy=policy,
    )
    check_kb_time(payload, now=now, max_age=expect.max_age, leeway=expect.leeway)
    check_kb_audience(payload, expect)
    return payload
