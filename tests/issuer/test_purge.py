"""Purging expired protocol rows: the expired go, the live stay (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from crypto import FixedClock, SigningKey
from issuer.purge import Purged, purge
from issuer.service import IssuerService
from issuer.storage.models import AccessToken, Nonce, Offer, UsedProof
from posvid.common.rate_limit import Every
from tests.support.mini_wallet import redeem, request
from tests.support.servers import PASSPHRASE, make_settings

from .conftest import ID_CARD, PERSON

TABLES = {"nonces": Nonce, "proofs": UsedProof, "tokens": AccessToken, "offers": Offer}


def _counts(service: IssuerService) -> dict[str, int]:
    with service.sessions() as session:
        return {
            kind: session.scalar(select(func.count()).select_from(model)) or 0
            for kind, model in TABLES.items()
        }


def _one_of_each(service, protocol, document) -> None:
    """An offer redeemed and used (token, used nonce, proof), a spare nonce, an idle offer."""
    access = redeem(protocol, service.create_offer(document.id, actor="test"))
    request(protocol, access, [SigningKey.generate()])
    protocol.nonce()
    service.create_offer(document.id, actor="test")


def test_purge_removes_the_expired_and_keeps_the_live(service, protocol, document, clock):
    _one_of_each(service, protocol, document)
    assert _counts(service) == {"nonces": 2, "proofs": 1, "tokens": 1, "offers": 2}
    clock.advance(service.settings.offer_ttl_seconds + 1)  # the longest of the four lives
    _one_of_each(service, protocol, document)
    assert _counts(service) == {"nonces": 4, "proofs": 2, "tokens": 2, "offers": 4}

    assert purge(service, limit=1) == Purged(nonces=1, proofs=1, tokens=1, offers=1)
    assert purge(service) == Purged(nonces=1, proofs=0, tokens=0, offers=1)
    assert purge(service) == Purged()
    assert _counts(service) == {"nonces": 2, "proofs": 1, "tokens": 1, "offers": 2}
    # what is left still works: the live offer's token was spent on id-card, not on the others
    live_access = redeem(protocol, service.create_offer(document.id, actor="test"))
    assert request(protocol, live_access, [SigningKey.generate()])["credentials"]


def test_the_nonce_endpoint_purges_every_n_requests(service, protocol, document, clock):
    service.purge_due = Every(3)
    protocol.nonce()
    protocol.nonce()
    clock.advance(service.settings.nonce_ttl_seconds + 1)
    protocol.nonce()  # the third: the two expired go
    assert _counts(service)["nonces"] == 1
    protocol.nonce()
    assert _counts(service)["nonces"] == 2


def test_cli_purge_prints_what_it_removed(tmp_path: Path):
    home = tmp_path / "home"
    settings = make_settings(home, f"sqlite:///{home / 'issuer.db'}")
    past = IssuerService(settings, clock=FixedClock(1_620_000_000))  # long expired by now
    person = past.enrol_person(PERSON, actor="test")
    document = past.add_document(person.id, "id-card", ID_CARD, actor="test")
    past.create_offer(document.id, actor="test")
    from issuer.oid4vci import OpenId4Vci

    OpenId4Vci(past).nonce()
    past.engine.dispose()
    env = {
        **os.environ,
        "POSVID_ISSUER_HOME": str(home),
        "POSVID_ISSUER_KEY_PASSPHRASE": PASSPHRASE,
    }
    exe = str(Path(sys.executable).parent / "posvid-issuer")
    run = [exe, "purge"]
    done = subprocess.run(run, capture_output=True, text=True, env=env, timeout=120, check=True)
    assert done.stdout.strip() == "purged 1 nonces, 0 proofs, 0 tokens, 1 offers"
    again = subprocess.run(
        [*run, "--json"], capture_output=True, text=True, env=env, timeout=120, check=True
    )
    assert json.loads(again.stdout) == {"nonces": 0, "proofs": 0, "tokens": 0, "offers": 0}
