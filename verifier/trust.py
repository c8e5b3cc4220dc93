"""The trust store: which issuers this verifier trusts, with which keys, for which documents.

Two ways in: fetch an issuer's published metadata (online), or import a file — an
issuer metadata JSON (keys, or a ``did:jwk``/``did:key`` issuer), X.509 trust anchors for
certificate-based issuers (PEM, DER, a JSON anchor list: :mod:`verifier.certificates`), or a
**signed trust bundle** from a trust-list operator whose public key the verifier is configured
with. A bad bundle (signature, older sequence,
past its ``exp`` or too old, malformed) is refused and the trust already installed stays as it
was; while an operator key is configured, an unsigned import never replaces an issuer a bundle
installed. The store is read from the database at every check, so a change made by another
process (``posvid-verifier trust ...`` beside a running ``serve``) counts at the next check.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock, Jwks, jwk_thumbprint

from . import certificates, inbound
from .anchors import AnchorStore
from .errors import BundleInstalled, StaleBundle, TrustError
from .inbound import BUNDLE_TYP, KEY_TYPES, BundleRules, FetchLimits
from .resolvers import Anchor, IssuerInfo
from .storage.models import Setting, TrustAnchor, TrustedIssuer

__all__ = ["BUNDLE_TYP", "TrustStore", "sign_bundle"]

#: a bundle without ``exp`` is importable for 30 days after its ``iat`` (30 s of clock leeway)
DEFAULT_BUNDLE_RULES = BundleRules(30 * 86400, 30)


def _path(iss: str, source: str) -> str:
    """How an issuer is known: a DID, keys its metadata published (``trust add``), or keys."""
    if iss.startswith("did:"):
        return "did"
    return "issuer_metadata" if source.startswith("url:") else "issuer_keys"


class TrustStore:
    """Trusted issuers in the database, read as they are now at every check."""

    def __init__(
        self,
        sessions: sessionmaker[Session],
        clock: Clock,
        limits: FetchLimits,
        operator_jwk: dict[str, Any] | None = None,
        bundles: BundleRules = DEFAULT_BUNDLE_RULES,
    ) -> None:
        self._sessions = sessions
        self._clock = clock
        self._limits = limits
        self._operator = operator_jwk
        self._bundles = bundles
        #: parsed keys by issuer, with the stored record they were parsed from
        self._parsed: dict[str, tuple[tuple[Any, Any, str], IssuerInfo]] = {}
        self.anchor_store = AnchorStore(sessions, clock)

    def issuer(self, iss: str) -> IssuerInfo | None:
        """The checks' view of one issuer, as the database holds it now (keys parsed once)."""
        columns = select(TrustedIssuer.jwks, TrustedIssuer.vcts, TrustedIssuer.source)
        with self._sessions() as session:  # no ORM object: a cheap read
            row = session.execute(columns.where(TrustedIssuer.issuer == iss)).first()
        if row is None:
            return None
        stored = (row.jwks, row.vcts, row.source)
        known = self._parsed.get(iss)
        if known is not None and known[0] == stored:
            return known[1]
        jwks = Jwks.from_dict(stored[0], policy=KEY_TYPES)
        info = IssuerInfo(iss, jwks, frozenset(stored[1]), _path(iss, row.source))
        self._parsed[iss] = (stored, info)
        return info

    def anchors(self) -> Sequence[Anchor]:
        """The X.509 trust anchors, as the database holds them now."""
        return self.anchor_store.anchors()

    def status_lists(self) -> dict[str, IssuerInfo]:
        """Every trusted issuer's status list URIs, each with the issuer whose keys verify it."""
        lists: dict[str, IssuerInfo] = {}
        for record in self.records():
            info = self.issuer(record.issuer)
            if info is not None:
                for uri in record.status_lists:
                    lists.setdefault(uri, info)
        return lists

    def _store(self, record: TrustedIssuer) -> None:
        """Install an unsigned record (a file, a URL): never over a bundle's issuer while an
        operator key is configured."""
        with self._sessions.begin() as session:
            installed = session.get(TrustedIssuer, record.issuer)
            bundled = installed is not None and installed.source == "bundle"
            if bundled and self._operator is not None:
                raise BundleInstalled(
                    f"{record.issuer} was installed by the signed trust bundle:"
                    " only a newer bundle changes it"
                )
            session.merge(record)

    def add_url(self, http: httpx.Client, issuer: str) -> dict[str, Any]:
        """Trust an issuer by its published metadata (keys, document types, status lists)."""
        inbound.check_url(issuer)
        keys = inbound.fetch_json(http, inbound.well_known(issuer, "jwt-vc-issuer"), self._limits)
        jwks = inbound.key_document_jwks(keys, issuer, http, self._limits)
        metadata = inbound.fetch_json(
            http, inbound.well_known(issuer, "openid-credential-issuer"), self._limits
        )
        type_metadata = {
            vct: inbound.fetch_json(http, url, self._limits)
            for vct, url in inbound.type_metadata_urls(metadata).items()
        }
        entry = inbound.metadata_entry(issuer, jwks, metadata, type_metadata)
        record = inbound.issuer_entry(entry, f"url:{issuer}", self._clock.now())
        self._store(record)
        return self.describe(record)

    def add_did(self, did: str, vcts: Sequence[str], names: dict[str, str]) -> dict[str, Any]:
        """Trust a ``did:jwk``/``did:key`` issuer for ``vcts`` (its key is the DID's own)."""
        entry = {"issuer": did, "vcts": list(vcts), "names": names}
        record = inbound.issuer_entry(entry, "did", self._clock.now())
        self._store(record)
        return self.describe(record)

    def import_file(self, path: Path, vcts: Sequence[str] = ()) -> list[dict[str, Any]]:
        """An issuer metadata JSON file, trust anchors (PEM, DER or a JSON anchor list, for the
        document types ``vcts`` unless the list names them), or a signed trust bundle."""
        data = inbound.read_trust_bytes(path)
        if certificates.is_certificate_file(data):
            entries = certificates.anchor_entries(data, vcts, self._clock.now())
            return self.anchor_store.install(
                entries, f"file:{path.name}", keep_bundled=self._operator is not None
            )
        text = inbound.trust_text(data, path)
        if text.startswith("{"):
            entry = inbound.json_document(text)
            record = inbound.issuer_entry(entry, f"file:{path.name}", self._clock.now())
            self._store(record)
            return [self.describe(record)]
        return self.import_bundle(text)

    def import_bundle(self, token: str) -> list[dict[str, Any]]:
        """Install a signed bundle: its issuers, DID issuers and anchors replace every
        bundle-sourced one at once, or nothing changes (one bad entry refuses the bundle)."""
        if self._operator is None:
            raise TrustError(
                "no trust-list operator key is configured (POSVID_VERIFIER_TRUST_OPERATOR_JWK)"
            )
        now = self._clock.now()
        body = inbound.bundle_payload(token, self._operator, self._bundles, now)
        installed = self.bundle_sequence()
        if installed is not None and body.sequence <= installed:
            raise StaleBundle(f"bundle {body.sequence} is not newer than the installed {installed}")
        if body.version == 1:
            records = inbound.issuer_entries(body.issuers, "bundle", now)
        else:
            records = [inbound.issuer_entry(e, "bundle", now) for e in body.issuers]
        records += inbound.did_entries(body.dids, "bundle", now)
        anchors = self.anchor_store.build(
            certificates.bundle_anchor_entries(body.anchors, now), "bundle"
        )
        with self._sessions.begin() as session:
            session.execute(delete(TrustedIssuer).where(TrustedIssuer.source == "bundle"))
            session.execute(delete(TrustAnchor).where(TrustAnchor.source == "bundle"))
            for record in records:
                session.merge(record)
            for anchor in anchors:
                session.merge(anchor)
            session.merge(Setting(name="bundle_sequence", value=str(body.sequence)))
        return [self.describe(r) for r in records] + [
            self.anchor_store.describe(a) for a in anchors
        ]

    def bundle_sequence(self) -> int | None:
        with self._sessions() as session:
            setting = session.get(Setting, "bundle_sequence")
            return int(setting.value) if setting else None

    def remove(self, issuer: str) -> bool:
        """Stop trusting an issuer, or an anchor by its fingerprint."""
        if self.anchor_store.remove(issuer):
            return True
        with self._sessions.begin() as session:
            record = session.get(TrustedIssuer, issuer)
            if record is not None:
                session.delete(record)
            removed = record is not None
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
            "path": _path(record.issuer, record.source),
            "status_lists": record.status_lists,
            "source": record.source,
            "added_at": record.added_at,
        }

    def record(self, issuer: str) -> TrustedIssuer | None:
        """One trusted issuer as stored (display names, type metadata), or None."""
        with self._sessions() as session:
            return session.get(TrustedIssuer, issuer)

    def labels(self, issuer: str, vct: str, lang: str) -> dict[str, str]:
        """Claim labels from the issuer's type metadata, in ``lang`` (else English, else names)."""
        with self._sessions() as session:
            record = session.get(TrustedIssuer, issuer)
        return inbound.claim_labels((record.type_metadata if record else {}).get(vct), lang)


def sign_bundle(
    issuers: list[dict[str, Any]],
    sequence: int,
    operator_key: Any,
    iat: int,
    *,
    exp: int | None = None,
    anchors: list[dict[str, Any]] | None = None,
    dids: list[dict[str, Any]] | None = None,
) -> str:
    """Make a trust bundle (the trust-list operator's side; used by tests and tooling); without
    ``exp`` it is importable for the verifier's maximum bundle age after ``iat``.

    ``anchors`` (``{"certificate": PEM or base64 DER, "vcts": [...]}``) and ``dids`` (``{"did",
    "vcts", "names"}``) make a version 2 bundle; without them it is version 1, as before."""
    from crypto.jws import sign_compact

    body: dict[str, Any] = {"sequence": sequence, "iat": iat, "issuers": issuers}
    if anchors is not None or dids is not None:
        body.update(version=2, anchors=anchors or [], dids=dids or [])
    if exp is not None:
        body["exp"] = exp
    return sign_compact(body, operator_key, typ=BUNDLE_TYP)
