"""Jurisdiction records and each document's place: filed at ingest (``register_document``, called by
write.py), corrected by reviewers (``correct_document``), merged and unmerged, edited — each change with an
audit row; the machine's reading is never overwritten (docs/places.md)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..places.gazetteer import gazetteer
from ..places.names import LEVEL_LABELS, NATIONAL, Node, clean, label, resolve
from .models import AuditRow, DocumentRow, TargetRow, now
from .models_places import DocumentPlaceRow, JurisdictionAliasRow, JurisdictionRow

FIVE_YEAR_SPAN = 5
T = TypeVar("T")
LEVELS = tuple(LEVEL_LABELS)
YEARS = (1949, 2100)


class _Keep:
    """A field a correction leaves as it is."""

    def __repr__(self) -> str:
        return "KEEP"


KEEP: Any = _Keep()


def survivor(session: Session, place_id: int | None) -> int | None:
    """The jurisdiction a (possibly merged) record stands for now."""
    seen: set[int] = set()
    while place_id is not None and place_id not in seen:
        seen.add(place_id)
        row = session.get(JurisdictionRow, place_id)
        if row is None or row.merged_into_id is None:
            return place_id
        place_id = row.merged_into_id
    return place_id


def _find(session: Session, node: Node) -> JurisdictionRow | None:
    if node.code is not None:
        row = session.scalar(select(JurisdictionRow).where(JurisdictionRow.code == node.code))
        if row is not None:
            return row
    return session.scalar(select(JurisdictionRow).where(JurisdictionRow.full_name == node.full_name))


def _bare_match(session: Session, node: Node) -> JurisdictionRow | None:
    """A name written without its parent (霁屿区) that one known place of that level carries."""
    rows = session.scalars(select(JurisdictionRow).where(JurisdictionRow.name == node.name,
                                                         JurisdictionRow.level == node.level,
                                                         JurisdictionRow.merged_into_id.is_(None))).all()
    return rows[0] if len(rows) == 1 else None


def _insert(session: Session, row: T, again: Callable[[], T | None]) -> T:
    """Insert ``row``; when a concurrent ingest inserted the same record first (PostgreSQL: a unique
    violation, inside a savepoint so the document's transaction goes on), that record. SQLite serialises
    the writing transactions, so there is nothing to race with."""
    if session.get_bind().dialect.name != "postgresql":
        session.add(row)
        session.flush()
        return row
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        found = again()
        if found is None:
            raise
        return found
    return row


def _upsert(session: Session, nodes: list[Node], source: str) -> JurisdictionRow:
    if nodes[0].level != "national":
        nodes = [NATIONAL, *nodes]
    parent: JurisdictionRow | None = None
    uncoded_chain = len(nodes) == 2 and nodes[-1].code is None  # one unit the gazetteer does not know
    for i, node in enumerate(nodes):
        row = _find(session, node)
        if row is None and uncoded_chain and i == 1:
            row = _bare_match(session, node)
        if row is None and node.code is None and parent is not None and parent.level != "national":
            # the same place filed earlier under its bare name (霁屿区), now written with its parent
            bare = session.scalar(select(JurisdictionRow).where(
                JurisdictionRow.full_name == node.name, JurisdictionRow.code.is_(None),
                JurisdictionRow.merged_into_id.is_(None)))
            if bare is not None and bare.level == node.level:
                bare.full_name, bare.parent_id = node.full_name, parent.id
                row = bare
        if row is None:
            new = JurisdictionRow(name=node.name, full_name=node.full_name, level=node.level,
                                  parent_id=parent.id if parent else None, code=node.code, source=source)
            row = _insert(session, new, lambda node=node: _find(session, node))
        parent = session.get(JurisdictionRow, survivor(session, row.id)) or row
    assert parent is not None
    return parent


def place_for(session: Session, raw: str | None, hint: str | None = None, source: str = "machine",
              create: bool = True) -> JurisdictionRow | None:
    """The jurisdiction record ``raw`` names (created with its parents the first time; the spelling kept as an
    alias), or None when it names no place. ``hint``: the document's text, for a name found at several places."""
    name = clean(raw)
    if name is None:
        return None
    alias = session.scalar(select(JurisdictionAliasRow).where(JurisdictionAliasRow.alias == name))
    if alias is not None:
        return session.get(JurisdictionRow, survivor(session, alias.jurisdiction_id))
    nodes = resolve(name, hint)
    if not nodes or not create:
        return None
    row = _upsert(session, nodes, source)
    _insert(session, JurisdictionAliasRow(alias=name, jurisdiction_id=row.id, source=source),
            lambda: session.scalar(select(JurisdictionAliasRow).where(JurisdictionAliasRow.alias == name)))
    return row


def _five_year_period(session: Session, doc: DocumentRow) -> tuple[int | None, int | None]:
    if doc.kind != "five_year":
        return None, None
    end = session.scalar(select(func.max(TargetRow.horizon)).where(TargetRow.document_id == doc.id))
    if end is None:
        return None, None
    return int(end) - FIVE_YEAR_SPAN + 1, int(end)


def _effective(session: Session, row: DocumentPlaceRow) -> None:
    place = row.corrected_jurisdiction_id if row.corrected_jurisdiction_id is not None else row.machine_jurisdiction_id
    row.jurisdiction_id = survivor(session, place)
    row.year = row.corrected_year if row.corrected_year is not None else row.machine_year
    corrected = row.corrected_period_start is not None or row.corrected_period_end is not None
    row.period_start = row.corrected_period_start if corrected else row.machine_period_start
    row.period_end = row.corrected_period_end if corrected else row.machine_period_end


def register_document(session: Session, doc: DocumentRow) -> DocumentPlaceRow:
    """File a stored document under its jurisdiction (as read) and year. Called at ingest and whenever the
    machine's reading changes (a masked place filled from the paired report); a reviewer's correction stays."""
    row = session.get(DocumentPlaceRow, doc.id)
    if row is None:
        row = DocumentPlaceRow(document_id=doc.id)
        session.add(row)
    if row.corrected_jurisdiction_id is None:  # else the document's column holds the correction
        place = place_for(session, doc.jurisdiction, doc.text)
        row.machine_name = doc.jurisdiction
        row.machine_jurisdiction_id = place.id if place is not None else None
    if row.corrected_year is None:
        row.machine_year = doc.year
    row.machine_period_start, row.machine_period_end = _five_year_period(session, doc)
    _effective(session, row)
    session.flush()
    return row


def sync(session: Session) -> int:
    """File every document that has no place record yet (a ledger written by an older duban); returns how many."""
    known = select(DocumentPlaceRow.document_id)
    docs = session.scalars(select(DocumentRow).where(DocumentRow.id.not_in(known))).all()
    for doc in docs:
        register_document(session, doc)
    return len(docs)


@dataclass
class PlaceState:
    jurisdiction: str | None
    jurisdiction_id: int | None
    year: int | None
    period: list[int | None]

    def to_json(self) -> dict:
        return {"jurisdiction": self.jurisdiction, "jurisdiction_id": self.jurisdiction_id, "year": self.year,
                "period": self.period}


def _state(session: Session, row: DocumentPlaceRow) -> PlaceState:
    place = session.get(JurisdictionRow, row.jurisdiction_id) if row.jurisdiction_id else None
    return PlaceState(label(place.full_name, place.level) if place else None, row.jurisdiction_id, row.year,
                      [row.period_start, row.period_end])


def _year(value: int | None, what: str) -> int | None:
    if value is not None and not YEARS[0] <= value <= YEARS[1]:
        raise DubanError(f"{what}须在 {YEARS[0]} 到 {YEARS[1]} 之间：{value}")
    return value


def correct_document(session: Session, document_id: str, actor: str, *, jurisdiction: Any = KEEP,
                     year: Any = KEEP, period: Any = KEEP, note: str = "") -> DocumentPlaceRow:
    """A reviewer's correction of a document's place (a name, resolved like any other, or None to go back to
    the machine's reading), year and period ((start, end) or None). Writes an audit row with before and
    after; the machine's reading stays in the record. The document's and its targets' place and year columns
    (the ledger's filters) follow the effective values."""
    doc = session.get(DocumentRow, document_id)
    if doc is None:
        raise DubanError(f"没有文件 {document_id}")
    row = session.get(DocumentPlaceRow, document_id) or register_document(session, doc)
    before = _state(session, row)
    if jurisdiction is not KEEP:
        if jurisdiction is None or (isinstance(jurisdiction, str) and not jurisdiction.strip()):
            row.corrected_jurisdiction_id = None
        else:
            place = (session.get(JurisdictionRow, jurisdiction) if isinstance(jurisdiction, int)
                     else place_for(session, jurisdiction, doc.text, source="reviewer"))
            if place is None:
                raise DubanError(f"“{jurisdiction}”不是可识别的地区名称（应以省、市、区、县等结尾，或为“全国”）")
            row.corrected_jurisdiction_id = survivor(session, place.id)
    if year is not KEEP:
        row.corrected_year = _year(year, "年份")
    if period is not KEEP:
        start, end = period if period is not None else (None, None)
        start, end = _year(start, "起始年份"), _year(end, "终止年份")
        if start is not None and end is not None and not 0 <= end - start <= 30:
            raise DubanError(f"期间 {start}–{end} 不合理（终止年份须不早于起始年份，且不超过 30 年）")
        if (start is None) != (end is None):
            raise DubanError("期间须同时给出起始年份和终止年份")
        row.corrected_period_start, row.corrected_period_end = start, end
    corrected = (row.corrected_jurisdiction_id, row.corrected_year, row.corrected_period_start) != (None, None, None)
    row.corrected_by, row.corrected_at = (actor, now()) if corrected else (None, None)
    row.note = (note.strip() or None) if corrected else None
    _effective(session, row)
    after = _state(session, row)
    _follow(session, doc, row)
    session.add(AuditRow(actor=actor, action="place_correction", subject=f"document:{document_id}",
                         detail={"before": before.to_json(), "after": after.to_json(), "note": note.strip(),
                                 "machine": {"jurisdiction": row.machine_name, "year": row.machine_year}}))
    session.flush()
    return row


def _follow(session: Session, doc: DocumentRow, row: DocumentPlaceRow) -> None:
    """The document's and its targets' denormalised place and year, as the ledger filters them."""
    place = session.get(JurisdictionRow, row.jurisdiction_id) if row.corrected_jurisdiction_id else None
    name = label(place.full_name, place.level)[:64] if place else row.machine_name
    year = row.corrected_year if row.corrected_year is not None else row.machine_year
    if (doc.jurisdiction, doc.year) != (name, year):
        doc.jurisdiction, doc.year = name, year
        session.execute(update(TargetRow).where(TargetRow.document_id == doc.id).values(jurisdiction=name, year=year))


def _refresh(session: Session, place_ids: set[int]) -> int:
    rows = session.scalars(select(DocumentPlaceRow).where(
        (DocumentPlaceRow.machine_jurisdiction_id.in_(place_ids))
        | (DocumentPlaceRow.corrected_jurisdiction_id.in_(place_ids))
        | (DocumentPlaceRow.jurisdiction_id.in_(place_ids)))).all()
    for row in rows:
        _effective(session, row)
    return len(rows)


def merge(session: Session, source_id: int, into_id: int, actor: str, note: str = "") -> JurisdictionRow:
    """File everything of ``source_id`` under ``into_id`` (two spellings of one place). The merged record stays,
    pointing at the survivor, so that its spellings keep finding it and the merge can be undone."""
    source, into = session.get(JurisdictionRow, source_id), session.get(JurisdictionRow, survivor(session, into_id))
    if source is None or into is None:
        raise DubanError(f"没有地区 {source_id if source is None else into_id}")
    if source.merged_into_id is not None:
        raise DubanError(f"“{source.name}”已并入其他地区")
    if source.id == into.id:
        raise DubanError("不能把一个地区并入它自己")
    if source.level == "national" or into.level == "national":
        raise DubanError("全国不能与其他地区合并")
    source.merged_into_id = into.id
    session.flush()
    moved = _refresh(session, {source.id})
    session.execute(update(JurisdictionRow).where(JurisdictionRow.parent_id == source.id).values(parent_id=into.id))
    session.add(AuditRow(actor=actor, action="place_merge", subject=f"jurisdiction:{source.id}",
                         detail={"from": source.full_name, "into": into.full_name, "into_id": into.id,
                                 "documents": moved, "note": note.strip()}))
    session.flush()
    return into


def unmerge(session: Session, place_id: int, actor: str) -> JurisdictionRow:
    row = session.get(JurisdictionRow, place_id)
    if row is None or row.merged_into_id is None:
        raise DubanError(f"地区 {place_id} 没有被合并")
    into = row.merged_into_id
    row.merged_into_id = None
    session.flush()
    moved = _refresh(session, {row.id, into})
    session.add(AuditRow(actor=actor, action="place_unmerge", subject=f"jurisdiction:{row.id}",
                         detail={"from": into, "documents": moved}))
    session.flush()
    return row


def edit_place(session: Session, place_id: int, actor: str, *, level: Any = KEEP, parent: Any = KEEP,
               note: str = "") -> JurisdictionRow:
    """A reviewer sets a jurisdiction's level or parent (a name or an id; None for none)."""
    row = session.get(JurisdictionRow, place_id)
    if row is None:
        raise DubanError(f"没有地区 {place_id}")
    before = {"level": row.level, "parent_id": row.parent_id}
    if level is not KEEP:
        if level not in LEVELS:
            raise DubanError(f"未知的层级 {level!r}（{'、'.join(LEVELS)}）")
        row.level = level
    if parent is not KEEP:
        if parent is None or parent == "":
            row.parent_id = None
        else:
            target = (session.get(JurisdictionRow, parent) if isinstance(parent, int)
                      else place_for(session, parent, source="reviewer"))
            if target is None:
                raise DubanError(f"“{parent}”不是可识别的地区名称")
            target_id = survivor(session, target.id)
            ancestor: int | None = target_id
            while ancestor is not None:  # no cycles
                if ancestor == row.id:
                    raise DubanError("上级地区不能是它自己或它的下级")
                up = session.get(JurisdictionRow, ancestor)
                ancestor = up.parent_id if up else None
            row.parent_id = target_id
    row.source = "reviewer"
    session.add(AuditRow(actor=actor, action="place_edit", subject=f"jurisdiction:{row.id}",
                         detail={"before": before, "after": {"level": row.level, "parent_id": row.parent_id},
                                 "note": note.strip()}))
    session.flush()
    return row


def known_code(code: str | None) -> bool:
    return code is not None and code in gazetteer().by_code
