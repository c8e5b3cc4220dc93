"""The shapes of the wallet's sealed values, read back into typed values.

Sealed values are JSON the wallet wrote itself (or a backup it decrypted); anything else is
refused as a damaged record, never passed on as a ``KeyError``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from crypto import CryptoError, SigningKey
from crypto.sdjwt import DisclosureMap

from .errors import WalletError
from .shapes import Fields


def _damaged(what: str) -> Callable[[str], WalletError]:
    return lambda _key: WalletError(f"a stored {what} is damaged")


@dataclass(frozen=True)
class CardContent:
    """A document's personal part: its claims, display names, the issuer's type metadata and
    the issuer's own names by locale (from its metadata; none in documents kept before)."""

    claims: dict[str, Any]
    names: dict[str, str]
    type_metadata: dict[str, Any]
    issuer_names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, value: object) -> CardContent:
        """Read a sealed card content."""
        fields = Fields(value, _damaged("document"))
        issuer_names = fields.optional("issuer_names", dict, {})
        return cls(
            fields.get("claims", dict),
            fields.get("names", dict),
            fields.get("type_metadata", dict),
            {str(k): str(v) for k, v in issuer_names.items() if v},
        )

    def to_json(self) -> dict[str, Any]:
        """The form the wallet seals."""
        return {
            "claims": self.claims,
            "names": self.names,
            "type_metadata": self.type_metadata,
            "issuer_names": self.issuer_names,
        }

    def claim_order(self) -> list[str]:
        """The top-level claim names in the order the issuer's type metadata lists them."""
        order: list[str] = []
        for metadata in self.type_metadata.values():
            for claim in _objects(metadata, "claims"):
                path = claim.get("path")
                if isinstance(path, list) and path and isinstance(path[0], str):
                    order.append(path[0])
        return list(dict.fromkeys(order))

    def labels(self, lang: str) -> dict[str, str]:
        """The claims' labels in ``lang`` from the type metadata (top-level claims)."""
        labels: dict[str, str] = {}
        for metadata in self.type_metadata.values():
            for claim in _objects(metadata, "claims"):
                path = claim.get("path")
                if not isinstance(path, list) or len(path) != 1 or not isinstance(path[0], str):
                    continue
                for display in _objects(claim, "display"):
                    if display.get("locale") == lang:
                        labels.setdefault(path[0], str(display.get("label", path[0])))
        return labels


def display_names(metadata: object) -> dict[str, str]:
    """A type's display names by locale, from its type metadata."""
    return {str(d.get("locale", "")): str(d.get("name", "")) for d in _objects(metadata, "display")}


def _objects(container: object, key: str) -> list[dict[str, Any]]:
    """The objects of ``container[key]`` when it is a list; anything else is ignored."""
    items = container.get(key) if isinstance(container, dict) else None
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


@dataclass(frozen=True)
class CredentialSecret:
    """A credential and the private key it is bound to (sealed together)."""

    sd_jwt: str
    holder_key_pem: str

    @classmethod
    def parse(cls, value: object) -> CredentialSecret:
        """Read a sealed credential."""
        fields = Fields(value, _damaged("credential"))
        return cls(fields.text("sd_jwt"), fields.text("holder_key_pem"))

    @classmethod
    def of(cls, sd_jwt: str, holder: SigningKey) -> CredentialSecret:
        """A received credential and its holder key, ready to seal."""
        pem = holder.private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return cls(sd_jwt, pem)

    def to_json(self) -> dict[str, str]:
        """The form the wallet seals."""
        return {"sd_jwt": self.sd_jwt, "holder_key_pem": self.holder_key_pem}

    def holder(self) -> SigningKey:
        """The holder's signing key."""
        key = serialization.load_pem_private_key(self.holder_key_pem.encode(), None)
        if not isinstance(key, ec.EllipticCurvePrivateKey | ed25519.Ed25519PrivateKey):
            raise WalletError("a stored credential key is damaged")
        return SigningKey.from_private_key(key)

    def disclosable(self) -> set[str]:
        """The dotted paths of every claim this credential can disclose."""
        try:
            paths = DisclosureMap.of(self.sd_jwt).paths()
        except CryptoError:
            raise WalletError("a stored credential is damaged") from None
        return {".".join(map(str, p)) for p in paths}


@dataclass(frozen=True)
class HistoryRecord:
    """The sealed part of a history entry."""

    card_id: str
    type: str
    vct: str
    claims: tuple[str, ...]
    audience: str | None
    credential_id: str

    @classmethod
    def parse(cls, value: object) -> HistoryRecord:
        """Read a sealed history entry."""
        fields = Fields(value, _damaged("history entry"))
        claims = fields.get("claims", list)
        if not all(isinstance(c, str) for c in claims):
            raise fields.fail("claims")
        audience = None if fields.value.get("audience") is None else fields.text("audience")
        card_id, doc_type, vct = fields.text("card_id"), fields.text("type"), fields.text("vct")
        credential_id = fields.text("credential_id")
        return cls(card_id, doc_type, vct, tuple(claims), audience, credential_id)

    def to_json(self) -> dict[str, Any]:
        """The form the wallet seals."""
        return {
            "card_id": self.card_id,
            "type": self.type,
            "vct": self.vct,
            "claims": list(self.claims),
            "audience": self.audience,
            "credential_id": self.credential_id,
        }


@dataclass(frozen=True)
class KeptCard:
    """A document as the wallet keeps it (and a backup carries it)."""

    id: str
    issuer: str
    doc_type: str
    created_at: dt.datetime
    content: CardContent


@dataclass(frozen=True)
class KeptCredential:
    """A credential, its holder key and its use, as the wallet keeps them."""

    id: str
    card_id: str
    vct: str
    config_id: str
    disclosable: int
    expires_at: int
    used_at: dt.datetime | None
    secret: CredentialSecret


@dataclass(frozen=True)
class KeptEntry:
    """A history entry as the wallet keeps it."""

    id: str
    at: dt.datetime
    entry: HistoryRecord
