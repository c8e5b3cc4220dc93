"""``posvid-wallet`` as a user runs it, against the real issuer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port, held_request, serving, stop
from tests.support.processes import run as run_command
from tests.support.roles import PIN

EXE = str(Path(sys.executable).parent / "posvid-wallet")
pytestmark = pytest.mark.e2e


def test_cli_story(issuer, offer, tmp_path):
    env = {
        **os.environ,
        "POSVID_WALLET_HOME": str(tmp_path / "w"),
        "POSVID_WALLET_PIN": "123456",
        "POSVID_WALLET_BACKUP_PASSPHRASE": "a long backup passphrase",
        "COLUMNS": "200",
    }

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
            check=False,
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    run("init")
    card = json.loads(
        run(
            "accept",
            offer.credential_offer_uri,
            "--tx-code",
            offer.tx_code,
            "--batch",
            "2",
            "--json",
        ).stdout
    )
    listed = json.loads(run("list", "--json").stdout)
    assert listed[0]["id"] == card["id"]
    assert set(listed[0]) >= {
        "id",
        "vct",
        "issuer",
        "display_name",
        "expires_at",
        "status",
        "unused_credentials",
    }
    assert "Given name (Latin): Olena" in run("show", card["id"][:8], "--lang", "en").stdout
    png, svg = tmp_path / "qr.png", tmp_path / "qr.svg"
    shown = run(
        "present", card["id"], "--preset", "border", "--png", str(png), "--svg", str(svg), "--text"
    )
    assert shown.stdout.strip().startswith("PV2:")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "<svg" in svg.read_text()
    assert "█" in run("present", card["id"], "--disclose", "given_name", "--terminal").stdout
    assert "portrait" in run("present", card["id"], "--preset", "full").stderr
    history = json.loads(run("history", "--json").stdout)
    assert len(history) == 3
    assert "VALID" in run("status").stdout
    run("backup", "export", str(tmp_path / "b.backup"))
    env["POSVID_WALLET_HOME"] = str(tmp_path / "w2")
    run("init")
    assert "1 document(s) restored" in run("backup", "import", str(tmp_path / "b.backup")).stdout
    env["POSVID_WALLET_PIN"] = "999999"
    wrong = run("list", ok=False)
    assert wrong.returncode == 1
    assert "wrong PIN" in wrong.stderr


def test_init_refuses_a_short_pin_and_says_how_the_wallet_is_protected(tmp_path):
    env = {**os.environ, "POSVID_WALLET_HOME": str(tmp_path / "w"), "POSVID_WALLET_PIN": "2468"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [EXE, *args]
        return subprocess.run(command, capture_output=True, text=True, env=env, check=False)

    short = run("init")
    assert (short.returncode, short.stderr.strip()) == (
        1,
        "error: the PIN needs at least 6 characters",
    )
    env["POSVID_WALLET_PIN"] = "246802"
    made = run("init")
    assert "protected by: PIN only (this computer has no keystore)" in made.stdout
    env["POSVID_WALLET_NEW_PIN"] = "24680"
    assert "at least 6 characters" in run("change-pin").stderr


def test_serve_stops_within_5_s_of_sigterm_with_connections_open(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "POSVID_WALLET_HOME": str(tmp_path / "w"), "POSVID_WALLET_PIN": PIN}
    assert run_command([EXE, "init"], env).returncode == 0
    command = [EXE, "serve", "--port", str(port)]
    with (
        serving(command, env, base, tmp_path / "serve.log") as server,
        httpx.Client(base_url=base) as keep_alive,  # one request made, its connection kept
    ):
        assert keep_alive.get("/").status_code == 200
        with closing(held_request(port, "/unlock", "application/x-www-form-urlencoded")):
            stop(server)  # SIGTERM; fails when it takes more than 5 s
