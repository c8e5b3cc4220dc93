"""Issuing SD-JWTs: mark values with :func:`sd`, then sign with :func:`issue_sd_jwt`.

    claims = {
        "given_name": sd("Олена"),
        "address": sd({"region": sd("Київська"), "country": "UA"}),
        "nationalities": [sd("UA"), "PL"],
    }

A marked object property or array element becomes a disclosure; marks nest, so a
disclosed object can hold selectively disclosable members of its own.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..b64 import b64url_encode
from ..errors import ForbiddenClaimName, InputTooLarge, MalformedInput, NotSelectivelyDisclosable
from ..jws import sign_compact
from ..keys import SigningKey
from ..limits import DEFAULT_LIMITS, Limits
from ..randomness import RandomSource, SecureRandom
from .compact import SdJwtParts
from .disclosure import DEFAULT_HASH_ALG, FORBIDDEN_CLAIM_NAMES, Disclosure, hash_function

__all__ = ["IssuedSdJwt", "Sd", "issue_sd_jwt", "sd"]

_SALT_BYTES = 16
_SCALARS = frozenset({str, int, float, bool, type(None)})


@dataclass(frozen=True, slots=True)
class Sd:
    """Marks a value as selectively disclosable (see :func:`sd`)."""

    value: Any


def sd(value: Any) -> Sd:
    """Mark an object property's value or an array element as selectively disclosable."""
    return Sd(value)


@dataclass(frozen=True, slots=True)
class IssuedSdJwt:
    """The result of issuance: the compact SD-JWT and what went into it."""

    compact: str
    payload: dict[str, Any]
    disclosures: tuple[Disclosure, ...]


class _Packer:
    def __init__(
        self,
        rng: RandomSource,
        hash_alg: str,
        decoys: int,
        always_visible: Collection[str],
        limits: Limits,
    ) -> None:
        self.rng = rng
        self.hash_alg = hash_alg
        self.decoys = decoys
        self.always_visible = always_visible
        self.limits = limits
        self.hash = hash_function(hash_alg)
        self.disclosures: list[Disclosure] = []
        self.digests = 0
        self._pool = b""

    def _salt(self) -> str:
        if len(self._pool) < _SALT_BYTES:  # draw salts in batches: one RNG call per 32
            self._pool = self.rng.token_bytes(_SALT_BYTES * 32)
        salt, self._pool = self._pool[:_SALT_BYTES], self._pool[_SALT_BYTES:]
        return b64url_encode(salt)

    def _digest(self, disclosure: Disclosure) -> str:
        self.digests += 1
        if self.digests > self.limits.max_digests:
            raise InputTooLarge(f"more than {self.limits.max_digests} digests", field="claims")
        self.disclosures.append(disclosure)
        return b64url_encode(self.hash(disclosure.encoded.encode()).digest())

    def _decoy(self) -> str:
        self.digests += 1
        return b64url_encode(self.hash(self.rng.token_bytes(32)).digest())

    def pack(self, value: Any, depth: int, top: bool = False) -> Any:
        if type(value) in _SCALARS:
            return value
        if depth > self.limits.max_depth:
            raise InputTooLarge(f"claims nest deeper than {self.limits.max_depth}", field="claims")
        if isinstance(value, Sd):
            raise MalformedInput("sd() marks object properties and array elements only")
        if isinstance(value, Mapping):
            return self._pack_object(value, depth, top)
        if isinstance(value, list | tuple):
            return [self._pack_element(item, depth) for item in value]
        return value

    def _pack_element(self, item: Any, depth: int) -> Any:
        if isinstance(item, Sd):
            disclosure = Disclosure.create(
                None, self.pack(item.value, depth + 1), salt=self._salt()
            )
            return {"...": self._digest(disclosure)}
        return self.pack(item, depth + 1)

    def _pack_object(self, obj: Mapping[str, Any], depth: int, top: bool) -> dict[str, Any]:
        packed: dict[str, Any] = {}
        digests: list[str] = []
        for name, value in obj.items():
            if not isinstance(name, str):
                raise MalformedInput("claim names must be strings", field=str(name))
            if name in FORBIDDEN_CLAIM_NAMES:
                raise ForbiddenClaimName(f"a claim may not be named {name!r}", field=name)
            if type(value) is Sd:
                if top and name in self.always_visible:
                    raise NotSelectivelyDisclosable("this claim must always be visible", field=name)
                disclosure = Disclosure.create(
                    name, self.pack(value.value, depth + 1), salt=self._salt()
                )
                digests.append(self._digest(disclosure))
            else:
                packed[name] = self.pack(value, depth + 1)
        if digests and self.decoys:
            digests.extend(self._decoy() for _ in range(self.decoys))
        if digests:
            packed["_sd"] = sorted(digests)
        return packed


def issue_sd_jwt(
    claims: Mapping[str, Any],
    *,
    signing_key: SigningKey,
    typ: str,
    holder_jwk: Mapping[str, Any] | None = None,
    hash_alg: str = DEFAULT_HASH_ALG,
    decoys: int = 0,
    always_visible: Collection[str] = (),
    rng: RandomSource | None = None,
    extra_header: Mapping[str, Any] | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> IssuedSdJwt:
    """Sign ``claims`` as an SD-JWT whose :func:`sd`-marked values are disclosures.

    ``decoys`` adds that many decoy digests to every object holding disclosures;
    ``holder_jwk`` goes into ``cnf.jwk`` for key binding; names in
    ``always_visible`` may not be marked at the top level.
    """
    hash_function(hash_alg)
    if decoys < 0:
        raise MalformedInput("decoys must not be negative", field="decoys")
    if "_sd_alg" in claims or ("cnf" in claims and holder_jwk is not None):
        raise MalformedInput("_sd_alg and cnf are set by issuance", field="claims")
    packer = _Packer(rng or SecureRandom(), hash_alg, decoys, always_visible, limits)
    payload = packer.pack(claims, 0, top=True)
    payload["_sd_alg"] = hash_alg
    if holder_jwk is not None:
        payload["cnf"] = {"jwk": dict(holder_jwk)}
    jwt = sign_compact(payload, signing_key, typ=typ, extra_header=extra_header)
    disclosures = tuple(packer.disclosures)
    compact = SdJwtParts(jwt, tuple(d.encoded for d in disclosures), None).serialize()
    return IssuedSdJwt(compact, payload, disclosures)
