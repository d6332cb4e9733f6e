"""Fixtures for the web tests: a ledger of the bundled samples (SQLite always; PostgreSQL too when
DUBAN_TEST_DATABASE_URL is set), a reviewer account, apps in public and private mode, clients that can
sign in, and a tiny ledger whose report text carries HTML/script injections."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path

import pytest

from duban.ingest import ingest
from duban.store import Database
from duban.store.accounts import add_user
from web_helpers import PASSWORD, USER, make_app, sign_in

SAMPLES = Path(str(files("duban") / "samples"))
XSS_TEXT = """2024年某县政府工作报告

二、2024年工作安排

2024年经济社会发展的主要预期目标是：地区生产总值增长6%左右。
全年新建<script>window.__xss=1</script>公园5个。
新增<img src=x onerror="window.__xss=1">城镇就业岗位3000个以上。
"""

def pytest_configure(config) -> None:
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")


# --- databases (PostgreSQL: the shared pg_factory fixture of tests/conftest.py) ----------------------

def _build(url: str, paths: list[Path]) -> Database:
    db = Database(url)
    report = ingest(paths, db, jobs=1)
    assert not report.failed, report.failed
    with db.session() as session:
        add_user(session, USER, PASSWORD, "测试复核员")
    return db


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """The samples ingested once into a SQLite file; fixtures that need a SQLite ledger copy it."""
    path = tmp_path_factory.mktemp("template") / "ledger.sqlite"
    _build(str(path), [SAMPLES]).dispose()
    return path


def _copy(template: Path, folder: Path) -> Database:
    target = folder / "ledger.sqlite"
    shutil.copyfile(template, target)
    for extra in ("-wal", "-shm"):  # normally gone once the template's connections are closed
        if Path(f"{template}{extra}").exists():
            shutil.copyfile(f"{template}{extra}", f"{target}{extra}")
    return Database(str(target))


@pytest.fixture(scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request) -> str:
    return request.param


@pytest.fixture(scope="session")
def ledger_db(backend, tmp_path_factory, request) -> Iterator[Database]:
    """The bundled samples ingested and assessed, plus the reviewer alice."""
    if backend == "postgres":
        db = _build(request.getfixturevalue("pg_factory")(), [SAMPLES])
    else:
        db = _copy(request.getfixturevalue("sqlite_template"), tmp_path_factory.mktemp("ledger"))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def sqlite_db(sqlite_template, tmp_path_factory) -> Iterator[Database]:
    """Another SQLite copy of the sample ledger (for the browser tests, which add reviews of their own)."""
    db = _copy(sqlite_template, tmp_path_factory.mktemp("browser"))
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def xss_db(tmp_path_factory) -> Iterator[Database]:
    """A ledger of one small report whose targets carry HTML and script injections."""
    folder = tmp_path_factory.mktemp("xss")
    (folder / "xss.txt").write_text(XSS_TEXT, encoding="utf-8")
    db = _build(str(folder / "xss.sqlite"), [folder / "xss.txt"])
    yield db
    db.dispose()


# --- apps and clients --------------------------------------------------------------------------

@pytest.fixture(scope="session")
def app(ledger_db):
    return make_app(ledger_db)


@pytest.fixture
def client(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        yield c


@pytest.fixture
def signed_in(client):
    """A client signed in as alice; ``client.csrf`` is the session's token."""
    response = sign_in(client)
    assert response.status_code == 303, response.text
    client.csrf = client.get("/api/session").json()["csrf_token"]
    return client
