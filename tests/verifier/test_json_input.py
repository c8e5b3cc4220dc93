"""The JWS JSON serialization (RFC 9901 §8) through the verifier's text inputs (issue 15,
item 4): the checks, POST /api/verify, the officer's paste box and the CLI; a QR code stays
compact."""

from __future__ import annotations

import json
import secrets
import time

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from typer.testing import CliRunner

from crypto import FixedClock, Jwks
from crypto.sdjwt import parse_sd_jwt_json, to_json_serialization
from posvid.common.web_guard import CSRF_COOKIE, CSRF_FIELD
from tests.crypto import foreign_jose as fj
from tests.support.servers import serve_app
from tests.verifier.foreign import NOW, PID, presentation
from verifier.api.app import create_app
from verifier.checks import verify
from verifier.cli import app as cli
from verifier.policy import Policy
from verifier.resolvers import IssuerInfo
from verifier.service import Verifier
from verifier.settings import VerifierSettings

ISSUER = "https://pid.example.pl"
KEY = ec.generate_private_key(ec.SECP256R1())
POLICY = Policy.from_settings(VerifierSettings())


class Env:
    def status_token(self, uri, issuer):
        return None

    def seen_before(self, nonce):
        return False

    def requested(self, nonce):
        return False


class Trust:
    def issuer(self, iss):
        jwks = Jwks({"k1": KEY.public_key()})
        return IssuerInfo(ISSUER, jwks, frozenset({PID})) if iss == ISSUER else None


def run(text, json_allowed=True):
    return verify(
        text,
        policy=POLICY,
        trust=Trust(),
        env=Env(),
        clock=FixedClock(NOW),
        json_allowed=json_allowed,
    )


def test_the_flattened_form_is_checked_like_the_compact_one():
    compact = presentation(KEY, iss=ISSUER)
    flattened = to_json_serialization(compact)
    verdict = run(flattened)
    assert verdict.verdict == "valid", verdict.checks
    assert verdict.claims["family_name"] == "Kovalenko"
    assert run(json.dumps(json.loads(flattened), indent=2)).verdict == "valid"


def test_the_general_form_with_two_signatures_verifies_with_the_trusted_one():
    compact = presentation(KEY, iss=ISSUER)
    flattened = json.loads(to_json_serialization(compact))
    stranger = ec.generate_private_key(ec.SECP256R1())
    foreign = fj.sign(
        json.loads(_decoded(flattened["payload"])), stranger, "ES256", typ="dc+sd-jwt", kid="k2"
    )
    head, _, signature = foreign.split(".")
    # a second signature by a key nobody trusts, then ours: ours is found; sd_hash covers the first
    document = {
        "payload": flattened["payload"],
        "signatures": [
            {
                "protected": flattened["protected"],
                "signature": flattened["signature"],
                "header": flattened["header"],
            },
            {"protected": head, "signature": signature},
        ],
    }
    text = json.dumps(document)
    assert parse_sd_jwt_json(text).general
    assert run(text).verdict == "valid"


def test_a_tampered_json_form_is_invalid_and_junk_is_not_valid():
    flattened = json.loads(to_json_serialization(presentation(KEY, iss=ISSUER)))
    flattened["header"]["disclosures"] = flattened["header"]["disclosures"][:-1]
    assert run(json.dumps(flattened)).verdict == "invalid"  # sd_hash no longer matches
    assert run('{"payload": "e30", "protected": "e30"}').verdict == "invalid"
    assert run("{not json").verdict == "invalid"


def test_a_qr_code_stays_compact():
    flattened = to_json_serialization(presentation(KEY, iss=ISSUER))
    verdict = run(flattened, json_allowed=False)
    assert (verdict.verdict, verdict.failed) == ("unreadable", ["readable"])


@pytest.fixture
def real(tmp_path):
    home = tmp_path / "v"
    settings = VerifierSettings(home=home)
    entry = {"issuer": ISSUER, "jwks": {"keys": [{**_jwk(), "kid": "k1"}]}, "vcts": [PID]}
    (tmp_path / "issuer.json").write_text(json.dumps(entry))
    verifier = Verifier(settings)
    verifier.trust.import_file(tmp_path / "issuer.json")
    yield settings, verifier
    verifier.close()


def _jwk():
    from crypto import public_jwk

    return public_jwk(KEY)


def _decoded(part: str) -> str:
    from crypto.b64 import b64url_decode

    return b64url_decode(part).decode()


def _now_presentation() -> str:
    return presentation(KEY, iss=ISSUER, now=int(time.time()), nonce=secrets.token_urlsafe(16))


def test_the_api_the_paste_box_and_the_cli_take_the_json_form(real):
    settings, verifier = real
    with serve_app(create_app(verifier=verifier)) as url, httpx.Client(base_url=url) as http:
        flattened = to_json_serialization(_now_presentation())
        answer = http.post("/api/verify", json={"payload": flattened, "offline": True})
        assert answer.json()["verdict"] == "valid", answer.json()
        http.get("/")
        form = {
            CSRF_FIELD: http.cookies[CSRF_COOKIE],
            "payload": to_json_serialization(_now_presentation()),
        }
        page = http.post(
            "/check?lang=en", data=form, headers={"origin": url}, follow_redirects=True
        )
        assert "VALID" in page.text
        assert "ES256" in page.text
    flattened_form = json.loads(to_json_serialization(_now_presentation()))
    general_text = json.dumps(
        {
            "payload": flattened_form["payload"],
            "signatures": [{k: flattened_form[k] for k in ("protected", "signature", "header")}],
        }
    )
    args = ["check", "--text", general_text, "--home", str(settings.home), "--offline", "--json"]
    done = CliRunner().invoke(cli, args)
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["verdict"] == "valid"
