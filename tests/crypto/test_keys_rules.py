"""The rejection rules of key and JWK parsing (RFC 7517/7518/8037), one crafted input each.

Each test kills a mutant of ``crypto/keys.py`` that the rest of the suite lets live
(``make mutation``). Where a second check would refuse the input anyway, the test asserts the
``field`` the first rule names: an error says which member is at fault.
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from crypto import Jwks, SigningKey, load_private_key_pem, public_jwk, public_key_from_jwk
from crypto import errors as e
from crypto.b64 import b64url_decode, b64url_encode

PASS = b"correct horse battery"


def test_an_rsa_pem_is_refused_as_the_pem_at_fault():
    key = rsa.generate_private_key(65537, 1024)  # noqa: S505 - refused at any size
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(PASS),
    )
    with pytest.raises(e.InvalidKey) as raised:
        load_private_key_pem(pem, PASS)
    assert raised.value.field == "pem"


def test_coordinates_are_exactly_32_bytes_even_when_they_spell_a_valid_point():
    """31 + 33 bytes that concatenate to a real P-256 point are still not a valid JWK."""
    jwk = public_jwk(ec.generate_private_key(ec.SECP256R1()))
    x, y = b64url_decode(jwk["x"]), b64url_decode(jwk["y"])
    shifted = {**jwk, "x": b64url_encode(x[:31]), "y": b64url_encode(x[31:] + y)}
    with pytest.raises(e.InvalidKey) as raised:
        public_key_from_jwk(shifted)
    assert raised.value.field == "x"


@pytest.mark.parametrize("member", ["x", "y"])
def test_a_coordinate_that_is_not_base64url_names_its_member(member):
    jwk = {**public_jwk(ec.generate_private_key(ec.SECP256R1())), member: "not base64url!"}
    with pytest.raises(e.InvalidKey) as raised:
        public_key_from_jwk(jwk)
    assert raised.value.field == member


def test_a_point_off_the_curve_is_named_as_such():
    jwk = {
        "kty": "EC",
        "crv": "P-256",
        "x": b64url_encode(b"\1" * 32),
        "y": b64url_encode(b"\1" * 32),
    }
    with pytest.raises(e.InvalidKey, match="not a point on its curve") as raised:
        public_key_from_jwk(jwk)
    assert raised.value.field == "jwk"


@pytest.mark.parametrize("document", [{}, {"keys": None}, None, {"keys": {"a": 1}}])
def test_a_jwks_without_a_keys_array_is_refused(document):
    with pytest.raises(e.InvalidKey) as raised:
        Jwks.from_dict(document)
    assert raised.value.field == "keys"


@pytest.mark.parametrize("kid", ["", 7, None, ["k"]])
def test_a_kid_must_be_a_non_empty_string(kid):
    jwk = {**SigningKey.generate().public_jwk(), "kid": kid}
    with pytest.raises(e.InvalidKey) as raised:
        Jwks.from_dict({"keys": [jwk]})
    assert raised.value.field == "kid"


def test_two_different_keys_may_not_share_a_kid():
    a, b = SigningKey.generate(kid="k1"), SigningKey.generate(kid="k1")
    with pytest.raises(e.InvalidKey, match="share"):
        Jwks.from_dict({"keys": [a.public_jwk(), b.public_jwk()]})
