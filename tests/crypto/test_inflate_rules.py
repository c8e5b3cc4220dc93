"""Bounded decompression tells damage from size: truncated data is damage, not a zip bomb.

Kills a mutant of ``crypto/inflate.py`` that the rest of the suite lets live only by chance (the
QR tests meet a truncated stream when the random keys make the base45 text a multiple of three):
``make mutation``.
"""

from __future__ import annotations

import zlib

import pytest

from crypto import StatusList
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.inflate import bounded_inflate

DATA = bytes(range(256)) * 8


@pytest.mark.parametrize("cut", [1, 4, 100])
def test_truncated_data_is_the_callers_error_not_too_large(cut):
    truncated = zlib.compress(DATA)[:-cut]
    with pytest.raises(e.QrCodecError, match="truncated"):
        bounded_inflate(truncated, bound=10 * len(DATA), field="qr", error=e.QrCodecError)


def test_a_truncated_status_list_is_malformed_not_too_large():
    lst = b64url_encode(zlib.compress(DATA)[:-4])
    with pytest.raises(e.MalformedInput) as raised:
        StatusList.from_json({"bits": 1, "lst": lst})
    assert type(raised.value) is e.MalformedInput
