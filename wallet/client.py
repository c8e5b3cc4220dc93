"""The wallet's OpenID4VCI 1.0 client (pre-authorized code) and its fetches of public documents.

Every credential is verified before the wallet keeps it: the issuer's signature
against its published keys, ``typ``, ``vct``, validity dates, and ``cnf`` equal to
the key this wallet made for it. One bad credential and nothing is kept. Transport errors
become :class:`~wallet.errors.OfferError` here; the issuer's JSON is read by
:mod:`wallet.issuer_documents`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx

from crypto import (
    Clock,
    CryptoError,
    IssuerKeys,
    SigningKey,
    VcPolicy,
    jwk_thumbprint,
    public_jwk,
    verify_sd_jwt_vc,
)
from crypto.jws import sign_compact
from crypto.sdjwt import ALWAYS_VISIBLE_CLAIMS
from posvid.common.urls import well_known
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from . import issuer_documents as documents
from .errors import (
    CredentialRejected,
    IssuerRefused,
    IssuerUnreachable,
    NotAnOffer,
    OfferError,
    TxCodeMissing,
)
from .issuer_documents import IssuerKeysDocument, IssuerMetadata, Offer, check_url

OFFER_SCHEME = "openid-credential-offer://"
MAX_DOCUMENT_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Received:
    """A verified credential and the holder key made for it."""

    config_id: str
    vct: str
    sd_jwt: str
    holder: SigningKey
    claims: dict[str, Any]
    expires_at: int
    disclosable: int


@dataclass(frozen=True)
class Expected:
    """What a credential must say: who issued it, of which configuration and type."""

    issuer: str
    config_id: str
    vct: str
    trust: IssuerKeys


@dataclass(frozen=True)
class Collected:
    """Everything one offer gave: verified credentials and the issuer's public documents."""

    issuer: str
    credentials: list[Received]
    display: dict[str, Any]
    jwks: dict[str, Any]
    type_metadata: dict[str, Any]


class IssuanceClient:
    """Talks to one issuer for one offer; proofs and checks take their time from ``clock``.

    ``timeout`` (seconds), when given, bounds each status list fetch instead of the HTTP
    client's own timeout (the page's automatic check must not keep an offline wallet waiting).
    """

    def __init__(self, http: httpx.Client, clock: Clock, timeout: float | None = None) -> None:
        self.http = http
        self.clock = clock
        self.timeout = timeout

    def _json(self, response: httpx.Response, what: str) -> Any:
        if len(response.content) > MAX_DOCUMENT_BYTES:
            raise OfferError(f"the {what} is too large")
        try:
            body = response.json()
        except ValueError:
            raise OfferError(f"the {what} is not JSON (HTTP {response.status_code})") from None
        if response.status_code >= 400:
            data = body if isinstance(body, dict) else {}
            error = data.get("error") or data.get("code")
            detail = data.get("error_description") or data.get("detail") or ""
            raise IssuerRefused(what, str(error or ""), str(detail))
        return body

    def _send(self, method: str, url: str, what: str, **kwargs: Any) -> Any:
        try:
            return self._json(self.http.request(method, url, **kwargs), what)
        except httpx.InvalidURL:
            raise OfferError(f"the address of the {what} is damaged") from None
        except httpx.HTTPError as exc:
            raise IssuerUnreachable(
                f"cannot reach the issuer for the {what} ({type(exc).__name__})"
            ) from None

    def offer(self, offer_uri: str) -> Offer:
        """The credential offer, by value or by reference."""
        if not offer_uri.startswith(OFFER_SCHEME):
            raise NotAnOffer("this is not a credential offer (openid-credential-offer://...)")
        try:
            query = parse_qs(urlsplit(offer_uri).query)
        except ValueError:
            raise NotAnOffer("the credential offer link is damaged") from None
        if "credential_offer" in query:
            try:
                body = json.loads(query["credential_offer"][0])
            except ValueError:
                raise NotAnOffer("the credential offer is not JSON") from None
        elif "credential_offer_uri" in query:
            url = check_url(query["credential_offer_uri"][0], "offer URI")
            body = self._send("GET", url, "offer")
        else:
            raise NotAnOffer("the offer has neither credential_offer nor credential_offer_uri")
        return Offer.parse(body)

    def collect(self, offer_uri: str, tx_code: str | None, *, batch: int) -> Collected:
        """Run the whole flow and verify every credential (nothing is stored here)."""
        offer = self.offer(offer_uri)
        if offer.needs_tx_code and not tx_code:
            raise TxCodeMissing(
                "this offer needs the transaction code the clerk gave you", field="tx_code"
            )
        issuer = offer.issuer
        metadata = IssuerMetadata.parse(
            self._send("GET", well_known(issuer, "openid-credential-issuer"), "issuer metadata"),
            issuer,
        )
        server = self._send(
            "GET", well_known(issuer, "oauth-authorization-server"), "server metadata"
        )
        keys = IssuerKeysDocument.parse(
            self._send("GET", well_known(issuer, "jwt-vc-issuer"), "issuer keys"), issuer
        )
        token = self._token(documents.token_endpoint(server), offer, tx_code)
        per_config = max(1, min(batch, offer.batch_size, metadata.batch_size))
        received: list[Received] = []
        type_metadata: dict[str, Any] = {}
        for config_id in offer.configuration_ids:
            expected = Expected(issuer, config_id, metadata.vct_of(config_id), keys.trust)
            received += self._batch(metadata, token, expected, per_config)
            url = metadata.type_metadata_urls.get(expected.vct)
            if url is not None:
                body = self._send("GET", check_url(url, "type metadata URL"), "type metadata")
                type_metadata[expected.vct] = documents.json_object(body, "type metadata")
        return Collected(
            issuer, received, {"issuer": metadata.display}, keys.document, type_metadata
        )

    def _token(self, endpoint: str, offer: Offer, tx_code: str | None) -> str:
        form = {
            "grant_type": PRE_AUTHORIZED_GRANT,
            "pre-authorized_code": offer.pre_authorized_code,
        }
        if tx_code:
            form["tx_code"] = tx_code
        return documents.access_token(self._send("POST", endpoint, "token", data=form))

    def _batch(
        self, metadata: IssuerMetadata, token: str, expected: Expected, count: int
    ) -> list[Received]:
        """One configuration's batch: a fresh key and proof per credential, each checked."""
        nonce = documents.c_nonce(self._send("POST", metadata.nonce_endpoint, "nonce"))
        holders = [SigningKey.generate("ES256") for _ in range(count)]
        claims = {"aud": expected.issuer, "iat": self.clock.now(), "nonce": nonce}
        proofs = [
            sign_compact(
                claims,
                holder,
                typ="openid4vci-proof+jwt",
                include_kid=False,
                extra_header={"jwk": public_jwk(holder.private_key)},
            )
            for holder in holders
        ]
        response = self._send(
            "POST",
            metadata.credential_endpoint,
            "credential",
            headers={"Authorization": f"Bearer {token}"},
            json={"credential_configuration_id": expected.config_id, "proofs": {"jwt": proofs}},
        )
        items = documents.credentials(response)
        if len(items) != len(holders):
            raise CredentialRejected("the issuer sent a different number of credentials")
        return [
            check_credential(item, holder, expected, self.clock)
            for item, holder in zip(items, holders, strict=True)
        ]

    def fetch_text(self, url: str) -> str:
        """A public document as text (status list tokens)."""
        try:
            url = check_url(url, "status list URL")
            if self.timeout is None:
                response = self.http.get(url)
            else:
                response = self.http.get(url, timeout=self.timeout)
        except httpx.InvalidURL:
            raise OfferError("the status list's address is damaged") from None
        except httpx.HTTPError as exc:
            raise IssuerUnreachable(
                f"cannot reach {urlsplit(url).netloc} ({type(exc).__name__})"
            ) from None
        if response.status_code != 200 or len(response.content) > MAX_DOCUMENT_BYTES:
            raise OfferError(f"the status list could not be fetched (HTTP {response.status_code})")
        return response.text


def check_credential(
    sd_jwt: object, holder: SigningKey, expected: Expected, clock: Clock
) -> Received:
    """Verify one received credential: signature, issuer, type, binding to ``holder``, expiry."""
    if not isinstance(sd_jwt, str):
        raise CredentialRejected("the issuer sent a credential that is not text")
    try:
        verified = verify_sd_jwt_vc(
            sd_jwt, keys=expected.trust, policy=VcPolicy(key_binding=None), clock=clock
        )
    except CryptoError as exc:
        raise CredentialRejected(
            f"a credential failed its check: {exc.code}", field=exc.code
        ) from None
    if verified.issuer != expected.issuer:
        raise CredentialRejected("a credential names another issuer", field="iss")
    if verified.vct != expected.vct:
        raise CredentialRejected("a credential is not of the type offered", field="vct")
    cnf = verified.sd_jwt.payload.get("cnf")
    jwk = cnf.get("jwk") if isinstance(cnf, dict) else None
    if not _bound_to(jwk, holder):
        raise CredentialRejected("a credential is not bound to this wallet's key", field="cnf")
    exp = verified.sd_jwt.payload.get("exp")
    if not isinstance(exp, int):
        raise CredentialRejected("a credential has no expiry", field="exp")
    claims = {k: v for k, v in verified.claims.items() if k not in ALWAYS_VISIBLE_CLAIMS}
    disclosable = len(verified.sd_jwt.disclosures)
    return Received(expected.config_id, verified.vct, sd_jwt, holder, claims, exp, disclosable)


def _bound_to(jwk: object, holder: SigningKey) -> bool:
    try:
        return isinstance(jwk, dict) and jwk_thumbprint(jwk) == jwk_thumbprint(holder.private_key)
    except CryptoError:
        return False


__all__ = ["Collected", "Expected", "IssuanceClient", "Received", "check_credential", "check_url"]
