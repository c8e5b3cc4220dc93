"""posvid-verifier end to end: trust, sync, check (exit codes), request, audit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from posvid.common.qr_render import render_png

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
