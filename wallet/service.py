"""The wallet's domain core: a wallet folder, its PIN, and the unlocked wallet's operations.

Called by the CLI and the local web page; it imports neither. The operations live in
:mod:`wallet.receiving`, :mod:`wallet.reading`, :mod:`wallet.presenting` and
:mod:`wallet.keeping`; :class:`UnlockedWallet` is their one front door.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Unpack

import httpx

from crypto import Clock, SystemClock

from . import keeping, presenting, reading, receiving
from .device import Keystore
from .errors import AlreadyInitialised, LockedOut, NotInitialised, WrongPin
from .settings import PinPolicy, WalletSettings
from .storage.db import make_engine, migrate, session_factory
from .storage.models import VaultRecord
from .store import OpenStore
from .vault import Sealer, open_vault, outdated, wrap_vault
from .views import (
    CardDetails,
    CardSummary,
    HistoryItem,
    Presentation,
    PresentOptions,
    StatusResult,
)

__all__ = ["Presentation", "UnlockedWallet", "Wallet", "WalletSettings"]


class Wallet:
    """A wallet folder. Locked until :meth:`unlock` gets the right PIN; time from ``clock``.

    ``protection`` says, for the holder, how the data key is wrapped (after :meth:`init`,
    :meth:`unlock` and a PIN change): with a device secret from the keystore, or the PIN alone
    and why.
    """

    def __init__(
        self,
        settings: WalletSettings | None = None,
        *,
        clock: Clock | None = None,
        http: httpx.Client | None = None,
    ) -> None:
        self.settings = settings or WalletSettings()
        self.home = self.settings.home
        self.clock = clock or SystemClock()
        self.keystore = Keystore(enabled=self.settings.keystore)
        self.protection = ""
        self._owns_http = http is None
        self.http = http or httpx.Client(
            timeout=self.settings.http_timeout_seconds, follow_redirects=False
        )
        self.pin_policy = PinPolicy.from_settings(self.settings)
        self.home.mkdir(parents=True, exist_ok=True)
        os.chmod(self.home, 0o700)
        self.engine = make_engine(self.home / "wallet.db")
        migrate(self.engine)
        self.sessions = session_factory(self.engine)

    def close(self) -> None:
        """Release the database file (and the HTTP client the wallet made itself)."""
        self.engine.dispose()
        if self._owns_http:
            self.http.close()

    @property
    def initialised(self) -> bool:
        """Whether the vault exists."""
        with self.sessions() as session:
            return session.get(VaultRecord, 1) is not None

    def init(self, pin: str) -> None:
        """Create the vault: a random data key, wrapped under the PIN and the device secret."""
        self.pin_policy.check(pin)
        with self.sessions.begin() as session:
            if session.get(VaultRecord, 1) is not None:
                raise AlreadyInitialised("this wallet already exists")
            vault = VaultRecord(id=1, failed_attempts=0, locked_until=0.0)
            self.protection = wrap_vault(vault, os.urandom(32), pin, self.keystore)
            session.add(vault)

    def unlock(self, pin: str) -> UnlockedWallet:
        """Open the wallet; wrong PINs beyond the free ones are slowed down, persistently.

        An older wrapping (the PIN alone at the older scrypt, or without the device secret a
        keystore now allows) is re-wrapped the strongest way in the same write.
        """
        failure: WrongPin | None = None
        with self.sessions.begin() as session:
            vault = session.get(VaultRecord, 1)
            if vault is None:
                raise NotInitialised("no wallet here yet: run posvid-wallet init")
            now = self.clock.now()
            if vault.locked_until > now:
                raise LockedOut(int(vault.locked_until - now) + 1)
            try:
                data_key = open_vault(vault, pin, self.keystore)
            except WrongPin:
                vault.failed_attempts += 1
                failed = vault.failed_attempts
                wait = self.pin_policy.wait_after(failed)
                if wait:
                    vault.locked_until = float(now + wait)
                free_left = max(0, self.pin_policy.free_attempts - failed)
                next_wait = self.pin_policy.wait_after(failed + 1)
                failure = WrongPin(failed, free_left, wait, next_wait)
            else:
                vault.failed_attempts = 0
                vault.locked_until = 0.0
                self.protection = self._rewrap(vault, data_key, pin)
        if failure is not None:
            raise failure
        store = OpenStore(self.sessions, Sealer(data_key), self.clock, self.settings, self.http)
        return UnlockedWallet(self, store, data_key)

    def _rewrap(self, vault: VaultRecord, data_key: bytes, pin: str) -> str:
        """Bring an older wrapping up to date; how the data key is wrapped now."""
        if vault.device_secret is not None:
            return f"PIN and a device secret in {self.keystore.describe()}"
        if outdated(vault, self.keystore):
            return wrap_vault(vault, data_key, pin, self.keystore, upgrade=True)
        return "PIN only (this computer has no keystore)"


class UnlockedWallet:
    """The wallet with its data key in memory: receive, read, present, keep."""

    def __init__(self, wallet: Wallet, store: OpenStore, data_key: bytes) -> None:
        self.wallet = wallet
        self.store = store
        self._data_key = data_key

    def change_pin(self, new_pin: str) -> None:
        """Re-wrap the data key under a new PIN (and a new device secret): one write."""
        self.wallet.pin_policy.check(new_pin)
        keystore = self.wallet.keystore
        with self.store.sessions.begin() as session:
            vault = session.get(VaultRecord, 1)
            if vault is None:
                raise NotInitialised("the wallet's vault is gone")
            old = vault.device_secret
            self.wallet.protection = wrap_vault(vault, self._data_key, new_pin, keystore)
        if old is not None:
            keystore.delete(old)

    def accept(
        self, offer: str, tx_code: str | None = None, *, batch: int | None = None
    ) -> CardSummary:
        """Collect an offer's credentials (a link, or a picture of its QR), all or none."""
        batch = batch or self.store.settings.batch_size
        return self.card_summary(receiving.accept(self.store, offer, tx_code, batch))

    def card_summary(self, card_id: str) -> CardSummary:
        """What ``list`` shows for one document."""
        return reading.card_summary(self.store, card_id)

    def cards(self) -> list[CardSummary]:
        """Every document, oldest first."""
        return reading.cards(self.store)

    def show(self, card_id: str, lang: str = "uk") -> CardDetails:
        """The document's claims with their labels in ``lang``."""
        return reading.show(self.store, card_id, lang)

    def history(self) -> list[HistoryItem]:
        """Every presentation, newest first."""
        return reading.history(self.store)

    def shown_for(self, item: HistoryItem) -> str:
        """What a showing of the history was for (see :func:`presenting.shown_for`)."""
        return presenting.shown_for(self.store, item)

    def present(self, card_id: str, **options: Unpack[PresentOptions]) -> Presentation:
        """Present what is asked with the best credential (see :func:`presenting.present_card`)."""
        return presenting.present_card(self.store, card_id, **options)

    def preview(self, card_id: str, preset: str) -> presenting.Preview:
        """What ``preset`` would show of the document, and any predicate the holder does not
        meet; nothing is signed or recorded (the page's consent step)."""
        presenting.refuse_unusable(self.store, card_id)
        return presenting.preview(self.store, card_id, preset)

    def status(self, timeout: float | None = None) -> list[StatusResult]:
        """Check every document against its issuer's status lists (online); ``timeout`` bounds
        each fetch."""
        return keeping.status(self.store, timeout)

    def remove(self, card_id: str) -> str:
        """Remove a document and its credentials; its history entries stay. The removed id."""
        return keeping.remove(self.store, card_id)

    def export_backup(self, path: Path, passphrase: str) -> int:
        """Write every document, key and history entry, encrypted under ``passphrase``."""
        return keeping.export_backup(self.store, path, passphrase)

    def import_backup(self, path: Path, passphrase: str) -> int:
        """Restore a backup into this wallet, all of it or nothing."""
        return keeping.import_backup(self.store, path, passphrase)
