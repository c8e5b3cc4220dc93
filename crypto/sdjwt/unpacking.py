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

    def _matched(self, digests: list[Any]) -> list[Disclosure]:
        """Record a batch of digests; return the disclosures they reference, in order."""
        if not set(map(type, digests)) <= {str}:
            raise MalformedInput("a digest must be a string", field="_sd")
        batch = set(digests)
        if len(batch) != len(digests) or not self.seen.isdisjoint(batch):
            raise DuplicateDigest("a digest appears more than once", field="_sd")
        self.seen |= batch
        if len(self.seen) > self.limits.max_digests:
            raise InputTooLarge(f"more than {self.limits.max_digests} digests", field="_sd")
        by_digest = self.by_digest
        return [by_digest[d] for d in digests if d in by_digest]

    def value(self, value: Any, depth: int) -> Any:
        kind = type(value)
        if kind is not dict and kind is not list:
            return value
        if depth > self.limits.max_depth:
            raise InputTooLarge(f"claims nest deeper than {self.limits.max_depth}", field="claims")
        if kind is dict:
            return self.object(value, depth, top=False)
        return self.array(value, depth)

    def object(self, obj: dict[str, Any], depth: int, *, top: bool) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for name, value in obj.items():
            if name == "_sd":
                continue
            if name == "...":
                raise MalformedInput("'...' is only allowed in array elements", field="...")
            if top and name == "_sd_alg":
                continue
            kind = type(value)
            result[name] = (
                value if kind is not dict and kind is not list else self.value(value, depth + 1)
            )
        digests = obj.get("_sd")
        if digests is None:
            return result
        if not isinstance(digests, list):
            raise MalformedInput("_sd must be an array of digests", field="_sd")
        # digests without a disclosure are decoys or claims the holder did not disclose
        for disclosure in self._matched(digests):
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
                matched = self._matched([item["..."]])
                if not matched:
                    continue
                disclosure = matched[0]
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
