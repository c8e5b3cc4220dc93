"""Trust: signed bundles (sequence, expiry, forged and malformed ones leave trust intact), and
every change seen at once by every process on the folder."""

from __future__ import annotations

import json
import secrets
import time

import httpx
import pytest
from typer.testing import CliRunner

from crypto import FixedClock, SigningKey, public_jwk
from crypto.sdjwt import present
from tests.support.factory import ISSUER, OFFLINE, VCT, credential
from tests.support.servers import serve_app
from verifier import errors as e
from verifier.api.app import create_app
from verifier.cli import app as cli
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.trust import sign_bundle

NOW = 1_800_000_000
DAY = 86400


def test_signed_trust_bundle(tmp_path):
    operator = SigningKey.generate()
    settings = VerifierSettings(
        home=tmp_path / "v", trust_operator_jwk=json.dumps(public_jwk(operator.private_key))
    )
    verifier = Verifier(settings, clock=FixedClock(NOW))
    issuer_key = SigningKey.generate(kid="1")
    entry = {
        "issuer": "https://dmsu.gov.ua",
        "jwks": {"keys": [issuer_key.public_jwk()]},
        "vcts": ["urn:ua:posvid:id-card:1"],
        "status_lists": ["https://dmsu.gov.ua/status-lists/1"],
        "names": {"uk": "ДМС", "en": "State Migration Service"},
    }
    bundle = tmp_path / "trust.jwt"
    bundle.write_text(sign_bundle([entry], 5, operator, 1_800_000_000))
    assert verifier.trust.import_file(bundle)[0]["issuer"] == "https://dmsu.gov.ua"
    assert verifier.trust.issuer("https://dmsu.gov.ua") is not None
    older = tmp_path / "older.jwt"
    older.write_text(
        sign_bundle([{**entry, "issuer": "https://evil.example"}], 4, operator, 1_800_000_000)
    )
    with pytest.raises(e.StaleBundle):
        verifier.trust.import_file(older)
    forged = tmp_path / "forged.jwt"
    forged.write_text(sign_bundle([entry], 6, SigningKey.generate(), 1_800_000_000))
    with pytest.raises(e.TrustError, match="refused"):
        verifier.trust.import_file(forged)
    malformed = tmp_path / "malformed.jwt"
    malformed.write_text(sign_bundle([{"issuer": "https://x.example"}], 7, operator, 1_800_000_000))
    with pytest.raises(e.TrustError):
        verifier.trust.import_file(malformed)
    assert [r.issuer for r in verifier.trust.records()] == [
        "https://dmsu.gov.ua"
    ]  # old trust intact
    plain = tmp_path / "issuer.json"
    plain.write_text(
        json.dumps(
            {
                "issuer": "http://127.0.0.1:9",
                "jwks": {"keys": [issuer_key.public_jwk()]},
                "vcts": ["urn:ua:posvid:taxpayer:1"],
            }
        )
    )
    verifier.trust.import_file(plain)
    insecure = tmp_path / "insecure.json"
    insecure.write_text(json.dumps({**entry, "issuer": "http://dmsu.gov.ua"}))
    with pytest.raises(e.FetchError):
        verifier.trust.import_file(insecure)
    verifier.close()


def _operated(tmp_path, clock):
    """A verifier with a trust-list operator key, the operator's key, an issuer entry."""
    operator = SigningKey.generate()
    settings = VerifierSettings(
        home=tmp_path / "v", trust_operator_jwk=json.dumps(public_jwk(operator.private_key))
    )
    entry = {
        "issuer": ISSUER,
        "jwks": {"keys": [SigningKey.generate(kid="1").public_jwk()]},
        "vcts": [VCT],
    }
    return Verifier(settings, clock=clock), operator, entry


def test_an_expired_bundle_is_refused(tmp_path):
    clock = FixedClock(NOW)
    verifier, operator, entry = _operated(tmp_path, clock)
    bundle = tmp_path / "trust.jwt"
    refused = {
        "past its exp": sign_bundle([entry], 1, operator, NOW - DAY, exp=NOW - 60),
        "older than the maximum age": sign_bundle([entry], 2, operator, NOW - 31 * DAY),
        "issued in the future": sign_bundle([entry], 3, operator, NOW + 3600),
    }
    for why, token in refused.items():
        bundle.write_text(token)
        with pytest.raises(e.TrustError):
            verifier.trust.import_file(bundle)
        assert verifier.trust.records() == [], why
    with pytest.raises(e.ExpiredBundle):
        verifier.trust.import_bundle(refused["past its exp"])
    bundle.write_text(sign_bundle([entry], 4, operator, NOW - 29 * DAY))
    verifier.trust.import_file(bundle)
    bundle.write_text(sign_bundle([entry], 5, operator, NOW - 60 * DAY, exp=NOW + DAY))
    verifier.trust.import_file(bundle)  # its own exp, not the maximum age
    assert verifier.trust.bundle_sequence() == 5
    verifier.close()


def test_an_unsigned_import_never_replaces_a_bundle_issuer(tmp_path):
    clock = FixedClock(NOW)
    verifier, operator, entry = _operated(tmp_path, clock)
    verifier.trust.import_bundle(sign_bundle([entry], 1, operator, NOW))
    keys = verifier.trust.issuer(ISSUER).jwks
    forged = {**entry, "jwks": {"keys": [SigningKey.generate(kid="1").public_jwk()]}}
    (tmp_path / "issuer.json").write_text(json.dumps(forged))
    with pytest.raises(e.BundleInstalled):
        verifier.trust.import_file(tmp_path / "issuer.json")

    def published(request: httpx.Request) -> httpx.Response:  # the issuer's own metadata
        if request.url.path.endswith("jwt-vc-issuer"):
            return httpx.Response(200, json={"issuer": ISSUER, "jwks": forged["jwks"]})
        return httpx.Response(
            200, json={"credential_configurations_supported": {"a": {"vct": VCT}}}
        )

    http = httpx.Client(transport=httpx.MockTransport(published))
    with pytest.raises(e.BundleInstalled):
        verifier.trust.add_url(http, ISSUER)
    http.close()
    assert verifier.trust.issuer(ISSUER).jwks == keys
    assert [r.source for r in verifier.trust.records()] == ["bundle"]
    verifier.close()
    # without an operator key the folder's owner decides alone
    plain = Verifier(VerifierSettings(home=tmp_path / "v"), clock=clock)
    plain.trust.import_file(tmp_path / "issuer.json")
    assert plain.trust.issuer(ISSUER).jwks != keys
    plain.close()


def test_a_trust_change_takes_effect_at_once_in_a_running_server(tmp_path):
    """``trust remove`` (the CLI) and an import (another process) reach the next check."""
    key, holder = SigningKey.generate(kid="1"), SigningKey.generate()
    home = tmp_path / "v"
    settings = VerifierSettings(home=home)
    entry = {"issuer": ISSUER, "jwks": {"keys": [key.public_jwk()]}, "vcts": [VCT]}
    (tmp_path / "issuer.json").write_text(json.dumps(entry))
    other = Verifier(settings)
    other.trust.import_file(tmp_path / "issuer.json")

    def shown() -> str:
        now = int(time.time())
        issued = credential(key, holder, iat=now - 60, exp=now + DAY)
        nonce = secrets.token_urlsafe(16)
        return present(
            issued, disclose=["given_name"], holder_key=holder, aud=OFFLINE, nonce=nonce, iat=now
        )

    with serve_app(create_app(settings)) as base, httpx.Client(base_url=base) as http:

        def verdict() -> str:
            answer = http.post("/api/verify", json={"payload": shown(), "offline": True})
            return str(answer.json()["verdict"])

        assert verdict() == "valid"
        removed = CliRunner().invoke(cli, ["trust", "remove", ISSUER, "--home", str(home)])
        assert removed.exit_code == 0, removed.output
        assert verdict() == "untrusted"
        other.trust.import_file(tmp_path / "issuer.json")
        assert verdict() == "valid"
    other.close()
