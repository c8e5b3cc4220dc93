"""The clerk's pages: server-side sessions, CSRF and origin checks, literal search, read audit."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

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
    assert (missing.status_code, missing.json()["code"]) == (403, "csrf_invalid")
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
