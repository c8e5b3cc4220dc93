"""Fixtures shared by the wallet, verifier and browser tests: a real issuer on loopback
(SQLite) with an enrolled citizen, an offer, a fresh wallet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from issuer.samples import CITIZEN, CITIZEN_ID_CARD
from tests.support.servers import live_issuer
from wallet.service import Wallet, WalletSettings

PIN = "2468"
ID_CARD = {
    **{k: v for k, v in CITIZEN_ID_CARD.items() if k != "type"},
    "portrait": "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ",
}


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, str]]:
    home = tmp_path_factory.mktemp("issuer")
    with live_issuer(home, f"sqlite:///{home / 'issuer.db'}") as (base, service):
        person = service.enrol_person(CITIZEN, actor="test")
        document = service.add_document(person.id, "id-card", ID_CARD, actor="test")
        yield base, service, document.id


@pytest.fixture
def offer(issuer):
    _, service, document_id = issuer
    return service.create_offer(document_id, batch_size=3, actor="test")


@pytest.fixture
def wallet(tmp_path: Path) -> Iterator[Wallet]:
    w = Wallet(WalletSettings(home=tmp_path / "wallet"), http=httpx.Client(timeout=20))
    w.init(PIN)
    yield w
    w.close()
    w.http.close()
