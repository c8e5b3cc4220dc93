"""The HTTP surface: problem details, OAuth errors, auth, size limits, the clerk's pages."""

from __future__ import annotations

import re

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from issuer.api.problems import oauth_description

pytestmark = pytest.mark.e2e


@pytest.fixture
def http(live):
    base, service = live
    with httpx.Client(base_url=base, timeout=20) as client:
        client.service = service  # type: ignore[attr-defined]
        yield client


def test_admin_api_needs_a_token_and_the_right_role(http):
    anonymous = http.get("/admin/persons", params={"q": "К"})
    assert anonymous.status_code == 401
    assert anonymous.headers["content-type"] == "application/problem+json"
    assert anonymous.json()["code"] == "unauthorized"
    clerk = http.service.create_admin_token("clerk", "t")
    forbidden = http.post("/admin/keys/rotate", headers={"Authorization": f"Bearer {clerk}"})
    assert forbidden.status_code == 403
    admin = http.service.create_admin_token("admin", "t")
    rotated = http.post("/admin/keys/rotate", headers={"Authorization": f"Bearer {admin}"})
    assert rotated.status_code == 200
    assert rotated.json()["kid"] == "2"


def test_invalid_document_is_a_problem_with_the_field(http):
    token = http.service.create_admin_token("clerk", "t")
    response = http.post(
        "/admin/persons",
        headers={"Authorization": f"Bearer {token}"},
        json={
            "family_name": "Smith",
            "given_name": "Олена",
            "birth_date": "1990-01-01",
            "sex": "F",
        },
    )
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "family_name"
    assert body["type"].endswith("/document_invalid")


def test_oauth_errors_use_the_oauth_shape(http):
    response = http.post("/token", data={"grant_type": "password"})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"
    assert response.headers["cache-control"] == "no-store"
    unauthorized = http.post("/credential", json={})
    assert unauthorized.status_code == 401
    assert unauthorized.headers["www-authenticate"].startswith("Bearer")
    garbage = http.post("/credential", content=b"not json", headers={"Authorization": "Bearer x"})
    assert garbage.json()["error"] == "invalid_credential_request"
    shapeless = http.post(
        "/credential",
        json={"credential_configuration_id": "id-card", "proof": {}},
        headers={"Authorization": "Bearer x"},
    )
    assert ALLOWED_IN_DESCRIPTION.fullmatch(shapeless.json()["error_description"])


#: OpenID4VCI 1.0 §8.3.1.2 (RFC 6749 §5.2): %x20-21 / %x23-5B / %x5D-7E
ALLOWED_IN_DESCRIPTION = re.compile(r"[\x20\x21\x23-\x5b\x5d-\x7e]*")


@given(st.text(max_size=200))
def test_any_message_becomes_an_allowed_description(message):
    assert ALLOWED_IN_DESCRIPTION.fullmatch(oauth_description(message))


def test_oversized_requests_are_refused_before_any_work(http):
    big = b"x" * (http.service.settings.max_request_bytes + 1)
    assert http.post("/credential", content=big).status_code == 413

    def chunks():
        yield big

    # a streamed body is cut off by the web guard where the app reads past the limit
    form = {"content-type": "application/x-www-form-urlencoded"}
    assert http.post("/token", content=chunks(), headers=form).status_code == 413


def test_metadata_documents(http):
    issuer = http.get("/.well-known/openid-credential-issuer").json()
    assert issuer["credential_issuer"] == str(http.base_url).rstrip("/")
    assert {"id-card", "id-card-border", "id-card-age", "passport", "taxpayer"} <= set(
        issuer["credential_configurations_supported"]
    )
    config = issuer["credential_configurations_supported"]["id-card"]
    assert config["format"] == "dc+sd-jwt"
    assert config["cryptographic_binding_methods_supported"] == ["jwk"]
    # OpenID4VCI 1.0 Appendix B.2: a claim's display entries name it with ``name``
    claims = config["credential_metadata"]["claims"]
    assert {
        "path": ["given_name"],
        "display": [{"name": "Ім'я", "locale": "uk"}, {"name": "Given name", "locale": "en"}],
    } in claims
    assert all("label" not in d for c in claims for d in c["display"])
    server = http.get("/.well-known/oauth-authorization-server").json()
    assert server["token_endpoint"].endswith("/token")
    labels = http.get("/type-metadata/id-card-border").json()
    assert {
        "path": ["given_name"],
        "sd": "always",
        "display": [{"locale": "uk", "label": "Ім'я"}, {"locale": "en", "label": "Given name"}],
    } in labels["claims"]
    assert http.get("/type-metadata/nothing").status_code == 404
    openapi = http.get("/openapi.json").json()
    assert "/credential" in openapi["paths"]


def test_clerk_pages_enrol_offer_and_revoke(http):
    assert "Clerk sign-in" in http.get("/clerk?lang=en").text  # the lang cookie keeps it
    http.headers["x-csrf-token"] = http.cookies["posvid_csrf"]  # what the forms' field carries
    assert http.post("/clerk/login", data={"token": "wrong"}).status_code == 401
    token = http.service.create_admin_token("clerk", "desk 4")
    assert http.post("/clerk/login", data={"token": token}).status_code == 303
    enrolled = http.post(
        "/clerk/persons",
        data={
            "family_name": "Гончаренко",
            "given_name": "Юрій",
            "birth_date": "1979-05-05",
            "sex": "M",
            "record_number": "19790505-00123",
        },
        follow_redirects=True,
    )
    assert enrolled.status_code == 200
    assert "Honcharenko Yurii" in enrolled.text
    person_url = str(enrolled.url)
    added = http.post(
        person_url.replace(str(http.base_url).rstrip("/"), "") + "/documents",
        data={
            "type": "id-card",  # each type's fields are named after it
            "id-card:document_number": "111222333",
            "id-card:issue_date": "2021-03-03",
            "id-card:issuing_authority": "0101",
        },
        follow_redirects=True,
    )
    assert "111222333" in added.text
    document_id = re.search(r"/clerk/documents/([0-9a-f-]{36})/offer", added.text).group(1)
    offer = http.post(f"/clerk/documents/{document_id}/offer", data={"batch": "2"})
    assert offer.status_code == 200
    assert "data:image/png;base64," in offer.text
    assert re.search(r'id="tx-code">\d{6}<', offer.text)
    not_a_number = http.post(f"/clerk/documents/{document_id}/offer", data={"batch": "two"})
    assert not_a_number.status_code == 422
    assert "whole number" in not_a_number.text
    asked = http.post(f"/clerk/documents/{document_id}/revoke")  # asks first: it is final
    assert "cannot be reinstated" in asked.text
    revoked = http.post(
        f"/clerk/documents/{document_id}/revoke", data={"confirm": "yes"}, follow_redirects=True
    )
    assert "revoked for good" in revoked.text
    bad = http.post(
        person_url.replace(str(http.base_url).rstrip("/"), "") + "/documents",
        data={"type": "id-card", "id-card:document_number": "12"},
    )
    assert bad.status_code == 422
    assert "Wrong format. 9 digits, e.g. 004512345." in bad.text  # every field's own words
    assert 'value="12"' in bad.text  # what was typed is kept
