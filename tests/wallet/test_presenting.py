"""Renewing a QR code on screen: only the same claims, to the same audience, while it is valid."""

from __future__ import annotations

import pytest

from tests.wallet.conftest import collected_on_a_clock
from wallet import errors as e

pytestmark = pytest.mark.e2e


@pytest.fixture
def shown(offer, tmp_path):
    """A wallet on a fixed clock, its card, and an age18 QR code just shown."""
    clock, unlocked, card_id = collected_on_a_clock(offer, tmp_path / "w", batch=2)
    yield clock, unlocked, card_id, unlocked.present(card_id, preset="age18")
    unlocked.wallet.close()


def test_a_renewal_of_other_claims_is_refused_and_shows_nothing(shown):
    _, unlocked, card_id, first = shown
    for preset in ("border", "full"):
        with pytest.raises(e.RenewalRefused):
            unlocked.present(card_id, preset=preset, renew=first.credential_id)
    with pytest.raises(e.RenewalRefused):
        unlocked.present(card_id, disclose=["family_name"], renew=first.credential_id)
    assert len(unlocked.history()) == 1


def test_a_renewal_goes_on_while_the_qr_is_valid_and_ends_after(shown):
    clock, unlocked, card_id, first = shown
    lifetime = unlocked.store.settings.qr_lifetime_seconds
    for _ in range(3):  # each renewal before the code runs out keeps the showing going
        clock.advance(lifetime - 10)
        renewed = unlocked.present(card_id, preset="age18", renew=first.credential_id)
        assert renewed.credential_id == first.credential_id
    clock.advance(lifetime + 1)
    with pytest.raises(e.RenewalRefused, match="run out"):
        unlocked.present(card_id, preset="age18", renew=first.credential_id)
    assert len(unlocked.history()) == 1


def test_only_a_shown_credential_of_this_document_can_be_renewed(shown):
    _, unlocked, card_id, _ = shown
    for renew in ("no-such-credential", ""):
        with pytest.raises(e.RenewalRefused):
            unlocked.present(card_id, preset="age18", renew=renew)
    assert len(unlocked.history()) == 1
