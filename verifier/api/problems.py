"""Errors as HTTP responses: RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from posvid.common import web_guard
from posvid.common.errors import PosvidError, RequestInvalid

PROBLEM = "application/problem+json"
TYPE_BASE = "https://posvid.example/problems/"
#: the HTTP status of each request problem the API raises, and of each refusal of the web guard
STATUS: dict[type[PosvidError], int] = {RequestInvalid: 422, **web_guard.STATUS}


def problem(status: int, code: str, title: str, detail: str | None = None) -> JSONResponse:
    """An ``application/problem+json`` response."""
    body = {"type": TYPE_BASE + code, "title": title, "status": status, "code": code}
    if detail:
        body["detail"] = detail
    return JSONResponse(body, status_code=status, media_type=PROBLEM)


def answer(exc: PosvidError) -> JSONResponse:
    """A request problem or a refusal as its problem response (the title: the class's words)."""
    title = (type(exc).__doc__ or exc.code).strip().splitlines()[0]
    return problem(STATUS[type(exc)], exc.code, title, exc.message)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``: each request problem with its status."""

    async def request_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, PosvidError)  # noqa: S101 - registered for these classes only
        return answer(exc)

    async def http_problem(request: Request, exc: Exception) -> JSONResponse:
        # Starlette's own refusals (a body that is no form, 404, 405) as problems too
        assert isinstance(exc, HTTPException)  # noqa: S101 - registered for it only
        response = problem(exc.status_code, f"http_{exc.status_code}", str(exc.detail))
        response.headers.update(exc.headers or {})
        return response

    for error in STATUS:
        app.add_exception_handler(error, request_problem)
    app.add_exception_handler(HTTPException, http_problem)
