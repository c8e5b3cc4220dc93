"""The wallet page in headless Debian Chromium, on a phone-sized screen (Playwright)."""

from __future__ import annotations

import pytest

from tests.support.roles import PIN
from tests.support.servers import serve_app
from wallet.api.app import create_app

pytestmark = pytest.mark.browser


def test_unlock_accept_and_present_on_a_phone(browser, wallet, offer, tmp_path):
    with serve_app(create_app(wallet=wallet)) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        page.goto(base + "/?lang=en")
        page.fill("input[name=pin]", PIN)
        page.click("text=Open")
        page.fill("textarea[name=offer]", offer.credential_offer_uri)
        page.fill("input[name=tx_code]", offer.tx_code)
        page.click("button:has-text('Add a document')")
        page.click("a:has-text('Open')")
        page.locator("dt", has_text="Given name (Latin)").first.wait_for()
        assert page.locator("dt", has_text="Given name (Latin)").count() == 1
        page.click("a:has-text('I am 18 or over')")  # the consent step first
        assert "You are under 18" not in page.inner_text("body")
        page.click("button:has-text('Show the QR code')")
        qr = page.locator("img.qr")
        qr.wait_for()
        box = qr.bounding_box()
        assert box is not None
        assert box["width"] >= 300
        first = int(page.inner_text("#left"))
        page.wait_for_timeout(2100)
        assert int(page.inner_text("#left")) <= first - 2  # the countdown runs
        assert "18 or over" in page.inner_text("dl")  # what it shows, in words
        page.screenshot(path=str(tmp_path / "present.png"), full_page=True)
        assert (tmp_path / "present.png").stat().st_size > 10_000
        page.click("button:has-text('Renew the code')")  # the renewal: the page's own form
        qr.wait_for()
        assert int(page.inner_text("#left")) >= first - 1
        page.click("text=History")
        page.get_by_text("18 or over").first.wait_for()
        assert "age_equal_or_over" not in page.inner_text("body")  # words, not claim names
        page.close()


#: the values of the card's rows that broke over two lines, and whether the page is wider than
#: the screen
_BROKEN = """() => {
  const broken = [];
  for (const dd of document.querySelectorAll('dd, .facts span')) {
    const text = dd.textContent.trim();
    if (!/\\d/.test(text) || text.length > 24) continue;
    const range = document.createRange();
    range.selectNodeContents(dd);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.bottom)));
    if (lines.size > 1) broken.push(text);
  }
  return {broken, wider: document.documentElement.scrollWidth > window.innerWidth};
}"""


@pytest.mark.parametrize("width", [390, 1366])
@pytest.mark.parametrize("lang", ["uk", "en"])
def test_numbers_stay_whole_on_a_phone_and_a_laptop(browser, wallet, offer, lang, width):
    with serve_app(create_app(wallet=wallet)) as base:
        page = browser.new_page(viewport={"width": width, "height": 844})
        page.goto(f"{base}/?lang={lang}")
        page.fill("input[name=pin]", PIN)
        page.click("button[type=submit]")
        page.fill("textarea[name=offer]", offer.credential_offer_uri)
        page.fill("input[name=tx_code]", offer.tx_code)
        page.click("form[action='/accept'] button[type=submit]")
        page.locator(".card a.button").first.click()
        page.locator("dl").wait_for()
        shown = page.inner_text("dl")
        assert "19900315-01234" in shown
        assert page.evaluate(_BROKEN) == {"broken": [], "wider": False}
        page.close()


def test_the_pin_wait_counts_down_and_then_lets_the_pin_in(browser, wallet):
    with serve_app(create_app(wallet=wallet)) as base:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto(f"{base}/?lang=en")
        for _ in range(4):  # three free tries, the fourth starts a wait of 2 s
            page.fill("input[name=pin]", "000000")
            page.click("button#open")
            page.wait_for_load_state("load")
        assert page.inner_text("#wait-left") in ("2 s", "1 s")
        assert page.locator("button#open").is_disabled()
        page.wait_for_function("document.getElementById('wait').textContent.includes('PIN again')")
        assert page.inner_text("#wait") == "You can enter your PIN again."
        assert page.locator("button#open").is_enabled()
        page.close()
