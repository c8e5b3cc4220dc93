"""The device secret: 32 random bytes kept in the operating system's keystore, not in the wallet.

Through the ``keyring`` library (Secret Service, macOS Keychain, Windows Credential Locker). A
computer without one (headless CI, a server) gives ``keyring``'s fail or null backend: then
:attr:`Keystore.available` is false and the wallet falls back to the PIN alone (``vault.py``).
``keyring``'s errors stop here: creating a secret the keystore refuses is
:class:`~wallet.errors.KeystoreUnavailable`, reading one it cannot give is ``None``.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import os
import secrets

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError

from .errors import KeystoreUnavailable

#: the keystore's service name of every wallet's device secret
SERVICE = "posvid-wallet"


class Keystore:
    """The operating system's keystore as ``keyring`` finds it; ``enabled=False``: none."""

    def __init__(self, *, enabled: bool = True) -> None:
        self.enabled = enabled

    def backend(self) -> KeyringBackend | None:
        """The keystore in use, or ``None`` when there is none (fail or null backend)."""
        if not self.enabled:
            return None
        backend = keyring.get_keyring()
        if isinstance(backend, fail.Keyring | null.Keyring):
            return None
        if isinstance(backend, chainer.ChainerBackend) and not backend.backends:
            return None
        return backend

    @property
    def available(self) -> bool:
        """Whether a device secret can be kept here."""
        return self.backend() is not None

    def describe(self) -> str:
        """The keystore's name, for the holder."""
        backend = self.backend()
        return type(backend).__module__ + "." + type(backend).__name__ if backend else "none"

    def create(self) -> tuple[str, bytes]:
        """A new device secret, kept in the keystore: its entry name and its bytes."""
        backend = self.backend()
        if backend is None:
            raise KeystoreUnavailable("this computer has no keystore")
        name = "wallet-" + secrets.token_hex(8)
        secret = os.urandom(32)
        try:
            backend.set_password(SERVICE, name, base64.b64encode(secret).decode())
        except KeyringError as exc:
            raise KeystoreUnavailable(f"the keystore refused the device secret: {exc}") from None
        return name, secret

    def read(self, name: str) -> bytes | None:
        """The device secret kept under ``name``, or ``None`` when the keystore lacks it."""
        backend = self.backend()
        if backend is None:
            return None
        try:
            value = backend.get_password(SERVICE, name)
            return base64.b64decode(value, validate=True) if value else None
        except (KeyringError, binascii.Error):
            return None

    def delete(self, name: str) -> None:
        """Forget a device secret no wrapping uses any more (best effort)."""
        backend = self.backend()
        if backend is not None:
            with contextlib.suppress(KeyringError):
                backend.delete_password(SERVICE, name)
