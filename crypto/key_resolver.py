"""How verifiers find an issuer's public key: the :class:`KeyResolver` seam."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from .algorithms import PublicKey
from .errors import UnknownKey
from .keys import Jwks

__all__ = ["IssuerKeys", "KeyResolver"]


class KeyResolver(Protocol):
    """Finds the public key of a token's signer; raises ``UnknownKey`` when there is none."""

    def resolve(self, issuer: str | None, kid: str | None) -> PublicKey:
        """Return the key for ``issuer`` and ``kid``."""
        ...


class IssuerKeys:
    """A :class:`KeyResolver` over fixed JWKS per issuer (tests, demos, trust stores)."""

    def __init__(self, keys: Mapping[str, Jwks]) -> None:
        self._keys = dict(keys)

    def resolve(self, issuer: str | None, kid: str | None) -> PublicKey:
        """Look the key up by issuer, then by ``kid`` (or the only key when no ``kid``)."""
        jwks = self._keys.get(issuer) if issuer is not None else None
        if jwks is None:
            raise UnknownKey("the issuer is not known", field="iss")
        if kid is None:
            if len(jwks) == 1:
                return next(iter(jwks.values()))
            raise UnknownKey("the token has no kid and the issuer has several keys", field="kid")
        try:
            return jwks[kid]
        except KeyError:
            raise UnknownKey("no key of this issuer has that kid", field="kid") from None
