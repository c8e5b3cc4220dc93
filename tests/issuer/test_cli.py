"""``posvid-issuer`` commands, run as a user would (SQLite in a temporary home)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = str(Path(sys.executable).parent / "posvid-issuer")


@pytest.fixture
def run(tmp_path):
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "home"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "correct horse battery staple",
        "COLUMNS": "200",
    }

    def invoke(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(
            [EXE, *args],
            capture_output=True,
            text=True,
            env=env,
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
