"""The verifier's tables. Nothing here is personal data: the audit keeps a payload's hash only."""

from __future__ import annotations

from typing import Any, ClassVar

from sqlalchemy import JSON, Float, Integer, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from posvid.common.orm import JSON_TYPES, NAMING_CONVENTION


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = JSON_TYPES


class TrustedIssuer(Base):
    __tablename__ = "trusted_issuers"

    issuer: Mapped[str] = mapped_column(String(512), primary_key=True)
    names: Mapped[dict[str, Any]] = mapped_column(JSON)
    jwks: Mapped[dict[str, Any]] = mapped_column(JSON)
    vcts: Mapped[list[Any]] = mapped_column(JSON)
    status_lists: Mapped[list[Any]] = mapped_column(JSON)
    type_metadata: Mapped[dict[str, Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(1024))
    added_at: Mapped[float] = mapped_column(Float)


class TrustAnchor(Base):
    """An X.509 trust anchor for certificate-based (``x5c``) issuers, and what it may vouch for."""

    __tablename__ = "trust_anchors"

    #: the SHA-256 of the certificate's DER, in hex
    fingerprint: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: the subject in plain words (organisation (country), else common name)
    subject: Mapped[str] = mapped_column(String(512))
    #: the certificate, PEM
    certificate: Mapped[str] = mapped_column(Text)
    #: the document types (``vct``) credentials under this anchor may be
    vcts: Mapped[list[Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(1024))
    added_at: Mapped[float] = mapped_column(Float)


class Setting(Base):
    """Small state: the installed trust bundle's sequence number."""

    __tablename__ = "settings"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CachedStatusList(Base):
    __tablename__ = "status_lists"

    uri: Mapped[str] = mapped_column(String(1024), primary_key=True)
    token: Mapped[str] = mapped_column(Text)
    fetched_at: Mapped[float] = mapped_column(Float)
    ttl: Mapped[int] = mapped_column(Integer)
    #: the entity tag the list was sent with (sync asks ``If-None-Match`` with it)
    etag: Mapped[str | None] = mapped_column(String(256), default=None)
    #: the token's own ``exp`` and ``ttl`` (or the default): what a ``304`` refreshes by
    expires_at: Mapped[float | None] = mapped_column(Float, default=None)
    fresh_for: Mapped[int | None] = mapped_column(Integer, default=None)


class SeenNonce(Base):
    """Replay window: the SHA-256 of each key-binding nonce seen, until the window passes."""

    __tablename__ = "seen_nonces"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[float] = mapped_column(Float, index=True)


class IssuedRequest(Base):
    """Two-way mode: the nonces this verifier asked for, each answerable once."""

    __tablename__ = "requests"

    nonce: Mapped[str] = mapped_column(String(128), primary_key=True)
    claims: Mapped[list[Any]] = mapped_column(JSON)
    expires_at: Mapped[float] = mapped_column(Float)
    used_at: Mapped[float | None] = mapped_column(Float)


class AuditEntry(Base):
    """One check: time, verdict, issuer, type, failed checks, payload SHA-256; hash-chained."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[float] = mapped_column(Float)
    verdict: Mapped[str] = mapped_column(String(32))
    issuer: Mapped[str | None] = mapped_column(String(512))
    vct: Mapped[str | None] = mapped_column(String(256))
    failed: Mapped[str] = mapped_column(Text)
    payload_sha256: Mapped[str] = mapped_column(String(64))
    previous: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64))
