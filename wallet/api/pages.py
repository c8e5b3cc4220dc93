"""The page's words (uk/en), its templates and the one way a page is rendered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
TEXT = {
    "uk": {"documents": "Документи", "history": "Історія", "unlock": "Відкрити гаманець",
           "open": "Відкрити", "status": "Стан", "until": "до", "unused": "невикористаних",
           "empty": "Документів ще немає.", "add": "Додати документ",
           "offer": "Посилання пропозиції", "picture": "або фото QR-коду",
           "tx_code": "Код від працівника", "show": "Показати", "border": "Для кордону",
           "age18": "Мені 18+", "full": "Усі дані", "discloses": "Розкриває",
           "refresh": "Оновити", "offline": "офлайн QR", "none": "Ще нічого не показано.",
           "valid": "дійсний", "revoked": "ВІДКЛИКАНО", "suspended": "ПРИЗУПИНЕНО",
           "unknown": "не перевірено"},
    "en": {"documents": "Documents", "history": "History", "unlock": "Unlock the wallet",
           "open": "Open", "status": "Status", "until": "until", "unused": "unused",
           "empty": "No documents yet.", "add": "Add a document", "offer": "Offer link",
           "picture": "or a photo of its QR code", "tx_code": "Code from the clerk",
           "show": "Show", "border": "For the border", "age18": "I am 18+", "full": "Everything",
           "discloses": "Discloses", "refresh": "Refresh", "offline": "offline QR",
           "none": "Nothing shown yet.", "valid": "valid", "revoked": "REVOKED",
           "suspended": "SUSPENDED", "unknown": "not checked"},
}  # fmt: skip
AGE_WORDS = {"uk": "{age} років або більше", "en": "aged {age} or over"}


def claim_words(paths: tuple[str, ...] | list[str], labels: dict[str, str], lang: str) -> list[str]:
    """What a presentation discloses, in words: the issuer's labels, ages as phrases."""
    words = []
    for path in paths:
        head, _, rest = path.partition(".")
        if head == "age_equal_or_over" and rest.isdigit():
            words.append(AGE_WORDS[lang].format(age=rest))
        else:
            words.append(labels.get(path, path.replace("_", " ")))
    return words


def lang_of(request: Request) -> str:
    """The page's language: the query, else the cookie, else Ukrainian."""
    lang = request.query_params.get("lang") or request.cookies.get("lang") or "uk"
    return lang if lang in TEXT else "uk"


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template in the request's language (and remember the language).

    Every template has ``csrf_field``: put it in each ``<form method="post">`` (the web guard
    refuses a POST without it, ``/unlock`` included).
    """
    lang = lang_of(request)
    csrf = request.app.state.csrf
    context = {"lang": lang, "t": TEXT[lang], "error": None, "unlocked": True, **context}
    context["csrf_field"] = csrf.field(request)
    response = TEMPLATES.TemplateResponse(request, name, context, status_code=status)
    response.set_cookie("lang", lang, samesite="strict")
    csrf.set_cookie(request, response)
    return response


def unlock_page(request: Request, error: str | None = None) -> HTMLResponse:
    """The PIN page (401 after a refused PIN)."""
    return page(request, "unlock.html", 401 if error else 200, unlocked=False, error=error)
