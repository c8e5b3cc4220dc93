"""Signed trust bundles that carry certificate trust anchors and DID issuers (issue 15, item 3):
version 2 imports them with the rules of ``trust import`` and ``trust add DID``, all or nothing;
a tampered bundle is refused; a version 1 bundle (issuers only) still imports."""

from __future__ import annotations

import base64
import datetime as dt
import json
import secrets

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from typer.testing import CliRunner

from crypto import FixedClock, SigningKey, public_jwk
from crypto.b64 import b64url_encode
from crypto.jws import sign_compact
from crypto.strict_json import dumps
from tests.crypto.test_x509_chain import b64, make_cert
from tests.verifier.foreign import NOW, PID, Chain, presentation
from verifier import errors as e
from verifier.cli import app as cli
from verifier.resolvers import fingerprint
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.trust import BUNDLE_TYP, sign_bundle

EHIC = "urn:eu.europa.ec.eudi:ehic:1"
PERMIT = "urn:example:permit:1"
CHAIN = Chain()
OPERATOR = SigningKey.generate()


def _did_jwk(key: ec.EllipticCurvePrivateKey) -> str:
    return "did:jwk:" + b64url_encode(dumps(public_jwk(key)))


DID_KEY = ec.generate_private_key(ec.SECP256R1())
DID = _did_jwk(DID_KEY)
ISSUER_KEY = ec.generate_private_key(ec.SECP256R1())
ISSUER = {
    "issuer": "https://pid.example.de",
    "jwks": {"keys": [{**public_jwk(ISSUER_KEY), "kid": "k1"}]},
    "vcts": [PID],
}


def _settings(tmp_path, **extra):
    return VerifierSettings(
        home=tmp_path / "v",
        trust_operator_jwk=json.dumps(public_jwk(OPERATOR.private_key)),
        **extra,
    )


@pytest.fixture
def verifier(tmp_path):
    v = Verifier(_settings(tmp_path), clock=FixedClock(NOW))
    yield v
    v.close()


def _anchor(certificate=CHAIN.root, vcts=(PID,), pem=False):
    text = Chain.pem(certificate).decode() if pem else b64(certificate)
    return {"certificate": text, "vcts": list(vcts)}


def _did(did=DID, vcts=(PERMIT,)):
    return {"did": did, "vcts": list(vcts), "names": {"en": "Permit office", "uk": "Дозволи"}}


def _nonce() -> str:
    return secrets.token_urlsafe(16)  # each presentation is new: no replay


def _verdicts(verifier):
    """The verdicts of a credential under the anchor, of the DID issuer's, and of the JWKS one."""
    x5c = presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c(), nonce=_nonce())
    did = presentation(DID_KEY, iss=DID, kid=DID + "#0", vct=PERMIT, nonce=_nonce())
    keys = presentation(ISSUER_KEY, iss=ISSUER["issuer"], nonce=_nonce())
    return [verifier.check(p, offline=True) for p in (x5c, did, keys)]


def test_a_bundle_with_an_anchor_and_a_did_is_imported_and_verifies_offline(verifier, tmp_path):
    assert [v.verdict for v in _verdicts(verifier)] == ["untrusted"] * 3
    bundle = tmp_path / "trust.jwt"
    bundle.write_text(sign_bundle([ISSUER], 1, OPERATOR, NOW, anchors=[_anchor()], dids=[_did()]))
    added = verifier.trust.import_file(bundle)
    assert [a.get("issuer") or a["anchor"] for a in added] == [
        "https://pid.example.de",
        DID,
        "Urząd do Spraw Cudzoziemców (PL)",
    ]
    verdicts = _verdicts(verifier)
    assert [(v.verdict, v.trust_path) for v in verdicts] == [
        ("valid", "x5c"),
        ("valid", "did"),
        ("valid", "issuer_keys"),
    ]
    assert verdicts[0].trust_anchor == "Urząd do Spraw Cudzoziemców (PL)"
    (anchor,) = verifier.trust.anchor_store.records()
    assert (anchor.source, anchor.vcts) == ("bundle", [PID])
    assert verifier.trust.record(DID).names["uk"] == "Дозволи"
    # the anchor vouches only for its types, the DID only for its own
    other = presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c(), vct=EHIC, nonce=_nonce())
    assert verifier.check(other, offline=True).verdict == "untrusted"


def test_pem_anchors_and_an_anchors_only_bundle(verifier):
    other = Chain()
    token = sign_bundle([], 1, OPERATOR, NOW, anchors=[_anchor(pem=True), _anchor(other.ca)])
    assert len(verifier.trust.import_bundle(token)) == 2
    assert verifier.trust.records() == []
    assert len(verifier.trust.anchors()) == 2


def _tampered(token: str) -> str:
    """The bundle with one more anchor written into its payload, signature unchanged."""
    head, body, signature = token.split(".")
    payload = json.loads(_b64(body))
    payload["anchors"].append(_anchor(Chain().root, vcts=[PID, EHIC]))
    return f"{head}.{b64url_encode(dumps(payload))}.{signature}"


def test_a_tampered_or_forged_bundle_is_refused_and_trust_stays(verifier):
    verifier.trust.import_bundle(sign_bundle([ISSUER], 1, OPERATOR, NOW, anchors=[_anchor()]))
    before = [a.fingerprint for a in verifier.trust.anchors()]
    good = sign_bundle([ISSUER], 2, OPERATOR, NOW, anchors=[_anchor()], dids=[_did()])
    with pytest.raises(e.TrustError, match="refused"):
        verifier.trust.import_bundle(_tampered(good))
    forged = sign_bundle([], 3, SigningKey.generate(), NOW, anchors=[_anchor(Chain().root)])
    with pytest.raises(e.TrustError, match="refused"):
        verifier.trust.import_bundle(forged)
    assert [a.fingerprint for a in verifier.trust.anchors()] == before
    assert verifier.trust.record(DID) is None
    assert verifier.trust.bundle_sequence() == 1


def _expired_ca():
    key = ec.generate_private_key(ec.SECP256R1())
    return make_cert("Old root", key, "Old root", key, ca=True, days=(-400, -1))


@pytest.mark.parametrize(
    "bad",
    [
        {"anchors": [_anchor(), _anchor(CHAIN.leaf)]},  # not a CA
        {"anchors": [_anchor(), _anchor(_expired_ca())]},  # not valid at import
        {"anchors": [_anchor(), {"certificate": "bm90IGEgY2VydA=="}]},  # no vcts, not DER
        {"anchors": [_anchor(vcts=())]},  # no document types
        {"anchors": [{"certificate": "!!", "vcts": [PID]}]},
        {"dids": [_did(), _did("did:jwk:bm90LWEtandr")]},  # not a usable DID
        {"dids": [_did(vcts=())]},
        {"dids": [{**_did(), "jwks": {"keys": []}}]},
        {"dids": [{"did": "https://not.a.did", "vcts": [PID]}]},
        {"anchors": {"certificate": b64(CHAIN.root)}},  # not a list
    ],
)
def test_one_bad_entry_refuses_the_whole_bundle(verifier, bad):
    verifier.trust.import_bundle(sign_bundle([ISSUER], 1, OPERATOR, NOW))
    good = {"version": 2, "sequence": 2, "iat": NOW, "anchors": [_anchor()], "dids": [_did()]}
    with pytest.raises(e.TrustError):
        verifier.trust.import_bundle(sign_compact({**good, **bad}, OPERATOR, typ=BUNDLE_TYP))
    assert [r.issuer for r in verifier.trust.records()] == [ISSUER["issuer"]]
    assert verifier.trust.anchors() == []
    assert verifier.trust.bundle_sequence() == 1


def _b64(text: str) -> str:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()


def test_an_old_bundle_still_imports_and_replaces_the_bundle_anchors(verifier, tmp_path):
    verifier.trust.import_bundle(
        sign_bundle([ISSUER], 1, OPERATOR, NOW, anchors=[_anchor()], dids=[_did()])
    )
    file_anchor = tmp_path / "other.pem"
    file_anchor.write_bytes(Chain.pem(Chain().root))
    verifier.trust.import_file(file_anchor, [EHIC])
    old = sign_bundle([ISSUER], 2, OPERATOR, NOW)  # version 1: issuers only
    assert "version" not in json.loads(_b64(old.split(".")[1]))
    assert [a["issuer"] for a in verifier.trust.import_bundle(old)] == [ISSUER["issuer"]]
    # the newest bundle is the operator's whole list: its anchors and DIDs went with it
    assert [sorted(a.vcts) for a in verifier.trust.anchors()] == [[EHIC]]
    assert verifier.trust.record(DID) is None
    assert [v.verdict for v in _verdicts(verifier)] == ["untrusted", "untrusted", "valid"]


def test_versions_the_verifier_does_not_read_are_refused(verifier):
    body = {"sequence": 1, "iat": NOW, "issuers": [ISSUER]}
    for payload, why in [
        ({**body, "anchors": [_anchor()]}, "version 2"),  # anchors in a version 1 bundle
        ({**body, "version": 3}, "version 1 and 2"),
        ({**body, "version": "2"}, "version 1 and 2"),
        ({"sequence": 1, "iat": NOW, "version": 2}, "lists no"),
    ]:
        with pytest.raises(e.TrustError, match=why):
            verifier.trust.import_bundle(sign_compact(payload, OPERATOR, typ=BUNDLE_TYP))
    assert verifier.trust.bundle_sequence() is None


def test_an_unsigned_import_never_replaces_a_bundle_anchor(verifier, tmp_path):
    token = sign_bundle([], 1, OPERATOR, NOW, anchors=[_anchor()], dids=[_did()])
    verifier.trust.import_bundle(token)
    pem = tmp_path / "root.pem"
    pem.write_bytes(Chain.pem(CHAIN.root))
    with pytest.raises(e.BundleInstalled):
        verifier.trust.import_file(pem, [PID, EHIC])
    with pytest.raises(e.BundleInstalled):
        verifier.trust.add_did(DID, [PID, EHIC], {})
    assert [sorted(a.vcts) for a in verifier.trust.anchors()] == [[PID]]
    assert verifier.trust.record(DID).vcts == [PERMIT]


def test_the_cli_imports_a_bundle_with_an_anchor(tmp_path):
    # the CLI's clock is the real one: a bundle of today, the chain valid around 2026-12-02
    now = int(dt.datetime.now(dt.UTC).timestamp())
    bundle = tmp_path / "trust.jwt"
    bundle.write_text(sign_bundle([], 1, OPERATOR, now, anchors=[_anchor()], dids=[_did()]))
    env = {"POSVID_VERIFIER_TRUST_OPERATOR_JWK": json.dumps(public_jwk(OPERATOR.private_key))}
    args = ["trust", "import", str(bundle), "--home", str(tmp_path / "v")]
    done = CliRunner().invoke(cli, args, env=env)
    assert done.exit_code == 0, done.output
    assert f"trusted {DID} for {PERMIT}" in done.output
    shown = f"trusted anchor Urząd do Spraw Cudzoziemców (PL) [{fingerprint(CHAIN.root)[:16]}]"
    assert f"{shown} for {PID}" in done.output
