"""The ledger's query parameters, shared by /ledger, /api/targets and /export/targets.*: parsed once,
blank form fields read as absent, anything unknown is a 400. Numbers are bounded: every integer within
64-bit signed (what SQLite and PostgreSQL store), ids from 1, a page whose offset still fits, years
1949–2100 (checked for every route by ``guard.check_request``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import Path, Query
from pydantic import AfterValidator, BeforeValidator

from ..store.queries import MAX_PER_PAGE, SORTS, LedgerQuery


def _blank(value):
    return None if isinstance(value, str) and value.strip() == "" else value


MAX_INT = 2**63 - 1  # SQLite's and PostgreSQL's BIGINT
MAX_PAGE = MAX_INT // MAX_PER_PAGE  # (page - 1) × per_page stays a 64-bit OFFSET
def _int64(value: int | None) -> int | None:
    if value is not None and not -MAX_INT <= value <= MAX_INT:
        raise ValueError(f"超出 64 位整数的范围（±{MAX_INT}）")
    return value


Blank = BeforeValidator(_blank)
Text = Annotated[str | None, Blank]
Int = Annotated[int | None, Blank, AfterValidator(_int64)]
Id = Annotated[int, Path(ge=1, le=MAX_INT)]  # a row id in a path: out of range is "no such row" (404)


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
    if page is not None and not 1 <= page <= MAX_PAGE:
        errors.append(f"page must be between 1 and {MAX_PAGE}")
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
