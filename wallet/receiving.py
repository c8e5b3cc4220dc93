"""Receive: collect an offer's credentials, verify every one, keep them all or none."""

from __future__ import annotations

import uuid
from pathlib import Path

from .client import OFFER_SCHEME, Collected, Received
from .errors import NoOfferInPicture, OfferError, OfferPictureUnusable
from .records import CardContent, CredentialSecret, KeptCard, KeptCredential, display_names
from .store import OpenStore


def offer_in_picture(image: bytes) -> str:
    """The credential offer of a photo or screenshot of its QR code."""
    from posvid.common.errors import ImageError
    from posvid.common.qr_scan import scan_image

    try:
        payloads = scan_image(image).payloads
    except ImageError as exc:
        raise OfferPictureUnusable(f"the picture cannot be read: {exc.message}") from None
    offers = [p for p in payloads if p.startswith(OFFER_SCHEME)]
    if not offers:
        raise NoOfferInPicture("no credential offer QR code in this picture")
    return offers[0]


def accept(store: OpenStore, offer: str, tx_code: str | None, batch: int) -> str:
    """Collect and keep an offer's credentials (``offer`` may name a picture); the card's id."""
    if not offer.startswith(OFFER_SCHEME) and _is_file(offer):
        offer = offer_in_picture(Path(offer).read_bytes())
    collected = store.client().collect(offer, tx_code, batch=batch)
    if not collected.credentials:
        raise OfferError("the offer gave no credentials")
    card_id = str(uuid.uuid4())
    with store.sessions.begin() as session:
        store.add_card(session, _card(store, card_id, collected))
        for item in collected.credentials:
            store.add_credential(session, _credential(card_id, item))
        store.cache(session, f"jwks:{collected.issuer}", collected.jwks)
    return card_id


def _is_file(text: str) -> bool:
    """Whether ``text`` names a file (the command line's picture); junk names none."""
    try:
        return Path(text).is_file()
    except (OSError, ValueError):  # too long a name, a NUL character
        return False


def _card(store: OpenStore, card_id: str, collected: Collected) -> KeptCard:
    """The document: named after the credential that holds the most claims."""
    full = max(collected.credentials, key=lambda r: len(r.claims))
    names = display_names(collected.type_metadata.get(full.vct, {}))
    issuer_names = display_names({"display": collected.display.get("issuer")})
    content = CardContent(full.claims, names, collected.type_metadata, issuer_names)
    return KeptCard(card_id, collected.issuer, full.config_id, store.timestamp(), content)


def _credential(card_id: str, item: Received) -> KeptCredential:
    """One received credential with the holder key made for it."""
    secret = CredentialSecret.of(item.sd_jwt, item.holder)
    fields = (item.vct, item.config_id, item.disclosable, item.expires_at)
    return KeptCredential(str(uuid.uuid4()), card_id, *fields, None, secret)


__all__ = ["accept", "offer_in_picture"]
