"""The audit log: every check's time, verdict, issuer, type, failed checks and payload hash.

No personal data. Each entry's MAC (HMAC-SHA-256 under the audit key, a file outside the
database) covers the previous entry's MAC, so an edited, inserted or deleted entry breaks the
chain and ``audit verify`` finds it; one who has the database but not the key cannot write a
chain that holds. Removing the *last* entries leaves a shorter chain that holds: a signed
:class:`AuditHead` (the count and the last MAC), kept off the device, shows it.

A database from before the key (a plain SHA-256 chain) keeps its entries: the key file records
how many there were (``keyed_from``); those are checked as a SHA-256 chain, every later entry
by its MAC, the first of which covers the last unkeyed digest.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import Clock

from .errors import AuditError
from .storage.models import AuditEntry
from .verdict import Verdict

GENESIS = "0" * 64
HEAD_CONTEXT = "posvid-audit-head"


def _body(entry: AuditEntry) -> bytes:
    fields = [entry.previous, repr(entry.at), entry.verdict, entry.issuer, entry.vct]
    return json.dumps([*fields, entry.failed, entry.payload_sha256]).encode()


def legacy_digest(entry: AuditEntry) -> str:
    """The digest of an entry of an unkeyed chain (before the audit key)."""
    return hashlib.sha256(_body(entry)).hexdigest()


@dataclass(frozen=True)
class AuditKey:
    """The chain's HMAC key, and how many entries came before it (checked unkeyed)."""

    key: bytes
    keyed_from: int = 0

    def mac(self, data: bytes) -> str:
        return hmac.new(self.key, data, hashlib.sha256).hexdigest()

    def digest(self, entry: AuditEntry) -> str:
        """The MAC of a keyed entry (covering its ``previous``)."""
        return self.mac(_body(entry))

    @classmethod
    def load_or_create(cls, path: Path, existing: Callable[[], int] = lambda: 0) -> AuditKey:
        """The key in ``path``; made there (mode 0600) on first use, over ``existing()`` entries."""
        if not path.exists():
            text = json.dumps({"key": secrets.token_hex(32), "keyed_from": existing()})
            draft = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
            fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(text)
            try:
                os.link(draft, path)  # atomic, and never over a key another process made
            except FileExistsError:
                pass
            finally:
                draft.unlink()
        return cls._read(path)

    @classmethod
    def _read(cls, path: Path) -> AuditKey:
        fields = _json_object(path.read_bytes(), f"the audit key {path}")
        key, keyed_from = fields.get("key"), fields.get("keyed_from")
        if not isinstance(key, str) or len(key) != 64 or not isinstance(keyed_from, int):
            raise AuditError(f"the audit key {path} is damaged")
        return cls(bytes.fromhex(key), keyed_from)


def _json_object(data: bytes, what: str) -> dict[str, object]:
    try:
        value = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        value = None
    if not isinstance(value, dict):
        raise AuditError(f"{what} is not a JSON object")
    return value


@dataclass(frozen=True)
class AuditHead:
    """The chain's length and last MAC at a time, signed with the audit key."""

    count: int
    last: str
    at: float
    mac: str

    @staticmethod
    def signed_part(count: int, last: str, at: float) -> bytes:
        return json.dumps([HEAD_CONTEXT, count, last, repr(at)]).encode()

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def parse(cls, data: bytes) -> AuditHead:
        """A head from ``audit head``'s output; anything else is :class:`AuditError`."""
        fields = _json_object(data, "the audit head")
        count, last, at, mac = (fields.get(k) for k in ("count", "last", "at", "mac"))
        if not (
            isinstance(count, int)
            and isinstance(last, str)
            and isinstance(at, int | float)
            and isinstance(mac, str)
        ):
            raise AuditError("the audit head lacks count, last, at or mac")
        return cls(count, last, float(at), mac)


class AuditLog:
    """The chained entries in the verifier's database, timed by the verifier's clock."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock, key_file: Path) -> None:
        self._sessions = sessions
        self._clock = clock
        self._key = AuditKey.load_or_create(key_file, self._count)

    def _count(self) -> int:
        with self._sessions() as session:
            return session.scalar(select(func.count()).select_from(AuditEntry)) or 0

    def append(self, verdict: Verdict, payload_sha256: str) -> None:
        """Append in a transaction of its own."""
        with self._sessions.begin() as session:
            self.append_in(session, verdict, payload_sha256)

    def append_in(self, session: Session, verdict: Verdict, payload_sha256: str) -> None:
        """Append within the caller's transaction (one commit, one disk flush, for a check)."""
        at = float(self._clock.now())  # a float, as the column reads back (the MAC covers it)
        last = session.scalar(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(1))
        entry = AuditEntry(
            at=at,
            verdict=verdict.verdict,
            issuer=verdict.issuer,
            vct=verdict.vct,
            failed=",".join(verdict.failed),
            payload_sha256=payload_sha256,
            previous=last.digest if last else GENESIS,
        )
        entry.digest = self._key.digest(entry)
        session.add(entry)

    def verify(self, head: AuditHead | None = None) -> int:
        """Walk the chain (and hold it to ``head``); raise :class:`AuditError` where it fails."""
        return self._walk(head)[0]

    def _walk(self, head: AuditHead | None) -> tuple[int, str]:
        """The count and last MAC of the chain, which holds (and holds to ``head``)."""
        previous, count = GENESIS, 0
        at_head = GENESIS if head is not None and head.count == 0 else None
        with self._sessions() as session:
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
                keyed = count >= self._key.keyed_from
                expected = self._key.digest(entry) if keyed else legacy_digest(entry)
                if entry.previous != previous or entry.digest != expected:
                    raise AuditError(f"the audit chain breaks at entry {entry.id}")
                previous, count = entry.digest, count + 1
                if head is not None and count == head.count:
                    at_head = previous
        if count < self._key.keyed_from:
            raise AuditError(
                f"entries were removed: {self._key.keyed_from} were there before the key, "
                f"{count} are left"
            )
        if head is not None:
            self._hold_to(head, count, at_head)
        return count, previous

    def _hold_to(self, head: AuditHead, count: int, at_head: str | None) -> None:
        if not hmac.compare_digest(
            head.mac, self._key.mac(AuditHead.signed_part(head.count, head.last, head.at))
        ):
            raise AuditError("the audit head was not signed with this verifier's audit key")
        if count < head.count:
            raise AuditError(
                f"entries were removed: the head says {head.count}, the log has {count}"
            )
        if at_head != head.last:
            raise AuditError(f"the log was rewritten: entry {head.count} is not the head's")

    def head(self) -> AuditHead:
        """The signed head of the chain as it is now (after verifying it)."""
        count, last = self._walk(None)
        at = float(self._clock.now())
        return AuditHead(count, last, at, self._key.mac(AuditHead.signed_part(count, last, at)))

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
