"""How a clerk page is rendered: its language, its title, what the last action did, no caching.

The language is the query's ``?lang=``, else the ``lang`` cookie, else Ukrainian; a page
remembers it in the cookie. What an action did (``clerk_words.DONE``) travels to the page after
its redirect in a short-lived cookie and is shown once. Every page carries the CSRF field and is
``no-store``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Final
from urllib.parse import quote

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

from posvid.common import wording

from ..catalogue.types import DOCUMENT_TYPES
from ..revocation import STATUS_NAMES
from ..storage.models import Document, Person
from .clerk_words import DONE, LANGUAGES, SHORT_TYPE_NAMES, STATUS_WORDS, TEXT, words

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
SESSION_COOKIE: Final = "posvid_clerk"
LANG_COOKIE: Final = "lang"
DONE_COOKIE: Final = "posvid_clerk_done"
PATH: Final = "/clerk"


def lang_of(request: Request) -> str:
    """The page's language: the query, else the cookie, else Ukrainian."""
    lang = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE) or "uk"
    return lang if lang in LANGUAGES else "uk"


def render(
    request: Request,
    service: Any,
    name: str,
    *,
    title: str,
    here: str = PATH,
    status: int = 200,
    signed_in: bool = True,
    **context: Any,
) -> HTMLResponse:
    """Template ``name`` in the request's language; ``here`` is the page's own address (GET),
    where the language switch leads."""
    lang = lang_of(request)
    done = request.cookies.get(DONE_COOKIE, "")
    csrf = request.app.state.csrf
    values = {
        "lang": lang,
        "t": {key: entry[lang] for key, entry in TEXT.items()},
        "title": title,
        "here": here,
        "other_lang": "en" if lang == "uk" else "uk",
        "issuer_name": service.settings.display_names[lang],
        "signed_in": signed_in,
        "csrf_field": csrf.field(request),
        "done": words(DONE, done, lang) if done in DONE else None,
        "summary": [],
        "error": None,
        **context,
    }
    response = TEMPLATES.TemplateResponse(
        request, name, values, status_code=status, headers={"Cache-Control": "no-store"}
    )
    response.set_cookie(LANG_COOKIE, lang, path=PATH, samesite="strict")
    if done:
        response.delete_cookie(DONE_COOKIE, path=PATH)
    csrf.set_cookie(request, response)
    return response


def redirect(url: str, done: str | None = None) -> RedirectResponse:
    """To ``url`` after an action (303), which the next page confirms with ``DONE[done]``."""
    response = RedirectResponse(url, status_code=303)
    if done:
        response.set_cookie(DONE_COOKIE, done, path=PATH, httponly=True, samesite="strict")
    return response


def with_query(path: str, **query: str) -> str:
    """``path`` with a query string."""
    pairs = "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items() if v)
    return f"{path}?{pairs}" if pairs else path


def full_name(person: Person) -> str:
    return " ".join(p for p in (person.family_name, person.given_name, person.patronymic) if p)


def type_name(doc_type: str, lang: str) -> str:
    kind = DOCUMENT_TYPES.get(doc_type)
    if kind is None:
        return doc_type
    return kind.names[0] if lang == "uk" else kind.names[1]


def type_choices(lang: str) -> list[tuple[str, str]]:
    """The document types for the type list, by their short names."""
    return [
        (
            key,
            words(SHORT_TYPE_NAMES, key, lang) if key in SHORT_TYPE_NAMES else type_name(key, lang),
        )
        for key in DOCUMENT_TYPES
    ]


def day(value: dt.date | None, lang: str) -> str | None:
    return wording.date_words(value, lang) if value else None


def person_view(person: Person, lang: str) -> dict[str, Any]:
    """What the person page says about a person, in words: rows of (label, value, whole), a
    ``whole`` value (a number, a date) never broken across lines."""
    rows = [
        (wording.claim_label("birth_date", lang), day(person.birth_date, lang), True),
        (wording.claim_label("sex", lang), (wording.value_word(person.sex, lang) or "—"), True),
        (wording.claim_label("birth_place", lang), person.birth_place, False),
        (wording.claim_label("tax_number", lang), person.tax_number, True),
        (wording.claim_label("record_number", lang), person.record_number, True),
    ]
    return {
        "id": person.id,
        "name": full_name(person),
        "latin": f"{person.family_name_latin} {person.given_name_latin}",
        "rows": [row for row in rows if row[1]],
        "birth": day(person.birth_date, lang),
    }


#: what a document card shows above its details (number, issue, validity): not again in them
_ABOVE: Final = frozenset(
    {
        "document_number",
        "certificate_number",
        "tax_number",
        "series",
        "issue_date",
        "registration_date",
        "expiry_date",
        "valid_until",
    }
)
_ADDRESS: Final = ("region", "community", "settlement")


def _detail_rows(document: Document, lang: str) -> list[wording.Row]:
    """A document's own data in the catalogue's order; an address as a row for each part
    (region, community, settlement), so ``Львівська`` twice reads as what each is."""
    kind = DOCUMENT_TYPES.get(document.doc_type)
    order = kind.document_claims if kind else ()
    labels = wording.default_labels(lang)
    fields = {k: v for k, v in document.fields.items() if k not in _ABOVE}
    rank = {name: i for i, name in enumerate(order)}
    rows: list[wording.Row] = []
    for name in sorted(fields, key=lambda n: (rank.get(n, len(rank)), n)):
        value = fields[name]
        if isinstance(value, dict) and value and set(value) <= set(_ADDRESS):
            rows.append(wording.Row(labels(name), ""))
            rows += [wording.Row(labels(k), str(value[k]), 1) for k in _ADDRESS if value.get(k)]
        else:
            rows += wording.claim_rows({name: value}, lang, labels)
    return rows


def _has_paper(doc_type: str) -> bool:
    """Whether documents of this type have a paper credential (identity documents)."""
    kind = DOCUMENT_TYPES.get(doc_type)
    return kind is not None and any(not c.holder_bound for c in kind.configurations)


def document_view(document: Document, lang: str, today: dt.date) -> dict[str, Any]:
    """What the person page says about a document, in words."""
    status = STATUS_NAMES.get(document.status, "valid")
    expired = document.expiry_date is not None and document.expiry_date < today
    registered = document.doc_type == "idp-certificate"
    return {
        "id": document.id,
        "type": type_name(document.doc_type, lang),
        "number": document.number,
        "status": status,
        "status_words": words(STATUS_WORDS, status, lang),
        "issued_label": (
            wording.claim_label("registration_date", lang) if registered else TEXT["issued"][lang]
        ),
        "issued": day(document.issue_date, lang),
        "expires": day(document.expiry_date, lang),
        "expired": expired,
        "details": _detail_rows(document, lang),
        #: an identity document: the clerk may print its paper credential (issuer/paper.py)
        "paper": _has_paper(document.doc_type),
    }
