"""Keys: generation, encrypted PKCS#8 storage, public JWK/JWKS, RFC 7638 thumbprints."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from .algorithms import (
    Algorithm,
    PrivateKey,
    PublicKey,
    algorithm_for_key,
    check_algorithm,
    key_fits,
)
from .b64 import b64url_decode, b64url_encode
from .errors import InvalidKey, MalformedInput
from .policy import DEFAULT_POLICY, KNOWN_ALGORITHMS, MIN_RSA_BITS, AlgorithmPolicy

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
_EC_CURVES: dict[str, tuple[ec.EllipticCurve, int]] = {
    "P-256": (ec.SECP256R1(), 32),
    "P-384": (ec.SECP384R1(), 48),
    "P-521": (ec.SECP521R1(), 66),
}
_KEY_TYPE_OF = {
    "ES256": "P-256",
    "ES384": "P-384",
    "ES512": "P-521",
    "EdDSA": "Ed25519",
    "PS256": "RSA",
    "RS256": "RSA",
}
#: RFC 7638 §3.2: the required members of each key type, in lexicographic order
_THUMBPRINT_MEMBERS = {
    "EC": ("crv", "kty", "x", "y"),
    "OKP": ("crv", "kty", "x"),
    "RSA": ("e", "kty", "n"),
}
#: private members of EC/OKP (``d``) and RSA (RFC 7518 §6.3.2) keys
_PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
_MAX_RSA_BYTES = 1024  # 8192-bit moduli
_MAX_RSA_EXPONENT_BYTES = 4  # a huge exponent makes every verification slow
_MAX_MEMBER_CHARS = 1400  # base64url of the largest member (an 8192-bit modulus)
_EVERY_KEY_TYPE = AlgorithmPolicy(KNOWN_ALGORITHMS)


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
    """Return the public JWK (RFC 7517/7518/8037) of a key, without ``kid``.

    P-256, P-384, P-521, Ed25519 and RSA keys of at least 2048 bits; nothing else.
    """
    pub = _public(key)
    if isinstance(pub, ec.EllipticCurvePublicKey):
        crv, size = _curve_of(pub)
        numbers = pub.public_numbers()
        return {
            "kty": "EC",
            "crv": crv,
            "x": b64url_encode(numbers.x.to_bytes(size, "big")),
            "y": b64url_encode(numbers.y.to_bytes(size, "big")),
        }
    if isinstance(pub, rsa.RSAPublicKey):
        if pub.key_size < MIN_RSA_BITS:
            raise InvalidKey(f"RSA keys have at least {MIN_RSA_BITS} bits")
        rsa_numbers = pub.public_numbers()
        return {"kty": "RSA", "n": _uint(rsa_numbers.n), "e": _uint(rsa_numbers.e)}
    if isinstance(pub, ed25519.Ed25519PublicKey):
        raw = pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return {"kty": "OKP", "crv": "Ed25519", "x": b64url_encode(raw)}
    raise InvalidKey(f"key type {type(pub).__name__} is not allowed")


def _curve_of(key: ec.EllipticCurvePublicKey) -> tuple[str, int]:
    for crv, (curve, size) in _EC_CURVES.items():
        if key.curve.name == curve.name:
            return crv, size
    raise InvalidKey(f"EC curve {key.curve.name} is not allowed")


def _uint(value: int) -> str:
    """RFC 7518 §6.3.1: the big-endian bytes of a positive integer, without leading zeros."""
    return b64url_encode(value.to_bytes((value.bit_length() + 7) // 8, "big"))


def _member(jwk: Mapping[str, Any], name: str) -> str:
    value = jwk.get(name)
    if not isinstance(value, str):
        raise InvalidKey(f"JWK member {name!r} is missing or not a string", field=name)
    if len(value) > _MAX_MEMBER_CHARS:
        raise InvalidKey(f"JWK member {name!r} is too long", field=name)
    return value


def _coordinate(jwk: Mapping[str, Any], name: str, size: int = 32) -> bytes:
    raw = b64url_decode(_member(jwk, name), field=name)
    if len(raw) != size:
        raise InvalidKey(f"JWK member {name!r} must be {size} bytes", field=name)
    return raw


def _unsigned(jwk: Mapping[str, Any], name: str, max_bytes: int) -> int:
    raw = b64url_decode(_member(jwk, name), field=name)
    if not raw or raw[0] == 0 or len(raw) > max_bytes:
        raise InvalidKey(
            f"JWK member {name!r} must be a positive integer without leading zero bytes",
            field=name,
        )
    return int.from_bytes(raw, "big")


def _allowed_key_types(policy: AlgorithmPolicy | None) -> frozenset[str]:
    """``"P-256"``, ``"Ed25519"``... ``"RSA"``: the key types ``policy``'s algorithms use."""
    if policy is None:
        return frozenset({"P-256", "Ed25519"})
    return frozenset(_KEY_TYPE_OF[alg] for alg in policy.algorithms)


def _key_type(jwk: Mapping[str, Any]) -> str:
    kty, crv = jwk.get("kty"), jwk.get("crv")
    if kty == "RSA":
        return "RSA"
    if (kty == "EC" and crv in _EC_CURVES) or (kty == "OKP" and crv == "Ed25519"):
        return str(crv)
    raise InvalidKey("only EC P-256/P-384/P-521, OKP Ed25519 and RSA keys exist here", field="kty")


def _build_key(jwk: Mapping[str, Any], key_type: str, policy: AlgorithmPolicy | None) -> PublicKey:
    if key_type == "Ed25519":
        return ed25519.Ed25519PublicKey.from_public_bytes(_coordinate(jwk, "x"))
    if key_type == "RSA":
        n = _unsigned(jwk, "n", _MAX_RSA_BYTES)
        e = _unsigned(jwk, "e", _MAX_RSA_EXPONENT_BYTES)
        minimum = policy.min_rsa_bits if policy is not None else MIN_RSA_BITS
        if n.bit_length() < minimum:
            raise InvalidKey(f"RSA keys have at least {minimum} bits", field="n")
        return rsa.RSAPublicNumbers(e, n).public_key()
    curve, size = _EC_CURVES[key_type]
    point = b"\x04" + _coordinate(jwk, "x", size) + _coordinate(jwk, "y", size)
    return ec.EllipticCurvePublicKey.from_encoded_point(curve, point)


def public_key_from_jwk(
    jwk: Mapping[str, Any], *, policy: AlgorithmPolicy | None = None
) -> PublicKey:
    """Build a public key from a JWK.

    Without ``policy``: only P-256 (EC) and Ed25519 (OKP), the keys Posvid itself uses.
    With one: every key type its algorithms need (P-384 for ES384, P-521 for ES512, RSA
    of at least ``min_rsa_bits`` for PS256/RS256). A JWK carrying private material
    (``d``, or RSA's ``p``, ``q``...) is refused: public keys travel alone. A JWK ``alg``
    must be allowed and must fit the key.
    """
    if type(jwk) is not dict and not isinstance(jwk, Mapping):
        raise InvalidKey("a JWK must be a JSON object", field="jwk")
    for name in _PRIVATE_MEMBERS:
        if name in jwk:
            raise InvalidKey(f"a public JWK must not contain private member {name!r}", field=name)
    if "alg" in jwk:
        if policy is None:
            check_algorithm(jwk["alg"])
        else:
            policy.check(jwk["alg"])
    key_type = _key_type(jwk)
    if key_type not in _allowed_key_types(policy):
        raise InvalidKey(f"{key_type} keys are not allowed here", field="kty")
    try:
        key = _build_key(jwk, key_type, policy)
    except MalformedInput as exc:
        raise InvalidKey(exc.message, field=exc.field) from None
    except ValueError:
        what = "a valid RSA public key" if key_type == "RSA" else "a point on its curve"
        raise InvalidKey(f"the JWK is not {what}", field="jwk") from None
    if "alg" in jwk and not key_fits(jwk["alg"], key, policy or DEFAULT_POLICY):
        raise InvalidKey("the JWK's alg does not fit its key", field="alg")
    return key


def _alg_of(key: PublicKey) -> dict[str, str]:
    if isinstance(key, rsa.RSAPublicKey):
        return {}  # PS256 or RS256: the key does not say
    if isinstance(key, ed25519.Ed25519PublicKey):
        return {"alg": "EdDSA"}
    algs = {"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}
    return {"alg": algs[_curve_of(key)[0]]}


def jwk_thumbprint(key_or_jwk: PrivateKey | PublicKey | Mapping[str, Any]) -> str:
    """RFC 7638 SHA-256 thumbprint, base64url: the ``kid`` Posvid uses by default.

    Any key type :func:`public_jwk` can write (RSA, P-384 and P-521 included).
    """
    if isinstance(key_or_jwk, Mapping):
        jwk = public_jwk(public_key_from_jwk(key_or_jwk, policy=_EVERY_KEY_TYPE))
    else:
        jwk = public_jwk(key_or_jwk)
    required = _THUMBPRINT_MEMBERS[jwk["kty"]]
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
    def from_dict(
        cls, document: Mapping[str, Any], *, policy: AlgorithmPolicy | None = None
    ) -> Jwks:
        """Parse ``{"keys": [...]}``; a key without ``kid`` gets its thumbprint.

        ``policy`` widens the key types as :func:`public_key_from_jwk` says.
        """
        keys = document.get("keys") if isinstance(document, Mapping) else None
        if not isinstance(keys, list):
            raise InvalidKey("a JWKS must be an object with a 'keys' array", field="keys")
        parsed: dict[str, PublicKey] = {}
        for jwk in keys:
            key = public_key_from_jwk(jwk, policy=policy)
            kid = jwk.get("kid", jwk_thumbprint(key))
            if not isinstance(kid, str) or not kid:
                raise InvalidKey("'kid' must be a non-empty string", field="kid")
            if kid in parsed:
                raise InvalidKey("two keys share one 'kid'", field="kid")
            parsed[kid] = key
        return cls(parsed)

    def to_dict(self) -> dict[str, list[dict[str, str]]]:
        """Serialise as a JWKS document (``alg`` where the key type names one: not RSA)."""
        return {
            "keys": [
                {**public_jwk(key), "kid": kid, **_alg_of(key), "use": "sig"}
                for kid, key in self._keys.items()
            ]
        }

    def __getitem__(self, kid: str) -> PublicKey:
        return self._keys[kid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)
