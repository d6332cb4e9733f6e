"""Targets as the ledger lists them (``target_summary`` dicts), read with plain column selects: a page
of a ledger or a whole document loads hundreds of targets, and building ORM objects for them cost more
than the queries themselves. The rows' indicators come in one further query."""

from __future__ import annotations

from collections.abc import Callable, Mapping

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
    figure_text = figure(ind.op, ind.value, ind.value_high, ind.unit, ind.basis)
    return f"{metric_name(ind.metric, ind.metric_id)} {figure_text}".strip()


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


def indicator_texts(session: Session, target_ids: list[int]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    cols = (IndicatorRow.target_id, IndicatorRow.metric, IndicatorRow.op, IndicatorRow.value,
            IndicatorRow.value_high, IndicatorRow.unit, IndicatorRow.basis, IndicatorRow.metric_id)
    for i in range(0, len(target_ids), _IN_CHUNK):
        chunk = target_ids[i:i + _IN_CHUNK]
        rows = session.connection().execute(select(*cols).where(IndicatorRow.target_id.in_(chunk))
                               .order_by(IndicatorRow.target_id, IndicatorRow.ordinal))
        for row in rows:
            out.setdefault(row.target_id, []).append(indicator_text(row))
    return out


def summaries(session: Session, stmt: Select, titles: Callable[[set[str]], Mapping[str, str]]) -> list[dict]:
    """``target_summary`` for every target ``stmt`` selects, in its order; ``titles(document ids)`` gives
    the titles of the documents the rows belong to."""
    rows = target_rows(session, stmt)
    texts = indicator_texts(session, [r.id for r in rows])
    title_of = titles({r.document_id for r in rows})
    return [_summary_of(r, title_of.get(r[2]), texts.get(r[0], [])) for r in rows]
