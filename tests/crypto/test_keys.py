import json

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from crypto import (
    Jwks,
    SigningKey,
    generate_private_key,
    jwk_thumbprint,
    load_private_key_pem,
    private_key_to_pem,
    public_jwk,
    public_key_from_jwk,
)
from crypto.errors import InvalidKey, UnsupportedAlgorithm

PASS = b"correct horse battery"


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_encrypted_pem_round_trip(alg):
    key = generate_private_key(alg)
    pem = private_key_to_pem(key, PASS)
    assert b"ENCRYPTED PRIVATE KEY" in pem
    loaded = load_private_key_pem(pem, PASS)
    assert public_jwk(loaded) == public_jwk(key)


def test_wrong_passphrase_is_a_clear_error():
    pem = private_key_to_pem(generate_private_key(), PASS)
    with pytest.raises(InvalidKey, match="wrong passphrase"):
        load_private_key_pem(pem, b"not the passphrase")


def test_short_passphrase_is_refused():
    with pytest.raises(InvalidKey):
        private_key_to_pem(generate_private_key(), b"1234")


def test_rsa_private_keys_are_refused():
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = rsa_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASS),
    )
    with pytest.raises(InvalidKey):
        load_private_key_pem(pem, PASS)


def test_rfc7638_thumbprint_example():
    # The RSA example of RFC 7638 §3.1 does not apply (RSA is not allowed); this is
    # the RFC 8037 §A.3 Ed25519 thumbprint example.
    jwk = {"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}
    assert jwk_thumbprint(jwk) == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"


def test_thumbprint_ignores_optional_members_and_is_the_default_kid():
    key = SigningKey.generate()
    jwk = key.public_jwk()
    assert jwk["kid"] == jwk_thumbprint(key.private_key) == jwk_thumbprint(jwk)


@pytest.mark.parametrize(
    "jwk",
    [
        {"kty": "RSA", "n": "AQAB", "e": "AQAB"},
        {"kty": "EC", "crv": "P-384", "x": "AA", "y": "AA"},
        {"kty": "oct", "k": "c2VjcmV0"},
        {"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"},
        {"kty": "EC", "crv": "P-256", "x": "A" * 43},
        {"kty": "OKP", "crv": "Ed448", "x": "A" * 57},
        [],
    ],
)
def test_public_key_from_jwk_refuses_what_is_not_allowed(jwk):
    with pytest.raises(InvalidKey):
        public_key_from_jwk(jwk)


def test_point_not_on_curve_is_refused():
    jwk = public_jwk(generate_private_key())
    jwk["y"] = jwk["x"]
    with pytest.raises(InvalidKey):
        public_key_from_jwk(jwk)


def test_private_member_is_refused_in_a_public_jwk():
    jwk = {**public_jwk(generate_private_key()), "d": "AAAA"}
    with pytest.raises(InvalidKey):
        public_key_from_jwk(jwk)


def test_jwk_alg_must_be_allowed():
    jwk = {**public_jwk(generate_private_key()), "alg": "HS256"}
    with pytest.raises(UnsupportedAlgorithm):
        public_key_from_jwk(jwk)


def test_jwks_round_trip_and_lookup():
    a, b = SigningKey.generate("ES256"), SigningKey.generate("EdDSA", kid="k2")
    document = json.loads(json.dumps(Jwks.of([a, b]).to_dict()))
    jwks = Jwks.from_dict(document)
    assert set(jwks) == {a.kid, "k2"}
    assert public_jwk(jwks["k2"]) == public_jwk(b.private_key)


def test_jwks_refuses_duplicate_kids_and_bad_shape():
    jwk = SigningKey.generate().public_jwk()
    with pytest.raises(InvalidKey):
        Jwks.from_dict({"keys": [jwk, jwk]})
    with pytest.raises(InvalidKey):
        Jwks.from_dict({"keys": "none"})


def test_signing_key_repr_hides_the_private_key():
    key = SigningKey.generate()
    assert "private" not in repr(key).lower()
    assert key.kid in repr(key)
