"""The rejection rules of the compact serialisation (RFC 9901 §4), one crafted input each.

``split_sd_jwt`` is where the wallet, the QR codec and the verifier first meet a presentation;
each test kills a mutant of ``crypto/sdjwt/compact.py`` that the rest of the suite lets live
(``make mutation``).
"""

from __future__ import annotations

import pytest

from crypto import FixedClock, VcPolicy, decode_qr_payload, verify_sd_jwt_vc
from crypto import errors as e
from crypto.sdjwt import split_sd_jwt
from tests.support.factory import NOW, credential


@pytest.mark.parametrize("text", [b"eyJ.eyJ.sig~", None, ["eyJ.eyJ.sig~"]])
def test_an_sd_jwt_must_be_text(text, trust, clock):
    with pytest.raises(e.MalformedInput):
        split_sd_jwt(text)
    with pytest.raises(e.MalformedInput):
        verify_sd_jwt_vc(text, keys=trust, policy=VcPolicy(key_binding=None), clock=clock)


def test_an_empty_disclosure_is_refused(issuer_key, holder_key):
    text = credential(issuer_key, holder_key)
    jwt, first, rest = text.split("~", 2)
    doubled = f"{jwt}~{first}~~{rest}"
    with pytest.raises(e.MalformedDisclosure):
        split_sd_jwt(doubled)
    with pytest.raises(e.MalformedDisclosure):
        decode_qr_payload(doubled)  # a plain SD-JWT in a QR code is split before it is passed on


@pytest.mark.parametrize("odd", ["a\xa2b", "WyJz\ud800"])
def test_a_disclosure_with_a_character_beyond_ascii_is_refused(odd, issuer_key, holder_key, trust):
    # found by fuzzing (fuzz/targets.py sd_jwt): its digest was a UnicodeEncodeError
    text = credential(issuer_key, holder_key) + odd + "~"
    with pytest.raises(e.MalformedDisclosure):
        split_sd_jwt(text)
    with pytest.raises(e.MalformedDisclosure):
        verify_sd_jwt_vc(text, keys=trust, policy=VcPolicy(key_binding=None), clock=FixedClock(NOW))


@pytest.mark.parametrize("text", ["~", "~WyJzYWx0IiwgIngiLCAxXQ~", "~e30.e30.c2ln"])
def test_the_issuer_jwt_must_be_present(text):
    with pytest.raises(e.MalformedInput):
        split_sd_jwt(text)
