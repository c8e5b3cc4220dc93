"""The holder's side: choose claims by path, attach a Key Binding JWT.

A path names a claim from the top: ``"address.region"`` or ``("address", "region")``;
array elements by their index in the issued array, ``("nationalities", 0)``.
Disclosing a claim also discloses what leads to it and everything inside it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

from ..errors import ClaimNotFound, InputTooLarge, MalformedInput
from ..jws import parse_compact
from ..keys import SigningKey
from ..limits import DEFAULT_LIMITS, Limits
from .compact import SdJwtParts, split_sd_jwt
from .disclosure import DEFAULT_HASH_ALG, Disclosure, digest_of
from .key_binding import create_kb_jwt

__all__ = ["ClaimPath", "DisclosureMap", "present"]

ClaimPath: TypeAlias = str | Sequence[str | int]
_Path: TypeAlias = tuple[str | int, ...]


def _normalise(path: ClaimPath, known: dict[_Path, tuple[str, ...]]) -> _Path:
    """A dotted path's digit segments are array indices only where an array is."""
    if not isinstance(path, str):
        return tuple(path)
    resolved: _Path = ()
    for segment in path.split("."):
        as_name = (*resolved, segment)
        resolved = (
            as_name if as_name in known or not segment.isdigit() else (*resolved, int(segment))
        )
    return resolved


@dataclass(frozen=True, slots=True)
class DisclosureMap:
    """Which disclosures reveal which claim path, read from a holder's own SD-JWT."""

    parts: SdJwtParts
    hash_alg: str
    #: path → the disclosures needed to reach it (its own last), in issuance order
    chains: dict[_Path, tuple[str, ...]]

    @classmethod
    def of(cls, sd_jwt: str, *, limits: Limits = DEFAULT_LIMITS) -> DisclosureMap:
        """Read an SD-JWT the holder received (its issuer signature is checked elsewhere)."""
        parts = split_sd_jwt(sd_jwt, limits=limits)
        payload = parse_compact(parts.issuer_jwt, field="issuer_jwt", limits=limits).payload
        hash_alg = payload.get("_sd_alg", DEFAULT_HASH_ALG)
        by_digest = {
            digest_of(d, hash_alg): Disclosure.parse(d, limits=limits) for d in parts.disclosures
        }
        chains: dict[_Path, tuple[str, ...]] = {}
        _walk(payload, (), (), by_digest, chains, limits.max_depth)
        return cls(parts, hash_alg, chains)

    def paths(self) -> list[_Path]:
        """Every claim path the holder can disclose or that is always visible."""
        return list(self.chains)

    def select(self, paths: Iterable[ClaimPath]) -> tuple[str, ...]:
        """The disclosures that reveal ``paths``, in the order the issuer gave them."""
        wanted: set[str] = set()
        for raw in paths:
            path = _normalise(raw, self.chains)
            if path not in self.chains:
                raise ClaimNotFound(
                    "the credential has no such claim", field=".".join(map(str, path))
                )
            for known, chain in self.chains.items():
                if known[: len(path)] == path:  # the claim itself and all inside it
                    wanted.update(chain)
        return tuple(d for d in self.parts.disclosures if d in wanted)


def _walk(
    value: Any,
    path: _Path,
    chain: tuple[str, ...],
    by_digest: dict[str, Disclosure],
    out: dict[_Path, tuple[str, ...]],
    depth_left: int,
) -> None:
    if depth_left < 0:
        raise InputTooLarge("claims nest too deep", field="claims")
    if isinstance(value, dict):
        for name, child in value.items():
            if name == "_sd" or (name == "_sd_alg" and not path):
                continue
            out[(*path, name)] = chain
            _walk(child, (*path, name), chain, by_digest, out, depth_left - 1)
        digests = value.get("_sd", [])
        if not isinstance(digests, list):
            raise MalformedInput("_sd must be an array", field="_sd")
        for digest in digests:
            disclosure = by_digest.get(digest) if isinstance(digest, str) else None
            if disclosure is not None and disclosure.name is not None:
                sub = (*path, disclosure.name)
                out[sub] = (*chain, disclosure.encoded)
                _walk(disclosure.value, sub, out[sub], by_digest, out, depth_left - 1)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            sub = (*path, index)
            if isinstance(item, dict) and set(item) == {"..."}:
                digest = item["..."]
                disclosure = by_digest.get(digest) if isinstance(digest, str) else None
                if disclosure is not None and disclosure.name is None:
                    out[sub] = (*chain, disclosure.encoded)
                    _walk(disclosure.value, sub, out[sub], by_digest, out, depth_left - 1)
            else:
                out[sub] = chain
                _walk(item, sub, chain, by_digest, out, depth_left - 1)


def present(
    sd_jwt: str,
    *,
    disclose: Iterable[ClaimPath],
    holder_key: SigningKey | None = None,
    aud: str | None = None,
    nonce: str | None = None,
    iat: int | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> str:
    """Build a presentation disclosing ``disclose``; with ``holder_key``, an SD-JWT+KB.

    ``aud``, ``nonce`` and ``iat`` are required together with ``holder_key``.
    """
    dmap = DisclosureMap.of(sd_jwt, limits=limits)
    chosen = SdJwtParts(dmap.parts.issuer_jwt, dmap.select(disclose), None)
    if holder_key is None:
        return chosen.serialize()
    if aud is None or nonce is None or iat is None:
        raise MalformedInput("key binding needs aud, nonce and iat", field="key_binding")
    kb = create_kb_jwt(
        chosen.without_key_binding,
        holder_key=holder_key,
        aud=aud,
        nonce=nonce,
        iat=iat,
        hash_alg=dmap.hash_alg,
    )
    return chosen.serialize() + kb
