"""Reading the ledger into the records of places/ (targets with the engine's answers, reported figures), by
place and metric, in a few set-based queries: the series pages of a 100,000-target ledger read only the rows
of one place or one metric."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from ..lang.quantities import normalise_unit
from ..places.model import Result, Source, TargetPoint
from ..places.series import target_rank
from ..records import Indicator, Measurement
from .models import DocumentRow, IndicatorRow, ItemRow, MeasurementRow, RunRow, TargetRow, VerdictRow
from .models_places import DocumentPlaceRow

CHUNK = 5000
TARGET_REACH = 1000


@dataclass(frozen=True, slots=True)
class DocInfo:
    id: str
    place_id: int | None
    year: int | None
    period_start: int | None
    period_end: int | None
    kind: str
    title: str | None


def _chunks(values: Iterable, size: int = CHUNK):
    items = list(values)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def documents(session: Session, place_ids: Iterable[int] | None = None,
              doc_ids: Iterable[str] | None = None) -> dict[str, DocInfo]:
    """The documents of some places (or all placed documents), with their effective year and period."""
    stmt = (select(DocumentPlaceRow.document_id, DocumentPlaceRow.jurisdiction_id, DocumentPlaceRow.year,
                   DocumentPlaceRow.period_start, DocumentPlaceRow.period_end, DocumentRow.kind, DocumentRow.title)
            .join(DocumentRow, DocumentRow.id == DocumentPlaceRow.document_id))
    out: dict[str, DocInfo] = {}
    if doc_ids is not None:
        for part in _chunks(doc_ids):
            for row in session.execute(stmt.where(DocumentPlaceRow.document_id.in_(part))):
                out[row[0]] = DocInfo(*row)
        return out
    if place_ids is not None:
        for part in _chunks(place_ids):
            for row in session.execute(stmt.where(DocumentPlaceRow.jurisdiction_id.in_(part))):
                out[row[0]] = DocInfo(*row)
        return out
    for row in session.execute(stmt.where(DocumentPlaceRow.jurisdiction_id.is_not(None))):
        out[row[0]] = DocInfo(*row)
    return out


def _norm(value: float | None, unit: str) -> tuple[float | None, str]:
    factor, base = normalise_unit(unit)
    return (value * factor if value is not None else None), base


def _indicator(r) -> Indicator:
    return Indicator(metric=r.metric, op=r.op, value=r.value, unit=r.unit, basis=r.basis, span=(r.start, r.end),
                     value_high=r.value_high, norm_value=r.norm_value, base_unit=r.base_unit, hedge=r.hedge,
                     metric_id=r.metric_id, direction=r.direction)


def target_points(session: Session, docs: dict[str, DocInfo], metric_ids: Iterable[str] | None = None,
                  headline_only: bool = False, goals_only: bool = False) -> list[TargetPoint]:
    """Every indicator with a metric id in ``docs`` (of ``metric_ids``), as target points with the engine's
    newest answer. ``goals_only``: only targets due after their plan's year, and a five-year document's."""
    if not docs:
        return []
    cols = (IndicatorRow.id.label("ind_id"), IndicatorRow.target_id, IndicatorRow.ordinal.label("ind_ordinal"),
            IndicatorRow.metric, IndicatorRow.op, IndicatorRow.value, IndicatorRow.value_high, IndicatorRow.unit,
            IndicatorRow.norm_value, IndicatorRow.base_unit, IndicatorRow.basis, IndicatorRow.hedge,
            IndicatorRow.start, IndicatorRow.end, IndicatorRow.metric_id, IndicatorRow.direction,
            TargetRow.document_id, TargetRow.ordinal, TargetRow.text, TargetRow.start.label("t_start"),
            TargetRow.end.label("t_end"), TargetRow.horizon, TargetRow.tier, TargetRow.status,
            TargetRow.machine_status, TargetRow.review_status)
    stmt = select(*cols).join(TargetRow, TargetRow.id == IndicatorRow.target_id)
    metric_list = sorted(set(metric_ids)) if metric_ids is not None else None
    if metric_list is not None:
        if not metric_list:
            return []
        stmt = stmt.where(IndicatorRow.metric_id.in_(metric_list))
    else:
        stmt = stmt.where(IndicatorRow.metric_id.is_not(None))
    if headline_only:
        stmt = stmt.where(TargetRow.tier == "headline")
    if goals_only:
        five = [d for d, info in docs.items() if info.kind == "five_year"]
        stmt = stmt.join(DocumentPlaceRow, DocumentPlaceRow.document_id == TargetRow.document_id).where(
            (TargetRow.horizon > DocumentPlaceRow.year) | TargetRow.document_id.in_(five))
    rows = []
    for part in _chunks(docs):
        rows += session.execute(stmt.where(TargetRow.document_id.in_(part))).all()
    target_ids = {r.target_id for r in rows}
    counts: dict[int, int] = {}
    for part in _chunks(target_ids):
        counts.update(session.execute(select(IndicatorRow.target_id, func.count()).where(
            IndicatorRow.target_id.in_(part)).group_by(IndicatorRow.target_id)).all())
    answers = _answers(session, target_ids, docs)
    points = []
    wanted: list[tuple[TargetPoint, dict, str]] = []
    for r in rows:
        doc = docs[r.document_id]
        horizon = r.horizon
        if doc.kind == "five_year" and horizon is None:
            horizon = doc.period_end
        ind = _indicator(r)
        source = Source(r.document_id, (r.t_start, r.t_end), r.text, doc.title, doc.kind, doc.year)
        point = TargetPoint(r.target_id, r.ind_id, doc.place_id, doc.year, horizon, r.tier, ind, r.text, source,
                            doc.kind, target_rank(doc.kind, r.tier, r.ordinal, r.ind_ordinal), doc.period_start,
                            r.status, r.machine_status, r.review_status, counts.get(r.target_id, 1))
        found = answers.get(r.target_id)
        if found is not None:
            point.run_id = found[0]
            point.answer_status = found[1]
            entry = _entry(found[2], ind)
            if entry is not None:
                point.answer_status = entry.get("status") or found[1]
                if entry.get("actual") and found[3] is not None and doc.year is not None:
                    wanted.append((point, entry, found[3]))
        points.append(point)
    _attach_answers(session, wanted, docs)
    return points


def _answers(session: Session, target_ids: set[int], docs: dict[str, DocInfo]) -> dict[int, tuple]:
    """target id → (run id, the target's verdict status, the item's indicators, the completion document id)
    from the newest run that judged it."""
    newest: dict[int, tuple[int, int | None, str]] = {}
    for part in _chunks(target_ids):
        for tid, run_id, item_id, status in session.execute(
                select(VerdictRow.target_id, VerdictRow.run_id, VerdictRow.item_id, VerdictRow.status)
                .where(VerdictRow.target_id.in_(part))):
            if tid not in newest or run_id > newest[tid][0]:
                newest[tid] = (run_id, item_id, status)
    items: dict[int, tuple[list, str]] = {}
    item_ids = {v[1] for v in newest.values() if v[1] is not None}
    for part in _chunks(item_ids):
        for item_id, payload, completion_id in session.execute(
                select(ItemRow.id, ItemRow.payload, RunRow.completion_id).join(RunRow, RunRow.id == ItemRow.run_id)
                .where(ItemRow.id.in_(part))):
            items[item_id] = ((payload or {}).get("indicators") or [], completion_id)
    out = {}
    for tid, (run_id, item_id, status) in newest.items():
        indicators, completion = items.get(item_id, ([], None)) if item_id is not None else ([], None)
        out[tid] = (run_id, status, indicators, completion)
    return out


def _entry(indicators: list[dict], ind: Indicator) -> dict | None:
    for e in indicators:
        if list(e.get("span") or []) == list(ind.span) and e.get("metric_id") == ind.metric_id:
            return e
    same = [e for e in indicators if e.get("metric_id") == ind.metric_id and e.get("value") == ind.value]
    return same[0] if len(same) == 1 else None


def _attach_answers(session: Session, wanted: list[tuple[TargetPoint, dict, str]], docs: dict[str, DocInfo]) -> None:
    """The engine's figures as results, each with the clause that states it in the completion document (its
    measurement, found by where the figure starts; the figure alone when there is none)."""
    if not wanted:
        return
    completions = {c for _, _, c in wanted}
    infos = {**documents(session, doc_ids=completions - set(docs)), **docs}
    starts = {(c, int((e["actual"].get("span") or [0])[0])) for _, e, c in wanted}
    clauses: dict[tuple[str, int], tuple[str, int, int]] = {}
    positions = sorted({v for _, v in starts})
    for docs_part in _chunks(sorted(completions), 500):
        for pos_part in _chunks(positions, 2000):
            for doc_id, value_start, text, start, end in session.execute(
                    select(MeasurementRow.document_id, MeasurementRow.value_start, MeasurementRow.text,
                           MeasurementRow.start, MeasurementRow.end)
                    .where(MeasurementRow.document_id.in_(docs_part), MeasurementRow.value_start.in_(pos_part))):
                if (doc_id, value_start) in starts:
                    clauses.setdefault((doc_id, value_start), (text, start, end))
    for point, entry, completion_id in wanted:
        actual = entry["actual"]
        span = tuple(actual.get("span") or (0, 0))
        clause = clauses.get((completion_id, span[0]))
        if clause is not None:
            quote, where = clause[0], (clause[1], clause[2])
        else:  # the figure alone
            quote = session.scalar(select(func.substr(DocumentRow.text, span[0] + 1, span[1] - span[0]))
                                   .where(DocumentRow.id == completion_id)) or ""
            where = span
        norm, base = _norm(actual.get("value"), actual.get("unit") or "")
        m = Measurement(metric=entry.get("metric") or "", value=actual["value"], unit=actual.get("unit") or "",
                        basis=entry.get("basis") or "", text=quote, span=where, value_span=span,
                        value_high=actual.get("value_high"), norm_value=norm, base_unit=base,
                        flags=list(actual.get("flags") or []), metric_id=entry.get("metric_id"), year=point.year)
        info = infos.get(completion_id)
        source = Source(completion_id, where, quote, info.title if info else None, info.kind if info else None,
                        info.year if info else None)
        point.answer = Result(point.year, m, source, "assessment")


def results(session: Session, docs: dict[str, DocInfo], metric_ids: Iterable[str]) -> list[Result]:
    """The figures the documents report for ``metric_ids`` with the year they are for (restated targets,
    whose figures the extractor may read as results, left out)."""
    metric_list = sorted(set(metric_ids))
    if not docs or not metric_list:
        return []
    cols = (MeasurementRow.document_id, MeasurementRow.metric, MeasurementRow.value, MeasurementRow.value_high,
            MeasurementRow.unit, MeasurementRow.basis, MeasurementRow.text, MeasurementRow.start, MeasurementRow.end,
            MeasurementRow.value_start, MeasurementRow.value_end, MeasurementRow.flags, MeasurementRow.metric_id,
            MeasurementRow.year)
    t = TargetRow.__table__.alias("t")
    # a target sentence holding the figure starts at most TARGET_REACH characters before it (index seek)
    restated = exists().where(t.c.document_id == MeasurementRow.document_id, t.c.start <= MeasurementRow.value_start,
                              t.c.start >= MeasurementRow.value_start - TARGET_REACH,
                              t.c.end >= MeasurementRow.value_end)
    rows = []
    for part in _chunks(docs):  # a figure inside a target sentence is a restated target, not a result
        rows += session.execute(select(*cols).where(MeasurementRow.document_id.in_(part),
                                                    MeasurementRow.metric_id.in_(metric_list), ~restated)).all()
    out = []
    for r in rows:
        doc = docs[r.document_id]
        year = r.year
        if year is None and "cumulative" not in (r.flags or []):
            continue
        norm, base = _norm(r.value, r.unit)
        m = Measurement(metric=r.metric, value=r.value, unit=r.unit, basis=r.basis, text=r.text,
                        span=(r.start, r.end), value_span=(r.value_start, r.value_end), value_high=r.value_high,
                        norm_value=norm, base_unit=base, flags=list(r.flags or []), metric_id=r.metric_id, year=year)
        source = Source(r.document_id, (r.start, r.end), r.text, doc.title, doc.kind, doc.year)
        out.append(Result(year, m, source, "measurement"))
    return out
