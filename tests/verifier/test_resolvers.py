"""Key resolution as a chain (issue 15, items 1-3): trusted issuer keys, an x5c chain to an
anchor, a listed DID; a credential no resolver vouches for is untrusted, never invalid for that
alone; every refusal of a chain has its own reason, in the officer's words."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from crypto import FixedClock, Jwks, public_jwk
from crypto.b64 import b64url_encode
from crypto.did import did_key_of
from crypto.keys import public_key_from_jwk
from crypto.strict_json import dumps
from tests.verifier.foreign import CLAIMS, NOW, PID, Chain, presentation
from verifier import i18n
from verifier.card import card
from verifier.checks import verify
from verifier.policy import Policy
from verifier.resolvers import Anchor, IssuerInfo, fingerprint
from verifier.settings import VerifierSettings

POLICY = Policy.from_settings(VerifierSettings())
CHAIN = Chain()
ISSUER = "https://pid.example.pl"


@dataclass
class Env:
    def status_token(self, uri, issuer):
        return None

    def seen_before(self, nonce):
        return False

    def requested(self, nonce):
        return False


@dataclass
class Trust:
    issuers: dict[str, IssuerInfo] = field(default_factory=dict)
    roots: list[Anchor] = field(default_factory=list)

    def issuer(self, iss):
        return self.issuers.get(iss)

    def anchors(self):
        return self.roots

    def record(self, iss):
        return None


def anchor(certificate=CHAIN.root, vcts=(PID,)):
    from verifier.certificates import subject_words

    return Anchor(
        fingerprint(certificate), subject_words(certificate), certificate, frozenset(vcts)
    )


def run(payload, trust, policy=POLICY, **options):
    return verify(payload, policy=policy, trust=trust, env=Env(), clock=FixedClock(NOW), **options)


def failed(verdict):
    return [(c.name, c.error_code) for c in verdict.checks if c.passed is False]


# --- x5c ------------------------------------------------------------------------------------


def test_an_x5c_chain_to_a_trusted_anchor_is_valid_and_names_its_subject():
    shown = presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c())
    verdict = run(shown, Trust(roots=[anchor()]))
    assert verdict.verdict == "valid", verdict.checks
    assert verdict.claims == CLAIMS
    assert (verdict.alg, verdict.trust_path) == ("ES256", "x5c")
    assert verdict.trust_anchor == "Urząd do Spraw Cudzoziemców (PL)"
    assert verdict.issuer == "Urząd do Spraw Cudzoziemców (PL)"
    assert verdict.certificate["organisation"] == "Urząd do Spraw Cudzoziemców"
    shown_card = card(verdict, Trust(), "en")
    assert shown_card.issuer == "Urząd do Spraw Cudzoziemców, Poland"
    assert shown_card.trust == "ES256 · certificate chain to Urząd do Spraw Cudzoziemców (PL)"
    assert card(verdict, Trust(), "de").issuer == "Urząd do Spraw Cudzoziemców, Polen"


def test_an_x5c_credential_with_its_iss_among_the_leaf_names_is_valid():
    shown = presentation(CHAIN.leaf_key, iss=ISSUER, x5c=CHAIN.x5c())
    verdict = run(shown, Trust(roots=[anchor()]))
    assert (verdict.verdict, verdict.issuer) == ("valid", ISSUER)


REFUSED = {
    "expired leaf": (lambda: CHAIN.x5c(CHAIN.leaf_with(days=(-400, -1)), CHAIN.ca), "x5c_expired"),
    "wrong root": (lambda: Chain().x5c(), "x5c_untrusted_root"),
    "missing intermediate": (lambda: CHAIN.x5c(CHAIN.leaf), "x5c_issuer_missing"),
    "CA key as leaf": (lambda: CHAIN.x5c(CHAIN.ca), "x5c_leaf_is_ca"),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_a_chain_that_does_not_validate_is_untrusted_with_its_reason(case):
    x5c, code = REFUSED[case]
    key = CHAIN.ca_key if case == "CA key as leaf" else CHAIN.leaf_key
    chain = x5c()
    if case == "wrong root":  # another PKI's leaf, signed by its own key
        other = Chain()
        key, chain = other.leaf_key, other.x5c()
    verdict = run(presentation(key, iss=None, x5c=chain), Trust(roots=[anchor()]))
    assert verdict.verdict == "untrusted"
    assert failed(verdict) == [("issuer_trusted", code)]
    assert verdict.claims == {}
    words = {lang: card(verdict, Trust(), lang).advice for lang in i18n.LANGUAGES}
    assert words["en"] == i18n.REASONS[f"issuer_trusted:{code}"]["en"]
    assert len(set(words.values())) == 4


def test_no_anchor_or_an_anchor_for_other_documents_is_untrusted():
    shown = presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c())
    verdict = run(shown, Trust())
    assert (verdict.verdict, failed(verdict)) == ("untrusted", [("issuer_trusted", "")])
    verdict = run(shown, Trust(roots=[anchor(vcts=("urn:eu.europa.ec.eudi:ehic:1",))]))
    assert verdict.verdict == "untrusted"


def test_an_iss_the_certificate_does_not_carry_is_invalid():
    shown = presentation(CHAIN.leaf_key, iss="https://evil.example", x5c=CHAIN.x5c())
    verdict = run(shown, Trust(roots=[anchor()]))
    assert (verdict.verdict, failed(verdict)) == (
        "invalid",
        [("issuer_trusted", "x5c_iss_mismatch")],
    )


def test_a_forged_signature_under_a_good_chain_is_invalid():
    shown = presentation(ec.generate_private_key(ec.SECP256R1()), iss=None, x5c=CHAIN.x5c())
    verdict = run(shown, Trust(roots=[anchor()]))
    assert (verdict.verdict, failed(verdict)) == ("invalid", [("signature", "signature_invalid")])


# --- issuer keys, and an issuer known to no resolver ------------------------------------------


def test_trusted_issuer_keys_vouch_and_the_verdict_says_so():
    key = ec.generate_private_key(ec.SECP384R1())
    jwks = Jwks({"k1": key.public_key()})
    trust = Trust(issuers={ISSUER: IssuerInfo(ISSUER, jwks, frozenset({PID}))})
    verdict = run(presentation(key, "ES384"), trust)
    assert (verdict.verdict, verdict.alg, verdict.trust_path) == ("valid", "ES384", "issuer_keys")
    assert card(verdict, trust, "uk").trust == "ES384 · ключі довіреного видавця"


def test_an_unknown_issuer_is_untrusted_never_invalid():
    verdict = run(presentation(ec.generate_private_key(ec.SECP256R1())), Trust())
    assert (verdict.verdict, failed(verdict)) == ("untrusted", [("issuer_trusted", "")])


# --- DIDs -------------------------------------------------------------------------------------


def _did_jwk(key):
    return "did:jwk:" + b64url_encode(dumps(public_jwk(key)))


@pytest.mark.parametrize("method", ["jwk", "key"])
def test_a_did_issuer_is_trusted_only_when_listed(method):
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key) if method == "jwk" else did_key_of(key.public_key())
    shown = presentation(key, iss=did, kid=did + ("#0" if method == "jwk" else ""))
    verdict = run(shown, Trust())
    assert (verdict.verdict, failed(verdict)) == ("untrusted", [("issuer_trusted", "")])
    listed = Trust(issuers={did: IssuerInfo(did, Jwks({}), frozenset({PID}), "did")})
    verdict = run(shown, listed)
    assert (verdict.verdict, verdict.trust_path) == ("valid", "did")
    assert card(verdict, listed, "pl").trust == "ES256 · identyfikator DID z listy zaufanych"


def test_a_listed_did_with_a_kid_of_another_did_is_refused():
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key)
    other = _did_jwk(ec.generate_private_key(ec.SECP256R1()))
    listed = Trust(issuers={did: IssuerInfo(did, Jwks({}), frozenset({PID}), "did")})
    verdict = run(presentation(key, iss=did, kid=other + "#0"), listed)
    assert (verdict.verdict, failed(verdict)) == ("invalid", [("issuer_trusted", "key_unknown")])


def test_a_did_signature_by_another_key_is_invalid():
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key)
    listed = Trust(issuers={did: IssuerInfo(did, Jwks({}), frozenset({PID}), "did")})
    forged = presentation(ec.generate_private_key(ec.SECP256R1()), iss=did, kid=did + "#0")
    assert run(forged, listed).verdict == "invalid"
    assert public_key_from_jwk(public_jwk(key)) is not None
