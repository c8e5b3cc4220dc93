"""The issuer's domain entry points, called by the HTTP API, the CLI, the bench and the tests.

:class:`IssuerService` is the :class:`~issuer.context.IssuerContext` with one method per
domain action; each is carried out by its part: :mod:`issuer.enrolment` (people and
documents), :mod:`issuer.offers`, :mod:`issuer.revocation`, :mod:`issuer.admin_tokens`.
OpenID4VCI itself is in :mod:`issuer.oid4vci`. It imports neither the API nor the CLI.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import admin_tokens, enrolment, offers, person_portrait, revocation
from .context import IssuerContext
from .offers import CreatedOffer
from .portrait import Portrait
from .storage.models import AdminToken, Document, Person


class IssuerService(IssuerContext):
    """Everything the issuer does, over one database and one clock."""

    # --- people and documents (issuer.enrolment) ------------------------------------------

    def validate_person(self, data: Mapping[str, Any]) -> Person:
        """A new, unsaved person from enrolment data; every rule checked."""
        return enrolment.validate_person(self, data)

    def validate_document(self, person: Person, doc_type: str, data: Mapping[str, Any]) -> Document:
        """A new, unsaved document of ``person``; its type's rules checked against the person."""
        return enrolment.validate_document(self, person, doc_type, data)

    def enrol_person(self, data: Mapping[str, Any], *, actor: str) -> Person:
        """Validate and store a person."""
        return enrolment.enrol_person(self, data, actor=actor)

    def person(self, person_id: str, *, actor: str | None = None) -> Person:
        """One person with their documents; a read by ``actor`` (a clerk) is audited."""
        return enrolment.person(self, person_id, actor=actor)

    def find_persons(self, query: str, limit: int = 20) -> list[Person]:
        """People whose name, tax number or УНЗР starts with ``query``."""
        return enrolment.find_persons(self, query, limit)

    def namesakes(self, new: Person) -> list[Person]:
        """People enrolled with ``new``'s names and birth date that no number tells apart."""
        return enrolment.namesakes(self, new)

    def add_document(
        self, person_id: str, doc_type: str, data: Mapping[str, Any], *, actor: str
    ) -> Document:
        """Validate a document against its type's rules and the person's data; store it."""
        return enrolment.add_document(self, person_id, doc_type, data, actor=actor)

    def document(self, document_id: str) -> Document:
        """One document."""
        return enrolment.document(self, document_id)

    def set_portrait(self, person_id: str, photo: bytes, *, actor: str) -> Portrait:
        """Make a person's portrait from a photo (one face, framed, no metadata) and store it."""
        return person_portrait.set_portrait(self, person_id, photo, actor=actor)

    def portrait_png(self, person_id: str) -> bytes | None:
        """A person's stored portrait (240×300 greyscale PNG), if any."""
        return person_portrait.portrait_png(self, person_id)

    # --- offers, status, admin tokens -----------------------------------------------------

    def create_offer(
        self, document_id: str, *, batch_size: int = 1, tx_code: bool = True, actor: str
    ) -> CreatedOffer:
        """A single-use, expiring pre-authorized offer of every credential of the document."""
        return offers.create_offer(
            self, document_id, batch_size=batch_size, tx_code=tx_code, actor=actor
        )

    def offer_uri(self, offer_id: str) -> str:
        """The ``openid-credential-offer://`` URI of an offer (by reference)."""
        return offers.offer_uri(self, offer_id)

    def set_document_status(self, document_id: str, status: int, *, actor: str) -> int:
        """Revoke (final), suspend or reinstate a document and every credential issued for it."""
        return revocation.set_document_status(self, document_id, status, actor=actor)

    def create_admin_token(
        self, role: str, label: str, *, actor: str = "cli", hours: float | None = None
    ) -> str:
        """A new bearer token for the admin API, expiring; only its hash is stored."""
        return admin_tokens.create_admin_token(self, role, label, actor=actor, hours=hours)

    def list_admin_tokens(self) -> list[dict[str, Any]]:
        """Every admin token's id, role, label and state."""
        return admin_tokens.list_tokens(self)

    def revoke_admin_token(self, token_id: str, *, actor: str = "cli") -> None:
        """Revoke an admin token; its clerk sessions end with it."""
        admin_tokens.revoke_token(self, token_id, actor=actor)

    def open_clerk_session(self, raw_token: str) -> str:
        """Sign a clerk in with a token: the new session's id, for the page's cookie."""
        return admin_tokens.open_clerk_session(self, raw_token)

    def clerk_session(self, session_id: str | None) -> AdminToken:
        """The token of a live clerk session (which counts as seen now)."""
        return admin_tokens.clerk_session(self, session_id)

    def close_clerk_session(self, session_id: str | None) -> None:
        """End a clerk session (logout)."""
        admin_tokens.close_clerk_session(self, session_id)

    def authenticate(self, raw: str | None, *, need: str = "clerk") -> AdminToken:
        """The admin token behind a bearer value, checked for the role ``need``."""
        return admin_tokens.authenticate(self, raw, need=need)


__all__ = ["CreatedOffer", "IssuerService"]
