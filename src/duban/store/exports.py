"""The rows of a ledger export, streamed: the filtered view's ids are selected once (in the view's order), then
read a thousand at a time with their indicators and latest review, so that an export of 100,000 targets never
holds them all. Each row says where the target is in its document as a reader would (第N段), not as offsets."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..export.locate import Locator
from .models import DocumentRow, ReviewRow, TargetRow, UserRow
from .queries import SORTS, LedgerQuery, _filtered, _titles
from .summaries import summaries
from .times import iso

CHUNK = 1000


def ledger_export_rows(session: Session, query: LedgerQuery, limit: int = 1_000_000,
                       chunk: int = CHUNK) -> Iterator[dict]:
    """Every target of the view (no pagination) as ``target_summary`` dicts plus ``doc_kind``, ``location``
    and the latest review (``review_comment``, ``reviewer``, ``reviewed_at``), in the view's order."""
    query.normalised()
    order = [c.desc() if query.desc else c for c in SORTS[query.sort]] + [TargetRow.id]
    ids = list(session.scalars(_filtered(query).with_only_columns(TargetRow.id).order_by(*order).limit(limit)))
    titles: dict[str, str] = {}
    kinds: dict[str, str] = {}
    locators: dict[str, Locator] = {}

    def titles_of(doc_ids: set[str]) -> dict[str, str]:
        missing = doc_ids - titles.keys()
        if missing:
            titles.update(_titles(session, missing))
            kinds.update(session.execute(select(DocumentRow.id, DocumentRow.kind)
                                         .where(DocumentRow.id.in_(missing))).all())
        return titles

    for i in range(0, len(ids), chunk):
        part = ids[i:i + chunk]
        position = {tid: n for n, tid in enumerate(part)}
        rows = sorted(summaries(session, select(TargetRow).where(TargetRow.id.in_(part)), titles_of),
                      key=lambda r: position[r["id"]])
        reviews = _latest_reviews(session, [r["id"] for r in rows if r["review_status"]])
        for row in rows:
            doc_id = row["document_id"]
            if doc_id not in locators:
                locators[doc_id] = Locator(session.scalar(select(DocumentRow.text).where(DocumentRow.id == doc_id))
                                           or "")
            comment, user, at = reviews.get(row["id"], (None, None, None))
            row.update(doc_kind=kinds.get(doc_id), location=locators[doc_id].where(row["span"][0]),
                       review_comment=comment, reviewer=user, reviewed_at=at)
            yield row


def _latest_reviews(session: Session, ids: list[int]) -> dict[int, tuple]:
    latest: dict[int, tuple] = {}
    if ids:
        rows = session.execute(
            select(ReviewRow.target_id, ReviewRow.comment, UserRow.username, ReviewRow.created_at)
            .join(UserRow, ReviewRow.user_id == UserRow.id).where(ReviewRow.target_id.in_(ids))
            .order_by(ReviewRow.created_at, ReviewRow.id))
        for target_id, comment, user, at in rows:
            latest[target_id] = (comment, user, iso(at))
    return latest
