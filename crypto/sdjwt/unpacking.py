"""Rebuilding the disclosed claims from the payload and disclosures (RFC 9901 §7.1 step 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import (
    ClaimAlreadyExists,
    DuplicateDigest,
    InputTooLarge,
    MalformedDisclosure,
    MalformedInput,
    UnreferencedDisclosure,
)
from ..limits import Limits
from .disclosure import Disclosure

__all__ = ["UnpackedClaims", "unpack"]


@dataclass(slots=True)
class UnpackedClaims:
    """The processed payload and what was learnt while building it."""

    claims: dict[str, Any]
    #: claim names disclosed at the top level of the payload
    top_level_disclosed: set[str] = field(default_factory=set)


class _Unpacker:
    def __init__(self, by_digest: dict[str, Disclosure], limits: Limits) -> None:
        self.by_digest = by_digest
        self.limits = limits
        self.seen: set[str] = set()
        self.top_level_disclosed: set[str] = set()

    def _take(self, digest: object) -> Disclosure | None:
        if not isinstance(digest, str):
            raise MalformedInput("a digest must be a string", field="_sd")
        if digest in self.seen:
            raise DuplicateDigest("a digest appears more than once", field="_sd")
        self.seen.add(digest)
        if len(self.seen) > self.limits.max_digests:
            raise InputTooLarge(f"more than {self.limits.max_digests} digests", field="_sd")
        return self.by_digest.get(digest)

    def value(self, value: Any, depth: int) -> Any:
        if depth > self.limits.max_depth:
            raise InputTooLarge(f"claims nest deeper than {self.limits.max_depth}", field="claims")
        if isinstance(value, dict):
            return self.object(value, depth, top=False)
        if isinstance(value, list):
            return self.array(value, depth)
        return value

    def object(self, obj: dict[str, Any], depth: int, *, top: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, value in obj.items():
            if name == "_sd":
                continue
            if name == "...":
                raise MalformedInput("'...' is only allowed in array elements", field="...")
            if top and name == "_sd_alg":
                continue
            result[name] = self.value(value, depth + 1)
        digests = obj.get("_sd", [])
        if not isinstance(digests, list):
            raise MalformedInput("_sd must be an array of digests", field="_sd")
        for digest in digests:
            disclosure = self._take(digest)
            if disclosure is None:
                continue  # a decoy, or a claim the holder did not disclose
            if disclosure.name is None:
                raise MalformedDisclosure(
                    "an array-element disclosure is referenced from an object's _sd",
                    field="disclosure",
                )
            if disclosure.name in obj or disclosure.name in result:
                raise ClaimAlreadyExists(
                    "a disclosed claim already exists at this level", field=disclosure.name
                )
            result[disclosure.name] = self.value(disclosure.value, depth + 1)
            if top:
                self.top_level_disclosed.add(disclosure.name)
        return result

    def array(self, array: list[Any], depth: int) -> list[Any]:
        result: list[Any] = []
        for item in array:
            if isinstance(item, dict) and "..." in item:
                if len(item) != 1:
                    raise MalformedInput(
                        "an array element digest object has only the '...' key", field="..."
                    )
                disclosure = self._take(item["..."])
                if disclosure is None:
                    continue
                if disclosure.name is not None:
                    raise MalformedDisclosure(
                        "an object-property disclosure is referenced from an array",
                        field="disclosure",
                    )
                result.append(self.value(disclosure.value, depth + 1))
            else:
                result.append(self.value(item, depth + 1))
        return result


def unpack(
    payload: dict[str, Any], disclosures: dict[str, Disclosure], limits: Limits
) -> UnpackedClaims:
    """Replace digests with disclosed values; reject every RFC 9901 §7.1 violation.

    ``disclosures`` maps each disclosure's digest to it. Digests seen twice,
    disclosures in the wrong kind of place, names that already exist, and
    disclosures nothing references all raise.
    """
    unpacker = _Unpacker(disclosures, limits)
    claims = unpacker.object(payload, 0, top=True)
    if len(unpacker.seen.intersection(disclosures)) != len(disclosures):
        raise UnreferencedDisclosure(
            "a disclosure is not referenced by any digest", field="disclosures"
        )
    return UnpackedClaims(claims, unpacker.top_level_disclosed)
