"""The data key's wrapping: PIN and device secret where a keystore exists, else the PIN alone at a
stronger scrypt; older wallets unlock and are re-wrapped; new PINs have at least 6 characters."""

from __future__ import annotations

import os
import shutil

import keyring
import pytest
from keyring.errors import PasswordSetError

from tests.wallet.conftest import MemoryKeyring
from wallet import errors as e
from wallet.device import SERVICE
from wallet.service import Wallet
from wallet.settings import WalletSettings, load_settings
from wallet.storage.models import VaultRecord
from wallet.vault import PIN_ONLY_N, WITH_DEVICE_N, KdfParams, unwrap_key, wrap_key

PIN = "246802"


def vault_of(wallet: Wallet) -> VaultRecord:
    with wallet.sessions() as session:
        vault = session.get(VaultRecord, 1)
        assert vault is not None
        return vault


def test_a_copied_wallet_file_does_not_open_with_the_pin_alone(tmp_path, keystore):
    wallet = Wallet(WalletSettings(home=tmp_path / "mine"))
    wallet.init(PIN)
    vault = vault_of(wallet)
    assert vault.device_secret is not None
    assert (SERVICE, vault.device_secret) in keystore.values
    assert vault.kdf_n == WITH_DEVICE_N
    assert "device secret" in wallet.protection
    with pytest.raises(e.WrongPin):  # the offline search: the right PIN, no device secret
        unwrap_key(vault.wrapped_key, PIN, KdfParams(vault.salt, vault.kdf_n))
    shutil.copytree(tmp_path / "mine", tmp_path / "copy")  # wallet.db and its WAL
    keyring.set_keyring(MemoryKeyring())  # another computer: its own keystore
    copy = Wallet(WalletSettings(home=tmp_path / "copy"))
    with pytest.raises(e.DeviceSecretMissing):
        copy.unlock(PIN)
    assert vault_of(copy).failed_attempts == 0  # not a wrong PIN
    keyring.set_keyring(keystore)
    assert wallet.unlock(PIN).cards() == []
    wallet.close()
    copy.close()


def test_the_keystore_can_be_turned_off(tmp_path, keystore):
    wallet = Wallet(WalletSettings(home=tmp_path / "w", keystore=False))
    wallet.init(PIN)
    assert (vault_of(wallet).device_secret, vault_of(wallet).kdf_n) == (None, PIN_ONLY_N)
    assert keystore.values == {}
    assert wallet.unlock(PIN).cards() == []  # and no re-wrap into a keystore it was told to avoid
    assert vault_of(wallet).device_secret is None
    wallet.close()


def test_without_a_keystore_the_pin_alone_at_the_stronger_scrypt(tmp_path):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))  # tests run with keyring's fail backend
    assert not wallet.keystore.available
    wallet.init(PIN)
    vault = vault_of(wallet)
    assert (vault.device_secret, vault.kdf_n) == (None, PIN_ONLY_N)
    assert wallet.protection.startswith("PIN only")
    assert wallet.unlock(PIN).cards() == []
    wallet.close()


def test_a_keystore_that_refuses_leaves_the_pin_alone_and_says_why(tmp_path, keystore, monkeypatch):
    def refuse(*_args: object) -> None:
        raise PasswordSetError("the collection is locked")

    monkeypatch.setattr(keystore, "set_password", refuse)
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    wallet.init(PIN)
    vault = vault_of(wallet)
    assert (vault.device_secret, vault.kdf_n) == (None, PIN_ONLY_N)
    assert "the collection is locked" in wallet.protection
    wallet.unlock(PIN)  # tries the keystore again; refused, the wrapping stays as it was
    assert vault_of(wallet).wrapped_key == vault.wrapped_key
    assert "the collection is locked" in wallet.protection
    wallet.close()


def older_wallet(home, pin: str) -> Wallet:
    """A wallet as the previous version made it: the PIN alone, scrypt n=2^15."""
    wallet = Wallet(WalletSettings(home=home))
    params = KdfParams(os.urandom(16), 2**15)
    with wallet.sessions.begin() as session:
        wrapped = wrap_key(os.urandom(32), pin, params)
        session.add(
            VaultRecord(
                id=1, salt=params.salt, kdf_n=params.n, wrapped_key=wrapped, failed_attempts=0,
                locked_until=0.0,
            )
        )  # fmt: skip
    return wallet


def test_an_older_wallet_with_a_short_pin_unlocks_and_is_rewrapped(tmp_path):
    wallet = older_wallet(tmp_path / "w", "2468")
    assert wallet.unlock("2468").cards() == []
    assert vault_of(wallet).kdf_n == PIN_ONLY_N  # no keystore here: the stronger scrypt
    assert wallet.unlock("2468").cards() == []
    wallet.close()


def test_an_older_wallet_gains_the_device_secret_at_its_next_unlock(tmp_path, keystore):
    wallet = older_wallet(tmp_path / "w", "2468")
    wallet.unlock("2468")
    vault = vault_of(wallet)
    assert vault.device_secret is not None
    assert (SERVICE, vault.device_secret) in keystore.values
    assert wallet.unlock("2468").cards() == []
    wallet.close()


def test_a_pin_change_takes_a_new_device_secret_and_forgets_the_old(tmp_path, keystore):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    wallet.init(PIN)
    old = vault_of(wallet).device_secret
    wallet.unlock(PIN).change_pin("135790")
    new = vault_of(wallet).device_secret
    assert new != old
    assert list(keystore.values) == [(SERVICE, new)]
    assert wallet.unlock("135790").cards() == []
    wallet.close()


def test_new_pins_need_six_characters(tmp_path):
    wallet = Wallet(WalletSettings(home=tmp_path / "w"))
    with pytest.raises(e.WalletError) as caught:
        wallet.init("12345")
    assert caught.value.field == "pin"
    assert "6" in caught.value.message
    wallet.init(PIN)
    with pytest.raises(e.WalletError):
        wallet.unlock(PIN).change_pin("2468")
    assert wallet.unlock(PIN).cards() == []  # the refused change changed nothing
    with pytest.raises(e.SettingsInvalid):
        load_settings(home=tmp_path / "w", min_pin_chars=4)
    wallet.close()
