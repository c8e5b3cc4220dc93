"""Encrypted backup files: a passphrase-wrapped copy of every document, key and history entry.

    POSVID-WALLET-BACKUP 1\\n
    {"kdf": "scrypt", "salt", "n", "r", "p", "nonce", "ciphertext"}   (base64url values)

The ciphertext is AES-256-GCM of the zlib-compressed JSON, under a key derived from
the passphrase by scrypt. A wrong passphrase and a damaged ciphertext look the same
to AES-GCM, and the holder is told so. :func:`read` is the one place a backup's JSON is
read: it gives a typed :class:`WalletCopy` or a :class:`~wallet.errors.BackupError`.
"""

from __future__ import annotations

import json
import os
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from crypto.b64 import b64url_encode

from . import records
from .errors import BackupError, WalletError, WrongPassphrase
from .records import KeptCard, KeptCredential, KeptEntry
from .shapes import Fields
from .vault import KdfParams

MAGIC = b"POSVID-WALLET-BACKUP 1\n"
MAX_FILE = 64 * 1024 * 1024
MAX_PLAIN = 256 * 1024 * 1024
#: the bounds of a backup's scrypt settings, checked before scrypt runs
MIN_N, MAX_N, MAX_R, MAX_P = 2**14, 2**20, 16, 4
MAX_KDF_MEMORY = 256 * 1024 * 1024
MIN_SALT, MAX_SALT, NONCE_BYTES = 16, 64, 12
_AAD = b"posvid-wallet backup v1"


def _damaged(key: str) -> BackupError:
    return BackupError("the backup file is damaged", field=key or None)


@dataclass(frozen=True)
class WalletCopy:
    """Everything a backup holds."""

    cards: tuple[KeptCard, ...]
    credentials: tuple[KeptCredential, ...]
    history: tuple[KeptEntry, ...]

    def to_json(self) -> dict[str, Any]:
        """The JSON the backup encrypts (its format since version 1)."""
        return {
            "cards": [
                {
                    "id": c.id,
                    "issuer": c.issuer,
                    "doc_type": c.doc_type,
                    "created_at": c.created_at.isoformat(),
                    "content": c.content.to_json(),
                }
                for c in self.cards
            ],
            "credentials": [
                {
                    "id": r.id,
                    "card_id": r.card_id,
                    "vct": r.vct,
                    "config_id": r.config_id,
                    "disclosable": r.disclosable,
                    "expires_at": r.expires_at,
                    "used_at": r.used_at.isoformat() if r.used_at else None,
                    "secret": r.secret.to_json(),
                }
                for r in self.credentials
            ],
            "history": [
                {"id": h.id, "at": h.at.isoformat(), "entry": h.entry.to_json()}
                for h in self.history
            ],
        }

    @classmethod
    def parse(cls, data: object) -> WalletCopy:
        """Read the decrypted JSON of a backup."""
        top = Fields(data, lambda _key: BackupError("the backup does not hold a wallet"))
        lists = [top.get(key, list) for key in ("cards", "credentials", "history")]
        try:
            return cls(
                tuple(_card(Fields(c, _damaged)) for c in lists[0]),
                tuple(_credential(Fields(r, _damaged)) for r in lists[1]),
                tuple(_entry(Fields(h, _damaged)) for h in lists[2]),
            )
        except BackupError:
            raise
        except WalletError:  # a sealed value's shape (records.py) is wrong
            raise BackupError("the backup file is damaged") from None


def _card(f: Fields) -> KeptCard:
    content = records.CardContent.parse(f.value.get("content"))
    return KeptCard(
        f.text("id"), f.text("issuer"), f.text("doc_type"), f.time("created_at"), content
    )


def _credential(f: Fields) -> KeptCredential:
    return KeptCredential(
        id=f.text("id"),
        card_id=f.text("card_id"),
        vct=f.text("vct"),
        config_id=f.text("config_id"),
        disclosable=f.get("disclosable", int),
        expires_at=f.get("expires_at", int),
        used_at=f.optional_time("used_at"),
        secret=records.CredentialSecret.parse(f.value.get("secret")),
    )


def _entry(f: Fields) -> KeptEntry:
    return KeptEntry(f.text("id"), f.time("at"), records.HistoryRecord.parse(f.value.get("entry")))


def write(path: Path, copy: WalletCopy, passphrase: str) -> None:
    """Encrypt and write atomically (a temporary file, then a rename)."""
    if len(passphrase) < 8:
        raise BackupError("the backup passphrase needs at least 8 characters")
    params = KdfParams(os.urandom(16))
    nonce = os.urandom(12)
    plain = zlib.compress(json.dumps(copy.to_json(), ensure_ascii=False).encode(), 9)
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


def read(path: Path, passphrase: str) -> WalletCopy:
    """Decrypt a backup; a clear error for every way it can be wrong."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read the backup: {exc.strerror}") from None
    if len(raw) > MAX_FILE or not raw.startswith(MAGIC):
        raise BackupError("this is not a Posvid wallet backup (or it is damaged)")
    envelope = Fields(_json(raw[len(MAGIC) :]), _damaged)
    params, nonce = _kdf_params(envelope), envelope.base64("nonce")
    if len(nonce) != NONCE_BYTES:
        raise BackupError(f"the backup's nonce is not {NONCE_BYTES} bytes", field="nonce")
    ciphertext = envelope.base64("ciphertext")
    try:
        compressed = AESGCM(params.derive(passphrase)).decrypt(nonce, ciphertext, _AAD)
    except InvalidTag:
        raise WrongPassphrase("wrong passphrase, or the backup file was damaged") from None
    inflater = zlib.decompressobj()
    plain = inflater.decompress(compressed, MAX_PLAIN)
    if inflater.unconsumed_tail:
        raise BackupError("the backup is too large")
    return WalletCopy.parse(_json(plain))


def _kdf_params(envelope: Fields) -> KdfParams:
    """The backup's scrypt settings, each checked before scrypt runs (memory and time bounded)."""
    if envelope.value.get("kdf") != "scrypt":
        raise BackupError("the backup uses a key derivation this wallet does not know", field="kdf")
    salt = envelope.base64("salt")
    if not MIN_SALT <= len(salt) <= MAX_SALT:
        raise BackupError(f"the backup's salt is not {MIN_SALT} to {MAX_SALT} bytes", field="salt")
    n, r, p = (_number(envelope, key) for key in ("n", "r", "p"))
    if not MIN_N <= n <= MAX_N or n & (n - 1):
        raise BackupError("the backup's scrypt n is not a power of two in 2^14..2^20", field="n")
    if not 1 <= r <= MAX_R:
        raise BackupError(f"the backup's scrypt r is not in 1..{MAX_R}", field="r")
    if not 1 <= p <= MAX_P:
        raise BackupError(f"the backup's scrypt p is not in 1..{MAX_P}", field="p")
    if 128 * n * r > MAX_KDF_MEMORY:
        raise BackupError(
            f"the backup's scrypt would need {128 * n * r >> 20} MiB; the limit is "
            f"{MAX_KDF_MEMORY >> 20} MiB",
            field="n",
        )
    return KdfParams(salt, n, r, p)


def _number(envelope: Fields, key: str) -> int:
    value = envelope.value.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise BackupError(f"the backup's scrypt {key} is not a whole number", field=key)
    return value


def _json(text: bytes) -> object:
    try:
        return json.loads(text)
    except ValueError:
        raise BackupError("the backup file is damaged") from None
