"""JWS algorithms: what Posvid signs with, and what a verifier's policy lets it verify.

Low level ("hazmat"): most callers want :mod:`crypto.jws` or :mod:`crypto.sdjwt`.

Posvid *signs* with ES256 (P-256) and EdDSA (Ed25519) only (:func:`check_algorithm`,
:func:`sign`). It *verifies* what an :class:`crypto.policy.AlgorithmPolicy` allows (by
default ES256, ES384, ES512, EdDSA and PS256; RS256 when a policy names it), and only
with a key of the algorithm's own type (:func:`key_fits`). Every primitive is
``cryptography``'s: ECDSA signatures in JWS form (raw ``r || s``, RFC 7518 §3.4), RSA-PSS
with MGF1 and a salt as long as the hash (RFC 7518 §3.5), RSASSA-PKCS1-v1_5 (§3.3).
"""

from __future__ import annotations

from typing import Final, Literal, TypeAlias

from cryptography.exceptions import InvalidSignature as _CryptographyInvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import (
    decode_dss_signature,
    encode_dss_signature,
)

from .errors import InvalidKey, InvalidSignature, UnsupportedAlgorithm
from .policy import DEFAULT_POLICY, AlgorithmPolicy

__all__ = [
    "ALLOWED_ALGORITHMS",
    "EC_ALGORITHMS",
    "Algorithm",
    "PrivateKey",
    "PublicKey",
    "algorithm_for_key",
    "check_algorithm",
    "key_fits",
    "sign",
    "verify",
]

Algorithm: TypeAlias = Literal["ES256", "EdDSA"]
PrivateKey: TypeAlias = ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey
PublicKey: TypeAlias = ec.EllipticCurvePublicKey | ed25519.Ed25519PublicKey | rsa.RSAPublicKey

#: what Posvid signs with
ALLOWED_ALGORITHMS: Final = frozenset({"ES256", "EdDSA"})
#: ECDSA algorithm → (curve name, hash, bytes of r and of s)
EC_ALGORITHMS: Final[dict[str, tuple[str, type[hashes.HashAlgorithm], int]]] = {
    "ES256": ("secp256r1", hashes.SHA256, 32),
    "ES384": ("secp384r1", hashes.SHA384, 48),
    "ES512": ("secp521r1", hashes.SHA512, 66),
}
_BAD: Final = "signature does not verify"


def check_algorithm(name: object, *, field: str = "alg") -> Algorithm:
    """Return ``name`` if Posvid signs with it (ES256, EdDSA), else raise."""
    if name == "ES256":
        return "ES256"
    if name == "EdDSA":
        return "EdDSA"
    shown = name if isinstance(name, str) and len(name) <= 32 else "<not a short string>"
    raise UnsupportedAlgorithm(
        f"algorithm {shown!r} is not allowed; use ES256 or EdDSA", field=field
    )


def algorithm_for_key(key: PrivateKey | PublicKey) -> Algorithm:
    """Return the algorithm Posvid signs with for a key, refusing every other key type."""
    if isinstance(key, ec.EllipticCurvePrivateKey | ec.EllipticCurvePublicKey):
        if not isinstance(key.curve, ec.SECP256R1):
            raise InvalidKey(f"EC curve {key.curve.name} is not allowed; use P-256")
        return "ES256"
    if isinstance(key, ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey):
        return "EdDSA"
    raise InvalidKey(f"key type {type(key).__name__} is not allowed")


def key_fits(alg: str, key: object, policy: AlgorithmPolicy = DEFAULT_POLICY) -> bool:
    """True when ``key`` is the type ``alg`` needs: its curve, or RSA of enough bits."""
    if alg in EC_ALGORITHMS:
        return isinstance(key, ec.EllipticCurvePublicKey) and (
            key.curve.name == EC_ALGORITHMS[alg][0]
        )
    if alg == "EdDSA":
        return isinstance(key, ed25519.Ed25519PublicKey)
    if alg in ("PS256", "RS256"):
        return isinstance(key, rsa.RSAPublicKey) and key.key_size >= policy.min_rsa_bits
    return False


def sign(alg: Algorithm, key: PrivateKey, data: bytes) -> bytes:
    """Sign ``data`` with ``key`` under ``alg``; the key must match the algorithm."""
    if algorithm_for_key(key) != check_algorithm(alg):
        raise InvalidKey(f"the key does not match algorithm {alg}")
    if isinstance(key, ec.EllipticCurvePrivateKey):
        r, s = decode_dss_signature(key.sign(data, ec.ECDSA(hashes.SHA256())))
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return key.sign(data)


def verify(
    alg: str,
    key: PublicKey,
    data: bytes,
    signature: bytes,
    *,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> None:
    """Verify a JWS signature; raise :class:`InvalidSignature` (and nothing else) on failure.

    ``alg`` must be allowed by ``policy`` (else :class:`UnsupportedAlgorithm`) and must
    match the key type, so an attacker cannot choose ``none``, an HMAC, another curve or
    a short RSA key.
    """
    checked = policy.check(alg)
    if not key_fits(checked, key, policy):
        raise InvalidSignature(_BAD)
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            _, hash_type, size = EC_ALGORITHMS[checked]
            if len(signature) != 2 * size:
                raise InvalidSignature(_BAD)
            r = int.from_bytes(signature[:size], "big")
            s = int.from_bytes(signature[size:], "big")
            key.verify(encode_dss_signature(r, s), data, ec.ECDSA(hash_type()))
        elif isinstance(key, rsa.RSAPublicKey):
            if len(signature) != (key.key_size + 7) // 8:
                raise InvalidSignature(_BAD)
            key.verify(signature, data, _rsa_padding(checked), hashes.SHA256())
        else:
            key.verify(signature, data)
    except _CryptographyInvalidSignature:
        raise InvalidSignature(_BAD) from None


def _rsa_padding(alg: str) -> padding.AsymmetricPadding:
    if alg == "PS256":
        return padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=hashes.SHA256.digest_size)
    return padding.PKCS1v15()
