"""Token Status List: the draft's own signed Status List Token (JWT), with the key its example
generator publishes, through ``verify_status_list_token``: signature, ``typ``, ``sub`` (the list
URI), times and every status (tests/vectors/status-list/draft-example-token.json)."""

import json
from pathlib import Path

import pytest

from crypto import FixedClock, IssuerKeys, Jwks, public_key_from_jwk, verify_status_list_token
from crypto.errors import CryptoError, StatusListError, UnknownKey

VECTORS = (
    Path(__file__).resolve().parents[1] / "vectors" / "status-list" / "draft-example-token.json"
)
DATA = json.loads(VECTORS.read_text())


def _keys(issuer, kid=None):
    jwk = DATA["signing_key"]
    return IssuerKeys({issuer: Jwks({kid or jwk["kid"]: public_key_from_jwk(jwk)})})


def _verify(case, **overrides):
    args = {
        "keys": _keys(case["issuer"]),
        "expected_uri": case["uri"],
        "clock": FixedClock(case["at"]),
        "issuer": case["issuer"],
    }
    return verify_status_list_token(case["token"], **(args | overrides))


@pytest.mark.parametrize("case", DATA["tokens"], ids=lambda c: c["name"])
def test_the_drafts_token_verifies_with_its_published_key(case):
    expected = case["expected"]
    token = _verify(case)
    assert (token.alg, token.iat, token.exp, token.ttl) == (
        expected["alg"],
        expected["iat"],
        expected["exp"],
        expected["ttl"],
    )
    assert token.uri == case["uri"]
    assert not token.expired
    assert token.status_list.bits == expected["bits"]
    assert token.status_list.size == expected["size"]
    statuses = {str(i): token.status_list[i] for i in range(token.status_list.size)}
    assert statuses == expected["statuses"]


@pytest.mark.parametrize("case", DATA["tokens"], ids=lambda c: c["name"])
def test_the_drafts_token_is_refused_for_another_list_or_key(case):
    with pytest.raises(StatusListError):
        _verify(case, expected_uri=case["uri"] + "0")
    with pytest.raises(UnknownKey):
        _verify(case, keys=_keys(case["issuer"], kid="another"))
    with pytest.raises(CryptoError):
        _verify(case, issuer="https://other.example")
