"""The issuer's signing keys: generated on first run, encrypted at rest, rotated on demand.

Keys get short ``kid``s ("1", "2", ...): every byte counts in a QR code. A new key
signs from the moment it is made; retired keys stay published until the last
credential they signed has expired.
"""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import (
    Clock,
    Jwks,
    SigningKey,
    generate_private_key,
    load_private_key_pem,
    private_key_to_pem,
)
from crypto.errors import InvalidKey

from .clock import utc
from .errors import KeyStoreError
from .storage.models import IssuedCredential, SigningKeyRecord


class KeyRing:
    """Loads and caches the decrypted signing key; answers which keys to publish.

    Creation and retirement times come from ``clock``, the issuer's one clock.
    """

    def __init__(
        self, sessions: sessionmaker[Session], passphrase: bytes, clock: Clock, alg: str = "ES256"
    ) -> None:
        self._sessions = sessions
        self._passphrase = passphrase
        self._clock = clock
        self._alg = alg
        self._lock = threading.Lock()
        self._active: SigningKey | None = None

    def _decrypt(self, record: SigningKeyRecord) -> SigningKey:
        try:
            key = load_private_key_pem(record.encrypted_pem, self._passphrase)
        except InvalidKey:
            raise KeyStoreError(
                "cannot decrypt the signing key: is POSVID_ISSUER_KEY_PASSPHRASE right?"
            ) from None
        return SigningKey.from_private_key(key, kid=record.kid)

    def _create(self, session: Session, now: dt.datetime) -> SigningKeyRecord:
        highest = session.scalar(select(func.count()).select_from(SigningKeyRecord)) or 0
        key = SigningKey.from_private_key(generate_private_key(self._alg), kid=str(highest + 1))
        record = SigningKeyRecord(
            kid=key.kid,
            alg=key.alg,
            public_jwk=key.public_jwk(),
            encrypted_pem=private_key_to_pem(key.private_key, self._passphrase),
            created_at=now,
        )
        session.add(record)
        return record

    def ensure(self) -> SigningKey:
        """The active key, creating the first one when there is none."""
        with self._lock:
            if self._active is not None:
                return self._active
            with self._sessions.begin() as session:
                record = session.scalar(
                    select(SigningKeyRecord)
                    .where(SigningKeyRecord.retired_at.is_(None))
                    .order_by(SigningKeyRecord.created_at.desc())
                    .limit(1)
                )
                if record is None:
                    record = self._create(session, utc(self._clock.now()))
                self._active = self._decrypt(record)
            return self._active

    def rotate(self) -> SigningKey:
        """Retire the active key and make a new one that signs from now on.

        The passphrase is checked against the active key first, so a wrong one can
        never leave keys encrypted under two different passphrases.
        """
        self.ensure()
        with self._lock, self._sessions.begin() as session:
            now = utc(self._clock.now())
            for record in session.scalars(
                select(SigningKeyRecord).where(SigningKeyRecord.retired_at.is_(None))
            ):
                record.retired_at = now
            record = self._create(session, now)
            session.flush()
            self._active = self._decrypt(record)
            return self._active

    def published(self, now: dt.datetime) -> Jwks:
        """The active key and every retired key that signed a credential not yet expired."""
        self.ensure()
        with self._sessions() as session:
            still_needed = select(IssuedCredential.signing_kid).where(
                IssuedCredential.expires_at > now
            )
            records = session.scalars(
                select(SigningKeyRecord)
                .where(
                    SigningKeyRecord.retired_at.is_(None) | SigningKeyRecord.kid.in_(still_needed)
                )
                .order_by(SigningKeyRecord.created_at)
            ).all()
            return Jwks.from_dict({"keys": [r.public_jwk for r in records]})

    def listing(self) -> list[dict[str, str | None]]:
        """Every key with its state, for ``posvid-issuer keys list``."""
        with self._sessions() as session:
            return [
                {
                    "kid": r.kid,
                    "alg": r.alg,
                    "created_at": r.created_at.isoformat(),
                    "retired_at": r.retired_at.isoformat() if r.retired_at else None,
                }
                for r in session.scalars(
                    select(SigningKeyRecord).order_by(SigningKeyRecord.created_at)
                )
            ]
