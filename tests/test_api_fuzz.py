"""Schemathesis over the OpenAPI of each role's app: no 500, every error a problem document.

Each operation of the issuer (public and admin, with an admin token), the verifier's JSON API and
the wallet's (its page routes are HTML forms, left out of its OpenAPI) gets a bounded number of
generated requests, valid and invalid by its schema, derandomised (the same requests every run;
``HYPOTHESIS_PROFILE=explore`` searches afresh). The apps are called in process (ASGI, through
schemathesis's own client: its event loop runs in a thread of its own) under the loopback name
their web guard allows. An error answer must be RFC 9457 ``application/problem+json`` with
``type``, ``title`` and ``status``; the OAuth endpoints (``/token``, ``/nonce``, ``/credential``)
answer OAuth error JSON (``error``) instead, as OpenID4VCI requires.

Routes that read their body by hand (``/token``, ``/credential``, ``/api/verify``) declare none
in their OpenAPI; the schema given to schemathesis here adds one, so their bodies are fuzzed too.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import httpx
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from issuer.api.app import create_app as issuer_app
from issuer.samples import CITIZEN, CITIZEN_ID_CARD
from issuer.service import IssuerService
from issuer.settings import IssuerSettings
from tests.support.mini_wallet import redeem
from tests.support.servers import make_settings
from verifier.api.app import create_app as verifier_app
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from wallet.api.app import create_app as wallet_app
from wallet.service import Wallet, WalletSettings

#: generated requests per operation and generation mode (valid, invalid by the schema)
EXAMPLES = int(os.environ.get("POSVID_API_FUZZ_EXAMPLES", "25"))
EXPLORE = os.environ.get("HYPOTHESIS_PROFILE") == "explore"
ISSUER_BASE = "http://127.0.0.1:8001"
VERIFIER_BASE = "http://127.0.0.1:8003"
WALLET_BASE = "http://127.0.0.1:8002"
OAUTH_PATHS = ("/token", "/nonce", "/credential")
PROBLEM = "application/problem+json"
ID_CARD = {k: v for k, v in CITIZEN_ID_CARD.items() if k != "type"}

#: bodies for the routes that parse theirs by hand (not in the app's own OpenAPI)
BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("/token", "post"): {
        "application/x-www-form-urlencoded": {
            "schema": {
                "type": "object",
                "properties": {
                    "grant_type": {
                        "type": "string",
                        "enum": ["urn:ietf:params:oauth:grant-type:pre-authorized_code"],
                    },
                    "pre-authorized_code": {"type": "string"},
                    "tx_code": {"type": "string"},
                },
            }
        }
    },
    ("/credential", "post"): {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    "credential_configuration_id": {"type": "string"},
                    "credential_identifier": {"type": "string"},
                    "proof": {
                        "type": "object",
                        "properties": {
                            "proof_type": {"type": "string", "enum": ["jwt"]},
                            "jwt": {"type": "string"},
                        },
                    },
                    "proofs": {
                        "type": "object",
                        "properties": {"jwt": {"type": "array", "items": {"type": "string"}}},
                    },
                },
            }
        }
    },
    ("/api/verify", "post"): {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["payload"],
                "properties": {
                    "payload": {"type": "string"},
                    "offline": {"type": "boolean"},
                    "expect": {"type": "string"},
                },
            }
        },
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "properties": {
                    "image": {"type": "string", "format": "binary"},
                    "offline": {"type": "string"},
                    "expect": {"type": "string"},
                },
            }
        },
    },
}


def fuzz_schema(app: Any) -> Any:
    """The app's OpenAPI with the hand-read bodies declared, as a schemathesis schema."""
    raw = copy.deepcopy(app.openapi())
    for path, operations in raw["paths"].items():
        for method, operation in operations.items():
            content = BODIES.get((path, method))
            if content is not None and "requestBody" not in operation:
                operation["requestBody"] = {"content": content}
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = app
    return schema


def operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def check_answer(response: Any, path: str) -> None:
    """No server error; an error answer in the shape its endpoint promises."""
    status = response.status_code
    assert status < 500, f"{status}: {response.text[:500]}"
    if status < 400:
        return
    body = json.loads(response.content)
    media_type = (response.headers.get("content-type") or [""])[0].split(";")[0]
    if path in OAUTH_PATHS and media_type == "application/json":
        assert isinstance(body.get("error"), str), body
        return
    assert media_type == PROBLEM, f"{status} {media_type}: {response.text[:300]}"
    assert isinstance(body.get("type"), str), body
    assert isinstance(body.get("title"), str), body
    assert body.get("status") == status, body


def fuzz(operation: Any, base_url: str, headers: dict[str, str] | None, seen: set[int]) -> None:
    """Run the operation's generated requests (both modes) against its app; ``seen``: statuses."""
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @settings(
            max_examples=EXAMPLES,
            derandomize=not EXPLORE,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            report_multiple_bugs=False,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            response = case.call(base_url=base_url, headers=headers)
            seen.add(response.status_code)
            check_answer(response, operation.path)

        try:
            run()
        except Unsatisfiable:
            if mode is GenerationMode.POSITIVE:
                raise  # an operation without parameters has no invalid request: fine


def fuzz_all(
    app: Any, base_url: str, headers: dict[str, dict[str, str]] | None = None
) -> dict[str, set[int]]:
    """Fuzz every operation of ``app`` (``headers`` by path, ``"*"`` for the others): the
    statuses each answered; fails after every operation ran, with each failing request."""
    failures = []
    seen: dict[str, set[int]] = {}
    headers = headers or {}
    for operation in operations(fuzz_schema(app)):
        label = f"{operation.method.upper()} {operation.path}"
        sent = headers.get(operation.path, headers.get("*"))
        try:
            fuzz(operation, base_url, sent, seen.setdefault(label, set()))
        except Exception as exc:  # every operation is run; all failures are reported
            notes = "\n".join(getattr(exc, "__notes__", []))
            failures.append(f"{label}: {exc!r}\n{notes}")
    assert not failures, "\n\n".join(failures)
    return seen


def test_issuer_api(tmp_path: Path) -> None:
    home = tmp_path / "issuer"
    limits = {"rate_limit_per_minute": 1e9, "rate_limit_burst": 10**9}
    not_throttled = {  # the issuer's per-client limits, where it has them
        name: value for name, value in limits.items() if name in IssuerSettings.model_fields
    }
    service = IssuerService(
        make_settings(home, f"sqlite:///{tmp_path / 'issuer.db'}", ISSUER_BASE, **not_throttled)
    )
    try:
        person = service.enrol_person(CITIZEN, actor="test")
        document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
        token = service.create_admin_token("admin", "fuzz")
        app = issuer_app(service=service)
        # /credential with a live access token: the proofs are what is fuzzed there
        offer = service.create_offer(document.id, batch_size=3, actor="test")
        access = redeem(app.state.protocol, offer)
        headers = {
            "*": {"Authorization": f"Bearer {token}"},
            "/credential": {"Authorization": f"Bearer {access}"},
        }
        seen = fuzz_all(app, ISSUER_BASE, headers)
        # the token opened the admin API, and valid requests got through
        assert 200 in seen["GET /admin/keys"]
        assert not [label for label, statuses in seen.items() if {401, 403} & statuses]
        assert 200 in seen["GET /health"]
    finally:
        service.engine.dispose()


def test_verifier_api(tmp_path: Path) -> None:
    settings_ = VerifierSettings(
        home=tmp_path / "verifier",
        identifier="https://border.posvid.example",
        allowed_hosts=["127.0.0.1:8003"],
    )
    with httpx.Client(timeout=3) as http:
        verifier = Verifier(settings_, http=http)
        try:
            seen = fuzz_all(verifier_app(verifier=verifier), VERIFIER_BASE)
            assert 200 in seen["POST /api/verify"]  # a verdict (red) for a generated payload
        finally:
            verifier.close()


def test_wallet_api(tmp_path: Path) -> None:
    wallet = Wallet(WalletSettings(home=tmp_path / "wallet"), http=httpx.Client(timeout=3))
    try:
        app = wallet_app(wallet=wallet)
        fuzz_all(app, WALLET_BASE)  # today its page routes only, none in its OpenAPI
    finally:
        wallet.close()
        wallet.http.close()
