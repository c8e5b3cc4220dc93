"""Keys: generation, encrypted PKCS#8 storage, public JWK/JWKS, RFC 7638 thumbprints."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from .algorithms import (
    Algorithm,
    PrivateKey,
    PublicKey,
    algorithm_for_key,
    check_algorithm,
)
from .b64 import b64url_decode, b64url_encode
from .errors import InvalidKey, MalformedInput

__all__ = [
    "Jwks",
    "SigningKey",
    "generate_private_key",
    "jwk_thumbprint",
    "load_private_key_pem",
    "private_key_to_pem",
    "public_jwk",
    "public_key_from_jwk",
]

_MIN_PASSPHRASE_BYTES = 8


def generate_private_key(alg: str = "ES256") -> PrivateKey:
    """Generate a new private key for ``alg`` (ES256 → P-256, EdDSA → Ed25519)."""
    if check_algorithm(alg) == "ES256":
        return ec.generate_private_key(ec.SECP256R1())
    return ed25519.Ed25519PrivateKey.generate()


def private_key_to_pem(key: PrivateKey, passphrase: bytes) -> bytes:
    """Serialise a private key as PKCS#8 PEM encrypted with ``passphrase``."""
    algorithm_for_key(key)
    if len(passphrase) < _MIN_PASSPHRASE_BYTES:
        raise InvalidKey(
            f"the passphrase must be at least {_MIN_PASSPHRASE_BYTES} bytes long",
            field="passphrase",
        )
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )


def load_private_key_pem(pem: bytes, passphrase: bytes) -> PrivateKey:
    """Load an encrypted PKCS#8 PEM private key (P-256 or Ed25519 only)."""
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except (ValueError, TypeError):
        raise InvalidKey(
            "cannot load the private key: wrong passphrase, unencrypted or damaged PEM",
            field="pem",
        ) from None
    if not isinstance(key, ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey):
        raise InvalidKey(f"key type {type(key).__name__} is not allowed", field="pem")
    algorithm_for_key(key)
    return key


def _public(key: PrivateKey | PublicKey) -> PublicKey:
    if isinstance(key, ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey):
        return key.public_key()
    return key


def public_jwk(key: PrivateKey | PublicKey) -> dict[str, str]:
    """Return the public JWK (RFC 7517/7518/8037) of a key, without ``kid``."""
    pub = _public(key)
    if algorithm_for_key(pub) == "ES256":
        assert isinstance(pub, ec.EllipticCurvePublicKey)  # noqa: S101 - narrows the type
        numbers = pub.public_numbers()
        return {
            "kty": "EC",
            "crv": "P-256",
            "x": b64url_encode(numbers.x.to_bytes(32, "big")),
            "y": b64url_encode(numbers.y.to_bytes(32, "big")),
        }
    raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}


def _member(jwk: Mapping[str, Any], name: str) -> str:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise InvalidKey(f"JWK member {name!r} is missing or not a string", field=name)
    return value


def _coordinate(jwk: Mapping[str, Any], name: str) -> bytes:
    raw = b64url_decode(_member(jwk, name), field=name)
    if len(raw) != 32:
        raise InvalidKey(f"JWK member {name!r} must be 32 bytes", field=name)
    return raw


def public_key_from_jwk(jwk: Mapping[str, Any]) -> PublicKey:
    """Build a public key from a JWK; only P-256 (EC) and Ed25519 (OKP) are accepted.

    A JWK carrying private material (``d``) is refused: public keys travel alone.
    """
    if type(jwk) is not dict and not isinstance(jwk, Mapping):
        raise InvalidKey("a JWK must be a JSON object", field="jwk")
    if "d" in jwk:
        raise InvalidKey("a public JWK must not contain private member 'd'", field="d")
    if "alg" in jwk:
        check_algorithm(jwk["alg"])
    kty = jwk.get("kty")
    crv = jwk.get("crv")
    try:
        if kty == "EC" and crv == "P-256":
            point = b"\x04" + _coordinate(jwk, "x") + _coordinate(jwk, "y")
            return ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        if kty == "OKP" and crv == "Ed25519":
            return ed25519.Ed25519PublicKey.from_public_bytes(_coordinate(jwk, "x"))
    except MalformedInput as exc:
        raise InvalidKey(exc.message, field=exc.field) from None
    except ValueError:
        raise InvalidKey("the JWK is not a point on its curve", field="jwk") from None
    raise InvalidKey("only EC P-256 and OKP Ed25519 keys are allowed", field="kty")


def jwk_thumbprint(key_or_jwk: PrivateKey | PublicKey | Mapping[str, Any]) -> str:
    """RFC 7638 SHA-256 thumbprint, base64url: the ``kid`` Posvid uses by default."""
    if isinstance(key_or_jwk, Mapping):
        jwk = public_jwk(public_key_from_jwk(key_or_jwk))
    else:
        jwk = public_jwk(key_or_jwk)
    required = ("crv", "kty", "x", "y") if jwk["kty"] == "EC" else ("crv", "kty", "x")
    canonical = json.dumps({k: jwk[k] for k in required}, separators=(",", ":"))
    return b64url_encode(hashlib.sha256(canonical.encode("ascii")).digest())


@dataclass(frozen=True, slots=True)
class SigningKey:
    """A private key with the ``kid`` and algorithm it signs under."""

    private_key: PrivateKey
    kid: str
    alg: Algorithm

    @classmethod
    def from_private_key(cls, key: PrivateKey, kid: str | None = None) -> SigningKey:
        """Wrap a key; ``kid`` defaults to its RFC 7638 thumbprint."""
        return cls(key, kid if kid is not None else jwk_thumbprint(key), algorithm_for_key(key))

    @classmethod
    def generate(cls, alg: str = "ES256", kid: str | None = None) -> SigningKey:
        """Generate a fresh signing key."""
        return cls.from_private_key(generate_private_key(alg), kid)

    @property
    def public_key(self) -> PublicKey:
        """The matching public key."""
        return self.private_key.public_key()

    def public_jwk(self) -> dict[str, str]:
        """The public JWK with ``kid``, ``alg`` and ``use``."""
        return {**public_jwk(self.private_key), "kid": self.kid, "alg": self.alg, "use": "sig"}

    def __repr__(self) -> str:
        return f"SigningKey(kid={self.kid!r}, alg={self.alg!r})"


class Jwks(Mapping[str, PublicKey]):
    """A JSON Web Key Set indexed by ``kid``: the keys an issuer publishes."""

    def __init__(self, keys: Mapping[str, PublicKey]) -> None:
        self._keys = dict(keys)

    @classmethod
    def of(cls, keys: Iterable[SigningKey]) -> Jwks:
        """The public set of some signing keys."""
        return cls({k.kid: k.public_key for k in keys})

    @classmethod
    def from_dict(cls, document: Mapping[str, Any]) -> Jwks:
        """Parse ``{"keys": [...]}``; a key without ``kid`` gets its thumbprint."""
        keys = document.get("keys") if isinstance(document, Mapping) else None
        if not isinstance(keys, list):
            raise InvalidKey("a JWKS must be an object with a 'keys' array", field="keys")
        parsed: dict[str, PublicKey] = {}
        for jwk in keys:
            key = public_key_from_jwk(jwk)
            kid = jwk.get("kid", jwk_thumbprint(key))
            if not isinstance(kid, str) or not kid:
                raise InvalidKey("'kid' must be a non-empty string", field="kid")
            if kid in parsed:
                raise InvalidKey("two keys share one 'kid'", field="kid")
            parsed[kid] = key
        return cls(parsed)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        """Serialise as a JWKS document."""
        return {
            "keys": [
                {**public_jwk(key), "kid": kid, "alg": algorithm_for_key(key), "use": "sig"}
                for kid, key in self._keys.items()
            ]
        }

    def __getitem__(self, kid: str) -> PublicKey:
        return self._keys[kid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
