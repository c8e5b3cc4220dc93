"""The rules of strict JSON reading and writing, each also seen through a signed JWS.

A JWS whose signature is valid but whose JSON breaks a rule is refused by the rule alone. Each
test kills a mutant of ``crypto/strict_json.py`` that the rest of the suite lets live
(``make mutation``).
"""

from __future__ import annotations

import math

import pytest

from crypto import SigningKey, strict_json
from crypto import errors as e
from crypto.algorithms import sign
from crypto.b64 import b64url_encode
from crypto.jws import parse_compact, sign_compact

HEADER = b'{"alg":"ES256","typ":"JWT"}'


def signed(key: SigningKey, payload: bytes) -> str:
    """A compact JWS over exactly these payload bytes."""
    signing_input = b64url_encode(HEADER) + "." + b64url_encode(payload)
    return (
        signing_input + "." + b64url_encode(sign("ES256", key.private_key, signing_input.encode()))
    )


@pytest.fixture(scope="module")
def key():
    return SigningKey.generate()


def test_a_clean_payload_parses(key):
    assert parse_compact(signed(key, b'{"iss":"x"}')).payload == {"iss": "x"}


@pytest.mark.parametrize(
    "payload", [b'{"iss":"x"} ', b'{"iss":"x"}{}', b'{"iss":"x"}\n', b'{"iss":"x"}"']
)
def test_data_after_the_json_value_is_refused(key, payload):
    with pytest.raises(e.MalformedInput):
        strict_json.loads(payload, field="payload")
    with pytest.raises(e.MalformedInput) as raised:
        parse_compact(signed(key, payload))
    assert raised.value.field == "jws.payload"


def test_a_repeated_member_name_is_refused_with_the_field():
    with pytest.raises(e.MalformedInput, match="repeats a member") as raised:
        strict_json.loads(b'{"iss":"a","iss":"b"}', field="payload")
    assert raised.value.field == "payload"


@pytest.mark.parametrize("text", [b"{", b"", b"nul", b"\xff", "[1,]"])
def test_invalid_json_is_refused_not_returned_as_none(text):
    with pytest.raises(e.MalformedInput, match="not valid JSON"):
        strict_json.loads(text, field="payload")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, {1j}])
def test_what_json_cannot_hold_is_refused_on_writing(key, value):
    with pytest.raises(e.MalformedInput):
        strict_json.dumps({"x": value})
    with pytest.raises(e.MalformedInput):
        sign_compact({"x": value}, key, typ="JWT")


@pytest.mark.parametrize(
    "text",
    [b'"\\ud800"', b'["ok", "a\\udfffb"]', b'{"\\udc00": 1}', b'{"nonce": {"x": ["\\ud83d"]}}'],
)
def test_a_lone_surrogate_is_refused(key, text):
    # found by fuzzing (fuzz/targets.py sd_jwt): a KB-JWT's nonce "\ud800" made verification
    # raise UnicodeEncodeError where it compared the nonce
    with pytest.raises(e.MalformedInput, match="lone UTF-16 surrogate") as raised:
        strict_json.loads(text, field="payload")
    assert raised.value.field == "payload"
    with pytest.raises(e.MalformedInput, match="lone UTF-16 surrogate"):
        parse_compact(signed(key, b'{"x":' + text + b"}"))


def test_a_surrogate_pair_is_one_character_and_parses():
    assert strict_json.loads(b'{"e": "\\ud83d\\ude00"}', field="payload") == {"e": "\U0001f600"}
