"""OpenID4VCI 1.0 key proofs of type ``jwt`` (Appendix F.1): ``openid4vci-proof+jwt``."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from crypto import CryptoError, public_jwk, public_key_from_jwk
from crypto.jws import parse_compact
from crypto.keys import jwk_thumbprint
from crypto.limits import Limits

from ..errors import InvalidProof

PROOF_TYP = "openid4vci-proof+jwt"
PROOF_ALGS = ["ES256", "EdDSA"]
FUTURE_SKEW = 60  # seconds a proof's iat may be ahead of the issuer's clock
_LIMITS = Limits(max_jws_chars=8 * 1024)


@dataclass(frozen=True)
class VerifiedProof:
    """A holder key the wallet proved it holds, and what the proof said."""

    holder_jwk: dict[str, str]
    thumbprint: str
    nonce: str
    digest: str


def verify_proof(token: object, *, audience: str, now: int, max_age: int) -> VerifiedProof:
    """Check one proof: ``typ``, ``alg``, the ``jwk`` header, signature, ``aud``, ``iat``."""
    if not isinstance(token, str):
        raise InvalidProof("a jwt proof must be a string")
    try:
        parsed = parse_compact(token, field="proof", limits=_LIMITS)
    except CryptoError as exc:
        raise InvalidProof(f"the proof is not a usable JWT ({exc.code})") from None
    header: dict[str, Any] = parsed.header
    if header.get("typ") != PROOF_TYP:
        raise InvalidProof(f"the proof's typ must be {PROOF_TYP}")
    jwk = header.get("jwk")
    if not isinstance(jwk, dict) or "kid" in header or "x5c" in header:
        raise InvalidProof("the proof must carry the holder key as a 'jwk' header, and only that")
    try:
        key = public_key_from_jwk(jwk)
        parsed.verify_with(key)
    except CryptoError as exc:
        raise InvalidProof(f"the proof does not verify ({exc.code})") from None
    payload = parsed.payload
    aud = payload.get("aud")
    if aud != audience and not (isinstance(aud, list) and audience in aud):
        raise InvalidProof("the proof's aud is not this credential issuer")
    iat = payload.get("iat")
    if isinstance(iat, bool) or not isinstance(iat, int):
        raise InvalidProof("the proof needs an integer iat")
    if iat > now + FUTURE_SKEW or now - iat > max_age:
        raise InvalidProof("the proof's iat is too old or in the future")
    nonce = payload.get("nonce")
    if not isinstance(nonce, str) or not nonce:
        raise InvalidProof("the proof needs the c_nonce from the nonce endpoint")
    minimal = public_jwk(key)
    return VerifiedProof(
        minimal, jwk_thumbprint(minimal), nonce, hashlib.sha256(token.encode()).hexdigest()
    )
