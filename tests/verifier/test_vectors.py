"""Published SD-JWT (VC) vectors, each with its source, issuer key and expected result, listed in
docs/interop.md: the specifications' (tests/vectors/presentations/) and other open-source
implementations' (tests/vectors/implementations/). The crypto core and the verifier give the
expected result on every one; a leniency Posvid refuses on purpose (no final ``~``, HMAC,
``none``, duplicate disclosures...) is an expected refusal with its reason (``refused_because``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crypto import CryptoError, FixedClock, IssuerKeys, Jwks, public_key_from_jwk
from crypto.sdjwt import (
    VC_TYP,
    KeyBindingExpectations,
    VcPolicy,
    VerificationPolicy,
    verify_sd_jwt,
    verify_sd_jwt_json,
    verify_sd_jwt_vc,
)
from tests.verifier.test_resolvers import Env, Trust
from verifier.checks import verify
from verifier.policy import Policy
from verifier.resolvers import IssuerInfo
from verifier.settings import VerifierSettings

ROOT = Path(__file__).parents[1] / "vectors"
FOLDERS = ("presentations", "implementations")
VECTORS = {
    f"{folder}/{p.stem}": json.loads(p.read_text())
    for folder in FOLDERS
    for p in sorted((ROOT / folder).glob("*.json"))
}


def _keys(vector):
    """The trusted issuer's key, under the vector's ``issuer_kid`` when its header names one."""
    jwk = vector["issuer_key"]
    key = public_key_from_jwk(jwk, policy=_algorithms(vector)) if jwk else None
    return Jwks({vector.get("issuer_kid", "k"): key} if key else {})


def _algorithms(vector):
    """The vector's algorithm policy: the default, or with RS256 when the vector says so."""
    return Policy.from_settings(_settings(vector)).algorithms


def _settings(vector):
    return VerifierSettings(**vector.get("verifier_settings", {}))


def _crypto(vector):
    clock = FixedClock(vector["at"])
    algorithms = _algorithms(vector)
    keys = IssuerKeys({vector["issuer"]: _keys(vector)})
    kb = vector["key_binding"]
    expect = (
        KeyBindingExpectations(
            aud=kb["aud"], nonce=kb["nonce"], max_age=180, leeway=30, min_nonce_chars=1
        )
        if kb
        else None
    )
    if "typ" in vector:
        typs = None if vector["typ"] is None else (vector["typ"],)
        policy = VerificationPolicy(expect, accepted_typ=typs, algorithms=algorithms)
        verify = verify_sd_jwt_json if vector.get("json") else verify_sd_jwt
        return verify(vector["sd_jwt"], keys=keys, policy=policy, clock=clock)
    policy_vc = VcPolicy(expect, algorithms=algorithms)
    return verify_sd_jwt_vc(vector["sd_jwt"], keys=keys, policy=policy_vc, clock=clock)


def test_every_vector_names_its_source_and_expectations():
    assert len(VECTORS) >= 40
    for name, vector in VECTORS.items():
        assert vector["source"], name
        assert {"crypto", "verifier"} <= set(vector["expected"]), name
        assert "issuer_key_source" in vector, name
        if name.startswith("implementations/"):
            assert vector["implementation"], name
            refused = vector["expected"]["crypto"]["result"] == "refused"
            assert refused == bool(vector.get("refused_because")), name


def test_other_implementations_are_covered_broadly():
    """At least a few dozen cases from at least two other implementations."""
    others = [v for n, v in VECTORS.items() if n.startswith("implementations/")]
    assert len(others) >= 30
    assert len({v["implementation"] for v in others}) >= 3
    results = {v["expected"]["crypto"]["result"] for v in others}
    assert results == {"valid", "refused"}


def _known(name):
    """A vector the crypto core does not yet give its published result: an expected failure."""
    deviation = VECTORS[name].get("known_deviation")
    marks = [pytest.mark.xfail(reason=deviation, strict=True)] if deviation else []
    return pytest.param(name, marks=marks)


@pytest.mark.parametrize("name", [_known(n) for n in VECTORS])
def test_the_crypto_core_gives_the_expected_result(name):
    vector = VECTORS[name]
    expected = vector["expected"]["crypto"]
    if expected["result"] == "refused":
        with pytest.raises(CryptoError) as refused:
            _crypto(vector)
        assert refused.value.code == expected["code"]
        return
    verified = _crypto(vector)
    assert verified.alg == expected["alg"]
    claims = verified.claims
    assert {k: claims[k] for k in expected["claims"]} == expected["claims"]
    if "key_binding" in expected:
        assert (verified.key_binding is not None) == expected["key_binding"]


@pytest.mark.parametrize("name", VECTORS)
def test_the_verifier_gives_the_expected_verdict(name):
    vector = VECTORS[name]
    expected = vector["expected"]["verifier"]
    vcts = frozenset({vector.get("vct", VC_TYP)})
    issuers = {vector["issuer"]: IssuerInfo(vector["issuer"], _keys(vector), vcts)}
    trust = Trust(issuers=issuers if vector.get("trusted", True) else {})
    verdict = verify(
        vector["sd_jwt"],
        policy=Policy.from_settings(_settings(vector)),
        trust=trust,
        env=Env(),
        clock=FixedClock(vector["at"]),
        json_allowed=bool(vector.get("json")),
    )
    assert verdict.verdict == expected["verdict"], verdict.checks
    failed = [c for c in verdict.checks if c.passed is False]
    assert [c.name for c in failed] == expected["failed"]
    if vector.get("known_deviation"):
        return  # refused for another reason than its typ: see the vector's known_deviation
    if "code" in expected:
        assert failed[0].error_code == expected["code"]
