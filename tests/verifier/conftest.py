"""Verifier fixtures: the real issuer and wallet (from the wallet tests), a fresh verifier."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.roles import PIN
from verifier.service import Verifier
from verifier.settings import VerifierSettings


@pytest.fixture
def verifier(tmp_path: Path) -> Iterator[Verifier]:
    v = Verifier(
        VerifierSettings(home=tmp_path / "verifier", identifier="https://border.posvid.example"),
        http=httpx.Client(timeout=10),
    )
    yield v
    v.close()
    v.http.close()


_serial = iter(range(10_000, 99_999))


@pytest.fixture
def card(issuer, wallet):
    """A new citizen's ID card in the wallet (each test its own, so revoking is harmless)."""
    _, service, _ = issuer
    serial = next(_serial)
    person = service.enrol_person(
        {
            "family_name": "Мельник",
            "given_name": "Ірина",
            "birth_date": "1992-07-01",
            "sex": "F",
            "record_number": f"19920701-{serial:05d}",
        },
        actor="test",
    )
    document = service.add_document(
        person.id,
        "id-card",
        {
            "document_number": f"5{serial:08d}",
            "issue_date": "2022-01-01",
            "issuing_authority": "4321",
        },
        actor="test",
    )
    offer = service.create_offer(document.id, batch_size=3, actor="test")
    unlocked = wallet.unlock(PIN)
    summary = unlocked.accept(offer.credential_offer_uri, offer.tx_code, batch=3)
    return unlocked, summary.id, document.id
