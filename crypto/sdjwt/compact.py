"""The compact serialisation ``<JWT>~<D1>~...~<Dn>~[<KB-JWT>]`` (RFC 9901 §4)."""

from __future__ import annotations

from typing import NamedTuple

from ..errors import InputTooLarge, MalformedDisclosure, MalformedInput, MissingTrailingTilde
from ..limits import DEFAULT_LIMITS, Limits, check_length

__all__ = ["SdJwtParts", "split_sd_jwt"]


class SdJwtParts(NamedTuple):
    """An SD-JWT split into its issuer JWT, disclosures and optional KB-JWT."""

    issuer_jwt: str
    disclosures: tuple[str, ...]
    kb_jwt: str | None

    @property
    def without_key_binding(self) -> str:
        """``<JWT>~<D1>~...~<Dn>~``: what ``sd_hash`` covers and what the holder stores."""
        return "".join([self.issuer_jwt, "~", *(d + "~" for d in self.disclosures)])

    def serialize(self) -> str:
        """The compact form, with the KB-JWT when there is one."""
        return self.without_key_binding + (self.kb_jwt or "")


def split_sd_jwt(text: str, *, limits: Limits = DEFAULT_LIMITS) -> SdJwtParts:
    """Split a compact SD-JWT or SD-JWT+KB, checking size and shape before anything else."""
    if not isinstance(text, str):
        raise MalformedInput("an SD-JWT must be text", field="sd_jwt")
    check_length(text, limits.max_sd_jwt_chars, field="sd_jwt")
    tildes = text.count("~")
    if tildes == 0:
        raise MissingTrailingTilde(
            "an SD-JWT ends with '~' (or '~' and a Key Binding JWT)", field="sd_jwt"
        )
    if tildes - 1 > limits.max_disclosures:
        raise InputTooLarge(f"more than {limits.max_disclosures} disclosures", field="disclosures")
    parts = text.split("~")
    last = parts[-1]
    if last and last.count(".") != 2:
        raise MissingTrailingTilde(
            "the last part is neither empty nor a Key Binding JWT; is the final '~' missing?",
            field="sd_jwt",
        )
    disclosures = tuple(parts[1:-1])
    if "" in disclosures:
        raise MalformedDisclosure("an empty disclosure ('~~')", field="disclosures")
    if not all(d.isascii() for d in disclosures):  # base64url; its digest is of ASCII bytes
        raise MalformedDisclosure("a disclosure that is not base64url", field="disclosures")
    if not parts[0]:
        raise MalformedInput("the issuer-signed JWT is missing", field="sd_jwt")
    return SdJwtParts(parts[0], disclosures, last or None)
