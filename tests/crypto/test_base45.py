"""Base45 against RFC 9285's own examples, and its rejection rules."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crypto.base45 import ALPHABET, b45decode, b45encode
from crypto.errors import MalformedInput


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"AB", "BB8"),
        (b"Hello!!", "%69 VD92EX0"),
        (b"base-45", "UJCLQE7W581"),
        (b"ietf!", "QED8WEX0"),
    ],
)
def test_rfc9285_examples(raw, text):
    assert b45encode(raw) == text
    assert b45decode(text) == raw


@pytest.mark.parametrize("text", ["A", "ABCD", "abc", "GGW", "::", "ZZZ"])
def test_rejects_bad_lengths_characters_and_overflow(text):
    with pytest.raises(MalformedInput):
        b45decode(text)


@given(st.binary(max_size=300))
def test_round_trip_and_alphabet(data):
    text = b45encode(data)
    assert set(text) <= set(ALPHABET)
    assert b45decode(text) == data
