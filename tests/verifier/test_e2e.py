"""Done-when of the verifier issue: issuer → wallet → QR PNG → verifier, online and offline."""

from __future__ import annotations

import pytest

from posvid.common.qr_render import render_png

pytestmark = pytest.mark.e2e


def test_valid_then_replayed_then_revoked(issuer, card, verifier, tmp_path):
    base, service, _ = issuer
    unlocked, card_id, document_id = card
    verifier.trust.add_url(verifier.http, base)
    assert verifier.sync()["failed"] == []

    shown = unlocked.present(card_id, preset="border")
    picture = render_png(shown.payload)
    verdict = verifier.check_image(picture, offline=True)
    assert verdict.verdict == "valid", verdict.to_json()
    assert verdict.colour == "green"
    assert verdict.claims["family_name_latin"] == "Melnyk"
    assert verdict.status == "valid"
    assert all(c.passed for c in verdict.checks)

    again = verifier.check_image(picture, offline=True)
    assert again.verdict == "replayed"

    service.set_document_status(document_id, 1, actor="test")
    assert verifier.sync()["failed"] == []
    revoked = verifier.check(unlocked.present(card_id, preset="age18").payload, offline=True)
    assert revoked.verdict == "revoked"
    assert revoked.status == "revoked"
    assert verifier.audit.verify() == 3


def test_offline_without_a_cached_list_is_valid_with_status_unknown(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verdict = verifier.check(unlocked.present(card_id, preset="age18").payload, offline=True)
    assert verdict.verdict == "valid"
    assert verdict.colour == "amber"
    assert verdict.status == "unknown"
    assert any("status unknown" in w for w in verdict.warnings)


def test_online_check_fetches_a_missing_list(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verdict = verifier.check(unlocked.present(card_id, preset="age18").payload, offline=False)
    assert verdict.verdict == "valid"
    assert verdict.status == "valid"
    assert verdict.warnings == []


def test_two_way_request(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    request = verifier.request(["given_name", "family_name"])
    shown = unlocked.present(card_id, request=request.encode())
    verdict = verifier.check(shown.payload, offline=True)
    assert verdict.verdict == "valid", verdict.to_json()
    assert {"given_name", "family_name"} <= set(verdict.claims)
    # a second answer to the same request is refused
    second = unlocked.present(card_id, request=request.encode())
    assert verifier.check(second.payload, offline=True).verdict in ("invalid", "replayed")
    # an offline presentation with another verifier's audience is refused
    from crypto import PresentationRequest

    other = verifier.request(["given_name"])
    elsewhere = PresentationRequest("https://shop.example", other.nonce, other.claims, other.exp)
    answer = unlocked.present(card_id, request=elsewhere.encode())
    verdict = verifier.check(answer.payload, offline=True)
    assert verdict.verdict == "invalid"
    assert verdict.failed == ["audience_nonce"]
