"""The officer's pages: scan (photo or text, and what is being checked), and the verdict card.

``POST /check`` checks and answers with a redirect to ``/verdict/{id}``: a random id under which
the verdict is kept in memory for a few minutes (:mod:`..recent`), so the language links show
the same verdict again, and reloading the page never checks the code a second time.
"""

from __future__ import annotations

from typing import Final

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from ...card import card, question_words
from ...verdict import Question
from ..deps import LangDep, VerifierDep, question
from ..recent import RecentVerdicts
from ..views import page

router = APIRouter(include_in_schema=False)
#: what the scan page offers to check
QUESTIONS: Final = ("identity", "age:18", "age:21", "age:16", "any")
#: nothing of a verdict page is cached or sent on as a referrer
PRIVATE: Final = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}


def _recent(request: Request) -> RecentVerdicts:
    return request.app.state.recent  # type: ignore[no-any-return]


def _scan(request: Request, lang: str, notice: str | None = None) -> HTMLResponse:
    expect = request.cookies.get("expect")
    response = page(
        request,
        lang,
        "scan.html",
        questions=[(q, question_words(Question.parse(q), lang)) for q in QUESTIONS],
        expect=expect if expect in QUESTIONS else "any",
        notice=notice,
    )
    if notice:
        response.status_code = 404
    return response


@router.get("/")
def scan_page(request: Request, lang: LangDep) -> HTMLResponse:
    """Take or upload a photo, or paste the text; choose what is being checked."""
    return _scan(request, lang)


@router.post("/check")
async def check_page(request: Request, verifier: VerifierDep, lang: LangDep) -> RedirectResponse:
    """Check a photo or a pasted text for a question; see the verdict at ``/verdict/{id}``."""
    async with request.form() as form:
        text = str(form.get("payload") or "").strip()
        upload = form.get("image")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
        asked = question(str(form.get("expect") or ""))
    if text:
        verdict = verifier.check(text, question=asked, pasted=True)
    else:
        verdict = verifier.check_image(data, question=asked)
    key = _recent(request).keep(verdict)
    response = RedirectResponse(f"/verdict/{key}?lang={lang}", status_code=303)
    response.set_cookie("expect", asked.text, samesite="strict")
    return response


@router.get("/verdict/{key}")
def verdict_page(request: Request, key: str, verifier: VerifierDep, lang: LangDep) -> HTMLResponse:
    """The verdict card in ``lang``: headline, document, portrait, claims, every check."""
    verdict = _recent(request).get(key)
    if verdict is None:
        return _scan(request, lang, notice="gone")
    response = page(request, lang, "verdict.html", card=card(verdict, verifier.trust, lang))
    response.headers.update(PRIVATE)
    return response
