"""Interop with the reference implementation (PyPI ``sd-jwt``), both directions.

The reference library is lenient (no ``exp`` or KB freshness checks, accepts
unreferenced disclosures), so it serves for positive cases only.
"""

from __future__ import annotations

import pytest
from jwcrypto.jwk import JWK
from sd_jwt import holder as reference_holder
from sd_jwt.common import SDObj
from sd_jwt.holder import SDJWTHolder
from sd_jwt.issuer import SDJWTIssuer
from sd_jwt.verifier import SDJWTVerifier

from crypto import (
    FixedClock,
    KeyBindingExpectations,
    SigningKey,
    VcPolicy,
    present,
    public_jwk,
    sd,
    verify_sd_jwt_vc,
)
from crypto.sdjwt import issue_sd_jwt_vc
from tests.support.factory import ISSUER, NOW

AUD = "https://verifier.posvid.example"
NONCE = "cmVmZXJlbmNlLW5vbmNlLTEyMw"
PERSON = {
    "given_name": "Олена",
    "family_name": "Коваленко",
    "birth_date": "1990-03-15",
    "document_number": "004512345",
    "nationality": "UKR",
}


@pytest.fixture(autouse=True)
def fixed_reference_clock(monkeypatch):
    """The reference holder stamps KB-JWTs with time.time(); pin it to our clock."""
    monkeypatch.setattr(reference_holder, "time", lambda: NOW)


def reference_claims(decoys_nested: bool = True) -> dict:
    claims: dict = {
        "iss": ISSUER,
        "vct": "urn:ua:posvid:id-card:1",
        "iat": NOW - 60,
        "exp": NOW + 3600,
    }
    claims.update({SDObj(k): v for k, v in PERSON.items()})
    if decoys_nested:
        claims[SDObj("address")] = {SDObj("region"): "Київська", "country": "UA"}
        claims["nationalities"] = [SDObj("UA"), "PL"]
    return claims


@pytest.mark.parametrize("decoys", [False, True])
@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_reference_issuer_and_holder_verified_by_ours(issuer_key, alg, decoys, trust):
    from crypto import IssuerKeys, Jwks

    issuer = SigningKey.generate(alg)
    holder = SigningKey.generate("ES256")
    issued = SDJWTIssuer(
        reference_claims(),
        JWK.from_pyca(issuer.private_key),
        holder_key=JWK.from_pyca(holder.private_key),
        sign_alg=alg,
        add_decoy_claims=decoys,
        extra_header_parameters={"typ": "dc+sd-jwt", "kid": issuer.kid},
    ).sd_jwt_issuance
    ref_holder = SDJWTHolder(issued)
    ref_holder.create_presentation(
        {
            "given_name": True,
            "birth_date": True,
            "address": {"region": True},
            "nationalities": [True, None],
        },
        nonce=NONCE,
        aud=AUD,
        holder_key=JWK.from_pyca(holder.private_key),
        sign_alg="ES256",
    )
    policy = VcPolicy(KeyBindingExpectations(aud=AUD, nonce=NONCE))
    keys = IssuerKeys({ISSUER: Jwks.of([issuer])})
    result = verify_sd_jwt_vc(
        ref_holder.sd_jwt_presentation, keys=keys, policy=policy, clock=FixedClock(NOW)
    )
    assert result.claims["given_name"] == "Олена"
    assert result.claims["birth_date"] == "1990-03-15"
    assert result.claims["address"] == {"region": "Київська", "country": "UA"}
    assert result.claims["nationalities"] == ["UA", "PL"]
    assert "document_number" not in result.claims
    assert result.sd_jwt.key_binding is not None


def test_reference_presentation_is_refused_by_ours_when_stale(issuer_key, holder_key, trust):
    ref_issued = SDJWTIssuer(
        reference_claims(decoys_nested=False),
        JWK.from_pyca(issuer_key.private_key),
        holder_key=JWK.from_pyca(holder_key.private_key),
        extra_header_parameters={"typ": "dc+sd-jwt", "kid": issuer_key.kid},
    ).sd_jwt_issuance
    ref_holder = SDJWTHolder(ref_issued)
    ref_holder.create_presentation(
        {"given_name": True}, nonce=NONCE, aud=AUD, holder_key=JWK.from_pyca(holder_key.private_key)
    )
    from crypto.errors import KeyBindingStale

    policy = VcPolicy(KeyBindingExpectations(aud=AUD, nonce=NONCE))
    with pytest.raises(KeyBindingStale):
        verify_sd_jwt_vc(
            ref_holder.sd_jwt_presentation, keys=trust, policy=policy, clock=FixedClock(NOW + 181)
        )


@pytest.mark.parametrize("decoys", [0, 3])
@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_our_presentation_verified_by_reference(alg, decoys):
    issuer = SigningKey.generate(alg)
    holder = SigningKey.generate("ES256")  # sd-jwt 0.10.4 verifies KB-JWTs as ES256 only
    issued = issue_sd_jwt_vc(
        {
            **{k: sd(v) for k, v in PERSON.items()},
            "address": sd({"region": sd("Київська"), "country": "UA"}),
            "nationalities": [sd("UA"), "PL"],
        },
        issuer=ISSUER,
        vct="urn:ua:posvid:id-card:1",
        signing_key=issuer,
        holder_jwk=public_jwk(holder.private_key),
        iat=NOW - 60,
        exp=NOW + 3600,
        decoys=decoys,
    )
    text = present(
        issued.compact,
        disclose=["given_name", "address.region", "nationalities.0"],
        holder_key=holder,
        aud=AUD,
        nonce=NONCE,
        iat=NOW,
    )

    def issuer_key_for(iss: str, header: dict) -> JWK:
        assert iss == ISSUER
        assert header["kid"] == issuer.kid
        return JWK.from_pyca(issuer.public_key)

    verifier = SDJWTVerifier(text, issuer_key_for, expected_aud=AUD, expected_nonce=NONCE)
    payload = verifier.get_verified_payload()
    assert payload["given_name"] == "Олена"
    assert payload["address"] == {"region": "Київська", "country": "UA"}
    assert payload["nationalities"] == ["UA", "PL"]
    assert "family_name" not in payload


def test_our_issuance_is_readable_by_the_reference_holder(issuer_key, holder_key):
    issued = issue_sd_jwt_vc(
        {k: sd(v) for k, v in PERSON.items()},
        issuer=ISSUER,
        vct="urn:x",
        signing_key=issuer_key,
        holder_jwk=public_jwk(holder_key.private_key),
        iat=NOW,
    )
    ref_holder = SDJWTHolder(issued.compact)
    ref_holder.create_presentation(
        {"family_name": True},
        nonce=NONCE,
        aud=AUD,
        holder_key=JWK.from_pyca(holder_key.private_key),
    )
    policy = VcPolicy(KeyBindingExpectations(aud=AUD, nonce=NONCE))
    from crypto import IssuerKeys, Jwks

    keys = IssuerKeys({ISSUER: Jwks.of([issuer_key])})
    result = verify_sd_jwt_vc(
        ref_holder.sd_jwt_presentation, keys=keys, policy=policy, clock=FixedClock(NOW)
    )
    assert result.claims["family_name"] == "Коваленко"
    assert "given_name" not in result.claims
