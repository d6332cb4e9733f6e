"""Sign-in throttling (per account and per address, 429 with Retry-After and a Chinese message, failures in
the audit trail) and the bound on concurrent Argon2 hashes."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from duban.store import accounts
from duban.store.cache import data_version
from duban.store.models import AuditRow
from duban.store.sessions import ACCOUNT_FAILURES, ADDRESS_FAILURES, WINDOW
from hostile_inputs import sign_in


def failures(db, **where) -> int:
    with db.session() as s:
        stmt = select(func.count()).select_from(AuditRow).where(AuditRow.action == "login_failed")
        for column, value in where.items():
            stmt = stmt.where(getattr(AuditRow, column) == value)
        return s.scalar(stmt)


def assert_throttled(r) -> None:
    assert r.status_code == 429, r.status_code
    assert "登录失败次数过多" in r.text and "后再试" in r.text
    assert 0 < int(r.headers["retry-after"]) <= WINDOW.total_seconds()


def test_an_account_is_throttled_after_five_failures_wherever_they_come_from(make_client, account, hostile_db):
    client = make_client()
    for _ in range(ACCOUNT_FAILURES):
        assert sign_in(client, account, "wrong-password").status_code == 401
    assert_throttled(sign_in(client, account))  # the right password too: no guessing on
    assert_throttled(sign_in(make_client(), account))  # from another address as well
    assert failures(hostile_db, subject=f"user:{account}") == ACCOUNT_FAILURES  # refusals cost no hash, no row


def test_an_address_is_throttled_after_twenty_failures(make_client, account):
    attacker = make_client()
    for n in range(ADDRESS_FAILURES):
        assert sign_in(attacker, f"guess{n}", "wrong-password").status_code == 401
    assert_throttled(sign_in(attacker, account))
    assert sign_in(make_client(), account).status_code == 303  # the account itself is fine elsewhere


def test_a_successful_sign_in_clears_the_account_count(make_client, account):
    client = make_client()
    for _ in range(2):
        for _ in range(ACCOUNT_FAILURES - 1):
            assert sign_in(client, account, "wrong-password").status_code == 401
        assert sign_in(client, account).status_code == 303


def test_failed_sign_ins_are_audited_but_do_not_change_the_data_version(make_client, hostile_db):
    with hostile_db.session() as s:
        before = data_version(s)
    client = make_client()
    assert sign_in(client, "mallory", "wrong-password").status_code == 401
    with hostile_db.session() as s:
        assert data_version(s) == before
        row = s.scalars(select(AuditRow).where(AuditRow.action == "login_failed", AuditRow.subject == "user:mallory")
                        .order_by(AuditRow.id.desc())).first()
        assert row is not None and row.actor.startswith("10.")


def test_at_most_two_hashes_at_once(monkeypatch, hostile_db, account):
    """Forty sign-ins at the same moment: all answered, never more than HASH_CONCURRENCY Argon2 runs at once."""
    running, peak, lock = [0], [0], threading.Lock()
    real = accounts._hasher

    class Counting:
        def __getattr__(self, name):
            return getattr(real, name)

        def _run(self, fn, *args):
            with lock:
                running[0] += 1
                peak[0] = max(peak[0], running[0])
            try:
                time.sleep(0.02)
                return fn(*args)
            finally:
                with lock:
                    running[0] -= 1

        def hash(self, password):
            return self._run(real.hash, password)

        def verify(self, stored, password):
            return self._run(real.verify, stored, password)

    monkeypatch.setattr(accounts, "_hasher", Counting())

    def attempt(n: int):
        with hostile_db.session() as s:
            return accounts.authenticate(s, account if n % 2 else f"nobody{n}", "correct-horse-9") is not None

    with ThreadPoolExecutor(40) as pool:
        results = list(pool.map(attempt, range(40)))
    assert results.count(True) == 20 and peak[0] == accounts.HASH_CONCURRENCY


def test_concurrent_sign_ins_through_the_app_all_succeed(make_client, account):
    clients = [make_client() for _ in range(8)]
    with ThreadPoolExecutor(8) as pool:
        codes = list(pool.map(lambda c: sign_in(c, account).status_code, clients))
    assert codes == [303] * 8
