"""The hostile-input suite: every test here is marked ``hostile`` (it runs in the normal test command;
``-m hostile`` runs it alone). Fixtures: a small ledger (one plan and its completion report) on SQLite
and, when DUBAN_TEST_DATABASE_URL is set, on PostgreSQL; apps; clients with their own client address, so
that the sign-in throttle of one test never counts another's failures."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest

from corpus import COMPLETION_2024, PLAN_2024
from duban.ingest import ingest
from duban.settings import Settings
from duban.store import Database
from duban.store.accounts import add_user
from hostile_inputs import PASSWORD

_addresses = itertools.count(1)


def pytest_collection_modifyitems(config, items) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.hostile)


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch) -> None:
    """Argon2 at its lowest cost: these tests sign in hundreds of times (the production parameters, 64 MiB
    and ~0.2 s a hash, are what benchmarks/login_memory.py measures)."""
    from argon2 import PasswordHasher

    from duban.store import accounts

    monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def hostile_db(request, tmp_path_factory) -> Iterator[Database]:
    """A plan and its completion report, ingested and assessed."""
    if request.param == "postgres":
        url = request.getfixturevalue("pg_factory")()
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'ledger.sqlite'}"
    db = Database(url)
    report = ingest([PLAN_2024, COMPLETION_2024], db, jobs=1)
    assert not report.failed, report.failed
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def hostile_app(hostile_db):
    from duban.web.app import create_app

    return create_app(hostile_db, Settings(database_url=hostile_db.url, secret_key="hostile-" + "k" * 32))


@pytest.fixture
def make_client(hostile_app):
    """``make_client()``: a TestClient from an address of its own (``raise_server_exceptions=False``: a
    500 is an answer to check, not an exception)."""
    from fastapi.testclient import TestClient

    made = []

    def make(app=None):
        n = next(_addresses)
        client = TestClient(app or hostile_app, raise_server_exceptions=False,
                            client=(f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}", 40000))
        made.append(client.__enter__())
        return client

    yield make
    for client in made:
        client.__exit__(None, None, None)


@pytest.fixture
def account(hostile_db) -> str:
    """A fresh reviewer account (name returned; the password is PASSWORD)."""
    name = f"rev{next(_addresses)}"
    with hostile_db.session() as s:
        add_user(s, name, PASSWORD, "复核员")
    return name
