"""The wallet's local web page: unlock, documents, accept an offer, present, history (uk/en).

Served on loopback only; the unlocked wallet lives in memory behind a random session
cookie (``SameSite=Strict``, ``HttpOnly``) and locks again after 10 idle minutes.
"""

from __future__ import annotations

import base64
import secrets
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from ..errors import WalletError
from ..service import QR_LIFETIME, UnlockedWallet, Wallet

TEMPLATES = Jinja2Templates(directory=str(Path(__file__).resolve().parents[1] / "templates"))
IDLE = 600
TEXT = {
    "uk": {"documents": "Документи", "history": "Історія", "unlock": "Відкрити гаманець",
           "open": "Відкрити", "status": "Стан", "until": "до", "unused": "невикористаних",
           "empty": "Документів ще немає.", "add": "Додати документ",
           "offer": "Посилання пропозиції", "picture": "або фото QR-коду",
           "tx_code": "Код від працівника", "show": "Показати", "border": "Для кордону",
           "age18": "Мені 18+", "full": "Усі дані", "discloses": "Розкриває",
           "refresh": "Оновити", "offline": "офлайн QR", "none": "Ще нічого не показано.",
           "valid": "дійсний", "revoked": "ВІДКЛИКАНО", "suspended": "ПРИЗУПИНЕНО",
           "unknown": "не перевірено"},
    "en": {"documents": "Documents", "history": "History", "unlock": "Unlock the wallet",
           "open": "Open", "status": "Status", "until": "until", "unused": "unused",
           "empty": "No documents yet.", "add": "Add a document", "offer": "Offer link",
           "picture": "or a photo of its QR code", "tx_code": "Code from the clerk",
           "show": "Show", "border": "For the border", "age18": "I am 18+", "full": "Everything",
           "discloses": "Discloses", "refresh": "Refresh", "offline": "offline QR",
           "none": "Nothing shown yet.", "valid": "valid", "revoked": "REVOKED",
           "suspended": "SUSPENDED", "unknown": "not checked"},
}  # fmt: skip


def create_app(wallet: Wallet) -> FastAPI:
    """The web page over one wallet folder."""
    app = FastAPI(title="Posvid wallet", docs_url=None, redoc_url=None)
    sessions: dict[str, tuple[UnlockedWallet, float]] = {}

    def lang_of(request: Request) -> str:
        lang = request.query_params.get("lang") or request.cookies.get("lang") or "uk"
        return lang if lang in TEXT else "uk"

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        lang = lang_of(request)
        response = TEMPLATES.TemplateResponse(
            request,
            name,
            {"lang": lang, "t": TEXT[lang], "error": None, "unlocked": True, **context},
            status_code=status,
        )
        response.set_cookie("lang", lang, samesite="strict")
        return response

    def unlocked(request: Request) -> UnlockedWallet | None:
        key = request.cookies.get("posvid_session", "")
        entry = sessions.get(key)
        if entry is None or time.monotonic() - entry[1] > IDLE:
            sessions.pop(key, None)
            return None
        sessions[key] = (entry[0], time.monotonic())
        return entry[0]

    def locked(request: Request, error: str | None = None) -> HTMLResponse:
        return page(request, "unlock.html", 401 if error else 200, unlocked=False, error=error)

    @app.get("/")
    def home(request: Request) -> Response:
        w = unlocked(request)
        return locked(request) if w is None else page(request, "cards.html", cards=w.cards())

    @app.post("/unlock")
    async def unlock(request: Request) -> Response:
        pin = str((await request.form()).get("pin", ""))
        try:
            w = wallet.unlock(pin)
        except WalletError as exc:
            return locked(request, exc.message)
        key = secrets.token_urlsafe(32)
        sessions[key] = (w, time.monotonic())
        response = RedirectResponse("/", status_code=303)
        response.set_cookie("posvid_session", key, httponly=True, samesite="strict")
        return response

    @app.post("/accept")
    async def accept(request: Request) -> Response:
        w = unlocked(request)
        if w is None:
            return locked(request)
        async with request.form() as form:  # closes uploaded files when done
            offer = str(form.get("offer") or "").strip()
            tx_code = str(form.get("tx_code") or "").strip() or None
            picture = form.get("picture")
            image = (
                await picture.read() if picture is not None and hasattr(picture, "read") else b""
            )
        try:
            if not offer and image:
                from posvid.common.qr_scan import scan_image

                found = scan_image(image).payloads
                offer = next((p for p in found if p.startswith("openid-credential-offer://")), "")
            if not offer:
                raise WalletError("paste the offer link or choose a photo of its QR code")
            w.accept(offer, tx_code)
        except WalletError as exc:
            return page(request, "cards.html", 422, cards=w.cards(), error=exc.message)
        return RedirectResponse("/", status_code=303)

    @app.get("/cards/{card_id}")
    def card(card_id: str, request: Request) -> Response:
        w = unlocked(request)
        if w is None:
            return locked(request)
        try:
            return page(request, "card.html", card=w.show(card_id, lang_of(request)))
        except WalletError as exc:
            return page(request, "cards.html", 404, cards=w.cards(), error=exc.message)

    @app.post("/cards/{card_id}/present")
    async def present(card_id: str, request: Request) -> Response:
        w = unlocked(request)
        if w is None:
            return locked(request)
        form = await request.form()
        preset = str(form.get("preset", "border"))
        renew = str(form.get("renew") or "") or None
        try:
            shown = w.present(card_id, preset=preset, renew=renew)
        except WalletError as exc:
            return page(
                request, "card.html", 409, card=w.show(card_id, lang_of(request)), error=exc.message
            )
        from posvid.common.qr_render import render_png

        png = base64.b64encode(render_png(shown.payload, module_px=6)).decode()
        return page(
            request,
            "present.html",
            credential_id=shown.credential_id,
            png=png,
            preset=preset,
            card_id=card_id,
            claims=shown.claims,
            warnings=shown.warnings,
            seconds=QR_LIFETIME,
        )

    @app.get("/history")
    def history(request: Request) -> Response:
        w = unlocked(request)
        return locked(request) if w is None else page(request, "history.html", history=w.history())

    return app
