"""The issuer's tables (SQLAlchemy 2 typed declarative). Migrations live in ``migrations/``."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Final

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from posvid.common.orm import JSON_TYPES, NAMING_CONVENTION

from .search import search_key

#: prefix search (``LIKE 'key%'``) uses a B-tree index on PostgreSQL only with the pattern
#: operator class (or the C collation) whatever the database's collation; SQLite searches
#: with ``GLOB 'key*'``, which uses a plain index
_PREFIX: Final = "text_pattern_ops"


def _prefix_index(column: str) -> Index:
    return Index(f"ix_persons_{column}_prefix", column, postgresql_ops={column: _PREFIX})


class Base(DeclarativeBase):
    """The issuer's own metadata (the roles deploy separately)."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = JSON_TYPES


class Person(Base):
    __tablename__ = "persons"
    __table_args__ = tuple(
        _prefix_index(c) for c in ("search_name", "search_latin", "tax_number", "record_number")
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    family_name: Mapped[str] = mapped_column(String(60))
    given_name: Mapped[str] = mapped_column(String(60))
    patronymic: Mapped[str | None] = mapped_column(String(60))
    family_name_latin: Mapped[str] = mapped_column(String(60))
    given_name_latin: Mapped[str] = mapped_column(String(60))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    birth_place: Mapped[str | None] = mapped_column(String(200))
    sex: Mapped[str] = mapped_column(String(1))
    tax_number: Mapped[str | None] = mapped_column(String(10), unique=True)
    record_number: Mapped[str | None] = mapped_column(String(14), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    #: the search keys (issuer.storage.search), set from the names whenever a person is saved
    search_name: Mapped[str] = mapped_column(String(200), server_default="")
    search_latin: Mapped[str] = mapped_column(String(130), server_default="")

    documents: Mapped[list[Document]] = relationship(back_populates="person")

    def set_search_keys(self) -> None:
        """The search keys from the names (:func:`issuer.storage.search.search_key`)."""
        self.search_name = search_key(self.family_name, self.given_name, self.patronymic)
        self.search_latin = search_key(self.family_name_latin, self.given_name_latin)

    def claims_source(self) -> dict[str, Any]:
        """The person's data as the catalogue reads it."""
        return {
            "family_name": self.family_name,
            "given_name": self.given_name,
            "patronymic": self.patronymic,
            "family_name_latin": self.family_name_latin,
            "given_name_latin": self.given_name_latin,
            "birth_date": self.birth_date.isoformat(),
            "birth_place": self.birth_place,
            "sex": self.sex,
            "tax_number": self.tax_number,
            "record_number": self.record_number,
        }


@event.listens_for(Person, "before_insert")
@event.listens_for(Person, "before_update")
def _person_saved(_mapper: Any, _connection: Any, person: Person) -> None:
    person.set_search_keys()


#: the stored portrait PNG's bound (a 240×300 greyscale PNG is 30-60 KB)
MAX_PORTRAIT_PNG: Final = 128 * 1024


class PersonPortrait(Base):
    """A person's normalised portrait (``issuer.portrait``: 240×300 greyscale PNG, no metadata).

    In its own table so that a person's row (read by every search) never carries the image; its
    ``repr`` holds no bytes and nothing logs it.
    """

    __tablename__ = "person_portraits"
    __table_args__ = (CheckConstraint(f"length(png) <= {MAX_PORTRAIT_PNG}", name="png_size"),)

    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"PersonPortrait(person_id={self.person_id!r}, bytes={len(self.png or b'')})"


class Document(Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("doc_type", "number"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("persons.id"), index=True)
    doc_type: Mapped[str] = mapped_column(String(40))
    number: Mapped[str] = mapped_column(String(40))
    issue_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    fields: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[int] = mapped_column(SmallInteger, default=0)  # 0 valid, 1 revoked, 2 suspended
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    person: Mapped[Person] = relationship(back_populates="documents")


class SigningKeyRecord(Base):
    __tablename__ = "signing_keys"

    kid: Mapped[str] = mapped_column(String(16), primary_key=True)
    alg: Mapped[str] = mapped_column(String(8))
    public_jwk: Mapped[dict[str, Any]] = mapped_column(JSON)
    encrypted_pem: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    retired_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class StatusListRecord(Base):
    __tablename__ = "status_lists"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    size: Mapped[int] = mapped_column(Integer)
    bits: Mapped[int] = mapped_column(SmallInteger, default=2)
    allocated: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class StatusEntry(Base):
    """One index of a status list; the primary key makes every index unique."""

    __tablename__ = "status_entries"

    list_id: Mapped[int] = mapped_column(ForeignKey("status_lists.id"), primary_key=True)
    idx: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    status: Mapped[int] = mapped_column(SmallInteger, default=0)


class IssuedCredential(Base):
    __tablename__ = "issued_credentials"
    __table_args__ = (
        ForeignKeyConstraint(
            ["status_list_id", "status_idx"], ["status_entries.list_id", "status_entries.idx"]
        ),
        UniqueConstraint("status_list_id", "status_idx"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    config_id: Mapped[str] = mapped_column(String(40))
    holder_thumbprint: Mapped[str] = mapped_column(String(43))
    status_list_id: Mapped[int] = mapped_column(Integer)
    status_idx: Mapped[int] = mapped_column(Integer)
    signing_kid: Mapped[str] = mapped_column(ForeignKey("signing_keys.kid"), index=True)
    issued_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Offer(Base):
    __tablename__ = "offers"

    id: Mapped[str] = mapped_column(String(43), primary_key=True)
    #: SHA-256 of the pre-authorized code, which is derived from the server secret and never
    #: stored (issuer.oid4vci.grant); lookups go by it
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    config_ids: Mapped[list[Any]] = mapped_column(JSON)
    batch_size: Mapped[int] = mapped_column(SmallInteger)
    #: HMAC of the transaction code under the server secret, salted with the offer's id
    tx_code_hash: Mapped[str | None] = mapped_column(String(64))
    tx_code_length: Mapped[int | None] = mapped_column(SmallInteger)
    failed_attempts: Mapped[int] = mapped_column(SmallInteger, default=0)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    redeemed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class AccessToken(Base):
    __tablename__ = "access_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("offers.id"), index=True)
    used_configs: Mapped[list[Any]] = mapped_column(JSON)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class Nonce(Base):
    __tablename__ = "nonces"

    value_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class UsedProof(Base):
    """Each key proof may be used once: its SHA-256 is kept until it could no longer pass."""

    __tablename__ = "used_proofs"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class AdminToken(Base):
    __tablename__ = "admin_tokens"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class ClerkSession(Base):
    """A clerk signed in to the pages: ended at logout, after idle time, or with its token."""

    __tablename__ = "clerk_sessions"

    #: SHA-256 of the session cookie's value (the value itself is never stored)
    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    token_id: Mapped[str] = mapped_column(ForeignKey("admin_tokens.id"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class AuditEvent(Base):
    """Who did what to which record, and when. Identifiers only, never personal data."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_at", "at"),)

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(40))
    target: Mapped[str] = mapped_column(Text)
