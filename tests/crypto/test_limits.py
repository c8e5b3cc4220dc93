"""Every bound of crypto.limits is enforced before parsing."""

import pytest

from crypto import FixedClock, VcPolicy, sd, verify_sd_jwt_vc
from crypto.errors import InputTooLarge
from crypto.limits import DEFAULT_LIMITS, Limits
from crypto.sdjwt import Disclosure, issue_sd_jwt, split_sd_jwt
from tests.support.factory import credential

NO_KB = VcPolicy(key_binding=None)


def test_presentation_length(issuer_key, holder_key, trust):
    text = credential(issuer_key, holder_key)
    with pytest.raises(InputTooLarge):
        verify_sd_jwt_vc(
            text,
            keys=trust,
            policy=NO_KB,
            clock=FixedClock(0),
            limits=Limits(max_sd_jwt_chars=len(text) - 1),
        )


def test_number_of_disclosures_is_counted_before_splitting():
    text = "a.b.c" + "~x" * (DEFAULT_LIMITS.max_disclosures + 1) + "~"
    with pytest.raises(InputTooLarge):
        split_sd_jwt(text)


def test_disclosure_length():
    with pytest.raises(InputTooLarge):
        Disclosure.parse("A" * 100, limits=Limits(max_disclosure_chars=99))


def test_nesting_depth_at_issuance(issuer_key):
    deep: dict = {"leaf": sd(1)}
    for _ in range(DEFAULT_LIMITS.max_depth + 1):
        deep = {"n": deep}
    with pytest.raises(InputTooLarge):
        issue_sd_jwt(deep, signing_key=issuer_key, typ="t")


def test_nesting_depth_at_verification(issuer_key, holder_key, trust, clock):
    from tests.support.factory import base_payload, raw_sd_jwt

    deep: list = []
    for _ in range(DEFAULT_LIMITS.max_depth + 1):
        deep = [deep]
    text = raw_sd_jwt(base_payload(holder_key, deep=deep), [], issuer_key)
    with pytest.raises(InputTooLarge):
        verify_sd_jwt_vc(text, keys=trust, policy=NO_KB, clock=clock)


def test_number_of_digests(issuer_key):
    with pytest.raises(InputTooLarge):
        issue_sd_jwt(
            {"a": sd(1), "b": sd(2)}, signing_key=issuer_key, typ="t", limits=Limits(max_digests=1)
        )
