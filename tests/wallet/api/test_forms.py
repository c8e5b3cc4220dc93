"""Every form of the wallet page answers a person's mistake in the page's language with what to do
next, keeps what was typed, and never answers junk with a 500."""

from __future__ import annotations

import io
import re

import httpx
import pytest
from PIL import Image

from posvid.common.qr_render import render_png
from tests.support.roles import PIN
from tests.support.servers import serve_app
from tests.wallet.conftest import csrf_token
from wallet.api.app import create_app
from wallet.api.error_words import ERROR_WORDS, error_key
from wallet.errors import (
    DocumentRevoked,
    DocumentSuspended,
    IssuerRefused,
    IssuerUnreachable,
    LockedOut,
    NoOfferInPicture,
    NoSuchDocument,
    NotAnOffer,
    OfferPictureUnusable,
    TxCodeMissing,
    UnknownPreset,
    WrongPin,
)

pytestmark = pytest.mark.e2e

JUNK_TEXT = [
    "x" * 300_000,
    "\x00\x01\x02\x1b[31m\x7f",
    "openid-credential-offer://?credential_offer_uri=http://[::1",
    "openid-credential-offer://?credential_offer=%7B",
    "openid-credential-offer://?credential_offer_uri=https%3A%2F%2F%00",
    "openid-credential-offer://?credential_offer_uri=file%3A%2F%2F%2Fetc%2Fpasswd",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "😀" * 1000,
]


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


def a_page(response: httpx.Response, lang: str = "uk") -> str:
    assert response.status_code < 500, response.text[:500]
    assert f'<html lang="{lang}">' in response.text
    return response.text


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def test_every_error_a_person_causes_has_words_of_its_own():
    errors = [
        WrongPin(1, 2, 0),
        LockedOut(5),
        NotAnOffer("x"),
        OfferPictureUnusable("x"),
        NoOfferInPicture("x"),
        TxCodeMissing("x"),
        IssuerUnreachable("x"),
        NoSuchDocument("x"),
        UnknownPreset("x"),
        DocumentRevoked("x"),
        DocumentSuspended("x"),
    ]
    assert all(error_key(exc) == exc.code for exc in errors)
    refused = [
        (IssuerRefused("offer", "not_found", "no such offer"), "offer_used_or_expired"),
        (IssuerRefused("token", "invalid_grant", "wrong transaction code (4 attempts left)"),
         "tx_code_wrong"),
        (IssuerRefused("token", "invalid_grant", "too many wrong transaction codes"),
         "offer_locked"),
        (IssuerRefused("token", "invalid_grant", "the offer has expired"),
         "offer_used_or_expired"),
    ]  # fmt: skip
    assert [error_key(exc) for exc, _ in refused] == [key for _, key in refused]
    assert all(set(words) == {"uk", "en"} for words in ERROR_WORDS.values())


def test_a_wrong_pin_says_the_tries_left_then_the_wait(page):
    csrf = csrf_token(page)
    first = a_page(page.post("/unlock", data={"pin": "000000", "csrf": csrf}))
    assert "Неправильний PIN-код. Спроб без очікування залишилось: 2." in first
    for _ in range(2):
        page.post("/unlock", data={"pin": "000000", "csrf": csrf})
    fourth = a_page(page.post("/unlock", data={"pin": "000000", "csrf": csrf}))
    assert "Наступна спроба — через 2 с." in fourth
    page.get("/", params={"lang": "en"})
    locked = a_page(page.post("/unlock", data={"pin": PIN, "csrf": csrf}), "en")
    assert re.search(r"Too many wrong PINs\. Try again in \d s\.", locked)
    assert "wrong PIN (" not in locked  # never the wallet's own message


def test_offer_mistakes_say_what_to_do_and_keep_the_form(page, opened, offer):
    def add(offer_text: str, tx_code: str = "", picture: bytes | None = None) -> str:
        files = {"picture": ("photo.png", picture, "image/png")} if picture is not None else None
        data = {"offer": offer_text, "tx_code": tx_code, "csrf": opened}
        response = page.post("/accept", data=data, files=files)
        assert response.status_code == 422
        return a_page(response)

    garbage = add("посилання, яке я не так скопіювала", "123456")
    assert "Це не посилання на документ" in garbage
    assert ">посилання, яке я не так скопіювала</textarea>" in garbage  # kept
    assert 'value="123456"' in garbage
    wrong = "000000" if offer.tx_code != "000000" else "111111"
    wrong_code = add(offer.credential_offer_uri, wrong)
    assert "Код від працівника неправильний" in wrong_code
    assert "Залишилось спроб: 4." in wrong_code
    assert offer.credential_offer_uri.replace("&", "&amp;") in wrong_code
    assert "Введіть код, який назвав працівник." in add(offer.credential_offer_uri)
    assert "не вдалося відкрити як фото" in add("", "1", b"%PDF-1.7 a document, not a photo")
    no_qr = png(Image.new("L", (400, 300), 255))
    assert "не знайдено QR-коду" in add("", "1", no_qr)
    assert "не знайдено QR-коду" in add("", "1", render_png("hello", module_px=6))
    assert "Вставте посилання на документ" in add("")
    added = page.post(
        "/accept", data={"offer": offer.credential_offer_uri, "tx_code": offer.tx_code,
                         "csrf": opened},
    )  # fmt: skip
    assert added.status_code == 303
    used = add(offer.credential_offer_uri, offer.tx_code)
    assert "Цей код уже використано або його строк минув. Попросіть працівника новий код." in used


def test_junk_in_every_form_gives_a_page_never_a_500(page, opened, offer):
    for text in JUNK_TEXT:
        a_page(page.post("/accept", data={"offer": text, "tx_code": text, "csrf": opened}))
    huge = png(Image.new("1", (8000, 8000)))  # 64 million pixels
    for picture in (b"", b"\x89PNG\r\n\x1a\n broken", huge, bytes(range(256)) * 20_000):
        files = {"picture": ("x.png", picture, "image/png")}
        a_page(page.post("/accept", data={"csrf": opened}, files=files))
    a_page(page.post("/accept", data={"csrf": opened}))  # no field at all
    raw = "offer=%FF%FE%00&tx_code=%C3%28&csrf=" + opened
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    a_page(page.post("/accept", content=raw.encode(), headers=headers))
    boundary = "b0undary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{opened}\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="offer"\r\n\r\n'
        ).encode()
        + b"\xff\xfe\xc3\x28"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    multipart = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    a_page(page.post("/accept", content=body, headers=multipart))
    page.post("/accept", data={"offer": offer.credential_offer_uri, "tx_code": offer.tx_code,
                               "csrf": opened})  # fmt: skip
    card_id = re.search(r'href="/cards/([0-9a-f-]{36})"', page.get("/").text).group(1)
    for bad_id in ("x", "%", "%25", "_", "0" * 5000, "..", "%00", card_id[:1] + "%7F", "%FF"):
        a_page(page.get(f"/cards/{bad_id}"))
        a_page(page.get(f"/cards/{bad_id}/present", params={"preset": "border"}))
        a_page(page.post(f"/cards/{bad_id}/present", data={"preset": "age18", "csrf": opened}))
    for preset in ("", "everything", "BORDER", "x" * 10_000, "\x00"):
        a_page(page.get(f"/cards/{card_id}/present", params={"preset": preset}))
        for renew in ("", "x", card_id):
            data = {"preset": preset, "renew": renew, "csrf": opened}
            a_page(page.post(f"/cards/{card_id}/present", data=data))
    a_page(page.get(f"/cards/{card_id}/present"))
    a_page(page.post(f"/cards/{card_id}/present", data={"csrf": opened}))
    for back in ("//evil.example", "https://evil.example", "/cards/../../x", "\x00", ""):
        moved = page.post("/status", data={"back": back, "csrf": opened})
        assert moved.status_code == 303
        assert moved.headers["location"].startswith("/?checked=")
    auto = page.post("/status", data={"auto": "1", "csrf": opened})
    assert auto.json() == {"changed": False}  # the buttons above checked it already
    a_page(page.get("/history"))


def test_junk_pins_give_the_pin_page(page):
    csrf = csrf_token(page)
    for pin in ("", "\x00", "x" * 100_000, "😀"):
        assert page.post("/unlock", data={"pin": pin, "csrf": csrf}).status_code == 401
    raw = f"pin=%FF%FE&csrf={csrf}".encode()
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    a_page(page.post("/unlock", content=raw, headers=headers))
    a_page(page.post("/unlock", data={"csrf": csrf}))


def test_a_photo_chosen_after_an_error_wins_over_the_kept_link(page, opened, offer, issuer):
    """The link kept in the box after an error is stale once a new offer's photo is chosen."""
    _, service, document_id = issuer
    used = {"offer": offer.credential_offer_uri, "tx_code": offer.tx_code, "csrf": opened}
    assert page.post("/accept", data=used).status_code == 303
    again = a_page(page.post("/accept", data=used))
    assert "Цей код уже використано" in again
    fresh = service.create_offer(document_id, batch_size=3, actor="test")
    picture = render_png(fresh.credential_offer_uri, module_px=6)
    photo = {"picture": ("new.png", picture, "image/png")}
    wrong = "000000" if fresh.tx_code != "000000" else "111111"
    mistyped = page.post("/accept", data={**used, "tx_code": wrong}, files=photo)
    assert mistyped.status_code == 422
    assert "Код від працівника неправильний" in mistyped.text  # the photo's offer was tried
    assert fresh.credential_offer_uri.replace("&", "&amp;") in mistyped.text  # and kept
    assert offer.credential_offer_uri.replace("&", "&amp;") not in mistyped.text  # not the stale
    added = page.post("/accept", data={**used, "tx_code": fresh.tx_code}, files=photo)
    assert added.status_code == 303
    assert page.get("/").text.count('href="/cards/') == 2


def test_the_last_free_try_says_the_wait_and_the_wait_counts_down(page):
    csrf = csrf_token(page)
    for _ in range(2):
        page.post("/unlock", data={"pin": "000000", "csrf": csrf})
    page.get("/", params={"lang": "en"})
    third = a_page(page.post("/unlock", data={"pin": "000000", "csrf": csrf}), "en")
    assert "Wrong PIN. The next wrong PIN makes you wait 2 s." in third
    assert "Tries left before a wait: 0" not in third
    assert 'id="wait-left"' not in third  # no wait yet
    page.get("/", params={"lang": "uk"})
    fourth = a_page(page.post("/unlock", data={"pin": "000000", "csrf": csrf}))
    assert "Наступна спроба — через 2 с." in fourth
    assert 'Можна спробувати через <span id="wait-left">2 с</span>' in fourth  # counted down
    assert "Можна знову вводити PIN-код." in fourth  # what the countdown ends with
    forgot = a_page(page.get("/"))
    assert "Забули PIN-код?" in forgot
    assert "резервну копію" in forgot
    assert "видати їх наново" in forgot
