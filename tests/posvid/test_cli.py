"""The console scripts run: each prints help, and ``posvid demo`` tells its story."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

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
    assert "9 credential(s) revoked with the document" in out
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
