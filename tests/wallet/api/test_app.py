"""The wallet's web page over HTTP: unlock, accept (link or photo), present, history, uk/en."""

from __future__ import annotations

import re

import httpx
import pytest

from posvid.common.qr_render import render_png
from tests.support.roles import PIN
from tests.support.servers import serve_app
from wallet.api.app import create_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(wallet):
    with (
        serve_app(create_app(wallet=wallet)) as base,
        httpx.Client(base_url=base, timeout=30) as http,
    ):
        yield http


def test_unlock_accept_present_history(page, offer):
    assert "Відкрити гаманець" in page.get("/").text
    assert page.post("/unlock", data={"pin": "0000"}).status_code == 401
    assert page.post("/unlock", data={"pin": PIN}).status_code == 303
    assert "Документів ще немає" in page.get("/").text
    picture = render_png(offer.credential_offer_uri, module_px=6)
    added = page.post(
        "/accept",
        data={"offer": "", "tx_code": offer.tx_code},
        files={"picture": ("offer.png", picture, "image/png")},
        follow_redirects=True,
    )
    assert added.status_code == 200
    assert "Паспорт громадянина України (ID-картка)" in added.text
    card_id = re.search(r'href="/cards/([0-9a-f-]{36})"', added.text).group(1)
    english = page.get(f"/cards/{card_id}", params={"lang": "en"})
    assert "Given name (Latin)" in english.text
    shown = page.post(f"/cards/{card_id}/present", data={"preset": "age18"})
    assert shown.status_code == 200
    assert "data:image/png;base64," in shown.text
    assert 'id="left">180<' in shown.text
    renew = re.search(r'name="renew" value="([0-9a-f-]{36})"', shown.text).group(1)
    renewed = page.post(f"/cards/{card_id}/present", data={"preset": "age18", "renew": renew})
    assert f'name="renew" value="{renew}"' in renewed.text  # the same credential, renewed
    full = page.post(f"/cards/{card_id}/present", data={"preset": "full"})
    assert "the portrait is disclosed" in full.text
    history = page.get("/history").text
    assert history.count("age_equal_or_over.18") == 1  # the renewal is the same showing


def test_locked_pages_ask_for_the_pin(page):
    for path in ("/", "/history", "/cards/x"):
        assert "Unlock the wallet" in page.get(path, params={"lang": "en"}).text
    bad = page.post("/accept", data={"offer": "x"})
    assert bad.status_code == 200
    assert "PIN" in bad.text
