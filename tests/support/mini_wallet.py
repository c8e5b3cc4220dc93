"""A deliberately small OpenID4VCI wallet for the issuer's tests (not the wallet package)."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit

import httpx

from crypto import SigningKey, public_jwk
from crypto.jws import sign_compact
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

if TYPE_CHECKING:
    from issuer.offers import CreatedOffer
    from issuer.oid4vci import OpenId4Vci


@dataclass
class Received:
    credential: str
    holder: SigningKey


def proof(holder: SigningKey, audience: str, nonce: str, iat: int | None = None) -> str:
    """A ``jwt`` key proof of ``holder`` (``iat`` defaults to the real time)."""
    return sign_compact(
        {"aud": audience, "iat": iat if iat is not None else int(time.time()), "nonce": nonce},
        holder,
        typ="openid4vci-proof+jwt",
        include_kid=False,
        extra_header={"jwk": public_jwk(holder.private_key)},
    )


def redeem(protocol: OpenId4Vci, offer: CreatedOffer, tx: str | None = None) -> str:
    """An access token for ``offer`` (its own transaction code unless ``tx`` is given)."""
    code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    return protocol.token(  # type: ignore[no-any-return]
        {
            "grant_type": PRE_AUTHORIZED_GRANT,
            "pre-authorized_code": code,
            "tx_code": tx if tx is not None else offer.tx_code,
        }
    )["access_token"]


def request(
    protocol: OpenId4Vci,
    access: str,
    holders: list[SigningKey],
    *,
    config: str = "id-card",
    nonce: str | None = None,
    aud: str | None = None,
    iat: int | None = None,
) -> dict[str, Any]:
    """A credential request with one proof per holder, made at the protocol's clock time."""
    nonce = nonce or protocol.nonce()["c_nonce"]
    now = protocol.service.clock.now()
    jwts = [
        proof(h, aud or protocol.issuer, nonce, iat if iat is not None else now) for h in holders
    ]
    return protocol.credential(
        access, {"credential_configuration_id": config, "proofs": {"jwt": jwts}}
    )


class MiniWallet:
    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def fetch_offer(self, offer_uri: str) -> dict:
        reference = parse_qs(urlsplit(offer_uri).query)["credential_offer_uri"][0]
        response = self.http.get(reference)
        response.raise_for_status()
        return response.json()

    def token(self, offer: dict, tx_code: str | None) -> httpx.Response:
        issuer = offer["credential_issuer"]
        server = self.http.get(f"{issuer}/.well-known/oauth-authorization-server").json()
        grant = offer["grants"][PRE_AUTHORIZED_GRANT]
        form = {
            "grant_type": PRE_AUTHORIZED_GRANT,
            "pre-authorized_code": grant["pre-authorized_code"],
        }
        if tx_code is not None:
            form["tx_code"] = tx_code
        return self.http.post(server["token_endpoint"], data=form)

    def accept(
        self, offer_uri: str, tx_code: str | None, wanted: dict[str, int], alg: str = "ES256"
    ) -> dict[str, list[Received]]:
        """Redeem the offer once, then ask for ``count`` credentials of each configuration."""
        offer = self.fetch_offer(offer_uri)
        issuer = offer["credential_issuer"]
        metadata = self.http.get(f"{issuer}/.well-known/openid-credential-issuer").json()
        token = self.token(offer, tx_code)
        token.raise_for_status()
        access = token.json()["access_token"]
        out: dict[str, list[Received]] = {}
        for config_id, count in wanted.items():
            nonce = self.http.post(metadata["nonce_endpoint"]).json()["c_nonce"]
            holders = [SigningKey.generate(alg) for _ in range(count)]
            response = self.request(
                metadata["credential_endpoint"],
                access,
                config_id,
                [proof(h, issuer, nonce) for h in holders],
            )
            response.raise_for_status()
            credentials = [c["credential"] for c in response.json()["credentials"]]
            out[config_id] = [Received(c, h) for c, h in zip(credentials, holders, strict=True)]
        return out

    def request(
        self, endpoint: str, access: str, config_id: str, proofs: list[str]
    ) -> httpx.Response:
        return self.http.post(
            endpoint,
            headers={"Authorization": f"Bearer {access}"},
            json={"credential_configuration_id": config_id, "proofs": {"jwt": proofs}},
        )
