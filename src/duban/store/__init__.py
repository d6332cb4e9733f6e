"""The ledger store: the only package that knows SQL (SQLAlchemy 2 + Alembic)."""

from .db import Database, database_url

__all__ = ["Database", "database_url"]
