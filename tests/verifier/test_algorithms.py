"""The algorithm and hash policy as the verifier's configuration (issue 15, item 2): secure
defaults, RS256 only by an explicit setting, the ``_sd_alg`` set configurable with sha-256
always in; the officer's verdict names the algorithm."""

from __future__ import annotations

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, ed25519

from crypto import FixedClock, Jwks
from tests.crypto import foreign_jose as fj
from tests.verifier.foreign import NOW, PID, presentation
from verifier import i18n
from verifier.card import card
from verifier.checks import verify
from verifier.errors import SettingsInvalid
from verifier.policy import Policy
from verifier.resolvers import IssuerInfo
from verifier.settings import VerifierSettings, load_settings

ISSUER = "https://older.example.de"


class Env:
    def status_token(self, uri, issuer):
        return None

    def seen_before(self, nonce):
        return False

    def requested(self, nonce):
        return False


class Trust:
    def __init__(self, key):
        self.info = IssuerInfo(ISSUER, Jwks({"k1": key.public_key()}), frozenset({PID}))

    def issuer(self, iss):
        return self.info if iss == ISSUER else None

    def record(self, iss):
        return None


def run(key, alg, settings=None, **options):
    policy = Policy.from_settings(settings or VerifierSettings())
    shown = presentation(key, alg, iss=ISSUER, **options)
    return verify(shown, policy=policy, trust=Trust(key), env=Env(), clock=FixedClock(NOW))


def failed(verdict):
    return [(c.name, c.error_code) for c in verdict.checks if c.passed is False]


def test_the_defaults_are_the_secure_set():
    policy = Policy.from_settings(VerifierSettings()).algorithms
    assert policy.algorithms == {"ES256", "ES384", "ES512", "EdDSA", "PS256"}
    assert policy.sd_algorithms == {"sha-256"}


@pytest.mark.parametrize("alg", ["ES256", "ES384", "ES512", "EdDSA", "PS256"])
def test_each_default_algorithm_is_accepted_and_named(alg):
    verdict = run(fj.private_key_for(alg), alg)
    assert (verdict.verdict, verdict.alg) == ("valid", alg)
    assert card(verdict, Trust(fj.private_key_for("ES256")), "en").trust.startswith(f"{alg} · ")


def test_rs256_is_refused_by_default_and_accepted_when_allowed():
    key = fj.rsa_key()
    verdict = run(key, "RS256")
    assert (verdict.verdict, failed(verdict)) == ("invalid", [("format", "alg_unsupported")])
    shown = card(verdict, Trust(key), "de")
    assert shown.advice == i18n.REASONS["format:alg_unsupported"]["de"]
    allowed = VerifierSettings(allow_rs256=True)
    verdict = run(key, "RS256", allowed)
    assert (verdict.verdict, verdict.alg) == ("valid", "RS256")


def test_an_algorithm_that_does_not_fit_the_key_is_invalid():
    p384 = ec.generate_private_key(ec.SECP384R1())
    trust = Trust(ed25519.Ed25519PrivateKey.generate())
    shown = presentation(p384, "ES384", iss=ISSUER)
    policy = Policy.from_settings(VerifierSettings())
    verdict = verify(shown, policy=policy, trust=trust, env=Env(), clock=FixedClock(NOW))
    assert (verdict.verdict, failed(verdict)) == ("invalid", [("signature", "signature_invalid")])


@pytest.mark.parametrize("hash_alg", ["sha-384", "sha-512", "sha3-256"])
def test_each_sd_alg_is_refused_unless_configured(hash_alg):
    key = ec.generate_private_key(ec.SECP256R1())
    verdict = run(key, "ES256", hash_alg=hash_alg)
    assert verdict.verdict == "invalid"
    assert failed(verdict)[0] == ("disclosures", "sd_alg_unsupported")
    words = card(verdict, Trust(key), "pl").advice
    assert words == i18n.REASONS["disclosures:sd_alg_unsupported"]["pl"]
    configured = VerifierSettings(sd_algorithms=[hash_alg])
    verdict = run(key, "ES256", configured, hash_alg=hash_alg)
    assert verdict.verdict == "valid", verdict.checks
    assert verdict.claims["given_name"] == "Olena"


def test_sha_256_stays_accepted_whatever_the_set():
    key = ec.generate_private_key(ec.SECP256R1())
    assert run(key, "ES256", VerifierSettings(sd_algorithms=["sha-512"])).verdict == "valid"


@pytest.mark.parametrize(
    ("values", "setting"),
    [
        ({"algorithms": ["ES256", "RS256"]}, "algorithms"),
        ({"algorithms": ["none"]}, "algorithms"),
        ({"algorithms": ["HS256"]}, "algorithms"),
        ({"algorithms": []}, "algorithms"),
        ({"sd_algorithms": ["md5"]}, "sd_algorithms"),
    ],
)
def test_a_policy_that_lets_in_what_it_never_should_stops_the_settings(values, setting):
    with pytest.raises(SettingsInvalid) as raised:
        load_settings(**values)
    assert setting in str(raised.value)


def test_the_environment_sets_the_policy(monkeypatch):
    monkeypatch.setenv("POSVID_VERIFIER_ALLOW_RS256", "true")
    monkeypatch.setenv("POSVID_VERIFIER_SD_ALGORITHMS", '["sha-384"]')
    policy = Policy.from_settings(load_settings()).algorithms
    assert "RS256" in policy.algorithms
    assert policy.sd_algorithms == {"sha-256", "sha-384"}
