"""Done-when of the issuer issue: the real issuer under uvicorn, a wallet's view of it."""

from __future__ import annotations

import httpx
import pytest
from jwcrypto.jwk import JWK
from sd_jwt.holder import SDJWTHolder
from sd_jwt.verifier import SDJWTVerifier

from crypto import (
    STATUS_INVALID,
    STATUS_VALID,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SystemClock,
    VcPolicy,
    jwk_thumbprint,
    present,
    public_jwk,
    verify_sd_jwt_vc,
    verify_status_list_token,
)
from issuer.samples import CITIZEN, CITIZEN_ID_CARD
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from tests.support.mini_wallet import MiniWallet

pytestmark = pytest.mark.e2e

PERSON = CITIZEN
ID_CARD = CITIZEN_ID_CARD


def enrol_with_offer(http: httpx.Client, token: str, batch: int) -> tuple[str, dict]:
    auth = {"Authorization": f"Bearer {token}"}
    person = http.post("/admin/persons", json=PERSON, headers=auth)
    assert person.status_code == 201, person.text
    assert person.json()["family_name_latin"] == "Kovalenko"
    document = http.post(
        f"/admin/persons/{person.json()['id']}/documents", json=ID_CARD, headers=auth
    )
    assert document.status_code == 201, document.text
    document_id = document.json()["id"]
    offer = http.post(
        f"/admin/documents/{document_id}/offers", params={"batch": batch}, headers=auth
    )
    assert offer.status_code == 201, offer.text
    return document_id, offer.json()


def test_issue_verify_revoke(live):
    base, service = live
    token = service.create_admin_token("clerk", "e2e")
    with httpx.Client(base_url=base, timeout=20) as http:
        document_id, offer = enrol_with_offer(http, token, batch=3)
        assert offer["credential_offer_uri"].startswith(
            "openid-credential-offer://?credential_offer_uri="
        )
        wallet = MiniWallet(http)
        got = wallet.accept(
            offer["credential_offer_uri"],
            offer["tx_code"],
            {"id-card": 3, "id-card-border": 2, "id-card-age": 1},
        )
        jwks = Jwks.from_dict(http.get("/.well-known/jwt-vc-issuer").json()["jwks"])
        keys = IssuerKeys({base: jwks})
        clock = SystemClock()
        statuses = set()
        for config_id, received in got.items():
            for item in received:
                text = present(
                    item.credential,
                    disclose=["given_name_latin"]
                    if config_id != "id-card-age"
                    else ["age_equal_or_over.18"],
                    holder_key=item.holder,
                    aud=OFFLINE_AUDIENCE,
                    nonce="n" * 22,
                    iat=clock.now(),
                )
                policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE_AUDIENCE))
                verified = verify_sd_jwt_vc(text, keys=keys, policy=policy, clock=clock)
                assert verified.issuer == base
                assert verified.vct == f"urn:ua:posvid:{config_id}:1"
                if config_id == "id-card-age":
                    assert verified.claims["age_equal_or_over"] == {"18": True}
                else:
                    assert verified.claims["given_name_latin"] == "Olena"
                holder = verified.sd_jwt.payload["cnf"]["jwk"]
                assert jwk_thumbprint(holder) == jwk_thumbprint(public_jwk(item.holder.private_key))
                assert verified.status is not None
                statuses.add((verified.status.uri, verified.status.idx))
        assert len(statuses) == 6  # every credential its own status index
        full = got["id-card"]
        assert len({jwk_thumbprint(public_jwk(r.holder.private_key)) for r in full}) == 3

        # the reference implementation verifies the issuer's credentials too
        for item in full:
            holder = SDJWTHolder(item.credential)
            holder.create_presentation(
                {"family_name": True, "document_number": True},
                nonce="ref-nonce",
                aud="ref-verifier",
                holder_key=JWK.from_pyca(item.holder.private_key),
            )
            ref = SDJWTVerifier(
                holder.sd_jwt_presentation,
                lambda iss, header: JWK.from_pyca(jwks[header["kid"]]),
                expected_aud="ref-verifier",
                expected_nonce="ref-nonce",
            )
            claims = ref.get_verified_payload()
            assert claims["family_name"] == "Коваленко"
            assert claims["document_number"] == "004512345"

        # status lists: valid now, revoked after the clerk revokes the document
        uri, _ = next(iter(statuses))
        first = http.get(uri)
        assert first.status_code == 200
        assert first.headers["content-type"].startswith("application/statuslist+jwt")
        assert http.get(uri, headers={"If-None-Match": first.headers["etag"]}).status_code == 304

        def status_of(uri_idx: tuple[str, int]) -> int:
            token_text = http.get(uri_idx[0]).text
            verified = verify_status_list_token(
                token_text, keys=keys, expected_uri=uri_idx[0], clock=clock
            )
            return verified.status_list[uri_idx[1]]

        assert {status_of(s) for s in statuses} == {STATUS_VALID}
        revoked = http.post(
            f"/admin/documents/{document_id}/revoke", headers={"Authorization": f"Bearer {token}"}
        )
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["credentials"] == 6
        assert http.get(uri).headers["etag"] != first.headers["etag"]
        assert {status_of(s) for s in statuses} == {STATUS_INVALID}
        metadata = http.get("/.well-known/openid-credential-issuer").json()
        assert uri in metadata["posvid_status_lists"]
