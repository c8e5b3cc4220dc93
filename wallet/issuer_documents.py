"""What issuers send, parsed into typed values: the one boundary for their untrusted JSON.

Every parser raises :class:`~wallet.errors.OfferError` with a message for the holder; nothing
past this module reads an issuer's JSON by key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from crypto import CryptoError, IssuerKeys, Jwks
from posvid.common.urls import is_secure_or_loopback
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from .errors import OfferError
from .shapes import Fields

SD_JWT_FORMAT = "dc+sd-jwt"


def check_url(url: object, what: str) -> str:
    """Issuer URLs must be https, except on loopback (development and tests)."""
    try:
        secure = is_secure_or_loopback(url)
    except ValueError:  # urlsplit refuses it (a broken IPv6 address)
        secure = False
    if not isinstance(url, str) or not secure:
        raise OfferError(f"the {what} must be an https URL")
    return url


def json_object(body: object, what: str) -> dict[str, Any]:
    """``body`` when it is a JSON object."""
    return _fields(body, what).value


def _fields(body: object, what: str) -> Fields:
    """A reader of ``body`` whose every fault is an :class:`OfferError` about the ``what``."""

    def fail(key: str) -> OfferError:
        if not key:
            return OfferError(f"the {what} is not a JSON object")
        return OfferError(f"the {what} has no valid {key}")

    return Fields(body, fail)


def _batch_size(fields: Fields, key: str) -> int:
    size = fields.optional(key, int, 1)
    if size < 1:
        raise fields.fail(key)
    return size


@dataclass(frozen=True)
class Offer:
    """A pre-authorized credential offer."""

    issuer: str
    configuration_ids: tuple[str, ...]
    pre_authorized_code: str
    needs_tx_code: bool
    batch_size: int

    @classmethod
    def parse(cls, body: object) -> Offer:
        """Read an offer (by value or fetched by reference)."""
        grants = body.get("grants") if isinstance(body, dict) else None
        grant = grants.get(PRE_AUTHORIZED_GRANT) if isinstance(grants, dict) else None
        if not isinstance(grant, dict):
            raise OfferError("only pre-authorized offers are supported")
        offer = _fields(body, "offer")
        ids = offer.optional("credential_configuration_ids", list, [])
        if not all(isinstance(i, str) for i in ids):
            raise offer.fail("credential_configuration_ids")
        code = grant.get("pre-authorized_code", "")
        return cls(
            check_url(offer.value.get("credential_issuer", ""), "credential issuer"),
            tuple(ids),
            code if isinstance(code, str) else "",
            bool(grant.get("tx_code")),
            _batch_size(offer, "posvid_batch_size"),
        )


@dataclass(frozen=True)
class IssuerMetadata:
    """The parts of an issuer's metadata the wallet uses."""

    nonce_endpoint: str
    credential_endpoint: str
    batch_size: int
    configurations: Mapping[str, Any]
    type_metadata_urls: Mapping[str, str]
    display: list[Any]

    @classmethod
    def parse(cls, body: object, issuer: str) -> IssuerMetadata:
        """Read ``/.well-known/openid-credential-issuer``; it must name ``issuer``."""
        data = _fields(body, "issuer metadata")
        if data.value.get("credential_issuer") != issuer:
            raise OfferError("the issuer metadata names another issuer")
        urls = data.object("posvid_type_metadata", {}).value
        display = data.optional("display", list, [])
        return cls(
            check_url(data.text("nonce_endpoint"), "nonce endpoint"),
            check_url(data.text("credential_endpoint"), "credential endpoint"),
            _batch_size(data.object("batch_credential_issuance", {}), "batch_size"),
            data.object("credential_configurations_supported", {}).value,
            {k: v for k, v in urls.items() if isinstance(v, str)},
            display,
        )

    def vct_of(self, configuration_id: str) -> str:
        """The type of an SD-JWT VC configuration the issuer describes."""
        config = self.configurations.get(configuration_id)
        vct = config.get("vct") if isinstance(config, dict) else None
        if not isinstance(config, dict) or config.get("format") != SD_JWT_FORMAT or not vct:
            raise OfferError(f"the issuer does not describe {configuration_id} as {SD_JWT_FORMAT}")
        return str(vct)


def token_endpoint(body: object) -> str:
    """The token endpoint of ``/.well-known/oauth-authorization-server``."""
    return check_url(_fields(body, "server metadata").text("token_endpoint"), "token endpoint")


@dataclass(frozen=True)
class IssuerKeysDocument:
    """``/.well-known/jwt-vc-issuer``: the issuer's published keys, as sent and as parsed."""

    document: dict[str, Any]
    trust: IssuerKeys

    @classmethod
    def parse(cls, body: object, issuer: str) -> IssuerKeysDocument:
        """Read the key document; it must name ``issuer``."""
        data = json_object(body, "issuer keys")
        if data.get("issuer") != issuer:
            raise OfferError("the issuer's key document names another issuer")
        jwks = data.get("jwks")
        try:
            keys = Jwks.from_dict(jwks if isinstance(jwks, dict) else {})
        except CryptoError:
            raise OfferError("the issuer's keys are malformed") from None
        return cls(data, IssuerKeys({issuer: keys}))

    @classmethod
    def from_cache(cls, text: str, issuer: str) -> IssuerKeysDocument:
        """Read the copy the wallet kept when it accepted the issuer's credentials."""
        try:
            body = json.loads(text)
        except ValueError:
            raise OfferError("the kept copy of the issuer's keys is damaged") from None
        return cls.parse(body, issuer)


def access_token(body: object) -> str:
    """The access token of a token response."""
    return _fields(body, "token response").text("access_token")


def c_nonce(body: object) -> str:
    """The ``c_nonce`` of a nonce response."""
    return _fields(body, "nonce response").text("c_nonce")


def credentials(body: object) -> list[object]:
    """The credentials of a credential response (each checked by the caller)."""
    items = _fields(body, "credential response").optional("credentials", list, [])
    return [i.get("credential") if isinstance(i, dict) else None for i in items]
