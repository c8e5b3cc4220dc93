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
