"""The history of presentations: the holder's record alone, in words and local time."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from posvid.common.wording import time_words

from ...errors import WalletError
from ..card_words import shown_words
from ..deps import LangDep, UnlockedDep
from ..pages import page
from ..words import text

router = APIRouter(include_in_schema=False)


def _shown_for(purpose: str, claims: tuple[str, ...], lang: str) -> str:
    """What a showing was for, in words: for the border, an age check (18+), all data..."""
    words = text(lang)
    if purpose == "age":
        ages = sorted(int(a) for c in claims if (a := c.partition(".")[2]).isdigit())
        return words["for_age"].format(ages=", ".join(f"{a}+" for a in ages))
    return words["to_verifier" if purpose == "request" else f"for_{purpose}"]


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
            "for": _shown_for(wallet.shown_for(item), item.claims, lang),
        }
        for item in items
    ]
    return page(request, "history.html", history=rows)
