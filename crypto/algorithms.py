"""The algorithm allow-list: ES256 and EdDSA (Ed25519), nothing else.

Low level ("hazmat"): most callers want :mod:`crypto.jws` or :mod:`crypto.sdjwt`.
Signatures are in JWS form (ES256: raw ``r || s``, 64 bytes).
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from cryptography.exceptions import InvalidSignature as _CryptographyInvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from .errors import InvalidKey, InvalidSignature, UnsupportedAlgorithm

__all__ = [
    "ALLOWED_ALGORITHMS",
    "Algorithm",
    "PrivateKey",
    "PublicKey",
    "algorithm_for_key",
    "check_algorithm",
    "sign",
    "verify",
]

Algorithm: TypeAlias = Literal["ES256", "EdDSA"]
PrivateKey: TypeAlias = ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
PublicKey: TypeAlias = ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey

ALLOWED_ALGORITHMS: Final = frozenset({"ES256", "EdDSA"})
_ECDSA_SHA256: Final = ec.ECDSA(hashes.SHA256())


def check_algorithm(name: object, *, field: str = "alg") -> Algorithm:
    """Return ``name`` if it is allowed, else raise :class:`UnsupportedAlgorithm`."""
    if name == "ES256":
        return "ES256"
    if name == "EdDSA":
        return "EdDSA"
    shown = name if isinstance(name, str) and len(name) <= 32 else "<not a short string>"
    raise UnsupportedAlgorithm(
        f"algorithm {shown!r} is not allowed; use ES256 or EdDSA", field=field
    )


def algorithm_for_key(key: PrivateKey | PublicKey) -> Algorithm:
    """Return the JWS algorithm of a key, refusing curves outside the allow-list."""
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, ec.SECP256R1):
            raise InvalidKey(f"EC curve {key.curve.name} is not allowed; use P-256")
        return "ES256"
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    raise InvalidKey(f"key type {type(key).__name__} is not allowed")


def sign(alg: Algorithm, key: PrivateKey, data: bytes) -> bytes:
    """Sign ``data`` with ``key`` under ``alg``; the key must match the algorithm."""
    if algorithm_for_key(key) != check_algorithm(alg):
        raise InvalidKey(f"the key does not match algorithm {alg}")
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(data, _ECDSA_SHA256))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return key.sign(data)


def verify(alg: str, key: PublicKey, data: bytes, signature: bytes) -> None:
    """Verify a JWS signature; raise :class:`InvalidSignature` (and nothing else) on failure.

    ``alg`` must be allowed and must match the key type, so an attacker cannot
    choose ``none``, an HMAC or another curve.
    """
    checked = check_algorithm(alg)
    if algorithm_for_key(key) != checked:
        raise InvalidSignature("signature does not verify")
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            if len(signature) != 64:
                raise InvalidSignature("signature does not verify")
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"),
                int.from_bytes(signature[32:], "big"),
            )
            key.verify(der, data, _ECDSA_SHA256)
        else:
            key.verify(signature, data)
    except _CryptographyInvalidSignature:
        raise InvalidSignature("signature does not verify") from None
