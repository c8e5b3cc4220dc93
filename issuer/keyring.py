"""The issuer's signing keys: generated on first run, encrypted at rest, rotated on demand.

Keys get short ``kid``s ("1", "2", ...): every byte counts in a QR code. A new key
signs from the moment it is made; retired keys stay published until the last
credential they signed has expired.

At rest a key is wrapped (:func:`wrap_key`): its PKCS#8 DER sealed with AES-256-GCM under a key
derived from the passphrase with scrypt (n = 2**17, r = 8, p = 1 by default: 0.44 s and 128 MiB
a guess on the reference machine), the ``kid`` and algorithm as associated data. Keys wrapped
the old way (PKCS#8 PEM, PBKDF2 at 2,048 iterations) still load, and are wrapped anew when
unlocked (:meth:`KeyRing.ensure`) or by ``posvid-issuer keys rewrap`` (:meth:`KeyRing.rewrap`).
With a PKCS#11 token configured (:mod:`issuer.hsm`), new keys are made on the token and a record
holds only the key's label there.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import threading
from typing import Any, Final

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from crypto import (
    Clock,
    Jwks,
    SigningKey,
    generate_private_key,
    load_private_key_pem,
)
from crypto.errors import InvalidKey

from .clock import utc
from .errors import KeyStoreError
from .hsm import DEVICE, Pkcs11Device
from .storage.models import IssuedCredential, SigningKeyRecord

WRAPPED: Final = b"posvid-key-v2:"
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
#: the largest scrypt cost a stored key may ask for (2**20: 1 GiB): a damaged record is refused
MAX_LOG2_N: Final = 20
MIN_PASSPHRASE_BYTES: Final = 8


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: Any) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64url")
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _kek(passphrase: bytes, salt: bytes, n: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=SCRYPT_R, p=SCRYPT_P).derive(passphrase)


def wrap_key(key: SigningKey, passphrase: bytes, log2_n: int = 17) -> bytes:
    """``key`` sealed under ``passphrase`` (scrypt, AES-256-GCM; kid and alg authenticated)."""
    if len(passphrase) < MIN_PASSPHRASE_BYTES:
        raise KeyStoreError(f"the key passphrase must be at least {MIN_PASSPHRASE_BYTES} bytes")
    salt, nonce, n = os.urandom(16), os.urandom(12), 2**log2_n
    der = key.private_key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    sealed = AESGCM(_kek(passphrase, salt, n)).encrypt(nonce, der, f"{key.kid}|{key.alg}".encode())
    header = {"kdf": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P}
    body = {**header, "salt": _b64(salt), "nonce": _b64(nonce), "key": _b64(sealed)}
    return WRAPPED + json.dumps(body, separators=(",", ":")).encode()


def wrap_parameters(blob: bytes) -> dict[str, Any]:
    """The KDF parameters of a wrapped key (``{}`` for an old PBKDF2 PEM)."""
    if not blob.startswith(WRAPPED):
        return {}
    body = json.loads(blob[len(WRAPPED) :])
    return {k: body[k] for k in ("kdf", "n", "r", "p")}


def unwrap_key(blob: bytes, passphrase: bytes, kid: str, alg: str) -> SigningKey:
    """The key of a stored record: wrapped by :func:`wrap_key`, or an old encrypted PEM."""
    wrong = KeyStoreError("cannot decrypt the signing key: is POSVID_ISSUER_KEY_PASSPHRASE right?")
    if not blob.startswith(WRAPPED):
        try:
            return SigningKey.from_private_key(load_private_key_pem(blob, passphrase), kid=kid)
        except InvalidKey:
            raise wrong from None
    try:
        body = json.loads(blob[len(WRAPPED) :])
        n = body["n"]
        if not (
            body["kdf"] == "scrypt"
            and isinstance(n, int)
            and 2 <= n <= 2**MAX_LOG2_N
            and n & (n - 1) == 0
            and (body["r"], body["p"]) == (SCRYPT_R, SCRYPT_P)
        ):
            raise ValueError("unsupported key wrapping")
        salt, nonce, sealed = _unb64(body["salt"]), _unb64(body["nonce"]), _unb64(body["key"])
        kek = _kek(passphrase, salt, n)
    except (ValueError, KeyError, TypeError):
        raise KeyStoreError(f"the stored signing key {kid} is damaged") from None
    try:
        der = AESGCM(kek).decrypt(nonce, sealed, f"{kid}|{alg}".encode())
    except (InvalidTag, ValueError):
        raise wrong from None
    key = serialization.load_der_private_key(der, password=None)
    return SigningKey.from_private_key(key, kid=kid)  # type: ignore[arg-type]


class KeyRing:
    """Loads and caches the decrypted signing key; answers which keys to publish.

    Creation and retirement times come from ``clock``, the issuer's one clock.
    """

    def __init__(
        self,
        sessions: sessionmaker[Session],
        passphrase: bytes,
        clock: Clock,
        alg: str = "ES256",
        *,
        wrap_log2_n: int = 17,
        device: Pkcs11Device | None = None,
    ) -> None:
        self._sessions = sessions
        self._passphrase = passphrase
        self._log2_n = wrap_log2_n
        self._device = device
        self._clock = clock
        self._alg = alg
        self._lock = threading.Lock()
        self._active: SigningKey | None = None
        #: how many keys this process made (the public documents' cache is dropped when it moves)
        self.changes = 0

    def _decrypt(self, record: SigningKeyRecord) -> SigningKey:
        """Unlock a record's key; one wrapped the old way (or cheaper) is wrapped anew."""
        if record.encrypted_pem.startswith(DEVICE):
            if self._device is None:
                raise KeyStoreError(f"key {record.kid} is on a PKCS#11 token: set PKCS11_MODULE")
            label = record.encrypted_pem[len(DEVICE) :].decode()
            return SigningKey.from_private_key(self._device.key(label), kid=record.kid)
        key = unwrap_key(record.encrypted_pem, self._passphrase, record.kid, record.alg)
        if wrap_parameters(record.encrypted_pem).get("n", 0) < 2**self._log2_n:
            record.encrypted_pem = wrap_key(key, self._passphrase, self._log2_n)
        return key

    def _create(self, session: Session, now: dt.datetime) -> SigningKey:
        kid = str((session.scalar(select(func.count()).select_from(SigningKeyRecord)) or 0) + 1)
        if self._device is not None:
            on_device = self._device.generate(kid)
            key = SigningKey.from_private_key(on_device, kid=kid)
            stored = DEVICE + on_device.label.encode()
        else:
            key = SigningKey.from_private_key(generate_private_key(self._alg), kid=kid)
            stored = wrap_key(key, self._passphrase, self._log2_n)
        record = SigningKeyRecord(
            kid=key.kid,
            alg=key.alg,
            public_jwk=key.public_jwk(),
            encrypted_pem=stored,
            created_at=now,
        )
        session.add(record)
        self.changes += 1
        return key

    def rewrap(self) -> list[str]:
        """Wrap every key anew that was wrapped the old way or cheaper; their ``kid``s."""
        with self._lock, self._sessions.begin() as session:
            done = []
            for record in session.scalars(select(SigningKeyRecord)):
                if record.encrypted_pem.startswith(DEVICE):
                    continue  # on the token: nothing to wrap
                before = record.encrypted_pem
                self._decrypt(record)
                if record.encrypted_pem != before:
                    done.append(record.kid)
            return done

    def ensure(self) -> SigningKey:
        """The active key, creating the first one when there is none."""
        with self._lock:
            if self._active is not None:
                return self._active
            with self._sessions.begin() as session:
                record = session.scalar(
                    select(SigningKeyRecord)
                    .where(SigningKeyRecord.retired_at.is_(None))
                    .order_by(SigningKeyRecord.created_at.desc())
                    .limit(1)
                )
                if record is None:
                    self._active = self._create(session, utc(self._clock.now()))
                else:
                    self._active = self._decrypt(record)
            return self._active

    def rotate(self) -> SigningKey:
        """Retire the active key and make a new one that signs from now on.

        The passphrase is checked against the active key first, so a wrong one can
        never leave keys encrypted under two different passphrases.
        """
        self.ensure()
        with self._lock, self._sessions.begin() as session:
            now = utc(self._clock.now())
            for record in session.scalars(
                select(SigningKeyRecord).where(SigningKeyRecord.retired_at.is_(None))
            ):
                record.retired_at = now
            self._active = self._create(session, now)
            return self._active

    def published(self, now: dt.datetime) -> Jwks:
        """The active key and every retired key that signed a credential not yet expired."""
        self.ensure()
        with self._sessions() as session:
            still_needed = select(IssuedCredential.signing_kid).where(
                IssuedCredential.expires_at > now
            )
            records = session.scalars(
                select(SigningKeyRecord)
                .where(
                    SigningKeyRecord.retired_at.is_(None) | SigningKeyRecord.kid.in_(still_needed)
                )
                .order_by(SigningKeyRecord.created_at)
            ).all()
            return Jwks.from_dict({"keys": [r.public_jwk for r in records]})

    def listing(self) -> list[dict[str, str | None]]:
        """Every key with its state, for ``posvid-issuer keys list``."""
        with self._sessions() as session:
            return [
                {
                    "kid": r.kid,
                    "alg": r.alg,
                    "created_at": r.created_at.isoformat(),
                    "retired_at": r.retired_at.isoformat() if r.retired_at else None,
                }
                for r in session.scalars(
                    select(SigningKeyRecord).order_by(SigningKeyRecord.created_at)
                )
            ]
