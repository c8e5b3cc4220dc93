"""Encryption at rest: a random data key, wrapped by a key derived from the PIN.

Every record is sealed with AES-256-GCM under the data key, with the record's kind
and id as associated data (a sealed value cannot be moved to another row). The
data key is wrapped with a key derived from the PIN by scrypt; changing the PIN
re-wraps the data key in one write, so nothing is lost half-way.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import WalletError, WrongPin

_WRAP_AAD = b"posvid-wallet data key v1"


@dataclass(frozen=True)
class KdfParams:
    """scrypt cost: n=2^15, r=8, p=1 takes ~0.1 s and 32 MiB here, by design slow to guess."""

    salt: bytes
    n: int = 2**15
    r: int = 8
    p: int = 1

    def derive(self, secret: str) -> bytes:
        return Scrypt(salt=self.salt, length=32, n=self.n, r=self.r, p=self.p).derive(
            secret.encode()
        )


def wrap_key(data_key: bytes, secret: str, params: KdfParams) -> bytes:
    """The data key sealed under the secret (PIN or backup passphrase)."""
    nonce = os.urandom(12)
    return nonce + AESGCM(params.derive(secret)).encrypt(nonce, data_key, _WRAP_AAD)


def unwrap_key(wrapped: bytes, secret: str, params: KdfParams) -> bytes:
    """The data key, or :class:`WrongPin` when the secret does not open it."""
    try:
        return AESGCM(params.derive(secret)).decrypt(wrapped[:12], wrapped[12:], _WRAP_AAD)
    except InvalidTag:
        raise WrongPin("wrong PIN") from None


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
