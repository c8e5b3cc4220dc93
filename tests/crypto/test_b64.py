import pytest

from crypto.b64 import b64url_decode, b64url_encode
from crypto.errors import MalformedInput


def test_round_trip_without_padding():
    assert b64url_encode(b"\xfb\xff") == "-_8"
    assert b64url_decode("-_8") == b"\xfb\xff"


@pytest.mark.parametrize("text", ["-_8=", "a+b/", "abcde", "ab cd", "é"])
def test_rejects_padding_foreign_characters_and_impossible_lengths(text):
    with pytest.raises(MalformedInput):
        b64url_decode(text)


@pytest.mark.parametrize("text", ["AB", "AAB"])
def test_rejects_non_canonical_trailing_bits(text):
    with pytest.raises(MalformedInput, match="non-canonical"):
        b64url_decode(text)
