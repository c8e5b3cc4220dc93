"""The rejection rules of rebuilding the claims (RFC 9901 §7.1 step 3), one crafted input each.

Each test kills a mutant of ``crypto/sdjwt/unpacking.py`` that the rest of the suite lets live
(``make mutation``).
"""

from __future__ import annotations

import pytest

from crypto import Limits, VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from tests.support.factory import OneKey, base_payload, digest, disclosure, raw_sd_jwt

NO_KB = VcPolicy(key_binding=None)
SOME_DIGEST = "c29tZS1kaWdlc3Qtb2YtMzItYnl0ZXMtLS0tLS0tLS0"


def check(text, issuer_key, clock, limits=None):
    extra = {} if limits is None else {"limits": limits}
    return verify_sd_jwt_vc(text, keys=OneKey(issuer_key), policy=NO_KB, clock=clock, **extra)


@pytest.mark.parametrize(
    "extra",
    [
        {"_sd": [42]},
        {"_sd": [None]},
        {"nationalities": [{"...": 42}]},
    ],
    ids=["number-in-_sd", "null-in-_sd", "number-in-array-element"],
)
def test_rejects_a_digest_that_is_not_a_string(issuer_key, holder_key, clock, extra):
    payload = base_payload(holder_key, **extra)
    with pytest.raises(e.MalformedInput):
        check(raw_sd_jwt(payload, [], issuer_key), issuer_key, clock)


def test_rejects_more_digests_than_the_limit(issuer_key, holder_key, clock):
    decoys = [f"{SOME_DIGEST[:-1]}{c}" for c in "ABCD"]
    limits = Limits(max_digests=3)
    text = raw_sd_jwt(base_payload(holder_key, _sd=decoys[:3]), [], issuer_key)
    assert check(text, issuer_key, clock, limits).claims["vct"]  # three decoys are fine
    text = raw_sd_jwt(base_payload(holder_key, _sd=decoys), [], issuer_key)
    with pytest.raises(e.InputTooLarge):
        check(text, issuer_key, clock, limits)


def test_digests_of_nested_objects_count_towards_the_limit(issuer_key, holder_key, clock):
    payload = base_payload(
        holder_key, _sd=[SOME_DIGEST[:-1] + "A"], address={"_sd": [SOME_DIGEST[:-1] + "B"]}
    )
    with pytest.raises(e.InputTooLarge):
        check(raw_sd_jwt(payload, [], issuer_key), issuer_key, clock, Limits(max_digests=1))


@pytest.mark.parametrize(
    "extra",
    [{"address": {"...": SOME_DIGEST}}, {"...": SOME_DIGEST}],
    ids=["nested-object", "top-level"],
)
def test_rejects_ellipsis_outside_an_array(issuer_key, holder_key, clock, extra):
    """``...`` names an array element's digest; as an object member it is malformed."""
    payload = base_payload(holder_key, **extra)
    with pytest.raises(e.MalformedInput) as raised:
        check(raw_sd_jwt(payload, [], issuer_key), issuer_key, clock)
    assert raised.value.field == "..."


def test_an_ellipsis_disclosure_in_an_array_is_still_accepted(issuer_key, holder_key, clock):
    d = disclosure(None, "UKR")
    payload = base_payload(holder_key, nationalities=[{"...": digest(d)}, "POL"])
    claims = check(raw_sd_jwt(payload, [d], issuer_key), issuer_key, clock).claims
    assert claims["nationalities"] == ["UKR", "POL"]
