"""The documents: the list, adding one from an offer, one document with its details, removing
a revoked one (after a confirmation page)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from ...errors import NoSuchDocument, WalletError
from ...receiving import offer_in_picture
from ...service import UnlockedWallet
from ..card_words import CardView, card_view, needs_check
from ..deps import LangDep, UnlockedDep
from ..pages import kept, page

router = APIRouter(include_in_schema=False)


def card_views(wallet: UnlockedWallet, lang: str) -> tuple[list[CardView], bool]:
    """Every document in words, and whether their status should be checked again now."""
    details = [wallet.show(c.id, lang) for c in wallet.cards()]
    now = wallet.store.clock.now()
    return [card_view(d, lang, now) for d in details], needs_check(details, now)


def cards_page(
    request: Request,
    wallet: UnlockedWallet,
    lang: str,
    status: int = 200,
    error: WalletError | str | None = None,
    **form: str,
) -> Response:
    """The list of documents and the form to add one (``form``: the values to keep in it)."""
    cards, stale = card_views(wallet, lang)
    check_now = stale and request.method == "GET"  # a reload never posts a form again
    added = next((c for c in cards if c.id == request.query_params.get("added")), None)
    if added is not None:  # the new document first, highlighted, and said so
        cards = [added, *(c for c in cards if c is not added)]
    removed = request.query_params.get("removed") == "1"
    return page(
        request,
        "cards.html",
        status,
        error,
        cards=cards,
        check_now=check_now,
        form=form,
        added=added,
        removed=removed,
    )


@router.get("/")
def home(request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """The documents in the wallet (their status is checked in the background when stale)."""
    return cards_page(request, wallet, lang)


@router.post("/accept")
async def accept(request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """Add a document from an offer link or a photo of its QR code (a photo wins over a link:
    the link may be a stale one kept after an error); after an error the offer tried and the
    code stay in the form."""
    async with request.form() as form:  # closes uploaded files when done
        offer = form.get("offer")
        tx_code = form.get("tx_code")
        picture = form.get("picture")
        image = await picture.read() if isinstance(picture, UploadFile) else b""
    offer = offer.strip() if isinstance(offer, str) else ""
    tx_code = tx_code.strip() if isinstance(tx_code, str) else ""
    try:
        if image:  # a photo is always a fresh choice (the file input is empty on every page
            # load): it wins over a link kept in the box from an earlier error
            offer = await run_in_threadpool(offer_in_picture, image)
        if not offer:
            return cards_page(request, wallet, lang, 422, "nothing_given", tx_code=kept(tx_code))
        summary = await run_in_threadpool(wallet.accept, offer, tx_code or None)
    except WalletError as exc:
        values = {"offer": kept(offer), "tx_code": kept(tx_code)}
        return cards_page(request, wallet, lang, 422, exc, **values)
    return RedirectResponse(f"/?added={summary.id}#card-{summary.id}", status_code=303)


@router.get("/cards/{card_id}")
def card(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """One document: its data in words, its status, the ways to show it, its codes."""
    try:
        view = card_view(wallet.show(card_id, lang), lang, wallet.store.clock.now())
    except NoSuchDocument as exc:
        return cards_page(request, wallet, lang, 404, exc)
    return page(request, "card.html", card=view, title=view.name)


@router.get("/cards/{card_id}/remove")
def removal(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """Ask before removing a revoked document from the wallet (the history keeps its entries)."""
    try:
        view = card_view(wallet.show(card_id, lang), lang, wallet.store.clock.now())
    except NoSuchDocument as exc:
        return cards_page(request, wallet, lang, 404, exc)
    if view.status != "revoked":
        return page(request, "card.html", 409, "remove_not_revoked", card=view, title=view.name)
    return page(request, "remove.html", card=view, title=view.name)


@router.post("/cards/{card_id}/remove")
async def remove(card_id: str, request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """Remove a revoked document, once its confirmation page was answered ``confirm=yes``."""
    confirmed = (await request.form()).get("confirm") == "yes"
    try:
        view = card_view(wallet.show(card_id, lang), lang, wallet.store.clock.now())
    except NoSuchDocument as exc:
        return cards_page(request, wallet, lang, 404, exc)
    if view.status != "revoked":
        return page(request, "card.html", 409, "remove_not_revoked", card=view, title=view.name)
    if not confirmed:
        return page(request, "remove.html", 409, "confirm_remove", card=view, title=view.name)
    wallet.remove(view.id)
    return RedirectResponse("/?removed=1", status_code=303)
