"""Filters beyond params.py's ledger parameters: the tier (headline | task) and the document's kind, for the
ledger, its twin and its exports; and the dashboard's filters (year, jurisdiction, document kind, tier,
status, document). Unknown codes are a 400 with a Chinese message."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from ..records import KIND_LABELS, TIER_LABELS
from ..store.queries import LedgerQuery
from .common import ApiError
from .params import Int, Text, ledger_query

TierParam = Annotated[Text, Query(description=f"层级：{'、'.join(f'{k}（{v}）' for k, v in TIER_LABELS.items())}")]
DocKindParam = Annotated[Text, Query(
    description=f"文件类型：{'、'.join(f'{k}（{v}）' for k, v in KIND_LABELS.items())}")]


def _checked(query: LedgerQuery) -> LedgerQuery:
    query.errors = []
    query.normalised()
    if query.errors:
        raise ApiError(400, "；".join(query.errors))
    return query


def ledger_view(query: Annotated[LedgerQuery, Depends(ledger_query)], tier: TierParam = None,
                doc_kind: DocKindParam = None) -> LedgerQuery:
    """The ledger's parameters plus ``tier`` and ``doc_kind``."""
    query.tier, query.doc_kind = tier, doc_kind
    return _checked(query)


def dashboard_filters(
    document: Annotated[Text, Query(description="只看这一个文件（文件 id）")] = None,
    year: Annotated[Int, Query(description="年份")] = None,
    jurisdiction: Annotated[Text, Query(description="地区")] = None,
    doc_kind: DocKindParam = None,
    tier: TierParam = None,
    status: Annotated[Text, Query(description="状态代码，如 not_met")] = None,
) -> LedgerQuery:
    return _checked(LedgerQuery(document=document, year=year, jurisdiction=jurisdiction, doc_kind=doc_kind,
                                tier=tier, status=status))
