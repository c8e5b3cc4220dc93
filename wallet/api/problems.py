"""Errors as pages: a locked session shows the PIN page; a wallet error, the page it came from."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse

from .pages import unlock_page


class Locked(Exception):
    """The request has no open session: the PIN is needed first."""


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    @app.exception_handler(Locked)
    async def _locked(request: Request, exc: Locked) -> HTMLResponse:
        return unlock_page(request)
