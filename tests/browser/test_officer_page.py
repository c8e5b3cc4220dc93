"""The officer's page in headless Debian Chromium: the verdict page an officer reads in one look,
and the trust page (issuers with keys, certificate authorities, DID issuers) in every language.

Four codes are scanned as photos (a valid border code, a minor's age code under ``age:18``, a
forged code, an unreadable photo); each verdict is then read in every language through the
page's language links (the verdict stays: nothing is checked twice). Each page is saved as a
390×844 screenshot under pytest's ``tmp_path`` (and, with the checks' details open, a full
page one); its visible text, details included, must hold no raw claim name or code, no URN, no
Python repr, and on a non-English page no English sentence.
"""

from __future__ import annotations

import io
import json
import re

import pytest
from PIL import Image, ImageFilter

from crypto import FixedClock, SigningKey, decode_qr_payload, encode_qr_payload, public_jwk
from crypto.b64 import b64url_encode
from crypto.strict_json import dumps
from posvid.common.qr_render import render_png
from tests.support.raw_text import assert_words_for_people
from tests.support.roles import PIN, collect_card, minor
from tests.support.screenshots import shot
from tests.support.servers import serve_app
from tests.verifier.foreign import NOW, PID, Chain
from verifier import i18n
from verifier.api.app import create_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.trust import sign_bundle

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
RAW_NAME = re.compile(r"\b[a-z]+_[a-z0-9_]+\b")  # family_name, signature_invalid...
REPRS = ("{'", "[{", "True", "False", "None", "urn:", "Method Not Allowed")
ENGLISH = re.compile(r"\b(the|this|was|not|is|and|could|ask)\b", re.IGNORECASE)
TABLES = (i18n.VERDICTS, i18n.HEADLINES, i18n.ADVICE, i18n.REASONS, i18n.WARNINGS, i18n.WORDS)


def confusing(text: str, lang: str) -> list[str]:
    """What an officer should never read on a verdict page in ``lang``."""
    found = RAW_NAME.findall(text) + [r for r in REPRS if r in text]
    if lang != "en":
        found += ENGLISH.findall(text)
        found += [
            entry["en"]
            for table in TABLES
            for entry in table.values()
            if " " in entry["en"] and "{" not in entry["en"] and entry["en"] in text
        ]
    return found


def forged(payload: str) -> str:
    """The code with one character of the issuer's signature changed."""
    text = decode_qr_payload(payload)
    jwt, _, rest = text.partition("~")
    head, body, signature = jwt.split(".")
    flipped = signature[:10] + ("A" if signature[10] != "A" else "B") + signature[11:]
    return encode_qr_payload(f"{head}.{body}.{flipped}~{rest}")


def unreadable(png: bytes) -> bytes:
    """A photo of the code taken from too far and out of focus."""
    image = Image.open(io.BytesIO(png)).convert("L")
    small = image.resize((image.width // 12, image.height // 12)).filter(ImageFilter.BLUR)
    out = io.BytesIO()
    small.resize(image.size).save(out, format="PNG")
    return out.getvalue()


def test_verdict_pages_in_every_language_read_in_one_look(browser, issuer, offer, wallet, tmp_path):
    base, service, _ = issuer
    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    young = collect_card(service, wallet, *minor(serial=43))
    border = unlocked.present(card.id, preset="border").payload
    scenarios = {
        "border": (render_png(border), "identity", "green", i18n.VERDICTS["valid"]),
        "minor": (
            render_png(unlocked.present(young, preset="age18").payload),
            "age:18",
            "red",
            i18n.HEADLINES["under_age"],
        ),
        "forged": (
            render_png(forged(unlocked.present(card.id, preset="border").payload)),
            "identity",
            "red",
            i18n.VERDICTS["invalid"],
        ),
        "unreadable": (
            unreadable(render_png(border)),
            "identity",
            "grey",
            i18n.HEADLINES["try_again"],
        ),
    }
    shots = []
    with serve_app(create_app(verifier=verifier)) as url:
        page = browser.new_page(viewport=PHONE)
        for name, (png, question, colour, headline) in scenarios.items():
            photo = tmp_path / f"{name}-photo.png"
            photo.write_bytes(png)
            page.goto(url + "/?lang=en")
            page.select_option("select[name=expect]", question)
            page.set_input_files("input[name=image]", str(photo))
            page.click("button[type=submit]")
            page.locator(".verdict").wait_for()
            for lang in i18n.LANGUAGES:
                page.click(f"header a[hreflang={lang}]")
                page.wait_for_url(f"**/verdict/*lang={lang}")
                banner = page.locator(".verdict")
                assert colour in (banner.get_attribute("class") or ""), (name, lang)
                assert headline[lang].format(age=18) in banner.inner_text(), (name, lang)
                shot = tmp_path / f"verdict-{name}-{lang}.png"
                page.screenshot(path=str(shot))  # what the officer sees in one look
                page.locator("details").evaluate("details => { details.open = true; }")
                page.screenshot(path=str(shot.with_suffix(".details.png")), full_page=True)
                shots.append(shot)
                assert confusing(page.inner_text("body"), lang) == [], (name, lang)
        page.close()
    verifier.close()
    assert len(shots) == 16
    print("screenshots:", tmp_path)  # noqa: T201 - where to look at them


EHIC = "urn:eudi:ehic:1"
PERMIT = "urn:example:permit:1"
#: the trust page's words of the anchor: organisation, country, valid until, document names
ANCHOR_WORDS = {
    "uk": ("Польща", "Дійсний до", "02.12.2027", "Ідентифікаційні дані особи (PID ЄС)"),
    "en": ("Poland", "Valid until", "2 Dec 2027", "Person Identification Data (EU PID)"),
    "pl": ("Polska", "Ważny do", "02.12.2027", "Dane identyfikacyjne osoby (PID UE)"),
    "de": ("Polen", "Gültig bis", "02.12.2027", "Personenidentifizierungsdaten (EU-PID)"),
}
EHIC_NAMES = {
    "uk": "Європейська картка медичного страхування",
    "en": "European Health Insurance Card",
    "pl": "Europejska Karta Ubezpieczenia Zdrowotnego",
    "de": "Europäische Krankenversicherungskarte",
}
NAMES = {
    "uk": "Служба дозволів",
    "en": "Permit office",
    "pl": "Urząd zezwoleń",
    "de": "Genehmigungsamt",
}

PERMITS = {
    "uk": "Дозвіл на проживання",
    "en": "Residence permit",
    "pl": "Zezwolenie na pobyt",
    "de": "Aufenthaltstitel",
}


def _trusted_from_a_bundle(tmp_path):
    """A verifier whose signed bundle lists an issuer with keys, a PID CA and a DID issuer."""
    operator = SigningKey.generate()
    settings = VerifierSettings(
        home=tmp_path / "v", trust_operator_jwk=json.dumps(public_jwk(operator.private_key))
    )
    verifier = Verifier(settings, clock=FixedClock(NOW))
    did = "did:jwk:" + b64url_encode(dumps(public_jwk(SigningKey.generate().private_key)))
    permit = {
        "vct": PERMIT,
        "display": [{"lang": k, "name": v} for k, v in PERMITS.items()],
    }
    issuer = {
        "issuer": "https://ehic.example.de",
        "jwks": {"keys": [SigningKey.generate(kid="1").public_jwk()]},
        "vcts": [EHIC],
        "status_lists": ["https://ehic.example.de/status/1"],
        "names": {
            "uk": "Страхова каса",
            "en": "Health fund",
            "pl": "Kasa chorych",
            "de": "Krankenkasse",
        },
    }
    token = sign_bundle(
        [issuer],
        1,
        operator,
        NOW,
        anchors=[{"certificate": Chain.pem(Chain().root).decode(), "vcts": [PID, EHIC]}],
        dids=[{"did": did, "vcts": [PERMIT], "names": NAMES, "type_metadata": {PERMIT: permit}}],
    )
    verifier.trust.import_bundle(token)
    return verifier


def test_the_trust_page_lists_anchors_and_did_issuers_in_every_language(browser, tmp_path):
    verifier = _trusted_from_a_bundle(tmp_path)
    with serve_app(create_app(verifier=verifier)) as url:
        page = browser.new_page(viewport=PHONE)
        for lang in i18n.LANGUAGES:
            page.goto(f"{url}/trust?lang={lang}")
            anchor = page.locator(".anchor").inner_text()
            assert "Urząd do Spraw Cudzoziemców" in anchor, lang
            for words in ANCHOR_WORDS[lang]:
                assert words in anchor, (lang, words)
            assert EHIC_NAMES[lang] in anchor, lang  # by its name, not its URN
            assert "urn:" not in page.locator("main").inner_text(), lang
            did = page.locator(".did").inner_text()
            assert NAMES[lang] in did, lang
            assert PERMITS[lang] in did, lang
            assert_words_for_people(page, lang)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], lang
            shot(page, tmp_path, f"trust-{lang}")
        page.close()
    verifier.close()
    print("screenshots:", tmp_path)  # noqa: T201 - where to look at them
