"""The ledger's query parameters, shared by /ledger, /api/targets and /export/targets.*: parsed once,
blank form fields read as absent, anything unknown is a 400."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Query
from pydantic import BeforeValidator

from ..store.queries import MAX_PER_PAGE, SORTS, LedgerQuery


def _blank(value):
    return None if isinstance(value, str) and value.strip() == "" else value


Blank = BeforeValidator(_blank)
Text = Annotated[str | None, Blank]
Int = Annotated[int | None, Blank]


def ledger_query(
    document: Annotated[Text, Query(description="文件 id")] = None,
    year: Annotated[Int, Query(description="年份")] = None,
    jurisdiction: Annotated[Text, Query(description="地区")] = None,
    section: Annotated[Text, Query(description="章节（一级标题或所在小节）")] = None,
    status: Annotated[Text, Query(description="状态代码，如 met、not_met")] = None,
    flag: Annotated[Text, Query(description="疑点标记代码，如 estimate")] = None,
    kind: Annotated[Text, Query(description="quantitative 或 qualitative")] = None,
    q: Annotated[Text, Query(description="目标原文包含的文字")] = None,
    sort: Annotated[Text, Query(description=f"排序：{'、'.join(SORTS)}")] = None,
    desc: Annotated[bool | None, Blank, Query(description="倒序")] = None,
    page: Annotated[Int, Query(description="页码，从 1 开始")] = None,
    per_page: Annotated[Int, Query(description=f"每页条数（≤{MAX_PER_PAGE}）")] = None,
) -> LedgerQuery:
    from .common import ApiError

    query = LedgerQuery(document=document, year=year, jurisdiction=jurisdiction, section=section, status=status,
                        flag=flag, kind=kind, q=q.strip() if q else None, sort=sort or "position", desc=bool(desc),
                        page=page or 1, per_page=per_page or 50)
    errors = []
    if kind is not None and kind not in ("quantitative", "qualitative"):
        errors.append(f"unknown kind {kind!r} (quantitative, qualitative)")
    if page is not None and page < 1:
        errors.append("page must be 1 or more")
    if per_page is not None and not 1 <= per_page <= MAX_PER_PAGE:
        errors.append(f"per_page must be between 1 and {MAX_PER_PAGE}")
    query.normalised()
    errors = query.errors + errors
    if errors:
        raise ApiError(400, "; ".join(errors))
    return query


def query_string(params: dict, **changes) -> str:
    """``params`` with ``changes`` applied (None removes a key), as a query string (no leading ?)."""
    merged = {**params, **changes}
    return urlencode({k: ("1" if v is True else v) for k, v in merged.items() if v not in (None, "", False)})
