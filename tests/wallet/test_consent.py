"""What the page's consent step and cards rest on: the presets a document can show, what a preset
shows and what it says no to, no QR code of a revoked or suspended document, the issuer's name,
the claims in the document's order, and errors a person causes as their own classes."""

from __future__ import annotations

import pytest

from posvid.common.qr_render import render_png
from tests.support.roles import PIN, collect_card, minor
from wallet import errors as e
from wallet.receiving import offer_in_picture

pytestmark = pytest.mark.e2e

LICENCE = {
    "document_number": "ВХА123456",
    "issue_date": "2020-01-01",
    "driving_privileges": [{"category": "B", "issue_date": "2020-01-01"}],
}


def test_a_driving_licence_offers_only_everything(issuer, wallet):
    _, service, _ = issuer
    person, _ = minor(serial=201)
    person["birth_date"] = "1980-01-01"
    person["record_number"] = "19800101-00201"
    enrolled = service.enrol_person(person, actor="test")
    added = service.add_document(enrolled.id, "driving-licence", LICENCE, actor="test")
    offer = service.create_offer(added.id, batch_size=2, actor="test")
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=2)
    assert unlocked.show(card.id).presets == ("full",)
    with pytest.raises(e.NoCredential):
        unlocked.present(card.id, preset="border")


def test_an_id_card_offers_every_preset_in_the_documents_order(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    details = unlocked.show(card.id, "uk")
    assert details.presets == ("border", "age18", "full")
    names = [c.name for c in details.claims]
    assert names[:3] == ["family_name", "given_name", "patronymic"]
    assert names.index("document_number") < names.index("expiry_date")
    assert details.claims[0].label == "Прізвище"
    assert details.issuer_names["uk"] == "Державна міграційна служба України"
    assert unlocked.preview(card.id, "age18").unmet == ()


def test_an_under_18_holder_is_told_before_the_code_is_made(issuer, wallet):
    _, service, _ = issuer
    card_id = collect_card(service, wallet, *minor(serial=202))
    unlocked = wallet.unlock(PIN)
    preview = unlocked.preview(card_id, "age18")
    assert preview.claims == ("age_equal_or_over.18",)
    assert preview.unmet == ("age_equal_or_over.18",)
    assert unlocked.preview(card_id, "border").unmet == ()
    assert unlocked.history() == []  # a preview signs and records nothing
    with pytest.raises(e.UnknownPreset):
        unlocked.preview(card_id, "everything")


@pytest.mark.parametrize(("status", "error"), [(1, e.DocumentRevoked), (2, e.DocumentSuspended)])
def test_no_qr_code_of_a_revoked_or_suspended_document(issuer, wallet, status, error):
    _, service, _ = issuer
    person, document = minor(serial=210 + status)
    enrolled = service.enrol_person(person, actor="test")
    added = service.add_document(enrolled.id, "id-card", document, actor="test")
    offer = service.create_offer(added.id, batch_size=2, actor="test")
    unlocked = wallet.unlock(PIN)
    card_id = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=2).id
    unlocked.present(card_id, preset="border")  # still valid: shown
    service.set_document_status(added.id, status, actor="test")
    assert unlocked.status(timeout=5)[0].status in {"revoked", "suspended"}
    for preset in ("border", "age18", "full"):
        with pytest.raises(error):
            unlocked.present(card_id, preset=preset)
        with pytest.raises(error):
            unlocked.preview(card_id, preset)
    assert len(unlocked.history()) == 1


def test_offer_mistakes_are_their_own_errors(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    for junk in ("hello", "openid-credential-offer://?x=1", "openid-credential-offer://?[%"):
        with pytest.raises(e.NotAnOffer):
            unlocked.accept(junk, "1")
    broken = "openid-credential-offer://?credential_offer_uri=http://[::1"
    with pytest.raises(e.OfferError):
        unlocked.accept(broken, "1")
    with pytest.raises(e.TxCodeMissing):
        unlocked.accept(offer.credential_offer_uri, None)
    wrong = "000000" if offer.tx_code != "000000" else "111111"
    with pytest.raises(e.IssuerRefused) as refused:
        unlocked.accept(offer.credential_offer_uri, wrong)
    assert (refused.value.what, refused.value.error) == ("token", "invalid_grant")
    unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    with pytest.raises(e.IssuerRefused) as used:
        unlocked.accept(offer.credential_offer_uri, offer.tx_code)
    assert (used.value.what, used.value.error) == ("offer", "not_found")
    gone = "openid-credential-offer://?credential_offer_uri=http%3A%2F%2F127.0.0.1%3A9%2Fo"
    with pytest.raises(e.IssuerUnreachable):
        unlocked.accept(gone, "1")


def test_a_picture_that_is_no_image_or_has_no_offer():
    with pytest.raises(e.OfferPictureUnusable):
        offer_in_picture(b"%PDF-1.4 not a picture")
    with pytest.raises(e.NoOfferInPicture):
        offer_in_picture(render_png("hello, not an offer", module_px=4))


def test_a_wrong_pin_says_how_many_tries_are_free_and_the_wait(wallet):
    free = wallet.pin_policy.free_attempts
    for attempt in range(1, free + 2):
        with pytest.raises(e.WrongPin) as wrong:
            wallet.unlock("999999")
        assert wrong.value.failed == attempt
        assert wrong.value.free_left == max(0, free - attempt)
    assert wrong.value.wait == 2
    with pytest.raises(e.LockedOut):
        wallet.unlock(PIN)
