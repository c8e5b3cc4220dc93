"""The rejection rules of Token Status Lists (draft-ietf-oauth-status-list), one input each.

Tokens here are correctly signed ``statuslist+jwt`` with one fault, so only the rule under test
can refuse them. Each test kills a mutant of ``crypto/status_list.py`` that the rest of the
suite lets live (``make mutation``).
"""

from __future__ import annotations

import pytest

from crypto import (
    FixedClock,
    IssuerKeys,
    Jwks,
    Limits,
    SigningKey,
    StatusList,
    verify_status_list_token,
)
from crypto import errors as e
from crypto.jws import sign_compact
from crypto.status_list import STATUS_LIST_TYP

URI = "https://issuer.posvid.example/status/1"
ISSUER = "https://issuer.posvid.example"
NOW = 2000


@pytest.fixture(scope="module")
def key():
    return SigningKey.generate()


def token(key, **claims):
    payload = {"iss": ISSUER, "sub": URI, "iat": 1000, "status_list": StatusList(64).to_json()}
    payload.update(claims)
    return sign_compact(
        {k: v for k, v in payload.items() if v is not None}, key, typ=STATUS_LIST_TYP
    )


def verify(text, key, limits=None):
    extra = {} if limits is None else {"limits": limits}
    keys = IssuerKeys({ISSUER: Jwks.of([key])})
    return verify_status_list_token(
        text, keys=keys, expected_uri=URI, clock=FixedClock(NOW), **extra
    )


def test_the_well_formed_token_verifies(key):
    assert verify(token(key, ttl=300), key).ttl == 300


@pytest.mark.parametrize("iat", [None, "1000", 1000.0, True])
def test_iat_is_required_and_an_integer(key, iat):
    with pytest.raises(e.StatusListError) as raised:
        verify(token(key, iat=iat), key)
    assert raised.value.field == "iat"


@pytest.mark.parametrize("ttl", [-1, "300", 300.5, True])
def test_ttl_is_a_non_negative_integer(key, ttl):
    with pytest.raises(e.StatusListError) as raised:
        verify(token(key, ttl=ttl), key)
    assert raised.value.field == "ttl"


@pytest.mark.parametrize("status_list", ["x", ["bits", 1], 5])
def test_status_list_must_be_an_object(key, status_list):
    with pytest.raises(e.MalformedInput):
        verify(token(key, status_list=status_list), key)


@pytest.mark.parametrize("lst", [5, None, ["eNrbuRgAAhcBXQ"], b"eNrbuRgAAhcBXQ"])
def test_lst_must_be_a_string(lst):
    with pytest.raises(e.MalformedInput) as raised:
        StatusList.from_json({"bits": 1, "lst": lst})
    assert raised.value.field == "lst"


def test_lst_longer_than_the_limit_is_refused_before_decoding():
    encoded = StatusList(64).to_json()
    limits = Limits(max_jws_chars=len(encoded["lst"]) - 1)
    assert StatusList.from_json(encoded).size == 64
    with pytest.raises(e.InputTooLarge):
        StatusList.from_json(encoded, limits=limits)


@pytest.mark.parametrize("size", [0, -8])
def test_a_list_has_at_least_one_entry(size):
    with pytest.raises(e.StatusListError):
        StatusList(size)
