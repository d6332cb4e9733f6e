"""One metric across places: the panel (every place's target and result for every year, the table economists
build by hand), a year's comparison sorted by the gap between result and target, and the list of metrics
with targets. Remembered per data version."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..lang.metrics import vocabulary
from ..places.model import TargetPoint
from ..places.series import build, main_basis, metric_label
from ..records import BASIS_LABELS, DIRECTION_LABELS
from .models import IndicatorRow, TargetRow
from .models_places import DocumentPlaceRow, JurisdictionRow
from .places import _plan_years, _pool, place_json, remember_json
from .places_load import DocInfo, documents, results, target_points


def metrics_index(session: Session) -> dict:
    return remember_json(session, "places:metrics", (), lambda: _metrics_index(session))


def _metrics_index(session: Session) -> dict:
    vocab = {m.id: m for m in vocabulary()}
    rows = session.execute(
        select(IndicatorRow.metric_id, func.count(func.distinct(DocumentPlaceRow.jurisdiction_id)),
               func.count(func.distinct(DocumentPlaceRow.year)), func.count(),
               func.sum(case((TargetRow.tier == "headline", 1), else_=0)),
               func.min(DocumentPlaceRow.year), func.max(DocumentPlaceRow.year))
        .join(TargetRow, TargetRow.id == IndicatorRow.target_id)
        .join(DocumentPlaceRow, DocumentPlaceRow.document_id == TargetRow.document_id)
        .where(IndicatorRow.metric_id.is_not(None), DocumentPlaceRow.jurisdiction_id.is_not(None))
        .group_by(IndicatorRow.metric_id)).all()
    out = []
    for mid, places, years, targets, headline, first, last in rows:
        m = vocab.get(mid)
        out.append({"metric_id": mid, "label": m.label if m else mid, "domain": m.domain if m else "",
                    "direction": m.direction if m else None,
                    "direction_label": DIRECTION_LABELS.get(m.direction, "") if m else "",
                    "headline_metric": bool(m and m.headline), "places": places, "years": years,
                    "targets": targets, "headline_targets": int(headline or 0), "first_year": first,
                    "last_year": last})
    out.sort(key=lambda r: (-r["headline_targets"], -r["places"], r["metric_id"]))
    return {"metrics": out}


def metric_series(session: Session, metric_id: str, basis: str | None = None,
                  level: str | None = None) -> tuple[str | None, list[tuple[dict, dict]]]:
    """Every place's series of the metric (on one basis: the given one, else the one most targets use), as
    (place, series JSON) pairs."""
    chosen, pairs = remember_json(session, "places:metric_series", (metric_id, basis, level),
                                  lambda: _metric_series(session, metric_id, basis, level))
    return chosen, [(place, series) for place, series in pairs]


def _metric_series(session: Session, metric_id: str, basis: str | None,
                   level: str | None) -> tuple[str | None, list[tuple[dict, dict]]]:
    places = {r.id: r for r in session.scalars(select(JurisdictionRow))}
    wanted = [pid for pid, r in places.items() if r.merged_into_id is None and (level is None or r.level == level)]
    docs = documents(session, wanted) if level is not None else documents(session)
    points = target_points(session, docs, {metric_id})
    chosen = basis or main_basis(points)
    if chosen is None:
        return None, []
    pool = _pool(points, results(session, docs, {metric_id})).get(metric_id, [])
    by_place: dict[int, list[TargetPoint]] = {}
    for p in points:
        if p.place_id is not None:
            by_place.setdefault(p.place_id, []).append(p)
    pool_by_place: dict[int, list] = {}
    place_of = {d: info.place_id for d, info in docs.items()}
    for r in pool:
        pid = place_of.get(r.source.document_id)
        if pid is not None:
            pool_by_place.setdefault(pid, []).append(r)
    docs_by_place: dict[int, dict[str, DocInfo]] = {}
    for d, info in docs.items():
        if info.place_id is not None:
            docs_by_place.setdefault(info.place_id, {})[d] = info
    out = []
    for pid, pts in by_place.items():
        s = build(pid, metric_id, pts, pool_by_place.get(pid, []), _plan_years(docs_by_place.get(pid, {})), chosen)
        if s is not None and pid in places:
            row = places[pid]
            out.append((place_json(row, places.get(row.parent_id) if row.parent_id else None), s.to_json()))
    out.sort(key=lambda ps: (ps[0]["level"] != "national", ps[0]["level"] != "province", ps[0]["full_name"]))
    return chosen, out


def metric_overview(session: Session, metric_id: str, basis: str | None = None, level: str | None = None) -> dict:
    chosen, pairs = metric_series(session, metric_id, basis, level)
    years = sorted({r["year"] for _, s in pairs for r in s["rows"]})
    bases = sorted({b for _, s in pairs for b in [s["basis"], *s["bases"]]})
    return {
        "metric_id": metric_id, "label": metric_label(metric_id), "basis": chosen, "bases": bases,
        "basis_labels": {b: BASIS_LABELS.get(b, b) for b in bases}, "level": level, "years": years,
        "places": [{"place": place, "misses": s["misses"], "current_streak": s["current_streak"],
                    "longest_streak": s["longest_streak"], "cells": {str(r["year"]): _cell(r) for r in s["rows"]}}
                   for place, s in pairs],
    }


def _cell(r: dict) -> dict:
    t, res = r["target"], r["result"]
    return {"target": t["figure"] if t else None, "target_id": t["target_id"] if t else None,
            "target_source": t["source"] if t else None, "result": res["figure"] if res else None,
            "result_source": res["source"] if res else None, "status": r["status"], "missed": r["missed"],
            "gap": r["gap"], "move": r["move"]["kind"] if r["move"] else None}


def compare(session: Session, metric_id: str, year: int, basis: str | None = None, level: str | None = None,
            sort: str = "gap") -> dict:
    """Every place with a target or a result for ``metric_id`` in ``year``: the biggest shortfall first."""
    chosen, pairs = metric_series(session, metric_id, basis, level)
    rows = []
    for place, s in pairs:
        row = next((r for r in s["rows"] if r["year"] == year), None)
        if row is None or (row["target"] is None and row["result"] is None):
            continue
        rows.append({"place": place, **row})
    keys = {
        "gap": lambda r: (r["gap"] is None, r["gap"] if r["gap"] is not None else 0, r["place"]["full_name"]),
        "target": lambda r: (r["target"] is None, -(r["target"] or {}).get("value", 0), r["place"]["full_name"]),
        "result": lambda r: (r["result"] is None, -(r["result"] or {}).get("value", 0), r["place"]["full_name"]),
        "place": lambda r: r["place"]["full_name"],
    }
    rows.sort(key=keys.get(sort, keys["gap"]))
    years = sorted({r["year"] for _, s in pairs for r in s["rows"] if r["target"] or r["result"]})
    return {"metric_id": metric_id, "label": metric_label(metric_id), "basis": chosen,
            "basis_label": BASIS_LABELS.get(chosen or "", ""), "year": year, "level": level, "sort": sort,
            "years": years, "rows": rows,
            "summary": {"places": len(rows), "with_result": sum(1 for r in rows if r["result"] is not None),
                        "missed": sum(1 for r in rows if r["missed"]),
                        "below_target": sum(1 for r in rows if r["gap"] is not None and r["gap"] < 0)}}


def panel(session: Session, metric_id: str, basis: str | None = None, level: str | None = None) -> dict:
    """The tidy panel: one row per place and year, every value with its source (places/tables.py rows)."""
    from ..places.tables import series_rows

    chosen, pairs = metric_series(session, metric_id, basis, level)
    rows = []
    for place, s in pairs:
        rows += series_rows(place, s)
    return {"metric_id": metric_id, "label": metric_label(metric_id), "basis": chosen, "level": level,
            "rows": rows}
