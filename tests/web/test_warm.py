"""The dashboard computed before the first visitor (web/warm.py) and once per key at a time (store/cache.py):
what is served is what a request would have computed, and a change to the ledger is never hidden."""

from __future__ import annotations

import shutil
import threading

import pytest
from fastapi.testclient import TestClient

from duban.settings import Settings
from duban.store import Database, cache
from duban.store import dashboard as store_dashboard
from duban.store.accounts import add_review, add_user
from duban.store.models import TargetRow
from duban.web.app import create_app
from duban.web.warm import Warmer, warm_once
from web_helpers import make_app


@pytest.fixture
def fresh_db(sqlite_template, tmp_path):
    shutil.copyfile(sqlite_template, tmp_path / "ledger.sqlite")
    db = Database(str(tmp_path / "ledger.sqlite"))
    cache.clear()
    yield db
    cache.clear()
    db.dispose()


def _count_computations(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = store_dashboard._dashboard

    def counted(session, f):
        calls.append(1)
        return real(session, f)

    monkeypatch.setattr(store_dashboard, "_dashboard", counted)
    return calls


def test_warmed_dashboard_is_what_a_request_computes(fresh_db, monkeypatch):
    with TestClient(make_app(fresh_db)) as c:
        cold_json, cold_page = c.get("/api/dashboard").content, c.get("/").text
    cache.clear()
    app = make_app(fresh_db)
    warm_once(app)
    calls = _count_computations(monkeypatch)
    with TestClient(app) as c:
        assert c.get("/api/dashboard").content == cold_json
        assert c.get("/").text == cold_page
    assert calls == []  # both served from what the warm-up computed


def test_a_change_is_warmed_again_and_never_hidden(fresh_db, monkeypatch):
    app = make_app(fresh_db)
    first = warm_once(app)
    with TestClient(app) as c:
        before = c.get("/api/dashboard").json()
    with fresh_db.session() as s:
        target = s.query(TargetRow).filter(TargetRow.status != "met").order_by(TargetRow.id).first()
        add_review(s, target.id, add_user(s, "erin", "long-enough-pw"), "met", "")
    calls = _count_computations(monkeypatch)
    with TestClient(app) as c:  # a visitor before the warmer has run again: computed for the new data
        after = c.get("/api/dashboard").json()
    assert after["totals"]["met"] == before["totals"].get("met", 0) + 1 and calls == [1]
    cache.clear()
    assert warm_once(app) != first  # the warmer sees the new data version and computes for it
    with TestClient(app) as c:
        assert c.get("/api/dashboard").json() == after
    assert calls == [1, 1]


def test_warmer_thread_runs_at_start_when_settings_ask(fresh_db):
    app = create_app(fresh_db, Settings(database_url=fresh_db.url, secret_key="t" * 32, warm=True))
    warmer = Warmer(app, interval=0.05)
    warmer.start()
    done = threading.Event()
    for _ in range(400):  # bounded wait for the first warm-up (not a measure of speed)
        if warmer.version is not None:
            done.set()
            break
        done.wait(0.05)
    warmer.stop()
    assert done.is_set()
    with fresh_db.session() as s:
        assert cache.data_version(s) == warmer.version


@pytest.mark.parametrize("first_fails", [False, True])
def test_one_computation_per_key_at_a_time(fresh_db, first_fails):
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []
    results: dict[str, object] = {}

    def slow():
        calls.append("a")
        started.set()
        release.wait(30)
        if first_fails:
            raise RuntimeError("failed")
        return "value-a"

    def run(name: str, compute) -> None:
        with fresh_db.session() as s:
            try:
                results[name] = cache.remember(s, "k", (), compute)
            except RuntimeError as exc:
                results[name] = exc

    a = threading.Thread(target=run, args=("a", slow))
    a.start()
    started.wait(30)
    b = threading.Thread(target=run, args=("b", lambda: calls.append("b") or "value-b"))
    b.start()
    release.set()
    a.join(30), b.join(30)
    if first_fails:  # the waiting request computes its own result
        assert isinstance(results["a"], RuntimeError) and results["b"] == "value-b" and calls == ["a", "b"]
    else:  # the second request got the first one's result without computing
        assert results == {"a": "value-a", "b": "value-a"} and calls == ["a"]
    assert cache._running == {}
