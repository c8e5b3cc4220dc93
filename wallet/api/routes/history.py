"""The history of presentations: the holder's record alone."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from ..deps import UnlockedDep
from ..pages import page

router = APIRouter(include_in_schema=False)


@router.get("/history")
def history(request: Request, wallet: UnlockedDep) -> Response:
    """Every presentation, newest first."""
    return page(request, "history.html", history=wallet.history())
