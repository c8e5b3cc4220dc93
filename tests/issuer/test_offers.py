"""Offers: creation and expiry by the issuer's clock; nothing in the database redeems one."""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import unquote

import pytest
from sqlalchemy import select

from issuer import errors as e
from issuer.clock import aware, utc
from issuer.offers import TX_CODE_DIGITS
from issuer.storage.models import Base, Offer
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT
from tests.support.mini_wallet import redeem

from .conftest import NOW


def test_offer_expiry_follows_the_clock(service, protocol, document, clock):
    ttl = service.settings.offer_ttl_seconds
    created = service.create_offer(document.id, actor="test")
    assert created.expires_at == utc(NOW + ttl)
    with service.sessions() as session:
        stored = session.get(Offer, created.offer_id)
    assert stored is not None
    assert aware(stored.created_at) == utc(NOW)
    assert aware(stored.expires_at) == utc(NOW + ttl)
    clock.advance(ttl)
    assert protocol.offer(created.offer_id)["credential_issuer"] == service.issuer
    clock.advance(1)
    with pytest.raises(e.NotFound, match="expired"):
        protocol.offer(created.offer_id)


def test_an_expired_document_gets_no_offer_by_the_clock(service, document, clock):
    assert document.expiry_date is not None
    day_after = document.expiry_date + dt.timedelta(days=1)
    clock.at = int(dt.datetime.combine(day_after, dt.time(), dt.UTC).timestamp())
    with pytest.raises(e.Conflict, match="expired"):
        service.create_offer(document.id, actor="test")


def stored_text(service) -> str:
    """Every value of every table, as one text (a reader of the database sees this)."""
    values = []
    with service.sessions() as session:
        for table in Base.metadata.sorted_tables:
            values += [repr(tuple(row)) for row in session.execute(select(table))]
    return "\n".join(values)


def test_the_database_holds_no_code_token_or_reversible_tx_code(service, protocol, document):
    """A reader of the database alone can redeem nothing (issue 11, item 1)."""
    created = service.create_offer(document.id, actor="test")
    code = protocol.offer(created.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
    reference = created.credential_offer_uri.rpartition("%2F")[2]
    before = stored_text(service)
    assert code not in before
    assert reference not in before  # the offer's URI: its MAC is not stored either
    access = redeem(protocol, created)
    assert access not in stored_text(service)
    with service.sessions() as session:
        stored = session.get(Offer, created.offer_id)
    assert stored is not None
    assert stored.tx_code_hash is not None
    assert stored.tx_code_hash != hashlib.sha256(str(created.tx_code).encode()).hexdigest()
    every_sha256 = {
        hashlib.sha256(f"{n:06d}".encode()).hexdigest() for n in range(10**TX_CODE_DIGITS)
    }
    assert stored.tx_code_hash not in every_sha256  # no search over the million codes finds it


def test_an_offer_uri_is_only_served_with_the_servers_mac(service, protocol, document):
    created = service.create_offer(document.id, actor="test")
    reference = unquote(created.credential_offer_uri).rpartition("/")[2]
    assert protocol.offer_by_reference(reference)["credential_issuer"] == service.issuer
    for forged in (created.offer_id, f"{created.offer_id}.{'0' * 32}", reference[:-1]):
        with pytest.raises(e.NotFound):
            protocol.offer_by_reference(forged)
