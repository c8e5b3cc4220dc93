"""The web guard over a small app: hosts, origins, CSRF tokens, the streaming body limit."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator

import httpx
import pytest
from fastapi import Depends, FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse

from posvid.common.errors import PosvidError
from posvid.common.web_guard import (
    CSRF_COOKIE,
    CSRF_FIELD,
    CSRF_HEADER,
    STATUS,
    CsrfTokens,
    WebGuard,
)
from tests.support.servers import serve_app

LIMIT = 1000


def answer(exc: PosvidError) -> JSONResponse:
    return JSONResponse({"code": exc.code}, status_code=STATUS[type(exc)])


def guarded(allowed_hosts: tuple[str, ...] = ("127.0.0.1",)) -> FastAPI:
    csrf = CsrfTokens(exempt=("/api/",))
    app = FastAPI(dependencies=[Depends(csrf.check)])

    @app.get("/")
    def page(request: Request) -> PlainTextResponse:
        response = PlainTextResponse(str(csrf.field(request)))
        csrf.set_cookie(request, response)
        return response

    @app.post("/form")
    async def form(request: Request) -> PlainTextResponse:
        async with request.form() as fields:
            return PlainTextResponse(str(fields.get("text")))

    @app.post("/api/echo")
    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    for error in STATUS:
        app.add_exception_handler(error, lambda _, exc: answer(exc))  # type: ignore[arg-type]
    app.add_middleware(WebGuard, answer=answer, max_body=LIMIT, allowed_hosts=allowed_hosts)
    return app


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_app(guarded()) as url:
        yield url


@pytest.fixture
def client(site: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=site, timeout=10) as http:
        yield http


def code(response) -> str:
    return response.json()["code"]


def test_a_foreign_host_is_refused(client):
    assert client.get("/").status_code == 200
    refused = client.get("/", headers={"host": "attacker.example"})
    assert (refused.status_code, code(refused)) == (400, "host_not_allowed")


def test_by_default_the_loopback_names_at_the_listening_port():
    guard = WebGuard(guarded(), answer=answer, max_body=LIMIT)
    scope = {"server": ("127.0.0.1", 8003), "scheme": "http"}
    for host in ("127.0.0.1:8003", "localhost:8003", "[::1]:8003", "LOCALHOST:8003"):
        assert guard.host_allowed(host, scope), host
    for host in ("127.0.0.1:9000", "localhost", "rebound.attacker.example:8003", "", "[::1]"):
        assert not guard.host_allowed(host, scope), host


def test_a_configured_name_without_a_port_takes_any_port():
    guard = WebGuard(guarded(), answer=answer, max_body=LIMIT, allowed_hosts=["Border.Local"])
    scope = {"server": ("0.0.0.0", 8003), "scheme": "http"}  # noqa: S104 - a scope, no socket
    assert guard.host_allowed("border.local:8443", scope)
    assert guard.host_allowed("border.local", scope)
    assert not guard.host_allowed("localhost:8003", scope)


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://attacker.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1.attacker.example"},
        {"referer": "http://attacker.example/page"},
    ],
)
def test_a_cross_site_state_change_is_refused(client, headers):
    for path in ("/form", "/api/echo"):
        refused = client.post(path, content=b"x", headers=headers)
        assert (refused.status_code, code(refused)) == (403, "origin_not_allowed")


def test_a_program_without_origin_uses_the_api_without_a_token(client, site):
    assert client.post("/api/echo", content=b"12345").text == "5"
    assert client.post("/api/echo", content=b"1", headers={"origin": site}).text == "1"


def test_a_pages_form_needs_the_cookies_token(client, site):
    token = client.get("/").cookies[CSRF_COOKIE]
    assert f'name="{CSRF_FIELD}" value="{token}"' in client.get("/").text  # the same, kept
    sent = client.post("/form", data={"text": "hi", CSRF_FIELD: token}, headers={"origin": site})
    assert sent.text == "hi"
    by_script = client.post("/form", data={"text": "js"}, headers={CSRF_HEADER: token})
    assert by_script.text == "js"
    missing = client.post("/form", data={"text": "hi"}, headers={"origin": site})
    assert (missing.status_code, code(missing)) == (403, "csrf_invalid")
    wrong = client.post("/form", data={"text": "hi", CSRF_FIELD: CsrfTokens().make()})
    assert code(wrong) == "csrf_invalid"


def test_a_token_this_app_did_not_sign_is_refused_even_in_both_places(client):
    forged = CsrfTokens().make()  # another secret: a token an attacker made and planted
    client.cookies.set(CSRF_COOKIE, forged)
    refused = client.post("/form", data={"text": "hi", CSRF_FIELD: forged})
    assert code(refused) == "csrf_invalid"
    fresh = client.get("/").cookies[CSRF_COOKIE]
    assert fresh != forged


def test_a_declared_length_over_the_limit_is_refused_unread(client):
    refused = client.post("/api/echo", content=b"x" * (LIMIT + 1))
    assert (refused.status_code, code(refused)) == (413, "request_too_large")
    assert client.post("/api/echo", content=b"x" * LIMIT).text == str(LIMIT)


def test_a_streamed_body_is_cut_off_at_the_limit():
    """No Content-Length: the guard stops reading where the body passes the limit."""
    pulled: list[int] = []
    sent: list[dict] = []

    async def receive() -> dict:
        pulled.append(100)
        return {"type": "http.request", "body": b"x" * 100, "more_body": True}  # endless

    async def send(message: dict) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/echo",
        "raw_path": b"/api/echo",
        "query_string": b"",
        "headers": [(b"host", b"127.0.0.1"), (b"transfer-encoding", b"chunked")],
        "scheme": "http",
        "server": ("127.0.0.1", 80),
        "root_path": "",
    }
    # a thread of its own: an earlier test (Playwright's sync API) may leave a loop running here
    worker = threading.Thread(target=asyncio.run, args=(guarded()(scope, receive, send),))
    worker.start()
    worker.join(timeout=30)
    assert sent[0]["status"] == 413
    assert sum(pulled) == LIMIT + 100  # read up to the first chunk past the limit, no further
