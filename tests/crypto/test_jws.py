import jwt as pyjwt
import pytest

from crypto import SigningKey
from crypto.errors import InputTooLarge, MalformedInput, UnsupportedAlgorithm, WrongType
from crypto.jws import check_typ, parse_compact, sign_compact
from crypto.limits import Limits


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_our_jws_verifies_with_pyjwt(alg):
    key = SigningKey.generate(alg)
    token = sign_compact({"sub": "Олена", "n": 1}, key, typ="example+jwt")
    decoded = pyjwt.decode(token, key.public_key, algorithms=[alg])
    assert decoded == {"sub": "Олена", "n": 1}
    assert pyjwt.get_unverified_header(token)["kid"] == key.kid


@pytest.mark.parametrize("alg", ["ES256", "EdDSA"])
def test_pyjwt_tokens_verify_with_ours(alg):
    key = SigningKey.generate(alg)
    token = pyjwt.encode({"a": "b"}, key.private_key, algorithm=alg, headers={"typ": "x"})
    parsed = parse_compact(token)
    parsed.verify_with(key.public_key)
    assert parsed.payload == {"a": "b"}
    assert check_typ(parsed, ["x"], field="typ") == "x"
    with pytest.raises(WrongType):
        check_typ(parsed, ["y"], field="typ")


@pytest.mark.parametrize("token", ["a.b", "a.b.c.d", "", "!!.!!.!!", "W10.e30.AA"])
def test_malformed_tokens(token):
    with pytest.raises(MalformedInput):
        parse_compact(token)


def test_header_without_alg_is_refused_by_name():
    with pytest.raises(UnsupportedAlgorithm):
        parse_compact("e30.e30.")


def test_size_is_checked_before_parsing():
    with pytest.raises(InputTooLarge):
        parse_compact("x" * 101, limits=Limits(max_jws_chars=100))
