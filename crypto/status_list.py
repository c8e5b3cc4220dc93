"""Token Status List (draft-ietf-oauth-status-list): bit-packed statuses, zlib, JWT form.

Entry ``i`` of a list with ``bits`` bits per entry sits in byte ``i * bits // 8``,
least-significant bits first. Values: 0 valid, 1 invalid (revoked), 2 suspended,
3 application specific.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from .b64 import b64url_decode, b64url_encode
from .clock import Clock
from .defaults import CLOCK_LEEWAY
from .errors import (
    InputTooLarge,
    MalformedInput,
    StatusIndexOutOfRange,
    StatusListError,
    UnsupportedStatusBits,
    WrongType,
)
from .inflate import bounded_inflate
from .jws import check_typ, parse_compact, sign_compact
from .key_resolver import KeyResolver
from .keys import SigningKey
from .limits import DEFAULT_LIMITS, Limits
from .policy import DEFAULT_POLICY, AlgorithmPolicy
from .time_claims import check_time_claims, int_claim

__all__ = [
    "STATUS_INVALID",
    "STATUS_LIST_TYP",
    "STATUS_SUSPENDED",
    "STATUS_VALID",
    "StatusList",
    "StatusListToken",
    "StatusReference",
    "issue_status_list_token",
    "verify_status_list_token",
]

STATUS_VALID: Final = 0
STATUS_INVALID: Final = 1
STATUS_SUSPENDED: Final = 2
STATUS_LIST_TYP: Final = "statuslist+jwt"
_BITS: Final = (1, 2, 4, 8)


def _check_bits(bits: object) -> int:
    if isinstance(bits, bool) or bits not in _BITS:
        raise UnsupportedStatusBits("bits must be 1, 2, 4 or 8", field="bits")
    assert isinstance(bits, int)  # noqa: S101 - narrows the type
    return bits


class StatusList:
    """A mutable list of statuses, ``bits`` wide each."""

    __slots__ = ("_data", "bits")

    def __init__(self, size: int, bits: int = 2) -> None:
        """An all-valid list of at least ``size`` entries (rounded up to whole bytes)."""
        self.bits = _check_bits(bits)
        if size < 1:
            raise StatusListError("a status list has at least one entry", field="size")
        self._data = bytearray((size * self.bits + 7) // 8)

    @classmethod
    def from_bytes(cls, data: bytes, bits: int) -> StatusList:
        """Wrap raw (decompressed) bytes."""
        status_list = cls(1, bits)
        if not data:
            raise StatusListError("a status list has at least one byte", field="lst")
        status_list._data = bytearray(data)
        return status_list

    @property
    def size(self) -> int:
        """Number of entries."""
        return len(self._data) * 8 // self.bits

    def _locate(self, index: int) -> tuple[int, int, int]:
        if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < self.size:
            raise StatusIndexOutOfRange(
                f"index must be an integer from 0 to {self.size - 1}", field="idx"
            )
        per_byte = 8 // self.bits
        return index // per_byte, (index % per_byte) * self.bits, (1 << self.bits) - 1

    def __getitem__(self, index: int) -> int:
        byte, shift, mask = self._locate(index)
        return (self._data[byte] >> shift) & mask

    def __setitem__(self, index: int, status: int) -> None:
        byte, shift, mask = self._locate(index)
        if isinstance(status, bool) or not isinstance(status, int) or not 0 <= status <= mask:
            raise StatusListError(
                f"status must be 0 to {mask} for {self.bits} bits", field="status"
            )
        self._data[byte] = (self._data[byte] & ~(mask << shift)) | (status << shift)

    def to_bytes(self) -> bytes:
        """The raw packed bytes."""
        return bytes(self._data)

    def to_json(self) -> dict[str, Any]:
        """``{"bits": n, "lst": base64url(zlib(bytes))}``."""
        return {"bits": self.bits, "lst": b64url_encode(zlib.compress(bytes(self._data), 9))}

    @classmethod
    def from_json(cls, obj: object, *, limits: Limits = DEFAULT_LIMITS) -> StatusList:
        """Parse the JSON form; decompression is bounded by ``limits``."""
        if not isinstance(obj, Mapping):
            raise MalformedInput("status_list must be an object", field="status_list")
        bits = _check_bits(obj.get("bits"))
        lst = obj.get("lst")
        if not isinstance(lst, str):
            raise MalformedInput("lst must be a string", field="lst")
        if len(lst) > limits.max_jws_chars:
            raise InputTooLarge("lst is too long", field="lst")
        return cls.from_bytes(
            bounded_inflate(
                b64url_decode(lst, field="lst"), bound=limits.max_status_list_bytes, field="lst"
            ),
            bits,
        )


@dataclass(frozen=True, slots=True)
class StatusReference:
    """The ``status.status_list`` claim of a credential: where its status lives."""

    idx: int
    uri: str

    def to_claim(self) -> dict[str, Any]:
        """The credential's ``status`` claim value."""
        return {"status_list": {"idx": self.idx, "uri": self.uri}}

    @classmethod
    def from_claim(cls, claim: object) -> StatusReference:
        """Parse a ``status`` claim value."""
        inner = claim.get("status_list") if isinstance(claim, dict) else None
        if not isinstance(inner, dict):
            raise StatusListError("status must hold a status_list object", field="status")
        idx, uri = inner.get("idx"), inner.get("uri")
        if isinstance(idx, bool) or not isinstance(idx, int) or idx < 0:
            raise StatusListError("idx must be a non-negative integer", field="idx")
        if not isinstance(uri, str) or not uri:
            raise StatusListError("uri must be a non-empty string", field="uri")
        return cls(idx, uri)


@dataclass(frozen=True, slots=True)
class StatusListToken:
    """A verified status list token."""

    uri: str
    status_list: StatusList
    iat: int
    exp: int | None
    ttl: int | None
    #: past ``exp`` (and the leeway): only returned when the caller allowed it
    expired: bool = False
    #: the JWS algorithm the list was signed with (``None`` when built by hand)
    alg: str | None = None

    def status_of(self, reference: StatusReference) -> int:
        """The status of a credential that points into this list."""
        if reference.uri != self.uri:
            raise StatusListError("the credential points to another status list", field="uri")
        return self.status_list[reference.idx]


def issue_status_list_token(
    status_list: StatusList,
    *,
    uri: str,
    issuer: str,
    signing_key: SigningKey,
    iat: int,
    exp: int | None = None,
    ttl: int | None = None,
) -> str:
    """Sign a status list as a ``statuslist+jwt`` whose ``sub`` is its own URI."""
    payload: dict[str, Any] = {"iss": issuer, "sub": uri, "iat": iat}
    if exp is not None:
        payload["exp"] = exp
    if ttl is not None:
        payload["ttl"] = ttl
    payload["status_list"] = status_list.to_json()
    return sign_compact(payload, signing_key, typ=STATUS_LIST_TYP)


def verify_status_list_token(
    token: str,
    *,
    keys: KeyResolver,
    expected_uri: str,
    clock: Clock,
    issuer: str | None = None,
    allow_expired: bool = False,
    leeway: int = CLOCK_LEEWAY,
    limits: Limits = DEFAULT_LIMITS,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> StatusListToken:
    """Verify a status list token's signature, ``typ``, ``sub`` and validity period.

    ``issuer`` is the issuer of the credential that points to the list: its keys verify the
    list, whose ``iss`` (optional in the draft) must name it when present. Without ``issuer``
    the list's own ``iss`` picks the keys. ``allow_expired`` returns a list past its ``exp``,
    marked ``expired``, instead of refusing it: an old statement, for a caller that says how old.
    ``policy`` says which JWS algorithms may sign it.
    """
    parsed = parse_compact(token, field="status_list_token", limits=limits, policy=policy)
    try:
        check_typ(parsed, (STATUS_LIST_TYP,), field="typ")
    except WrongType as exc:
        raise StatusListError(exc.message, field="typ") from None
    signer = _signer(parsed.payload.get("iss"), issuer)
    parsed.verify_with(keys.resolve(signer, parsed.kid), policy=policy)
    payload = parsed.payload
    if payload.get("sub") != expected_uri:
        raise StatusListError("sub is not the URI the credential points to", field="sub")
    iat = payload.get("iat")
    if isinstance(iat, bool) or not isinstance(iat, int):
        raise StatusListError("iat is required and must be an integer", field="iat")
    now, exp = clock.now(), int_claim(payload, "exp")
    expired = exp is not None and now > exp + leeway
    timed = {k: v for k, v in payload.items() if k != "exp"} if allow_expired else payload
    check_time_claims(timed, now=now, leeway=leeway)
    ttl = payload.get("ttl")
    if ttl is not None and (isinstance(ttl, bool) or not isinstance(ttl, int) or ttl < 0):
        raise StatusListError("ttl must be a non-negative integer", field="ttl")
    status_list = StatusList.from_json(payload.get("status_list"), limits=limits)
    return StatusListToken(expected_uri, status_list, iat, exp, ttl, expired, parsed.alg)


def _signer(listed: object, issuer: str | None) -> str | None:
    """Whose keys verify the list: the referencing credential's issuer, else the list's ``iss``."""
    if listed is not None and not isinstance(listed, str):
        raise MalformedInput("iss must be a string", field="iss")
    if issuer is None:
        return listed
    if listed is not None and listed != issuer:
        raise StatusListError("the list names another issuer than the credential", field="iss")
    return issuer
