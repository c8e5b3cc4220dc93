"""What every part of the issuer works over: settings, clock, database, keys, status lists.

The domain parts (:mod:`issuer.enrolment`, :mod:`issuer.offers`, :mod:`issuer.revocation`,
:mod:`issuer.admin_tokens`) and the protocol (:mod:`issuer.oid4vci`) take an
:class:`IssuerContext`; :class:`issuer.service.IssuerService` is one, with their entry points.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from crypto import Clock, RandomSource, SecureRandom, SystemClock
from posvid.common.rate_limit import Every

from .clock import utc
from .home import create_private, keyed, secure_home, server_secret
from .keyring import KeyRing
from .settings import IssuerSettings
from .status import StatusRegistry
from .storage.db import make_engine, migrate, session_factory
from .storage.models import AuditEvent


def sha256_hex(value: str) -> str:
    """Lookup hash of a secret (codes, tokens): the secret itself is never stored."""
    return hashlib.sha256(value.encode()).hexdigest()


def _sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL (``sqlite:///path``), if it names one."""
    name = url.partition("sqlite:///")[2].partition("?")[0]
    return Path(name) if url.startswith("sqlite") and name and name != ":memory:" else None


class IssuerContext:
    """The issuer's settings, its one clock, its database, signing keys and status lists."""

    def __init__(
        self,
        settings: IssuerSettings,
        *,
        clock: Clock | None = None,
        rng: RandomSource | None = None,
        engine: Engine | None = None,
        run_migrations: bool = True,
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.rng = rng or SecureRandom()  # the credentials' salts and time jitter
        self.purge_due = Every(settings.purge_every)  # issuer.purge, from the nonce endpoint
        secure_home(settings.home)
        self.secret = server_secret(settings.home, settings.secret())
        sqlite_file = _sqlite_file(settings.db_url)
        if sqlite_file is not None:
            create_private(sqlite_file)
        self.engine = engine or make_engine(settings.db_url)
        if run_migrations:
            migrate(self.engine)
        secure_home(settings.home)  # the database's journal files, made by the migration
        self.sessions = session_factory(self.engine)
        self.issuer = settings.issuer_url
        self.keys = KeyRing(
            self.sessions,
            settings.key_secret(),
            self.clock,
            settings.signing_alg,
            wrap_log2_n=settings.key_kdf_log2_n,
            device=settings.device(),
        )
        self.status = StatusRegistry(
            self.sessions,
            self.keys,
            self.clock,
            issuer=self.issuer,
            size=settings.status_list_size,
            ttl=settings.status_list_ttl_seconds,
            validity=settings.status_list_validity_seconds,
        )

    def keyed(self, purpose: str, value: str) -> str:
        """HMAC of ``value`` under the server secret (never stored with the database)."""
        return keyed(self.secret, purpose, value)

    def now(self) -> dt.datetime:
        """The injected clock's time as an aware datetime."""
        return utc(self.clock.now())

    def relaxed(self, session: Session) -> None:
        """Let this PostgreSQL transaction commit without waiting for its WAL flush.

        Only for writes whose loss in a crash is harmless (a nonce, a token exchange, a
        proof's replay mark): the wallet just asks again. Issued credentials and their
        status indices always wait for durability, so an index is never given out twice.
        """
        if self.engine.dialect.name == "postgresql":
            session.execute(text("SET LOCAL synchronous_commit TO OFF"))

    def audit(self, session: Session, actor: str, action: str, target: str) -> None:
        """Record an admin action: identifiers only, never personal data."""
        session.add(AuditEvent(at=self.now(), actor=actor, action=action, target=target))
