"""The rejection rules of disclosures and ``_sd_alg`` (RFC 9901 §4.2, §7.1), one input each.

Each test kills a mutant of ``crypto/sdjwt/disclosure.py`` that the rest of the suite lets live
(``make mutation``).
"""

from __future__ import annotations

import json

import pytest

from crypto import VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.sdjwt import Disclosure, issue_sd_jwt, sd
from crypto.sdjwt.disclosure import digest_of, hash_function
from crypto.sdjwt.verification import VerificationPolicy, verify_sd_jwt
from tests.support.factory import OneKey, base_payload, raw_sd_jwt

SALT = "c2FsdC1zYWx0LXNhbHQ"


def encoded(array: list) -> str:
    """A disclosure encoded as is, without the checks of :meth:`Disclosure.create`."""
    return b64url_encode(json.dumps(array).encode())


def check(text, issuer_key, clock):
    policy = VcPolicy(key_binding=None)
    return verify_sd_jwt_vc(text, keys=OneKey(issuer_key), policy=policy, clock=clock)


@pytest.mark.parametrize("name", ["md5", "SHA-256", "sha256", "", None, 256])
def test_an_unknown_hash_name_is_refused_everywhere(issuer_key, name):
    with pytest.raises(e.UnsupportedHashAlgorithm):
        hash_function(name)
    with pytest.raises(e.UnsupportedHashAlgorithm):
        digest_of("WyJzYWx0IiwgIngiLCAxXQ", name)  # type: ignore[arg-type]
    with pytest.raises(e.UnsupportedHashAlgorithm):
        issue_sd_jwt({"x": sd(1)}, signing_key=issuer_key, typ="dc+sd-jwt", hash_alg=name)


def test_an_unknown_sd_alg_is_refused_even_if_the_policy_lists_it(issuer_key, holder_key, clock):
    """The policy narrows the supported hashes; it cannot add one the core does not know."""
    policy = VerificationPolicy(key_binding=None, hash_algorithms=("md5", "sha-256"))
    text = raw_sd_jwt(base_payload(holder_key, _sd_alg="md5"), [], issuer_key)
    with pytest.raises(e.UnsupportedHashAlgorithm):
        verify_sd_jwt(text, keys=OneKey(issuer_key), policy=policy, clock=clock)


def test_a_two_element_disclosure_is_an_array_element():
    element = Disclosure.parse(Disclosure.create(None, "UKR", salt=SALT).encoded)
    named = Disclosure.parse(Disclosure.create("nationality", "UKR", salt=SALT).encoded)
    assert element.is_array_element
    assert not named.is_array_element


@pytest.mark.parametrize("name", ["_sd", "..."])
def test_create_refuses_a_forbidden_claim_name(name):
    with pytest.raises(e.ForbiddenClaimName):
        Disclosure.create(name, "x", salt=SALT)


@pytest.mark.parametrize(
    "array",
    [[1, "given_name", "Olena"], [None, "given_name", "Olena"], [["s"], "UKR"]],
    ids=["number", "null", "array-element-with-array-salt"],
)
def test_rejects_a_salt_that_is_not_a_string(issuer_key, holder_key, clock, array):
    d = encoded(array)
    if len(array) == 3:
        payload = base_payload(holder_key, _sd=[digest_of(d)])
    else:
        payload = base_payload(holder_key, nationalities=[{"...": digest_of(d)}])
    with pytest.raises(e.MalformedDisclosure):
        check(raw_sd_jwt(payload, [d], issuer_key), issuer_key, clock)


@pytest.mark.parametrize("name", [5, None, ["given_name"], {"n": 1}])
def test_rejects_a_claim_name_that_is_not_a_string(issuer_key, holder_key, clock, name):
    d = encoded([SALT, name, "Olena"])
    payload = base_payload(holder_key, _sd=[digest_of(d)])
    with pytest.raises(e.MalformedDisclosure):
        check(raw_sd_jwt(payload, [d], issuer_key), issuer_key, clock)
