"""What the batch engines (ingest, reassess, the Dask cluster) keep besides the records: a document's stored
extraction for reuse (duban/extraction_cache.py), and the pairs already assessed."""

from __future__ import annotations

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from .models import ExtractionRow, RunRow


def load_extraction(session: Session, document_id: str, key: str) -> str | None:
    """The stored targets payload of a document under ``key`` (engine + code fingerprint), if any."""
    return session.scalar(select(ExtractionRow.targets).where(ExtractionRow.document_id == document_id,
                                                              ExtractionRow.engine == key))


def load_extractions(session: Session, document_ids: list[str], key: str) -> dict[str, str]:
    """The stored payloads of several documents under ``key``, by document (one query)."""
    return dict(session.execute(select(ExtractionRow.document_id, ExtractionRow.targets).where(
        ExtractionRow.document_id.in_(document_ids), ExtractionRow.engine == key)).all())


def save_extraction_payload(session: Session, document_id: str, key: str, payload: str) -> bool:
    """Keep a document's targets under ``key``; False when they are there already."""
    if load_extraction(session, document_id, key) is not None:
        return False
    session.add(ExtractionRow(document_id=document_id, engine=key, targets=payload))
    session.flush()
    return True


def pairs_without_run(session: Session, engine: str) -> list[tuple[str | None, str]]:
    """Every (plan, completion) pair assessed by some engine but not yet by ``engine``, in the order the
    pairs were first assessed."""
    current = aliased(RunRow)
    same_plan = (current.plan_id.is_(None) & RunRow.plan_id.is_(None)) | (current.plan_id == RunRow.plan_id)
    rows = session.execute(
        select(RunRow.plan_id, RunRow.completion_id)
        .outerjoin(current, and_(same_plan, current.completion_id == RunRow.completion_id,
                                 current.engine == engine))
        .where(current.id.is_(None))
        .order_by(RunRow.id))
    return list(dict.fromkeys((plan, comp) for plan, comp in rows))


def count_assessed_pairs(session: Session) -> int:
    """How many (plan, completion) pairs have a run of any engine."""
    pairs = select(RunRow.plan_id, RunRow.completion_id).distinct().subquery()
    return int(session.scalar(select(func.count()).select_from(pairs)) or 0)
