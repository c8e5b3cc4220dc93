"""The documents: the list, adding one from an offer, one document, showing it as a QR code."""

from __future__ import annotations

import base64

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ...errors import WalletError
from ...receiving import offer_in_picture
from ...service import UnlockedWallet
from ..deps import LangDep, UnlockedDep
from ..pages import claim_words, page

router = APIRouter(include_in_schema=False)


@router.get("/")
def home(request: Request, wallet: UnlockedDep) -> Response:
    """The documents in the wallet."""
    return page(request, "cards.html", cards=wallet.cards())


@router.post("/accept")
async def accept(request: Request, wallet: UnlockedDep) -> Response:
    """Add a document from an offer link or a photo of its QR code."""
    async with request.form() as form:  # closes uploaded files when done
        offer = str(form.get("offer") or "").strip()
        tx_code = str(form.get("tx_code") or "").strip() or None
        picture = form.get("picture")
        image = await picture.read() if picture is not None and hasattr(picture, "read") else b""
    try:
        if not offer and image:
            offer = offer_in_picture(image)
        if not offer:
            raise WalletError("paste the offer link or choose a photo of its QR code")
        wallet.accept(offer, tx_code)
    except WalletError as exc:
        return page(request, "cards.html", 422, cards=wallet.cards(), error=exc.message)
    return RedirectResponse("/", status_code=303)


@router.get("/cards/{card_id}")
def card(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """One document's claims."""
    try:
        return page(request, "card.html", card=wallet.show(card_id, lang))
    except WalletError as exc:
        return page(request, "cards.html", 404, cards=wallet.cards(), error=exc.message)


@router.post("/cards/{card_id}/present")
async def present(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """The document as a QR code for a preset; ``renew`` keeps the credential on screen."""
    form = await request.form()
    preset = str(form.get("preset", "border"))
    renew = str(form.get("renew") or "") or None
    try:
        shown = wallet.present(card_id, preset=preset, renew=renew)
    except WalletError as exc:
        details = wallet.show(card_id, lang)
        return page(request, "card.html", 409, card=details, error=exc.message)
    from posvid.common.qr_render import render_png

    png = base64.b64encode(render_png(shown.payload, module_px=6)).decode()
    return page(
        request,
        "present.html",
        credential_id=shown.credential_id,
        png=png,
        preset=preset,
        card_id=card_id,
        claims=claim_words(shown.claims, labels_of(wallet, card_id, lang), lang),
        warnings=shown.warnings,
        seconds=wallet.store.settings.qr_lifetime_seconds,
    )


def labels_of(wallet: UnlockedWallet, card_id: str, lang: str) -> dict[str, str]:
    """The document's claim labels in ``lang``, by claim name."""
    return {claim.name: claim.label for claim in wallet.show(card_id, lang).claims}
