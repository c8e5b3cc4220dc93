"""Trust anchors and DIDs in the trust store (issue 15, items 1 and 3): `trust import` of PEM,
DER and a JSON anchor list; a credential under x5c checked end to end by a real verifier, in the
CLI's words; an anchor removed by its fingerprint; DID issuers; `trust add` with `jwks_uri`."""

from __future__ import annotations

import json
import time

import httpx
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from typer.testing import CliRunner

from crypto import FixedClock, public_jwk
from crypto.b64 import b64url_encode
from crypto.strict_json import dumps
from tests.crypto.test_x509_chain import b64
from tests.verifier.foreign import NOW, PID, Chain, presentation
from verifier import errors as e
from verifier.cli import app as cli
from verifier.service import Verifier
from verifier.settings import VerifierSettings

CHAIN = Chain()


@pytest.fixture
def verifier(tmp_path):
    v = Verifier(VerifierSettings(home=tmp_path / "v"), clock=FixedClock(NOW))
    yield v
    v.close()


def test_a_pem_anchor_vouches_for_its_document_types(verifier, tmp_path):
    pem = tmp_path / "pid-root.pem"
    pem.write_bytes(Chain.pem(CHAIN.root))
    with pytest.raises(e.TrustError, match="vct"):
        verifier.trust.import_file(pem)
    added = verifier.trust.import_file(pem, [PID])
    assert added[0]["anchor"] == "Urząd do Spraw Cudzoziemców (PL)"
    verdict = verifier.check(presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c()))
    assert (verdict.verdict, verdict.trust_path) == ("valid", "x5c")
    other = presentation(
        CHAIN.leaf_key, iss=None, vct="urn:eu.europa.ec.eudi:ehic:1", x5c=CHAIN.x5c()
    )
    assert verifier.check(other).verdict == "untrusted"
    assert verifier.trust.remove(added[0]["fingerprint"][:16])
    assert verifier.check(presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c())).verdict == (
        "untrusted"
    )


def test_der_and_an_anchor_list_are_imported_and_a_leaf_is_no_anchor(verifier, tmp_path):
    der = tmp_path / "root.der"
    der.write_bytes(CHAIN.root.public_bytes(serialization.Encoding.DER))
    assert verifier.trust.import_file(der, [PID])[0]["vcts"] == [PID]
    listed = tmp_path / "trusted-list.json"
    other = Chain()
    listed.write_text(
        json.dumps(
            {
                "anchors": [
                    {"certificate": Chain.pem(other.root).decode(), "vcts": [PID]},
                    {"certificate": b64(other.ca), "vcts": ["urn:eu.europa.ec.eudi:ehic:1"]},
                ]
            }
        )
    )
    assert len(verifier.trust.import_file(listed)) == 2
    assert len(verifier.trust.anchors()) == 3
    leaf = tmp_path / "leaf.pem"
    leaf.write_bytes(Chain.pem(CHAIN.leaf))
    with pytest.raises(e.TrustError, match="CA certificate"):
        verifier.trust.import_file(leaf, [PID])
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n")
    with pytest.raises(e.TrustError):
        verifier.trust.import_file(junk, [PID])
    assert len(verifier.trust.anchors()) == 3


def test_the_cli_imports_an_anchor_and_prints_the_path_in_words(tmp_path):
    home = tmp_path / "v"
    pem = tmp_path / "root.pem"
    pem.write_bytes(Chain.pem(CHAIN.root))
    runner = CliRunner()
    done = runner.invoke(cli, ["trust", "import", str(pem), "--vct", PID, "--home", str(home)])
    assert done.exit_code == 0, done.output
    assert "anchor Urząd do Spraw Cudzoziemców (PL)" in done.output
    listed = runner.invoke(cli, ["trust", "list", "--home", str(home)])
    assert "sha-256" in listed.output
    # the CLI uses the real clock: the chain is valid from 2026-11-02 to 2027-12-02
    shown = presentation(CHAIN.leaf_key, iss=None, x5c=CHAIN.x5c(), now=int(time.time()))
    args = ["check", "--text", shown, "--home", str(home), "--lang", "uk", "--offline"]
    checked = runner.invoke(cli, args)
    assert checked.exit_code == 0, checked.output
    assert "Видав: Urząd do Spraw Cudzoziemców, Польща" in checked.output
    assert "Як перевірено: ES256 · ланцюжок сертифікатів до Urząd" in checked.output


def _did_jwk(key):
    return "did:jwk:" + b64url_encode(dumps(public_jwk(key)))


def test_a_did_issuer_from_a_file_or_the_cli(verifier, tmp_path):
    key = ec.generate_private_key(ec.SECP256R1())
    did = _did_jwk(key)
    shown = presentation(key, iss=did, kid=did + "#0")
    assert verifier.check(shown).verdict == "untrusted"
    entry = tmp_path / "did.json"
    entry.write_text(json.dumps({"issuer": did, "vcts": [PID], "names": {"en": "Wallet issuer"}}))
    verifier.trust.import_file(entry)
    verdict = verifier.check(presentation(key, iss=did, kid=did + "#0"))
    assert (verdict.verdict, verdict.trust_path) == ("valid", "did")
    with pytest.raises(e.TrustError, match="DID"):
        verifier.trust.add_did("did:jwk:bm90LWEtandr", [PID], {})
    entry.write_text(json.dumps({"issuer": did, "vcts": [PID], "jwks": {"keys": [{}]}}))
    with pytest.raises(e.TrustError, match="DID"):
        verifier.trust.import_file(entry)
    home = tmp_path / "cli"
    added = CliRunner().invoke(cli, ["trust", "add", did, "--vct", PID, "--home", str(home)])
    assert added.exit_code == 0, added.output
    assert f"trusted {did} for {PID}" in added.output


def test_trust_add_reads_the_issuer_metadata_jwks_uri(verifier):
    issuer = "https://pid.example.pl"
    key = ec.generate_private_key(ec.SECP384R1())
    jwk = {**public_jwk(key), "kid": "k1"}

    def published(request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if path.endswith("jwt-vc-issuer"):
            return httpx.Response(200, json={"issuer": issuer, "jwks_uri": issuer + "/jwks"})
        if path == "/jwks":
            return httpx.Response(200, json={"keys": [jwk]})
        return httpx.Response(
            200, json={"credential_configurations_supported": {"p": {"vct": PID}}}
        )

    http = httpx.Client(transport=httpx.MockTransport(published))
    added = verifier.trust.add_url(http, issuer)
    http.close()
    assert added["path"] == "issuer_metadata"
    verdict = verifier.check(presentation(key, "ES384", iss=issuer), offline=True)
    assert (verdict.verdict, verdict.alg, verdict.trust_path) == (
        "valid",
        "ES384",
        "issuer_metadata",
    )
