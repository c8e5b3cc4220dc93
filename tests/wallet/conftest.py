"""The wallet tests use the shared role fixtures (tests/support/roles.py) and, to exercise the
device secret, an in-memory keystore in place of the operating system's (``keystore``)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from crypto import FixedClock
from tests.support.roles import PIN
from wallet.service import UnlockedWallet, Wallet
from wallet.settings import WalletSettings

__all__ = ["PIN", "MemoryKeyring", "collected_on_a_clock", "csrf_token"]


def collected_on_a_clock(
    offer: Any, home: Path, batch: int
) -> tuple[FixedClock, UnlockedWallet, str]:
    """A wallet on a fixed clock (now), unlocked, that collected ``offer``: its document's id."""
    clock = FixedClock(int(time.time()))
    wallet = Wallet(WalletSettings(home=home), clock=clock)
    wallet.init(PIN)
    unlocked = wallet.unlock(PIN)
    return (
        clock,
        unlocked,
        unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=batch).id,
    )


def csrf_token(page: httpx.Client, path: str = "/") -> str:
    """The CSRF token of the page's forms (the client keeps the cookie that comes with it)."""
    found = re.search(r'name="csrf" value="([^"]+)"', page.get(path).text)
    assert found is not None
    return found.group(1)


class MemoryKeyring(KeyringBackend):
    """A keystore in a dict: what Secret Service, Keychain or Credential Locker would keep."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.values.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.values[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.values.pop((service, username), None) is None:
            raise PasswordDeleteError(username)


@pytest.fixture
def keystore() -> Iterator[MemoryKeyring]:
    """This computer's keystore, in memory, for the length of the test."""
    before = keyring.get_keyring()
    memory = MemoryKeyring()
    keyring.set_keyring(memory)
    yield memory
    keyring.set_keyring(before)
