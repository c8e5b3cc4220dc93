"""The trust store: which issuers this verifier trusts, with which keys, for which documents.

Two ways in: fetch an issuer's published metadata (online), or import a file — an
issuer metadata JSON, or a **signed trust bundle** from a trust-list operator whose
public key the verifier is configured with. A bad bundle (signature, older sequence,
malformed) is refused and the trust already installed stays as it was.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import CryptoError, Jwks, jwk_thumbprint, public_key_from_jwk
from crypto.jws import check_typ, parse_compact

from .checks import IssuerInfo
from .errors import StaleBundle, TrustError
from .fetch import check_url, fetch_json, well_known
from .storage.models import Setting, TrustedIssuer

BUNDLE_TYP = "posvid-trust-bundle+jwt"


def _validated(entry: Any, source: str) -> TrustedIssuer:
    if not isinstance(entry, dict):
        raise TrustError("an issuer entry must be an object")
    issuer = entry.get("issuer")
    if not isinstance(issuer, str):
        raise TrustError("an issuer entry needs 'issuer'")
    check_url(issuer)
    try:
        Jwks.from_dict(entry.get("jwks", {}))
    except CryptoError as exc:
        raise TrustError(f"the keys of {issuer} are unusable: {exc.message}") from None
    vcts = entry.get("vcts")
    if not isinstance(vcts, list) or not vcts or not all(isinstance(v, str) for v in vcts):
        raise TrustError(f"list the document types (vcts) {issuer} may issue")
    lists = entry.get("status_lists", [])
    if not isinstance(lists, list) or not all(isinstance(u, str) for u in lists):
        raise TrustError("status_lists must be a list of URLs")
    names = entry.get("names", {})
    return TrustedIssuer(
        issuer=issuer,
        names=names if isinstance(names, dict) else {},
        jwks=entry["jwks"],
        vcts=vcts,
        status_lists=lists,
        type_metadata=entry.get("type_metadata", {}) or {},
        source=source,
        added_at=time.time(),
    )


class TrustStore:
    """Trusted issuers in the database, cached in memory for the checks."""

    def __init__(self, sessions: sessionmaker[Session], operator_jwk: dict[str, Any] | None = None):
        self._sessions = sessions
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
        check_url(issuer)
        keys = fetch_json(http, well_known(issuer, "jwt-vc-issuer"))
        if not isinstance(keys, dict) or keys.get("issuer") != issuer:
            raise TrustError("the issuer's key document names another issuer")
        metadata = fetch_json(http, well_known(issuer, "openid-credential-issuer"))
        configs = (
            metadata.get("credential_configurations_supported", {})
            if isinstance(metadata, dict)
            else {}
        )
        vcts = sorted(
            {str(c["vct"]) for c in configs.values() if isinstance(c, dict) and c.get("vct")}
        )
        type_metadata = {}
        for vct, url in (metadata.get("posvid_type_metadata") or {}).items():
            try:
                type_metadata[vct] = fetch_json(http, url)
            except TrustError:
                continue
        display = metadata.get("display", [])
        names = {d.get("locale", "uk"): d.get("name", "") for d in display if isinstance(d, dict)}
        record = _validated(
            {
                "issuer": issuer,
                "jwks": keys.get("jwks"),
                "vcts": vcts,
                "names": names,
                "status_lists": metadata.get("posvid_status_lists", []),
                "type_metadata": type_metadata,
            },
            f"url:{issuer}",
        )
        self._store([record])
        return self.describe(record)

    def import_file(self, path: Path) -> list[dict[str, Any]]:
        """An issuer metadata JSON file, or a signed trust bundle (compact JWS)."""
        try:
            text = path.read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise TrustError(f"cannot read {path}: {exc}") from None
        if text.startswith("{"):
            try:
                record = _validated(json.loads(text), f"file:{path.name}")
            except ValueError:
                raise TrustError("the file is not JSON") from None
            self._store([record])
            return [self.describe(record)]
        return self.import_bundle(text)

    def import_bundle(self, token: str) -> list[dict[str, Any]]:
        """Install a signed bundle; every bundle-sourced issuer is replaced at once, or none."""
        if self._operator is None:
            raise TrustError(
                "no trust-list operator key is configured (POSVID_VERIFIER_TRUST_OPERATOR_JWK)"
            )
        try:
            parsed = parse_compact(token, field="bundle")
            check_typ(parsed, (BUNDLE_TYP,), field="typ")
            parsed.verify_with(public_key_from_jwk(self._operator))
        except CryptoError as exc:
            raise TrustError(f"the trust bundle is refused: {exc.code}") from None
        body = parsed.payload
        sequence = body.get("sequence")
        if isinstance(sequence, bool) or not isinstance(sequence, int):
            raise TrustError("the bundle has no sequence number")
        installed = self.bundle_sequence()
        if installed is not None and sequence <= installed:
            raise StaleBundle(f"bundle {sequence} is not newer than the installed {installed}")
        entries = body.get("issuers")
        if not isinstance(entries, list) or not entries:
            raise TrustError("the bundle lists no issuers")
        records = [_validated(e, "bundle") for e in entries]
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
        metadata = (record.type_metadata if record else {}).get(vct, {})
        out: dict[str, str] = {}
        for claim in metadata.get("claims", []):
            path = claim.get("path", [])
            shown = {d.get("locale"): d.get("label") for d in claim.get("display", [])}
            label = shown.get(lang) or shown.get("en")
            if label and len(path) == 1:
                out[path[0]] = label
        return out


def sign_bundle(issuers: list[dict[str, Any]], sequence: int, operator_key: Any, iat: int) -> str:
    """Make a trust bundle (the trust-list operator's side; used by tests and tooling)."""
    from crypto.jws import sign_compact

    return sign_compact(
        {"sequence": sequence, "iat": iat, "issuers": issuers}, operator_key, typ=BUNDLE_TYP
    )
