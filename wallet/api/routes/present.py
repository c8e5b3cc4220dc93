"""Showing a document: a consent step names what will be shown and to whom, then the QR code.

``GET /cards/{id}/present?preset=...`` is the consent page (nothing is signed); its form posts
to ``POST /cards/{id}/present``, which makes the QR code. ``full`` needs ``confirm=yes``, which
only its consent page sends. A revoked or suspended document never gets this far (the wallet
refuses it, :func:`wallet.presenting.refuse_unusable`).
"""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...errors import NoSuchDocument, UnknownPreset, WalletError
from ...presenting import PORTRAIT_SHOWN, REUSED
from ...service import UnlockedWallet
from ...views import CardDetails, Presentation
from ..card_words import card_view, shown_rows
from ..deps import LangDep, UnlockedDep
from ..pages import page
from ..words import PRESETS
from .cards import cards_page

router = APIRouter(include_in_schema=False)
WARNING_KEYS = {REUSED: "reused", PORTRAIT_SHOWN: "portrait"}


def _preset(value: object) -> str:
    """A preset the page knows, else :class:`UnknownPreset`."""
    if not isinstance(value, str) or value not in PRESETS:
        raise UnknownPreset("unknown preset", field="preset")
    return value


def _refused(
    request: Request, wallet: UnlockedWallet, card_id: str, lang: str, error: WalletError | str
) -> Response:
    """A refusal in words: on the document's page, else (no such document) on the list."""
    try:
        view = card_view(wallet.show(card_id, lang), lang, wallet.store.clock.now())
    except NoSuchDocument as exc:
        return cards_page(request, wallet, lang, 404, exc)
    return page(request, "card.html", 409, error, card=view, title=view.name)


@router.get("/cards/{card_id}/present")
def consent(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """What the preset will show, with its values, and to whom; a predicate not met said plainly."""
    try:
        preset = _preset(request.query_params.get("preset"))
        preview = wallet.preview(card_id, preset)
        details = wallet.show(card_id, lang)
    except WalletError as exc:
        return _refused(request, wallet, card_id, lang, exc)
    if preset not in details.presets:
        return _refused(request, wallet, card_id, lang, "credential_missing")
    card = card_view(details, lang, wallet.store.clock.now())
    return page(
        request,
        "consent.html",
        card=card,
        photo=card.portrait_uri if "portrait" in preview.claims else None,
        preset=preset,
        rows=shown_rows(details, preview.claims, lang),
        under=[path.partition(".")[2] for path in preview.unmet],
        title=details.name(lang),
    )


@router.post("/cards/{card_id}/present")
async def present(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """The QR code of a consented preset; ``renew`` keeps the credential on screen."""
    form = await request.form()
    renew = form.get("renew")
    try:
        preset = _preset(form.get("preset"))
        if preset == "full" and form.get("confirm") != "yes":
            return _refused(request, wallet, card_id, lang, "confirm_needed")
        shown = wallet.present(
            card_id, preset=preset, renew=renew if isinstance(renew, str) and renew else None
        )
        details = wallet.show(card_id, lang)
    except WalletError as exc:
        return _refused(request, wallet, card_id, lang, exc)
    return _qr_page(request, wallet, shown, preset, details, lang)


def _qr_page(
    request: Request,
    wallet: UnlockedWallet,
    shown: Presentation,
    preset: str,
    details: CardDetails,
    lang: str,
) -> Response:
    """The QR code, what it shows in words, its countdown and its renewal form."""
    from posvid.common.qr_render import render_png

    png = base64.b64encode(render_png(shown.payload, module_px=6)).decode()
    return page(
        request,
        "present.html",
        card=card_view(details, lang, wallet.store.clock.now()),
        credential_id=shown.credential_id,
        png=png,
        preset=preset,
        rows=shown_rows(details, shown.claims, lang),
        warnings=[WARNING_KEYS[w] for w in shown.warnings if w in WARNING_KEYS],
        seconds=wallet.store.settings.qr_lifetime_seconds,
        title=details.name(lang),
    )
