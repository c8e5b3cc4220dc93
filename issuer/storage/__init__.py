"""The issuer's storage: SQLAlchemy models, Alembic migrations, engine set-up."""
