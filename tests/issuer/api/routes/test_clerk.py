"""The clerk's pages: server-side sessions, CSRF and origin checks, literal search, read audit."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from issuer.api.clerk_pages import SESSION_COOKIE
from issuer.storage.models import AuditEvent
from tests.issuer.conftest import ID_CARD, PERSON

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(live):
    """A browser-like client on the clerk's page: its CSRF cookie, and Origin on every POST."""
    base, service = live
    with httpx.Client(base_url=base, timeout=20, headers={"Origin": base}) as client:
        client.service = service  # type: ignore[attr-defined]
        client.get("/clerk")
        yield client


def csrf(page: httpx.Client, **data: str) -> dict[str, str]:
    """A form as the page sends it: with the token its ``csrf_field`` carries."""
    return {**data, "csrf": page.cookies.get("posvid_csrf", "")}


def sign_in(page: httpx.Client) -> str:
    token = page.service.create_admin_token("clerk", "desk 4")  # type: ignore[attr-defined]
    signed = page.post("/clerk/login", data=csrf(page, token=token))
    assert signed.status_code == 303
    return signed.cookies["posvid_clerk"]


def test_the_cookie_is_a_session_never_the_token_and_logout_ends_it(page):
    cookie = sign_in(page)
    assert not cookie.startswith("pvi_")
    assert "Зареєструвати" in page.get("/clerk").text
    assert page.post("/clerk/logout", data=csrf(page)).status_code == 303
    page.cookies.set("posvid_clerk", cookie, path="/clerk")  # the old cookie, sent again
    assert "Вхід працівника" in page.get("/clerk").text


def test_the_admin_api_refuses_the_clerk_cookie(page):
    cookie = sign_in(page)
    refused = page.get(
        "/admin/persons", params={"q": "Ш"}, headers={"Cookie": f"posvid_clerk={cookie}"}
    )
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"


def test_foreign_host_foreign_origin_and_missing_csrf_are_refused(page):
    token = page.service.create_admin_token("clerk", "desk 4")  # type: ignore[attr-defined]
    form = csrf(page, token=token)
    host = page.post("/clerk/login", data=form, headers={"Host": "evil.example"})
    assert (host.status_code, host.json()["code"]) == (400, "host_not_allowed")
    origin = page.post("/clerk/login", data=form, headers={"Origin": "https://evil.example"})
    assert (origin.status_code, origin.json()["code"]) == (403, "origin_not_allowed")
    missing = page.post("/clerk/login", data={"token": token})
    assert missing.status_code == 403  # a page in words: it is stale, open it again
    assert "Сторінка застаріла" in missing.text
    assert SESSION_COOKIE not in missing.cookies
    forged = page.post("/clerk/login", data={"token": token, "csrf": "x.y"})
    assert forged.status_code == 403
    assert page.post("/clerk/login", data=form).status_code == 303
    assert page.post("/clerk/persons", data=PERSON).status_code == 403  # signed in, no token


def test_every_form_of_the_pages_carries_the_csrf_token(page):
    sign_in(page)
    person = page.service.enrol_person(PERSON, actor="test")  # type: ignore[attr-defined]
    page.service.add_document(person.id, "id-card", ID_CARD, actor="test")  # type: ignore[attr-defined]
    for html in (page.get("/clerk").text, page.get(f"/clerk/persons/{person.id}").text):
        forms = re.findall(r'<form method="post".*?</form>', html, re.S)
        assert forms
        assert all('name="csrf"' in form for form in forms)


def test_search_wildcards_are_literal(page):
    sign_in(page)
    page.service.enrol_person(PERSON, actor="test")  # type: ignore[attr-defined]
    assert "Шевчук" in page.get("/clerk", params={"q": "Шев"}).text
    for wildcard in ("%", "_", "%%", "Ш%"):
        assert "Шевчук" not in page.get("/clerk", params={"q": wildcard}).text
    assert page.service.find_persons("_") == []  # type: ignore[attr-defined]


def test_reading_a_person_is_audited(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    assert page.get(f"/clerk/persons/{person.id}").status_code == 200
    bearer = {"Authorization": f"Bearer {service.create_admin_token('clerk', 'api')}"}
    assert page.get(f"/admin/persons/{person.id}", headers=bearer).status_code == 200
    with service.sessions() as session:
        reads = session.scalars(select(AuditEvent).where(AuditEvent.action == "person.read")).all()
    assert [r.target for r in reads] == [f"person={person.id}"] * 2
    assert all(r.actor.startswith("token:") for r in reads)


def test_a_batch_that_is_no_number_is_a_form_error(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
    for batch in ("abc", "²", "99999999999999999999", "-1"):
        answer = page.post(f"/clerk/documents/{document.id}/offer", data=csrf(page, batch=batch))
        assert answer.status_code == 422, batch
        assert "Кількість" in answer.text


JUNK = ["x" * 20_000, "\x00\x07\x1b[31m", "�", "'; DROP TABLE persons; --", "<script>", "1e999"]


def _page_in(answer: httpx.Response, lang: str) -> None:
    assert answer.status_code < 500, answer.text[:300]
    assert answer.headers["content-type"].startswith("text/html"), answer.text[:300]
    assert f'<html lang="{lang}">' in answer.text
    assert "Internal Server Error" not in answer.text
    assert "Traceback" not in answer.text


def _junk_forms(person_id: str) -> list[dict[str, str]]:
    from issuer.api.clerk_forms import DOCUMENT_FORMS, PERSON_FORM, Group, Input

    forms: list[dict[str, str]] = [{}]
    for junk in JUNK:
        forms.append({i.name: junk for i in PERSON_FORM})
        for doc_type, parts in DOCUMENT_FORMS.items():
            form = {"type": doc_type, "step": junk}
            for part in parts:
                inputs = [part] if isinstance(part, Input) else part.inputs
                for item in inputs:
                    name = part.name if isinstance(part, Input) else f"{part.name}.{item.name}"
                    if not isinstance(part, Input | Group):
                        name = f"{part.name}.0.{item.name}"
                    form[f"{doc_type}:{name}"] = junk
            forms.append(form)
            forms.append({**form, "step": "add", f"{doc_type}:driving_privileges.999.x": junk})
        forms.append({"type": junk})
    return forms


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_junk_in_every_form_gives_a_page_in_the_language_never_a_500(page, lang):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
    page.cookies.set("lang", lang, path="/clerk")
    for form in _junk_forms(person.id):
        for url in ("/clerk/persons", f"/clerk/persons/{person.id}/documents"):
            _page_in(page.post(url, data=csrf(page, **form)), lang)
    for junk in [*JUNK, "", "0", "11"]:
        _page_in(page.post("/clerk/login", data=csrf(page, token=junk)), lang)
        for action in ("offer", "suspend", "revoke", "reinstate", "nothing"):
            answer = page.post(
                f"/clerk/documents/{document.id}/{action}", data=csrf(page, batch=junk)
            )
            _page_in(answer, lang)
    paths = ["/clerk/persons/nobody", "/clerk/persons/%00", "/clerk/persons/%ED%A0%80"]
    paths += ["/clerk/nowhere", "/clerk/documents/x/offer", f"/clerk/persons/{person.id}x"]
    for path in paths:
        _page_in(page.get(path), lang)
        _page_in(page.post(path, data=csrf(page)), lang)
    for q in JUNK:
        _page_in(page.get("/clerk", params={"q": q}), lang)
        _page_in(page.get(f"/clerk/persons/{person.id}", params={"type": q}), lang)


def test_bodies_that_are_no_form_give_a_page_never_a_500(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    token = page.cookies.get("posvid_csrf", "")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    bodies = [
        (b"csrf=" + token.encode() + b"&family_name=%ED%A0%80%FF&given_name=\xff\xfe", form),
        (b"csrf=" + token.encode() + b"&type=id-card&id-card:document_number=%C0%AF", form),
        (b"--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token.encode()
         + b"\r\n--b\r\nContent-Disposition: form-data; name=\"family_name\"; "
         b"filename=\"a.bin\"\r\n"
         b"Content-Type: application/octet-stream\r\n\r\n\x00\x01\r\n--b--\r\n",
         {"Content-Type": "multipart/form-data; boundary=b"}),
        (b"--b\r\nnot a part at all", {"Content-Type": "multipart/form-data; boundary=b"}),
    ]  # fmt: skip
    for body, headers in bodies:
        for url in ("/clerk/persons", f"/clerk/persons/{person.id}/documents"):
            answer = page.post(url, content=body, headers=headers)
            assert answer.status_code < 500, (url, body[:40])
            assert answer.headers["content-type"].startswith("text/html"), answer.text[:200]
            assert '<html lang="uk">' in answer.text


def test_without_javascript_a_type_is_chosen_and_rows_are_added_by_submit_buttons(page):
    sign_in(page)
    person = page.service.enrol_person(PERSON, actor="test")  # type: ignore[attr-defined]
    url = f"/clerk/persons/{person.id}/documents"
    chosen = page.post(url, data=csrf(page, type="passport", step="choose"))
    assert chosen.status_code == 200
    assert '<div class="doctype" data-type="passport">' in chosen.text
    assert '<div class="doctype" data-type="id-card" hidden>' in chosen.text
    typed = {
        "type": "driving-licence",
        "step": "row:driving_privileges",
        "driving-licence:document_number": "ВХА123456",
        "driving-licence:driving_privileges.0.category": "B",
        "driving-licence:driving_privileges.0.issue_date": "2015-04-01",
        "driving-licence:driving_privileges.1.category": "C",
    }
    more = page.post(url, data=csrf(page, **typed))
    assert more.status_code == 200
    rows = re.findall(r'name="driving-licence:driving_privileges\.(\d+)\.category"', more.text)
    assert rows == ["0", "1", "2", "3"]  # the two typed, the empty one and the one asked for
    assert 'value="ВХА123456"' in more.text
    assert page.service.person(person.id).documents == []  # type: ignore[attr-defined]


LICENCE = {
    "document_number": "ВХА123456",
    "issue_date": "2015-04-01",
    "driving_privileges": [{"category": "B", "issue_date": "2015-04-01"}],
}
OTHER = {
    "family_name": "Коваль",
    "given_name": "Марія",
    "birth_date": "1979-11-30",
    "sex": "F",
}


def licence_form(number: str) -> dict[str, str]:
    return {
        "type": "driving-licence",
        "step": "add",
        "driving-licence:document_number": number,
        "driving-licence:issue_date": "2015-04-01",
        "driving-licence:driving_privileges.0.category": "B",
        "driving-licence:driving_privileges.0.issue_date": "2015-04-01",
    }


def field_error(html: str, field_id: str) -> str:
    found = re.search(rf'<p class="field-error" id="{field_id}-error">([^<]*)</p>', html)
    assert found, field_id
    return found.group(1)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_number_already_enrolled_is_said_by_the_number_in_words_never_whose(page, lang):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    holder = service.enrol_person(PERSON, actor="test")
    service.add_document(holder.id, "driving-licence", LICENCE, actor="test")
    other = service.enrol_person(OTHER, actor="test")
    page.cookies.set("lang", lang, path="/clerk")
    url = f"/clerk/persons/{other.id}/documents"
    answer = page.post(url, data=csrf(page, **licence_form("BXA123456")))  # typed in Latin
    assert answer.status_code == 409
    said = field_error(answer.text, "f-driving-licence-document-number")
    assert ("іншій зареєстрованій особі" if lang == "uk" else "another person") in said
    assert "пошук" in said if lang == "uk" else "search" in said
    assert "already enrolled." not in answer.text.replace(said, "")  # no developer words
    assert holder.family_name not in answer.text
    assert 'value="BXA123456"' in answer.text  # kept as typed
    assert 'href="#f-driving-licence-document-number"' in answer.text  # in the summary too
    again = page.post(
        f"/clerk/persons/{holder.id}/documents", data=csrf(page, **licence_form("ВХА123456"))
    )
    assert again.status_code == 409
    own = field_error(again.text, "f-driving-licence-document-number")
    assert ("вже є" if lang == "uk" else "already has") in own


def test_a_namesake_without_numbers_is_enrolled_only_once_the_clerk_says_so(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    first = service.enrol_person(OTHER, actor="test")
    form = {**OTHER, "family_name": "КОВАЛЬ", "patronymic": "Іванівна"}
    warned = page.post("/clerk/persons", data=csrf(page, **form))
    assert warned.status_code == 409
    assert "з таким самим прізвищем, ім'ям і датою народження" in warned.text.replace("&#39;", "'")
    assert f'href="/clerk/persons/{first.id}"' in warned.text
    assert f'name="different" id="different" value="{first.id}"' in warned.text
    assert 'value="КОВАЛЬ"' in warned.text
    assert len(service.find_persons("Коваль")) == 1
    wrong = page.post("/clerk/persons", data=csrf(page, **form, different="someone-else"))
    assert wrong.status_code == 409
    assert len(service.find_persons("Коваль")) == 1
    enrolled = page.post("/clerk/persons", data=csrf(page, **form, different=first.id))
    assert enrolled.status_code == 303
    assert len(service.find_persons("Коваль")) == 2


def test_a_namesake_told_apart_by_a_number_is_no_warning(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    service.enrol_person({**OTHER, "record_number": "19791130-00001"}, actor="test")
    form = {**OTHER, "record_number": "19791130-00002"}
    assert page.post("/clerk/persons", data=csrf(page, **form)).status_code == 303


def test_the_search_on_the_page_ignores_case_and_says_what_to_type(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    service.enrol_person(OTHER, actor="test")
    for q in ("коваль", "КОВАЛЬ", "Коваль Марія", "koval mariia"):
        assert "Коваль Марія" in page.get("/clerk", params={"q": q}).text, q
    empty = page.get("/clerk", params={"q": "  "}).text
    assert "Введіть прізвище, РНОКПП або УНЗР" in empty
    nobody = page.get("/clerk", params={"q": "Зозуля"}).text
    assert re.search(r'Нікого не знайдено\. <a href="#enrol">', nobody)
    assert '<section id="enrol">' in nobody
    assert "Введіть прізвище" not in page.get("/clerk").text  # no search asked yet


def test_after_adding_a_document_its_type_stays_chosen(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    added = page.post(
        f"/clerk/persons/{person.id}/documents",
        data=csrf(page, **licence_form("ВХА123456")),
        follow_redirects=False,
    )
    assert added.status_code == 303
    assert added.headers["location"].endswith("?type=driving-licence")
    shown = page.get(added.headers["location"]).text
    assert '<option value="driving-licence" selected>' in shown
    assert '<div class="doctype" data-type="driving-licence">' in shown


def test_the_list_of_problems_follows_the_form(page):
    sign_in(page)
    form = {**OTHER, "family_name": "Koval", "birth_place": "a\x07b", "tax_number": "123"}
    answer = page.post("/clerk/persons", data=csrf(page, **form))
    targets = re.findall(r'<li><a href="#f-([a-z-]+)">', answer.text)
    assert targets == ["family-name", "birth-place", "tax-number"]


ASK = [("uk", "Попросіть в адміністратора токен"), ("en", "Ask the administrator for a sign-in")]


@pytest.mark.parametrize(("lang", "words"), ASK)
def test_the_sign_in_page_says_whom_to_ask(page, lang, words):
    assert words in page.get("/clerk", params={"lang": lang}).text


IDP = {
    "certificate_number": "0321-5000123456",
    "registration_date": "2022-04-02",
    "previous_address": {
        "region": "Донецька",
        "community": "Маріупольська",
        "settlement": "м. Маріуполь",
    },
    "current_address": {"region": "Львівська", "community": "Львівська", "settlement": "м. Львів"},
    "family_members": [
        {
            "family_name": "Шевчук",
            "given_name": "Софія",
            "birth_date": "2015-09-01",
            "relation": "донька",
        }
    ],
}
BIRTH = {
    "series": "І-БК",
    "document_number": "123456",
    "issue_date": "1985-11-20",
    "mother": {"family_name": "Шевчук", "given_name": "Ганна"},
    "father": {"family_name": "Шевчук", "given_name": "Петро"},
}


def card_details(html: str, document_id: str) -> tuple[str, list[str]]:
    card = re.search(rf'<li class="doc valid" id="doc-{document_id}">(.*?)</li>', html, re.S)
    assert card
    details = re.search(r"<details>(.*?)</details>", card.group(1), re.S)
    assert details
    return card.group(1), re.findall(r"<dt[^>]*>([^<]*)</dt>", details.group(1))


def test_document_details_follow_the_catalogue_and_addresses_name_their_parts(page):
    sign_in(page)
    service = page.service  # type: ignore[attr-defined]
    person = service.enrol_person(PERSON, actor="test")
    idp = service.add_document(person.id, "idp-certificate", IDP, actor="test")
    birth = service.add_document(person.id, "birth-certificate", BIRTH, actor="test")
    html = page.get(f"/clerk/persons/{person.id}").text.replace("&#39;", "'")
    card, labels = card_details(html, idp.id)
    assert labels == [
        "Попереднє місце проживання", "Область", "Громада", "Населений пункт",
        "Фактичне місце проживання", "Область", "Громада", "Населений пункт",
        "Члени сім'ї", "Шевчук Софія",
    ]  # fmt: skip
    assert card.count("0321-5000123456") == 1  # the number once, above
    assert "Дата взяття на облік" in card
    assert card.count("02.04.2022") == 1
    card, labels = card_details(html, birth.id)
    assert labels == ["Мати", "Батько"]
    assert card.count("123456") == 1


def test_the_issuer_is_named_in_the_pages_language_and_both_names_are_published(page):
    assert "Державна міграційна служба України" in page.get("/clerk", params={"lang": "uk"}).text
    english = page.get("/clerk", params={"lang": "en"}).text
    assert "Posvid · State Migration Service of Ukraine" in english
    assert "Державна" not in english
    metadata = page.get("/.well-known/openid-credential-issuer").json()
    assert metadata["display"] == [
        {"name": "Державна міграційна служба України", "locale": "uk"},
        {"name": "State Migration Service of Ukraine", "locale": "en"},
    ]
