"""The public endpoints' rate limits: per client address, 429 with Retry-After past the rate."""

from __future__ import annotations

import asyncio
import threading

import httpx

from issuer.api.app import create_app

SPAMMER, NEIGHBOUR = "203.0.113.7", "198.51.100.20"


def _post(app: object, base: str, calls: list[tuple[str, str]]) -> list[httpx.Response]:
    """POST each (client address, path) in turn, in an event loop of a thread of its own."""

    async def run() -> list[httpx.Response]:
        answers = []
        for address, path in calls:
            transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
            async with httpx.AsyncClient(transport=transport, base_url=base) as http:
                answers.append(await http.post(path))
        return answers

    result: list[httpx.Response] = []
    worker = threading.Thread(target=lambda: result.extend(asyncio.run(run())))
    worker.start()
    worker.join()
    return result


def test_nonce_hammered_past_the_limit_is_429_for_that_client_only(service, clock):
    settings = service.settings
    settings.rate_limit_burst, settings.rate_limit_per_minute = 5, 30  # one every 2 s
    app = create_app(service=service)
    base = service.issuer
    hammered = _post(app, base, [(SPAMMER, "/nonce")] * 7)
    assert [r.status_code for r in hammered] == [200] * 5 + [429] * 2
    refused = hammered[-1]
    assert refused.headers["Retry-After"] == "2"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "too_many_requests"
    neighbour = _post(app, base, [(NEIGHBOUR, "/nonce"), (NEIGHBOUR, "/token")])
    assert neighbour[0].status_code == 200  # another client has buckets of its own
    assert neighbour[1].status_code == 400  # /token counted apart, and then refused on its merits
    clock.advance(2)
    assert [r.status_code for r in _post(app, base, [(SPAMMER, "/nonce")] * 2)] == [200, 429]


def test_an_exempt_address_is_not_limited(service):
    service.settings.rate_limit_burst = 1
    service.settings.exempt_from_rate_limits = [SPAMMER]
    app = create_app(service=service)
    calls = [(SPAMMER, "/nonce")] * 3 + [(NEIGHBOUR, "/nonce")] * 2
    assert [r.status_code for r in _post(app, service.issuer, calls)] == [200] * 4 + [429]
