"""The audit log: every check's time, verdict, issuer, type, failed checks and payload hash.

No personal data. Each entry's digest covers the previous entry's digest, so an
edited, inserted or deleted entry breaks the chain and ``audit verify`` finds it.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock

from .errors import AuditError
from .storage.models import AuditEntry
from .verdict import Verdict

GENESIS = "0" * 64


def _digest(
    previous: str,
    at: float,
    verdict: str,
    issuer: str | None,
    vct: str | None,
    failed: str,
    payload_sha256: str,
) -> str:
    body = json.dumps([previous, repr(at), verdict, issuer, vct, failed, payload_sha256])
    return hashlib.sha256(body.encode()).hexdigest()


class AuditLog:
    """The chained entries in the verifier's database, timed by the verifier's clock."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        self._sessions = sessions
        self._clock = clock

    def append(self, verdict: Verdict, payload_sha256: str) -> None:
        """Append in a transaction of its own."""
        with self._sessions.begin() as session:
            self.append_in(session, verdict, payload_sha256)

    def append_in(self, session: Session, verdict: Verdict, payload_sha256: str) -> None:
        """Append within the caller's transaction (one commit, one disk flush, for a check)."""
        at = float(self._clock.now())  # a float, as the column reads back (the digest covers it)
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        previous = last.digest if last else GENESIS
        failed = ",".join(verdict.failed)
        session.add(
            AuditEntry(
                at=at,
                verdict=verdict.verdict,
                issuer=verdict.issuer,
                vct=verdict.vct,
                failed=failed,
                payload_sha256=payload_sha256,
                previous=previous,
                digest=_digest(
                    previous,
                    at,
                    verdict.verdict,
                    verdict.issuer,
                    verdict.vct,
                    failed,
                    payload_sha256,
                ),
            )
        )

    def verify(self) -> int:
        """Walk the chain; raise :class:`AuditError` at the first entry that does not hold."""
        previous = GENESIS
        count = 0
        with self._sessions() as session:
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
                expected = _digest(
                    previous,
                    entry.at,
                    entry.verdict,
                    entry.issuer,
                    entry.vct,
                    entry.failed,
                    entry.payload_sha256,
                )
                if entry.previous != previous or entry.digest != expected:
                    raise AuditError(f"the audit chain breaks at entry {entry.id}")
                previous = entry.digest
                count += 1
        return count

    def export_csv(self, path: Path) -> int:
        with self._sessions() as session, path.open("w", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(
                [
                    "id",
                    "at",
                    "verdict",
                    "issuer",
                    "vct",
                    "failed_checks",
                    "payload_sha256",
                    "digest",
                ]
            )
            count = 0
            for e in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
                writer.writerow(
                    [e.id, e.at, e.verdict, e.issuer, e.vct, e.failed, e.payload_sha256, e.digest]
                )
                count += 1
        return count
