"""The officer's pages: templates and the words they show (``word(key)`` in the page's language)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..i18n import LANGUAGES, word

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))


def page(request: Request, lang: str, name: str, **context: Any) -> HTMLResponse:
    """Render template ``name`` in ``lang``, and remember the language in a cookie.

    Every template has ``csrf_field``: put it in each ``<form method="post">`` (the web guard
    refuses a page's POST without it); a script sends ``csrf_token`` as ``X-CSRF-Token``.
    """
    csrf = request.app.state.csrf
    response = TEMPLATES.TemplateResponse(
        request,
        name,
        {
            "lang": lang,
            "langs": LANGUAGES,
            "word": partial(word, lang=lang),
            "csrf_field": csrf.field(request),
            "csrf_token": csrf.token(request),
            **context,
        },
    )
    response.set_cookie("lang", lang, samesite="strict")
    csrf.set_cookie(request, response)
    return response
