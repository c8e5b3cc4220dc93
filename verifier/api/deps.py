"""Request dependencies: the verifier, the officer's language, the body size bound."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from posvid.common.errors import RequestInvalid, RequestTooLarge

from ..errors import QuestionInvalid
from ..i18n import DEFAULT_LANGUAGE, LANGUAGES
from ..service import Verifier
from ..verdict import Question


def get_verifier(request: Request) -> Verifier:
    return request.app.state.verifier  # type: ignore[no-any-return]


VerifierDep = Annotated[Verifier, Depends(get_verifier)]


def language(request: Request) -> str:
    """``?lang=``, else the ``lang`` cookie, else the default; one of :data:`LANGUAGES`."""
    lang = request.query_params.get("lang") or request.cookies.get("lang") or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


LangDep = Annotated[str, Depends(language)]


def bounded_body(request: Request, verifier: VerifierDep) -> None:
    """Refuse a body declared over ``max_image_bytes`` before reading it (413)."""
    declared = request.headers.get("content-length") or "0"
    limit = verifier.settings.max_image_bytes
    if not declared.isdigit() or int(declared) > limit:
        raise RequestTooLarge(f"the limit is {limit} bytes")


def question(text: str | None) -> Question:
    """What is being checked: ``identity``, ``age:N`` or ``any`` (none given: any); another
    is a 422 problem."""
    try:
        return Question.parse(text or "any")
    except QuestionInvalid as exc:
        raise RequestInvalid(exc.message) from None
