"""Encrypted backup files: a passphrase-wrapped copy of every document, key and history entry.

    POSVID-WALLET-BACKUP 1\\n
    {"kdf": "scrypt", "salt", "n", "r", "p", "nonce", "ciphertext"}   (base64url values)

The ciphertext is AES-256-GCM of the zlib-compressed JSON, under a key derived from
the passphrase by scrypt. A wrong passphrase and a damaged ciphertext look the same
to AES-GCM, and the holder is told so.
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.b64 import b64url_decode, b64url_encode
from crypto.errors import CryptoError

from .errors import BackupError, WrongPassphrase
from .vault import KdfParams

MAGIC = b"POSVID-WALLET-BACKUP 1\n"
MAX_FILE = 64 * 1024 * 1024
MAX_PLAIN = 256 * 1024 * 1024
_AAD = b"posvid-wallet backup v1"


def write(path: Path, data: dict[str, Any], passphrase: str) -> None:
    """Encrypt and write atomically (a temporary file, then a rename)."""
    if len(passphrase) < 8:
        raise BackupError("the backup passphrase needs at least 8 characters")
    params = KdfParams(os.urandom(16))
    nonce = os.urandom(12)
    plain = zlib.compress(json.dumps(data, ensure_ascii=False).encode(), 9)
    ciphertext = AESGCM(params.derive(passphrase)).encrypt(nonce, plain, _AAD)
    envelope = {
        "kdf": "scrypt",
        "salt": b64url_encode(params.salt),
        "n": params.n,
        "r": params.r,
        "p": params.p,
        "nonce": b64url_encode(nonce),
        "ciphertext": b64url_encode(ciphertext),
    }
    temporary = path.with_name(path.name + ".partial")
    temporary.write_bytes(MAGIC + json.dumps(envelope).encode())
    os.replace(temporary, path)


def read(path: Path, passphrase: str) -> dict[str, Any]:
    """Decrypt a backup; a clear error for every way it can be wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read the backup: {exc.strerror}") from None
    if len(raw) > MAX_FILE or not raw.startswith(MAGIC):
        raise BackupError("this is not a Posvid wallet backup (or it is damaged)")
    try:
        envelope = json.loads(raw[len(MAGIC) :])
        params = KdfParams(
            b64url_decode(envelope["salt"]),
            int(envelope["n"]),
            int(envelope["r"]),
            int(envelope["p"]),
        )
        nonce = b64url_decode(envelope["nonce"])
        ciphertext = b64url_decode(envelope["ciphertext"])
    except (ValueError, KeyError, TypeError, CryptoError):
        raise BackupError("the backup file is damaged") from None
    if (
        envelope.get("kdf") != "scrypt"
        or not 2**14 <= params.n <= 2**20
        or params.r > 16
        or params.p > 4
    ):
        raise BackupError("the backup uses key-derivation settings this wallet refuses")
    try:
        compressed = AESGCM(params.derive(passphrase)).decrypt(nonce, ciphertext, _AAD)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase, or the backup file was damaged") from None
    inflater = zlib.decompressobj()
    plain = inflater.decompress(compressed, MAX_PLAIN)
    if inflater.unconsumed_tail:
        raise BackupError("the backup is too large")
    data = json.loads(plain)
    if not isinstance(data, dict) or not {"cards", "credentials", "history"} <= set(data):
        raise BackupError("the backup does not hold a wallet")
    return data
