"""The on-device stores: the wallet's and the verifier's migrations build exactly their models."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from verifier.storage import db as verifier_db
from verifier.storage import models as verifier_models
from wallet.storage import db as wallet_db
from wallet.storage import models as wallet_models


@pytest.mark.parametrize(
    ("db", "models"),
    [(wallet_db, wallet_models), (verifier_db, verifier_models)],
    ids=["wallet", "verifier"],
)
def test_upgrade_head_then_models_match_migrations(db, models, tmp_path):
    engine = db.make_engine(tmp_path / "store.db")
    db.migrate(engine)
    db.migrate(engine)  # a second run is a no-op
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, models.Base.metadata) == []
    engine.dispose()


def test_synchronous_is_full_or_normal(tmp_path):
    from posvid.common.sqlite_store import make_engine

    with pytest.raises(ValueError, match="FULL or NORMAL"):
        make_engine(tmp_path / "x.db", synchronous="OFF")
