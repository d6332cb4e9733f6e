"""Small reads the web app needs beyond ``queries``: the signed-in user, a document or target by id,
the sections offered as a ledger filter, and a run with its items tied to the targets they answer.
Plain JSON-ready data, like ``queries``."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .cache import remember
from .models import DocumentRow, ItemRow, RunRow, TargetRow, UserRow, VerdictRow
from .queries import run_items
from .times import iso


def user_by_id(session: Session, user_id: int) -> UserRow | None:
    """The active user with this id (None when unknown or disabled)."""
    user = session.get(UserRow, user_id)
    return user if user is not None and user.active else None


def document_brief(session: Session, doc_id: str) -> dict | None:
    row = session.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.year,
                                 DocumentRow.kind, DocumentRow.jurisdiction)
                          .where(DocumentRow.id == doc_id)).first()
    if row is None:
        return None
    i, t, p, y, k, j = row
    return {"id": i, "title": t or p or i, "year": y, "kind": k, "jurisdiction": j}


def target_exists(session: Session, target_id: int) -> bool:
    return session.scalar(select(TargetRow.id).where(TargetRow.id == target_id)) is not None


def top_sections(session: Session, document: str | None = None, limit: int = 500) -> list[str]:
    """Distinct top-level section titles (for the ledger's section filter), optionally of one document;
    remembered per data version."""

    def compute() -> list[str]:
        stmt = select(TargetRow.top_section).where(TargetRow.top_section != "").distinct()
        if document:
            stmt = stmt.where(TargetRow.document_id == document)
        return sorted(s for (s,) in session.execute(stmt.limit(limit)))

    return remember(session, "top_sections", (document, limit), compute)


def run_detail(session: Session, run_id: int) -> dict | None:
    """``queries.run_items`` plus the plan and completion documents, the run's date, and for each item
    (in order) the ids of the ledger targets it answers."""
    data = run_items(session, run_id)
    if data is None:
        return None
    run = session.get(RunRow, run_id)
    assert run is not None
    docs = {d.id: d for d in session.scalars(
        select(DocumentRow).where(DocumentRow.id.in_([i for i in (run.plan_id, run.completion_id) if i])))}

    def brief(doc_id: str | None) -> dict | None:
        d = docs.get(doc_id) if doc_id else None
        return {"id": d.id, "title": d.title or d.path or d.id, "year": d.year, "kind": d.kind} if d else None

    item_ids = list(session.scalars(select(ItemRow.id).where(ItemRow.run_id == run_id).order_by(ItemRow.ordinal)))
    targets: dict[int, list[int]] = {}
    for item_id, target_id in session.execute(
            select(VerdictRow.item_id, VerdictRow.target_id).join(TargetRow, VerdictRow.target_id == TargetRow.id)
            .where(VerdictRow.run_id == run_id, VerdictRow.item_id.is_not(None)).order_by(TargetRow.ordinal)):
        targets.setdefault(item_id, []).append(target_id)
    return {**data, "created_at": iso(run.created_at),
            "plan": brief(run.plan_id), "completion": brief(run.completion_id),
            "item_targets": [targets.get(i, []) for i in item_ids]}
