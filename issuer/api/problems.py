"""Errors as HTTP responses: RFC 9457 problem details, OAuth errors on protocol endpoints."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from posvid.common import web_guard
from posvid.common.errors import CsrfInvalid, PosvidError, RequestInvalid
from posvid.common.rate_limit import TooManyRequests

from ..errors import InvalidDocument, InvalidToken, IssuerError, OAuthError

PROBLEM = "application/problem+json"
TYPE_BASE = "https://posvid.example/problems/"


def problem(
    status: int, code: str, title: str, detail: str | None = None, **extra: object
) -> JSONResponse:
    """An ``application/problem+json`` response."""
    body: dict[str, object] = {
        "type": TYPE_BASE + code,
        "title": title,
        "status": status,
        "code": code,
    }
    if detail:
        body["detail"] = detail
    body.update(extra)
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def field_errors(exc: InvalidDocument) -> list[dict[str, str]]:
    """Every problem of a form checked at once: ``field``, ``reason`` (a stable key), ``detail``."""
    return [
        {"field": p.field or "", "reason": p.reason, "detail": p.message}
        for p in exc.problems or (exc,)
    ]


def answer(exc: PosvidError) -> JSONResponse:
    """A refusal of the web guard (host, origin, CSRF, body size) as its problem response."""
    title = (type(exc).__doc__ or exc.code).strip().splitlines()[0]
    return problem(web_guard.STATUS[type(exc)], exc.code, title, exc.message)


def oauth_description(text: str) -> str:
    """``text`` in the characters an OAuth ``error_description`` may hold (RFC 6749 §5.2,
    OpenID4VCI 1.0 §8.3.1.2: printable ASCII but ``"`` and ``\\``)."""
    text = text.replace('"', "'").replace("\\", "/")
    return "".join(c if " " <= c <= "~" else "?" for c in text)


def on_clerk_page(request: Request) -> bool:
    """Whether the request is for the clerk's pages, which answer people, not programs."""
    return request.url.path == "/clerk" or request.url.path.startswith("/clerk/")


def clerk_message(request: Request, status: int, refusal: str) -> Response:
    """A clerk page saying only what went wrong."""
    from .routes.clerk import message_page

    return message_page(request, request.app.state.service, status, refusal)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(CsrfInvalid)
    async def _csrf(request: Request, exc: CsrfInvalid) -> Response:
        if on_clerk_page(request):  # past Host and Origin: the clerk's own page, gone stale
            return clerk_message(request, 403, "page_stale")
        return answer(exc)

    @app.exception_handler(TooManyRequests)
    async def _too_many(request: Request, exc: TooManyRequests) -> JSONResponse:
        response = problem(429, exc.code, "Too many requests", exc.message)
        response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(OAuthError)
    async def _oauth(request: Request, exc: OAuthError) -> JSONResponse:
        headers = {"Cache-Control": "no-store"}
        if isinstance(exc, InvalidToken):
            headers["WWW-Authenticate"] = f'Bearer error="{exc.code}"'
        return JSONResponse(
            {"error": exc.code, "error_description": oauth_description(exc.message)},
            status_code=exc.status,
            headers=headers,
        )

    @app.exception_handler(IssuerError)
    async def _issuer(request: Request, exc: IssuerError) -> JSONResponse:
        extra: dict[str, object] = {"field": exc.field} if exc.field else {}
        if isinstance(exc, InvalidDocument):
            extra["errors"] = field_errors(exc)
        title = (type(exc).__doc__ or exc.code).strip().splitlines()[0]
        return problem(exc.status, exc.code, title, exc.message, **extra)

    @app.exception_handler(HTTPException)
    async def _http(request: Request, exc: HTTPException) -> Response:
        if on_clerk_page(request):  # a person reads it: a page in words
            refusal = "page_missing" if exc.status_code in (404, 405) else "form_unreadable"
            return clerk_message(request, exc.status_code, refusal)
        # Starlette's own refusals (a body that is not JSON, 404, 405) as problems too
        response = problem(exc.status_code, f"http_{exc.status_code}", str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        # the last resort (the error is logged all the same): a clerk sees a page, never a trace
        if on_clerk_page(request):
            return clerk_message(request, 500, "failed")
        return problem(500, "internal_error", "The server failed to answer")

    @app.exception_handler(RequestValidationError)
    async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        return problem(
            422, RequestInvalid.code, "The request does not have the expected shape", errors=errors
        )
