"""Signing keys held by a PKCS#11 token (an HSM; SoftHSM v2 in the tests): they never leave it.

Set ``POSVID_ISSUER_PKCS11_MODULE`` (the module's ``.so``), ``..._PKCS11_TOKEN_LABEL`` and
``..._PKCS11_PIN``: the key ring then makes each new signing key on the token (P-256,
``C_GenerateKeyPair``, not extractable) and stores only its label. :class:`DeviceKey` is the
``crypto.SigningKey`` seam: a ``cryptography`` private key whose ``sign`` is ``C_Sign`` with
``CKM_ECDSA`` over the SHA-256 of the data, and which refuses to give out its private bytes.
Needs the ``hsm`` extra (``python-pkcs11``).
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from pathlib import Path
from typing import Any, Final, NoReturn

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from .errors import KeyStoreError

#: what a key record holds instead of a wrapped key: this prefix and the key's label on the token
DEVICE: Final = b"pkcs11:"
#: a PKCS#11 module is initialised, and each token logged in to, once per process
_OPEN: dict[object, Any] = {}
_LOCK = threading.Lock()  # one operation at a time on the process's sessions


class DeviceKey(ec.EllipticCurvePrivateKey):
    """A P-256 private key on a PKCS#11 token: it signs and tells its public key, nothing else."""

    def __init__(self, device: Pkcs11Device, label: str, public: ec.EllipticCurvePublicKey):
        self._device = device
        self.label = label
        self._public = public

    curve = property(lambda self: ec.SECP256R1())
    key_size = property(lambda self: 256)

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._public

    def sign(
        self,
        data: bytes | bytearray | memoryview,
        signature_algorithm: ec.EllipticCurveSignatureAlgorithm,
    ) -> bytes:
        if not isinstance(signature_algorithm.algorithm, hashes.SHA256):
            raise KeyStoreError("the device key signs ECDSA with SHA-256 only")
        raw = self._device.sign(self.label, hashlib.sha256(bytes(data)).digest())
        return encode_dss_signature(int.from_bytes(raw[:32]), int.from_bytes(raw[32:]))

    def _refuse(self, *args: object) -> NoReturn:
        raise KeyStoreError("a device key never leaves the device")

    exchange = private_numbers = private_bytes = __copy__ = __deepcopy__ = _refuse  # type: ignore[assignment]


class Pkcs11Device:
    """One logged-in session on a token; signing is serialised (one operation at a time)."""

    def __init__(self, module: Path, token_label: str, pin: str) -> None:
        try:
            import pkcs11

            opened = (str(module), token_label)  # one login per token and process
            if opened not in _OPEN:
                library = _OPEN.get(str(module)) or pkcs11.lib(str(module))
                _OPEN[str(module)] = library
                token = library.get_token(token_label=token_label)
                _OPEN[opened] = token.open(user_pin=pin, rw=True)
            self._session = _OPEN[opened]
        except ImportError:
            raise KeyStoreError(
                "install the hsm extra (python-pkcs11) for a PKCS#11 token"
            ) from None
        except Exception as exc:
            raise KeyStoreError(f"cannot open PKCS#11 token {token_label}: {exc!r}") from None
        self._pkcs11 = pkcs11
        self._lock = _LOCK

    def generate(self, kid: str) -> DeviceKey:
        """A new P-256 key pair on the token, its private half not extractable."""
        from pkcs11.util.ec import encode_named_curve_parameters

        p11 = self._pkcs11
        label = f"posvid-{kid}-{secrets.token_hex(4)}"
        with self._lock:
            parameters = self._session.create_domain_parameters(
                p11.KeyType.EC,
                {p11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
                local=True,
            )
            parameters.generate_keypair(
                store=True,
                label=label,
                private_template={p11.Attribute.EXTRACTABLE: False, p11.Attribute.SENSITIVE: True},
            )
        return self.key(label)

    def key(self, label: str) -> DeviceKey:
        """The token's key pair of ``label``."""
        p11 = self._pkcs11
        with self._lock:
            try:
                public = self._session.get_key(object_class=p11.ObjectClass.PUBLIC_KEY, label=label)
            except (p11.NoSuchKey, p11.MultipleObjectsReturned):
                raise KeyStoreError(f"the token has no single key {label}") from None
            point = bytes(public[p11.Attribute.EC_POINT])
        if len(point) == 67 and point[:2] == b"\x04\x41":  # a DER OCTET STRING around the point
            point = point[2:]
        try:
            key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
        except ValueError:
            raise KeyStoreError(f"the token's key {label} is not a P-256 key") from None
        return DeviceKey(self, label, key)

    def sign(self, label: str, digest: bytes) -> bytes:
        """``C_Sign`` with ``CKM_ECDSA``: the raw ``r‖s`` of a SHA-256 digest."""
        p11 = self._pkcs11
        with self._lock:
            private: Any = self._session.get_key(
                object_class=p11.ObjectClass.PRIVATE_KEY, label=label
            )
            return bytes(private.sign(digest, mechanism=p11.Mechanism.ECDSA))
