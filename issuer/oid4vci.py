"""OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow.

Metadata (credential issuer, OAuth authorization server, JWT VC issuer), the token
endpoint with ``tx_code`` and lock-out, the nonce endpoint, and the credential
endpoint with batches of ``jwt`` key proofs: one credential per proof, each bound to
its own holder key and given its own status index.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from crypto import STATUS_VALID, StatusReference, issue_sd_jwt_vc, sd
from crypto.sdjwt import VC_TYP
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from .catalogue.types import CONFIGURATIONS, all_claims, type_metadata
from .catalogue.types import select as select_claims
from .errors import (
    CredentialRequestDenied,
    InvalidCredentialRequest,
    InvalidGrant,
    InvalidNonce,
    InvalidProof,
    InvalidRequest,
    InvalidToken,
    UnknownCredentialConfiguration,
    UnsupportedGrantType,
)
from .proofs import verify_proof
from .service import IssuerService, sha256_hex
from .status import aware
from .storage.models import (
    AccessToken,
    Document,
    IssuedCredential,
    Nonce,
    Offer,
    Person,
    UsedProof,
)

PROOF_ALGS = ["ES256", "EdDSA"]


def _mark_disclosable(claims: Mapping[str, Any]) -> dict[str, Any]:
    """Every claim selectively disclosable; each age predicate on its own."""
    return {
        name: {k: sd(x) for k, x in value.items()} if name == "age_equal_or_over" else sd(value)
        for name, value in claims.items()
    }


class OpenId4Vci:
    """The protocol endpoints, over an :class:`IssuerService`."""

    def __init__(self, service: IssuerService) -> None:
        self.service = service
        self.issuer = service.issuer

    # --- metadata -----------------------------------------------------------------------

    def credential_issuer_metadata(self) -> dict[str, Any]:
        """``/.well-known/openid-credential-issuer``."""
        configs: dict[str, Any] = {}
        for config_id, (doc, config) in CONFIGURATIONS.items():
            metadata = type_metadata(config, doc)
            configs[config_id] = {
                "format": VC_TYP,
                "vct": config.vct,
                "cryptographic_binding_methods_supported": ["jwk"],
                "credential_signing_alg_values_supported": [self.service.settings.signing_alg],
                "proof_types_supported": {
                    "jwt": {"proof_signing_alg_values_supported": PROOF_ALGS}
                },
                "credential_metadata": {
                    "display": [
                        {"name": config.names[0], "locale": "uk"},
                        {"name": config.names[1], "locale": "en"},
                    ],
                    "claims": [c for c in metadata["claims"] if "display" in c],
                },
            }
        return {
            "credential_issuer": self.issuer,
            "credential_endpoint": f"{self.issuer}/credential",
            "nonce_endpoint": f"{self.issuer}/nonce",
            "batch_credential_issuance": {"batch_size": self.service.settings.max_batch_size},
            "display": [{"name": self.service.settings.display_name, "locale": "uk"}],
            "credential_configurations_supported": configs,
            "posvid_status_lists": [
                self.service.status.uri(i) for i in self.service.status.list_ids()
            ],
            "posvid_type_metadata": {
                config.vct: f"{self.issuer}/type-metadata/{cid}"
                for cid, (_, config) in CONFIGURATIONS.items()
            },
        }

    def authorization_server_metadata(self) -> dict[str, Any]:
        """``/.well-known/oauth-authorization-server`` (the issuer is its own AS)."""
        return {
            "issuer": self.issuer,
            "token_endpoint": f"{self.issuer}/token",
            "grant_types_supported": [PRE_AUTHORIZED_GRANT],
            "pre-authorized_grant_anonymous_access_supported": True,
        }

    def jwt_vc_issuer_metadata(self) -> dict[str, Any]:
        """``/.well-known/jwt-vc-issuer``: the keys verifiers check signatures with."""
        return {
            "issuer": self.issuer,
            "jwks": self.service.keys.published(self.service.now()).to_dict(),
        }

    def offer(self, offer_id: str) -> dict[str, Any]:
        """The credential offer a wallet fetches by reference."""
        with self.service.sessions() as session:
            offer = session.get(Offer, offer_id)
            now = self.service.now()
            if (
                offer is None
                or offer.redeemed_at is not None
                or aware(offer.expires_at) < now
                or offer.pre_authorized_code is None
            ):
                from .errors import NotFound

                raise NotFound("no such offer, or it has expired or been used", field="offer")
            grant: dict[str, Any] = {"pre-authorized_code": offer.pre_authorized_code}
            if offer.tx_code_length:
                grant["tx_code"] = {
                    "input_mode": "numeric",
                    "length": offer.tx_code_length,
                    "description": "Код, який назвав працівник / the code the clerk gave you",
                }
            return {
                "credential_issuer": self.issuer,
                "credential_configuration_ids": list(offer.config_ids),
                "grants": {PRE_AUTHORIZED_GRANT: grant},
                # not in OpenID4VCI: how many credentials of each configuration this offer allows
                "posvid_batch_size": offer.batch_size,
            }

    # --- token and nonce ----------------------------------------------------------------

    def token(self, form: Mapping[str, str]) -> dict[str, Any]:
        """Exchange a pre-authorized code (and its ``tx_code``) for an access token."""
        if form.get("grant_type") != PRE_AUTHORIZED_GRANT:
            raise UnsupportedGrantType("only the pre-authorized code grant is supported")
        code = form.get("pre-authorized_code")
        if not code:
            raise InvalidRequest("pre-authorized_code is missing")
        settings = self.service.settings
        now = self.service.now()
        failure: InvalidGrant | None = None
        token = secrets.token_urlsafe(32)
        with self.service.sessions.begin() as session:
            self.service.relaxed(session)
            offer = session.scalar(
                select(Offer).where(Offer.code_hash == sha256_hex(code)).with_for_update()
            )
            if offer is None or offer.redeemed_at is not None:
                raise InvalidGrant("unknown or already used pre-authorized code")
            if aware(offer.expires_at) < now:
                raise InvalidGrant("the offer has expired")
            if offer.failed_attempts >= settings.max_tx_code_attempts:
                raise InvalidGrant("too many wrong transaction codes: ask for a new offer")
            if offer.tx_code_hash is not None:
                given = form.get("tx_code") or ""
                if not hmac.compare_digest(sha256_hex(given), offer.tx_code_hash):
                    offer.failed_attempts += 1
                    left = settings.max_tx_code_attempts - offer.failed_attempts
                    failure = InvalidGrant(f"wrong transaction code ({left} attempts left)")
            if failure is None:
                offer.redeemed_at = now
                offer.pre_authorized_code = None
                session.add(
                    AccessToken(
                        token_hash=sha256_hex(token),
                        offer_id=offer.id,
                        used_configs=[],
                        expires_at=now + dt.timedelta(seconds=settings.access_token_ttl_seconds),
                    )
                )
        if failure is not None:
            raise failure  # after the commit, so the failed attempt is counted
        return {
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": settings.access_token_ttl_seconds,
        }

    def nonce(self) -> dict[str, str]:
        """A fresh ``c_nonce`` for key proofs."""
        value = secrets.token_urlsafe(32)
        expires = self.service.now() + dt.timedelta(seconds=self.service.settings.nonce_ttl_seconds)
        with self.service.sessions.begin() as session:
            self.service.relaxed(session)
            session.add(Nonce(value_hash=sha256_hex(value), expires_at=expires))
        return {"c_nonce": value}

    # --- credentials --------------------------------------------------------------------

    def credential(self, bearer: str | None, body: object) -> dict[str, Any]:
        """Issue one credential per key proof of the request (a batch)."""
        if not bearer:
            raise InvalidToken("send the access token as a Bearer token")
        if not isinstance(body, dict):
            raise InvalidCredentialRequest("the request must be a JSON object")
        config_id = body.get("credential_configuration_id")
        if not isinstance(config_id, str):
            raise InvalidCredentialRequest("credential_configuration_id is required")
        if config_id not in CONFIGURATIONS:
            raise UnknownCredentialConfiguration("this issuer has no such credential configuration")
        proofs = body.get("proofs")
        jwts = proofs.get("jwt") if isinstance(proofs, dict) else None
        if (
            not isinstance(proofs, dict)
            or set(proofs) != {"jwt"}
            or not isinstance(jwts, list)
            or not jwts
        ):
            raise InvalidCredentialRequest('send key proofs as {"proofs": {"jwt": [...]}}')
        settings = self.service.settings
        if len(jwts) > settings.max_batch_size:
            raise InvalidCredentialRequest(f"at most {settings.max_batch_size} proofs in a batch")
        now = self.service.now()
        verified = [
            verify_proof(
                p,
                audience=self.issuer,
                now=int(now.timestamp()),
                max_age=settings.proof_max_age_seconds,
            )
            for p in jwts
        ]
        if len({p.nonce for p in verified}) != 1:
            raise InvalidProof("every proof of a batch must carry the same c_nonce")
        if len({p.thumbprint for p in verified}) != len(verified):
            raise InvalidProof("every credential of a batch needs its own holder key")
        document_id = self._redeem(bearer, config_id, verified, now)
        return {
            "credentials": [
                {"credential": c} for c in self._issue(document_id, config_id, verified, now)
            ]
        }

    def _redeem(
        self, bearer: str, config_id: str, verified: list[Any], now: dt.datetime
    ) -> dict[str, Any]:
        """Check the token, the nonce and the proofs' novelty, all in one transaction."""
        try:
            return self._redeem_once(bearer, config_id, verified, now)
        except IntegrityError:  # a concurrent request used the same proof first
            raise InvalidProof("a key proof was already used") from None

    def _redeem_once(
        self, bearer: str, config_id: str, verified: list[Any], now: dt.datetime
    ) -> dict[str, Any]:
        with self.service.sessions.begin() as session:
            self.service.relaxed(session)
            token = session.get(AccessToken, sha256_hex(bearer), with_for_update=True)
            if token is None or aware(token.expires_at) < now:
                raise InvalidToken("unknown or expired access token")
            offer = session.get(Offer, token.offer_id)
            assert offer is not None  # noqa: S101 - foreign key
            if config_id not in offer.config_ids:
                raise UnknownCredentialConfiguration("the offer does not include this credential")
            if config_id in token.used_configs:
                raise InvalidCredentialRequest("this credential was already issued on this token")
            if len(verified) > offer.batch_size:
                raise InvalidCredentialRequest(f"the offer allows {offer.batch_size} credentials")
            nonce = session.get(Nonce, sha256_hex(verified[0].nonce), with_for_update=True)
            if nonce is None or nonce.used_at is not None or aware(nonce.expires_at) < now:
                raise InvalidNonce("the c_nonce is unknown, used or expired: get a new one")
            document = session.get(Document, offer.document_id)
            assert document is not None  # noqa: S101 - foreign key
            if document.status != STATUS_VALID:
                raise CredentialRequestDenied("the document is no longer valid")
            nonce.used_at = now
            token.used_configs = [*token.used_configs, config_id]
            digests = [p.digest for p in verified]
            if session.scalar(select(UsedProof.digest).where(UsedProof.digest.in_(digests))):
                raise InvalidProof("a key proof was already used")
            session.add_all(UsedProof(digest=d, seen_at=now) for d in digests)
            person = session.get(Person, document.person_id)
            assert person is not None  # noqa: S101 - foreign key
            return {
                "document_id": document.id,
                "person": person.claims_source(),
                "number": document.number,
                "issue_date": document.issue_date,
                "expiry_date": document.expiry_date,
                "fields": dict(document.fields),
            }

    def _issue(
        self, source: dict[str, Any], config_id: str, verified: list[Any], now: dt.datetime
    ) -> list[str]:
        doc_type, config = CONFIGURATIONS[config_id]
        claims = all_claims(
            source["person"],
            source["number"],
            source["issue_date"],
            source["expiry_date"],
            source["fields"],
            doc_type,
            now.date(),
        )
        marked = _mark_disclosable(select_claims(claims, config))
        expires = now + dt.timedelta(days=config.validity_days)
        if source["expiry_date"] is not None:
            end = dt.datetime.combine(source["expiry_date"], dt.time(23, 59, 59), dt.UTC)
            expires = min(expires, end)
        key = self.service.keys.ensure()
        status = self.service.status
        for _ in range(8):
            try:
                with self.service.sessions.begin() as session:
                    slots = status.reserve(session, len(verified))
                    session.execute(
                        insert(IssuedCredential),
                        [
                            {
                                "id": str(uuid.uuid4()),
                                "document_id": source["document_id"],
                                "config_id": config_id,
                                "holder_thumbprint": proof.thumbprint,
                                "status_list_id": list_id,
                                "status_idx": idx,
                                "signing_kid": key.kid,
                                "issued_at": now,
                                "expires_at": expires,
                            }
                            for proof, (list_id, idx) in zip(verified, slots, strict=True)
                        ],
                    )
                break
            except IntegrityError:
                continue  # an index was taken meanwhile: draw again
        else:
            raise CredentialRequestDenied("no status index could be reserved; try again")
        return [
            issue_sd_jwt_vc(
                marked,
                issuer=self.issuer,
                vct=config.vct,
                signing_key=key,
                holder_jwk=proof.holder_jwk,
                iat=int(now.timestamp()),
                exp=int(expires.timestamp()),
                status=StatusReference(idx, status.uri(list_id)),
            ).compact
            for proof, (list_id, idx) in zip(verified, slots, strict=True)
        ]
