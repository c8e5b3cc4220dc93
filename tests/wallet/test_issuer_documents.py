"""The issuer's JSON parsed at one boundary: anything malformed is an OfferError."""

from __future__ import annotations

import pytest

from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT
from wallet import errors as e
from wallet import issuer_documents as d

ISSUER = "https://issuer.example"
OFFER = {
    "credential_issuer": ISSUER,
    "credential_configuration_ids": ["id-card"],
    "grants": {PRE_AUTHORIZED_GRANT: {"pre-authorized_code": "abc", "tx_code": {"length": 6}}},
    "posvid_batch_size": 3,
}
METADATA = {
    "credential_issuer": ISSUER,
    "nonce_endpoint": f"{ISSUER}/nonce",
    "credential_endpoint": f"{ISSUER}/credential",
    "batch_credential_issuance": {"batch_size": 10},
    "credential_configurations_supported": {
        "id-card": {"format": "dc+sd-jwt", "vct": "urn:ua:posvid:id-card:1"},
        "other": {"format": "mso_mdoc"},
    },
    "posvid_type_metadata": {"urn:ua:posvid:id-card:1": f"{ISSUER}/type/id-card", "x": 1},
}


def test_a_good_offer_and_metadata_become_typed_values():
    offer = d.Offer.parse(OFFER)
    assert offer == d.Offer(ISSUER, ("id-card",), "abc", True, 3)
    metadata = d.IssuerMetadata.parse(METADATA, ISSUER)
    assert metadata.batch_size == 10
    assert metadata.vct_of("id-card") == "urn:ua:posvid:id-card:1"
    assert dict(metadata.type_metadata_urls) == {
        "urn:ua:posvid:id-card:1": f"{ISSUER}/type/id-card"
    }
    with pytest.raises(e.OfferError, match="dc\\+sd-jwt"):
        metadata.vct_of("other")


@pytest.mark.parametrize(
    "change",
    [
        {"grants": []},
        {"grants": {"other": {}}},
        {"credential_issuer": "http://issuer.example"},
        {"credential_configuration_ids": "id-card"},
        {"posvid_batch_size": "3"},
        {"posvid_batch_size": 0},
    ],
)
def test_a_malformed_offer_is_an_offer_error(change):
    with pytest.raises(e.OfferError):
        d.Offer.parse({**OFFER, **change})


@pytest.mark.parametrize(
    "change",
    [
        {"credential_issuer": "https://other.example"},
        {"nonce_endpoint": None},
        {"credential_endpoint": "http://issuer.example/credential"},
        {"batch_credential_issuance": []},
        {"credential_configurations_supported": []},
    ],
)
def test_malformed_metadata_is_an_offer_error(change):
    with pytest.raises(e.OfferError):
        d.IssuerMetadata.parse({**METADATA, **change}, ISSUER)


@pytest.mark.parametrize(
    ("parse", "body"),
    [
        (d.token_endpoint, {"token_endpoint": 3}),
        (d.access_token, {"token_type": "Bearer"}),
        (d.c_nonce, []),
        (d.credentials, {"credentials": {}}),
        (lambda b: d.IssuerKeysDocument.parse(b, ISSUER), {"issuer": ISSUER, "jwks": []}),
        (lambda b: d.IssuerKeysDocument.parse(b, ISSUER), {"issuer": "x", "jwks": {"keys": []}}),
        (lambda b: d.IssuerKeysDocument.from_cache(b, ISSUER), "{not json"),
    ],
)
def test_malformed_responses_are_offer_errors(parse, body):
    with pytest.raises(e.OfferError):
        parse(body)
