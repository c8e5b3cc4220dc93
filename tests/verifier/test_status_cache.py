"""Status lists fail safe: verified before they are cached; an old list still says what it said."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from crypto import STATUS_INVALID, STATUS_VALID, FixedClock, SigningKey, StatusList, StatusReference
from crypto.b64 import b64url_encode
from crypto.jws import sign_compact
from crypto.status_list import STATUS_LIST_TYP
from tests.support.factory import ISSUER, NOW, VCT, presentation
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.verdict import Verdict

URI = ISSUER + "/status-lists/1"
KEY = SigningKey.generate(kid="1")
HOLDER = SigningKey.generate()


def status_list(value: int = STATUS_VALID, *, key: SigningKey = KEY, **claims: object) -> str:
    """The issuer's list with entry 7 set to ``value``; ``None`` drops a claim."""
    entries = StatusList(64, 2)
    entries[7] = value
    payload = {"iss": ISSUER, "sub": URI, "iat": NOW, "exp": NOW + 3600, "ttl": 300}
    payload.update(claims)
    payload["status_list"] = entries.to_json()
    kept = {k: v for k, v in payload.items() if v is not None}
    return sign_compact(kept, key, typ=STATUS_LIST_TYP)


def unsigned(token: str) -> str:
    header = b64url_encode(json.dumps({"alg": "none", "typ": STATUS_LIST_TYP}).encode())
    return f"{header}.{token.split('.')[1]}."


class Endpoint:
    """The issuer's status list URL: answers HTTP ``code`` with ``body``."""

    def __init__(self) -> None:
        self.body, self.code, self.calls = "", 200, 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls += 1
        return httpx.Response(self.code, text=self.body)


@pytest.fixture
def endpoint() -> Endpoint:
    return Endpoint()


@contextmanager
def trusting(
    folder: Path, clock: FixedClock, endpoint: Endpoint, **settings: Any
) -> Iterator[Verifier]:
    """A verifier (clock: ``tests/conftest.py``'s) trusting the issuer and its list."""
    http = httpx.Client(transport=httpx.MockTransport(endpoint))
    v = Verifier(VerifierSettings(home=folder / "v", **settings), clock=clock, http=http)
    entry = {"issuer": ISSUER, "jwks": {"keys": [KEY.public_jwk()]}, "vcts": [VCT]}
    (folder / "issuer.json").write_text(json.dumps({**entry, "status_lists": [URI]}))
    v.trust.import_file(folder / "issuer.json")
    try:
        yield v
    finally:
        v.close()
        http.close()


@pytest.fixture
def verifier(tmp_path: Path, clock: FixedClock, endpoint: Endpoint) -> Iterator[Verifier]:
    with trusting(tmp_path, clock, endpoint) as v:
        yield v


def check(verifier: Verifier, clock: FixedClock, *, offline: bool = False) -> Verdict:
    """A fresh presentation of a credential at entry 7 of the list."""
    text = presentation(
        KEY,
        HOLDER,
        nonce=secrets.token_urlsafe(16),
        iat=clock.now(),
        status=StatusReference(7, URI),
    )
    return verifier.check(text, offline=offline)


JUNK = {
    "maintenance page": lambda: "<html><body>Back soon</body></html>",
    "unsigned token": lambda: unsigned(status_list()),
    "another key": lambda: status_list(key=SigningKey.generate(kid="1")),
    "another list": lambda: status_list(sub=URI + "0"),
    "another issuer": lambda: status_list(iss="https://evil.example"),
    "no iat": lambda: status_list(iat=None),
    "expired": lambda: status_list(iat=NOW, exp=NOW + 100),
}


@pytest.mark.parametrize("junk", list(JUNK), ids=list(JUNK))
def test_a_junk_answer_never_replaces_a_verified_list(verifier, clock, endpoint, junk):
    endpoint.body = status_list(STATUS_INVALID)
    assert verifier.sync() == {"fetched": [URI], "unchanged": [], "failed": []}
    clock.advance(301)  # past the list's ttl: the next check fetches again
    endpoint.body = JUNK[junk]()
    result = verifier.sync()
    assert result["fetched"] == []
    assert [f["uri"] for f in result["failed"]] == [URI]
    verdict = check(verifier, clock)
    assert endpoint.calls == 3  # the check tried the network too
    assert (verdict.verdict, verdict.status, verdict.status_as_of) == ("revoked", "revoked", NOW)


def test_a_junk_answer_is_never_cached(verifier, clock, endpoint):
    endpoint.body = unsigned(status_list(STATUS_INVALID, ttl=10**9))
    assert [f["uri"] for f in verifier.sync()["failed"]] == [URI]
    assert verifier.status_ages() == {}
    verdict = check(verifier, clock, offline=True)
    assert (verdict.verdict, verdict.colour, verdict.status) == ("valid", "amber", "unknown")


def test_ttl_is_the_verified_lists(verifier, clock, endpoint):
    endpoint.body = status_list(ttl=60)
    verifier.sync()
    clock.advance(60)
    assert verifier.status_token(URI, verifier.trust.issuer(ISSUER), offline=True).fresh
    clock.advance(1)
    assert not verifier.status_token(URI, verifier.trust.issuer(ISSUER), offline=True).fresh


def test_an_older_list_never_replaces_a_newer_one(verifier, clock, endpoint):
    endpoint.body = status_list(STATUS_INVALID)
    verifier.sync()
    clock.advance(301)
    endpoint.body = status_list(STATUS_VALID, iat=NOW - 600)  # signed, but from before
    assert [f["uri"] for f in verifier.sync()["failed"]] == [URI]
    assert check(verifier, clock).verdict == "revoked"


def test_a_list_without_iss_is_verified_with_the_credential_issuers_keys(verifier, clock, endpoint):
    endpoint.body = status_list(STATUS_INVALID, iss=None)
    assert verifier.sync()["fetched"] == [URI]
    verdict = check(verifier, clock, offline=True)
    assert (verdict.verdict, verdict.failed) == ("revoked", ["status"])


def test_a_list_without_iss_signed_by_another_key_is_refused(verifier, clock, endpoint):
    endpoint.body = status_list(STATUS_INVALID, iss=None, key=SigningKey.generate(kid="1"))
    assert verifier.sync()["fetched"] == []
    assert check(verifier, clock).status == "unknown"


def test_an_expired_list_that_says_revoked_still_says_so(verifier, clock, endpoint):
    endpoint.body = status_list(STATUS_INVALID, exp=NOW + 600)
    verifier.sync()
    clock.advance(7200)
    endpoint.code = 503
    for offline in (True, False):
        verdict = check(verifier, clock, offline=offline)
        assert (verdict.verdict, verdict.status, verdict.status_as_of) == (
            "revoked",
            "revoked",
            NOW,
        )
        assert any(w.startswith("status as of") for w in verdict.warnings)


def test_an_expired_list_that_says_valid_gives_status_as_of(verifier, clock, endpoint):
    endpoint.body = status_list(STATUS_VALID, exp=NOW + 600)
    verifier.sync()
    clock.advance(7200)
    verdict = check(verifier, clock, offline=True)
    assert (verdict.verdict, verdict.colour, verdict.status) == ("valid", "amber", "valid")
    assert verdict.status_as_of == NOW
    assert any(w.startswith("status as of") for w in verdict.warnings)


def test_require_fresh_status_makes_an_old_list_red(tmp_path, clock, endpoint):
    rules = {"require_fresh_status": True, "status_max_age_hours": 2}
    with trusting(tmp_path, clock, endpoint, **rules) as strict:
        assert check(strict, clock, offline=True).verdict == "status_unknown"
        endpoint.body = status_list(exp=NOW + 86400 * 7)
        strict.sync()
        clock.advance(2 * 3600 - 60)
        assert check(strict, clock, offline=True).colour == "amber"  # old, not too old
        clock.advance(120)
        verdict = check(strict, clock, offline=True)
    assert (verdict.verdict, verdict.colour, verdict.failed) == (
        "status_unknown",
        "red",
        ["status"],
    )
