"""The officer's web page and ``POST /api/verify``: everything served from here, works offline."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field

from posvid.common.vocabulary import VERSION

from ..i18n import CHECK_NAMES, LANGUAGES, VERDICTS, WORDS
from ..service import Verifier
from ..verdict import Verdict

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
MAX_IMAGE = 20 * 1024 * 1024


class VerifyText(BaseModel):
    """A scanned payload as text (``PV1:...`` or a compact SD-JWT)."""

    payload: str = Field(max_length=64 * 1024)
    offline: bool = False


def _shown(name: str, value: Any) -> str:
    """A claim value as an officer reads it: ``18+ ✔`` for age predicates, ``a: b`` for objects."""
    if name == "age_equal_or_over" and isinstance(value, dict):
        return ", ".join(f"{age}+ {'✔' if ok else '✖'}" for age, ok in sorted(value.items()))
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_shown(k, v)}" for k, v in value.items())
    if isinstance(value, list):
        return "; ".join(_shown(name, v) for v in value)
    return str(value)


def create_app(verifier: Verifier) -> FastAPI:
    app = FastAPI(
        title="Posvid verifier",
        version=VERSION,
        description="Verify Posvid presentations. Every check is listed in the verdict.",
    )

    def render(verdict: Verdict) -> dict[str, Any]:
        return verdict.to_json()

    @app.post("/api/verify", tags=["verify"])
    async def api_verify(request: Request) -> JSONResponse:
        """JSON ``{"payload", "offline"}`` or a multipart ``image``: the verdict, every check."""
        if int(request.headers.get("content-length") or 0) > MAX_IMAGE:
            return JSONResponse(
                {
                    "type": "about:blank",
                    "title": "Too large",
                    "status": 413,
                    "code": "request_too_large",
                },
                status_code=413,
                media_type="application/problem+json",
            )
        content_type = request.headers.get("content-type", "")
        if content_type.startswith("multipart/form-data"):
            async with request.form() as form:
                upload = form.get("image")
                if not isinstance(upload, UploadFile) and not hasattr(upload, "read"):
                    return JSONResponse(
                        {"title": "Send an image field", "status": 422, "code": "request_invalid"},
                        status_code=422,
                        media_type="application/problem+json",
                    )
                data = await upload.read()  # type: ignore[union-attr]
                offline = str(form.get("offline", "")).lower() in ("1", "true", "on")
            return JSONResponse(render(verifier.check_image(data, offline=offline)))
        try:
            body = VerifyText.model_validate_json(await request.body())
        except ValueError as exc:
            return JSONResponse(
                {
                    "title": 'Send {"payload": ...}',
                    "status": 422,
                    "code": "request_invalid",
                    "detail": str(exc)[:300],
                },
                status_code=422,
                media_type="application/problem+json",
            )
        return JSONResponse(render(verifier.check(body.payload, offline=body.offline)))

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang") or "en"
        return lang if lang in LANGUAGES else "en"

    def page(request: Request, name: str, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        response = TEMPLATES.TemplateResponse(
            request,
            name,
            {
                "lang": lang,
                "langs": LANGUAGES,
                "verdicts": VERDICTS,
                "checks": CHECK_NAMES,
                "words": WORDS,
                **context,
            },
        )
        response.set_cookie("lang", lang, samesite="strict")
        return response

    @app.get("/", include_in_schema=False)
    def scan_page(request: Request) -> HTMLResponse:
        return page(request, "scan.html")

    @app.post("/check", include_in_schema=False)
    async def check_page(request: Request) -> HTMLResponse:
        async with request.form() as form:
            text = str(form.get("payload") or "").strip()
            upload = form.get("image")
            data = await upload.read() if upload is not None and hasattr(upload, "read") else b""
        verdict = verifier.check(text) if text else verifier.check_image(data)
        lang = lang_of(request)
        labels = verifier.trust.labels(verdict.issuer or "", verdict.vct or "", lang)
        portrait = verdict.claims.get("portrait")
        claims = [
            (labels.get(k, k), _shown(k, v)) for k, v in verdict.claims.items() if k != "portrait"
        ]
        as_of = (
            dt.datetime.fromtimestamp(verdict.status_as_of, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
            if verdict.status_as_of
            else None
        )
        return page(
            request, "verdict.html", verdict=verdict, claims=claims, portrait=portrait, as_of=as_of
        )

    @app.get("/trust", include_in_schema=False)
    def trust_page(request: Request) -> HTMLResponse:
        ages = verifier.status_ages()
        now = dt.datetime.now(dt.UTC).timestamp()
        issuers = []
        for record in verifier.trust.records():
            entry = verifier.trust.describe(record)
            entry["lists"] = [
                (u, int((now - ages[u]) // 60) if u in ages else None) for u in record.status_lists
            ]
            issuers.append(entry)
        return page(request, "trust.html", issuers=issuers)

    return app
