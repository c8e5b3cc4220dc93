"""Signing keys on a PKCS#11 token (SoftHSM v2): made there, used there, never stored."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from crypto import SigningKey
from crypto.jws import parse_compact
from issuer import errors as e
from issuer.hsm import DEVICE, DeviceKey
from issuer.oid4vci import OpenId4Vci
from issuer.service import IssuerService
from issuer.storage.models import SigningKeyRecord
from tests.support.mini_wallet import redeem, request
from tests.support.servers import make_settings

from .conftest import ID_CARD, PERSON

MODULES = [
    Path("/usr/lib/softhsm/libsofthsm2.so"),
    Path("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
]
MODULE = next((m for m in MODULES if m.exists()), None)
pytest.importorskip("pkcs11")
pytestmark = pytest.mark.skipif(
    MODULE is None or shutil.which("softhsm2-util") is None, reason="SoftHSM v2 is not installed"
)
PIN = "246810"
INIT_TOKEN = ("softhsm2-util", "--init-token", "--free", "--label", "posvid-test")


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """One SoftHSM token for the module (the PKCS#11 module reads its configuration once)."""
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\n")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    subprocess.run(
        [*INIT_TOKEN, "--pin", PIN, "--so-pin", "13579111"],
        check=True,
        capture_output=True,
    )
    yield {"pkcs11_module": MODULE, "pkcs11_token_label": "posvid-test", "pkcs11_pin": PIN}
    os.environ.pop("SOFTHSM2_CONF", None)


def test_keys_are_made_and_used_on_the_token_only(tmp_path, db_url, clock, token):
    service = IssuerService(make_settings(tmp_path, db_url, **token), clock=clock)
    key = service.keys.ensure()
    assert isinstance(key.private_key, DeviceKey)
    with pytest.raises(e.KeyStoreError, match="never leaves"):
        key.private_key.private_bytes(None, None, None)  # type: ignore[arg-type]
    with service.sessions() as session:
        (stored,) = session.scalars(select(SigningKeyRecord)).all()
    assert stored.encrypted_pem.startswith(DEVICE)  # the label on the token, nothing else
    person = service.enrol_person(PERSON, actor="test")
    document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
    protocol = OpenId4Vci(service)
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    issued = request(protocol, access, [SigningKey.generate()])["credentials"]
    jwks = service.keys.published(service.now())
    jws = issued[0]["credential"].split("~")[0]
    parse_compact(jws).verify_with(jwks["1"])
    rotated = service.keys.rotate()
    assert rotated.kid == "2"
    assert isinstance(rotated.private_key, DeviceKey)
    assert rotated.private_key.label != key.private_key.label
    assert service.keys.rewrap() == []  # nothing on the token is wrapped
    service.engine.dispose()
    again = IssuerService(make_settings(tmp_path, db_url, **token), clock=clock)
    assert again.keys.ensure().public_jwk() == rotated.public_jwk()  # found again by its label
    again.engine.dispose()
