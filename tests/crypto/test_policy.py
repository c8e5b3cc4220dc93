"""The algorithm and hash policy (issue 15, item 2): secure by default, RS256 only when asked,
``none``/HMAC/mismatched keys never; tokens signed by PyJWT so each case is a cross-check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding

from crypto import (
    AlgorithmPolicy,
    IssuerKeys,
    Jwks,
    KeyBindingExpectations,
    SigningKey,
    StatusList,
    VcPolicy,
    jwk_thumbprint,
    public_jwk,
    public_key_from_jwk,
    sd,
    verify_sd_jwt_vc,
    verify_status_list_token,
)
from crypto import errors as e
from crypto.algorithms import verify
from crypto.b64 import b64url_decode, b64url_encode
from crypto.jws import parse_compact
from crypto.policy import DEFAULT_ALGORITHMS, DEFAULT_POLICY
from crypto.sdjwt import issue_sd_jwt
from tests.crypto import foreign_jose as fj
from tests.support.factory import ISSUER, NONCE, NOW, OFFLINE, VCT

VECTORS = Path(__file__).resolve().parents[1] / "vectors" / "jose"
RSA_ALL = AlgorithmPolicy().with_rs256()


def parsed_and_verified(token, key, policy=DEFAULT_POLICY):
    parsed = parse_compact(token, policy=policy)
    parsed.verify_with(key, policy=policy)
    return parsed


# --- the policy value ---------------------------------------------------------------------


def test_the_default_is_es256_es384_es512_eddsa_ps256_and_sha_256():
    assert DEFAULT_POLICY.algorithms == {"ES256", "ES384", "ES512", "EdDSA", "PS256"}
    assert DEFAULT_POLICY.sd_algorithms == {"sha-256"}
    assert "RS256" not in DEFAULT_ALGORITHMS
    assert RSA_ALL.algorithms == DEFAULT_ALGORITHMS | {"RS256"}


@pytest.mark.parametrize("name", ["none", "HS256", "HS512", "ES256K", "Ed25519", "", "es256"])
def test_a_policy_can_never_name_none_hmac_or_an_unknown_algorithm(name):
    with pytest.raises(e.UnsupportedAlgorithm):
        AlgorithmPolicy(algorithms=frozenset({"ES256", name}))


def test_a_policy_refuses_one_string_or_nothing_for_its_algorithms():
    with pytest.raises(e.UnsupportedAlgorithm):
        AlgorithmPolicy(algorithms="ES256")  # type: ignore[arg-type]
    with pytest.raises(e.UnsupportedAlgorithm):
        AlgorithmPolicy(algorithms=frozenset())


@pytest.mark.parametrize("name", ["md5", "sha-1", "SHA-256", "sha3-512", ""])
def test_a_policy_refuses_an_unknown_sd_alg(name):
    with pytest.raises(e.UnsupportedHashAlgorithm):
        AlgorithmPolicy(sd_algorithms=frozenset({name}))


def test_sha_256_is_always_accepted():
    policy = AlgorithmPolicy(sd_algorithms=["sha-384"])  # type: ignore[arg-type]
    assert policy.sd_algorithms == {"sha-256", "sha-384"}
    assert policy.check_sd_alg("sha-256") == "sha-256"


def test_rsa_keys_below_2048_bits_cannot_be_allowed():
    with pytest.raises(e.InvalidKey):
        AlgorithmPolicy(min_rsa_bits=1024)


# --- verification under the policy ----------------------------------------------------------


@pytest.mark.parametrize("alg", sorted(DEFAULT_ALGORITHMS))
def test_every_default_algorithm_verifies_a_token_pyjwt_signed(alg):
    key = fj.private_key_for(alg)
    parsed = parsed_and_verified(fj.sign({"iss": "x"}, key, alg), key.public_key())
    assert parsed.alg == alg


def test_rs256_is_refused_by_default_and_accepted_when_allowed():
    key = fj.rsa_key()
    token = fj.sign({"iss": "x"}, key, "RS256")
    with pytest.raises(e.UnsupportedAlgorithm):
        parse_compact(token)
    with pytest.raises(e.UnsupportedAlgorithm):
        verify("RS256", key.public_key(), b"x", b"x" * 256)
    assert parsed_and_verified(token, key.public_key(), RSA_ALL).alg == "RS256"


@pytest.mark.parametrize("alg", ["none", "HS256"])
def test_none_and_hmac_are_refused_whatever_the_policy(alg):
    header = b64url_encode(json.dumps({"alg": alg}).encode())
    with pytest.raises(e.UnsupportedAlgorithm):
        parse_compact(f"{header}.e30.", policy=RSA_ALL)


@pytest.mark.parametrize(
    ("alg", "key_alg"),
    [
        ("ES256", "ES384"),  # ES256 header, P-384 key
        ("ES384", "ES256"),
        ("ES512", "ES384"),
        ("PS256", "ES256"),  # PS256 header, EC key
        ("ES256", "PS256"),  # EC header, RSA key
        ("EdDSA", "ES256"),
    ],
)
def test_an_algorithm_that_does_not_fit_the_key_is_a_bad_signature(alg, key_alg):
    signer = fj.private_key_for(alg)
    token = fj.sign({"iss": "x"}, signer, alg)
    with pytest.raises(e.InvalidSignature):
        parsed_and_verified(token, fj.private_key_for(key_alg).public_key(), RSA_ALL)


def test_rs256_and_ps256_need_at_least_the_policys_rsa_size():
    small = fj.rsa_key(1024)  # signed here: PyJWT rightly warns about such keys
    for alg, pad in (("RS256", padding.PKCS1v15()), ("PS256", fj.PSS)):
        token = fj.sign({"iss": "x"}, fj.rsa_key(), alg)
        signing_input = token.rsplit(".", 1)[0].encode()
        forged = fj.resign(token, {"alg": alg}, small.sign(signing_input, pad, hashes.SHA256()))
        with pytest.raises(e.InvalidSignature):
            parsed_and_verified(forged, small.public_key(), RSA_ALL)
    strict = AlgorithmPolicy(min_rsa_bits=3072)
    token = fj.sign({"iss": "x"}, fj.rsa_key(), "PS256")
    with pytest.raises(e.InvalidSignature):
        parsed_and_verified(token, fj.rsa_key().public_key(), strict)


def test_ps256_salt_is_the_hash_length():
    """RFC 7518 §3.5: a PSS signature with another salt length does not verify."""
    key = fj.rsa_key()
    token = fj.sign({"iss": "x"}, key, "PS256")
    signing_input = token.rsplit(".", 1)[0].encode()
    other_salt = padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=20)
    signature = key.sign(signing_input, other_salt, hashes.SHA256())
    with pytest.raises(e.InvalidSignature):
        verify("PS256", key.public_key(), signing_input, signature)


@pytest.mark.parametrize(("alg", "size"), [("ES384", 96), ("ES512", 132)])
def test_an_ecdsa_signature_has_exactly_its_curves_length(alg, size):
    key = fj.private_key_for(alg)
    token = fj.sign({"iss": "x"}, key, alg)
    signing_input, signature = token.rsplit(".", 1)
    raw = b64url_decode(signature)
    assert len(raw) == size
    verify(alg, key.public_key(), signing_input.encode(), raw)
    with pytest.raises(e.InvalidSignature):
        verify(alg, key.public_key(), signing_input.encode(), raw[:-1])
    with pytest.raises(e.InvalidSignature):
        verify(alg, key.public_key(), signing_input.encode(), b"\0" + raw)


def test_an_rsa_signature_has_exactly_the_modulus_length():
    key = fj.rsa_key()
    token = fj.sign({"iss": "x"}, key, "PS256")
    signing_input, signature = token.rsplit(".", 1)
    with pytest.raises(e.InvalidSignature):
        verify("PS256", key.public_key(), signing_input.encode(), b"\0" + b64url_decode(signature))


def test_an_algorithm_left_out_of_a_policy_is_refused():
    policy = AlgorithmPolicy(algorithms=frozenset({"ES256"}))
    key = fj.private_key_for("ES384")
    with pytest.raises(e.UnsupportedAlgorithm):
        parse_compact(fj.sign({}, key, "ES384"), policy=policy)


# --- JWK import ------------------------------------------------------------------------------


@pytest.mark.parametrize("alg", ["ES384", "ES512", "PS256"])
def test_jwks_of_other_types_import_under_a_policy_and_not_without_one(alg):
    key = fj.private_key_for(alg).public_key()
    jwk = public_jwk(key)
    imported = public_key_from_jwk(jwk, policy=DEFAULT_POLICY)
    assert public_jwk(imported) == jwk
    assert jwk_thumbprint(jwk) == jwk_thumbprint(key)
    with pytest.raises(e.InvalidKey):
        public_key_from_jwk(jwk)  # Posvid's own keys only: P-256, Ed25519
    with pytest.raises(e.InvalidKey):
        public_key_from_jwk(jwk, policy=AlgorithmPolicy(algorithms=frozenset({"ES256"})))


def test_rfc7638_rsa_thumbprint_example():
    vector = json.loads((VECTORS / "rfc7638-thumbprint.json").read_text())
    assert jwk_thumbprint(vector["jwk"]) == vector["expected_thumbprint"]
    key = public_key_from_jwk(vector["jwk"], policy=RSA_ALL)
    assert jwk_thumbprint(key) == vector["expected_thumbprint"]


@pytest.mark.parametrize("member", ["d", "p", "q", "dp", "dq", "qi", "oth"])
def test_an_rsa_jwk_with_private_members_is_refused(member):
    jwk = {**public_jwk(fj.rsa_key().public_key()), member: "AQAB"}
    with pytest.raises(e.InvalidKey) as raised:
        public_key_from_jwk(jwk, policy=DEFAULT_POLICY)
    assert raised.value.field == member


def test_rsa_integers_are_minimal_and_bounded():
    jwk = public_jwk(fj.rsa_key().public_key())
    padded = {**jwk, "n": b64url_encode(b"\0" + b64url_decode(jwk["n"]))}
    huge_e = {**jwk, "e": b64url_encode(b"\1" * 5)}
    too_long = {**jwk, "n": "A" * 2000}
    for bad, field in ((padded, "n"), (huge_e, "e"), (too_long, "n")):
        with pytest.raises(e.InvalidKey) as raised:
            public_key_from_jwk(bad, policy=DEFAULT_POLICY)
        assert raised.value.field == field


def test_a_short_rsa_jwk_is_refused():
    jwk = public_jwk(fj.rsa_key().public_key())
    small = fj.rsa_key(1024).public_key().public_numbers()
    short = {**jwk, "n": b64url_encode(small.n.to_bytes(128, "big"))}
    with pytest.raises(e.InvalidKey):
        public_key_from_jwk(short, policy=RSA_ALL)


def test_a_jwk_alg_must_fit_its_key():
    jwk = {**public_jwk(fj.private_key_for("ES384").public_key()), "alg": "ES256"}
    with pytest.raises(e.InvalidKey) as raised:
        public_key_from_jwk(jwk, policy=DEFAULT_POLICY)
    assert raised.value.field == "alg"
    rs = {**public_jwk(fj.rsa_key().public_key()), "alg": "RS256"}
    with pytest.raises(e.UnsupportedAlgorithm):
        public_key_from_jwk(rs, policy=DEFAULT_POLICY)
    assert public_key_from_jwk(rs, policy=RSA_ALL)


def test_an_ec_coordinate_has_its_curves_length():
    jwk = public_jwk(ec.generate_private_key(ec.SECP384R1()).public_key())
    with pytest.raises(e.InvalidKey) as raised:
        public_key_from_jwk({**jwk, "x": jwk["x"][:-2]}, policy=DEFAULT_POLICY)
    assert raised.value.field == "x"


def test_a_jwks_holds_other_key_types_under_a_policy():
    rsa_jwk = {**public_jwk(fj.rsa_key().public_key()), "kid": "r"}
    p384 = {**public_jwk(fj.private_key_for("ES384").public_key()), "kid": "p"}
    jwks = Jwks.from_dict({"keys": [rsa_jwk, p384]}, policy=DEFAULT_POLICY)
    written = {k["kid"]: k for k in jwks.to_dict()["keys"]}
    assert "alg" not in written["r"]
    assert written["p"]["alg"] == "ES384"
    with pytest.raises(e.InvalidKey):
        Jwks.from_dict({"keys": [rsa_jwk]})


# --- threaded through SD-JWT, KB-JWT and status lists ----------------------------------------


def _foreign_vc(alg, holder_alg, hash_alg="sha-256"):
    issuer, holder = fj.private_key_for(alg), fj.private_key_for(holder_alg)
    payload = {
        "iss": ISSUER,
        "vct": VCT,
        "iat": NOW - 60,
        "cnf": {"jwk": public_jwk(holder.public_key())},
        "given_name": sd("Olena"),
    }
    made = issue_sd_jwt(payload, signing_key=SigningKey.generate(), typ="x", hash_alg=hash_alg)
    encoded = tuple(d.encoded for d in made.disclosures)
    text = fj.sd_jwt(made.payload, encoded, issuer, alg)
    presented = fj.with_kb(
        text, holder, holder_alg, aud=OFFLINE, nonce=NONCE, iat=NOW, hash_alg=hash_alg
    )
    return presented, issuer.public_key()


class _Key:
    def __init__(self, key):
        self.key = key

    def resolve(self, issuer, kid):
        return self.key


@pytest.mark.parametrize(("alg", "holder_alg"), [("ES384", "ES384"), ("PS256", "ES512")])
def test_an_sd_jwt_vc_of_another_algorithm_verifies_and_says_which(alg, holder_alg, clock):
    text, key = _foreign_vc(alg, holder_alg)
    policy = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))
    result = verify_sd_jwt_vc(text, keys=_Key(key), policy=policy, clock=clock)
    assert result.alg == alg
    assert result.claims["given_name"] == "Olena"
    assert result.sd_jwt.key_binding is not None


def test_the_vc_policy_narrows_the_issuer_and_kb_algorithms(clock):
    only_es256 = AlgorithmPolicy(algorithms=frozenset({"ES256"}))
    expect = KeyBindingExpectations(aud=OFFLINE, nonce=NONCE)
    text, key = _foreign_vc("ES384", "ES256")
    with pytest.raises(e.UnsupportedAlgorithm):
        verify_sd_jwt_vc(
            text, keys=_Key(key), policy=VcPolicy(expect, algorithms=only_es256), clock=clock
        )
    text, key = _foreign_vc("ES256", "ES384")
    with pytest.raises(e.CryptoError):  # the holder's P-384 key is not allowed
        verify_sd_jwt_vc(
            text, keys=_Key(key), policy=VcPolicy(expect, algorithms=only_es256), clock=clock
        )


def test_a_status_list_token_of_another_algorithm_verifies_under_the_policy(clock):
    key = fj.private_key_for("PS256")
    uri = "https://issuer.example/status/1"
    payload = {"iss": ISSUER, "sub": uri, "iat": NOW - 10, "status_list": StatusList(8).to_json()}
    token = fj.sign(payload, key, "PS256", typ="statuslist+jwt")
    keys = IssuerKeys({ISSUER: Jwks({"k": key.public_key()})})
    verified = verify_status_list_token(token, keys=keys, expected_uri=uri, clock=clock)
    assert verified.alg == "PS256"
    with pytest.raises(e.UnsupportedAlgorithm):
        verify_status_list_token(
            token,
            keys=keys,
            expected_uri=uri,
            clock=clock,
            policy=AlgorithmPolicy(algorithms=frozenset({"ES256"})),
        )
