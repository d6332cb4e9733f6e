"""Targets as the ledger lists them (``target_summary`` dicts), read with plain column selects: a page
of a ledger or a whole document loads hundreds of targets, and building ORM objects for them cost more
than the queries themselves. The rows' indicators come in one further query."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from ..assess.explain import figure, metric_name
from ..records import STATUS_LABELS
from .models import IndicatorRow, TargetRow

# the columns ``target_summary`` reads (not the JSON ones: decoding them cost more than the rest of a row)
TARGET_COLUMNS = tuple(TargetRow.__table__.c[name] for name in (
    "id", "key", "document_id", "text", "start", "end", "section", "top_section", "kind", "tier", "year",
    "jurisdiction", "horizon", "status", "machine_status", "review_status", "machine_flags"))
_IN_CHUNK = 500  # ids per IN (...) list


def indicator_text(ind) -> str:
    return _indicator_text(ind.metric, ind.op, ind.value, ind.value_high, ind.unit, ind.basis, ind.metric_id)


@lru_cache(maxsize=16384)
def _indicator_text(metric: str, op: str, value: float, value_high: float | None, unit: str, basis: str | None,
                    metric_id: str | None) -> str:
    """(The same figures recur across documents and pages: each line is formatted once.)"""
    return f"{metric_name(metric, metric_id)} {figure(op, value, value_high, unit, basis)}".strip()


def target_summary(r, document_title: str | None = None, indicators: list[str] | None = None) -> dict:
    """One target for lists: ``r`` a TargetRow or a row of TARGET_COLUMNS (then give ``indicators``)."""
    return {
        "id": r.id,
        "key": r.key,
        "document_id": r.document_id,
        "document": document_title,
        "text": r.text,
        "span": [r.start, r.end],
        "section": r.section,
        "top_section": r.top_section,
        "kind": r.kind,
        "tier": r.tier,
        "year": r.year,
        "jurisdiction": r.jurisdiction,
        "horizon": r.horizon,
        "status": r.status,
        "status_label": STATUS_LABELS.get(r.status, r.status),
        "machine_status": r.machine_status,
        "review_status": r.review_status,
        "flags": [f for f in r.machine_flags.split(",") if f],
        "indicators": [indicator_text(i) for i in r.indicators] if indicators is None else indicators,
    }


def _summary_of(row: tuple, document_title: str | None, indicators: list[str]) -> dict:
    """``target_summary`` of a row of TARGET_COLUMNS, unpacked at once (a document page builds hundreds)."""
    (id_, key, document_id, text, start, end, section, top_section, kind, tier, year, jurisdiction, horizon,
     status, machine_status, review_status, machine_flags) = row
    return {"id": id_, "key": key, "document_id": document_id, "document": document_title, "text": text,
            "span": [start, end], "section": section, "top_section": top_section, "kind": kind, "tier": tier,
            "year": year, "jurisdiction": jurisdiction, "horizon": horizon, "status": status,
            "status_label": STATUS_LABELS.get(status, status), "machine_status": machine_status,
            "review_status": review_status, "flags": [f for f in machine_flags.split(",") if f],
            "indicators": indicators}


def target_rows(session: Session, stmt: Select) -> list:
    """Rows of TARGET_COLUMNS for ``stmt`` (a select of TargetRow with its filters, order and limit), read
    through the connection: plain rows, without the ORM's result processing."""
    return session.connection().execute(stmt.with_only_columns(*TARGET_COLUMNS)).all()


def indicator_texts(session: Session, target_ids: list[int] | Select) -> dict[int, list[str]]:
    """The indicators of each target as ``indicator_text`` lines: of the targets ``target_ids`` lists, or of
    those a select of their ids gives (a whole document: one subquery instead of hundreds of bound ids)."""
    out: dict[int, list[str]] = {}
    cols = (IndicatorRow.target_id, IndicatorRow.metric, IndicatorRow.op, IndicatorRow.value,
            IndicatorRow.value_high, IndicatorRow.unit, IndicatorRow.basis, IndicatorRow.metric_id)
    chunks = [target_ids] if isinstance(target_ids, Select) else \
        [target_ids[i:i + _IN_CHUNK] for i in range(0, len(target_ids), _IN_CHUNK)]
    for chunk in chunks:
        rows = session.connection().execute(select(*cols).where(IndicatorRow.target_id.in_(chunk))
                                            .order_by(IndicatorRow.target_id, IndicatorRow.ordinal)).all()
        for row in rows:
            out.setdefault(row[0], []).append(indicator_text(row))
    return out


def summaries(session: Session, stmt: Select, titles: Callable[[set[str]], Mapping[str, str]],
              ids: Select | None = None) -> list[dict]:
    """``target_summary`` for every target ``stmt`` selects, in its order; ``titles(document ids)`` gives
    the titles of the documents the rows belong to. ``ids``: a select of the same targets' ids, to read
    their indicators with (when ``stmt`` has no limit: a whole document)."""
    rows = target_rows(session, stmt)
    texts = indicator_texts(session, [r[0] for r in rows] if ids is None else ids)
    title_of = titles({r[2] for r in rows})
    return [_summary_of(r, title_of.get(r[2]), texts.get(r[0], [])) for r in rows]
