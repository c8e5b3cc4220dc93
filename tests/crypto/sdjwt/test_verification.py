"""One negative test per rejection rule of RFC 9901 §7 and of our SD-JWT VC profile.

The crafted presentations are a table (tests/support/bad_presentations.py) that the
verifier's checks are held to as well (tests/verifier/test_checks.py).
"""

from __future__ import annotations

import pytest

from crypto import KeyBindingExpectations, SigningKey, VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from crypto.sdjwt import issue_sd_jwt, sd
from tests.support.bad_presentations import CASES, Keys
from tests.support.factory import (
    NONCE,
    OFFLINE,
    base_payload,
    credential,
    presentation,
    raw_sd_jwt,
)

NO_KB = VcPolicy(key_binding=None)
KB = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=NONCE))


def check(text, trust, clock, policy=NO_KB):
    return verify_sd_jwt_vc(text, keys=trust, policy=policy, clock=clock)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_rejects(case, issuer_key, holder_key, trust, clock):
    crafted = case.build(Keys(issuer_key, holder_key))
    with pytest.raises(case.error):
        check(crafted.text, crafted.keys or trust, clock, KB if case.key_binding else NO_KB)


def test_valid_presentation_is_accepted(issuer_key, holder_key, trust, clock):
    result = check(presentation(issuer_key, holder_key), trust, clock, KB)
    assert result.claims["given_name"] == "Олена"
    assert "tax_number" not in result.claims
    assert result.sd_jwt.key_binding is not None


# --- RFC 9901 §7.1: the SD-JWT itself -------------------------------------------------


def test_rejects_bad_issuer_signature(issuer_key, holder_key, trust, clock):
    other = SigningKey.generate("ES256", kid=issuer_key.kid)
    with pytest.raises(e.InvalidSignature) as caught:
        check(credential(other, holder_key), trust, clock)
    assert str(caught.value) == "[signature_invalid] signature does not verify"


def test_rejects_legacy_typ_unless_allowed(issuer_key, holder_key, trust, clock):
    text = raw_sd_jwt(base_payload(holder_key), [], issuer_key, typ="vc+sd-jwt")
    with pytest.raises(e.WrongType):
        check(text, trust, clock)
    legacy = VcPolicy(key_binding=None, accept_legacy_typ=True)
    assert check(text, trust, clock, legacy).vct == "urn:ua:posvid:id-card:1"


def test_issuance_refuses_to_hide_registered_claims(issuer_key, holder_key):
    from crypto import issue_sd_jwt_vc

    with pytest.raises(e.NotSelectivelyDisclosable):
        issue_sd_jwt_vc(
            {"exp": sd(1)}, issuer="x", vct="y", signing_key=issuer_key, holder_jwk=None, iat=0
        )
    with pytest.raises(e.NotSelectivelyDisclosable):
        issue_sd_jwt(
            {"vct": sd("y")}, signing_key=issuer_key, typ="dc+sd-jwt", always_visible={"vct"}
        )


def test_expiry_leeway_is_honoured(issuer_key, holder_key, trust, clock):
    text = credential(issuer_key, holder_key, exp=clock.now() - 29)
    assert check(text, trust, clock).vct
    with pytest.raises(e.Expired):
        check(text, trust, clock, VcPolicy(key_binding=None, leeway=0))


def test_key_binding_not_required_does_not_evaluate_a_presented_kb(
    issuer_key, holder_key, trust, clock
):
    text = presentation(issuer_key, holder_key, aud="someone-else")
    result = check(text, trust, clock, NO_KB)
    assert result.sd_jwt.key_binding is None


def test_rejects_kb_with_short_nonce_when_any_nonce_is_accepted(
    issuer_key, holder_key, trust, clock
):
    one_way = VcPolicy(KeyBindingExpectations(aud=OFFLINE, nonce=None))
    assert check(presentation(issuer_key, holder_key), trust, clock, one_way)
    with pytest.raises(e.NonceMismatch):
        check(presentation(issuer_key, holder_key, nonce="short"), trust, clock, one_way)


def test_rejects_stale_kb(issuer_key, holder_key, trust, clock):
    text = presentation(issuer_key, holder_key, iat=clock.now() - 181)
    with pytest.raises(e.KeyBindingStale):
        check(text, trust, clock, KB)
    assert check(presentation(issuer_key, holder_key, iat=clock.now() - 180), trust, clock, KB)
