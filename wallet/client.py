"""The wallet's OpenID4VCI 1.0 client (pre-authorized code) and its fetches of public documents.

Every credential is verified before the wallet keeps it: the issuer's signature
against its published keys, ``typ``, ``vct``, validity dates, and ``cnf`` equal to
the key this wallet made for it. One bad credential and nothing is kept.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from crypto import (
    CryptoError,
    IssuerKeys,
    Jwks,
    SigningKey,
    SystemClock,
    VcPolicy,
    jwk_thumbprint,
    public_jwk,
    verify_sd_jwt_vc,
)
from crypto.jws import sign_compact
from posvid.common.urls import is_secure_or_loopback, well_known
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from .errors import CredentialRejected, OfferError

OFFER_SCHEME = "openid-credential-offer://"
MAX_DOCUMENT_BYTES = 1024 * 1024


def check_url(url: str, what: str) -> str:
    """Issuer URLs must be https, except on loopback (development and tests)."""
    if not is_secure_or_loopback(url):
        raise OfferError(f"the {what} must be an https URL")
    return url


@dataclass
class Received:
    """A verified credential and the holder key made for it."""

    config_id: str
    vct: str
    sd_jwt: str
    holder: SigningKey
    claims: dict[str, Any]
    expires_at: int
    disclosable: int


@dataclass
class Collected:
    """Everything one offer gave: verified credentials and the issuer's public documents."""

    issuer: str
    credentials: list[Received]
    display: dict[str, Any]
    jwks: dict[str, Any]
    type_metadata: dict[str, Any]


class IssuanceClient:
    """Talks to one issuer for one offer."""

    def __init__(self, http: httpx.Client) -> None:
        self.http = http

    def _json(self, response: httpx.Response, what: str) -> Any:
        if len(response.content) > MAX_DOCUMENT_BYTES:
            raise OfferError(f"the {what} is too large")
        try:
            body = response.json()
        except ValueError:
            raise OfferError(f"the {what} is not JSON (HTTP {response.status_code})") from None
        if response.status_code >= 400:
            error = body.get("error") or body.get("code") if isinstance(body, dict) else None
            detail = (
                body.get("error_description") or body.get("detail")
                if isinstance(body, dict)
                else ""
            )
            raise OfferError(f"the issuer refused the {what}: {error} {detail}".strip())
        return body

    def _get(self, url: str, what: str) -> Any:
        try:
            return self._json(self.http.get(url), what)
        except httpx.HTTPError as exc:
            raise OfferError(
                f"cannot reach the issuer for the {what} ({type(exc).__name__})"
            ) from None

    def _post(self, url: str, what: str, **kwargs: Any) -> Any:
        try:
            return self._json(self.http.post(url, **kwargs), what)
        except httpx.HTTPError as exc:
            raise OfferError(
                f"cannot reach the issuer for the {what} ({type(exc).__name__})"
            ) from None

    def offer(self, offer_uri: str) -> dict[str, Any]:
        """The credential offer, by value or by reference."""
        if not offer_uri.startswith(OFFER_SCHEME):
            raise OfferError("this is not a credential offer (openid-credential-offer://...)")
        query = parse_qs(urlsplit(offer_uri).query)
        if "credential_offer" in query:
            try:
                offer = json.loads(query["credential_offer"][0])
            except ValueError:
                raise OfferError("the credential offer is not JSON") from None
        elif "credential_offer_uri" in query:
            offer = self._get(check_url(query["credential_offer_uri"][0], "offer URI"), "offer")
        else:
            raise OfferError("the offer has neither credential_offer nor credential_offer_uri")
        if not isinstance(offer, dict) or PRE_AUTHORIZED_GRANT not in offer.get("grants", {}):
            raise OfferError("only pre-authorized offers are supported")
        check_url(offer.get("credential_issuer", ""), "credential issuer")
        return offer

    def collect(self, offer_uri: str, tx_code: str | None, *, batch: int) -> Collected:
        """Run the whole flow and verify every credential (nothing is stored here)."""
        offer = self.offer(offer_uri)
        issuer = offer["credential_issuer"]
        grant = offer["grants"][PRE_AUTHORIZED_GRANT]
        if grant.get("tx_code") and not tx_code:
            raise OfferError(
                "this offer needs the transaction code the clerk gave you", field="tx_code"
            )
        metadata = self._get(well_known(issuer, "openid-credential-issuer"), "issuer metadata")
        if metadata.get("credential_issuer") != issuer:
            raise OfferError("the issuer metadata names another issuer")
        server = self._get(well_known(issuer, "oauth-authorization-server"), "server metadata")
        jwks = self._get(well_known(issuer, "jwt-vc-issuer"), "issuer keys")
        if jwks.get("issuer") != issuer:
            raise OfferError("the issuer's key document names another issuer")
        form = {
            "grant_type": PRE_AUTHORIZED_GRANT,
            "pre-authorized_code": grant.get("pre-authorized_code", ""),
        }
        if tx_code:
            form["tx_code"] = tx_code
        access = self._post(
            check_url(server["token_endpoint"], "token endpoint"), "token", data=form
        )
        token = access.get("access_token")
        per_config = min(
            batch,
            int(offer.get("posvid_batch_size", 1)),
            int(metadata.get("batch_credential_issuance", {}).get("batch_size", 1)),
        )
        configs = metadata.get("credential_configurations_supported", {})
        try:
            trust = IssuerKeys({issuer: Jwks.from_dict(jwks["jwks"])})
        except (CryptoError, KeyError, TypeError):
            raise OfferError("the issuer's keys are malformed") from None
        received: list[Received] = []
        type_metadata: dict[str, Any] = {}
        for config_id in offer.get("credential_configuration_ids", []):
            config = configs.get(config_id)
            if not isinstance(config, dict) or config.get("format") != "dc+sd-jwt":
                raise OfferError(f"the issuer does not describe {config_id} as dc+sd-jwt")
            nonce = self._post(check_url(metadata["nonce_endpoint"], "nonce endpoint"), "nonce")[
                "c_nonce"
            ]
            holders = [SigningKey.generate("ES256") for _ in range(max(1, per_config))]
            proofs = [
                sign_compact(
                    {"aud": issuer, "iat": int(time.time()), "nonce": nonce},
                    holder,
                    typ="openid4vci-proof+jwt",
                    include_kid=False,
                    extra_header={"jwk": public_jwk(holder.private_key)},
                )
                for holder in holders
            ]
            response = self._post(
                check_url(metadata["credential_endpoint"], "credential endpoint"),
                "credential",
                headers={"Authorization": f"Bearer {token}"},
                json={"credential_configuration_id": config_id, "proofs": {"jwt": proofs}},
            )
            items = response.get("credentials", [])
            if len(items) != len(holders):
                raise CredentialRejected("the issuer sent a different number of credentials")
            for item, holder in zip(items, holders, strict=True):
                received.append(
                    self._check(
                        item.get("credential"), holder, issuer, config_id, config.get("vct"), trust
                    )
                )
            url = metadata.get("posvid_type_metadata", {}).get(config.get("vct"))
            if isinstance(url, str):
                type_metadata[config["vct"]] = self._get(
                    check_url(url, "type metadata URL"), "type metadata"
                )
        return Collected(
            issuer, received, {"issuer": metadata.get("display", [])}, jwks, type_metadata
        )

    @staticmethod
    def _check(
        sd_jwt: object,
        holder: SigningKey,
        issuer: str,
        config_id: str,
        vct: object,
        trust: IssuerKeys,
    ) -> Received:
        if not isinstance(sd_jwt, str):
            raise CredentialRejected("the issuer sent a credential that is not text")
        try:
            verified = verify_sd_jwt_vc(
                sd_jwt, keys=trust, policy=VcPolicy(key_binding=None), clock=SystemClock()
            )
        except CryptoError as exc:
            raise CredentialRejected(
                f"a credential failed its check: {exc.code}", field=exc.code
            ) from None
        if verified.issuer != issuer:
            raise CredentialRejected("a credential names another issuer", field="iss")
        if verified.vct != vct:
            raise CredentialRejected("a credential is not of the type offered", field="vct")
        cnf = verified.sd_jwt.payload.get("cnf", {}).get("jwk")
        if not isinstance(cnf, dict) or jwk_thumbprint(cnf) != jwk_thumbprint(holder.private_key):
            raise CredentialRejected("a credential is not bound to this wallet's key", field="cnf")
        exp = verified.sd_jwt.payload.get("exp")
        if not isinstance(exp, int):
            raise CredentialRejected("a credential has no expiry", field="exp")
        claims = {
            k: v
            for k, v in verified.claims.items()
            if k not in ("iss", "iat", "nbf", "exp", "cnf", "vct", "status")
        }
        return Received(
            config_id, verified.vct, sd_jwt, holder, claims, exp, len(verified.sd_jwt.disclosures)
        )

    def fetch_text(self, url: str) -> str:
        """A public document as text (status list tokens)."""
        try:
            response = self.http.get(check_url(url, "status list URL"))
        except httpx.HTTPError as exc:
            raise OfferError(
                f"cannot reach {urlsplit(url).netloc} ({type(exc).__name__})"
            ) from None
        if response.status_code != 200 or len(response.content) > MAX_DOCUMENT_BYTES:
            raise OfferError(f"the status list could not be fetched (HTTP {response.status_code})")
        return response.text


__all__ = ["Collected", "IssuanceClient", "Received", "check_url", "well_known"]
