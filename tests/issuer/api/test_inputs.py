"""Request bodies decoded at the API's one boundary into values or the caller's IssuerError."""

from __future__ import annotations

import pytest

from issuer.api.inputs import integer, json_object, json_value
from issuer.errors import InvalidDocument


def error() -> InvalidDocument:
    return InvalidDocument("bad", field="x")


@pytest.mark.parametrize("raw", [b"not json", b"\xff\xfe\x00", "{", ""])
def test_not_json_is_the_given_error(raw):
    with pytest.raises(InvalidDocument):
        json_value(raw, error())


def test_json_object_wants_an_object():
    assert json_object('{"a": 1}', error()) == {"a": 1}
    with pytest.raises(InvalidDocument):
        json_object("[1]", error())


@pytest.mark.parametrize(("raw", "value"), [("3", 3), (" 10 ", 10), ("-1", -1)])
def test_integers(raw, value):
    assert integer(raw, error()) == value


@pytest.mark.parametrize("raw", ["two", "", "1.5", "٣x"])
def test_not_integers(raw):
    with pytest.raises(InvalidDocument):
        integer(raw, error())
