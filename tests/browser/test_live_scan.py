"""Live scanning on the officer page: a QR code shown to Chromium's fake camera gives the
verdict with no click (the camera is a Y4M video the test makes from a real presentation)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from posvid.common.qr_render import render_png
from tests.browser.conftest import ARGS, CHROMIUM
from tests.support.camera import camera_frame, write_y4m
from tests.support.roles import PIN
from tests.support.servers import serve_app
from verifier.api.app import create_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "is_mobile": True}
FAKE_CAMERA = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@contextmanager
def camera_browser(browser, video: Path) -> Iterator[object]:
    """A second Debian Chromium (the suite's Playwright) whose camera shows ``video``, looped,
    allowed without asking."""
    args = [*ARGS, *FAKE_CAMERA, f"--use-file-for-fake-video-capture={video}"]
    with_camera = browser.browser_type.launch(executable_path=CHROMIUM, headless=True, args=args)
    try:
        yield with_camera
    finally:
        with_camera.close()


@pytest.fixture
def verifier_app(issuer, tmp_path):
    """The real verifier app, trusting the real issuer, on loopback; yields its URL."""
    base, _, _ = issuer
    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    with serve_app(create_app(verifier=verifier)) as url:
        yield url
    verifier.close()


def test_code_shown_to_the_camera_gives_the_verdict_without_a_click(
    browser, verifier_app, offer, wallet, tmp_path
):
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    qr = render_png(unlocked.present(card.id, preset="age18").payload)
    grey, code = camera_frame(None), camera_frame(qr)
    video = write_y4m(tmp_path / "camera.y4m", [grey] * 10 + [code] * 10)
    with camera_browser(browser, video) as phone:
        context = phone.new_context(**PHONE)
        page = context.new_page()
        page.goto(verifier_app + "/?lang=uk")
        page.locator("#scan-state", has_text="Наведіть камеру на QR-код").wait_for()
        page.screenshot(path=str(tmp_path / "live-scan.png"))
        banner = page.locator(".verdict")
        banner.wait_for(timeout=15_000)
        assert "/verdict/" in page.url
        assert "ДІЙСНИЙ" in banner.inner_text()
        assert "green" in (banner.get_attribute("class") or "")
        page.screenshot(path=str(tmp_path / "live-verdict.png"), full_page=True)
        context.close()


def test_a_refused_camera_leaves_the_photo_and_the_text(browser, verifier_app):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.add_init_script(
        "navigator.mediaDevices.getUserMedia = () =>"
        " Promise.reject(new DOMException('denied', 'NotAllowedError'));"
    )
    page.goto(verifier_app + "/?lang=de")
    page.locator("#scan-state", has_text="Kamera ist nicht verfügbar").wait_for()
    assert page.locator("video").is_hidden()
    assert page.locator("label:has(input[name=image])").is_visible()
    assert page.locator("textarea[name=payload]").is_visible()
    page.close()
