"""The ledger store, on SQLite always and on PostgreSQL when DUBAN_TEST_DATABASE_URL is set."""

from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import func, select

from corpus import COMPLETION_2024, PLAN_2024, SAMPLES
from duban.assess import assess
from duban.errors import DubanError
from duban.extract import extract
from duban.ingest import expand, ingest
from duban.read import read_document
from duban.store import Database
from duban.store.accounts import add_review, add_user, authenticate, reviews_of
from duban.store.models import AuditRow, DocumentRow, ReviewRow, RunRow, TargetRow, VerdictRow
from duban.store.queries import LedgerQuery, dashboard, document_detail, ledger, target_detail
from duban.store.write import save_assessment, save_extraction


def _count(db: Database, model) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(model))


@pytest.fixture
def pair_db(db_url):
    """The 004 plan and the 001 completion table, ingested and assessed."""
    db = Database(db_url)
    report = ingest([PLAN_2024, COMPLETION_2024], db, jobs=1)
    assert not report.failed and report.runs_added == 1
    yield db
    db.dispose()


def test_ingest_is_idempotent(pair_db):
    counts = [_count(pair_db, m) for m in (DocumentRow, TargetRow, RunRow, VerdictRow)]
    again = ingest([PLAN_2024, COMPLETION_2024], pair_db, jobs=1)
    assert again.added == [] and len(again.unchanged) == 2 and again.runs_added == 0 and again.runs_existing == 1
    assert [_count(pair_db, m) for m in (DocumentRow, TargetRow, RunRow, VerdictRow)] == counts


def test_every_plan_target_has_a_verdict(pair_db):
    with pair_db.session() as s:
        plan = s.scalar(select(DocumentRow).where(DocumentRow.kind == "work_plan"))
        targets = s.scalars(select(TargetRow).where(TargetRow.document_id == plan.id)).all()
        assert targets and all(t.machine_status != "unassessed" for t in targets)
        verdicts = s.scalar(select(func.count()).select_from(VerdictRow).join(TargetRow)
                            .where(TargetRow.document_id == plan.id))
        assert verdicts == len(targets)
        hydrogen = next(t for t in targets if "新增氢能车100辆" in t.text)
        assert hydrogen.machine_status == "partially_met" and "basis_mismatch" in hydrogen.machine_flags


def test_reviews_sit_beside_the_machine_verdict(pair_db):
    with pair_db.session() as s:
        alice = add_user(s, "alice", "correct horse battery")
        target = s.scalar(select(TargetRow).where(TargetRow.text.contains("新增氢能车100辆")))
        machine = target.machine_status
        add_review(s, target.id, alice, "not_met", "累计数不能说明当年新增")
        add_review(s, target.id, alice, "basically_met", "补充材料显示新增96辆")
        target_id = target.id
    with pair_db.session() as s:
        target = s.get(TargetRow, target_id)
        assert target.machine_status == machine  # never overwritten
        assert target.review_status == target.status == "basically_met"  # the newest review wins on screen
        verdict = s.scalar(select(VerdictRow).where(VerdictRow.target_id == target_id))
        assert verdict.status == machine
        history = reviews_of(s, target_id)
        assert [r.status for r in history] == ["basically_met", "not_met"]
        assert history[-1].machine_status == machine
        detail = target_detail(s, target_id)
        assert detail["verdicts"][0]["status"] == machine and len(detail["reviews"]) == 2
        with pytest.raises(DubanError, match="unknown status"):
            add_review(s, target_id, s.get(type(history[0].user), history[0].user_id), "great")


def test_passwords_are_hashed_and_checked(pair_db):
    with pair_db.session() as s:
        user = add_user(s, "bob", "s3cret-enough")
        assert user.password_hash.startswith("$argon2") and "s3cret" not in user.password_hash
    with pair_db.session() as s:
        assert authenticate(s, "bob", "s3cret-enough").username == "bob"
        assert authenticate(s, "bob", "wrong") is None and authenticate(s, "nobody", "x") is None
        with pytest.raises(DubanError, match="exists already"):
            add_user(s, "bob", "another-password")
        with pytest.raises(DubanError, match="at least 8"):
            add_user(s, "carol", "short")


def test_a_failed_save_leaves_no_half_document(db_url):
    db = Database(db_url)
    ex = extract(read_document(PLAN_2024))
    broken = dataclasses.replace(ex.measurements[0], value=None) if ex.measurements else None
    bad = dataclasses.replace(ex, measurements=[broken]) if broken else None
    if bad is None:  # the plan has no measurements: break a target instead
        t = dataclasses.replace(ex.targets[0], text=None)
        bad = dataclasses.replace(ex, targets=[*ex.targets[1:], t])
    with pytest.raises(Exception), db.session() as s:  # noqa: B017 - any database error will do
        save_extraction(s, bad)
    assert _count(db, DocumentRow) == 0 and _count(db, TargetRow) == 0
    with db.session() as s:
        save_extraction(s, ex)
    assert _count(db, DocumentRow) == 1
    db.dispose()


def test_a_new_engine_adds_a_run_and_keeps_the_old(pair_db):
    result = assess(read_document(PLAN_2024), read_document(COMPLETION_2024))
    newer = dataclasses.replace(result, engine="duban-rules/next")
    with pair_db.session() as s:
        _, created = save_assessment(s, newer)
        assert created
    assert _count(pair_db, RunRow) == 2
    with pair_db.session() as s:
        target = s.scalar(select(TargetRow).where(TargetRow.text.contains("新增氢能车100辆")))
        runs = {v.run_id for v in s.scalars(select(VerdictRow).where(VerdictRow.target_id == target.id))}
        assert len(runs) == 2
        assert len(target_detail(s, target.id)["verdicts"]) == 2


def test_ledger_filters_sort_and_pages(pair_db):
    with pair_db.session() as s:
        everything = ledger(s, LedgerQuery(per_page=10))
        assert everything["total"] > 100 and len(everything["targets"]) == 10 and everything["pages"] > 10
        exceeded = ledger(s, LedgerQuery(status="exceeded", per_page=200))
        assert exceeded["total"] == len(exceeded["targets"]) > 0
        assert all(t["status"] == "exceeded" for t in exceeded["targets"])
        flagged = ledger(s, LedgerQuery(flag="basis_mismatch", per_page=200))
        assert flagged["total"] >= 1 and all("basis_mismatch" in t["flags"] for t in flagged["targets"])
        text = ledger(s, LedgerQuery(q="氢能车"))
        assert text["total"] >= 1 and all("氢能车" in t["text"] for t in text["targets"])
        bad = ledger(s, LedgerQuery(status="nonsense", sort="nonsense"))
        assert len(bad["errors"]) == 2 and bad["total"] == everything["total"]
        by_status = ledger(s, LedgerQuery(sort="status", per_page=200))["targets"]
        assert [t["status"] for t in by_status] == sorted(t["status"] for t in by_status)
        board = dashboard(s)
        assert sum(board["totals"].values()) == everything["total"]
        plan = next(d for d in board["documents"] if "工作计划" in d["title"])
        assert sum(sec["total"] for sec in plan["sections"]) == plan["total"]


def test_document_detail_marks_spans(pair_db):
    with pair_db.session() as s:
        doc = s.scalar(select(DocumentRow).where(DocumentRow.kind == "completion_report"))
        detail = document_detail(s, doc.id)
        text = detail["text"]
        for m in detail["measurements"]:
            assert text[slice(*m["span"])] == m["text"]
        assert detail["runs"] and detail["runs"][0]["completion_id"] == doc.id


def test_whole_sample_folder(db_url):
    db = Database(db_url)
    report = ingest([SAMPLES], db, jobs=2)
    assert len(report.added) == len(expand([SAMPLES])) == 25  # the READMEs are not reports
    assert report.runs_added == 18  # 004→001 and seventeen national year pairs
    with db.session() as s:
        places = {d.jurisdiction for d in s.scalars(select(DocumentRow))}
        assert {"全国", "慈溪市", "宁波市镇海区"} <= places
    db.dispose()


def test_bad_files_are_reported_and_skipped(db_url, tmp_path):
    db = Database(db_url)
    (tmp_path / "empty.txt").write_bytes(b"")
    report = ingest([tmp_path / "empty.txt", PLAN_2024], db, jobs=1)
    assert report.failed == [(str(tmp_path / "empty.txt"), "the file is empty")]
    assert len(report.added) == 1
    db.dispose()


def test_reviews_table_exists_after_migration(db_url):
    db = Database(db_url)
    assert _count(db, ReviewRow) == 0
    Database(db_url)  # migrating an up-to-date schema again is harmless
    db.dispose()


def test_migrations_match_the_models(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from duban.store.models import Base

    db = Database(db_url)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    db.dispose()


def test_dashboard_cache_follows_every_change(pair_db):
    with pair_db.session() as s:
        before = dashboard(s)
        assert dashboard(s) == before  # remembered
        target = s.scalar(select(TargetRow).where(TargetRow.text.contains("新增氢能车100辆")))
        machine = target.machine_status
        add_review(s, target.id, add_user(s, "dora", "long-enough-pw"), "met", "")
    with pair_db.session() as s:
        after = dashboard(s)
        assert after["totals"].get("met", 0) == before["totals"].get("met", 0) + 1
        assert after["totals"].get(machine, 0) == before["totals"][machine] - 1


def test_masked_place_comes_from_the_paired_report(db_url):
    db = Database(db_url)
    ingest([PLAN_2024, COMPLETION_2024], db, jobs=1)
    with db.session() as s:
        plan = s.scalar(select(DocumentRow).where(DocumentRow.path == str(PLAN_2024)))
        assert plan.jurisdiction == "镇海区"  # the plan writes XX区; the completion table names 镇海区
        assert {t.jurisdiction for t in plan.targets} == {"镇海区"}
        audit = s.scalars(select(AuditRow).where(AuditRow.action == "jurisdiction")).all()
        assert audit and audit[0].detail["from_document"] != plan.id
    db.dispose()


@pytest.mark.parametrize("value", [
    [], ["甲", "b"], [[1, 2], [3, 4]], {"x": 1.5, "y": [None, True, "é"], "a": -0.0}, None, "字", 1e300,
    float("nan"), {"b": 1, "a": 2}, [{"k": [1, "二"]}],
])
def test_bulk_json_is_the_text_json_dumps_writes(value):
    """Bulk inserts encode JSON columns with a prebuilt encoder: the same text SQLAlchemy's json.dumps stores."""
    import json

    from duban.store.bulk import _dumps

    assert _dumps(value) == json.dumps(value)


@pytest.mark.parametrize("sort", ["position", "status", "year"])
def test_flag_filter_keeps_the_ledger_order(pair_db, sort):
    """The flag filter (read off the partial index of flagged targets) lists exactly the flagged targets of
    the unfiltered ledger, in its order, and counts them."""
    with pair_db.session() as s:
        every = _all_pages(s, LedgerQuery(sort=sort, per_page=200))
        flags = [*sorted({f for t in every for f in t["flags"]}), "estimate", "ratio_only"]
        for flag in flags:
            expected = [t["id"] for t in every if flag in t["flags"]]
            got = _all_pages(s, LedgerQuery(sort=sort, flag=flag, per_page=7))
            assert [t["id"] for t in got] == expected
            assert ledger(s, LedgerQuery(flag=flag))["total"] == len(expected)


def _all_pages(session, query: LedgerQuery) -> list[dict]:
    out, page = [], 1
    while True:
        data = ledger(session, dataclasses.replace(query, page=page, errors=[]))
        out += data["targets"]
        if page >= data["pages"]:
            return out
        page += 1
