"""The officer's pages: scan (photo or text), and the verdict card."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.datastructures import UploadFile

from ..deps import LangDep, VerifierDep
from ..views import page, shown, utc_minute

router = APIRouter(include_in_schema=False)


@router.get("/")
def scan_page(request: Request, lang: LangDep) -> HTMLResponse:
    """Take or upload a photo, or paste the text."""
    return page(request, lang, "scan.html")


@router.post("/check")
async def check_page(request: Request, verifier: VerifierDep, lang: LangDep) -> HTMLResponse:
    """The verdict card: colour, words, the claims with the issuer's labels, every check."""
    async with request.form() as form:
        text = str(form.get("payload") or "").strip()
        upload = form.get("image")
        data = await upload.read() if isinstance(upload, UploadFile) else b""
    verdict = verifier.check(text) if text else verifier.check_image(data)
    labels = verifier.trust.labels(verdict.issuer or "", verdict.vct or "", lang)
    claims = [(labels.get(k, k), shown(k, v)) for k, v in verdict.claims.items() if k != "portrait"]
    return page(
        request,
        lang,
        "verdict.html",
        verdict=verdict,
        claims=claims,
        portrait=verdict.claims.get("portrait"),
        as_of=utc_minute(verdict.status_as_of),
    )
