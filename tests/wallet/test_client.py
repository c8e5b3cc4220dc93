"""The OpenID4VCI client: each received credential is checked against what was offered."""

from __future__ import annotations

import httpx
import pytest

from crypto import IssuerKeys, Jwks, SigningKey, SystemClock
from tests.support.mini_wallet import MiniWallet
from wallet import errors as e
from wallet.client import Expected, IssuanceClient, check_credential

pytestmark = pytest.mark.e2e


def test_credential_bound_to_another_key_or_of_another_type_is_rejected(issuer):
    base, service, document_id = issuer
    offer = service.create_offer(document_id, actor="t")
    with httpx.Client(timeout=20) as http:
        got = MiniWallet(http).accept(offer.credential_offer_uri, offer.tx_code, {"id-card-age": 1})
        trust = IssuerKeys(
            {base: Jwks.from_dict(http.get(f"{base}/.well-known/jwt-vc-issuer").json()["jwks"])}
        )
    credential, holder = got["id-card-age"][0].credential, got["id-card-age"][0].holder
    age = Expected(base, "id-card-age", "urn:ua:posvid:id-card-age:1", trust)
    clock = SystemClock()
    assert check_credential(credential, holder, age, clock).vct == age.vct
    cases = [
        (SigningKey.generate(), age, "cnf"),
        (holder, Expected(base, "id-card-age", "urn:ua:posvid:id-card:1", trust), "vct"),
        (
            holder,
            Expected(
                base,
                "id-card-age",
                age.vct,
                IssuerKeys({base: Jwks.of([SigningKey.generate(kid="1")])}),
            ),
            "signature_invalid",
        ),
    ]
    for key, expected, field in cases:
        with pytest.raises(e.CredentialRejected) as caught:
            check_credential(credential, key, expected, clock)
        assert caught.value.field == field


def test_an_offer_in_an_unknown_shape_is_an_offer_error():
    client = IssuanceClient(httpx.Client(), SystemClock())
    for uri in (
        "https://not-an-offer",
        "openid-credential-offer://?credential_offer=not-json",
        "openid-credential-offer://?credential_offer=[1]",
        'openid-credential-offer://?credential_offer={"grants":{}}',
        "openid-credential-offer://?nothing=here",
    ):
        with pytest.raises(e.OfferError):
            client.offer(uri)
