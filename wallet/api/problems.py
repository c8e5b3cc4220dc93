"""Errors as pages: a locked session shows the PIN page; a wallet error, the page it came from;
an unknown address a page that says so in the page's language.

The web guard's refusals (a foreign ``Host`` or ``Origin``, a body over the limit) are RFC 9457
problem documents: no page of the wallet is shown to a request that did not come from it. A form
of this page whose CSRF token no longer holds (opened before a restart) gets a page in words.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException

from posvid.common import web_guard
from posvid.common.errors import CsrfInvalid, PosvidError

from .pages import page, unlock_page


class Locked(Exception):
    """The request has no open session: the PIN is needed first."""


def answer(exc: PosvidError) -> JSONResponse:
    """A refusal of the web guard as its problem document."""
    status = web_guard.STATUS[type(exc)]
    title = (type(exc).__doc__ or exc.code).strip().splitlines()[0]
    body = {"type": "about:blank", "title": title, "status": status, "code": exc.code}
    body["detail"] = exc.message
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(Locked)
    async def _locked(request: Request, exc: Locked) -> HTMLResponse:
        return unlock_page(request)

    async def _refused(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PosvidError)  # noqa: S101 - registered for these classes only
        return answer(exc)

    @app.exception_handler(HTTPException)
    async def _no_such_page(request: Request, exc: HTTPException) -> HTMLResponse:
        # an unknown address or method: a page in words with the way back, not Starlette's JSON
        return page(request, "message.html", exc.status_code, "page_unknown", unlocked=False)

    @app.exception_handler(CsrfInvalid)
    async def _stale(request: Request, exc: CsrfInvalid) -> HTMLResponse:
        # the request passed the Host and Origin checks: it is this page's own, opened before a
        # restart (a new CSRF secret) or with its cookie gone; say so, never act on it
        return page(request, "message.html", 403, "page_stale", unlocked=False)

    for error in web_guard.STATUS:
        if error is not CsrfInvalid:
            app.add_exception_handler(error, _refused)
