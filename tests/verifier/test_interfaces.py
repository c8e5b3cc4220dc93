"""The verifier's CLI, HTTP API, officer page, signed trust bundles and audit chain."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from crypto import SigningKey, public_jwk
from posvid.common.qr_render import render_png
from tests.servers import serve_app
from verifier import errors as e
from verifier.api.app import create_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.trust import sign_bundle

pytestmark = pytest.mark.e2e
EXE = str(Path(sys.executable).parent / "posvid-verifier")


def test_cli_trust_sync_check_request_audit(issuer, card, tmp_path):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    env = {**os.environ, "POSVID_VERIFIER_HOME": str(tmp_path / "v"), "COLUMNS": "200"}

    def run(
        *args: str, code: int = 0, stdin: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            env=env,
            input=stdin,
            timeout=120,
            check=False,
        )
        assert result.returncode == code, result.stdout + result.stderr
        return result

    added = run("trust", "add", base).stdout
    assert "urn:ua:posvid:id-card-border:1" in added
    assert "key 1: " in added
    assert "fetched 1 status list(s)" in run("sync").stdout
    listed = json.loads(run("trust", "list", "--json").stdout)
    assert listed[0]["issuer"] == base
    picture = tmp_path / "qr.png"
    picture.write_bytes(render_png(unlocked.present(card_id, preset="border").payload))
    ok = run("check", str(picture), "--offline", "--lang", "pl")
    assert ok.stdout.startswith("WAŻNY (green)")
    assert "Given name (Latin): Iryna" in ok.stdout  # no Polish labels from the issuer: English
    again = json.loads(run("check", str(picture), "--offline", "--json", code=1).stdout)
    assert again["verdict"] == "replayed"
    assert set(again) >= {
        "verdict",
        "checks",
        "warnings",
        "issuer",
        "vct",
        "claims",
        "status",
        "status_as_of",
    }
    text = unlocked.present(card_id, preset="age18").payload
    assert run("check", "-", "--offline", stdin=text).returncode == 0
    assert run("check", "--text", "garbage", code=1).stdout.startswith("UNREADABLE")
    run("check", code=2)
    run("check", "--text", "x", "--lang", "xx", code=2)
    request = run("request", "--claims", "given_name,family_name", "--png", str(tmp_path / "r.png"))
    assert request.stdout.startswith("PVQ1:")
    assert "intact: 4 entries" in run("audit", "verify").stdout
    assert "4 entries written" in run("audit", "export", str(tmp_path / "audit.csv")).stdout
    assert "Iryna" not in (tmp_path / "audit.csv").read_text()
    with sqlite3.connect(tmp_path / "v" / "verifier.db") as db:
        db.execute("UPDATE audit SET verdict = 'valid' WHERE id = 2")
    assert "breaks at entry 2" in run("audit", "verify", code=1).stderr
    assert "no longer trusted" in run("trust", "remove", base).stdout
    run("trust", "remove", base, code=1)


def test_http_api_and_officer_page(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    with (
        serve_app(create_app(verifier=verifier)) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        answer = http.post(
            "/api/verify",
            json={"payload": unlocked.present(card_id, preset="age18").payload, "offline": True},
        )
        assert answer.json()["verdict"] == "valid"
        picture = render_png(unlocked.present(card_id, preset="border").payload)
        uploaded = http.post("/api/verify", files={"image": ("qr.png", picture, "image/png")})
        assert uploaded.json()["verdict"] == "valid"
        assert http.post("/api/verify", json={"nothing": 1}).status_code == 422
        assert http.post("/api/verify", json={"payload": "x" * 70_000}).status_code == 422
        assert "/api/verify" in http.get("/openapi.json").json()["paths"]
        page = http.post("/check?lang=de", files={"image": ("qr.png", picture, "image/png")})
        assert "BEREITS VORGEZEIGT" in page.text  # the same picture again: a replay
        fresh = render_png(unlocked.present(card_id, preset="border").payload)
        page = http.post("/check?lang=uk", files={"image": ("qr.png", fresh, "image/png")})
        assert "ДІЙСНИЙ" in page.text
        assert "Прізвище латиницею" in page.text
        assert "Melnyk" in page.text
        trust = http.get("/trust?lang=en")
        assert base in trust.text
        assert " min" in trust.text


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


def test_concurrent_checks_keep_the_audit_chain_linear(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        verdicts = list(pool.map(lambda i: verifier.check(f"not a presentation {i}"), range(40)))
    assert {v.verdict for v in verdicts} == {"unreadable"}
    assert verifier.audit.verify() == 40
    verifier.close()
