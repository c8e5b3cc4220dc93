"""The documents' status at their issuers: checked on demand, and by the list in the background.

``POST /status`` checks every document and goes back to the list with a note (checked, or the
issuer could not be reached). With ``auto`` (the list's own script, when a status is unknown or
stale) each fetch has a short timeout and the answer is ``{"changed": ...}``: the list reloads
only when a status changed, so an offline wallet still opens at once.
"""

from __future__ import annotations

import re

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..deps import UnlockedDep

router = APIRouter(include_in_schema=False)
#: where the button may send the holder back to: the list, or one document
BACK = re.compile(r"/(cards/[0-9a-f-]{1,36})?")
#: seconds each status list fetch may take: the background check, the button
AUTO_TIMEOUT = 3.0
ASKED_TIMEOUT = 10.0


@router.post("/status")
async def status(request: Request, wallet: UnlockedDep) -> Response:
    """Check every document's status now."""
    form = await request.form()
    auto = form.get("auto") == "1"
    before = {c.id: c.status for c in wallet.cards()}
    results = await run_in_threadpool(
        wallet.status, timeout=AUTO_TIMEOUT if auto else ASKED_TIMEOUT
    )
    if auto:
        changed = any(before.get(r.id) != r.status for r in results if r.status != "unknown")
        return JSONResponse({"changed": changed}, headers={"Cache-Control": "no-store"})
    note = "offline" if any(r.status == "unknown" for r in results) else "ok"
    back = form.get("back")
    if not isinstance(back, str) or not BACK.fullmatch(back):
        back = "/"
    return RedirectResponse(f"{back}?checked={note}", status_code=303)
