"""What the wallet's pages say to a person, over HTTP: the consent's sentences, the photo named
only when there is one, what each showing in the history was for."""

from __future__ import annotations

import re

import httpx
import pytest

from tests.support.roles import PIN, minor
from tests.support.servers import serve_app
from tests.wallet.conftest import csrf_token
from wallet.api.app import create_app

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(wallet):
    with (
        serve_app(create_app(wallet=wallet)) as base,
        httpx.Client(base_url=base, timeout=60) as http,
    ):
        yield http


@pytest.fixture
def opened(page):
    """The page, unlocked; its CSRF token."""
    csrf = csrf_token(page)
    assert page.post("/unlock", data={"pin": PIN, "csrf": csrf}).status_code == 303
    return csrf


def add(page: httpx.Client, csrf: str, offer) -> str:
    """Add the document of ``offer``: its id."""
    data = {"offer": offer.credential_offer_uri, "tx_code": offer.tx_code, "csrf": csrf}
    added = page.post("/accept", data=data)
    assert added.status_code == 303, added.text[:300]
    found = re.search(r"added=([0-9a-f-]{36})", added.headers["location"])
    if found:
        return found.group(1)
    return re.findall(r'href="/cards/([0-9a-f-]{36})"', page.get("/").text)[-1]


def a_young_ones_offer(issuer, serial: int):
    return a_young_ones_document(issuer, serial)[1]


def a_young_ones_document(issuer, serial: int):
    """A 15-year-old's ID card at the issuer (no photo): its id at the issuer, and its offer."""
    _, service, _ = issuer
    person, document = minor(serial=serial)
    enrolled = service.enrol_person(person, actor="test")
    added = service.add_document(enrolled.id, "id-card", document, actor="test")
    return added.id, service.create_offer(added.id, batch_size=3, actor="test")


def test_consent_says_to_whom_and_what_in_sentences(page, opened, offer, issuer):
    card = add(page, opened, offer)
    border = page.get(f"/cards/{card}/present", params={"preset": "border"}).text
    assert "Цей код побачить прикордонник на пункті пропуску." in border
    assert "Буде показано лише це:" in border
    full = page.get(f"/cards/{card}/present", params={"preset": "full"}).text
    assert "Цей код побачить людина, якій ви його покажете." in full
    assert "Буде показано все, що є в цьому документі:" in full
    assert "включно з фото і номерами" in full  # her ID card carries her photo
    assert "Кому:" not in full
    english = page.get(f"/cards/{card}/present", params={"preset": "age18", "lang": "en"}).text
    assert "This code is for whoever checks your age (a shop, a club entrance)." in english
    full_en = page.get(f"/cards/{card}/present", params={"preset": "full"}).text
    assert "This code is for the person you show it to." in full_en
    assert "your photo and numbers included" in full_en
    young = add(page, opened, a_young_ones_offer(issuer, 700))
    no_photo = page.get(f"/cards/{young}/present", params={"preset": "full", "lang": "uk"}).text
    assert "включно з номерами" in no_photo
    assert "фото" not in no_photo  # her card has no photo: none is mentioned


def test_the_history_says_what_each_showing_was_for(page, opened, offer):
    card = add(page, opened, offer)
    for preset in ("border", "age18", "full"):
        data = {"preset": preset, "confirm": "yes", "csrf": opened}
        assert page.post(f"/cards/{card}/present", data=data).status_code == 200
    history = page.get("/history").text
    for words in (
        "QR-код для кордону",
        "QR-код для перевірки віку (18+)",
        "QR-код з усіма даними документа",
    ):
        assert history.count(words) == 1, words
    assert "на екрані" not in history
    english = page.get("/history", params={"lang": "en"}).text
    assert "QR code for an age check (18+)" in english


def test_an_added_document_is_said_and_comes_first_highlighted(page, opened, offer, issuer):
    add(page, opened, a_young_ones_offer(issuer, 701))
    data = {"offer": offer.credential_offer_uri, "tx_code": offer.tx_code, "csrf": opened}
    added = page.post("/accept", data=data)
    assert added.status_code == 303
    location = added.headers["location"]
    card = re.search(r"added=([0-9a-f-]{36})#card-\1$", location).group(1)
    listed = page.get(location).text
    assert "Документ додано: Паспорт громадянина України (ID-картка)." in listed
    first = re.search(r'<div class="card[^"]*" id="card-([0-9a-f-]{36})"', listed)
    assert first.group(1) == card  # first, though it came last
    assert f'class="card new" id="card-{card}"' in listed
    assert "Документ додано" not in page.get("/").text  # said once


def test_the_lock_button_ends_the_session(page, opened):
    assert "Заблокувати" in page.get("/").text
    locked = page.post("/lock", data={"csrf": opened})
    assert (locked.status_code, locked.headers["location"]) == (303, "/")
    assert "Відкрити гаманець" in page.get("/").text
    assert "Заблокувати" not in page.get("/").text
    assert page.post("/lock", data={}).status_code == 403  # the form's token, as every POST


def test_a_revoked_document_hides_its_validity_and_can_be_removed(page, opened, issuer):
    _, service, _ = issuer
    document_id, offer = a_young_ones_document(issuer, 702)
    card = add(page, opened, offer)
    shown = page.post(f"/cards/{card}/present", data={"preset": "border", "csrf": opened})
    assert shown.status_code == 200
    assert "Дійсний до" in page.get(f"/cards/{card}").text
    kept = page.get(f"/cards/{card}/remove")
    assert kept.status_code == 409  # a valid document is not offered for removal
    assert "лише відкликаний документ" in kept.text
    service.set_document_status(document_id, 1, actor="test")
    page.post("/status", data={"back": f"/cards/{card}", "csrf": opened})
    revoked = page.get(f"/cards/{card}").text
    assert "Документ відкликано" in revoked
    assert "Дійсний до" not in revoked  # no validity next to the red notice
    assert f'href="/cards/{card}/remove">Видалити з гаманця<' in revoked
    asked = page.get(f"/cards/{card}/remove").text
    assert "Видалити документ з гаманця?" in asked
    assert 'name="confirm" value="yes"' in asked
    unconfirmed = page.post(f"/cards/{card}/remove", data={"csrf": opened})
    assert unconfirmed.status_code == 409
    assert card in page.get("/").text
    removed = page.post(f"/cards/{card}/remove", data={"confirm": "yes", "csrf": opened})
    assert (removed.status_code, removed.headers["location"]) == (303, "/?removed=1")
    listed = page.get("/?removed=1").text
    assert "Документ видалено з гаманця." in listed
    assert card not in listed
    assert page.get(f"/cards/{card}").status_code == 404
    history = page.get("/history").text
    assert "QR-код для кордону" in history  # the history keeps its entry
    assert "документ видалено з гаманця" in history
