"""Done-when of the paper credential (issue 13, items 6–8): print → PDF → a 150 dpi page image
(pdftoppm) → the QR code → the verifier says PAPER with the portrait; after the clerk revokes and
the verifier syncs, REVOKED; the printed code photographed like the degraded-photo set reads
≥ 95 %; a phone presentation stripped of its key binding is refused."""

from __future__ import annotations

import io
import itertools

import pytest
from PIL import Image

from bench.photos import photo_of_print
from crypto import STATUS_INVALID, decode_qr_payload, encode_qr_payload
from crypto.sdjwt import split_sd_jwt
from issuer.paper import issue_paper
from issuer.paper_pdf import paper_pdf, portrait_image, qr_box_px, write_private
from posvid.common.qr_render import qr_version
from posvid.common.qr_scan import scan_image
from tests.support.paper import page_image, read_page
from verifier.card import card as officer_card

pytestmark = pytest.mark.e2e
skdata = pytest.importorskip("skimage.data")

#: a modest sample of the degraded photos (the bench reads the full 120: decode_success_rate_paper)
PHOTOS = 20
_serial = itertools.count(20_000)


def _astronaut() -> bytes:
    out = io.BytesIO()
    Image.fromarray(skdata.astronaut()).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture
def printed(issuer, tmp_path):
    """A citizen with a portrait, her ID card, its paper credential printed to a PDF."""
    _, service, _ = issuer
    serial = next(_serial)
    person = service.enrol_person(
        {
            "family_name": "Бондаренко",
            "given_name": "Галина",
            "birth_date": "1948-05-09",
            "sex": "F",
            "record_number": f"19480509-{serial:05d}",
        },
        actor="test",
    )
    service.set_portrait(person.id, _astronaut(), actor="test")
    document = service.add_document(
        person.id,
        "id-card",
        {
            "document_number": f"7{serial:08d}",
            "issue_date": "2022-01-01",
            "issuing_authority": "4321",
        },
        actor="test",
    )
    paper = issue_paper(service, document.id, actor="test")
    pdf = tmp_path / "paper.pdf"
    portrait = portrait_image(paper, service.portrait_png(person.id))
    write_private(pdf, paper_pdf(paper, portrait, issuer_name="ДМС"))
    return service, document.id, paper, pdf


def test_print_then_paper_with_the_portrait_then_revoked_after_sync(issuer, verifier, printed):
    base = issuer[0]
    service, document_id, paper, pdf = printed
    verifier.trust.add_url(verifier.http, base)
    assert verifier.sync()["failed"] == []

    payload = read_page(pdf)
    assert payload == encode_qr_payload(paper.compact)
    verdict = verifier.check(payload, offline=True)
    assert verdict.verdict == "valid", verdict.to_json()
    assert verdict.paper
    assert verdict.colour == "blue"
    assert verdict.status == "valid"
    assert verdict.claims["portrait"].startswith("data:image/webp;base64,")
    assert verdict.claims["family_name_latin"] == "Bondarenko"
    shown = officer_card(verdict, verifier.trust, "en")
    assert shown.headline == "PAPER — compare the photo"
    assert shown.portrait == verdict.claims["portrait"]
    assert officer_card(verdict, verifier.trust, "uk").headline == "ПАПІР — порівняйте фото"
    again = verifier.check(payload, offline=True)  # no nonce: shown twice, still paper
    assert again.verdict == "valid"

    service.set_document_status(document_id, STATUS_INVALID, actor="test")
    assert verifier.sync()["failed"] == []
    revoked = verifier.check(read_page(pdf), offline=True)
    assert revoked.verdict == "revoked"
    assert revoked.colour == "red"


def test_the_printed_code_photographed_reads_at_least_95_percent(printed):
    _, _, paper, pdf = printed
    payload = encode_qr_payload(paper.compact)
    modules = qr_version(payload, "Q") * 4 + 17 + 8
    page = page_image(pdf)
    box = qr_box_px(150)
    read = 0
    for seed in range(PHOTOS):
        jpeg, _ = photo_of_print(page, box, modules, seed)
        read += scan_image(jpeg).payloads[:1] == [payload]
    assert read / PHOTOS >= 0.95, f"{read}/{PHOTOS}"


def test_a_phone_presentation_without_key_binding_is_refused(issuer, card, verifier):
    """The paper exemption is for the paper profile only: a border presentation stripped of
    its KB-JWT (the phone profile's claims shown like paper) is refused."""
    verifier.trust.add_url(verifier.http, issuer[0])
    verifier.sync()
    unlocked, card_id, _ = card
    shown = decode_qr_payload(unlocked.present(card_id, preset="border").payload)
    stripped = split_sd_jwt(shown).without_key_binding
    verdict = verifier.check(encode_qr_payload(stripped), offline=True)
    assert verdict.verdict == "invalid"
    assert not verdict.paper
    assert "key_binding" in verdict.failed
    assert verdict.claims == {}
