"""The trust store: which issuers this verifier trusts, with which keys, for which documents.

Two ways in: fetch an issuer's published metadata (online), or import a file — an
issuer metadata JSON, or a **signed trust bundle** from a trust-list operator whose
public key the verifier is configured with. A bad bundle (signature, older sequence,
malformed) is refused and the trust already installed stays as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock, Jwks, jwk_thumbprint

from . import inbound
from .checks import IssuerInfo
from .errors import StaleBundle, TrustError
from .inbound import BUNDLE_TYP, FetchLimits
from .storage.models import Setting, TrustedIssuer

__all__ = ["BUNDLE_TYP", "TrustStore", "sign_bundle"]


class TrustStore:
    """Trusted issuers in the database, cached in memory for the checks."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        limits: FetchLimits,
        operator_jwk: dict[str, Any] | None = None,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._limits = limits
        self._operator = operator_jwk
        self._cache: dict[str, IssuerInfo] | None = None

    def issuer(self, iss: str) -> IssuerInfo | None:
        """The checks' view of one issuer."""
        if self._cache is None:
            with self._sessions() as session:
                self._cache = {
                    r.issuer: IssuerInfo(r.issuer, Jwks.from_dict(r.jwks), frozenset(r.vcts))
                    for r in session.scalars(select(TrustedIssuer))
                }
        return self._cache.get(iss)

    def _store(self, records: list[TrustedIssuer], replace_source: str | None = None) -> None:
        with self._sessions.begin() as session:
            if replace_source is not None:
                session.execute(delete(TrustedIssuer).where(TrustedIssuer.source == replace_source))
            for record in records:
                session.merge(record)
        self._cache = None

    def add_url(self, http: httpx.Client, issuer: str) -> dict[str, Any]:
        """Trust an issuer by its published metadata (keys, document types, status lists)."""
        inbound.check_url(issuer)
        keys = inbound.fetch_json(http, inbound.well_known(issuer, "jwt-vc-issuer"), self._limits)
        jwks = inbound.key_document_jwks(keys, issuer)
        metadata = inbound.fetch_json(
            http, inbound.well_known(issuer, "openid-credential-issuer"), self._limits
        )
        type_metadata = {
            vct: inbound.fetch_json(http, url, self._limits)
            for vct, url in inbound.type_metadata_urls(metadata).items()
        }
        entry = inbound.metadata_entry(issuer, jwks, metadata, type_metadata)
        record = inbound.issuer_entry(entry, f"url:{issuer}", self._clock.now())
        self._store([record])
        return self.describe(record)

    def import_file(self, path: Path) -> list[dict[str, Any]]:
        """An issuer metadata JSON file, or a signed trust bundle (compact JWS)."""
        text = inbound.read_trust_file(path)
        if text.startswith("{"):
            entry = inbound.json_document(text)
            record = inbound.issuer_entry(entry, f"file:{path.name}", self._clock.now())
            self._store([record])
            return [self.describe(record)]
        return self.import_bundle(text)

    def import_bundle(self, token: str) -> list[dict[str, Any]]:
        """Install a signed bundle; every bundle-sourced issuer is replaced at once, or none."""
        if self._operator is None:
            raise TrustError(
                "no trust-list operator key is configured (POSVID_VERIFIER_TRUST_OPERATOR_JWK)"
            )
        sequence, entries = inbound.bundle_body(token, self._operator)
        installed = self.bundle_sequence()
        if installed is not None and sequence <= installed:
            raise StaleBundle(f"bundle {sequence} is not newer than the installed {installed}")
        records = inbound.issuer_entries(entries, "bundle", self._clock.now())
        with self._sessions.begin() as session:
            session.execute(delete(TrustedIssuer).where(TrustedIssuer.source == "bundle"))
            for record in records:
                session.merge(record)
            session.merge(Setting(name="bundle_sequence", value=str(sequence)))
        self._cache = None
        return [self.describe(r) for r in records]

    def bundle_sequence(self) -> int | None:
        with self._sessions() as session:
            setting = session.get(Setting, "bundle_sequence")
            return int(setting.value) if setting else None

    def remove(self, issuer: str) -> bool:
        with self._sessions.begin() as session:
            record = session.get(TrustedIssuer, issuer)
            if record is not None:
                session.delete(record)
            removed = record is not None
        self._cache = None
        return bool(removed)

    def records(self) -> list[TrustedIssuer]:
        with self._sessions() as session:
            return list(session.scalars(select(TrustedIssuer).order_by(TrustedIssuer.issuer)))

    @staticmethod
    def describe(record: TrustedIssuer) -> dict[str, Any]:
        """A record as ``trust list`` shows it, with its key fingerprints."""
        return {
            "issuer": record.issuer,
            "names": record.names,
            "vcts": record.vcts,
            "keys": [
                f"{k.get('kid', '?')}: {jwk_thumbprint(k)}" for k in record.jwks.get("keys", [])
            ],
            "status_lists": record.status_lists,
            "source": record.source,
            "added_at": record.added_at,
        }

    def labels(self, issuer: str, vct: str, lang: str) -> dict[str, str]:
        """Claim labels from the issuer's type metadata, in ``lang`` (else English, else names)."""
        with self._sessions() as session:
            record = session.get(TrustedIssuer, issuer)
        return inbound.claim_labels((record.type_metadata if record else {}).get(vct), lang)


def sign_bundle(issuers: list[dict[str, Any]], sequence: int, operator_key: Any, iat: int) -> str:
    """Make a trust bundle (the trust-list operator's side; used by tests and tooling)."""
    from crypto.jws import sign_compact

    return sign_compact(
        {"sequence": sequence, "iat": iat, "issuers": issuers}, operator_key, typ=BUNDLE_TYP
    )
