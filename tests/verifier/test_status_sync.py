"""Conditional sync: If-None-Match with the cached list's ETag; a 304 re-verifies nothing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from crypto import STATUS_INVALID, FixedClock
from tests.support.factory import ISSUER, NOW
from tests.verifier.test_status_cache import URI, check, status_list, trusting
from verifier import inbound
from verifier.service import Verifier
from verifier.storage.models import CachedStatusList


class Tagged:
    """The issuer's status list URL with ETags: ``304`` when ``If-None-Match`` names the body's."""

    def __init__(self) -> None:
        self.body = ""
        self.asked: list[str | None] = []  # the If-None-Match of each request

    def etag(self) -> str:
        return f'"{hashlib.sha256(self.body.encode()).hexdigest()[:32]}"'

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.asked.append(request.headers.get("if-none-match"))
        headers = {"ETag": self.etag()}
        if request.headers.get("if-none-match") == self.etag():
            return httpx.Response(304, headers=headers)
        return httpx.Response(200, text=self.body, headers=headers)


@pytest.fixture
def tagged() -> Tagged:
    return Tagged()


@pytest.fixture
def verifier(tmp_path: Path, clock: FixedClock, tagged: Tagged) -> Iterator[Verifier]:
    with trusting(tmp_path, clock, tagged) as v:  # type: ignore[arg-type]
        yield v


@pytest.fixture
def verifications(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every status list token verified."""
    seen: list[str] = []
    real = inbound.status_list_token

    def counted(token: str, **kwargs: object) -> object:
        seen.append(token)
        return real(token, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(inbound, "status_list_token", counted)
    return seen


def cached(verifier: Verifier) -> CachedStatusList:
    with verifier.sessions() as session:
        row = session.get(CachedStatusList, URI)
        assert row is not None
        return row


def test_an_unchanged_list_is_a_304_not_verified_nor_rewritten(
    verifier, clock, tagged, verifications
):
    tagged.body = status_list()
    assert verifier.sync() == {"fetched": [URI], "unchanged": [], "failed": []}
    assert tagged.asked == [None]
    first = cached(verifier)
    assert first.etag == tagged.etag()
    assert len(verifications) == 1
    clock.advance(120)
    assert verifier.sync() == {"fetched": [URI], "unchanged": [URI], "failed": []}
    assert tagged.asked[-1] == tagged.etag()
    assert len(verifications) == 1  # the 304 verified nothing
    again = cached(verifier)
    assert (again.token, again.etag) == (first.token, first.etag)
    assert again.fetched_at == NOW + 120  # only fetched-at moved
    assert again.ttl == 300


def test_a_changed_list_is_fetched_verified_and_stored(verifier, clock, tagged, verifications):
    tagged.body = status_list()
    verifier.sync()
    clock.advance(301)
    tagged.body = status_list(STATUS_INVALID, iat=NOW + 301)
    assert verifier.sync() == {"fetched": [URI], "unchanged": [], "failed": []}
    assert len(verifications) == 3  # the new one, and the cached one's iat (never older)
    assert cached(verifier).token == tagged.body
    assert cached(verifier).etag == tagged.etag()
    assert check(verifier, clock, offline=True).status == "revoked"


def test_a_304_never_makes_a_list_fresh_past_its_exp(verifier, clock, tagged):
    tagged.body = status_list(exp=NOW + 400)
    verifier.sync()
    clock.advance(300)
    assert verifier.sync()["unchanged"] == [URI]
    issuer = verifier.trust.issuer(ISSUER)
    clock.advance(100)
    assert verifier.status_token(URI, issuer, offline=True).fresh  # 300 s of ttl, 100 of exp
    clock.advance(1)
    assert not verifier.status_token(URI, issuer, offline=True).fresh


def test_a_list_past_its_exp_is_fetched_without_if_none_match(verifier, clock, tagged):
    tagged.body = status_list(exp=NOW + 400)
    verifier.sync()
    clock.advance(400)
    assert verifier.sync()["unchanged"] == []  # a full fetch, verified on its own merits
    assert tagged.asked[-1] is None
