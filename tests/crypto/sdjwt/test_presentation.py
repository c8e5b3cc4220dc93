"""Issuance and holder presentation: nested objects, array elements, decoys, paths."""

import pytest

from crypto import FixedClock, IssuerKeys, Jwks, SeededRandom, SigningKey, VcPolicy, sd
from crypto.errors import ClaimNotFound, ForbiddenClaimName, MalformedInput
from crypto.sdjwt import (
    DisclosureMap,
    VerificationPolicy,
    issue_sd_jwt,
    present,
    split_sd_jwt,
    verify_sd_jwt,
)

NOW = 1_800_000_000
CLAIMS = {
    "iss": "https://issuer.example",
    "given_name": sd("Олена"),
    "address": sd({"region": sd("Київська"), "settlement": sd("Бровари"), "country": "UA"}),
    "nationalities": [sd("UA"), "PL", sd("DE")],
    "age_equal_or_over": {"18": sd(True), "65": sd(False)},
}


@pytest.fixture(scope="module")
def key():
    return SigningKey.generate()


@pytest.fixture(scope="module")
def issued(key):
    return issue_sd_jwt(CLAIMS, signing_key=key, typ="example+sd-jwt", rng=SeededRandom(1))


def verify(text, key):
    keys = IssuerKeys({"https://issuer.example": Jwks.of([key])})
    policy = VerificationPolicy(key_binding=None)
    return verify_sd_jwt(text, keys=keys, policy=policy, clock=FixedClock(NOW)).claims


def test_all_disclosed_gives_back_the_original_claims(issued, key):
    claims = verify(issued.compact, key)
    assert claims == {
        "iss": "https://issuer.example",
        "given_name": "Олена",
        "address": {"region": "Київська", "settlement": "Бровари", "country": "UA"},
        "nationalities": ["UA", "PL", "DE"],
        "age_equal_or_over": {"18": True, "65": False},
    }
    assert len(issued.disclosures) == 8


def test_nothing_disclosed_keeps_only_visible_claims(issued, key):
    claims = verify(present(issued.compact, disclose=[]), key)
    assert claims == {
        "iss": "https://issuer.example",
        "nationalities": ["PL"],
        "age_equal_or_over": {},
    }


def test_nested_path_discloses_its_parent_but_not_its_siblings(issued, key):
    claims = verify(present(issued.compact, disclose=["address.region"]), key)
    assert claims["address"] == {"region": "Київська", "country": "UA"}


def test_path_to_an_object_discloses_everything_inside(issued, key):
    claims = verify(present(issued.compact, disclose=[("address",)]), key)
    assert claims["address"]["settlement"] == "Бровари"


def test_array_elements_by_issued_index(issued, key):
    claims = verify(present(issued.compact, disclose=[("nationalities", 2)]), key)
    assert claims["nationalities"] == ["PL", "DE"]


def test_age_predicate_alone(issued, key):
    claims = verify(present(issued.compact, disclose=["age_equal_or_over.18"]), key)
    assert claims["age_equal_or_over"] == {"18": True}
    assert "given_name" not in claims


def test_unknown_path_is_a_clear_error(issued):
    with pytest.raises(ClaimNotFound):
        present(issued.compact, disclose=["passport_number"])


def test_paths_lists_what_can_be_disclosed(issued):
    paths = DisclosureMap.of(issued.compact).paths()
    assert ("address", "region") in paths
    assert ("nationalities", 1) in paths


def test_disclosures_keep_issuance_order(issued):
    text = present(issued.compact, disclose=["given_name", "nationalities.0", "address.region"])
    disclosures = split_sd_jwt(text).disclosures
    all_in_order = split_sd_jwt(issued.compact).disclosures
    assert list(disclosures) == [d for d in all_in_order if d in disclosures]


def test_decoys_add_digests_but_not_claims(key):
    claims = {"iss": "https://issuer.example", "a": sd(1), "b": 2}
    plain = issue_sd_jwt(claims, signing_key=key, typ="t", rng=SeededRandom(2))
    decoyed = issue_sd_jwt(claims, signing_key=key, typ="t", decoys=3, rng=SeededRandom(2))
    assert len(plain.payload["_sd"]) == 1
    assert len(decoyed.payload["_sd"]) == 4
    assert decoyed.payload["_sd"] == sorted(decoyed.payload["_sd"])
    assert verify(decoyed.compact, key) == {"iss": "https://issuer.example", "b": 2, "a": 1}


def test_seeded_rng_makes_disclosures_reproducible(key):
    one = issue_sd_jwt({"a": sd(1)}, signing_key=key, typ="t", rng=SeededRandom(7))
    two = issue_sd_jwt({"a": sd(1)}, signing_key=key, typ="t", rng=SeededRandom(7))
    assert one.disclosures == two.disclosures


def test_salts_carry_128_bits(issued):
    assert all(len(d.salt) == 22 for d in issued.disclosures)


@pytest.mark.parametrize("name", ["_sd", "..."])
def test_issuance_refuses_reserved_names(key, name):
    with pytest.raises(ForbiddenClaimName):
        issue_sd_jwt({name: sd(1)}, signing_key=key, typ="t")


def test_sd_mark_on_the_whole_payload_is_refused(key):
    with pytest.raises(MalformedInput):
        issue_sd_jwt({"a": [[sd(1)]], "b": sd(sd(2))}, signing_key=key, typ="t")


def test_key_binding_needs_aud_nonce_and_iat(issued):
    holder = SigningKey.generate()
    with pytest.raises(MalformedInput):
        present(issued.compact, disclose=[], holder_key=holder, aud="x")


def test_vc_presentation_with_eddsa_holder(key):
    from crypto import KeyBindingExpectations, issue_sd_jwt_vc, public_jwk, verify_sd_jwt_vc

    holder = SigningKey.generate("EdDSA")
    vc = issue_sd_jwt_vc(
        {"given_name": sd("Олена")},
        issuer="https://issuer.example",
        vct="urn:x",
        signing_key=key,
        holder_jwk=public_jwk(holder.private_key),
        iat=NOW,
    )
    text = present(
        vc.compact, disclose=["given_name"], holder_key=holder, aud="v", nonce="n" * 22, iat=NOW
    )
    keys = IssuerKeys({"https://issuer.example": Jwks.of([key])})
    policy = VcPolicy(KeyBindingExpectations(aud="v", nonce="n" * 22))
    result = verify_sd_jwt_vc(text, keys=keys, policy=policy, clock=FixedClock(NOW))
    assert result.claims["given_name"] == "Олена"
