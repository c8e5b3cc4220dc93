"""One clock: every time-dependent rule of the verifier reads its injected clock, and no other."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from crypto import FixedClock, Jwks, SigningKey, StatusList
from crypto.jws import sign_compact
from tests.support.servers import serve_app
from verifier.api.app import create_app
from verifier.checks import IssuerInfo
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.storage.models import AuditEntry

NOW = 1_800_000_000
STATUS_URI = "http://127.0.0.1:9/status-lists/1"
WINDOW, TTL = 900, 300


def _verifier(home: Path, clock: FixedClock, **settings: object) -> Verifier:
    return Verifier(
        VerifierSettings(home=home, replay_window=WINDOW, request_ttl=TTL, **settings),
        clock=clock,
        http=httpx.Client(timeout=1),
    )


@pytest.fixture
def fixed() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def verifier(tmp_path: Path, fixed: FixedClock) -> Iterator[Verifier]:
    v = _verifier(tmp_path / "v", fixed)
    yield v
    v.close()
    v.http.close()


LOCAL = "http://127.0.0.1:9"
KEY = SigningKey.generate(kid="1")
#: the local issuer, whose keys verify its status list
LOCAL_INFO = IssuerInfo(LOCAL, Jwks.of([KEY]), frozenset({"urn:ua:posvid:id-card:1"}))


def _status_token(**claims: object) -> str:
    payload = {"iss": LOCAL, "sub": STATUS_URI, "iat": NOW, "exp": NOW + 86400, **claims}
    payload["status_list"] = StatusList(8).to_json()
    return sign_compact(payload, KEY, typ="statuslist+jwt")


def _trust_local_issuer(verifier: Verifier, folder: Path) -> None:
    entry = {
        "issuer": LOCAL,
        "jwks": {"keys": [KEY.public_jwk()]},
        "vcts": ["urn:ua:posvid:id-card:1"],
        "status_lists": [STATUS_URI],
    }
    (folder / "issuer.json").write_text(json.dumps(entry))
    verifier.trust.import_file(folder / "issuer.json")


def test_replay_window_follows_the_clock(verifier, fixed):
    env = verifier.environment(offline=True)
    with verifier.sessions.begin() as session:
        verifier.nonces.mark_in(session, "n" * 22)
    assert env.seen_before("n" * 22)
    fixed.advance(WINDOW)
    assert env.seen_before("n" * 22)
    fixed.advance(1)
    assert not env.seen_before("n" * 22)


def test_request_expiry_follows_the_clock(verifier, fixed):
    request = verifier.request(["given_name"])
    assert request.exp == NOW + TTL
    env = verifier.environment(offline=True)
    assert env.requested(request.nonce)
    fixed.advance(TTL)
    assert env.requested(request.nonce)
    fixed.advance(1)
    assert not env.requested(request.nonce)


def test_audit_and_trust_times_are_the_clocks(verifier, fixed, tmp_path):
    verifier.check("not a presentation")
    fixed.advance(7)
    verifier.check_image(b"not a picture")
    with verifier.sessions() as session:
        assert list(session.scalars(select(AuditEntry.at))) == [NOW, NOW + 7]
    assert verifier.audit.verify() == 2  # the chain holds with the clock's whole seconds
    _trust_local_issuer(verifier, tmp_path)
    assert verifier.trust.describe(verifier.trust.records()[0])["added_at"] == NOW + 7


def test_status_list_freshness_follows_the_clock(verifier, fixed):
    stored = verifier.status_lists.store(STATUS_URI, _status_token(ttl=60), LOCAL_INFO)
    assert (stored.fetched_at, stored.fresh) == (NOW, True)
    fixed.advance(60)
    assert verifier.status_token(STATUS_URI, LOCAL_INFO, offline=True).fresh
    fixed.advance(1)
    stale = verifier.status_token(STATUS_URI, LOCAL_INFO, offline=True)
    assert (stale.fetched_at, stale.fresh) == (NOW, False)
    # a token that states no ttl is fresh for the configured default
    verifier.status_lists.store(STATUS_URI, _status_token(), LOCAL_INFO)
    fixed.advance(verifier.settings.status_default_ttl)
    assert verifier.status_token(STATUS_URI, LOCAL_INFO, offline=True).fresh
    fixed.advance(1)
    assert not verifier.status_token(STATUS_URI, LOCAL_INFO, offline=True).fresh


def test_trust_page_ages_follow_the_clock(verifier, fixed, tmp_path):
    _trust_local_issuer(verifier, tmp_path)
    verifier.status_lists.store(STATUS_URI, _status_token(ttl=60), LOCAL_INFO)
    fixed.advance(3 * 60 + 59)
    with serve_app(create_app(verifier=verifier)) as url:
        page = httpx.get(url + "/trust?lang=en", timeout=30)
    assert "Revocation list fetched 3 min ago" in page.text
    assert STATUS_URI in page.text


@pytest.mark.e2e
def test_a_whole_check_reads_the_clock(issuer, card, tmp_path):
    """Replayed, then valid again once the window passed; a request refused once it expired."""
    base, _, _ = issuer
    unlocked, card_id, _ = card
    clock = FixedClock(int(time.time()))
    verifier = _verifier(tmp_path / "v", clock, max_age=10 * WINDOW)
    verifier.trust.add_url(verifier.http, base)
    payload = unlocked.present(card_id, preset="age18").payload
    assert verifier.check(payload, offline=True).verdict == "valid"
    assert verifier.check(payload, offline=True).verdict == "replayed"
    clock.advance(WINDOW + 1)
    assert verifier.check(payload, offline=True).verdict == "valid"
    request = verifier.request(["given_name"])
    clock.advance(TTL + 1)
    late = verifier.check(unlocked.present(card_id, request=request.encode()).payload)
    assert late.failed == ["audience_nonce"]
    verifier.close()
    verifier.http.close()
