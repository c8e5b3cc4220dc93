"""The verifier's page and API under uvicorn: only its own names, its own forms, bounded bodies."""

from __future__ import annotations

import select
import socket
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import httpx
import pytest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from posvid.common.web_guard import CSRF_COOKIE, CSRF_FIELD
from tests.support.servers import serve_app
from verifier.api.app import create_app

MB = 1024 * 1024


@pytest.fixture
def site(verifier) -> Iterator[str]:
    with serve_app(create_app(verifier=verifier)) as url:
        yield url


@pytest.fixture
def http(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=30) as client:
        yield client


def test_a_foreign_host_is_refused(http, site):
    """DNS rebinding: a page of attacker.example whose name now resolves to 127.0.0.1."""
    port = urlsplit(site).port
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}"):
        for path in ("/", "/trust", "/openapi.json"):
            refused = http.get(path, headers={"host": host})
            assert refused.status_code == 400, (host, path)
            assert refused.json()["code"] == "host_not_allowed"
    assert http.post("/api/verify", json={"payload": "x"}, headers={"host": "a.example"}).is_error
    assert http.get("/", headers={"host": f"localhost:{port}"}).status_code == 200
    assert http.get("/").status_code == 200


def test_a_configured_name_is_answered(verifier):
    verifier.settings.allowed_hosts = ["verifier.border.local"]
    with serve_app(create_app(verifier=verifier)) as url:
        assert httpx.get(url, headers={"host": "verifier.border.local"}).status_code == 200
        assert httpx.get(url).status_code == 400  # 127.0.0.1 is no longer one of its names


def test_a_cross_site_post_is_refused_and_the_pages_own_form_works(http, site):
    evil = {"origin": "http://attacker.example"}
    form = {"payload": "PV1:not-a-code"}
    refused = http.post("/check", data=form, headers=evil)
    assert (refused.status_code, refused.json()["code"]) == (403, "origin_not_allowed")
    refused = http.post("/api/verify", json={"payload": "x"}, headers=evil)
    assert (refused.status_code, refused.json()["code"]) == (403, "origin_not_allowed")
    no_token = http.post("/check", data=form, headers={"origin": site})
    assert (no_token.status_code, no_token.json()["code"]) == (403, "csrf_invalid")
    http.get("/")  # the page: its cookie, and the same token in its form
    token = http.cookies[CSRF_COOKIE]
    assert f'name="{CSRF_FIELD}" value="{token}"' in http.get("/?lang=en").text
    sent = http.post(
        "/check?lang=en",
        data={**form, CSRF_FIELD: token},
        headers={"origin": site},
        follow_redirects=True,
    )
    assert sent.status_code == 200
    assert 'class="verdict' in sent.text
    api = http.post("/api/verify", json={"payload": "x"})  # a program: no Origin, no token
    assert api.json()["verdict"] == "unreadable"


def _chunked_upload(url: str, total: int, chunk: int = 64 * 1024) -> tuple[bytes, int]:
    """POST ``total`` bytes chunked, stopping at the first answer; (answer, bytes sent)."""
    parts = urlsplit(url)
    sent = 0
    with socket.create_connection((parts.hostname, parts.port), timeout=30) as sock:
        sock.sendall(
            b"POST /api/verify HTTP/1.1\r\n"
            + f"Host: {parts.netloc}\r\n".encode()
            + b"Content-Type: multipart/form-data; boundary=b\r\n"
            + b"Transfer-Encoding: chunked\r\n\r\n"
        )
        head = b'--b\r\nContent-Disposition: form-data; name="image"; filename="qr.png"\r\n\r\n'
        sock.sendall(b"%x\r\n" % len(head) + head + b"\r\n")
        data = b"%x\r\n" % chunk + b"\0" * chunk + b"\r\n"
        while sent < total and not select.select([sock], [], [], 0)[0]:
            sock.sendall(data)
            sent += chunk
        deadline = time.monotonic() + 20
        answer = b""
        while b"\r\n\r\n" not in answer and time.monotonic() < deadline:
            answer += sock.recv(65536)
    return answer, sent


class BytesRead:
    """An ASGI wrapper counting the body bytes the app (the guard first) took from the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.count = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def counted() -> Message:
            message = await receive()
            self.count += len(message.get("body", b""))
            return message

        await self.app(scope, counted, send)


def test_a_chunked_oversize_body_is_cut_off_at_the_limit(verifier):
    """30 MB chunked (no Content-Length) against a 20 MB limit: 413, and no more is read."""
    limit = verifier.settings.max_image_bytes
    app = BytesRead(create_app(verifier=verifier))
    with serve_app(app) as url:
        answer, sent = _chunked_upload(url, 30 * MB)
    assert answer.startswith(b"HTTP/1.1 413 "), answer[:200]
    assert b"application/problem+json" in answer
    assert limit < app.count < limit + MB  # the app stopped reading just past the limit
    assert sent < 30 * MB  # and answered while the client was still sending
