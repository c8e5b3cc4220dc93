"""Unlocking: the PIN opens a page session; the lock button ends it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ...errors import WalletError
from ..deps import SessionsDep, WalletDep
from ..pages import unlock_page
from ..sessions import COOKIE

router = APIRouter(include_in_schema=False)


@router.post("/unlock")
async def unlock(request: Request, wallet: WalletDep, sessions: SessionsDep) -> Response:
    """Open the wallet with the PIN; a session cookie for this browser. A refused PIN says, in
    the page's language, how many tries are left before a wait, or how long to wait."""
    pin = (await request.form()).get("pin")
    if not isinstance(pin, str) or not pin:
        return unlock_page(request, "pin_missing")
    try:
        # the PIN's key derivation is slow on purpose: off the event loop, so the page stays live
        key = sessions.start(await run_in_threadpool(wallet.unlock, pin))
    except WalletError as exc:
        return unlock_page(request, exc)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, key, httponly=True, samesite="strict")
    return response


@router.post("/lock")
async def lock(request: Request, sessions: SessionsDep) -> Response:
    """End this browser's session now: back to the PIN page."""
    sessions.end(request.cookies.get(COOKIE, ""))
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE, httponly=True, samesite="strict")
    return response
