"""``_sd_alg`` other than sha-256 (issue 15, item 5): digests are computed with the credential's
own ``_sd_alg`` when the policy accepts it; anything else is ``sd_alg_unsupported``."""

from __future__ import annotations

import hashlib

import pytest

from crypto import AlgorithmPolicy, KeyBindingExpectations, VcPolicy, verify_sd_jwt_vc
from crypto import errors as e
from crypto.b64 import b64url_encode
from crypto.sdjwt import match_disclosures
from crypto.sdjwt.verification import VerificationPolicy, verify_sd_jwt
from tests.support.factory import (
    NONCE,
    OFFLINE,
    OneKey,
    base_payload,
    credential,
    disclosure,
    presentation,
    raw_sd_jwt,
)

HASHES = {
    "sha-256": hashlib.sha256,
    "sha-384": hashlib.sha384,
    "sha-512": hashlib.sha512,
    "sha3-256": hashlib.sha3_256,
}
EXPECT = KeyBindingExpectations(aud=OFFLINE, nonce=NONCE)


def accepting(name: str) -> VcPolicy:
    return VcPolicy(EXPECT, algorithms=AlgorithmPolicy(sd_algorithms=frozenset({name})))


@pytest.mark.parametrize("name", sorted(HASHES))
def test_each_sd_alg_verifies_when_the_policy_accepts_it(name, issuer_key, holder_key, clock):
    text = presentation(issuer_key, holder_key, hash_alg=name)
    result = verify_sd_jwt_vc(text, keys=OneKey(issuer_key), policy=accepting(name), clock=clock)
    assert result.sd_jwt.payload["_sd_alg"] == name
    assert result.claims["given_name"]
    # the digests in the payload are this hash of each disclosure, nothing else
    for d in result.sd_jwt.disclosures:
        expected = b64url_encode(HASHES[name](d.encoded.encode()).digest())
        assert expected in result.sd_jwt.payload["_sd"]


@pytest.mark.parametrize("name", ["sha-384", "sha-512", "sha3-256"])
def test_other_sd_algs_are_refused_by_the_default_policy(name, issuer_key, holder_key, clock):
    text = presentation(issuer_key, holder_key, hash_alg=name)
    with pytest.raises(e.UnsupportedHashAlgorithm):
        verify_sd_jwt_vc(text, keys=OneKey(issuer_key), policy=VcPolicy(EXPECT), clock=clock)


def test_a_policy_accepting_one_sd_alg_refuses_another(issuer_key, holder_key, clock):
    text = presentation(issuer_key, holder_key, hash_alg="sha-512")
    with pytest.raises(e.UnsupportedHashAlgorithm):
        verify_sd_jwt_vc(text, keys=OneKey(issuer_key), policy=accepting("sha-384"), clock=clock)


@pytest.mark.parametrize("name", ["md5", "sha-1", "sha3-512", "SHA-384", "", 384, None])
def test_an_unknown_sd_alg_is_refused_whatever_the_policy(name, issuer_key, holder_key, clock):
    d = disclosure("given_name", "Olena")
    text = raw_sd_jwt(base_payload(holder_key, _sd_alg=name, _sd=["x"]), [d], issuer_key)
    every = AlgorithmPolicy(sd_algorithms=frozenset(HASHES))
    with pytest.raises(e.UnsupportedHashAlgorithm):
        verify_sd_jwt(
            text,
            keys=OneKey(issuer_key),
            policy=VerificationPolicy(key_binding=None, algorithms=every),
            clock=clock,
        )


def test_a_digest_made_with_another_hash_references_nothing(issuer_key, holder_key):
    """A sha-256 digest under ``_sd_alg: sha-384`` does not reference its disclosure."""
    d = disclosure("given_name", "Olena")
    sha256_digest = b64url_encode(hashlib.sha256(d.encoded.encode()).digest())
    payload = base_payload(holder_key, _sd_alg="sha-384", _sd=[sha256_digest])
    every = AlgorithmPolicy(sd_algorithms=frozenset(HASHES))
    with pytest.raises(e.UnreferencedDisclosure):
        match_disclosures(payload, [d.encoded], policy=every)


def test_the_kb_sd_hash_uses_the_credentials_sd_alg(issuer_key, holder_key, clock):
    """A KB-JWT whose ``sd_hash`` is sha-256 of a sha-384 credential does not match."""
    text = presentation(issuer_key, holder_key, hash_alg="sha-384")
    result = verify_sd_jwt_vc(
        text, keys=OneKey(issuer_key), policy=accepting("sha-384"), clock=clock
    )
    without_kb = text[: text.rindex("~") + 1]
    sd_hash = b64url_encode(hashlib.sha384(without_kb.encode()).digest())
    assert result.sd_jwt.key_binding is not None
    assert result.sd_jwt.key_binding["sd_hash"] == sd_hash


def test_an_sd_jwt_without_sd_alg_is_sha_256(issuer_key, holder_key, clock):
    text = credential(issuer_key, holder_key)
    result = verify_sd_jwt_vc(
        text, keys=OneKey(issuer_key), policy=VcPolicy(key_binding=None), clock=clock
    )
    assert result.sd_jwt.payload.get("_sd_alg", "sha-256") == "sha-256"
