"""What the places pages, their JSON twins, the CLI and the exports show: jurisdictions, a place's headline
indicators over the years, one series, multi-year goals, carried-over and dropped targets (the comparisons
and panels are in places_compare.py). Everything is remembered per data version (store/cache.py)."""

from __future__ import annotations

import json
from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..lang.metrics import vocabulary
from ..places import carryover as carry
from ..places.goals import goals as find_goals
from ..places.model import Result, Series, Source, TargetPoint
from ..places.names import LEVEL_LABELS, label
from ..places.series import build, main_basis, metric_label
from ..records import BASIS_LABELS, DIRECTION_LABELS, KIND_LABELS
from .cache import remember
from .models import DocumentRow, IndicatorRow, TargetRow
from .models_places import DocumentPlaceRow, JurisdictionAliasRow, JurisdictionRow
from .places_load import DocInfo, documents, results, target_points

PLAN_KINDS = ("work_report", "work_plan", "task_breakdown")


def remember_json(session: Session, name: str, args: tuple, compute: Callable[[], object]):
    """``remember`` for data: kept as JSON text and parsed for each use. A page's data is thousands of small
    objects; kept as they are, a few hundred pages make every full garbage collection of the server process
    take a third of a second. One string per entry costs the collector nothing, a parse a few milliseconds."""
    return json.loads(remember(session, name, args, lambda: json.dumps(compute(), ensure_ascii=False), len))


def place_json(row: JurisdictionRow, parent: JurisdictionRow | None = None) -> dict:
    return {"id": row.id, "name": row.name, "full_name": row.full_name, "label": label(row.full_name, row.level),
            "level": row.level, "level_label": LEVEL_LABELS.get(row.level, row.level), "code": row.code,
            "parent": {"id": parent.id, "label": label(parent.full_name, parent.level)} if parent else None,
            "merged_into": row.merged_into_id, "source": row.source}


def _labels(session: Session) -> dict[int, JurisdictionRow]:
    return {r.id: r for r in session.scalars(select(JurisdictionRow))}


def places_index(session: Session) -> dict:
    return remember_json(session, "places:index", (), lambda: _places_index(session))


def _places_index(session: Session) -> dict:
    rows = _labels(session)
    stats = {pid: (n, lo, hi, targets) for pid, n, lo, hi, targets in session.execute(
        select(DocumentPlaceRow.jurisdiction_id, func.count(), func.min(DocumentPlaceRow.year),
               func.max(DocumentPlaceRow.year), func.sum(DocumentRow.n_targets))
        .join(DocumentRow, DocumentRow.id == DocumentPlaceRow.document_id)
        .where(DocumentPlaceRow.jurisdiction_id.is_not(None)).group_by(DocumentPlaceRow.jurisdiction_id))}
    order = {lv: n for n, lv in enumerate(LEVEL_LABELS)}
    places = []
    for r in rows.values():
        if r.merged_into_id is not None:
            continue
        n, lo, hi, targets = stats.get(r.id, (0, None, None, 0))
        places.append({**place_json(r, rows.get(r.parent_id) if r.parent_id else None), "documents": n,
                       "first_year": lo, "last_year": hi, "targets": int(targets or 0)})
    places.sort(key=lambda p: (order.get(p["level"], 9), -p["documents"], p["full_name"]))
    unplaced = [{"id": d, "title": t, "kind": k, "kind_label": KIND_LABELS.get(k, k), "year": y, "machine_name": m}
                for d, t, k, y, m in session.execute(
                    select(DocumentRow.id, DocumentRow.title, DocumentRow.kind, DocumentRow.year,
                           DocumentPlaceRow.machine_name)
                    .join(DocumentPlaceRow, DocumentPlaceRow.document_id == DocumentRow.id)
                    .where(DocumentPlaceRow.jurisdiction_id.is_(None)).order_by(DocumentRow.year, DocumentRow.id))]
    unregistered = session.scalar(select(func.count()).select_from(DocumentRow).where(
        DocumentRow.id.not_in(select(DocumentPlaceRow.document_id)))) or 0
    return {"places": [p for p in places if p["documents"] or p["level"] in ("national", "province")
                       or any(q["parent"] and q["parent"]["id"] == p["id"] for q in places)],
            "unplaced": unplaced, "unregistered": unregistered, "levels": LEVEL_LABELS}


def get_place(session: Session, place_id: int) -> JurisdictionRow | None:
    return session.get(JurisdictionRow, place_id)


def _plan_years(docs: dict[str, DocInfo]) -> set[int]:
    return {d.year for d in docs.values() if d.kind in PLAN_KINDS and d.year is not None}


def _pool(points: list[TargetPoint], found: list[Result]) -> dict[str, list[Result]]:
    """The figures per metric: what the reports give, and the engine's answers to targets (first)."""
    pool: dict[str, list[Result]] = {}
    seen: set[tuple] = set()
    for r in [*(p.answer for p in points if p.answer is not None), *found]:
        key = (r.source.document_id, r.measurement.value_span)
        if key in seen:
            continue
        seen.add(key)
        pool.setdefault(r.measurement.metric_id or "", []).append(r)
    return pool


def place_series(session: Session, place_id: int, metric_ids: set[str] | None = None,
                 headline_only: bool = True) -> tuple[dict[str, DocInfo], list[Series], list[TargetPoint], dict]:
    """The place's documents, a series per metric (its main basis), every target point and the figure pool."""
    docs = documents(session, [place_id])
    if metric_ids is None:
        metric_ids = headline_metrics(session, docs) if headline_only else None
    points = target_points(session, docs, metric_ids)
    pool = _pool(points, results(session, docs, metric_ids))
    by_metric: dict[str, list[TargetPoint]] = {}
    for p in points:
        by_metric.setdefault(p.metric_id, []).append(p)
    plan_years = _plan_years(docs)
    out = []
    for mid in sorted(metric_ids):
        s = build(place_id, mid, by_metric.get(mid, []), pool.get(mid, []), plan_years)
        if s is not None:
            out.append(s)
    return docs, out, points, pool


def headline_metrics(session: Session, docs: dict[str, DocInfo]) -> set[str]:
    """The metrics the documents set yearly headline targets on."""
    out: set[str] = set()
    ids = [d for d, info in docs.items() if info.kind != "five_year"]
    for part in (ids[i:i + 5000] for i in range(0, len(ids), 5000)):
        for mid, doc_id, horizon in session.execute(
                select(IndicatorRow.metric_id, TargetRow.document_id, TargetRow.horizon)
                .join(TargetRow, TargetRow.id == IndicatorRow.target_id)
                .where(TargetRow.document_id.in_(part), TargetRow.tier == "headline",
                       IndicatorRow.metric_id.is_not(None)).distinct()):
            year = docs[doc_id].year
            if horizon is None or year is None or horizon <= year:
                out.add(mid)
    return out


def _doc_json(doc_id: str, info: DocInfo, dp: DocumentPlaceRow | None) -> dict:
    return {"id": doc_id, "title": info.title, "kind": info.kind, "kind_label": KIND_LABELS.get(info.kind, info.kind),
            "year": info.year, "period": [info.period_start, info.period_end],
            "machine_name": dp.machine_name if dp else None,
            "corrected": bool(dp and (dp.corrected_jurisdiction_id or dp.corrected_year is not None
                                      or dp.corrected_period_start is not None))}


def _vocab_order() -> dict[str, int]:
    return {m.id: n for n, m in enumerate(vocabulary())}


def series_summary(s: Series) -> dict:
    return {"metric_id": s.metric_id, "label": s.label, "basis": s.basis, "basis_label": BASIS_LABELS.get(s.basis, ""),
            "direction": s.direction, "direction_label": DIRECTION_LABELS.get(s.direction or "", ""),
            "misses": s.misses, "current_streak": s.current_streak,
            "longest_streak": s.longest.to_json() if s.longest else None}


def place_detail(session: Session, place_id: int) -> dict | None:
    row = session.get(JurisdictionRow, place_id)
    if row is None:
        return None
    return remember_json(session, "places:detail", (place_id,), lambda: _place_detail(session, row))


def _place_detail(session: Session, row: JurisdictionRow) -> dict:
    rows = _labels(session)
    docs, series, points, _unused = place_series(session, row.id)
    goal_points = [p for p in target_points(session, docs, None, goals_only=True) if p.multi_year]
    goal_metrics = {p.metric_id for p in goal_points}
    goal_pool = _pool([p for p in points if p.metric_id in goal_metrics], results(session, docs, goal_metrics))
    goal_list = find_goals(goal_points, goal_pool)
    order = _vocab_order()
    series.sort(key=lambda s: (-s.current_streak, -s.misses, order.get(s.metric_id, 9999), s.basis))
    dps = {d.document_id: d for d in session.scalars(select(DocumentPlaceRow).where(
        DocumentPlaceRow.document_id.in_(list(docs))))} if docs else {}
    years = sorted({y for s in series for r in s.rows for y in [r.year]})
    merged = [r.id for r in rows.values() if r.merged_into_id == row.id]
    aliases = [a for (a,) in session.execute(select(JurisdictionAliasRow.alias).where(
        JurisdictionAliasRow.jurisdiction_id.in_([row.id, *merged])).order_by(JurisdictionAliasRow.alias))]
    plan_years = sorted(_plan_years(docs))
    pairs = [y for y in plan_years if y + 1 in plan_years]
    return {
        "place": place_json(row, rows.get(row.parent_id) if row.parent_id else None),
        "aliases": aliases,
        "children": [place_json(c) for c in rows.values() if c.parent_id == row.id and c.merged_into_id is None],
        "merged_from": [place_json(c) for c in rows.values() if c.merged_into_id == row.id],
        "documents": sorted((_doc_json(d, info, dps.get(d)) for d, info in docs.items()),
                            key=lambda d: (d["year"] or 0, d["kind"], d["id"])),
        "years": years,
        "series": [{**series_summary(s), "rows": [r.to_json() for r in s.rows]} for s in series],
        "streaks": [{**series_summary(s), "streak": st.to_json()}
                    for s in series for st in s.streaks if st.length >= 2],
        "goals": [g.to_json() for g in goal_list],
        "carryover_years": pairs,
        "headline_changes": _headline_changes(session, docs, pairs),
    }


def series_detail(session: Session, place_id: int, metric_id: str, basis: str | None = None) -> dict | None:
    row = session.get(JurisdictionRow, place_id)
    if row is None:
        return None
    return remember_json(session, "places:series", (place_id, metric_id, basis),
                    lambda: _series_detail(session, row, metric_id, basis))


def _series_detail(session: Session, row: JurisdictionRow, metric_id: str, basis: str | None) -> dict:
    docs = documents(session, [row.id])
    points = target_points(session, docs, {metric_id})
    pool = _pool(points, results(session, docs, {metric_id}))
    bases = sorted({p.indicator.basis for p in points if not p.multi_year and p.year is not None})
    chosen = basis or main_basis(points)
    s = build(row.id, metric_id, points, pool.get(metric_id, []), _plan_years(docs), chosen) if chosen else None
    goal_list = find_goals([p for p in points if p.multi_year], pool)
    return {"place": place_json(row, session.get(JurisdictionRow, row.parent_id) if row.parent_id else None),
            "metric_id": metric_id, "label": metric_label(metric_id), "basis": chosen, "bases": bases,
            "basis_labels": {b: BASIS_LABELS.get(b, b) for b in bases},
            "series": {**series_summary(s), **s.to_json()} if s else None,
            "goals": [g.to_json() for g in goal_list]}


# --- carried over and dropped --------------------------------------------------------------------------

def carry_targets(session: Session, docs: dict[str, DocInfo], years: set[int],
                  metrics_only: bool = False) -> dict[int, list[carry.CarryTarget]]:
    """Per year, the targets of the place's plans for it (restated completion rows are not plans); with
    ``metrics_only``, those with an indicator of the vocabulary."""
    ids = [d for d, info in docs.items() if info.year in years and info.kind in PLAN_KINDS]
    out: dict[int, list[carry.CarryTarget]] = {y: [] for y in years}
    if not ids:
        return out
    figures: dict[int, set] = {}
    metrics: dict[int, set] = {}
    stmt = (select(IndicatorRow.target_id, IndicatorRow.metric, IndicatorRow.metric_id, IndicatorRow.value,
                   IndicatorRow.unit, TargetRow.horizon, TargetRow.document_id)
            .join(TargetRow, TargetRow.id == IndicatorRow.target_id).where(TargetRow.document_id.in_(ids)))
    if metrics_only:
        stmt = stmt.where(IndicatorRow.metric_id.is_not(None))
    for tid, metric, mid, value, unit, horizon, doc_id in session.execute(stmt):
        figures.setdefault(tid, set()).add((mid or metric, round(value, 6), unit))
        year = docs[doc_id].year
        if mid and (horizon is None or year is None or horizon <= year):
            metrics.setdefault(tid, set()).add(mid)
    stmt = (select(TargetRow.id, TargetRow.document_id, TargetRow.text, TargetRow.start, TargetRow.end,
                   TargetRow.tier, TargetRow.status, TargetRow.horizon)
            .where(TargetRow.document_id.in_(ids)).order_by(TargetRow.document_id, TargetRow.ordinal))
    if metrics_only:
        stmt = stmt.where(TargetRow.id.in_(list(metrics) or [-1]))
    for r in session.execute(stmt):
        info = docs[r.document_id]
        source = Source(r.document_id, (r.start, r.end), r.text, info.title, info.kind, info.year)
        out[info.year].append(carry.CarryTarget(r.id, r.text, r.tier, r.status, source, r.horizon, None,  # type: ignore[index]
                                                frozenset(figures.get(r.id, ())), frozenset(metrics.get(r.id, ()))))
    return out


def _headline_changes(session: Session, docs: dict[str, DocInfo], years: list[int]) -> dict[str, list[dict]]:
    """Per plan year followed by another: the headline indicators dropped, demoted or new the next year."""
    labels = {m.id: m.label for m in vocabulary()}
    plans = carry_targets(session, docs, {*years, *(y + 1 for y in years)}, metrics_only=True)
    return {str(y): [c.to_json() for c in carry.headline_changes(plans[y], plans[y + 1], labels)] for y in years}


def carryover_detail(session: Session, place_id: int, year: int) -> dict | None:
    row = session.get(JurisdictionRow, place_id)
    if row is None:
        return None
    return remember_json(session, "places:carryover", (place_id, year), lambda: _carryover(session, row, year))


def _carryover(session: Session, row: JurisdictionRow, year: int) -> dict:
    docs = documents(session, [row.id])
    plans = carry_targets(session, docs, {year, year + 1})
    before, after = plans[year], plans[year + 1]
    links = carry.link(before, after, year)
    labels = {m.id: m.label for m in vocabulary()}
    kinds: dict[str, int] = {}
    for lk in links:
        kinds[lk.kind] = kinds.get(lk.kind, 0) + 1
    unfinished = sum(1 for lk in links if lk.before.status in ("not_met", "partially_met", "in_progress",
                                                                "no_evidence", "activity_only"))
    return {"place": place_json(row), "year": year, "next_year": year + 1,
            "plans": {"before": sorted({t.source.document_id for t in before}),
                      "after": sorted({t.source.document_id for t in after})},
            "task_targets": sum(1 for t in before if t.tier == "task"), "links": [lk.to_json() for lk in links],
            "kinds": kinds, "kind_labels": carry.KIND_LABELS, "unfinished_carried": unfinished,
            "headline_changes": [c.to_json() for c in carry.headline_changes(before, after, labels)]}


# --- a document's place ----------------------------------------------------------------------------------

def document_place(session: Session, doc_id: str) -> dict | None:
    """What the machine read, what reviewers corrected and what counts, for one document; suggestions when it
    has no place; the history of its place (audit rows)."""
    from ..places.names import suggest
    from .models import AuditRow
    from .places_register import register_document

    doc = session.get(DocumentRow, doc_id)
    if doc is None:
        return None
    dp = session.get(DocumentPlaceRow, doc_id) or register_document(session, doc)

    def named(pid: int | None) -> dict | None:
        row = session.get(JurisdictionRow, pid) if pid else None
        return place_json(row) if row else None

    history = [{"at": a.at.isoformat(), "actor": a.actor, "action": a.action, "detail": a.detail}
               for a in session.scalars(select(AuditRow).where(
                   AuditRow.subject == f"document:{doc_id}",
                   AuditRow.action.in_(("place_correction", "jurisdiction"))).order_by(AuditRow.id.desc()))]
    suggestions = []
    if dp.jurisdiction_id is None:
        suggestions = [{"name": s.nodes[-1].full_name, "label": label(s.nodes[-1].full_name, s.nodes[-1].level),
                        "score": s.score, "reason": s.reason} for s in suggest(doc.text)]
    return {
        "document": {"id": doc.id, "title": doc.title, "kind": doc.kind, "year": doc.year,
                     "kind_label": KIND_LABELS.get(doc.kind, doc.kind), "jurisdiction": doc.jurisdiction},
        "machine": {"name": dp.machine_name, "place": named(dp.machine_jurisdiction_id), "year": dp.machine_year,
                    "period": [dp.machine_period_start, dp.machine_period_end]},
        "corrected": {"place": named(dp.corrected_jurisdiction_id), "year": dp.corrected_year,
                      "period": [dp.corrected_period_start, dp.corrected_period_end], "by": dp.corrected_by,
                      "at": dp.corrected_at.isoformat() if dp.corrected_at else None, "note": dp.note},
        "effective": {"place": named(dp.jurisdiction_id), "year": dp.year, "period": [dp.period_start, dp.period_end]},
        "suggestions": suggestions, "history": history,
    }


def place_choices(session: Session) -> list[dict]:
    """Every jurisdiction that is not merged away, for the pickers of the correction forms."""
    rows = {r.id: r for r in session.scalars(select(JurisdictionRow))}
    return sorted(({"id": r.id, "label": label(r.full_name, r.level), "full_name": r.full_name, "level": r.level}
                   for r in rows.values() if r.merged_into_id is None), key=lambda r: r["full_name"])
