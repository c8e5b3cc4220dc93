"""The audit chain: keyed, linear under concurrent checks, held to signed heads, older logs kept."""

from __future__ import annotations

import json
import sqlite3
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from verifier.audit import AuditHead, AuditKey, legacy_digest
from verifier.cli import app as cli
from verifier.errors import AuditError
from verifier.service import Verifier
from verifier.settings import VerifierSettings
from verifier.storage.models import AuditEntry


def _verifier(home: Path, checks: int = 0) -> Verifier:
    verifier = Verifier(VerifierSettings(home=home))
    for i in range(checks):
        verifier.check(f"not a presentation {i}")
    return verifier


def _rechain(verifier: Verifier, digest, edit=None) -> None:
    """Rewrite the chain with ``digest`` (after ``edit`` on each entry), as a forger would."""
    previous = "0" * 64
    with verifier.sessions.begin() as session:
        for entry in session.query(AuditEntry).order_by(AuditEntry.id):
            if edit:
                edit(entry)
            entry.previous = previous
            entry.digest = previous = digest(entry)


def test_concurrent_checks_keep_the_audit_chain_linear(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    verifier = Verifier(VerifierSettings(home=tmp_path / "v"))
    with ThreadPoolExecutor(max_workers=8) as pool:
        verdicts = list(pool.map(lambda i: verifier.check(f"not a presentation {i}"), range(40)))
    assert {v.verdict for v in verdicts} == {"unreadable"}
    assert verifier.audit.verify() == 40
    verifier.close()


def test_truncated_audit_fails_against_its_head(tmp_path):
    home = tmp_path / "v"
    _verifier(home, checks=5).close()
    run = CliRunner().invoke
    printed = run(cli, ["audit", "head", "--home", str(home)])
    assert printed.exit_code == 0, printed.output
    head = tmp_path / "head.json"
    head.write_text(printed.output)
    assert json.loads(printed.output)["count"] == 5
    assert (
        "5 entries, head of 5 holds"
        in run(cli, ["audit", "verify", "--home", str(home), "--head", str(head)]).output
    )
    with sqlite3.connect(home / "verifier.db") as db:
        db.execute("DELETE FROM audit WHERE id > 3")  # the last two entries removed
    alone = run(cli, ["audit", "verify", "--home", str(home)])
    assert (alone.exit_code, "intact: 3 entries" in alone.output) == (0, True)  # needs a head
    held = run(cli, ["audit", "verify", "--home", str(home), "--head", str(head)])
    assert held.exit_code == 1
    assert "entries were removed: the head says 5, the log has 3" in held.output


def test_a_chain_rewritten_without_the_key_is_found(tmp_path):
    """Editing an entry and recomputing the SHA-256 chain held before the key; no more."""
    verifier = _verifier(tmp_path / "v", checks=4)
    _rechain(verifier, legacy_digest, edit=lambda e: setattr(e, "verdict", "valid"))
    with pytest.raises(AuditError, match="breaks at entry 1"):
        verifier.audit.verify()
    verifier.close()


def test_a_head_holds_even_against_the_keys_holder(tmp_path):
    """With the key a chain can be rewritten to hold, but not to match a head kept elsewhere."""
    home = tmp_path / "v"
    verifier = _verifier(home, checks=4)
    head = verifier.audit.head()
    verifier.check("one more")
    assert verifier.audit.verify(head) == 5  # entries after the head are fine
    key = AuditKey.load_or_create(home / "audit.key")
    _rechain(verifier, key.digest)
    assert verifier.audit.verify() == 5
    _rechain(
        verifier,
        key.digest,
        edit=lambda e: setattr(e, "verdict", "valid" if e.id == 2 else e.verdict),
    )
    assert verifier.audit.verify() == 5
    with pytest.raises(AuditError, match="rewritten: entry 4 is not the head's"):
        verifier.audit.verify(head)
    forged = AuditHead(head.count, head.last, head.at + 1, head.mac)
    with pytest.raises(AuditError, match="not signed"):
        verifier.audit.verify(forged)
    verifier.close()


def test_the_key_is_a_private_file_outside_the_database(tmp_path):
    home = tmp_path / "v"
    _verifier(home, checks=1).close()
    key_file = home / "audit.key"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert json.loads(key_file.read_text())["keyed_from"] == 0
    elsewhere = tmp_path / "stick" / "audit.key"
    elsewhere.parent.mkdir()
    verifier = Verifier(VerifierSettings(home=tmp_path / "w", audit_key_file=elsewhere))
    verifier.check("x")
    assert elsewhere.exists()
    assert not (tmp_path / "w" / "audit.key").exists()
    verifier.close()


def test_a_head_file_that_is_not_one_is_refused(tmp_path):
    for text in (b"", b"[]", b'{"count": "5"}', b"\xff"):
        with pytest.raises(AuditError):
            AuditHead.parse(text)
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "audit.key").write_text("{}")
    with pytest.raises(AuditError, match="damaged"):
        Verifier(VerifierSettings(home=tmp_path / "v"))


def test_a_log_from_before_the_key_still_verifies_and_is_bound(tmp_path):
    """An unkeyed (SHA-256) chain is kept as it is; the first keyed entry covers its end."""
    home = tmp_path / "v"
    old = _verifier(home, checks=3)
    _rechain(old, legacy_digest)  # as the verifier wrote it before the key
    old.close()
    (home / "audit.key").unlink()
    verifier = _verifier(home)
    assert json.loads((home / "audit.key").read_text())["keyed_from"] == 3
    assert verifier.audit.verify() == 3
    verifier.check("after the key")
    assert verifier.audit.verify() == 4
    with sqlite3.connect(home / "verifier.db") as db:
        db.execute("UPDATE audit SET verdict = 'valid' WHERE id = 2")
    with pytest.raises(AuditError, match="breaks at entry 2"):
        verifier.audit.verify()
    with sqlite3.connect(home / "verifier.db") as db:
        db.execute("DELETE FROM audit WHERE id > 1")
    with pytest.raises(AuditError, match="3 were there before the key, 1 are left"):
        verifier.audit.verify()
    verifier.close()
