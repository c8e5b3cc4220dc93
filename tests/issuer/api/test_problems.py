"""The issuer's error answers: what the API fuzzing (tests/test_api_fuzz.py) found, kept."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.e2e


def test_a_body_that_is_not_json_is_a_problem(live):
    # found by schemathesis: FastAPI's own 400 was {"detail": ...}, not a problem document
    base, service = live
    token = service.create_admin_token("clerk", "t")
    response = httpx.post(
        f"{base}/admin/persons",
        content=b"\xff",  # not UTF-8
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        timeout=20,
    )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["status"], body["type"]) == (400, "https://posvid.example/problems/http_400")
    assert body["title"]


def test_an_unknown_path_is_a_problem(live):
    base, _ = live
    response = httpx.get(f"{base}/no-such-page", timeout=20)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"


def test_an_enrolment_with_several_mistakes_lists_every_one_with_its_field(live):
    base, service = live
    token = service.create_admin_token("clerk", "t")
    person = {"family_name": "Smith", "birth_date": "1990-02-30", "sex": "X", "tax_number": "12"}
    response = httpx.post(
        f"{base}/admin/persons",
        json=person,
        headers={"Authorization": f"Bearer {token}"},
        timeout=20,
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert (body["code"], body["field"]) == ("document_invalid", "family_name")
    assert [(e["field"], e["reason"]) for e in body["errors"]] == [
        ("family_name", "cyrillic"),
        ("given_name", "required"),
        ("birth_date", "not_a_date"),
        ("sex", "format"),
        ("tax_number", "tax_digits"),
    ]
    assert all(e["detail"] for e in body["errors"])
