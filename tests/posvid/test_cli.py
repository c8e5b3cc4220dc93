"""The console scripts run: each prints help, ``posvid demo`` tells its story, and the README's
story by hand works from separate shells."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.processes import exe, free_port, serving
from tests.support.processes import run as run_command

BIN = Path(sys.executable).parent


@pytest.mark.parametrize("script", ["posvid", "posvid-issuer", "posvid-wallet", "posvid-verifier"])
def test_console_script_prints_help(script):
    path = BIN / script
    exe = str(path) if path.exists() else shutil.which(script)
    assert exe, f"{script} is not installed"
    result = subprocess.run(
        [exe, "--help"], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "Usage" in result.stdout


def test_demo_runs_the_whole_story():
    exe = str(BIN / "posvid") if (BIN / "posvid").exists() else shutil.which("posvid")
    assert exe
    env = {**os.environ, "COLUMNS": "200"}
    result = subprocess.run(
        [exe, "demo"], capture_output=True, text=True, timeout=120, check=False, env=env
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "id-card-border: 3 credential(s)" in out
    assert "VALID — {'age_equal_or_over': {'18': True}}" in out
    assert "INVALID (failed: disclosures" in out
    assert "SHOWN BEFORE (failed: replay)" in out
    assert "QR TOO OLD (failed: freshness)" in out
    assert "her photo: one face found" in out
    assert "'portrait': '<picture" in out  # the border code carries her portrait
    assert "PAPER — compare the photo" in out
    assert "10 credential(s) revoked with the document" in out  # 9 in the wallet, 1 on paper
    assert "the paper printed from it → REVOKED (failed: status)" in out
    assert "REVOKED (failed: status)" in out
    assert "her wallet's own status check: revoked" in out


@pytest.mark.parametrize(
    ("script", "variable", "args"),
    [
        ("posvid-issuer", "POSVID_ISSUER_PORT", ["keys", "list"]),
        ("posvid-wallet", "POSVID_WALLET_PORT", ["list"]),
        ("posvid-verifier", "POSVID_VERIFIER_PORT", ["audit", "verify"]),
    ],
)
def test_a_wrong_setting_is_a_sentence_not_a_traceback(script, variable, args, tmp_path):
    exe = str(BIN / script) if (BIN / script).exists() else shutil.which(script)
    assert exe
    env = {**os.environ, variable: "eighty", "HOME": str(tmp_path)}
    result = subprocess.run(
        [exe, *args], capture_output=True, text=True, timeout=60, check=False, env=env
    )
    assert result.returncode in (1, 2)
    assert "error:" in result.stderr
    assert "port" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


@pytest.mark.e2e
def test_the_readme_story_on_another_port_from_separate_shells(tmp_path):
    """README "Try the roles by hand", on a port that is not the default: the identifier stored
    by ``init --public-url`` is what ``offer``, run while ``serve`` runs elsewhere, points at."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    issuer, wallet, verifier = exe("posvid-issuer"), exe("posvid-wallet"), exe("posvid-verifier")
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "issuer"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "a long passphrase",
        "POSVID_ISSUER_KEY_KDF_LOG2_N": "12",
        "POSVID_WALLET_HOME": str(tmp_path / "wallet"),
        "POSVID_WALLET_PIN": "246802",
        "POSVID_VERIFIER_HOME": str(tmp_path / "verifier"),
        "COLUMNS": "200",
    }

    def shell(*args: str) -> str:
        """One command in a shell of its own; it must succeed."""
        done = run_command(list(args), env)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    assert f"identifier {base} (stored)" in shell(issuer, "init", "--public-url", base)
    people = json.loads(shell(issuer, "seed", "--sample", "--count", "1", "--json"))
    document_id = next(d["id"] for d in people[0]["documents"] if d["type"] == "id-card")
    command = [issuer, "serve", "--port", str(port)]
    with serving(command, env, f"{base}/health", tmp_path / "serve.log"):
        offer = json.loads(shell(issuer, "offer", document_id, "--batch", "3", "--json"))
        uri = offer["credential_offer_uri"]
        target = parse_qs(urlsplit(uri).query)["credential_offer_uri"][0]
        assert target.startswith(f"{base}/offers/")
        shell(wallet, "init")
        card = json.loads(shell(wallet, "accept", uri, "--tx-code", offer["tx_code"], "--json"))
        png = tmp_path / "border.png"
        shell(wallet, "present", card["id"], "--preset", "border", "--png", str(png))
        shell(verifier, "trust", "add", base)
        shell(verifier, "sync")
    checked = run_command([verifier, "check", str(png), "--offline", "--lang", "uk"], env)
    assert checked.returncode == 0, checked.stdout + checked.stderr
