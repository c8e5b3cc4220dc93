"""The verifier HTTP API and the officer page against a real issuer and wallet."""

from __future__ import annotations

import httpx
import pytest

from posvid.common.qr_render import render_png
from tests.support.servers import serve_app
from verifier.api.app import create_app

pytestmark = pytest.mark.e2e


def test_http_api_and_officer_page(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    with (
        serve_app(create_app(verifier=verifier)) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        answer = http.post(
            "/api/verify",
            json={"payload": unlocked.present(card_id, preset="age18").payload, "offline": True},
        )
        assert answer.json()["verdict"] == "valid"
        picture = render_png(unlocked.present(card_id, preset="border").payload)
        uploaded = http.post("/api/verify", files={"image": ("qr.png", picture, "image/png")})
        assert uploaded.json()["verdict"] == "valid"
        assert http.post("/api/verify", json={"nothing": 1}).status_code == 422
        assert http.post("/api/verify", json={"payload": "x" * 70_000}).status_code == 422
        assert "/api/verify" in http.get("/openapi.json").json()["paths"]
        form = {"csrf": http.get("/").cookies["posvid_csrf"]}  # the page's form carries its token
        page = http.post(
            "/check?lang=de", data=form, files={"image": ("qr.png", picture, "image/png")}
        )
        assert "BEREITS VORGEZEIGT" in page.text  # the same picture again: a replay
        fresh = render_png(unlocked.present(card_id, preset="border").payload)
        page = http.post(
            "/check?lang=uk", data=form, files={"image": ("qr.png", fresh, "image/png")}
        )
        assert "ДІЙСНИЙ" in page.text
        assert "Прізвище латиницею" in page.text
        assert "Melnyk" in page.text
        trust = http.get("/trust?lang=en")
        assert base in trust.text
        assert " min" in trust.text
