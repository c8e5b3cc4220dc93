"""X.509 trust anchors in the verifier's database: for issuers that sign under a certificate.

Read from the database at every check (the certificates parsed once per stored record), like
the issuers beside them; installed by ``trust import`` (:mod:`verifier.certificates` reads the
files) and removed by ``trust remove FINGERPRINT``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock

from .certificates import AnchorEntry, subject_parts, subject_words
from .errors import BundleInstalled
from .resolvers import Anchor, fingerprint
from .storage.models import TrustAnchor

__all__ = ["AnchorStore"]


class AnchorStore:
    """The trust anchors, as the database holds them now."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock
        self._parsed: dict[tuple[str, tuple[str, ...]], Anchor] = {}

    def anchors(self) -> Sequence[Anchor]:
        """Every anchor, with the document types it may vouch for."""
        columns = select(TrustAnchor.fingerprint, TrustAnchor.certificate, TrustAnchor.vcts)
        with self._sessions() as session:
            rows = session.execute(columns.order_by(TrustAnchor.fingerprint)).all()
        anchors = []
        for row in rows:
            key = (row.fingerprint, tuple(row.vcts))
            anchor = self._parsed.get(key)
            if anchor is None:
                certificate = x509.load_pem_x509_certificate(row.certificate.encode())
                anchor = Anchor(
                    row.fingerprint, subject_words(certificate), certificate, frozenset(row.vcts)
                )
                self._parsed[key] = anchor
            anchors.append(anchor)
        return anchors

    def build(self, entries: Sequence[AnchorEntry], source: str) -> list[TrustAnchor]:
        """The records of checked entries, to install (here, or with a bundle's issuers)."""
        now = float(self._clock.now())
        return [
            TrustAnchor(
                fingerprint=fingerprint(e.certificate),
                subject=subject_words(e.certificate),
                certificate=e.certificate.public_bytes(Encoding.PEM).decode(),
                vcts=list(e.vcts),
                source=source,
                added_at=now,
            )
            for e in entries
        ]

    def install(
        self, entries: Sequence[AnchorEntry], source: str, *, keep_bundled: bool = False
    ) -> list[dict[str, Any]]:
        """Trust each entry's certificate for its document types (all of them, in one commit);
        with ``keep_bundled`` (an operator key is configured), never over a bundle's anchor."""
        records = self.build(entries, source)
        with self._sessions.begin() as session:
            for record in records:
                installed = session.get(TrustAnchor, record.fingerprint)
                if keep_bundled and installed is not None and installed.source == "bundle":
                    raise BundleInstalled(
                        f"{record.subject} was installed by the signed trust bundle:"
                        " only a newer bundle changes it"
                    )
                session.merge(record)
        return [self.describe(r) for r in records]

    def remove(self, name: str) -> bool:
        """Stop trusting the anchor whose fingerprint starts with ``name`` (16+ hex digits)."""
        name = name.lower().replace(":", "")
        if len(name) < 16:
            return False
        with self._sessions.begin() as session:
            found = [
                r for r in session.scalars(select(TrustAnchor)) if r.fingerprint.startswith(name)
            ]
            if len(found) != 1:
                return False
            session.delete(found[0])
        return True

    def records(self) -> list[TrustAnchor]:
        with self._sessions() as session:
            return list(session.scalars(select(TrustAnchor).order_by(TrustAnchor.subject)))

    @staticmethod
    def describe(record: TrustAnchor) -> dict[str, Any]:
        """An anchor as ``trust list`` shows it."""
        certificate = x509.load_pem_x509_certificate(record.certificate.encode())
        organisation, country = subject_parts(certificate)
        return {
            "anchor": record.subject,
            "organisation": organisation,
            "country": country,
            "fingerprint": record.fingerprint,
            "vcts": record.vcts,
            "not_after": certificate.not_valid_after_utc.timestamp(),
            "source": record.source,
            "added_at": record.added_at,
        }
