"""The wallet's settings: ``POSVID_WALLET_*`` environment variables or arguments.

The PIN, a new PIN and the backup passphrase (``POSVID_WALLET_PIN``, ``POSVID_WALLET_NEW_PIN``,
``POSVID_WALLET_BACKUP_PASSPHRASE``) are answers the command line reads, not settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from crypto.defaults import KB_MAX_AGE
from posvid.common.settings import read_settings

from .errors import SettingsInvalid, WalletError


class WalletSettings(BaseSettings):
    """Defaults run the wallet with nothing set: its folder under ``~/.posvid``."""

    model_config = SettingsConfigDict(env_prefix="POSVID_WALLET_", extra="ignore")

    #: the wallet's folder (its SQLite file)
    home: Path = Path.home() / ".posvid" / "wallet"
    #: the web page's port (on 127.0.0.1 only)
    port: int = 8002
    #: seconds a shown QR code stays valid (what verifiers accept by default)
    qr_lifetime_seconds: int = KB_MAX_AGE
    #: wrong PINs in a row before the slow-down starts
    free_pin_attempts: int = 3
    #: the longest wait the slow-down imposes (it doubles from 2 s up to this)
    max_pin_wait_seconds: int = 3600
    #: the shortest PIN a new wallet or a PIN change accepts (never under 6; older wallets with a
    #: shorter PIN still unlock)
    min_pin_chars: int = Field(default=6, ge=6)
    #: keep a device secret in the operating system's keystore when there is one (false: PIN only)
    keystore: bool = True
    #: the ``Host`` names the web page answers for (``name`` or ``name:port``); none: the loopback
    #: names (127.0.0.1, localhost, [::1]) at the port it listens on
    allowed_hosts: list[str] = []
    #: largest request body the web page reads (a photo of an offer's QR code)
    max_body_bytes: int = 20 * 1024 * 1024
    #: idle seconds after which the web page locks again
    page_idle_seconds: int = 600
    #: credentials asked for per configuration when accepting an offer
    batch_size: int = 5
    #: seconds to wait for an issuer
    http_timeout_seconds: float = 20


def load_settings(**values: Any) -> WalletSettings:
    """Settings from ``values`` over the environment; a wrong value is :class:`SettingsInvalid`."""
    return read_settings(WalletSettings, SettingsInvalid, **values)


@dataclass(frozen=True)
class PinPolicy:
    """How PINs are judged: their length, and the persistent slow-down after wrong ones."""

    min_chars: int
    free_attempts: int
    max_wait: int

    @classmethod
    def from_settings(cls, settings: WalletSettings) -> PinPolicy:
        """The policy of these settings."""
        return cls(
            settings.min_pin_chars, settings.free_pin_attempts, settings.max_pin_wait_seconds
        )

    def check(self, pin: object) -> None:
        """Refuse a PIN too short to become the wallet's PIN."""
        if not isinstance(pin, str) or len(pin) < self.min_chars:
            raise WalletError(f"the PIN needs at least {self.min_chars} characters", field="pin")

    def wait_after(self, failed_attempts: int) -> int:
        """Seconds to refuse further tries after this many wrong PINs in a row (0: none)."""
        over = failed_attempts - self.free_attempts
        return min(2**over, self.max_wait) if over > 0 else 0
