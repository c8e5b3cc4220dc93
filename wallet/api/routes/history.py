"""The history of presentations: the holder's record alone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ...errors import WalletError
from ..deps import LangDep, UnlockedDep
from ..pages import claim_words, page
from .cards import labels_of

router = APIRouter(include_in_schema=False)


@router.get("/history")
def history(request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """Every presentation, newest first, what it disclosed in words."""
    items = wallet.history()
    labels: dict[str, dict[str, str]] = {}
    for card_id in {item.card_id for item in items}:
        try:
            labels[card_id] = labels_of(wallet, card_id, lang)
        except WalletError:  # the document was removed since: its claims keep their names
            labels[card_id] = {}
    words = [claim_words(item.claims, labels[item.card_id], lang) for item in items]
    return page(request, "history.html", history=list(zip(items, words, strict=True)))
