"""Posvid's crypto core: keys, JWK, SD-JWT (VC), Token Status Lists, the QR payload codec.

No web, no database, no I/O beyond what the caller passes in. Time and
randomness are injected (:mod:`crypto.clock`, :mod:`crypto.randomness`). The
names here are the safe entry points; :mod:`crypto.algorithms`, :mod:`crypto.jws`
and the modules of :mod:`crypto.sdjwt` are the low level beneath them.
"""

from __future__ import annotations

from .clock import Clock, FixedClock, SystemClock
from .errors import CodedError, CryptoError
from .key_resolver import IssuerKeys, KeyResolver
from .keys import (
    Jwks,
    SigningKey,
    generate_private_key,
    jwk_thumbprint,
    load_private_key_pem,
    private_key_to_pem,
    public_jwk,
    public_key_from_jwk,
)
from .limits import DEFAULT_LIMITS, Limits
from .policy import DEFAULT_POLICY, AlgorithmPolicy
from .presentation_request import PresentationRequest
from .qr_codec import decode_qr_payload, encode_qr_payload
from .randomness import RandomSource, SecureRandom, SeededRandom
from .sdjwt import (
    KeyBindingExpectations,
    VcPolicy,
    VerifiedCredential,
    issue_sd_jwt_vc,
    present,
    sd,
    verify_sd_jwt_vc,
)
from .status_list import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    STATUS_VALID,
    StatusList,
    StatusListToken,
    StatusReference,
    issue_status_list_token,
    verify_status_list_token,
)

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_POLICY",
    "STATUS_INVALID",
    "STATUS_SUSPENDED",
    "STATUS_VALID",
    "AlgorithmPolicy",
    "Clock",
    "CodedError",
    "CryptoError",
    "FixedClock",
    "IssuerKeys",
    "Jwks",
    "KeyBindingExpectations",
    "KeyResolver",
    "Limits",
    "PresentationRequest",
    "RandomSource",
    "SecureRandom",
    "SeededRandom",
    "SigningKey",
    "StatusList",
    "StatusListToken",
    "StatusReference",
    "SystemClock",
    "VcPolicy",
    "VerifiedCredential",
    "decode_qr_payload",
    "encode_qr_payload",
    "generate_private_key",
    "issue_sd_jwt_vc",
    "issue_status_list_token",
    "jwk_thumbprint",
    "load_private_key_pem",
    "present",
    "private_key_to_pem",
    "public_jwk",
    "public_key_from_jwk",
    "sd",
    "verify_sd_jwt_vc",
    "verify_status_list_token",
]
