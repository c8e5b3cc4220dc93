"""Migrations match the models; status indices stay unique under 200 concurrent issuances."""

from __future__ import annotations

import datetime as dt
import hashlib
from concurrent.futures import ThreadPoolExecutor

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, inspect, select, text

from crypto import SigningKey
from issuer.clock import aware
from issuer.oid4vci import OpenId4Vci
from issuer.storage.db import alembic_config, make_engine, migrate
from issuer.storage.models import AdminToken, Base, IssuedCredential, Offer, StatusEntry
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT
from tests.support.mini_wallet import proof


def test_upgrade_head_then_models_match_migrations(db_url):
    engine = make_engine(db_url)
    migrate(engine)
    migrate(engine)  # a second run is a no-op
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_200_concurrent_issuances_get_unique_random_indices(service):
    service.status._size = 4096  # a small list, so random draws do collide and must retry
    protocol = OpenId4Vci(service)
    person = service.enrol_person(
        {
            "family_name": "Мельник",
            "given_name": "Ірина",
            "birth_date": "1992-07-01",
            "sex": "F",
            "record_number": "19920701-00077",
        },
        actor="test",
    )
    document = service.add_document(
        person.id,
        "id-card",
        {"document_number": "987654321", "issue_date": "2022-01-01", "issuing_authority": "4321"},
        actor="test",
    )
    tokens = []
    for _ in range(40):
        offer = service.create_offer(document.id, batch_size=5, tx_code=False, actor="test")
        code = protocol.offer(offer.offer_id)["grants"][PRE_AUTHORIZED_GRANT]["pre-authorized_code"]
        tokens.append(
            protocol.token({"grant_type": PRE_AUTHORIZED_GRANT, "pre-authorized_code": code})[
                "access_token"
            ]
        )

    def issue(access: str) -> int:
        nonce = protocol.nonce()["c_nonce"]
        jwts = [
            proof(SigningKey.generate(), protocol.issuer, nonce, service.clock.now())
            for _ in range(5)
        ]
        return len(
            protocol.credential(
                access, {"credential_configuration_id": "id-card", "proofs": {"jwt": jwts}}
            )["credentials"]
        )

    with ThreadPoolExecutor(max_workers=16) as pool:
        assert sum(pool.map(issue, tokens)) == 200
    with service.sessions() as session:
        rows = session.execute(
            select(IssuedCredential.status_list_id, IssuedCredential.status_idx)
        ).all()
        entries = session.scalar(select(func.count()).select_from(StatusEntry))
    assert len(rows) == 200
    assert len(set(rows)) == 200
    assert entries == 200
    indices = sorted(idx for _, idx in rows)
    assert indices != list(range(indices[0], indices[0] + 200))  # not sequential


def test_migration_0002_expires_plaintext_offers_and_gives_old_tokens_an_expiry(db_url):
    """Rows of 0001 held pending codes in the clear and SHA-256 of six digits: they end."""
    engine = make_engine(db_url)
    config = alembic_config(engine.url.render_as_string(hide_password=False))
    before = dt.datetime.now(dt.UTC)
    later = before + dt.timedelta(minutes=15)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "INSERT INTO persons (id, family_name, given_name, family_name_latin,"
                " given_name_latin, birth_date, sex, created_at) VALUES"
                " ('p', 'Ш', 'Т', 'S', 'T', '1985-11-02', 'M', :now)"
            ),
            {"now": before},
        )
        connection.execute(
            text(
                "INSERT INTO documents (id, person_id, doc_type, number, fields, status,"
                " created_at) VALUES ('d', 'p', 'id-card', '1', '{}', 0, :now)"
            ),
            {"now": before},
        )
        connection.execute(
            text(
                "INSERT INTO offers (id, code_hash, pre_authorized_code, document_id, config_ids,"
                " batch_size, tx_code_hash, tx_code_length, failed_attempts, expires_at,"
                " created_at) VALUES ('o', 'h', 'plain-code', 'd', '[]', 1, :tx, 6, 0, :later,"
                " :now)"
            ),
            {"tx": hashlib.sha256(b"123456").hexdigest(), "later": later, "now": before},
        )
        connection.execute(
            text(
                "INSERT INTO admin_tokens (id, token_hash, role, label, created_at)"
                " VALUES ('t', 'x', 'clerk', 'old', :now)"
            ),
            {"now": before},
        )
    migrate(engine)
    with engine.connect() as connection:
        expires, tx_code_hash = connection.execute(
            select(Offer.expires_at, Offer.tx_code_hash)
        ).one()
        token_expires = connection.scalar(select(AdminToken.expires_at))
        columns = {c["name"] for c in inspect(connection).get_columns("offers")}
    engine.dispose()
    assert aware(expires) < later
    assert tx_code_hash is None
    assert "pre_authorized_code" not in columns
    assert before < aware(token_expires) <= before + dt.timedelta(hours=12, minutes=5)
