"""``POST /api/verify``: what the API fuzzing (tests/test_api_fuzz.py) found, kept."""

from __future__ import annotations

import httpx
import pytest

from tests.support.servers import serve_app
from verifier.api.app import create_app

pytestmark = pytest.mark.e2e


def test_a_body_that_is_no_multipart_form_is_a_problem(verifier):
    # found by schemathesis: Starlette's own 400 was {"detail": ...}, not a problem document
    with serve_app(create_app(verifier=verifier)) as url:
        response = httpx.post(
            f"{url}/api/verify",
            content=b"--x\r\nContent[Disposition: form-data\r\n\r\n1\r\n--x--\r\n",
            headers={"Content-Type": "multipart/form-data; boundary=x"},
            timeout=30,
        )
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 400
    assert body["type"].startswith("https://posvid.example/problems/")
    assert body["title"]
