"""A face to compare (issue 13), in Debian Chromium: the clerk takes a photo on the person's page
(a photo with no face is refused in words by the field), the citizen collects the ID card, the
wallet's card and its border consent show the photo, the border QR code (PV2) carries it, and
the officer's page shows it first, above a VALID verdict.

Photos are scikit-image's bundled samples: the astronaut (a face) and a cup of coffee (none).
Every page passes ``assert_words_for_people`` and is saved with ``shot`` (``portrait-<what>``).
"""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image

from crypto import decode_qr_payload
from posvid.common.qr_render import qr_version, render_png
from tests.support.raw_text import assert_words_for_people
from tests.support.roles import PIN
from tests.support.screenshots import shot
from tests.support.servers import serve_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings

pytestmark = pytest.mark.browser
skdata = pytest.importorskip("skimage.data")

PHONE = {"width": 390, "height": 844}
PERSON = {
    "family_name": "Бондаренко",
    "given_name": "Ірина",
    "birth_date": "1979-05-12",
    "sex": "F",
    "record_number": "19790512-00077",
}
ID_CARD = {"document_number": "000777111", "issue_date": "2022-01-10", "issuing_authority": "8012"}


def jpeg(path, name: str) -> str:
    Image.fromarray(getattr(skdata, name)()).save(path, "JPEG", quality=92)
    return str(path)


def disclosures(compact: str) -> dict[str, object]:
    found = {}
    for part in compact.split("~")[1:]:
        if part and "." not in part:
            item = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
            if len(item) == 3:
                found[item[1]] = item[2]
    return found


def look(page, folder, what: str, lang: str = "uk") -> None:
    page.wait_for_load_state("networkidle")
    assert_words_for_people(page, lang)
    shot(page, folder, f"portrait-{what}")


def test_a_face_from_the_clerks_desk_to_the_officers_page(browser, issuer, wallet, tmp_path):
    base, service, _ = issuer
    person = service.enrol_person(PERSON, actor="test")
    document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
    page = browser.new_page(viewport=PHONE)

    # the clerk: a cup is refused by the field, the astronaut is taken
    page.goto(f"{base}/clerk?lang=uk")
    page.fill("#token", service.create_admin_token("clerk", "portrait test"))
    page.click("button[type=submit]")
    page.goto(f"{base}/clerk/persons/{person.id}?lang=uk")
    assert page.locator("#photo-file").get_attribute("capture") == "user"
    page.set_input_files("#photo-file", jpeg(tmp_path / "coffee.jpg", "coffee"))
    page.click("#photo button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "На фото не знайдено обличчя" in page.inner_text("#photo .field-error")
    look(page, tmp_path, "clerk-refused")
    page.set_input_files("#photo-file", jpeg(tmp_path / "astronaut.jpg", "astronaut"))
    page.click("#photo button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Фото збережено" in page.inner_text(".done")
    src = page.locator("#photo img").get_attribute("src") or ""
    assert src.startswith("data:image/png;base64,")
    look(page, tmp_path, "clerk-saved")

    # the citizen collects the ID card; the border code carries the portrait (PV2)
    offer = service.create_offer(document.id, batch_size=3, actor="test")
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    payload = unlocked.present(card.id, preset="border").payload
    assert payload.startswith("PV2:")
    claims = disclosures(decode_qr_payload(payload))
    assert str(claims["portrait"]).startswith("data:image/webp;base64,")
    version = qr_version(payload, "M")
    assert version <= 34
    print("border QR with portrait: version", version, "at M;", len(payload), "characters")  # noqa: T201

    from wallet.api.app import create_app as wallet_app

    with serve_app(wallet_app(wallet=wallet)) as url:
        page.goto(f"{url}/?lang=uk")
        page.fill("input[name=pin]", PIN)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        page.goto(f"{url}/cards/{card.id}?lang=uk")
        assert page.locator(".card img.portrait").first.get_attribute("src") == claims["portrait"]
        look(page, tmp_path, "wallet-card")
        page.goto(f"{url}/cards/{card.id}/present?preset=border&lang=uk")
        assert page.locator("img.portrait").count() == 1
        assert "Разом з даними буде показано ваше фото" in page.inner_text("main")
        look(page, tmp_path, "wallet-consent-border")
        page.goto(f"{url}/cards/{card.id}/present?preset=age18&lang=uk")
        assert page.locator("img.portrait").count() == 0

    # the officer: the photo first, then VALID
    from verifier.api.app import create_app as verifier_app

    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    photo = tmp_path / "border-code.png"
    photo.write_bytes(render_png(payload))
    with serve_app(verifier_app(verifier=verifier)) as url:
        page.goto(url + "/?lang=uk")
        page.select_option("select[name=expect]", "identity")
        page.set_input_files("input[name=image]", str(photo))
        page.click("button[type=submit]")
        page.locator(".verdict").wait_for()
        assert "green" in (page.locator(".verdict").get_attribute("class") or "")
        first = page.locator("main img").first
        assert first.get_attribute("class") == "portrait"
        assert first.get_attribute("src") == claims["portrait"]
        assert first.evaluate("img => img.naturalWidth") == 96
        look(page, tmp_path, "officer-verdict")
    verifier.close()
    page.close()
    with Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1]))) as stored:
        assert stored.size == (240, 300)
    print("screenshots:", tmp_path)  # noqa: T201
