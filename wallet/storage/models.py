"""The wallet's tables. Sealed columns hold AES-GCM blobs; plain columns hold no personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import DateTime, ForeignKey, Integer, LargeBinary, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from posvid.common.orm import JSON_TYPES, NAMING_CONVENTION


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = JSON_TYPES


class VaultRecord(Base):
    """The wrapped data key, the PIN's scrypt salt and cost, the device secret's name; one row."""

    __tablename__ = "vault"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    salt: Mapped[bytes] = mapped_column(LargeBinary)
    kdf_n: Mapped[int] = mapped_column(Integer)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    #: the keystore entry of the device secret mixed into the wrapping; ``None``: the PIN alone
    device_secret: Mapped[str | None] = mapped_column(String(64), default=None)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[float] = mapped_column(default=0.0)


class Card(Base):
    """One document in the wallet; its credentials are the batches of its configurations."""

    __tablename__ = "cards"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    issuer: Mapped[str] = mapped_column(String(512))
    doc_type: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)  # display names, claims


class CredentialRecord(Base):
    """One credential and its own holder key (sealed together)."""

    __tablename__ = "credentials"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"), index=True)
    vct: Mapped[str] = mapped_column(String(256))
    config_id: Mapped[str] = mapped_column(String(64))
    disclosable: Mapped[int] = mapped_column(Integer)  # how many claims it can disclose
    expires_at: Mapped[int] = mapped_column(Integer)
    used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    sealed: Mapped[bytes] = mapped_column(LargeBinary)  # {"sd_jwt", "holder_key_pem"}


class HistoryEntry(Base):
    """A presentation: when, which card, which claims, to whom (sealed)."""

    __tablename__ = "history"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)


class CachedDocument(Base):
    """Public documents fetched from issuers: JWKS, type metadata, status list tokens."""

    __tablename__ = "cache"

    url: Mapped[str] = mapped_column(String(1024), primary_key=True)
    body: Mapped[str] = mapped_column(String)
    fetched_at: Mapped[int] = mapped_column(Integer)
