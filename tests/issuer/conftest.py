"""Issuer fixtures: a service on a fresh database (both backends), a live server, a mini wallet."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crypto import FixedClock
from issuer.oid4vci import OpenId4Vci
from issuer.service import IssuerService
from issuer.storage.models import Document
from tests.support.databases import BACKENDS, database
from tests.support.factory import NOW
from tests.support.servers import live_issuer, make_settings

PERSON = {
    "family_name": "Шевчук",
    "given_name": "Тарас",
    "birth_date": "1985-11-02",
    "sex": "M",
    "record_number": "19851102-00042",
}
ID_CARD = {"document_number": "123456789", "issue_date": "2021-02-03", "issuing_authority": "1234"}


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, tmp_path) as url:
        yield url


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(NOW)


@pytest.fixture
def service(tmp_path: Path, db_url: str, clock: FixedClock) -> Iterator[IssuerService]:
    svc = IssuerService(make_settings(tmp_path, db_url), clock=clock)
    yield svc
    svc.engine.dispose()


@pytest.fixture
def live(tmp_path: Path, db_url: str) -> Iterator[tuple[str, IssuerService]]:
    with live_issuer(tmp_path, db_url) as running:
        yield running


@pytest.fixture
def document(service: IssuerService) -> Document:
    """An enrolled person's ID card."""
    person = service.enrol_person(PERSON, actor="test")
    return service.add_document(person.id, "id-card", ID_CARD, actor="test")


@pytest.fixture
def protocol(service: IssuerService) -> OpenId4Vci:
    return OpenId4Vci(service)
