"""``posvid-issuer`` commands, run as a user would (SQLite in a temporary home)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import httpx
import pytest

from tests.support.processes import free_port, held_request, serving, stop
from tests.support.processes import run as run_command

EXE = str(Path(sys.executable).parent / "posvid-issuer")


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "home"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "correct horse battery staple",
        "COLUMNS": "200",
    }

    def invoke(
        *args: str, ok: bool = True, extra: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            env={**env, **(extra or {})},
            timeout=120,
            stdin=subprocess.DEVNULL,
            check=False,
        )
        if ok:
            assert result.returncode == 0, result.stderr
        return result

    return invoke


def test_init_seed_offer_revoke_keys_tokens(run, tmp_path):
    assert "kid=1" in run("init").stdout
    people = json.loads(run("seed", "--sample", "--count", "2", "--json").stdout)
    assert len(people) == 2
    document_id = next(d["id"] for d in people[0]["documents"] if d["type"] == "id-card")
    png = tmp_path / "offer.png"
    offer = json.loads(
        run("offer", document_id, "--batch", "3", "--png", str(png), "--json").stdout
    )
    assert offer["credential_offer_uri"].startswith("openid-credential-offer://")
    assert len(offer["tx_code"]) == 6
    assert png.read_bytes().startswith(b"\x89PNG")
    assert "updated" in run("suspend", document_id).stdout
    assert "updated" in run("reinstate", document_id).stdout
    assert "updated" in run("revoke", document_id).stdout
    assert "final" in run("reinstate", document_id, ok=False).stderr
    assert "kid=2" in run("keys", "rotate").stdout
    keys = json.loads(run("keys", "list", "--json").stdout)
    assert [k["kid"] for k in keys] == ["1", "2"]
    assert keys[0]["retired_at"] is not None
    token = run("token", "create", "--role", "admin").stdout.strip()
    assert token.startswith("pvi_")
    assert run("token", "create", "--role", "boss", ok=False).returncode == 1


def test_tokens_are_listed_revoked_and_keys_rewrapped(run):
    token = run("token", "create", "--label", "desk 4", "--hours", "2").stdout.strip()
    (listed,) = json.loads(run("token", "list", "--json").stdout)
    assert token not in json.dumps(listed)
    assert (listed["role"], listed["label"], listed["state"]) == ("clerk", "desk 4", "active")
    assert "revoked" in run("token", "revoke", listed["id"]).stdout
    assert "revoked" in run("token", "list").stdout
    assert run("token", "revoke", "no-such-id", ok=False).returncode == 1
    assert "wrapped already" in run("keys", "rewrap").stdout


def test_wrong_passphrase(run, tmp_path):
    run("init")
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "home"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "a different passphrase",
    }
    result = subprocess.run(
        [EXE, "keys", "rotate"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1
    assert "PASSPHRASE" in result.stderr


def test_import_csv_reports_rejected_rows(run, tmp_path):
    run("init")
    csv = tmp_path / "people.csv"
    csv.write_text(
        "family_name,given_name,patronymic,birth_date,birth_place,sex,tax_number,record_number,"
        "doc_type,document_number,issue_date,expiry_date,issuing_authority\n"
        "Коваленко,Олена,Петрівна,1990-03-15,м. Вінниця,F,3294601242,19900315-01234,"
        "id-card,004512345,2020-06-01,,0512\n"
        "Smith,John,,1990-03-15,,M,,,id-card,000000001,2020-06-01,,0512\n"
        "Мельник,Ірина,,1992-07-01,,F,,19920701-00077,id-card,12,2022-01-01,,4321\n"
        "Коваленко,Олена,,1990-03-15,,F,3294601242,,taxpayer,,,,\n",
        encoding="utf-8",
    )
    result = run("import", str(csv), "--json")
    report = json.loads(result.stdout)
    assert report["imported"] == 1
    assert [r["row"] for r in report["rejected"]] == [3, 4, 5]
    assert "family_name" in report["rejected"][0]["reason"]
    assert "checking rows" in result.stderr
    again = run("import", str(csv), "--json", ok=False)
    assert json.loads(again.stdout)["imported"] == 0
    strict = run("import", str(csv), "--strict", "--json", ok=False)
    assert json.loads(strict.stdout)["imported"] == 0


# The issuer identifier is configuration (issue 12): stored by init, used by every command.


def offer_target(uri: str) -> str:
    """Where an ``openid-credential-offer://`` URI sends the wallet."""
    from urllib.parse import parse_qs, urlsplit

    return parse_qs(urlsplit(uri).query)["credential_offer_uri"][0]


def first_id_card(run) -> str:
    people = json.loads(run("seed", "--sample", "--count", "1", "--json").stdout)
    return next(d["id"] for d in people[0]["documents"] if d["type"] == "id-card")


def test_init_stores_the_identifier_every_command_uses(run, tmp_path):
    home = tmp_path / "home"
    done = run("init", "--public-url", "http://127.0.0.1:9000/")
    assert "identifier http://127.0.0.1:9000 (stored)" in done.stdout
    stored = home / "config.json"
    assert json.loads(stored.read_text()) == {"public_url": "http://127.0.0.1:9000"}
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    document_id = first_id_card(run)
    offer = json.loads(run("offer", document_id, "--json").stdout)
    assert offer_target(offer["credential_offer_uri"]).startswith("http://127.0.0.1:9000/offers/")
    assert "note" not in run("keys", "list").stderr
    # init again without --public-url keeps it; with one, changes it and says what it was
    assert "identifier http://127.0.0.1:9000 (stored)" in run("init").stdout
    changed = run("init", "--public-url", "http://localhost:9001")
    assert "the identifier was http://127.0.0.1:9000" in changed.stderr
    offer = json.loads(run("offer", document_id, "--json").stdout)
    assert offer_target(offer["credential_offer_uri"]).startswith("http://localhost:9001/")


def test_the_environment_overrides_the_stored_identifier(run, tmp_path):
    run("init")  # the default: http://127.0.0.1:8001
    assert json.loads((tmp_path / "home" / "config.json").read_text()) == {
        "public_url": "http://127.0.0.1:8001"
    }
    document_id = first_id_card(run)
    extra = {"POSVID_ISSUER_PUBLIC_URL": "https://dmsu.example.gov.ua"}
    offer = json.loads(run("offer", document_id, "--json", extra=extra).stdout)
    assert offer_target(offer["credential_offer_uri"]).startswith("https://dmsu.example.gov.ua/")


def test_an_identifier_must_be_https_off_loopback(run, tmp_path):
    refused = run("init", "--public-url", "http://dmsu.example.gov.ua", ok=False)
    assert refused.returncode == 1
    assert "https" in refused.stderr
    assert "public_url" in refused.stderr
    assert not (tmp_path / "home" / "config.json").exists()
    run("init")
    (tmp_path / "home" / "config.json").write_text('{"public_url": "http://evil.example"}')
    tampered = run("keys", "list", ok=False)
    assert tampered.returncode == 1
    assert "init --public-url" in tampered.stderr
    assert "Traceback" not in tampered.stderr


def test_a_home_made_before_keeps_working_and_is_told_once(run, tmp_path):
    run("init")
    (tmp_path / "home" / "config.json").unlink()  # as every home made before issue 12
    document_id = first_id_card(run)  # the first command after: said once, stored
    offer = json.loads(run("offer", document_id, "--json").stdout)
    assert offer_target(offer["credential_offer_uri"]).startswith("http://127.0.0.1:8001/")
    again = run("keys", "list")
    assert "note" not in again.stderr
    assert json.loads((tmp_path / "home" / "config.json").read_text()) == {
        "public_url": "http://127.0.0.1:8001"
    }


def test_a_home_made_before_says_what_it_stored(run, tmp_path):
    run("init")
    (tmp_path / "home" / "config.json").unlink()
    told = run("token", "list")
    assert "stores no issuer identifier" in told.stderr
    assert "stored http://127.0.0.1:8001" in told.stderr
    assert "init --public-url" in told.stderr


def test_serve_refuses_another_port_than_the_stored_identifier(run):
    run("init", "--public-url", "http://127.0.0.1:9000")
    refused = run("serve", "--port", "9001", ok=False)
    assert refused.returncode == 1
    message = " ".join(refused.stderr.split())
    assert "issuer_address_mismatch" in message
    assert "stored in" in message  # what is stored
    assert "is http://127.0.0.1:9000" in message
    assert "listen on http://127.0.0.1:9001" in message  # what was asked
    assert "posvid-issuer init --public-url http://127.0.0.1:9001" in message  # the fixes
    assert "--allow-other-url" in message
    assert "Traceback" not in message
    other_host = run("serve", "--host", "192.0.2.7", ok=False)  # not where 127.0.0.1 leads
    assert "listen on http://192.0.2.7:9000" in " ".join(other_host.stderr.split())
    given = run("serve", "--public-url", "http://127.0.0.1:9001", "--port", "9001", ok=False)
    assert "offers would point at http://127.0.0.1:9000" in " ".join(given.stderr.split())


@pytest.mark.e2e
@pytest.mark.parametrize("workers", ["1", "2"])
def test_serve_stops_within_5_s_of_sigterm_with_connections_open(tmp_path, workers):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "home"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "correct horse battery staple",
        "POSVID_ISSUER_KEY_KDF_LOG2_N": "12",
    }
    assert run_command([EXE, "init", "--public-url", base], env).returncode == 0
    command = [EXE, "serve", "--workers", workers]
    with (
        serving(command, env, f"{base}/health", tmp_path / "serve.log") as server,
        httpx.Client(base_url=base) as keep_alive,  # one request made, its connection kept
    ):
        assert keep_alive.get("/health").status_code == 200
        with closing(held_request(port, "/token", "application/x-www-form-urlencoded")):
            stop(server)  # SIGTERM; fails when it takes more than 5 s
