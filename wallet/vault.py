"""Encryption at rest: a random data key, wrapped by a key derived from the PIN and the device.

Every record is sealed with AES-256-GCM under the data key, with the record's kind
and id as associated data (a sealed value cannot be moved to another row). The
data key is wrapped with a key derived from the PIN by scrypt and, when the computer has a
keystore, mixed (HMAC-SHA256) with a device secret kept there (:mod:`wallet.device`): a copy of
the wallet file alone cannot be opened by guessing the PIN. Without a keystore the PIN alone
wraps it, with a stronger scrypt (:data:`PIN_ONLY_N`). Changing the PIN re-wraps the data key in
one write, so nothing is lost half-way; so does the first unlock of an older wallet
(:func:`outdated`).
"""

from __future__ import annotations

import hmac
import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .device import Keystore
from .errors import DeviceSecretMissing, KeystoreUnavailable, WalletError, WrongPin
from .storage.models import VaultRecord

_WRAP_AAD = b"posvid-wallet data key v1"
#: scrypt's n with a device secret (the secret, not the cost, stops an offline search): 32 MiB
WITH_DEVICE_N = 2**15
#: scrypt's n for the PIN alone: 128 MiB, four times the work of a guess (docs/wallet.md)
PIN_ONLY_N = 2**17


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost: n=2^15, r=8, p=1 takes ~0.1 s and 32 MiB here, by design slow to guess."""

    salt: bytes
    n: int = 2**15
    r: int = 8
    p: int = 1

    def derive(self, secret: str, device: bytes | None = None) -> bytes:
        """The key of ``secret``; with a ``device`` secret, both are needed."""
        key = Scrypt(salt=self.salt, length=32, n=self.n, r=self.r, p=self.p).derive(
            secret.encode()
        )
        return hmac.digest(device, key, "sha256") if device else key


def wrap_key(data_key: bytes, secret: str, params: KdfParams, device: bytes | None = None) -> bytes:
    """The data key sealed under the secret (PIN or backup passphrase) and the device secret."""
    nonce = os.urandom(12)
    return nonce + AESGCM(params.derive(secret, device)).encrypt(nonce, data_key, _WRAP_AAD)


def unwrap_key(
    wrapped: bytes, secret: str, params: KdfParams, device: bytes | None = None
) -> bytes:
    """The data key, or :class:`WrongPin` when the secret does not open it."""
    try:
        key = params.derive(secret, device)
        return AESGCM(key).decrypt(wrapped[:12], wrapped[12:], _WRAP_AAD)
    except InvalidTag:
        raise WrongPin() from None


def open_vault(vault: VaultRecord, pin: str, keystore: Keystore) -> bytes:
    """The data key: :class:`DeviceSecretMissing` (not a wrong PIN) without the device secret."""
    device = None
    if vault.device_secret is not None:
        device = keystore.read(vault.device_secret)
        if device is None:
            raise DeviceSecretMissing(
                "this wallet needs its device secret, which this computer's keystore does not "
                "hold (a copied wallet file opens only where it was made): restore a backup"
            )
    return unwrap_key(vault.wrapped_key, pin, KdfParams(vault.salt, vault.kdf_n), device)


def outdated(vault: VaultRecord, keystore: Keystore) -> bool:
    """Whether the wrapping is weaker than this computer allows (PIN only, or the older scrypt)."""
    return vault.device_secret is None and (keystore.available or vault.kdf_n < PIN_ONLY_N)


def wrap_vault(
    vault: VaultRecord, data_key: bytes, pin: str, keystore: Keystore, *, upgrade: bool = False
) -> str:
    """Wrap the data key the strongest way this computer allows; how, in words for the holder.

    With a keystore: the PIN and a new device secret. Without one, or when it refuses: the PIN
    alone at :data:`PIN_ONLY_N`. An ``upgrade`` leaves a wrapping alone that would not gain.
    """
    try:
        name, device = keystore.create()
    except KeystoreUnavailable as exc:
        name, device, how = None, None, f"PIN only ({exc.message})"
        if upgrade and vault.kdf_n >= PIN_ONLY_N:
            return how
    else:
        how = f"PIN and a device secret in {keystore.describe()}"
    params = KdfParams(os.urandom(16), WITH_DEVICE_N if device else PIN_ONLY_N)
    vault.salt, vault.kdf_n, vault.device_secret = params.salt, params.n, name
    vault.wrapped_key = wrap_key(data_key, pin, params, device)
    return how


class Sealer:
    """Seals and opens records with the (unlocked) data key."""

    def __init__(self, data_key: bytes) -> None:
        self._aead = AESGCM(data_key)

    def seal(self, kind: str, record_id: str, value: Any) -> bytes:
        nonce = os.urandom(12)
        plain = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
        return nonce + self._aead.encrypt(nonce, plain, f"{kind}:{record_id}".encode())

    def open(self, kind: str, record_id: str, blob: bytes) -> Any:
        try:
            plain = self._aead.decrypt(blob[:12], blob[12:], f"{kind}:{record_id}".encode())
        except InvalidTag:
            raise WalletError(f"a stored {kind} is damaged or was tampered with") from None
        return json.loads(plain)
