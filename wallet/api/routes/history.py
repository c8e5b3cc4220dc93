"""The history of presentations: the holder's record alone, in words and local time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from posvid.common.wording import time_words

from ...errors import WalletError
from ..card_words import shown_words
from ..deps import LangDep, UnlockedDep
from ..pages import page

router = APIRouter(include_in_schema=False)


@router.get("/history")
def history(request: Request, wallet: UnlockedDep, lang: LangDep) -> Response:
    """Every presentation, newest first: when, which document, what it showed, in words."""
    items = wallet.history()
    known: dict[str, tuple[str, dict[str, str]]] = {}
    for card_id in {item.card_id for item in items}:
        try:
            details = wallet.show(card_id, lang)
        except WalletError:  # the document was removed since: Posvid's own labels
            known[card_id] = ("", {})
            continue
        known[card_id] = (details.name(lang), {c.name: c.label for c in details.claims})
    rows = [
        {
            "when": time_words(item.at, lang),
            "name": known[item.card_id][0],
            "what": shown_words(item.claims, known[item.card_id][1], lang),
            "audience": item.audience,
        }
        for item in items
    ]
    return page(request, "history.html", history=rows)
