"""The rejection rules of compact JWS parsing (RFC 7515), each with a correctly signed input.

With a valid signature, only the rule itself can refuse the token; each test kills a mutant of
``crypto/jws.py`` that the rest of the suite lets live (``make mutation``).
"""

from __future__ import annotations

import pytest

from crypto import VcPolicy, verify_sd_jwt_vc, verify_status_list_token
from crypto import errors as e
from crypto.jws import parse_compact, sign_compact
from tests.support.factory import base_payload

NO_KB = VcPolicy(key_binding=None)


def test_a_jws_has_exactly_three_parts(issuer_key, holder_key, trust, clock):
    jwt = sign_compact(base_payload(holder_key), issuer_key, typ="dc+sd-jwt")
    parse_compact(jwt).verify_with(issuer_key.public_key)  # the three parts verify
    for extra in (".", ".AAAA", ".e30.e30"):
        with pytest.raises(e.MalformedInput):
            parse_compact(jwt + extra)
        with pytest.raises(e.MalformedInput):
            verify_sd_jwt_vc(jwt + extra + "~", keys=trust, policy=NO_KB, clock=clock)


def test_a_signed_critical_header_is_refused(issuer_key, holder_key, trust, clock):
    """We understand no JWS extension, so a ``crit`` header is never ignored (RFC 7515 §4.1.11)."""
    header = {"crit": ["exp"], "exp": 1}
    jwt = sign_compact(base_payload(holder_key), issuer_key, typ="dc+sd-jwt", extra_header=header)
    with pytest.raises(e.MalformedInput) as raised:
        parse_compact(jwt)
    assert raised.value.field == "jws.header"
    with pytest.raises(e.MalformedInput):
        verify_sd_jwt_vc(jwt + "~", keys=trust, policy=NO_KB, clock=clock)


@pytest.mark.parametrize("token", [b"e30.e30.c2ln", None, ["e30", "e30", "c2ln"]])
def test_a_jws_must_be_text(token, trust, clock):
    with pytest.raises(e.MalformedInput):
        parse_compact(token)
    with pytest.raises(e.MalformedInput):  # the status list token is parsed by it directly
        verify_status_list_token(token, keys=trust, expected_uri="https://x.example", clock=clock)
