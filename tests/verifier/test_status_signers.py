"""Status lists of certificate-based and DID issuers (issue 15): the status list token's signer
is resolved by the same chain as the credential's: its own ``x5c`` to the anchor the
credential's chain reached (its leaf naming the same issuer), or the credential's leaf key
without ``x5c``; a DID issuer's own key. The Token Status List rules hold (``sub`` = the list's
URI, ``iss`` if present = the credential's issuer). Both paths are covered: the check
(:func:`verifier.checks.verify`, a cached token) and the cache's own verification before it
stores a fetched token (:func:`verifier.inbound.status_list_token`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from crypto import STATUS_INVALID, STATUS_VALID, FixedClock, Jwks, StatusList, public_jwk
from crypto.b64 import b64url_encode
from crypto.did import did_key_of
from crypto.status_list import STATUS_LIST_TYP
from crypto.strict_json import dumps
from tests.crypto import foreign_jose as fj
from tests.crypto.test_x509_chain import make_cert
from tests.verifier.foreign import NOW, PID, Chain, presentation
from tests.verifier.test_resolvers import Trust, anchor
from verifier import inbound
from verifier.checks import StatusFetch, verify
from verifier.errors import FetchError
from verifier.policy import Policy
from verifier.resolvers import IssuerInfo
from verifier.settings import VerifierSettings

POLICY = Policy.from_settings(VerifierSettings())
CHAIN = Chain()
ISSUER = "https://pid.example.pl"
URI = "https://pid.example.pl/status/1"
REFERENCE = {"status_list": {"idx": 7, "uri": URI}}


def status_token(key: Any, value: int = STATUS_INVALID, **options: Any) -> str:
    """A status list with entry 7 at ``value``, signed by ``key``; ``options`` set claims
    (``None`` drops one) and header members (``x5c``, ``kid``)."""
    header = {k: options.pop(k) for k in ("x5c", "kid") if k in options}
    entries = StatusList(16, 2)
    entries[7] = value
    payload = {"sub": URI, "iat": NOW - 60, "exp": NOW + 3600, **options}
    payload["status_list"] = entries.to_json()
    kept = {k: v for k, v in payload.items() if v is not None}
    return fj.sign(kept, key, "ES256", typ=STATUS_LIST_TYP, **header)


@dataclass
class Env:
    token: str | None = None
    asked: list[str] = field(default_factory=list)

    def status_token(self, uri, issuer):
        self.asked.append(uri)
        return StatusFetch(self.token, NOW - 60, True) if self.token else None

    def seen_before(self, nonce):
        return False

    def requested(self, nonce):
        return False


def check(shown: str, trust: Trust, token: str | None) -> Any:
    env = Env(token)
    verdict = verify(shown, policy=POLICY, trust=trust, env=env, clock=FixedClock(NOW))
    assert env.asked == [URI], verdict.checks
    return verdict


def x5c_credential(iss: str | None = None) -> str:
    return presentation(CHAIN.leaf_key, iss=iss, x5c=CHAIN.x5c(), status=REFERENCE)


ANCHORED = Trust(roots=[anchor(CHAIN.root)])


# --- x5c issuers ------------------------------------------------------------------------------


def status_signer(chain: Chain = CHAIN, **options: Any) -> tuple[Any, list[str]]:
    """A status list signing certificate of the same issuer under the same CA (its own key)."""
    key = ec.generate_private_key(ec.SECP256R1())
    san = [x509.UniformResourceIdentifier(ISSUER), x509.DNSName("pid.example.pl")]
    options.setdefault("san", san)
    leaf = make_cert("PID signer", key, "Issuing CA", chain.ca_key, ca=False, **options)
    return key, chain.x5c(leaf, chain.ca)


@pytest.mark.parametrize("iss", [None, ISSUER])
def test_a_list_under_its_own_chain_to_the_same_anchor_revokes(iss):
    key, x5c = status_signer()
    token = status_token(key, x5c=x5c, iss=iss)
    verdict = check(x5c_credential(iss), ANCHORED, token)
    assert (verdict.verdict, verdict.status) == ("revoked", "revoked"), verdict.checks
    valid = check(x5c_credential(iss), ANCHORED, status_token(key, STATUS_VALID, x5c=x5c, iss=iss))
    assert (valid.verdict, valid.status) == ("valid", "valid")


def test_a_list_without_x5c_is_checked_with_the_credentials_leaf_key():
    verdict = check(x5c_credential(), ANCHORED, status_token(CHAIN.leaf_key, kid="k1"))
    assert (verdict.verdict, verdict.status) == ("revoked", "revoked"), verdict.checks
    stranger = status_token(ec.generate_private_key(ec.SECP256R1()), kid="k1")
    assert check(x5c_credential(), ANCHORED, stranger).status == "unknown"


REFUSED_LISTS = {
    # a chain to another (untrusted) root, signed by that chain's leaf
    "another root": lambda: _signed_by_chain(Chain()),
    "an expired certificate": lambda: _signed(days=(-400, -1)),
    "another organisation": lambda: _signed(org="Another Office"),
    "an iss the certificate does not carry": lambda: _signed(iss="https://evil.example"),
    "an iss of another issuer it carries": lambda: _signed(
        iss="https://other.example", san=[x509.UniformResourceIdentifier("https://other.example")]
    ),
    "the leaf key with a chain of another leaf": lambda: status_token(
        ec.generate_private_key(ec.SECP256R1()), x5c=CHAIN.x5c()
    ),
    "another list URI": lambda: _signed(sub=URI + "0"),
}


def _signed(org: str | None = None, iss: str | None = None, **options: Any) -> str:
    """A list signed under a certificate of CHAIN's CA; ``org`` renames its organisation."""
    key = ec.generate_private_key(ec.SECP256R1())
    san = options.pop(
        "san", [x509.UniformResourceIdentifier(ISSUER), x509.DNSName("pid.example.pl")]
    )
    sub = options.pop("sub", URI)
    leaf = make_cert("Status signer", key, "Issuing CA", CHAIN.ca_key, ca=False, san=san, **options)
    if org is not None:
        leaf = _renamed(leaf, key, org)
    return status_token(key, x5c=CHAIN.x5c(leaf, CHAIN.ca), iss=iss, sub=sub)


def _renamed(leaf: x509.Certificate, key: Any, org: str) -> x509.Certificate:
    """``leaf`` with its subject's organisation replaced, signed again by CHAIN's CA."""
    names = [
        x509.NameAttribute(a.oid, org if a.oid == NameOID.ORGANIZATION_NAME else a.value)
        for a in leaf.subject
    ]
    builder = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(names))
        .issuer_name(leaf.issuer)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(leaf.not_valid_before_utc)
        .not_valid_after(leaf.not_valid_after_utc)
    )
    for extension in leaf.extensions:
        builder = builder.add_extension(extension.value, critical=extension.critical)
    return builder.sign(CHAIN.ca_key, hashes.SHA256())


def _signed_by_chain(chain: Chain) -> str:
    return status_token(chain.leaf_key, x5c=chain.x5c())


@pytest.mark.parametrize("case", REFUSED_LISTS)
def test_a_list_that_does_not_resolve_to_the_credentials_issuer_says_status_unknown(case):
    verdict = check(x5c_credential(), ANCHORED, REFUSED_LISTS[case]())
    assert (verdict.verdict, verdict.status) == ("valid", "unknown"), verdict.checks
    assert any(
        w.startswith("status unknown: the cached status list is unusable") for w in verdict.warnings
    ), verdict.warnings


def test_a_list_under_another_trusted_anchor_is_not_the_issuers():
    """Two anchors trusted: the list's chain must lead to the anchor the credential's did."""
    other = Chain()
    trust = Trust(roots=[anchor(CHAIN.root), anchor(other.root)])
    token = status_token(other.leaf_key, x5c=other.x5c())
    assert check(x5c_credential(), trust, token).status == "unknown"


# --- DID issuers ------------------------------------------------------------------------------


def _did_jwk(key: Any) -> str:
    return "did:jwk:" + b64url_encode(dumps(public_jwk(key)))


def _listed(did: str) -> Trust:
    return Trust(issuers={did: IssuerInfo(did, Jwks({}), frozenset({PID}), "did")})


@pytest.mark.parametrize("method", ["jwk", "key"])
def test_a_did_issuers_list_is_checked_with_the_dids_key(method):
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key) if method == "jwk" else did_key_of(key.public_key())
    kid = did + ("#0" if method == "jwk" else "")
    shown = presentation(key, iss=did, kid=kid, status=REFERENCE)
    for list_kid in (kid, None):  # a kid naming the DID's key, or none
        token = status_token(key, iss=did, **({"kid": list_kid} if list_kid else {}))
        verdict = check(shown, _listed(did), token)
        assert (verdict.verdict, verdict.status) == ("revoked", "revoked"), verdict.checks
    assert check(shown, _listed(did), status_token(key, iss=None)).status == "revoked"


DID_REFUSED = {
    "another key": lambda key, did: status_token(ec.generate_private_key(ec.SECP256R1())),
    "a kid of another DID": lambda key, did: status_token(
        key, kid=_did_jwk(ec.generate_private_key(ec.SECP256R1())) + "#0"
    ),
    "another iss": lambda key, did: status_token(key, iss="https://evil.example"),
    "another list URI": lambda key, did: status_token(key, sub=URI + "0"),
}


@pytest.mark.parametrize("case", DID_REFUSED)
def test_a_did_issuers_list_signed_otherwise_says_status_unknown(case):
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key)
    shown = presentation(key, iss=did, kid=did + "#0", status=REFERENCE)
    verdict = check(shown, _listed(did), DID_REFUSED[case](key, did))
    assert (verdict.verdict, verdict.status) == ("valid", "unknown"), verdict.checks


# --- the cache verifies a fetched list the same way before it stores it -----------------------


def _cache_check(token: str, issuer: IssuerInfo) -> Any:
    return inbound.status_list_token(
        token,
        uri=URI,
        issuer=issuer,
        clock=FixedClock(NOW),
        leeway=30,
        policy=POLICY.algorithms,
    )


class _Recording(Env):
    def status_token(self, uri, issuer):
        self.issuer = issuer
        return super().status_token(uri, issuer)


def _issuer_of(shown: str, trust: Trust) -> IssuerInfo:
    env = _Recording(None)
    verify(shown, policy=POLICY, trust=trust, env=env, clock=FixedClock(NOW))
    return env.issuer


def test_the_cache_stores_a_list_under_its_own_chain_and_refuses_another_roots():
    issuer = _issuer_of(x5c_credential(), ANCHORED)
    assert issuer.path == "x5c"
    assert issuer.x5c is not None
    key, x5c = status_signer()
    assert _cache_check(status_token(key, x5c=x5c), issuer).status_list[7] == STATUS_INVALID
    with pytest.raises(FetchError, match="does not verify"):
        _cache_check(_signed_by_chain(Chain()), issuer)


def test_the_cache_stores_a_did_issuers_list():
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key)
    issuer = _issuer_of(presentation(key, iss=did, kid=did + "#0", status=REFERENCE), _listed(did))
    assert _cache_check(status_token(key, kid=did + "#0", iss=did), issuer).status_list[7] == (
        STATUS_INVALID
    )
    with pytest.raises(FetchError):
        _cache_check(status_token(ec.generate_private_key(ec.SECP256R1())), issuer)
