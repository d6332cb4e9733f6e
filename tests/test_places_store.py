"""Jurisdiction records in the store (SQLite always, PostgreSQL when DUBAN_TEST_DATABASE_URL is set): filed at
ingest, backfilled by migration 0007 for older ledgers, corrected by reviewers with the machine's reading
kept and an audit row, merged and unmerged, edited; bad input refused without a trace."""

from __future__ import annotations

from datetime import datetime

import pytest
import sqlalchemy as sa
from sqlalchemy import create_engine, func, select

from corpus import COMPLETION_2024, FIVE_YEAR, PLAN_2022, PLAN_2024
from duban.errors import DubanError
from duban.ingest import ingest
from duban.store import Database
from duban.store.models import AuditRow, DocumentRow, TargetRow
from duban.store.models_places import DocumentPlaceRow, JurisdictionAliasRow, JurisdictionRow
from duban.store.places_register import (
    KEEP,
    _insert,
    correct_document,
    edit_place,
    merge,
    place_for,
    register_document,
    survivor,
    unmerge,
)


@pytest.fixture
def district(db_url):
    """The district's 2022 plan and its five-year goals, ingested (no assessment: quick)."""
    db = Database(db_url)
    report = ingest([PLAN_2022, FIVE_YEAR], db, jobs=1)
    assert not report.failed
    yield db
    db.dispose()


@pytest.fixture
def paired(db_url):
    """The district's plans of 2022 and 2024, the 2024 completion table and the five-year goals."""
    db = Database(db_url)
    report = ingest([PLAN_2022, PLAN_2024, COMPLETION_2024, FIVE_YEAR], db, jobs=1)
    assert not report.failed
    yield db
    db.dispose()


def _doc(session, kind: str, year: int | None = None) -> DocumentRow:
    stmt = select(DocumentRow).where(DocumentRow.kind == kind)
    if year is not None:
        stmt = stmt.where(DocumentRow.year == year)
    return session.scalar(stmt)


def _zhenhai(session) -> JurisdictionRow:
    return session.scalar(select(JurisdictionRow).where(JurisdictionRow.code == "330211"))


def test_ingest_files_every_spelling_under_one_record(paired):
    with paired.session() as s:
        zhenhai = _zhenhai(s)
        places = {dp.document_id: dp for dp in s.scalars(select(DocumentPlaceRow))}
        plan22, plan24 = _doc(s, "work_plan", 2022), _doc(s, "work_plan", 2024)
        completion = _doc(s, "completion_report")
        assert plan22.jurisdiction == "宁波市镇海区" and completion.jurisdiction == "镇海区"
        assert {places[d.id].jurisdiction_id for d in (plan22, plan24, completion)} == {zhenhai.id}
        assert places[plan24.id].machine_name == "镇海区"  # masked in its text, filled from the paired table
        assert places[_doc(s, "five_year").id].jurisdiction_id is None
        chain = []
        row = zhenhai
        while row is not None:
            chain.append((row.name, row.level))
            row = s.get(JurisdictionRow, row.parent_id) if row.parent_id else None
        assert chain == [("镇海区", "county"), ("宁波市", "city"), ("浙江省", "province"), ("全国", "national")]
        assert s.scalar(select(func.count()).select_from(JurisdictionRow).where(
            JurisdictionRow.name == "镇海区")) == 1


def test_migration_backfills_an_older_ledger(db_url):
    """A ledger at revision 0005 (before places existed) gets its jurisdictions on upgrade."""
    from alembic import command
    from alembic.config import Config

    from duban.store.db import MIGRATIONS, database_url

    engine = create_engine(database_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0005")
    docs = [("a" * 16, "宁波市镇海区", 2022, "work_plan"), ("b" * 16, "镇海区", 2024, "completion_report"),
            ("c" * 16, "国务院", 2014, "work_report"), ("d" * 16, None, None, "five_year"),
            ("e" * 16, "XX区人民政府", 2024, "work_plan"), ("f" * 16, "朝阳区", 2020, "work_plan")]
    texts = {"f" * 16: "长春市朝阳区政府工作报告。长春的发展……"}
    # the tables as they were at 0005 (explicit columns: later models may have more)
    documents = sa.table("documents", *(sa.column(c) for c in (
        "id", "sha256", "path", "title", "jurisdiction", "year", "kind", "source_format", "encoding", "text",
        "chars", "n_targets", "n_measurements")), sa.column("chrome", sa.JSON), sa.column("ingested_at", sa.DateTime))
    targets = sa.table("targets", *(sa.column(c) for c in (
        "document_id", "key", "ordinal", "text", "start", "end", "section", "top_section", "kind", "horizon",
        "machine_status", "machine_flags", "status", "tier")), sa.column("section_path", sa.JSON),
        sa.column("mentions", sa.JSON))
    with engine.begin() as conn:
        for doc_id, place, year, kind in docs:
            conn.execute(documents.insert().values(
                id=doc_id, sha256=doc_id * 4, path=None, title=None, jurisdiction=place, year=year, kind=kind,
                source_format="txt", encoding="utf-8", text=texts.get(doc_id, "正文"), chrome=[], chars=2,
                n_targets=1, n_measurements=0, ingested_at=datetime(2024, 1, 1)))
        conn.execute(targets.insert().values(
            document_id="d" * 16, key="t1", ordinal=0, text="到2025年达到", start=0, end=6, section="",
            section_path=[], top_section="", kind="qualitative", horizon=2025, machine_status="unassessed",
            machine_flags="", status="unassessed", tier="headline", mentions=[]))
    engine.dispose()
    db = Database(db_url)  # migrates to the newest revision
    with db.session() as s:
        places = {dp.document_id: dp for dp in s.scalars(select(DocumentPlaceRow))}
        assert len(places) == len(docs)
        ids = {d: places[d * 16].jurisdiction_id for d in "abcdef"}
        assert ids["a"] == ids["b"] == _zhenhai(s).id
        assert s.get(JurisdictionRow, ids["c"]).level == "national"
        assert ids["d"] is None and ids["e"] is None  # no place, masked place
        assert s.get(JurisdictionRow, ids["f"]).code == "220104"  # 长春市朝阳区, by its text
        assert (places["d" * 16].period_start, places["d" * 16].period_end) == (2021, 2025)
        assert places["a" * 16].year == 2022 and places["a" * 16].machine_name == "宁波市镇海区"
        aliases = set(s.scalars(select(JurisdictionAliasRow.alias)))
        assert {"宁波市镇海区", "镇海区", "全国", "朝阳区"} <= aliases
    db.dispose()


def test_a_correction_keeps_the_machine_reading(district):
    with district.session() as s:
        five = _doc(s, "five_year")
        correct_document(s, five.id, "alice", jurisdiction="宁波市镇海区", year=2021, period=(2021, 2025),
                         note="十四五规划纲要")
        five_id, zhenhai = five.id, _zhenhai(s).id
    with district.session() as s:
        dp = s.get(DocumentPlaceRow, five_id)
        assert (dp.machine_name, dp.machine_jurisdiction_id, dp.machine_year) == (None, None, None)
        assert (dp.corrected_jurisdiction_id, dp.corrected_year, dp.corrected_by) == (zhenhai, 2021, "alice")
        assert (dp.jurisdiction_id, dp.year, dp.period_start, dp.period_end) == (zhenhai, 2021, 2021, 2025)
        doc = s.get(DocumentRow, five_id)
        assert (doc.jurisdiction, doc.year) == ("宁波市镇海区", 2021)  # the ledger's filters follow
        targets = select(TargetRow.jurisdiction).where(TargetRow.document_id == five_id)
        assert set(s.scalars(targets)) == {"宁波市镇海区"}
        audit = s.scalar(select(AuditRow).where(AuditRow.action == "place_correction"))
        assert audit.actor == "alice" and audit.subject == f"document:{five_id}"
        assert audit.detail["before"]["jurisdiction"] is None
        assert audit.detail["after"]["jurisdiction"] == "宁波市镇海区"
        assert audit.detail["after"]["period"] == [2021, 2025] and audit.detail["note"] == "十四五规划纲要"
        register_document(s, doc)  # the machine reads again: the correction stays
        assert s.get(DocumentPlaceRow, five_id).jurisdiction_id == zhenhai
        correct_document(s, five_id, "alice", jurisdiction=None, year=None, period=None)
    with district.session() as s:
        dp = s.get(DocumentPlaceRow, five_id)
        assert (dp.jurisdiction_id, dp.year, dp.period_start, dp.corrected_by) == (None, None, None, None)
        assert s.get(DocumentRow, five_id).jurisdiction is None
        assert s.scalar(select(func.count()).select_from(AuditRow).where(AuditRow.action == "place_correction")) == 2


def test_a_year_alone_can_be_corrected(district):
    with district.session() as s:
        plan = _doc(s, "work_plan", 2022)
        correct_document(s, plan.id, "bob", year=2023)
        dp = s.get(DocumentPlaceRow, plan.id)
        assert (dp.machine_year, dp.year, dp.jurisdiction_id) == (2022, 2023, _zhenhai(s).id)
        assert plan.jurisdiction == "宁波市镇海区"  # the place as the machine wrote it stays
        assert set(s.scalars(select(TargetRow.year).where(TargetRow.document_id == plan.id))) == {2023}


@pytest.mark.parametrize(("fields", "message"), [
    ({"jurisdiction": "某某区"}, "不是可识别的地区名称"),
    ({"jurisdiction": "XX区人民政府"}, "不是可识别的地区名称"),
    ({"year": 1800}, "年份须在"),
    ({"period": (2025, 2021)}, "期间"),
    ({"period": (2021, None)}, "同时给出"),
])
def test_bad_corrections_are_refused_without_a_trace(district, fields, message):
    with district.session() as s:
        doc_id = _doc(s, "five_year").id
        before = s.scalar(select(func.count()).select_from(AuditRow))
    with pytest.raises(DubanError, match=message), district.session() as s:
        correct_document(s, doc_id, "alice", **fields)
    with district.session() as s:
        dp = s.get(DocumentPlaceRow, doc_id)
        assert (dp.corrected_jurisdiction_id, dp.corrected_year, dp.corrected_period_start) == (None, None, None)
        assert s.scalar(select(func.count()).select_from(AuditRow)) == before
    with pytest.raises(DubanError, match="没有文件"), district.session() as s:
        correct_document(s, "0" * 16, "alice", year=2020)


def test_merge_and_unmerge(district):
    with district.session() as s:
        plan = _doc(s, "work_plan", 2022)
        other = place_for(s, "璟岚市霁屿区", source="reviewer")  # a spelling the list does not know
        correct_document(s, plan.id, "alice", jurisdiction=other.id)
        zhenhai = _zhenhai(s).id
        assert s.get(DocumentPlaceRow, plan.id).jurisdiction_id == other.id
        merge(s, other.id, zhenhai, "alice", "同一地区")
        assert s.get(DocumentPlaceRow, plan.id).jurisdiction_id == zhenhai
        assert survivor(s, other.id) == zhenhai
        assert place_for(s, "璟岚市霁屿区").id == zhenhai  # its spelling now finds the survivor
        assert s.get(DocumentPlaceRow, plan.id).corrected_jurisdiction_id == other.id  # the correction is kept
        with pytest.raises(DubanError, match="已并入"):
            merge(s, other.id, zhenhai, "alice")
        with pytest.raises(DubanError, match="自己"):
            merge(s, zhenhai, zhenhai, "alice")
        nation = s.scalar(select(JurisdictionRow).where(JurisdictionRow.level == "national"))
        with pytest.raises(DubanError, match="全国"):
            merge(s, zhenhai, nation.id, "alice")
        unmerge(s, other.id, "alice")
        assert s.get(DocumentPlaceRow, plan.id).jurisdiction_id == other.id
        actions = list(s.scalars(select(AuditRow.action).where(AuditRow.action.like("place_%")).order_by(AuditRow.id)))
        assert actions == ["place_correction", "place_merge", "place_unmerge"]
        with pytest.raises(DubanError, match="没有被合并"):
            unmerge(s, other.id, "alice")


def test_edit_a_place(district):
    with district.session() as s:
        other = place_for(s, "禾阳市", source="reviewer")
        assert other.level == "city" and s.get(JurisdictionRow, other.parent_id).level == "national"
        edit_place(s, other.id, "alice", level="county", parent="宁波市", note="县级市")
        assert other.level == "county" and s.get(JurisdictionRow, other.parent_id).code == "330200"
        edit_place(s, other.id, "alice", level=KEEP, parent=None)
        assert other.parent_id is None and other.level == "county"
        city = s.scalar(select(JurisdictionRow).where(JurisdictionRow.code == "330200"))
        with pytest.raises(DubanError, match="上级"):
            edit_place(s, city.id, "alice", parent=_zhenhai(s).id)  # its own child
        with pytest.raises(DubanError, match="层级"):
            edit_place(s, city.id, "alice", level="galaxy")


@pytest.mark.postgres
def test_concurrent_ingests_share_one_record(db_url):
    """PostgreSQL: a record another transaction committed meanwhile is found, the document's own transaction
    goes on (a savepoint around the insert)."""
    if not db_url.startswith("postgresql"):
        pytest.skip("SQLite serialises writers")
    db = Database(db_url)
    with db.session() as s:
        nation = JurisdictionRow(name="全国", full_name="全国", level="national", source="machine")
        with db.session() as other:  # a second connection commits the same record first
            other.add(JurisdictionRow(name="全国", full_name="全国", level="national", source="machine"))
        found = _insert(s, nation, lambda: s.scalar(select(JurisdictionRow).where(JurisdictionRow.full_name == "全国")))
        assert found.id is not None and found is not nation
        assert s.scalar(select(func.count()).select_from(JurisdictionRow)) == 1
    db.dispose()
