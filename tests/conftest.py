"""Shared fixtures: the bundled sample reports, and databases (SQLite always, PostgreSQL when
DUBAN_TEST_DATABASE_URL is set). In CI, DUBAN_REQUIRE_POSTGRES=1 / DUBAN_REQUIRE_BROWSER=1 turn the
"not available here" skips into failures, so those tests cannot silently stop running."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest


def unavailable(reason: str, required_by: str) -> None:
    """Skip with ``reason``, or fail when the environment says this must run (CI)."""
    if os.environ.get(required_by) == "1":
        pytest.fail(f"{reason} — but {required_by}=1 requires it", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def pg_factory() -> Iterator:
    """Creates fresh, uniquely named PostgreSQL databases for this test session; drops them afterwards.
    Skips (or fails, with DUBAN_REQUIRE_POSTGRES=1) when no server is configured or reachable."""
    base = os.environ.get("DUBAN_TEST_DATABASE_URL")
    if not base:
        unavailable("DUBAN_TEST_DATABASE_URL is not set (no PostgreSQL server to test against, e.g. "
                    "DUBAN_TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test)", "DUBAN_REQUIRE_POSTGRES")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from duban.store.db import database_url

    url = make_url(database_url(base))
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    made: list[str] = []

    def make() -> str:
        name = f"duban_test_{uuid.uuid4().hex[:12]}"
        try:
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        except Exception as exc:  # the server is not there or refuses
            unavailable(f"cannot create a test database on {url.render_as_string()}: {exc}",
                        "DUBAN_REQUIRE_POSTGRES")
        made.append(name)
        return url.set(database=name).render_as_string(hide_password=False)

    try:
        yield make
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def postgres_url(pg_factory) -> str:
    """One fresh PostgreSQL database for this test session."""
    return pg_factory()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request, tmp_path) -> str:
    """A database URL per test: a SQLite file in tmp_path, or a clean PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'ledger.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    _reset_postgres(url)
    return url


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
