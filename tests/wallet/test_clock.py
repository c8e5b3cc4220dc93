"""One clock: every rule of the wallet that depends on "now" reads the wallet's injected clock."""

from __future__ import annotations

import datetime as dt
import time

import httpx
import pytest

from crypto import FixedClock
from tests.support.roles import PIN
from tests.support.servers import serve_app
from tests.wallet.conftest import collected_on_a_clock, csrf_token
from wallet import errors as e
from wallet.api.app import create_app
from wallet.service import Wallet
from wallet.settings import WalletSettings

START = 1_700_000_000


def test_wrong_pins_lock_until_the_clock_moves_past_the_lock(tmp_path):
    clock = FixedClock(START)
    wallet = Wallet(WalletSettings(home=tmp_path / "w"), clock=clock)
    wallet.init("135790")
    for _ in range(4):  # three are free; the fourth locks for 2 s
        with pytest.raises(e.WrongPin):
            wallet.unlock("000000")
    with pytest.raises(e.LockedOut):
        wallet.unlock("135790")
    clock.advance(1)
    with pytest.raises(e.LockedOut):
        wallet.unlock("135790")
    clock.advance(2)
    assert wallet.unlock("135790").cards() == []  # no real waiting
    wallet.close()


def test_history_cache_and_presentations_carry_the_clocks_time(issuer, offer, tmp_path):
    clock, unlocked, card_id = collected_on_a_clock(offer, tmp_path / "w", batch=1)
    wallet = unlocked.wallet
    first = unlocked.present(card_id, preset="age18")
    clock.advance(60)
    second = unlocked.present(card_id, preset="border")
    assert second.expires_at == clock.now() + wallet.settings.qr_lifetime_seconds
    assert first.expires_at == second.expires_at - 60
    stamps = [h.at.replace(tzinfo=dt.UTC).timestamp() for h in unlocked.history()]
    assert stamps == [clock.now(), clock.now() - 60]
    with wallet.sessions() as session:
        from wallet.storage.models import CachedDocument

        assert {c.fetched_at for c in session.query(CachedDocument)} == {clock.now() - 60}
    wallet.close()


def test_proofs_are_signed_at_the_clocks_time(issuer, offer, tmp_path):
    clock = FixedClock(int(time.time()) - 3600)  # an hour behind: the issuer finds proofs stale
    wallet = Wallet(WalletSettings(home=tmp_path / "w"), clock=clock)
    wallet.init(PIN)
    with pytest.raises(e.OfferError, match="proof"):
        wallet.unlock(PIN).accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    wallet.close()


def test_a_page_session_ends_after_the_idle_time_on_the_clock(tmp_path):
    clock = FixedClock(START)
    settings = WalletSettings(home=tmp_path / "w", page_idle_seconds=600)
    wallet = Wallet(settings, clock=clock)
    wallet.init(PIN)
    with (
        serve_app(create_app(wallet=wallet)) as base,
        httpx.Client(base_url=base, timeout=30) as page,
    ):
        form = {"pin": PIN, "csrf": csrf_token(page)}
        assert page.post("/unlock", data=form, follow_redirects=False).status_code == 303
        clock.advance(600)
        assert "Документів ще немає" in page.get("/").text  # used: the idle time starts again
        clock.advance(600)
        assert "Документів ще немає" in page.get("/").text
        clock.advance(601)
        assert "Відкрити гаманець" in page.get("/").text
    wallet.close()
