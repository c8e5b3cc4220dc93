"""posvid-verifier end to end: trust, sync, check (exit codes), request, audit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from posvid.common.qr_render import render_png
from tests.support.processes import free_port, held_request, serving, stop
from tests.support.roles import PIN, collect_card, minor

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
    assert "Imię (alfabet łaciński): Iryna" in ok.stdout  # the issuer has no Polish labels
    assert "Data urodzenia: 01.07.1992" in ok.stdout
    again = json.loads(run("check", str(picture), "--offline", "--json", code=1).stdout)
    assert again["verdict"] == "replayed"
    assert set(again) >= {
        "verdict",
        "answer",
        "question",
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
    assert run("check", "--text", "garbage", code=1).stdout.startswith("TRY AGAIN (grey)")
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


def test_cli_check_expect_answers_the_question(issuer, card, wallet, tmp_path):
    base, service, _ = issuer
    unlocked, card_id, _ = card
    env = {**os.environ, "POSVID_VERIFIER_HOME": str(tmp_path / "v"), "COLUMNS": "200"}

    def check(payload: str, *args: str, code: int) -> str:
        command = [EXE, "check", "--text", payload, "--offline", *args]
        result = subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=120, check=False
        )
        assert result.returncode == code, result.stdout + result.stderr
        return result.stdout

    subprocess.run([EXE, "trust", "add", base], env=env, check=True, capture_output=True)
    adult = unlocked.present(card_id, preset="age18").payload
    assert check(adult, "--expect", "age:18", "--lang", "de", code=0).startswith("18 ODER ÄLTER")
    border = unlocked.present(card_id, preset="border").payload
    assert check(border, "--expect", "identity", code=0).startswith("VALID (amber)")  # no sync
    short = json.loads(
        check(
            unlocked.present(card_id, preset="age18").payload,
            "--expect",
            "identity",
            "--json",
            code=1,
        )
    )
    assert (short["verdict"], short["answer"]) == ("valid", "not_enough_data")
    minor_id = collect_card(service, wallet, *minor(serial=42))
    young = wallet.unlock(PIN).present(minor_id, preset="age18").payload
    said = check(young, "--expect", "age:18", "--lang", "uk", code=1)
    assert said.startswith("МОЛОДШЕ 18 (red)")
    assert "власнику ще не виповнилося 18" in said
    check("PV1:x", "--expect", "adult", code=2)


def test_serve_stops_within_5_s_of_sigterm_with_connections_open(tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "POSVID_VERIFIER_HOME": str(tmp_path / "v")}
    command = [EXE, "serve", "--port", str(port)]
    with (
        serving(command, env, base, tmp_path / "serve.log") as server,
        httpx.Client(base_url=base) as keep_alive,  # one request made, its connection kept
    ):
        assert keep_alive.get("/").status_code == 200
        with closing(held_request(port, "/api/verify", "application/json")):
            stop(server)  # SIGTERM; fails when it takes more than 5 s
