"""The wallet's web page over HTTP: unlock, accept (link or photo), present, history, uk/en;
behind the web guard: another site can neither post a form nor guess a PIN."""

from __future__ import annotations

import re

import httpx
import pytest

from posvid.common.qr_render import render_png
from tests.support.roles import PIN
from tests.support.servers import serve_app
from tests.wallet.conftest import csrf_token
from wallet.api.app import create_app
from wallet.storage.models import VaultRecord

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
    csrf = csrf_token(page)
    assert page.post("/unlock", data={"pin": "000000", "csrf": csrf}).status_code == 401
    assert page.post("/unlock", data={"pin": PIN, "csrf": csrf}).status_code == 303
    assert "Документів ще немає" in page.get("/").text
    picture = render_png(offer.credential_offer_uri, module_px=6)
    added = page.post(
        "/accept",
        data={"offer": "", "tx_code": offer.tx_code, "csrf": csrf},
        files={"picture": ("offer.png", picture, "image/png")},
        follow_redirects=True,
    )
    assert added.status_code == 200
    assert "Паспорт громадянина України (ID-картка)" in added.text
    card_id = re.search(r'href="/cards/([0-9a-f-]{36})"', added.text).group(1)
    english = page.get(f"/cards/{card_id}", params={"lang": "en"})
    assert "Given name (Latin)" in english.text
    shown = page.post(f"/cards/{card_id}/present", data={"preset": "age18", "csrf": csrf})
    assert shown.status_code == 200
    assert "data:image/png;base64," in shown.text
    assert 'id="left">180<' in shown.text
    renew = re.search(r'name="renew" value="([0-9a-f-]{36})"', shown.text).group(1)
    again = {"preset": "age18", "renew": renew, "csrf": csrf}
    renewed = page.post(f"/cards/{card_id}/present", data=again)
    assert f'name="renew" value="{renew}"' in renewed.text  # the same credential, renewed
    other = page.post(f"/cards/{card_id}/present", data={**again, "preset": "border"})
    assert other.status_code == 409  # a renewal shows the same claims, no other
    unconfirmed = page.post(f"/cards/{card_id}/present", data={"preset": "full", "csrf": csrf})
    assert unconfirmed.status_code == 409  # everything only after its consent page
    assert "confirm it on the step before" in unconfirmed.text
    consent = page.get(f"/cards/{card_id}/present", params={"preset": "full"})
    assert 'name="confirm" value="yes"' in consent.text
    assert "Place of birth" in consent.text  # what "all data" includes, named
    full = page.post(
        f"/cards/{card_id}/present", data={"preset": "full", "confirm": "yes", "csrf": csrf}
    )
    assert "Your photo will be shown with the data." in full.text
    history = page.get("/history").text
    assert history.count("18 or over") == 1  # the renewal is the same showing
    assert "age_equal_or_over" not in history  # what was shown, in words


def test_locked_pages_ask_for_the_pin(page):
    for path in ("/", "/history", "/cards/x"):
        assert "Unlock the wallet" in page.get(path, params={"lang": "en"}).text
    bad = page.post("/accept", data={"offer": "x", "csrf": csrf_token(page)})
    assert bad.status_code == 200
    assert "PIN" in bad.text


def failed_attempts(wallet) -> int:
    with wallet.sessions() as session:
        return session.get(VaultRecord, 1).failed_attempts


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({"Host": "evil.example"}, 400, "host_not_allowed"),  # DNS rebinding
        ({"Origin": "http://evil.example"}, 403, "origin_not_allowed"),  # a cross-site form
        ({"Origin": "null"}, 403, "origin_not_allowed"),  # a sandboxed frame
    ],
)
def test_another_site_cannot_guess_pins_or_start_the_slow_down(page, wallet, headers, status, code):
    csrf = csrf_token(page)
    for _ in range(6):
        refused = page.post("/unlock", data={"pin": "000000", "csrf": csrf}, headers=headers)
        assert (refused.status_code, refused.json()["code"]) == (status, code)
    assert failed_attempts(wallet) == 0  # never reached the PIN check
    assert page.post("/unlock", data={"pin": PIN, "csrf": csrf}).status_code == 303


def test_a_rebound_name_cannot_even_read_the_page(page):
    refused = page.get("/", headers={"Host": "attacker.example:8002"})
    assert (refused.status_code, refused.json()["code"]) == (400, "host_not_allowed")


def test_every_post_needs_the_pages_csrf_token(page, wallet):
    for path in ("/unlock", "/accept", "/cards/x/present"):
        refused = page.post(path, data={"pin": "000000"})
        assert refused.status_code == 403  # a page in words: it is stale, nothing was done
        assert "Ця сторінка застаріла" in refused.text
    forged = page.post("/unlock", data={"pin": "000000", "csrf": "made.up"})
    assert forged.status_code == 403
    assert failed_attempts(wallet) == 0
