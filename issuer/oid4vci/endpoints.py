"""The OpenID4VCI endpoints over an issuer context: each parses its request, then its part works."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..context import IssuerContext
from ..errors import InvalidToken
from . import credential, grant, metadata, nonce
from .requests import CredentialRequest, TokenRequest


class OpenId4Vci:
    """The protocol endpoints, over an :class:`~issuer.context.IssuerContext`."""

    def __init__(self, service: IssuerContext) -> None:
        self.service = service
        self.issuer = service.issuer

    def credential_issuer_metadata(self) -> dict[str, Any]:
        """``/.well-known/openid-credential-issuer``."""
        return metadata.credential_issuer(self.service)

    def authorization_server_metadata(self) -> dict[str, Any]:
        """``/.well-known/oauth-authorization-server`` (the issuer is its own AS)."""
        return metadata.authorization_server(self.issuer)

    def jwt_vc_issuer_metadata(self) -> dict[str, Any]:
        """``/.well-known/jwt-vc-issuer``: the keys verifiers check signatures with."""
        return metadata.jwt_vc_issuer(self.service)

    def offer(self, offer_id: str) -> dict[str, Any]:
        """The credential offer a wallet fetches by reference."""
        return grant.credential_offer(self.service, offer_id)

    def offer_by_reference(self, reference: str) -> dict[str, Any]:
        """The credential offer named in its URI (its id with the MAC that proves it ours)."""
        return self.offer(grant.offer_id_of(self.service, reference))

    def token(self, form: Mapping[str, str]) -> dict[str, Any]:
        """Exchange a pre-authorized code (and its ``tx_code``) for an access token."""
        return grant.exchange_code(self.service, TokenRequest.parse(form))

    def nonce(self) -> dict[str, str]:
        """A fresh ``c_nonce`` for key proofs."""
        return nonce.new_nonce(self.service)

    def credential(self, bearer: str | None, body: object) -> dict[str, Any]:
        """Issue one credential per key proof of the request (a batch)."""
        if not bearer:
            raise InvalidToken("send the access token as a Bearer token")
        limit = self.service.settings.max_batch_size
        request = CredentialRequest.parse(body, max_batch_size=limit)
        issued = credential.issue_batch(self.service, bearer, request)
        return {"credentials": [{"credential": c} for c in issued]}
