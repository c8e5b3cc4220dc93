"""The issuer's domain core: people, documents, offers, revocation, admin tokens, audit.

Called by the HTTP API and the CLI alike; it imports neither. OpenID4VCI itself
is in :mod:`issuer.oid4vci`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, or_, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID, Clock, SystemClock

from .catalogue import validation as v
from .catalogue.transliteration import transliterate
from .catalogue.types import document_type
from .errors import Conflict, Forbidden, InvalidDocument, NotFound, Unauthorized
from .keyring import KeyRing
from .settings import IssuerSettings
from .status import StatusRegistry, utc
from .storage.db import make_engine, migrate, session_factory
from .storage.models import AdminToken, AuditEvent, Document, Offer, Person

ROLES = ("clerk", "admin")
STATUS_NAMES = {STATUS_VALID: "valid", STATUS_INVALID: "revoked", STATUS_SUSPENDED: "suspended"}


def sha256_hex(value: str) -> str:
    """Lookup hash of a secret (codes, tokens): the secret itself is never stored."""
    return hashlib.sha256(value.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedOffer:
    """A new credential offer: what the clerk hands to the citizen."""

    offer_id: str
    credential_offer_uri: str
    tx_code: str | None
    expires_at: dt.datetime
    credential_configuration_ids: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "offer_id": self.offer_id,
            "credential_offer_uri": self.credential_offer_uri,
            "tx_code": self.tx_code,
            "expires_at": self.expires_at.isoformat(),
            "credential_configuration_ids": self.credential_configuration_ids,
        }


class IssuerService:
    """Everything the issuer does, over one database."""

    def __init__(
        self,
        settings: IssuerSettings,
        *,
        clock: Clock | None = None,
        engine: Engine | None = None,
        run_migrations: bool = True,
    ) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        if settings.db_url.startswith("sqlite:///"):
            settings.home.mkdir(parents=True, exist_ok=True)
        self.engine = engine or make_engine(settings.db_url)
        if run_migrations:
            migrate(self.engine)
        self.sessions = session_factory(self.engine)
        self.issuer = settings.issuer_url
        self.keys = KeyRing(self.sessions, settings.passphrase(), settings.signing_alg)
        self.status = StatusRegistry(
            self.sessions,
            self.keys,
            self.clock,
            issuer=self.issuer,
            size=settings.status_list_size,
            ttl=settings.status_list_ttl_seconds,
            validity=settings.status_list_validity_seconds,
        )

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

    # --- people and documents -----------------------------------------------------------

    def validate_person(self, data: Mapping[str, Any]) -> Person:
        """A new, unsaved person from enrolment data; every rule checked.

        Latin names default to the official transliteration.
        """
        family = v.cyrillic_name(data, "family_name") or ""  # required: raises when missing
        given = v.cyrillic_name(data, "given_name") or ""
        patronymic = v.cyrillic_name(data, "patronymic", required=False)
        birth = v.required_date(data, "birth_date")
        if birth > self.now().date():
            raise InvalidDocument("is in the future", field="birth_date")
        sex = v.required_text(data, "sex", pattern="[MF]")
        tax_number = v.text(data, "tax_number", required=False)
        if tax_number:
            v.check_tax_number(tax_number, birth, sex)
        record_number = v.text(data, "record_number", required=False)
        if record_number:
            v.check_record_number(record_number, birth)
        return Person(
            id=str(uuid.uuid4()),
            family_name=family,
            given_name=given,
            patronymic=patronymic,
            family_name_latin=v.latin_name(data, "family_name_latin") or transliterate(family),
            given_name_latin=v.latin_name(data, "given_name_latin") or transliterate(given),
            birth_date=birth,
            birth_place=v.text(data, "birth_place", required=False),
            sex=sex,
            tax_number=tax_number,
            record_number=record_number,
            created_at=self.now(),
        )

    def validate_document(self, person: Person, doc_type: str, data: Mapping[str, Any]) -> Document:
        """A new, unsaved document of ``person``; its type's rules checked against the person."""
        kind = document_type(doc_type)
        source = person.claims_source()
        if doc_type == "taxpayer":
            data = {**data, "tax_number": data.get("tax_number") or source["tax_number"]}
        valid = kind.validate(source, data)
        return Document(
            id=str(uuid.uuid4()),
            person_id=person.id,
            doc_type=doc_type,
            number=valid.number,
            issue_date=valid.issue_date,
            expiry_date=valid.expiry_date,
            fields=valid.fields,
            status=STATUS_VALID,
            created_at=self.now(),
        )

    def enrol_person(self, data: Mapping[str, Any], *, actor: str) -> Person:
        """Validate and store a person."""
        person = self.validate_person(data)
        try:
            with self.sessions.begin() as session:
                session.add(person)
                self.audit(session, actor, "person.enrol", person.id)
        except IntegrityError:
            raise Conflict("a person with this tax number or УНЗР is already enrolled") from None
        return person

    def person(self, person_id: str) -> Person:
        """One person with their documents."""
        with self.sessions() as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound("no such person", field="person_id")
            _ = person.documents
            return person

    def find_persons(self, query: str, limit: int = 20) -> list[Person]:
        """People whose name, tax number or УНЗР starts with ``query``."""
        pattern = query.strip() + "%"
        with self.sessions() as session:
            return list(
                session.scalars(
                    select(Person)
                    .where(
                        or_(
                            Person.family_name.ilike(pattern),
                            Person.family_name_latin.ilike(pattern),
                            Person.tax_number.like(pattern),
                            Person.record_number.like(pattern),
                        )
                    )
                    .order_by(Person.family_name, Person.given_name)
                    .limit(limit)
                )
            )

    def add_document(
        self, person_id: str, doc_type: str, data: Mapping[str, Any], *, actor: str
    ) -> Document:
        """Validate a document against its type's rules and the person's data; store it."""
        document_type(doc_type)
        with self.sessions() as session:
            person = session.get(Person, person_id)
            if person is None:
                raise NotFound("no such person", field="person_id")
        document = self.validate_document(person, doc_type, data)
        try:
            with self.sessions.begin() as session:
                session.add(document)
                self.audit(session, actor, "document.add", document.id)
        except IntegrityError:
            raise Conflict("a document of this type with this number is already enrolled") from None
        return document

    def document(self, document_id: str) -> Document:
        """One document."""
        with self.sessions() as session:
            document = session.get(Document, document_id)
            if document is None:
                raise NotFound("no such document", field="document_id")
            return document

    # --- offers -------------------------------------------------------------------------

    def create_offer(
        self, document_id: str, *, batch_size: int = 1, tx_code: bool = True, actor: str
    ) -> CreatedOffer:
        """A single-use, expiring pre-authorized offer of every credential of the document."""
        if not 1 <= batch_size <= self.settings.max_batch_size:
            raise InvalidDocument(f"must be 1 to {self.settings.max_batch_size}", field="batch")
        document = self.document(document_id)
        if document.status != STATUS_VALID:
            raise Conflict(f"the document is {STATUS_NAMES[document.status]}")
        if document.expiry_date and document.expiry_date < self.now().date():
            raise Conflict("the document has expired")
        configs = [c.id for c in document_type(document.doc_type).configurations]
        code = secrets.token_urlsafe(32)
        transaction_code = f"{secrets.randbelow(10**6):06d}" if tx_code else None
        offer = Offer(
            id=secrets.token_urlsafe(24),
            code_hash=sha256_hex(code),
            pre_authorized_code=code,
            document_id=document_id,
            config_ids=configs,
            batch_size=batch_size,
            tx_code_hash=sha256_hex(transaction_code) if transaction_code else None,
            tx_code_length=6 if transaction_code else None,
            failed_attempts=0,
            expires_at=self.now() + dt.timedelta(seconds=self.settings.offer_ttl_seconds),
            created_at=self.now(),
        )
        with self.sessions.begin() as session:
            session.add(offer)
            self.audit(session, actor, "offer.create", f"document={document_id} offer={offer.id}")
        uri = self.offer_uri(offer.id)
        return CreatedOffer(offer.id, uri, transaction_code, offer.expires_at, configs)

    def offer_uri(self, offer_id: str) -> str:
        """The ``openid-credential-offer://`` URI of an offer (by reference)."""
        with self.sessions() as session:
            if session.get(Offer, offer_id) is None:
                raise NotFound("no such offer", field="offer_id")
        return "openid-credential-offer://?credential_offer_uri=" + quote(
            f"{self.issuer}/offers/{offer_id}", safe=""
        )

    # --- status -------------------------------------------------------------------------

    def set_document_status(self, document_id: str, status: int, *, actor: str) -> int:
        """Revoke (final), suspend or reinstate a document and every credential issued for it."""
        with self.sessions.begin() as session:
            document = session.get(Document, document_id, with_for_update=True)
            if document is None:
                raise NotFound("no such document", field="document_id")
            if document.status == STATUS_INVALID:
                raise Conflict("the document is revoked; revocation is final")
            if status == STATUS_VALID and document.status != STATUS_SUSPENDED:
                raise Conflict("only a suspended document can be reinstated")
            document.status = status
            count = self.status.set_document_status(session, document_id, status)
            self.audit(session, actor, f"document.{STATUS_NAMES[status]}", document_id)
            return count

    # --- admin tokens -------------------------------------------------------------------

    def create_admin_token(self, role: str, label: str, *, actor: str = "cli") -> str:
        """A new bearer token for the admin API; only its hash is stored."""
        if role not in ROLES:
            raise InvalidDocument(f"must be one of {', '.join(ROLES)}", field="role")
        raw = "pvi_" + secrets.token_urlsafe(32)
        record = AdminToken(
            id=str(uuid.uuid4()),
            token_hash=sha256_hex(raw),
            role=role,
            label=label[:80],
            created_at=self.now(),
        )
        with self.sessions.begin() as session:
            session.add(record)
            self.audit(session, actor, "token.create", f"token={record.id} role={role}")
        return raw

    def authenticate(self, raw: str | None, *, need: str = "clerk") -> AdminToken:
        """The admin token behind a bearer value, checked for the role ``need``."""
        if not raw:
            raise Unauthorized("send an admin bearer token (posvid-issuer token create)")
        with self.sessions() as session:
            record = session.scalar(
                select(AdminToken).where(
                    AdminToken.token_hash == sha256_hex(raw), AdminToken.revoked_at.is_(None)
                )
            )
        if record is None:
            raise Unauthorized("unknown or revoked admin token")
        if need == "admin" and record.role != "admin":
            raise Forbidden("this needs an admin token")
        return record
