"""Live scanning: the officer page streams camera frames here; the server finds the QR code.

``POST /scan/frame`` takes one small JPEG (or PNG) frame from the page's camera. No code in it:
``{"verdict": null}``, and the page sends the next frame. A code: it is checked as ``POST /check``
would check it, and the answer is ``{"verdict": "/verdict/{id}?lang=.."}``, the page to show.

Bounded: a frame over ``max_frame_bytes`` is refused while it streams (413); of the rest, at
most ``frames_per_second`` are opened in a second of the verifier's clock, all pages together
(429 with ``Retry-After``: the page waits); one over ``max_frame_pixels`` is refused before its
pixels are decoded (413).
It is a page route: the page's CSRF token (``X-CSRF-Token``) and same-origin rule apply.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from crypto import Clock
from posvid.common.errors import ImageTooLarge, RequestInvalid, RequestTooLarge, UnreadableImage
from posvid.common.qr_scan import ZxingDecoder, load_image, scan_image
from posvid.common.rate_limit import RateLimiter

from ..deps import LangDep, VerifierDep, question
from ..problems import problem

router = APIRouter(include_in_schema=False)


def frame_gate(clock: Clock, per_second: int) -> RateLimiter:
    """At most ``per_second`` frames a second of the verifier's clock, all pages together."""
    return RateLimiter(clock, per_minute=per_second * 60, burst=per_second)


async def _frame_bytes(request: Request, limit: int) -> bytes:
    """The body, read no further than ``limit`` bytes (413 past it, declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise RequestTooLarge(f"a frame is at most {limit} bytes")
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise RequestTooLarge(f"a frame is at most {limit} bytes")
    return bytes(data)


@router.post("/scan/frame")
async def scan_frame(
    request: Request, verifier: VerifierDep, lang: LangDep, expect: str | None = None
) -> Response:
    """One camera frame: the verdict page's address when it holds a QR code, else null."""
    settings = verifier.settings
    data = await _frame_bytes(request, settings.max_frame_bytes)
    gate: RateLimiter = request.app.state.frames
    wait = gate.admit("frames")
    if wait:
        too_fast = problem(429, "too_many_frames", "Too many frames", "send fewer frames")
        too_fast.headers["Retry-After"] = str(wait)
        return too_fast
    try:
        image = load_image(
            data, max_bytes=settings.max_frame_bytes, max_pixels=settings.max_frame_pixels
        )
    except ImageTooLarge as exc:
        raise RequestTooLarge(exc.message) from None
    except UnreadableImage as exc:
        raise RequestInvalid(exc.message) from None
    found = await run_in_threadpool(scan_image, image, decoders=[ZxingDecoder()])
    if not found.found:
        return JSONResponse({"verdict": None})
    asked = question(expect)
    key = request.app.state.recent.keep(verifier.check(found.payloads[0], question=asked))
    response = JSONResponse({"verdict": f"/verdict/{key}?lang={lang}"})
    response.set_cookie("expect", asked.text, samesite="strict")
    return response
