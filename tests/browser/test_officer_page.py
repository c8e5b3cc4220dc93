"""The officer's page in headless Debian Chromium: upload a photo, read the verdict card."""

from __future__ import annotations

import pytest

from posvid.common.qr_render import render_png
from tests.support.roles import PIN
from tests.support.servers import serve_app
from verifier.api.app import create_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings

pytestmark = pytest.mark.browser


def test_photo_upload_gives_a_green_card_in_german(browser, issuer, offer, wallet, tmp_path):
    base, _, _ = issuer
    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    card = wallet.unlock(PIN).accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    photo = tmp_path / "qr.png"
    photo.write_bytes(render_png(wallet.unlock(PIN).present(card.id, preset="age18").payload))
    with serve_app(create_app(verifier=verifier)) as url:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(url + "/?lang=de")
        page.set_input_files("input[name=image]", str(photo))
        page.click("button[type=submit]")
        banner = page.locator(".verdict")
        banner.wait_for()
        assert "GÜLTIG" in banner.inner_text()
        assert "green" in (banner.get_attribute("class") or "")
        assert page.locator("p.ok").count() == 11
        assert "18+ ✔" in page.inner_text("dl")
        page.screenshot(path=str(tmp_path / "verdict.png"), full_page=True)
        page.close()
    verifier.close()
