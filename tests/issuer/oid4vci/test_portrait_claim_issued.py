"""Identity credentials carry the holder's stored portrait as a disclosable ``portrait`` claim:
the full credential and the border profile (ID card and passport), never the age profile."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image

from crypto import SigningKey
from issuer.catalogue.types import configuration, type_metadata
from tests.issuer.conftest import ID_CARD, PERSON
from tests.support.mini_wallet import redeem, request

skdata = pytest.importorskip("skimage.data")
PASSPORT = {"document_number": "FA123456", "issue_date": "2021-02-03", "issuing_authority": "1234"}


def disclosed(compact: str) -> dict[str, object]:
    """Every claim the credential's disclosures carry, by name."""
    found = {}
    for part in compact.split("~")[1:]:
        if part:
            item = json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))
            if len(item) == 3:
                found[item[1]] = item[2]
    return found


def astronaut_jpeg() -> bytes:
    out = io.BytesIO()
    Image.fromarray(skdata.astronaut()).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.mark.parametrize(("doc_type", "data"), [("id-card", ID_CARD), ("passport", PASSPORT)])
def test_full_and_border_carry_the_portrait_and_age_never(protocol, doc_type, data):
    service = protocol.service
    person = service.enrol_person(PERSON, actor="test")
    service.set_portrait(person.id, astronaut_jpeg(), actor="test")
    document = service.add_document(person.id, doc_type, data, actor="test")
    offer = service.create_offer(document.id, actor="test")
    access = redeem(protocol, offer)
    for config_id, carries in (
        (doc_type, True),
        (f"{doc_type}-border", True),
        (f"{doc_type}-age", False),
    ):
        credential = request(protocol, access, [SigningKey.generate("ES256")], config=config_id)
        claims = disclosed(credential["credentials"][0]["credential"])
        assert ("portrait" in claims) is carries, config_id
        if carries:
            uri = str(claims["portrait"])
            assert uri.startswith("data:image/webp;base64,")
            image = base64.b64decode(uri.split(",", 1)[1])
            assert len(image) <= 540
            with Image.open(io.BytesIO(image)) as shown:
                assert shown.size == (96, 120)
        labelled = [c["path"] for c in type_metadata(*reversed(configuration(config_id)))["claims"]]
        assert (["portrait"] in labelled) is carries


def test_without_a_stored_portrait_there_is_no_portrait_claim(protocol):
    service = protocol.service
    person = service.enrol_person(PERSON, actor="test")
    document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    credential = request(protocol, access, [SigningKey.generate("ES256")], config="id-card-border")
    assert "portrait" not in disclosed(credential["credentials"][0]["credential"])


def test_a_portrait_typed_into_a_document_is_never_carried(protocol):
    # only the pipeline (one face, framed, no metadata, within budget) makes a portrait claim
    service = protocol.service
    person = service.enrol_person(PERSON, actor="test")
    typed = {**ID_CARD, "portrait": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ"}
    document = service.add_document(person.id, "id-card", typed, actor="test")
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    credential = request(protocol, access, [SigningKey.generate("ES256")], config="id-card")
    assert "portrait" not in disclosed(credential["credentials"][0]["credential"])
