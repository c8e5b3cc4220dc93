"""OpenID4VCI and SD-JWT VC as other wallets speak it (issue 15, item 10): a wallet and a verifier
made of third-party TypeScript libraries from the npm registry, against the real Posvid issuer
on loopback, Posvid's verifier and Posvid's wallet.

``tests/interop/node/driver.mjs`` drives ``@openid4vc/openid4vci`` (the OpenWallet Foundation's
oid4vc-ts) and ``@sd-jwt/sd-jwt-vc`` (the OpenWallet Foundation's sd-jwt-js), pinned with a lock
file (``tests/interop/node/package-lock.json``), installed by ``make setup`` (``npm ci``). Each
step is one ``node`` process: a JSON request on stdin, a JSON answer on stdout.

Skipped where ``node``/``npm`` is missing or the packages are not installed; on CI (``CI=true``)
with ``node`` present, a missing install fails instead.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import httpx
import pytest

from crypto.qr_codec import encode_qr_payload
from posvid.common.qr_render import render_png
from posvid.common.vocabulary import OFFLINE_AUDIENCE
from tests.support.roles import PIN
from verifier.service import Verifier
from verifier.settings import VerifierSettings

pytestmark = pytest.mark.e2e

NODE_DIR = Path(__file__).parent / "node"
DRIVER = NODE_DIR / "driver.mjs"
INSTALL = "npm ci --prefix tests/interop/node --ignore-scripts (make setup runs it)"
#: the claims a border guard's preset asks for (the wallet's border profile)
BORDER = ["family_name_latin", "given_name_latin", "birth_date", "document_number"]


def _unavailable(reason: str) -> NoReturn:
    """Skip, except on CI with node present: there the interop must run."""
    if os.environ.get("CI") == "true" and shutil.which("node"):
        pytest.fail(f"{reason}; on CI the TypeScript interop must run: {INSTALL}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def node() -> str:
    """The node executable, once the pinned packages are known to be installed."""
    found = shutil.which("node")
    if not found or not shutil.which("npm"):
        _unavailable(
            "node/npm not installed: the TypeScript interop (tests/interop/node) is skipped"
        )
    version = subprocess.run([found, "--version"], capture_output=True, text=True, check=False)
    if not version.stdout.startswith("v") or int(version.stdout[1:].split(".")[0]) < 20:
        _unavailable(f"node {version.stdout.strip()} is older than 20")
    if not (NODE_DIR / "node_modules").is_dir():
        _unavailable(f"the npm packages are not installed (registry unreachable?): {INSTALL}")
    try:
        answer = _run(found, {"step": "versions"})
    except AssertionError as broken:  # a package missing: the driver's imports fail
        lines = str(broken).splitlines()
        why = next((line for line in lines if "Cannot find" in line), lines[0])
        _unavailable(f"the npm packages are incomplete ({why.strip()}): {INSTALL}")
    pinned = json.loads((NODE_DIR / "package.json").read_text())["dependencies"]
    installed = {name: answer["versions"].get(name) for name in pinned}
    assert installed == pinned, f"installed {installed}, pinned {pinned}: {INSTALL}"
    return found


def _run(node_path: str, request: dict[str, Any]) -> dict[str, Any]:
    done = subprocess.run(
        [node_path, str(DRIVER)],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=60,
        cwd=NODE_DIR,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise AssertionError(f"driver {request['step']} exit {done.returncode}: {done.stderr}")
    answer: dict[str, Any] = json.loads(done.stdout)
    return answer


def step(node_path: str, name: str, **request: Any) -> dict[str, Any]:
    """One driver step that must succeed: its answer."""
    answer = _run(node_path, {"step": name, **request})
    assert answer["ok"], f"{name}: {answer['error']}"
    return answer


@pytest.fixture
def verifier(tmp_path: Path) -> Iterator[Verifier]:
    v = Verifier(
        VerifierSettings(home=tmp_path / "verifier", identifier="https://border.posvid.example"),
        http=httpx.Client(timeout=10),
    )
    yield v
    v.close()
    v.http.close()


def enrol(service: Any, serial: int) -> tuple[str, Any]:
    """A new adult citizen with an ID card, and an offer of it (3 credentials a configuration)."""
    person = service.enrol_person(
        {
            "family_name": "Бондаренко",
            "given_name": "Марія",
            "birth_date": "1988-11-04",
            "sex": "F",
            "record_number": f"19881104-{serial:05d}",
        },
        actor="test",
    )
    document = service.add_document(
        person.id,
        "id-card",
        {
            "document_number": f"6{serial:08d}",
            "issue_date": "2023-05-02",
            "issuing_authority": "4321",
        },
        actor="test",
    )
    return document.id, service.create_offer(document.id, batch_size=3, actor="test")


def offline_nonce() -> str:
    return secrets.token_urlsafe(24)  # 192 bits, as the offline audience asks (>= 128)


def test_a_typescript_wallet_collects_presents_and_sees_revocation(node, issuer, verifier):
    base, service, _ = issuer
    document_id, offer = enrol(service, 41)

    got = step(node, "issue", offer_uri=offer.credential_offer_uri, tx_code=offer.tx_code)
    assert got["credential_issuer"] == base
    assert got["offered"] == ["id-card", "id-card-border", "id-card-age"]
    assert got["grants"] == ["urn:ietf:params:oauth:grant-type:pre-authorized_code"]
    assert got["tx_code_asked"]
    assert got["token_type"].lower() == "bearer"
    for configuration_id, configuration in got["configurations"].items():
        # the client only knows the metadata's batch_size; the issuer grants the offer's 3 (§8.3)
        assert configuration["proofs_sent"] == got["batch_size"] > 3, configuration_id
        credentials = configuration["credentials"]
        assert len(credentials) == 3, configuration_id
        # each bound to one of the client's own keys, each its own
        assert all(c["holder_private_jwk"] for c in credentials)
        assert len({c["holder_private_jwk"]["x"] for c in credentials}) == 3
        for credential in credentials:
            assert credential["typ"] == "dc+sd-jwt"
            assert credential["iss"] == base
            assert credential["vct"] == f"urn:ua:posvid:{configuration_id}:1"
            assert credential["status"]["status_list"]["uri"].startswith(base + "/status-lists/")
        # Appendix B.2: the client reads every claim's display names (name + locale)
        display = configuration["claim_display"]
        assert display
        assert all(e["name"] and e["locale"] for c in display for e in c["names"]), display
    border = got["configurations"]["id-card-border"]["credentials"]
    assert border[0]["claims"]["family_name_latin"] == "Bondarenko"
    assert got["configurations"]["id-card-age"]["credentials"][0]["claims"][
        "age_equal_or_over"
    ] == {"14": True, "16": True, "18": True, "21": True, "65": False}

    # Posvid's verifier, offline, accepts what the TypeScript library presents: as text ...
    verifier.trust.add_url(verifier.http, base)
    assert verifier.sync()["failed"] == []
    nonce = offline_nonce()
    shown = step(
        node,
        "present",
        credential=border[0]["credential"],
        holder_private_jwk=border[0]["holder_private_jwk"],
        disclose=BORDER,
        aud=OFFLINE_AUDIENCE,
        nonce=nonce,
    )["presentation"]
    verdict = verifier.check(shown, offline=True)
    assert verdict.verdict == "valid", verdict.to_json()
    assert verdict.status == "valid"
    assert verdict.claims["family_name_latin"] == "Bondarenko"
    assert set(BORDER) <= set(verdict.claims)
    # ... and as a QR code (PV1 payload) scanned from a picture
    again = step(
        node,
        "present",
        credential=border[1]["credential"],
        holder_private_jwk=border[1]["holder_private_jwk"],
        disclose=["birth_date"],
        aud=OFFLINE_AUDIENCE,
        nonce=offline_nonce(),
    )["presentation"]
    scanned = verifier.check_image(render_png(encode_qr_payload(again)), offline=True)
    assert scanned.verdict == "valid", scanned.to_json()
    # the TypeScript verifier accepts its own presentation too (the same audience and nonce)
    assert step(node, "verify", presentation=shown, nonce=nonce, aud=OFFLINE_AUDIENCE)["ok"]

    # revocation: the TypeScript library reads the issuer's Token Status List
    every = [
        c["credential"] for kind in got["configurations"].values() for c in kind["credentials"]
    ]
    assert step(node, "status", credentials=every)["statuses"] == [0] * 9
    service.set_document_status(document_id, 1, actor="test")
    assert step(node, "status", credentials=every)["statuses"] == [1] * 9
    assert verifier.sync()["failed"] == []
    late = step(
        node,
        "present",
        credential=border[2]["credential"],
        holder_private_jwk=border[2]["holder_private_jwk"],
        disclose=["birth_date"],
        aud=OFFLINE_AUDIENCE,
        nonce=offline_nonce(),
    )["presentation"]
    assert verifier.check(late, offline=True).verdict == "revoked"


def test_the_typescript_library_verifies_a_posvid_wallet_presentation(node, issuer, wallet):
    base, service, _ = issuer
    _, offer = enrol(service, 42)
    unlocked = wallet.unlock(PIN)
    card_id = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3).id

    shown = unlocked.present(card_id, preset="border")
    assert shown.audience == OFFLINE_AUDIENCE
    seen = step(node, "verify", presentation=shown.sd_jwt, nonce=shown.nonce, aud=shown.audience)
    assert seen["typ"] == "dc+sd-jwt"
    assert seen["kb"]["nonce"] == shown.nonce
    assert seen["claims"]["iss"] == base
    assert seen["claims"]["family_name_latin"] == "Bondarenko"
    assert set(shown.claims) <= set(seen["claims"])
    # the library does check: another nonce is refused
    refused = _run(
        node,
        {
            "step": "verify",
            "presentation": shown.sd_jwt,
            "nonce": offline_nonce(),
            "aud": shown.audience,
        },
    )
    assert not refused["ok"]
    assert "nonce" in refused["error"].lower()
