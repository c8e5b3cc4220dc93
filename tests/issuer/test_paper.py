"""The paper credential (issue 13, item 6): no holder key, the fewest claims, its own status index,
expiring at the end of the document's expiry day, never offered to a wallet."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from crypto import STATUS_INVALID
from crypto.sdjwt import VC_TYP, match_disclosures, parse_issuer_jwt, split_sd_jwt
from issuer import errors as e
from issuer.catalogue.types import CONFIGURATIONS, DOCUMENT_TYPES, type_metadata
from issuer.oid4vci.metadata import credential_issuer
from issuer.paper import issue_paper
from issuer.storage.models import IssuedCredential, Offer
from posvid.common.vocabulary import PAPER_CLAIMS, is_paper_vct, vct_for

from .conftest import PERSON


def test_every_identity_document_has_a_paper_profile_and_only_they():
    for key, doc in DOCUMENT_TYPES.items():
        paper = [c for c in doc.configurations if not c.holder_bound]
        if doc.identity:
            assert [c.id for c in paper] == [f"{key}-paper"]
            assert paper[0].claims == PAPER_CLAIMS
            assert is_paper_vct(paper[0].vct)
            assert "cnf" not in {c["path"][0] for c in type_metadata(paper[0], doc)["claims"]}
        else:
            assert paper == []
    assert not is_paper_vct(vct_for("id-card-border"))
    assert not is_paper_vct("urn:other:id-card-paper:1")
    assert not is_paper_vct(None)


def test_the_paper_credential_has_no_holder_key_and_the_fewest_claims(service, document):
    paper = issue_paper(service, document.id, actor="test")
    parts = split_sd_jwt(paper.compact)
    assert parts.kb_jwt is None
    payload = parse_issuer_jwt(parts.issuer_jwt, accepted_typ=(VC_TYP,)).payload
    assert "cnf" not in payload
    assert payload["vct"] == vct_for("id-card-paper")
    end = dt.datetime.combine(paper.expiry_date, dt.time(23, 59, 59), dt.UTC)
    assert payload["exp"] == int(end.timestamp())
    disclosed = match_disclosures(payload, parts.disclosures).claims
    shown = {k: v for k, v in disclosed.items() if k not in payload or k == "_sd"}
    assert set(shown) <= set(PAPER_CLAIMS)
    assert shown["family_name"] == PERSON["family_name"]
    assert shown["family_name_latin"] == "Shevchuk"
    assert shown["document_number"] == "123456789"
    assert shown["nationality"] == "UKR"
    assert shown["expiry_date"] == paper.expiry_date.isoformat()
    assert "record_number" not in shown
    assert "sex" not in shown


def test_the_paper_credential_is_recorded_and_revoked_with_its_document(service, document):
    issue_paper(service, document.id, actor="test")
    issue_paper(service, document.id, actor="test")
    with service.sessions() as session:
        rows = session.scalars(
            select(IssuedCredential).where(IssuedCredential.config_id == "id-card-paper")
        ).all()
    assert len(rows) == 2
    assert len({(r.status_list_id, r.status_idx) for r in rows}) == 2
    assert service.set_document_status(document.id, STATUS_INVALID, actor="test") == 2
    with pytest.raises(e.Conflict, match="revoked"):
        issue_paper(service, document.id, actor="test")


def test_no_paper_for_other_documents_nor_over_openid4vci(service, document):
    olena = {"family_name": "Коваленко", "given_name": "Олена", "birth_date": "1990-03-15"}
    person = service.enrol_person({**olena, "sex": "F"}, actor="test")
    tax = service.add_document(person.id, "taxpayer", {"tax_number": "3294601242"}, actor="test")
    with pytest.raises(e.Conflict, match="identity documents"):
        issue_paper(service, tax.id, actor="test")
    metadata = credential_issuer(service)
    assert "id-card-paper" not in metadata["credential_configurations_supported"]
    assert vct_for("id-card-paper") in metadata["posvid_type_metadata"]
    offer = service.create_offer(document.id, actor="test")
    with service.sessions() as session:
        stored = session.get(Offer, offer.offer_id)
        assert stored is not None
        assert "id-card-paper" not in stored.config_ids
    assert "id-card-paper" in CONFIGURATIONS


def test_no_paper_for_a_document_without_one(service):
    with pytest.raises(e.NotFound):
        issue_paper(service, "no-such-document", actor="test")
