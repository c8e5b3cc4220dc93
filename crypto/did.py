"""Issuer keys named by ``did:jwk`` and ``did:key`` identifiers, resolved offline and strictly.

- ``did:jwk:<base64url of a JSON JWK>`` (the did:jwk method): the JWK is read by
  :func:`crypto.keys.public_key_from_jwk` under the caller's policy, so private members
  (``d``...) and key types the policy does not allow are refused.
- ``did:key:z<base58btc>`` (the did:key method, multibase ``z``): a multicodec varint
  prefix, then the public key: ``0xed`` Ed25519 (32 bytes) or ``0x1200`` P-256 (33-byte
  compressed point). Private-key codecs and every other one are refused.

A DID URL whose fragment is the method's own verification method (``#0`` for did:jwk, the
key's multibase value for did:key) resolves as the DID. Resolution says nothing of trust:
the verifier accepts only DIDs its trust store lists.
"""

from __future__ import annotations

from typing import Final

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from . import strict_json
from .algorithms import PublicKey
from .b64 import b64url_decode
from .errors import CryptoError, DidError, MalformedInput, UnsupportedDidMethod
from .keys import public_key_from_jwk
from .limits import DEFAULT_LIMITS, Limits, check_length
from .policy import DEFAULT_POLICY, AlgorithmPolicy

__all__ = ["did_key_of", "resolve_did"]

_BASE58: Final = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX: Final = {c: i for i, c in enumerate(_BASE58)}
_ED25519_PUB: Final = b"\xed\x01"  # varint of 0xed
_P256_PUB: Final = b"\x80\x24"  # varint of 0x1200
_PRIVATE_CODECS: Final = (b"\x80\x26", b"\x86\x26")  # ed25519-priv 0x1300, p256-priv 0x1306


def _base58_decode(text: str) -> bytes:
    value = 0
    for char in text:
        digit = _BASE58_INDEX.get(char)
        if digit is None:
            raise DidError("did:key is not base58btc", field="did")
        value = value * 58 + digit
    zeros = len(text) - len(text.lstrip("1"))
    return b"\0" * zeros + value.to_bytes((value.bit_length() + 7) // 8, "big")


def _base58_encode(data: bytes) -> str:
    value = int.from_bytes(data, "big")
    digits = []
    while value:
        value, digit = divmod(value, 58)
        digits.append(_BASE58[digit])
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * zeros + "".join(reversed(digits))


def _did_key(value: str, policy: AlgorithmPolicy) -> PublicKey:
    if not value.startswith("z") or len(value) < 2:
        raise DidError("did:key must be multibase base58btc ('z')", field="did")
    raw = _base58_decode(value[1:])
    codec, key = raw[:2], raw[2:]
    if codec in _PRIVATE_CODECS:
        raise DidError("a did:key must not hold a private key", field="did")
    if codec == _ED25519_PUB and len(key) == 32 and "EdDSA" in policy.algorithms:
        return ed25519.Ed25519PublicKey.from_public_bytes(key)
    if codec == _P256_PUB and len(key) == 33 and key[0] in (2, 3) and "ES256" in policy.algorithms:
        try:
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)
        except ValueError:
            raise DidError("the did:key is not a point on P-256", field="did") from None
    raise UnsupportedDidMethod(
        "did:key must hold an Ed25519 (0xed) or compressed P-256 (0x1200) public key",
        field="did",
    )


def _did_jwk(value: str, policy: AlgorithmPolicy) -> PublicKey:
    try:
        jwk = strict_json.loads_object(b64url_decode(value, field="did"), field="did")
        return public_key_from_jwk(jwk, policy=policy)
    except CryptoError as exc:
        raise DidError(f"did:jwk: {exc.message}", field="did") from None


def resolve_did(
    did: str, *, policy: AlgorithmPolicy = DEFAULT_POLICY, limits: Limits = DEFAULT_LIMITS
) -> PublicKey:
    """The public key a ``did:jwk`` or ``did:key`` names; raise :class:`DidError` otherwise."""
    if not isinstance(did, str):
        raise MalformedInput("a DID must be text", field="did")
    check_length(did, limits.max_did_chars, field="did")
    if not did.isascii():
        raise DidError("a DID is ASCII", field="did")
    identifier, _, fragment = did.partition("#")
    for method, resolve, own in (("did:jwk:", _did_jwk, "0"), ("did:key:", _did_key, None)):
        if identifier.startswith(method):
            value = identifier[len(method) :]
            if fragment and fragment != (own or value):
                raise DidError("the fragment is not this DID's key", field="did")
            if ":" in value or not value:
                raise DidError("a malformed method-specific identifier", field="did")
            return resolve(value, policy)
    raise UnsupportedDidMethod("only did:jwk and did:key are resolved", field="did")


def did_key_of(key: PublicKey) -> str:
    """The ``did:key`` of an Ed25519 or P-256 public key (the inverse of :func:`resolve_did`)."""
    if isinstance(key, ed25519.Ed25519PublicKey):
        raw = _ED25519_PUB + key.public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
    elif isinstance(key, ec.EllipticCurvePublicKey) and key.curve.name == "secp256r1":
        raw = _P256_PUB + key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.CompressedPoint
        )
    else:
        raise UnsupportedDidMethod("did:key is made for Ed25519 and P-256 keys", field="did")
    return "did:key:z" + _base58_encode(raw)
