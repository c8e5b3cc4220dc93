"""The citizen's story on the wallet page in Debian Chromium, on a phone and a laptop, in
Ukrainian and English: unlock (a wrong PIN first), add documents by a photo of the offer's QR code
and by its link (each said and shown first), read a card and its details, show each preset after
its consent step (an under-18 holder told so, everything only after its confirmation), see a
revoked document in red with no way to make a QR code of it, remove it, read the history, lock
the wallet. Every page is checked for the program's own words and saved as a screenshot
(``wallet-<what>-<lang>-<width>``)."""

from __future__ import annotations

import pytest

from posvid.common.qr_render import render_png
from tests.support.raw_text import assert_words_for_people
from tests.support.roles import PIN, minor
from tests.support.screenshots import shot
from tests.support.servers import serve_app
from wallet.api.app import create_app

pytestmark = pytest.mark.browser

SCREENS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1366, "height": 768}}
LICENCE = {
    "issue_date": "2021-03-01",  # the licence as last reissued (a category added)
    "driving_privileges": [
        {"category": "B", "issue_date": "2019-05-01"},
        {"category": "C1", "issue_date": "2021-03-01", "expiry_date": "2031-03-01"},
    ],
}
WORDS = {
    "uk": {
        "open": "Відкрити", "wrong_pin": "Неправильний PIN-код", "add": "Додати документ",
        "border": "Для кордону", "age18": "Мені є 18", "full": "Усі дані",
        "make_qr": "Показати QR-код", "confirm": "Так, показати всі дані",
        "under": "Вам ще немає 18: код скаже саме це.", "codes": "Коди для показу",
        "ready": "показувати так можна ще", "check": "Перевірити стан",
        "revoked": "Документ відкликано", "to_whom": "прикордонник", "age": "Вік",
        "history": "Історія", "done": "Готово", "added": "Документ додано",
        "remove": "Видалити з гаманця", "remove_yes": "Так, видалити",
        "removed": "Документ видалено з гаманця.", "lock": "Заблокувати",
        "unlock": "Відкрити гаманець", "for_age": "QR-код для перевірки віку (18+)",
    },
    "en": {
        "open": "Open", "wrong_pin": "Wrong PIN", "add": "Add a document",
        "border": "For the border", "age18": "I am 18 or over", "full": "All data",
        "make_qr": "Show the QR code", "confirm": "Yes, show all data",
        "under": "You are under 18: this code will say so.", "codes": "Codes for showing",
        "ready": "you can show it this way for", "check": "Check status",
        "revoked": "Document revoked", "to_whom": "border officer", "age": "Age",
        "history": "History", "done": "Done", "added": "Document added",
        "remove": "Remove from the wallet", "remove_yes": "Yes, remove it",
        "removed": "The document was removed from the wallet.", "lock": "Lock",
        "unlock": "Unlock the wallet", "for_age": "QR code for an age check (18+)",
    },
}  # fmt: skip
CASES = [(lang, screen) for lang in ("uk", "en") for screen in ("phone", "laptop")]


class Story:
    """One walk through the page: every page visited is checked and photographed."""

    def __init__(self, page, folder, lang: str, width: int) -> None:
        self.page, self.folder, self.lang, self.width = page, folder, lang, width
        self.words = WORDS[lang]

    def look(self, what: str) -> None:
        self.page.wait_for_load_state("networkidle")  # the list's background status check
        assert_words_for_people(self.page, self.lang)
        shot(self.page, self.folder, f"wallet-{what}-{self.lang}-{self.width}")

    def click(self, selector: str) -> None:
        self.page.click(selector)
        self.page.wait_for_load_state("networkidle")

    def card(self, holder: str) -> None:
        """Open the document whose card names ``holder``."""
        self.page.locator(".card", has_text=holder).locator("a.button").click()
        self.page.wait_for_load_state("networkidle")


def enrol(service, serial: int, *, licence: bool = False):
    """A person (a 15-year-old, or an adult with a driving licence) and an offer of the document."""
    person, document = minor(serial=serial)
    if licence:
        person = {**person, "birth_date": "1985-04-02", "record_number": f"19850402-{serial:05d}"}
        person["given_name"] = "Тарас"
        person["sex"] = "M"
    enrolled = service.enrol_person(person, actor="test")
    numbered = {**LICENCE, "document_number": f"ВХА{serial:06d}"}
    kind, data = ("driving-licence", numbered) if licence else ("id-card", document)
    added = service.add_document(enrolled.id, kind, data, actor="test")
    return person, added, service.create_offer(added.id, batch_size=3, actor="test")


@pytest.mark.parametrize(("lang", "screen"), CASES)
def test_the_citizens_story(browser, issuer, offer, wallet, tmp_path, lang, screen):
    _, service, _ = issuer
    index = CASES.index((lang, screen))
    young, young_doc, young_offer = enrol(service, 400 + index)
    driver, _, licence_offer = enrol(service, 500 + index, licence=True)
    photo = tmp_path / "offer.png"
    photo.write_bytes(render_png(offer.credential_offer_uri, module_px=6))
    with serve_app(create_app(wallet=wallet)) as base:
        page = browser.new_page(viewport=SCREENS[screen])
        story = Story(page, tmp_path, lang, SCREENS[screen]["width"])
        w = story.words
        page.goto(f"{base}/?lang={lang}")
        story.look("unlock")
        page.fill("input[name=pin]", "111111")
        story.click("button[type=submit]")
        assert w["wrong_pin"] in page.inner_text(".error")
        story.look("unlock-wrong-pin")
        page.fill("input[name=pin]", PIN)
        story.click("button[type=submit]")
        story.look("empty")
        # by a photo of the offer's QR code, then by two links
        page.set_input_files("input[name=picture]", str(photo))
        page.fill("input[name=tx_code]", offer.tx_code)
        story.click(f"button:has-text('{w['add']}')")
        assert w["added"] in page.inner_text(".note")
        for link in (young_offer, licence_offer):
            page.fill("textarea[name=offer]", link.credential_offer_uri)
            page.fill("input[name=tx_code]", link.tx_code)
            story.click(f"button:has-text('{w['add']}')")
        assert driver["given_name"] in page.inner_text(".card.new")  # the licence, just added
        assert page.locator(".card").first.get_attribute("class") == "card new"
        story.look("added")
        assert page.locator(".card a.button").count() == 3
        assert "004512345" in page.inner_text("main")  # each card names its number
        story.look("cards")
        _read_and_show_the_id_card(story)
        _show_the_young_ones_age(story, young["given_name"])
        _a_licence_shows_only_everything(story, driver["given_name"])
        service.set_document_status(young_doc.id, 1, actor="test")
        _a_revoked_card_is_red_and_makes_no_code(story, base, young["given_name"])
        _remove_the_revoked_one(story, young["given_name"])
        story.click(f"header a:has-text('{w['history']}')")
        assert page.locator("ul.plain li").count() == 3  # border, everything, age
        assert w["for_age"] in page.inner_text("ul.plain")  # kept after the removal
        story.look("history")
        story.click(f"header button:has-text('{w['lock']}')")
        assert w["unlock"] in page.inner_text("h2")
        page.close()


def _read_and_show_the_id_card(story: Story) -> None:
    page, w = story.page, story.words
    story.card("Коваленко")
    assert f"{w['age']}\n14+, 16+, 18+, 21+" in page.inner_text("dl")  # one row, not five
    story.look("card")
    page.click(f"summary:has-text('{w['codes']}')")
    assert w["ready"] in page.inner_text("details")
    story.look("card-details")
    story.click(f"a:has-text('{w['border']}')")
    assert w["to_whom"] in page.inner_text("main")
    story.look("consent-border")
    story.click(f"button:has-text('{w['make_qr']}')")
    page.locator("img.qr").wait_for()
    story.look("qr-border")
    story.click(f"a:has-text('{w['done']}')")
    story.click(f"a:has-text('{w['full']}')")
    assert page.locator("img.qr").count() == 0  # everything only after its confirmation
    story.look("consent-full")
    story.click(f"button:has-text('{w['confirm']}')")
    page.locator("img.qr").wait_for()
    story.look("qr-full")
    story.click(f"a:has-text('{w['done']}')")


def _show_the_young_ones_age(story: Story, given_name: str) -> None:
    page, w = story.page, story.words
    story.click("header a >> nth=0")
    story.card(given_name)
    story.click(f"a:has-text('{w['age18']}')")
    assert w["under"] in page.inner_text(".warn")
    story.look("consent-age18-under")
    story.click(f"button:has-text('{w['make_qr']}')")
    page.locator("img.qr").wait_for()
    story.look("qr-age18-under")


def _a_licence_shows_only_everything(story: Story, given_name: str) -> None:
    page, w = story.page, story.words
    story.click("header a >> nth=0")
    story.card(given_name)
    buttons = page.locator("a.button").all_inner_texts()
    assert w["full"] in buttons
    assert w["border"] not in buttons
    assert w["age18"] not in buttons
    assert "C1" in page.inner_text("dl")  # categories as rows
    story.look("card-licence")


def _a_revoked_card_is_red_and_makes_no_code(story: Story, base: str, given_name: str) -> None:
    page, w = story.page, story.words
    story.click("header a >> nth=0")
    story.click(f"button:has-text('{w['check']}')")
    red = page.locator(".card.blocked", has_text=given_name)
    assert w["revoked"] in red.inner_text()
    story.look("cards-revoked")
    story.card(given_name)
    assert page.locator("a.button", has_text=w["age18"]).count() == 0
    story.look("card-revoked")
    card_id = page.url.rstrip("/").rsplit("/", 1)[-1].split("?")[0]
    page.goto(f"{base}/cards/{card_id}/present?preset=age18")
    assert page.locator("img.qr").count() == 0
    assert page.locator(".error").count() == 1
    story.look("revoked-refused")


def _remove_the_revoked_one(story: Story, given_name: str) -> None:
    page, w = story.page, story.words
    story.click("header a >> nth=0")
    story.card(given_name)
    story.click(f"a:has-text('{w['remove']}')")
    story.look("remove")
    story.click(f"button:has-text('{w['remove_yes']}')")
    assert w["removed"] in page.inner_text(".note")
    assert given_name not in page.inner_text("main")
