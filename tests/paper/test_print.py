"""Printing the paper credential with ``posvid-issuer print``: the page's QR code reads back."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from crypto import decode_qr_payload
from crypto.sdjwt import split_sd_jwt
from tests.support.paper import read_page

EXE = str(Path(sys.executable).parent / "posvid-issuer")


def test_print_writes_a_private_a5_pdf_whose_qr_is_the_paper_credential(tmp_path):
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(tmp_path / "home"),
        "POSVID_ISSUER_KEY_PASSPHRASE": "correct horse battery staple",
    }

    def run(*args: str, ok: bool = True) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [EXE, *args], capture_output=True, text=True, env=env, timeout=120, check=False
        )
        assert (done.returncode == 0) is ok, done.stderr
        return done

    run("init")
    people = json.loads(run("seed", "--sample", "--count", "1", "--json").stdout)
    documents = people[0]["documents"]
    card = next(d["id"] for d in documents if d["type"] == "id-card")
    pdf = tmp_path / "paper.pdf"
    printed = json.loads(run("print", card, "--pdf", str(pdf), "--json").stdout)
    assert printed["configuration"] == "id-card-paper"
    assert stat.S_IMODE(pdf.stat().st_mode) == 0o600
    assert pdf.read_bytes().startswith(b"%PDF")
    payload = read_page(pdf)
    assert payload.startswith("PV2:")
    parts = split_sd_jwt(decode_qr_payload(payload))
    assert parts.kb_jwt is None
    other = next((d["id"] for d in documents if d["type"] not in ("id-card", "passport")), None)
    if other is not None:
        assert "identity documents" in run("print", other, "--pdf", str(pdf), ok=False).stderr
    run("revoke", card)
    assert "revoked" in run("print", card, "--pdf", str(tmp_path / "again.pdf"), ok=False).stderr
