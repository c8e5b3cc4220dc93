"""Present: what is asked, which credential shows it, the signed presentation, its record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import secrets
import uuid
from dataclasses import dataclass
from typing import Final, Unpack

from sqlalchemy import select

from crypto import CryptoError, PresentationRequest, encode_qr_payload, present
from crypto.b64 import b64url_encode
from crypto.sdjwt import ALWAYS_VISIBLE_CLAIMS
from posvid.common.vocabulary import BORDER_CLAIMS, OFFLINE_AUDIENCE
from posvid.common.wording import AGE_CLAIM

from .errors import (
    DocumentRevoked,
    DocumentSuspended,
    NoCredential,
    RenewalRefused,
    RequestError,
    UnknownPreset,
    WalletError,
)
from .records import CredentialSecret, HistoryRecord, KeptEntry
from .storage.models import Card, CredentialRecord, HistoryEntry
from .store import OpenStore, in_writing_order
from .views import Presentation, PresentOptions

PRESETS: Final = {"border": BORDER_CLAIMS, "age18": ("age_equal_or_over.18",)}
#: claims a preset shows only when the document holds them (a person enrolled without a photo)
OPTIONAL_CLAIMS: Final = frozenset({"portrait"})
#: every preset, in the order a page offers them
PRESET_NAMES: Final = ("border", "age18", "full")
REUSED: Final = (
    "every credential of this batch was used before: verifiers could link "
    "this presentation to an earlier one; collect a new batch"
)
PORTRAIT_SHOWN: Final = "the portrait is disclosed"


@dataclass(frozen=True)
class Asked:
    """The claims to disclose, and the verifier's request when there is one."""

    claims: tuple[str, ...]
    request: PresentationRequest | None = None

    @property
    def audience(self) -> str:
        """The request's audience, else the offline one."""
        return self.request.aud if self.request else OFFLINE_AUDIENCE


@dataclass(frozen=True)
class Chosen:
    """The credential that covers what is asked, with its document and secret."""

    card: Card
    record: CredentialRecord
    secret: CredentialSecret


def present_card(store: OpenStore, card_id: str, **options: Unpack[PresentOptions]) -> Presentation:
    """Present the smallest unused credential that covers what is asked, as a QR payload.

    ``renew`` names the credential of a QR still on screen: its renewal (a fresh nonce and
    time before the QR runs out) uses the same credential and is not a new entry in the
    history — the same showing goes on, so it must be one (:func:`renewal`).
    """
    renew = options.get("renew")
    refuse_unusable(store, card_id)
    asked = what_is_asked(
        store,
        card_id,
        disclose=options.get("disclose"),
        preset=options.get("preset"),
        request=options.get("request"),
    )
    renewing = renew is not None
    if renew is None:
        chosen = choose_credential(store, card_id, asked.claims)
    else:
        chosen = renewal(store, card_id, asked, renew)
    shown = sign(store, chosen, asked)
    record(store, chosen, asked, renewing=renewing)
    return dataclasses.replace(shown, warnings=warnings(chosen, asked.claims, renewing))


def what_is_asked(
    store: OpenStore,
    card_id: str,
    *,
    disclose: list[str] | None,
    preset: str | None,
    request: str | None,
) -> Asked:
    """The claims a verifier's request, a preset or a list of claim names asks for."""
    if request is not None:
        return _read_request(request, store.clock.now())
    if preset is not None:
        return Asked(_preset(store, card_id, preset))
    if disclose:
        return Asked(tuple(disclose))
    raise WalletError("say what to disclose: claim names, a preset or a request")


def _read_request(text: str, now: int) -> Asked:
    try:
        request = PresentationRequest.decode(text)
    except CryptoError as exc:
        raise RequestError(f"the verifier's request is unreadable: {exc.message}") from None
    if request.exp < now:
        raise RequestError("the verifier's request has expired: ask for a new one")
    return Asked(tuple(request.claims), request)


def _preset(store: OpenStore, card_id: str, preset: str) -> tuple[str, ...]:
    if preset in PRESETS:
        named = tuple(PRESETS[preset])
        if not OPTIONAL_CLAIMS.intersection(named):
            return named
        with store.sessions() as session:
            held = store.content(store.card(session, card_id)).claims
        return tuple(c for c in named if c not in OPTIONAL_CLAIMS or c in held)
    if preset == "full":
        with store.sessions() as session:
            content = store.content(store.card(session, card_id))
        return tuple(k for k in content.claims if k not in ALWAYS_VISIBLE_CLAIMS)
    raise UnknownPreset("unknown preset: border, age18 or full", field="preset")


def shown_for(store: OpenStore, entry: HistoryRecord) -> str:
    """What a showing was for, told by its claims: ``request`` (a verifier's), ``border``,
    ``age`` (age checks only), ``full`` (everything the document holds) or ``chosen``."""
    if entry.audience is not None:
        return "request"
    claims = set(entry.claims)
    border = set(PRESETS["border"])
    if border - OPTIONAL_CLAIMS <= claims <= border:
        return "border"
    if claims and all(c.partition(".")[0] == AGE_CLAIM for c in claims):
        return "age"
    try:
        everything = set(_preset(store, entry.card_id, "full"))
    except NoCredential:  # the document was removed since
        everything = set()
    return "full" if claims and claims == everything else "chosen"


def refuse_unusable(store: OpenStore, card_id: str) -> None:
    """Refuse to show a document its issuer revoked or suspended (at the last status check)."""
    with store.sessions() as session:
        card = store.card(session, card_id)
        status, _ = store.cached_status(session, card.id)
    if status == "revoked":
        raise DocumentRevoked("the issuer has revoked this document: it cannot be shown")
    if status == "suspended":
        raise DocumentSuspended("the issuer has suspended this document: it cannot be shown now")


@dataclass(frozen=True)
class Preview:
    """What a preset would show, before a QR code is made: the claims, and the predicates
    among them the holder does not meet (``age_equal_or_over.18`` of a 16-year-old)."""

    preset: str
    claims: tuple[str, ...]
    unmet: tuple[str, ...]


def preview(store: OpenStore, card_id: str, preset: str) -> Preview:
    """What ``preset`` shows of the document (nothing is signed or recorded)."""
    claims = _preset(store, card_id, preset)
    with store.sessions() as session:
        content = store.content(store.card(session, card_id))
    unmet = []
    for path in claims:
        head, _, rest = path.partition(".")
        value = content.claims.get(head)
        if rest and isinstance(value, dict) and value.get(rest) is False:
            unmet.append(path)
    return Preview(preset, claims, tuple(unmet))


def available_presets(store: OpenStore, card_id: str) -> tuple[str, ...]:
    """The presets some valid credential of the document can show (a driving licence: ``full``)."""
    by_config = {record.config_id: secret for record, secret in _candidates(store, card_id)[1]}
    covered = [secret.disclosable() for secret in by_config.values()]  # one of each kind
    wanted = {preset: set(_preset(store, card_id, preset)) for preset in PRESET_NAMES}
    return tuple(p for p in PRESET_NAMES if any(wanted[p] <= paths for paths in covered))


def _candidates(
    store: OpenStore, card_id: str
) -> tuple[Card, list[tuple[CredentialRecord, CredentialSecret]]]:
    """The document and its valid credentials: unused first, then the smallest."""
    with store.sessions() as session:
        card = store.card(session, card_id)
        candidates = session.scalars(
            select(CredentialRecord)
            .where(
                CredentialRecord.card_id == card.id,
                CredentialRecord.expires_at > store.clock.now(),
            )
            .order_by(
                CredentialRecord.used_at.is_not(None),
                CredentialRecord.disclosable,
                CredentialRecord.used_at,
            )
        ).all()
        return card, [(record, store.secret(record)) for record in candidates]


def choose_credential(store: OpenStore, card_id: str, wanted: tuple[str, ...]) -> Chosen:
    """The valid credential that covers ``wanted``: unused first, then the smallest."""
    card, candidates = _candidates(store, card_id)
    for record, secret in candidates:
        if set(wanted) <= secret.disclosable():
            return Chosen(card, record, secret)
    raise NoCredential("no valid credential of this document holds all of: " + ", ".join(wanted))


def renewal(store: OpenStore, card_id: str, asked: Asked, renew: str) -> Chosen:
    """The credential of a showing still on: the same claims, to the same audience, its QR valid.

    The showing is the newest history entry of credential ``renew``; its QR code is valid until
    ``qr_lifetime_seconds`` after the credential was last shown (each renewal extends it). Anything
    else is :class:`RenewalRefused`: a renewal is never a way to show other claims unrecorded.
    """
    now = store.clock.now()
    with store.sessions() as session:
        card = store.card(session, card_id)
        record = session.get(CredentialRecord, renew)
        if record is None or record.card_id != card.id or record.used_at is None:
            raise RenewalRefused("there is no showing of this document to renew")
        shown = record.used_at.replace(tzinfo=record.used_at.tzinfo or dt.UTC).timestamp()
        if now > shown + store.settings.qr_lifetime_seconds or now >= record.expires_at:
            raise RenewalRefused("the QR code has run out: show the document again")
        newest_first = (HistoryEntry.at.desc(), in_writing_order("history").desc())
        entries = session.scalars(select(HistoryEntry).order_by(*newest_first))
        showing = next((e for e in map(store.entry, entries) if e.credential_id == renew), None)
        secret = store.secret(record)
    audience = asked.audience if asked.request else None
    if showing is None or showing.claims != asked.claims or showing.audience != audience:
        raise RenewalRefused("a renewal shows the same claims as the QR code on screen, no other")
    return Chosen(card, record, secret)


def warnings(chosen: Chosen, wanted: tuple[str, ...], renewing: bool) -> tuple[str, ...]:
    """What the holder should know before showing it."""
    found = []
    if chosen.record.used_at is not None and not renewing:
        found.append(REUSED)
    if any(w.split(".")[0] == "portrait" for w in wanted):
        found.append(PORTRAIT_SHOWN)
    return tuple(found)


def sign(store: OpenStore, chosen: Chosen, asked: Asked) -> Presentation:
    """The SD-JWT presentation with a Key Binding JWT of the clock's now, as a QR payload."""
    now = store.clock.now()
    nonce = asked.request.nonce if asked.request else b64url_encode(secrets.token_bytes(16))
    sd_jwt = present(
        chosen.secret.sd_jwt,
        disclose=list(asked.claims),
        holder_key=chosen.secret.holder(),
        aud=asked.audience,
        nonce=nonce,
        iat=now,
    )
    expires = now + store.settings.qr_lifetime_seconds
    if asked.request:
        expires = min(expires, asked.request.exp)
    payload = encode_qr_payload(sd_jwt)
    return Presentation(
        payload, sd_jwt, asked.audience, nonce, asked.claims, expires, chosen.record.id
    )


def record(store: OpenStore, chosen: Chosen, asked: Asked, *, renewing: bool) -> None:
    """Mark the credential used and, unless a renewal, add a sealed history entry: one write."""
    with store.sessions.begin() as session:
        stored = session.get(CredentialRecord, chosen.record.id)
        if stored is None:
            raise NoCredential("the credential was removed while it was shown")
        stored.used_at = store.timestamp()
        if renewing:  # the same showing goes on: no new history entry
            return
        entry = HistoryRecord(
            card_id=chosen.card.id,
            type=chosen.card.doc_type,
            vct=chosen.record.vct,
            claims=asked.claims,
            audience=asked.audience if asked.request else None,
            credential_id=chosen.record.id,
        )
        store.add_entry(session, KeptEntry(str(uuid.uuid4()), store.timestamp(), entry))
