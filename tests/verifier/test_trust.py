"""Signed trust bundles: sequence numbers, forged and malformed bundles leave trust intact."""

from __future__ import annotations

import json

import pytest

from crypto import SigningKey, public_jwk
from verifier import errors as e
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.trust import sign_bundle


def test_signed_trust_bundle(tmp_path):
    operator = SigningKey.generate()
    settings = VerifierSettings(
        home=tmp_path / "v", trust_operator_jwk=json.dumps(public_jwk(operator.private_key))
    )
    verifier = Verifier(settings)
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
