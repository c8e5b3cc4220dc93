"""The page's templates and the one way a page is rendered (its words: :mod:`.words`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..errors import WalletError
from .error_words import say, wait_seconds
from .words import LANGS, preset_words, text

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
TEMPLATES.env.globals["preset_words"] = preset_words
#: ``?checked=`` (after a status check) as the note a page shows
CHECKED_NOTES = {"ok": "checked_ok", "offline": "checked_offline"}
#: the longest pasted text a page gives back into its form after an error
MAX_KEPT_CHARS = 4096


def lang_of(request: Request) -> str:
    """The page's language: the query, else the cookie, else Ukrainian."""
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "uk"
    return lang if lang in LANGS else "uk"


def kept(value: object) -> str:
    """A form value to give back after an error: text, without control characters, bounded."""
    if not isinstance(value, str):
        return ""
    cleaned = "".join(ch for ch in value if ch.isprintable() or ch in "\n\t")
    return cleaned[:MAX_KEPT_CHARS]


def page(
    request: Request,
    name: str,
    status: int = 200,
    error: WalletError | str | None = None,
    **context: Any,
) -> HTMLResponse:
    """Render a template in the request's language (and remember the language).

    ``error`` is a wallet error or an error key: the page shows its words (never its message).
    Every template has ``csrf_field``: put it in each ``<form method="post">`` (the web guard
    refuses a POST without it, ``/unlock`` included).
    """
    lang = lang_of(request)
    csrf = request.app.state.csrf
    words = text(lang)
    note = CHECKED_NOTES.get(request.query_params.get("checked", ""))
    context = {
        "lang": lang,
        "t": words,
        "unlocked": True,
        "title": words["title"],
        "note": note,
        **context,
    }
    context["error"] = say(error, lang) if error is not None else None
    context["csrf_field"] = csrf.field(request)
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
    response.set_cookie("lang", lang, samesite="strict")
    response.headers["Cache-Control"] = "no-store"
    csrf.set_cookie(request, response)
    return response


def unlock_page(request: Request, error: WalletError | str | None = None) -> HTMLResponse:
    """The PIN page (401 after a refused PIN)."""
    status = 401 if error is not None else 200
    title = text(lang_of(request))["unlock"]
    wait = wait_seconds(error)
    return page(request, "unlock.html", status, error, unlocked=False, title=title, wait=wait)
