"""Fixtures shared by the wallet, verifier and browser tests: a real issuer on loopback
(SQLite) with an enrolled citizen, an offer, a fresh wallet."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from issuer.samples import CITIZEN, CITIZEN_ID_CARD
from tests.support.servers import live_issuer
from wallet.service import Wallet, WalletSettings

PIN = "246802"
ID_CARD = {k: v for k, v in CITIZEN_ID_CARD.items() if k != "type"}


def face_photo() -> bytes:
    """A real photograph of a face a package ships (scikit-image's astronaut), as a JPEG."""
    from PIL import Image
    from skimage import data

    out = io.BytesIO()
    Image.fromarray(data.astronaut()).save(out, "JPEG", quality=90)
    return out.getvalue()


@pytest.fixture(scope="module")
def issuer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, object, str]]:
    home = tmp_path_factory.mktemp("issuer")
    with live_issuer(home, f"sqlite:///{home / 'issuer.db'}") as (base, service):
        person = service.enrol_person(CITIZEN, actor="test")
        service.set_portrait(person.id, face_photo(), actor="test")  # through the real pipeline
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


def minor(serial: int = 1) -> tuple[dict[str, str], dict[str, str]]:
    """A 15-year-old citizen (by today's date) and her ID card, as a clerk enrols them."""
    today = dt.date.today()
    born = today.replace(year=today.year - 15, day=min(today.day, 28))
    person = {
        "family_name": "Шевчук",
        "given_name": "Софія",
        "birth_date": born.isoformat(),
        "sex": "F",
        "record_number": f"{born:%Y%m%d}-{serial:05d}",
    }
    document = {
        "document_number": f"7{serial:08d}",
        "issue_date": (today - dt.timedelta(days=30)).isoformat(),
        "issuing_authority": "4321",
    }
    return person, document


def collect_card(
    service: Any, wallet: Wallet, person: dict[str, str], document: dict[str, str]
) -> str:
    """Enrol ``person`` with an ID card at the issuer and collect it into ``wallet``: its id."""
    enrolled = service.enrol_person(person, actor="test")
    added = service.add_document(enrolled.id, "id-card", document, actor="test")
    offer = service.create_offer(added.id, batch_size=3, actor="test")
    return str(wallet.unlock(PIN).accept(offer.credential_offer_uri, offer.tx_code, batch=3).id)
