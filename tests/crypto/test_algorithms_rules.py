"""The algorithm allow-list's rules, each with an input that is otherwise valid.

Each test kills a mutant of ``crypto/algorithms.py`` that the rest of the suite lets live
(``make mutation``).
"""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ed448, rsa

from crypto import SigningKey, generate_private_key, public_jwk
from crypto import errors as e
from crypto.algorithms import algorithm_for_key, check_algorithm, sign, verify

DATA = b"eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJ4In0"


def test_a_refused_name_is_shown_only_when_short():
    with pytest.raises(e.UnsupportedAlgorithm, match="'HS256'"):
        check_algorithm("HS256")
    long_name = "X" * 33
    with pytest.raises(e.UnsupportedAlgorithm) as raised:
        check_algorithm(long_name)
    assert long_name not in str(raised.value)
    assert "<not a short string>" in str(raised.value)


@pytest.mark.parametrize(
    "key",
    [
        ed448.Ed448PrivateKey.generate(),
        ed448.Ed448PrivateKey.generate().public_key(),
        rsa.generate_private_key(65537, 1024),  # noqa: S505 - refused at any size,
    ],
    ids=["ed448", "ed448-public", "rsa"],
)
def test_a_key_type_outside_the_allow_list_is_refused(key):
    with pytest.raises(e.InvalidKey):
        algorithm_for_key(key)
    with pytest.raises(e.InvalidKey):
        public_jwk(key)
    if not isinstance(key, ed448.Ed448PublicKey):
        with pytest.raises(e.InvalidKey):
            SigningKey.from_private_key(key)


@pytest.mark.parametrize(("alg", "other"), [("ES256", "EdDSA"), ("EdDSA", "ES256")])
def test_a_signature_verifies_only_under_the_algorithm_of_its_key(alg, other):
    key = generate_private_key(alg)
    signature = sign(alg, key, DATA)
    verify(alg, key.public_key(), DATA, signature)  # valid as what it is
    with pytest.raises(e.InvalidSignature):
        verify(other, key.public_key(), DATA, signature)


def test_an_es256_signature_is_exactly_64_bytes():
    """``r || 0x00 || s`` holds the same two integers, but a signature has one encoding only."""
    key = generate_private_key("ES256")
    signature = sign("ES256", key, DATA)
    with pytest.raises(e.InvalidSignature):
        verify("ES256", key.public_key(), DATA, signature[:32] + b"\0" + signature[32:])
