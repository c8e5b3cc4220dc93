"""Public documents built once per key or status list change, served with ETag and 304."""

from __future__ import annotations

import asyncio
import threading

import httpx
import pytest

from crypto import STATUS_INVALID, SigningKey
from issuer.api.app import create_app
from issuer.service import IssuerService
from tests.support.mini_wallet import redeem, request
from tests.support.servers import make_settings

HOLDER = SigningKey.generate()

DOCUMENTS = [
    "/.well-known/openid-credential-issuer",
    "/.well-known/oauth-authorization-server",
    "/.well-known/jwt-vc-issuer",
    "/type-metadata/id-card",
]


def _get(app: object, base: str, path: str, **headers: str) -> httpx.Response:
    """GET ``path`` from ``app`` in an event loop of a thread of its own."""

    async def run() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)  # type: ignore[arg-type]
        async with httpx.AsyncClient(transport=transport, base_url=base) as http:
            return await http.get(path, headers=headers)

    result: list[httpx.Response] = []
    worker = threading.Thread(target=lambda: result.append(asyncio.run(run())))
    worker.start()
    worker.join()
    return result[0]


@pytest.mark.parametrize("path", DOCUMENTS)
def test_a_document_has_a_strong_etag_and_answers_304(service, path):
    app = create_app(service=service)
    first = _get(app, service.issuer, path)
    assert first.status_code == 200
    etag = first.headers["etag"]
    assert etag.startswith('"')
    assert not etag.startswith("W/")
    assert first.headers["cache-control"] == "public, max-age=300"
    again = _get(app, service.issuer, path, **{"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag
    listed = _get(app, service.issuer, path, **{"If-None-Match": f'"other", W/{etag}'})
    assert listed.status_code == 304
    other = _get(app, service.issuer, path, **{"If-None-Match": '"other"'})
    assert other.status_code == 200
    assert other.content == first.content


def test_documents_are_built_once(service, clock):
    app = create_app(service=service)
    for _ in range(3):
        for path in DOCUMENTS:
            _get(app, service.issuer, path)
        clock.advance(1)
    assert app.state.documents.builds == len(DOCUMENTS)


def test_a_rotation_here_changes_the_keys_at_once(service):
    app = create_app(service=service)
    before = _get(app, service.issuer, "/.well-known/jwt-vc-issuer")
    service.keys.rotate()
    after = _get(app, service.issuer, "/.well-known/jwt-vc-issuer")
    assert after.headers["etag"] != before.headers["etag"]
    assert [k["kid"] for k in after.json()["jwks"]["keys"]][-1] == "2"
    stale = _get(
        app,
        service.issuer,
        "/.well-known/jwt-vc-issuer",
        **{"If-None-Match": before.headers["etag"]},
    )
    assert stale.status_code == 200


def test_a_new_status_list_changes_the_issuer_metadata(service):
    app = create_app(service=service)
    path = "/.well-known/openid-credential-issuer"
    before = _get(app, service.issuer, path)
    assert before.json()["posvid_status_lists"] == []
    service.status.allocate()  # the first index makes the first list
    after = _get(app, service.issuer, path)
    assert after.headers["etag"] != before.headers["etag"]
    assert after.json()["posvid_status_lists"] == [service.status.uri(1)]


def test_another_worker_sees_a_rotation_within_the_stamp_interval(service, clock):
    app = create_app(service=service)
    documents = app.state.documents
    path = "/.well-known/jwt-vc-issuer"
    before = _get(app, service.issuer, path)
    other = IssuerService(service.settings, clock=clock)  # another process over the database
    try:
        other.keys.rotate()
        other.status.allocate()
    finally:
        other.engine.dispose()
    assert _get(app, service.issuer, path).headers["etag"] == before.headers["etag"]
    clock.advance(documents.stamp_every)
    after = _get(app, service.issuer, path)
    assert after.headers["etag"] != before.headers["etag"]
    assert {k["kid"] for k in after.json()["jwks"]["keys"]} == {"2"}  # "1" signed nothing
    issuer = _get(app, service.issuer, "/.well-known/openid-credential-issuer").json()
    assert len(issuer["posvid_status_lists"]) == 1


def test_the_documents_are_rebuilt_after_max_age(service, clock):
    app = create_app(service=service)
    _get(app, service.issuer, "/.well-known/jwt-vc-issuer")
    clock.advance(app.state.documents.max_age)
    _get(app, service.issuer, "/.well-known/jwt-vc-issuer")
    assert app.state.documents.builds == 2


def test_a_status_list_has_an_etag_a_revocation_changes(service, protocol, document):
    app = create_app(service=service)
    request(protocol, redeem(protocol, service.create_offer(document.id, actor="t")), [HOLDER])
    list_id = 1
    path = f"/status-lists/{list_id}"
    first = _get(app, service.issuer, path)
    assert first.status_code == 200
    assert first.headers["content-type"] == "application/statuslist+jwt"
    ttl = service.settings.status_list_ttl_seconds
    assert first.headers["cache-control"] == f"public, max-age={ttl}"
    etag = first.headers["etag"]
    same = _get(app, service.issuer, path, **{"If-None-Match": etag})
    assert same.status_code == 304
    assert same.content == b""
    service.set_document_status(document.id, STATUS_INVALID, actor="t")
    changed = _get(app, service.issuer, path, **{"If-None-Match": etag})
    assert changed.status_code == 200
    assert changed.headers["etag"] != etag


def test_a_status_list_is_never_cached_past_its_exp(tmp_path, db_url, clock):
    settings = make_settings(
        tmp_path, db_url, status_list_ttl_seconds=600, status_list_validity_seconds=200
    )
    service = IssuerService(settings, clock=clock)
    app = create_app(service=service)
    list_id, _ = service.status.allocate()
    answer = _get(app, service.issuer, f"/status-lists/{list_id}")
    assert answer.headers["cache-control"] == "public, max-age=200"
    service.engine.dispose()
