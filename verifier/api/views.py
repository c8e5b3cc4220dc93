"""The officer's pages: templates, the words they show, and how values are written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..i18n import CHECK_NAMES, LANGUAGES, VERDICTS, WORDS

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
            "verdicts": VERDICTS,
            "checks": CHECK_NAMES,
            "words": WORDS,
            "csrf_field": csrf.field(request),
            "csrf_token": csrf.token(request),
            **context,
        },
    )
    response.set_cookie("lang", lang, samesite="strict")
    csrf.set_cookie(request, response)
    return response


def shown(name: str, value: Any) -> str:
    """A claim value as an officer reads it: ``18+ ✔`` for age predicates, ``a: b`` for objects."""
    if name == "age_equal_or_over" and isinstance(value, dict):
        return ", ".join(f"{age}+ {'✔' if ok else '✖'}" for age, ok in sorted(value.items()))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(shown(name, v) for v in value)
    return str(value)


def utc_minute(timestamp: float | None) -> str | None:
    """``2025-05-01 12:34 UTC`` for a timestamp (None for None)."""
    if not timestamp:
        return None
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
