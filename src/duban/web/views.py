"""The data behind each page, exactly what its /api twin returns (store dicts; 404 for unknown ids)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ..store import queries
from ..store.queries import LedgerQuery
from ..store.web_queries import document_brief, run_detail
from .common import ApiError


def dashboard(db: Session, filters: LedgerQuery | None = None) -> dict:
    filters = filters or LedgerQuery()
    brief = document_brief(db, filters.document) if filters.document else None
    if filters.document and brief is None:
        raise ApiError(404, f"没有文件 {filters.document}")
    # a copy: the store's dict is remembered and shared between requests
    return {**queries.dashboard(db, filters=filters), "document": brief}


def ledger(db: Session, query: LedgerQuery) -> dict:
    return queries.ledger(db, query)


def target(db: Session, target_id: int) -> dict:
    data = queries.target_detail(db, target_id)
    if data is None:
        raise ApiError(404, f"没有目标 {target_id}")
    return data


def documents(db: Session) -> dict:
    return {"documents": queries.facets(db)["documents"]}


def document(db: Session, doc_id: str) -> dict:
    data = queries.document_detail(db, doc_id)
    if data is None:
        raise ApiError(404, f"没有文件 {doc_id}")
    return data


def run(db: Session, run_id: int) -> dict:
    data = run_detail(db, run_id)
    if data is None:
        raise ApiError(404, f"没有评估批次 {run_id}")
    return data
