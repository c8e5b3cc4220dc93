"""One crafted presentation per verdict and per check, each failing exactly that check."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from crypto import (
    STATUS_INVALID,
    STATUS_SUSPENDED,
    FixedClock,
    Jwks,
    SigningKey,
    StatusList,
    StatusReference,
    encode_qr_payload,
    issue_sd_jwt_vc,
    issue_status_list_token,
    present,
    public_jwk,
    sd,
)
from crypto.sdjwt import Disclosure, SdJwtParts, split_sd_jwt
from crypto.sdjwt.key_binding import create_kb_jwt
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from tests.support.bad_presentations import CASES, Keys, with_key_binding
from tests.support.factory import ISSUER as SUITE_ISSUER
from tests.support.factory import VCT as SUITE_VCT
from verifier.checks import STEPS, IssuerInfo, StatusFetch, verify
from verifier.policy import Policy
from verifier.settings import VerifierSettings
from verifier.verdict import CHECKS

NOW = 1_800_000_000
ISSUER = "https://dmsu.posvid.example"
VCT = "urn:ua:posvid:id-card-border:1"
STATUS_URI = ISSUER + "/status-lists/1"
OFFLINE = OFFLINE_AUDIENCE
NONCE = "b2ZmbGluZS1ub25jZS0xMjM0NTY"
ISSUER_KEY = SigningKey.generate(kid="1")
HOLDER = SigningKey.generate()
POLICY = Policy.from_settings(VerifierSettings(identifier="https://border.posvid.example"))


@dataclass
class Trust:
    vcts: frozenset[str] = frozenset({VCT})

    def issuer(self, iss):
        return IssuerInfo(ISSUER, Jwks.of([ISSUER_KEY]), self.vcts) if iss == ISSUER else None


@dataclass
class Env:
    statuses: dict[int, int] = field(default_factory=dict)
    fresh: bool = True
    has_list: bool = True
    seen: bool = False
    asked: frozenset[str] = frozenset()
    fetched_at: int = NOW - 60  # the list's iat too
    exp: int = NOW + 86400

    def status_token(self, uri, issuer=None):
        if not self.has_list:
            return None
        status_list = StatusList(64, 2)
        for idx, value in self.statuses.items():
            status_list[idx] = value
        token = issue_status_list_token(
            status_list,
            uri=STATUS_URI,
            issuer=ISSUER,
            signing_key=ISSUER_KEY,
            iat=self.fetched_at,
            exp=self.exp,
            ttl=300,
        )
        return StatusFetch(token, self.fetched_at, self.fresh)

    def seen_before(self, nonce):
        return self.seen

    def requested(self, nonce):
        return nonce in self.asked


def credential(key=ISSUER_KEY, issuer=ISSUER, vct=VCT, **times):
    args = {"iat": NOW - 3600, "exp": NOW + 86400} | times
    return issue_sd_jwt_vc(
        {"given_name": sd("Олена"), "family_name": sd("Коваленко")},
        issuer=issuer,
        vct=vct,
        signing_key=key,
        holder_jwk=public_jwk(HOLDER.private_key),
        status=StatusReference(7, STATUS_URI),
        **args,
    ).compact


def shown(compact=None, *, holder=HOLDER, aud=OFFLINE, nonce=NONCE, iat=NOW, encode=True):
    text = present(
        compact or credential(),
        disclose=["given_name"],
        holder_key=holder,
        aud=aud,
        nonce=nonce,
        iat=iat,
    )
    return encode_qr_payload(text) if encode else text


def run(payload, trust=None, env=None, policy=POLICY):
    return verify(
        payload, policy=policy, trust=trust or Trust(), env=env or Env(), clock=FixedClock(NOW)
    )


def test_valid_is_green_with_every_check_passed():
    verdict = run(shown())
    assert verdict.verdict == "valid"
    assert verdict.colour == "green"
    assert [c.passed for c in verdict.checks] == [True] * 11
    assert verdict.claims == {"given_name": "Олена"}
    assert verdict.status == "valid"


def test_plain_sd_jwt_in_a_qr_is_accepted():
    assert run(shown(encode=False)).verdict == "valid"


@pytest.mark.parametrize("payload", ["hello", "PV1:ZZZ", "PV9:ABC", "", "https://example.com"])
def test_readable(payload):
    verdict = run(payload)
    assert verdict.verdict == "unreadable"
    assert verdict.failed == ["readable"]
    assert all(c.passed is None for c in verdict.checks[1:])


def test_format():
    from tests.support.factory import base_payload, raw_sd_jwt

    text = raw_sd_jwt(base_payload(HOLDER), [], ISSUER_KEY, typ="JWT")
    verdict = run(text)
    assert (verdict.verdict, verdict.failed) == ("invalid", ["format"])


def test_issuer_unknown_is_untrusted():
    verdict = run(shown(credential(issuer="https://evil.example")))
    assert (verdict.verdict, verdict.failed) == ("untrusted", ["issuer_trusted"])


def test_issuer_not_allowed_for_this_document_type_is_untrusted():
    verdict = run(shown(credential(vct="urn:ua:posvid:passport:1")))
    assert (verdict.verdict, verdict.failed) == ("untrusted", ["issuer_trusted"])


def test_signature():
    forger = SigningKey.generate(kid="1")
    verdict = run(shown(credential(key=forger)))
    assert (verdict.verdict, verdict.failed) == ("invalid", ["signature"])


def test_validity_expired():
    verdict = run(shown(credential(exp=NOW - 31)))
    assert (verdict.verdict, verdict.failed) == ("expired", ["validity"])


def test_validity_not_yet_valid():
    verdict = run(shown(credential(nbf=NOW + 3600)))
    assert (verdict.verdict, verdict.failed) == ("not_yet_valid", ["validity"])


def test_disclosures_unreferenced():
    parts = split_sd_jwt(present(credential(), disclose=["given_name"]))
    stray = Disclosure.create("patronymic", "Петрівна", salt="c3RyYXktc2FsdC0xMjM0NTY")
    chosen = SdJwtParts(parts.issuer_jwt, (*parts.disclosures, stray.encoded), None)
    kb = create_kb_jwt(
        chosen.without_key_binding,
        holder_key=HOLDER,
        aud=OFFLINE,
        nonce=NONCE,
        iat=NOW,
        hash_alg="sha-256",
    )
    verdict = run(chosen.serialize() + kb)
    assert (verdict.verdict, verdict.failed) == ("invalid", ["disclosures"])


def test_key_binding_missing():
    verdict = run(present(credential(), disclose=["given_name"]))
    assert (verdict.verdict, verdict.failed) == ("invalid", ["key_binding"])


def test_key_binding_by_another_key():
    verdict = run(shown(holder=SigningKey.generate()))
    assert (verdict.verdict, verdict.failed) == ("invalid", ["key_binding"])


def test_freshness():
    verdict = run(shown(iat=NOW - 181))
    assert (verdict.verdict, verdict.failed) == ("stale", ["freshness"])


def test_audience_nonce_offline_nonce_too_short():
    verdict = run(shown(nonce="short"))
    assert (verdict.verdict, verdict.failed) == ("invalid", ["audience_nonce"])


def test_audience_nonce_two_way_unrequested_nonce():
    text = shown(aud=POLICY.identifier, nonce="bm90LWFza2VkLWZvci1ub25jZQ")
    verdict = run(text)
    assert (verdict.verdict, verdict.failed) == ("invalid", ["audience_nonce"])
    assert run(text, env=Env(asked=frozenset({"bm90LWFza2VkLWZvci1ub25jZQ"}))).verdict == "valid"


def test_audience_nonce_another_verifier():
    verdict = run(shown(aud="https://shop.example"))
    assert (verdict.verdict, verdict.failed) == ("invalid", ["audience_nonce"])


def test_replay():
    verdict = run(shown(), env=Env(seen=True))
    assert (verdict.verdict, verdict.failed) == ("replayed", ["replay"])


def test_status_revoked():
    verdict = run(shown(), env=Env(statuses={7: STATUS_INVALID}))
    assert (verdict.verdict, verdict.failed, verdict.status) == ("revoked", ["status"], "revoked")


def test_status_suspended():
    verdict = run(shown(), env=Env(statuses={7: STATUS_SUSPENDED}))
    assert (verdict.verdict, verdict.failed) == ("suspended", ["status"])


def test_status_unknown_is_amber():
    verdict = run(shown(), env=Env(has_list=False))
    assert (verdict.verdict, verdict.colour, verdict.status) == ("valid", "amber", "unknown")


def test_status_from_an_old_list_says_as_of():
    verdict = run(shown(), env=Env(fresh=False))
    assert verdict.verdict == "valid"
    assert verdict.status_as_of == NOW - 60
    assert any("as of" in w for w in verdict.warnings)


def test_an_expired_list_still_says_revoked_or_valid_as_of():
    old = {"fetched_at": NOW - 7200, "exp": NOW - 3600, "fresh": False}
    revoked = run(shown(), env=Env(statuses={7: STATUS_INVALID}, **old))
    assert (revoked.verdict, revoked.status, revoked.status_as_of) == (
        "revoked",
        "revoked",
        NOW - 7200,
    )
    valid = run(shown(), env=Env(**old))
    assert (valid.verdict, valid.colour, valid.status) == ("valid", "amber", "valid")
    assert valid.status_as_of == NOW - 7200


STRICT = Policy.from_settings(
    VerifierSettings(identifier="https://border.posvid.example", require_fresh_status=True)
)


def test_require_fresh_status_makes_unknown_or_old_status_red():
    unknown = run(shown(), env=Env(has_list=False), policy=STRICT)
    assert (unknown.verdict, unknown.colour, unknown.failed) == (
        "status_unknown",
        "red",
        ["status"],
    )
    assert unknown.status == "unknown"
    too_old = run(shown(), env=Env(fetched_at=NOW - 25 * 3600, fresh=False), policy=STRICT)
    assert (too_old.verdict, too_old.failed) == ("status_unknown", ["status"])
    recent = run(shown(), env=Env(fetched_at=NOW - 3600, fresh=False), policy=STRICT)
    assert (recent.verdict, recent.colour) == ("valid", "amber")
    revoked = Env(statuses={7: STATUS_INVALID}, fetched_at=NOW - 25 * 3600, fresh=False)
    assert run(shown(), env=revoked, policy=STRICT).verdict == "revoked"


def test_several_failures_give_the_most_severe_verdict():
    verdict = run(
        shown(credential(exp=NOW - 31), iat=NOW - 181), env=Env(statuses={7: STATUS_INVALID})
    )
    assert set(verdict.failed) == {"validity", "freshness", "status"}
    assert verdict.verdict == "revoked"


# --- the crypto core's negative suite, through the verifier ------------------------------


@dataclass
class CaseTrust:
    """Trusts the crypto suite's issuer (tests/conftest.py) for its document type."""

    key: SigningKey

    def issuer(self, iss):
        if iss != SUITE_ISSUER:
            return None
        return IssuerInfo(SUITE_ISSUER, Jwks.of([self.key]), frozenset({SUITE_VCT}))


@pytest.mark.parametrize("case", [c for c in CASES if c.check], ids=lambda c: c.name)
def test_every_bad_presentation_of_the_crypto_suite_fails_its_check(case, issuer_key, holder_key):
    crafted = case.build(Keys(issuer_key, holder_key))
    text = crafted.text if case.key_binding else with_key_binding(crafted.text, holder_key)
    trust = CaseTrust(crafted.issuer_key or issuer_key)
    verdict = verify(text, policy=POLICY, trust=trust, env=Env(), clock=FixedClock(NOW))
    assert verdict.verdict != "valid"
    assert case.check in verdict.failed, [c.to_json() for c in verdict.checks]


@pytest.mark.parametrize("case", [c for c in CASES if not c.check], ids=lambda c: c.name)
def test_what_only_the_crypto_cores_stricter_expectation_refuses(case, issuer_key, holder_key):
    """The verifier's own policy accepts these; each case says why."""
    crafted = case.build(Keys(issuer_key, holder_key))
    verdict = verify(
        crafted.text, policy=POLICY, trust=CaseTrust(issuer_key), env=Env(), clock=FixedClock(NOW)
    )
    assert case.why
    assert verdict.verdict == "valid", verdict.failed


def test_the_checks_run_in_the_order_the_verdict_lists_them():
    assert tuple(step.name for step in STEPS) == CHECKS
