"""Signing keys: made and retired at the clock's time, wrapped with scrypt, old ones migrated."""

from __future__ import annotations

import json
from typing import NoReturn

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import select

from crypto import SigningKey, private_key_to_pem
from crypto.jws import parse_compact, sign_compact
from issuer import errors as e
from issuer.clock import aware, utc
from issuer.keyring import WRAPPED, unwrap_key, wrap_key, wrap_parameters
from issuer.settings import IssuerSettings
from issuer.storage.models import SigningKeyRecord
from tests.support.servers import PASSPHRASE

from .conftest import NOW


def test_key_creation_and_rotation_times_follow_the_clock(service, clock):
    service.keys.ensure()
    clock.advance(3 * 86400)
    service.keys.rotate()
    with service.sessions() as session:
        first, second = session.scalars(
            select(SigningKeyRecord).order_by(SigningKeyRecord.kid)
        ).all()
    assert aware(first.created_at) == utc(NOW)
    assert first.retired_at is not None
    assert aware(first.retired_at) == utc(NOW + 3 * 86400)
    assert aware(second.created_at) == utc(NOW + 3 * 86400)
    assert second.retired_at is None


def test_keys_are_wrapped_with_scrypt_at_the_measured_cost(tmp_path):
    """n = 2**17, r = 8: 0.44 s a guess on the reference machine (never timed here)."""
    settings = IssuerSettings(home=tmp_path, key_passphrase=PASSPHRASE)
    assert settings.key_kdf_log2_n == 17
    blob = wrap_key(SigningKey.generate(kid="1"), PASSPHRASE.encode(), settings.key_kdf_log2_n)
    assert wrap_parameters(blob) == {"kdf": "scrypt", "n": 2**17, "r": 8, "p": 1}
    assert PASSPHRASE.encode() not in blob
    key = unwrap_key(blob, PASSPHRASE.encode(), "1", "ES256")
    assert key.kid == "1"
    with pytest.raises(e.KeyStoreError, match="PASSPHRASE"):
        unwrap_key(blob, b"wrong passphrase", "1", "ES256")
    with pytest.raises(e.KeyStoreError):  # the kid is authenticated: no swapping records
        unwrap_key(blob, PASSPHRASE.encode(), "2", "ES256")


def test_a_damaged_wrapping_is_refused_before_any_work(tmp_path):
    blob = wrap_key(SigningKey.generate(kid="1"), PASSPHRASE.encode(), 10)
    body = json.loads(blob[len(WRAPPED) :])
    for damage in ({"n": 2**30}, {"n": 3}, {"r": 64}, {"kdf": "none"}, {"salt": 5}):
        with pytest.raises(e.KeyStoreError, match="damaged"):
            unwrap_key(WRAPPED + json.dumps({**body, **damage}).encode(), b"x" * 8, "1", "ES256")


def store_old_key(service, kid: str, *, retired: bool = False) -> SigningKey:
    """A key stored as before scrypt: PKCS#8 PEM under PBKDF2 at 2,048 iterations."""
    old = SigningKey.generate(kid=kid)
    with service.sessions.begin() as session:
        session.add(
            SigningKeyRecord(
                kid=kid,
                alg="ES256",
                public_jwk=old.public_jwk(),
                encrypted_pem=private_key_to_pem(old.private_key, PASSPHRASE.encode()),
                created_at=utc(NOW),
                retired_at=utc(NOW) if retired else None,
            )
        )
    return old


def test_an_old_pbkdf2_key_still_loads_and_is_wrapped_anew(service):
    old = store_old_key(service, "1")
    key = service.keys.ensure()
    assert key.public_jwk() == old.public_jwk()
    with service.sessions() as session:
        stored = session.get(SigningKeyRecord, "1")
    assert stored is not None
    assert wrap_parameters(stored.encrypted_pem)["kdf"] == "scrypt"


def test_rewrap_moves_every_old_key_to_scrypt(service):
    service.keys.ensure()
    store_old_key(service, "9", retired=True)
    assert service.keys.rewrap() == ["9"]
    assert service.keys.rewrap() == []


class DeviceKey(ec.EllipticCurvePrivateKey):
    """A P-256 key as an HSM or KMS would offer it: it signs and tells its public key, only."""

    def __init__(self) -> None:
        self._inside = ec.generate_private_key(ec.SECP256R1())  # stands for the device

    curve = property(lambda self: ec.SECP256R1())
    key_size = property(lambda self: 256)

    def public_key(self) -> ec.EllipticCurvePublicKey:
        return self._inside.public_key()

    def sign(self, data: bytes, signature_algorithm: ec.EllipticCurveSignatureAlgorithm) -> bytes:
        return self._inside.sign(data, signature_algorithm)  # PKCS#11: C_Sign, CKM_ECDSA

    def never(self, *args: object) -> NoReturn:
        raise AssertionError("a device key never leaves the device")

    exchange = private_numbers = private_bytes = __copy__ = __deepcopy__ = never


def test_a_device_key_plugs_into_the_signing_key_seam():
    """docs/issuer.md, "HSM or KMS": the JWS code needs only ``sign`` and ``public_key``."""
    device = DeviceKey()
    key = SigningKey.from_private_key(device, kid="hsm-1")
    assert key.alg == "ES256"
    token = sign_compact({"iss": "https://issuer.example"}, key, typ="dc+sd-jwt")
    parse_compact(token).verify_with(device.public_key())
