import pytest

from crypto import SigningKey
from crypto.algorithms import check_algorithm, sign, verify
from crypto.errors import InvalidKey, InvalidSignature, UnsupportedAlgorithm


@pytest.mark.parametrize("alg", ["none", "HS256", "RS256", "ES384", "PS256", "", None, 5])
def test_only_es256_and_eddsa_are_allowed(alg):
    with pytest.raises(UnsupportedAlgorithm):
        check_algorithm(alg)


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_sign_and_verify(alg):
    key = SigningKey.generate(alg)
    signature = sign(alg, key.private_key, b"data")
    assert len(signature) == 64
    verify(alg, key.public_key, b"data", signature)
    with pytest.raises(InvalidSignature):
        verify(alg, key.public_key, b"other", signature)


def test_a_signature_flip_says_nothing_about_where():
    key = SigningKey.generate()
    signature = bytearray(sign("ES256", key.private_key, b"data"))
    messages = set()
    for position in (0, 31, 32, 63):
        broken = bytearray(signature)
        broken[position] ^= 1
        with pytest.raises(InvalidSignature) as caught:
            verify("ES256", key.public_key, b"data", bytes(broken))
        messages.add(str(caught.value))
    with pytest.raises(InvalidSignature) as caught:
        verify("ES256", key.public_key, b"data", bytes(signature[:10]))
    messages.add(str(caught.value))
    assert messages == {"[signature_invalid] signature does not verify"}


def test_key_must_match_algorithm():
    ed = SigningKey.generate("EdDSA")
    with pytest.raises(InvalidKey):
        sign("ES256", ed.private_key, b"x")
    with pytest.raises(InvalidSignature):
        verify("ES256", ed.public_key, b"x", sign("EdDSA", ed.private_key, b"x"))


def test_other_curves_are_refused():
    from cryptography.hazmat.primitives.asymmetric import ec

    with pytest.raises(InvalidKey):
        SigningKey.from_private_key(ec.generate_private_key(ec.SECP384R1()))
