"""The clerk's pages in headless Debian Chromium as a clerk uses them: uk and en, narrow and wide.

The story: sign in, enrol a person, add every document type of the catalogue through the page,
make an offer, suspend (after the confirmation), reinstate, revoke (after the confirmation).
Every page visited is read for the program's own words (``assert_words_for_people``) and
saved as a screenshot ``clerk-<what>-<lang>-<width>``. Then a form with mistakes (every error
at once, each by its field, the values kept) and an offer that expires while on screen.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from issuer.catalogue.types import DOCUMENT_TYPES
from issuer.catalogue.validation import make_tax_number
from tests.support.raw_text import assert_words_for_people
from tests.support.screenshots import shot
from tests.support.servers import live_issuer

pytestmark = pytest.mark.browser

SIZES = {390: (390, 844), 1366: (1366, 768)}
LOCALES = {"uk": "uk-UA", "en": "en-GB"}  # the clerk's browser speaks the page's language
RUNS = [("uk", 390), ("en", 1366), ("uk", 1366), ("en", 390)]


@pytest.fixture(scope="module")
def clerk_issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Any]]:
    home = tmp_path_factory.mktemp("clerk-issuer")
    with live_issuer(home, f"sqlite:///{home / 'issuer.db'}") as running:
        yield running


def fid(key: str) -> str:
    """The id the page gives the input named ``key``."""
    return "#f-" + re.sub(r"[^A-Za-z0-9]+", "-", key).strip("-")


def person_data(n: int) -> dict[str, str]:
    birth = dt.date(1981 + n, 4, 10 + n)
    return {
        "family_name": ["Ткаченко", "Мельник", "Руденко", "Олійник"][n],
        "given_name": ["Богдан", "Ірина", "Остап", "Дарина"][n],
        "patronymic": "Петрович" if n % 2 == 0 else "Петрівна",
        "birth_date": birth.isoformat(),
        "sex": "M" if n % 2 == 0 else "F",
        "birth_place": "м. Полтава",
        "tax_number": make_tax_number(birth, "M" if n % 2 == 0 else "F", 40 + n),
        "record_number": f"{birth:%Y%m%d}-0{n}321",
    }


def documents(n: int) -> dict[str, dict[str, str]]:
    """What the clerk types for each document type (input name without the type: value)."""
    return {
        "id-card": {
            "document_number": f"32165498{n}",
            "issue_date": "2021-05-05",
            "issuing_authority": "2201",
        },
        "passport": {
            "document_number": f"FX65432{n}",
            "issue_date": "2022-01-10",
            "issuing_authority": "8031",
        },
        "driving-licence": {
            "document_number": f"ВХА12345{n}",
            "issue_date": "2018-06-01",  # reissued when a category was added
            "driving_privileges.0.category": "B",
            "driving_privileges.0.issue_date": "2015-04-01",
            "driving_privileges.1.category": "A",  # a row the script adds
            "driving_privileges.1.issue_date": "2018-06-01",
        },
        "taxpayer": {},  # the person's own number
        "idp-certificate": {
            "certificate_number": f"0321-500012345{n}",
            "registration_date": "2022-04-02",
            "previous_address.region": "Донецька",
            "previous_address.community": "Маріупольська",
            "previous_address.settlement": "м. Маріуполь",
            "current_address.region": "Львівська",
            "current_address.community": "Львівська",
            "current_address.settlement": "м. Львів",
            "family_members.0.family_name": "Ткаченко",
            "family_members.0.given_name": "Софія",
            "family_members.0.birth_date": "2015-09-01",
            "family_members.0.relation": "донька",
        },
        "birth-certificate": {
            "series": "І-БК",
            "document_number": f"12345{n}",
            "issue_date": "1990-03-20",
            "mother.family_name": "Ткаченко",
            "mother.given_name": "Ганна",
        },
        "student-card": {
            "document_number": f"КВ1234567{n}",
            "institution": "Полтавський університет",
            "faculty": "Фізичний",
            "study_form": "денна",
            "valid_until": "2030-06-30",
        },
    }


def fill(page: Any, selector: str, value: str) -> None:
    if page.locator(selector).evaluate("el => el.tagName") == "SELECT":
        page.select_option(selector, value)
    else:
        page.fill(selector, value)


def submit(page: Any, selector: str) -> None:
    """Click a submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(selector)


def check(page: Any, tmp_path: Path, lang: str, width: int, what: str) -> None:
    assert_words_for_people(page, lang)
    shot(page, tmp_path, f"clerk-{what}-{lang}-{width}")


def doc_card(page: Any, doc_type: str, lang: str) -> Any:
    name = DOCUMENT_TYPES[doc_type].names[0 if lang == "uk" else 1]
    return page.locator("li.doc", has=page.locator("h3", has_text=name)).first


def enrol_every_document(page: Any, tmp_path: Path, lang: str, width: int, n: int) -> None:
    for doc_type, values in documents(n).items():
        page.select_option("#type", doc_type)  # the script shows this type's fields
        if doc_type == "driving-licence":
            page.click("fieldset[data-rows='driving_privileges'] .add-row")
        for name, value in values.items():
            fill(page, fid(f"{doc_type}:{name}"), value)
        if doc_type == "idp-certificate":
            check(page, tmp_path, lang, width, "add-idp-certificate")
        submit(page, "#add button[value=add]")
        assert page.locator(".done").is_visible(), page.locator("main").inner_text()
        assert doc_card(page, doc_type, lang).is_visible()
        if doc_type == "driving-licence":
            check(page, tmp_path, lang, width, "added")


@pytest.mark.parametrize(("lang", "width"), RUNS, ids=[f"{lang}-{w}" for lang, w in RUNS])
def test_the_clerk_story(browser, clerk_issuer, tmp_path, lang, width):
    base, service = clerk_issuer
    n = RUNS.index((lang, width))
    size = dict(zip(("width", "height"), SIZES[width], strict=True))
    page = browser.new_page(viewport=size, locale=LOCALES[lang])
    page.goto(f"{base}/clerk?lang={lang}")
    assert page.locator("html").get_attribute("lang") == lang
    check(page, tmp_path, lang, width, "sign-in")
    page.fill("#token", service.create_admin_token("clerk", "browser test"))
    submit(page, "button[type=submit]")
    check(page, tmp_path, lang, width, "home")

    person = person_data(n)
    for name, value in person.items():
        fill(page, fid(name), value)
    submit(page, "form[action='/clerk/persons'] button[type=submit]")
    assert page.locator(".done").is_visible()
    assert person["family_name"] in page.title()
    check(page, tmp_path, lang, width, "person")
    assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scroll

    enrol_every_document(page, tmp_path, lang, width, n)
    assert page.locator("#type").input_value() == "student-card"  # the last one added
    issuer = {
        "uk": "Державна міграційна служба України",
        "en": "State Migration Service of Ukraine",
    }
    assert issuer[lang] in page.inner_text("header")
    assert_readable(page)  # opens every card's details
    check(page, tmp_path, lang, width, "documents")
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    submit(page, f"{doc_card_selector('id-card', lang)} form[action$='/offer'] button")
    code = page.inner_text("#tx-code")
    assert re.fullmatch(r"\d{6}", code)
    assert page.input_value("#link").startswith("openid-credential-offer://")
    assert person["family_name"] in page.inner_text("main")
    assert page.locator("img.qr").is_visible()
    check(page, tmp_path, lang, width, "offer")
    page.go_back()

    card = doc_card_selector("id-card", lang)
    submit(page, f"{card} form[action$='/suspend'] button")
    check(page, tmp_path, lang, width, "confirm-suspend")
    submit(page, "form[action$='/suspend'] button[type=submit]")
    assert doc_card(page, "id-card", lang).get_attribute("class") == "doc suspended"
    check(page, tmp_path, lang, width, "suspended")
    submit(page, f"{card} form[action$='/reinstate'] button")
    assert doc_card(page, "id-card", lang).get_attribute("class") == "doc valid"
    submit(page, f"{card} form[action$='/revoke'] button")
    check(page, tmp_path, lang, width, "confirm-revoke")
    submit(page, "form[action$='/revoke'] button[type=submit]")
    assert doc_card(page, "id-card", lang).get_attribute("class") == "doc revoked"
    check(page, tmp_path, lang, width, "revoked")
    page.close()


BROKEN_VALUES = """() => {
  for (const d of document.querySelectorAll('details')) d.open = true;
  const broken = [];
  for (const dd of document.querySelectorAll('main dd')) {
    const text = dd.textContent.trim();
    if (!dd.offsetParent || text.length > 24) continue;  // a long address may wrap
    const range = document.createRange();
    range.selectNodeContents(dd);
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) broken.push(text);
  }
  return broken;
}"""

TYPES_CUT = """() => {
  const select = document.getElementById('type');
  const style = getComputedStyle(select);
  const context = document.createElement('canvas').getContext('2d');
  context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
  const room = select.clientWidth - padding - 24;  // the arrow
  return [...select.options].map(o => o.text).filter(t => context.measureText(t).width > room);
}"""


def assert_readable(page: Any) -> None:
    """Short values (numbers, dates, names) are never broken across lines; every document type
    fits whole in the type list."""
    assert page.evaluate(BROKEN_VALUES) == []
    assert page.evaluate(TYPES_CUT) == []


def doc_card_selector(doc_type: str, lang: str) -> str:
    name = DOCUMENT_TYPES[doc_type].names[0 if lang == "uk" else 1]
    return f'li.doc:has(h3:text-is("{name}"))'


def test_a_wrong_form_shows_every_error_at_once_by_its_field_with_the_values_kept(
    browser, clerk_issuer, tmp_path
):
    base, service = clerk_issuer
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="uk-UA")
    page.goto(f"{base}/clerk?lang=uk")
    page.fill("#token", service.create_admin_token("clerk", "browser test"))
    submit(page, "button[type=submit]")
    typed = {"family_name": "Smith", "tax_number": "3294601243", "record_number": "1990-0315"}
    for name, value in typed.items():
        page.fill(fid(name), value)
    page.fill(fid("birth_date"), "1990-03-15")
    submit(page, "form[action='/clerk/persons'] button[type=submit]")
    for name in ("family_name", "given_name", "sex", "tax_number", "record_number"):
        assert page.get_attribute(fid(name), "aria-invalid") == "true", name
        assert page.locator(f"{fid(name)}-error").is_visible(), name
    for name, value in typed.items():
        assert page.input_value(fid(name)) == value
    assert page.locator(".summary li").count() == 5
    assert "Пишіть українськими літерами" in page.inner_text(f"{fid('family_name')}-error")
    check(page, tmp_path, "uk", 390, "enrol-errors")

    person = service.enrol_person(person_data(0) | {"tax_number": None, "record_number": None},
                                  actor="test")  # fmt: skip
    page.goto(f"{base}/clerk/persons/{person.id}?lang=en")
    page.select_option("#type", "driving-licence")
    page.fill(fid("driving-licence:document_number"), "12")
    page.select_option(fid("driving-licence:driving_privileges.0.category"), "B")
    page.fill(fid("driving-licence:driving_privileges.1.issue_date"), "2015-04-01")
    submit(page, "#add button[value=add]")
    assert page.input_value(fid("driving-licence:document_number")) == "12"
    assert page.input_value(fid("driving-licence:driving_privileges.0.category")) == "B"
    for name in ("document_number", "issue_date", "driving_privileges.0.issue_date",
                 "driving_privileges.1.category"):  # fmt: skip
        key = f"driving-licence:{name}"
        assert page.get_attribute(fid(key), "aria-invalid") == "true", name
    assert "3 capital Ukrainian letters and 6 digits" in page.inner_text("main")
    check(page, tmp_path, "en", 390, "add-errors")
    page.close()


def test_an_offer_hides_its_qr_code_once_expired(browser, clerk_issuer, tmp_path):
    base, service = clerk_issuer
    person = service.enrol_person(
        person_data(3) | {"tax_number": None, "record_number": None}, actor="test"
    )
    document = service.add_document(
        person.id,
        "passport",
        {"document_number": "FX000777", "issue_date": "2022-01-10", "issuing_authority": "8031"},
        actor="test",
    )
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.clock.install()
    page.goto(f"{base}/clerk?lang=en")
    page.fill("#token", service.create_admin_token("clerk", "browser test"))
    submit(page, "button[type=submit]")
    page.goto(f"{base}/clerk/persons/{person.id}")
    submit(page, f"#doc-{document.id} form[action$='/offer'] button")
    assert page.locator("img.qr").is_visible()
    page.clock.fast_forward("16:00")
    page.locator("#expired").wait_for()
    assert not page.locator("img.qr").is_visible()
    assert page.locator("#again button").is_visible()
    check(page, tmp_path, "en", 1366, "offer-expired")
    submit(page, "#again button")
    assert page.locator("img.qr").is_visible()
    page.close()
