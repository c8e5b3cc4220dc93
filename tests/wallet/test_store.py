"""The store: PIN, slow-down after wrong PINs, PIN change, encryption at rest, killed writes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.support.roles import PIN
from wallet import errors as e
from wallet.service import Wallet
from wallet.settings import WalletSettings


def test_wrong_pin_then_slow_down_persisted(tmp_path):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    wallet.init("135790")
    for _ in range(3):
        with pytest.raises(e.WrongPin):
            wallet.unlock("000000")
    with pytest.raises(e.WrongPin):
        wallet.unlock("000000")  # the fourth wrong PIN starts the slow-down
    with pytest.raises(e.LockedOut) as caught:
        wallet.unlock("135790")
    assert caught.value.retry_after >= 1
    wallet.close()
    reopened = Wallet(WalletSettings(home=tmp_path / "w"))  # the lock survives a restart
    with pytest.raises(e.LockedOut):
        reopened.unlock("135790")


def test_pin_change_keeps_everything(tmp_path):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    wallet.init("135790")
    unlocked = wallet.unlock("135790")
    unlocked.change_pin("864200")
    with pytest.raises(e.WrongPin):
        wallet.unlock("135790")
    assert wallet.unlock("864200").cards() == []


def test_init_twice_and_short_pin(tmp_path):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    with pytest.raises(e.NotInitialised):
        wallet.unlock("123456")
    with pytest.raises(e.WalletError):
        wallet.init("12")
    wallet.init("123456")
    with pytest.raises(e.AlreadyInitialised):
        wallet.init("123456")


def test_nothing_personal_in_the_clear(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    unlocked.present(card.id, preset="border")
    wallet.close()
    raw = b"".join(p.read_bytes() for p in wallet.home.iterdir() if p.is_file())
    for secret in ("Коваленко".encode(), b"Kovalenko", b"004512345", b"1990-03-15", b"PRIVATE KEY"):
        assert secret not in raw


def test_tampered_record_is_a_clear_error(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    card = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=1)
    with sqlite3.connect(wallet.home / "wallet.db") as db:
        (sealed,) = db.execute("SELECT sealed FROM cards").fetchone()
        damaged = bytearray(sealed)
        damaged[20] ^= 0x01
        db.execute("UPDATE cards SET sealed = ?", (bytes(damaged),))
    with pytest.raises(e.WalletError, match="damaged"):
        unlocked.show(card.id)


CHILD = """
import sys
from pathlib import Path
from wallet.service import Wallet, WalletSettings
unlocked = Wallet(WalletSettings(home=Path(sys.argv[1]))).unlock(sys.argv[2])
card = unlocked.cards()[0].id
print("ready", flush=True)
while True:
    unlocked.present(card, preset="age18")
"""


def test_killing_the_process_mid_write_never_corrupts_the_store(issuer, offer, wallet):
    unlocked = wallet.unlock(PIN)
    unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    for attempt in range(3):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(wallet.home), PIN],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout.readline().strip() == "ready", child.stderr.read()
        time.sleep(0.3 + 0.37 * attempt)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        child.stdout.close()
        child.stderr.close()
        with sqlite3.connect(wallet.home / "wallet.db") as db:
            assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            used_rows = db.execute("SELECT COUNT(*) FROM credentials WHERE used_at IS NOT NULL")
            (used_count,) = used_rows.fetchone()
        history = unlocked.history()  # every entry decrypts
        assert history
        # a presentation and the mark on its credential are one transaction: never one alone
        assert len({h.credential_id for h in history}) == used_count
