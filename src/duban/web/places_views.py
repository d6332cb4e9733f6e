"""The data behind each places page, exactly what its /api twin returns (404 for an unknown place, document or
metric; 400 for a bad parameter), and the parameters those pages share."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import Query
from sqlalchemy.orm import Session

from ..lang.metrics import BASES, vocabulary
from ..places.names import LEVEL_LABELS
from ..store import places as store
from ..store import places_compare as compare_store
from .common import ApiError
from .params import Blank, Int

_METRIC = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
SORTS = ("gap", "target", "result", "place")

Text = Annotated[str | None, Blank]
BasisQ = Annotated[Text, Query(description=f"口径：{'、'.join(BASES)}（默认：多数目标所用的口径）")]
LevelQ = Annotated[Text, Query(description=f"层级：{'、'.join(LEVEL_LABELS)}")]


def metric_param(metric_id: str | None) -> str:
    if not metric_id:
        raise ApiError(400, "请指定指标（metric，如 gdp）")
    if not _METRIC.match(metric_id):
        raise ApiError(400, f"指标代码无效：{metric_id[:40]!r}")
    try:
        vocabulary().get(metric_id)
    except KeyError:
        raise ApiError(404, f"指标库中没有 {metric_id}（见 /metrics）") from None
    return metric_id


def basis_param(basis: str | None) -> str | None:
    if basis is not None and basis not in BASES:
        raise ApiError(400, f"未知的口径 {basis[:40]!r}（{'、'.join(BASES)}）")
    return basis


def level_param(level: str | None) -> str | None:
    if level is not None and level not in LEVEL_LABELS:
        raise ApiError(400, f"未知的层级 {level[:40]!r}（{'、'.join(LEVEL_LABELS)}）")
    return level


def sort_param(sort: str | None) -> str:
    if sort is not None and sort not in SORTS:
        raise ApiError(400, f"未知的排序 {sort[:40]!r}（{'、'.join(SORTS)}）")
    return sort or "gap"


def index(db: Session) -> dict:
    return store.places_index(db)


def place(db: Session, place_id: int) -> dict:
    data = store.place_detail(db, place_id)
    if data is None:
        raise ApiError(404, f"没有地区 {place_id}")
    return data


def series(db: Session, place_id: int, metric_id: str, basis: str | None) -> dict:
    data = store.series_detail(db, place_id, metric_param(metric_id), basis_param(basis))
    if data is None:
        raise ApiError(404, f"没有地区 {place_id}")
    return data


def carryover(db: Session, place_id: int, year: int) -> dict:
    data = store.carryover_detail(db, place_id, year)
    if data is None:
        raise ApiError(404, f"没有地区 {place_id}")
    return data


def metrics(db: Session) -> dict:
    return compare_store.metrics_index(db)


def metric(db: Session, metric_id: str, basis: str | None, level: str | None) -> dict:
    return compare_store.metric_overview(db, metric_param(metric_id), basis_param(basis), level_param(level))


def compare(db: Session, metric_id: str | None, year: int | None, basis: str | None, level: str | None,
            sort: str | None) -> dict:
    metric_id = metric_param(metric_id)
    if year is None:
        overview = compare_store.metric_overview(db, metric_id, basis_param(basis), level_param(level))
        with_data = [int(y) for y in overview["years"]]
        if not with_data:
            raise ApiError(404, f"台账中没有“{overview['label']}”的目标")
        year = max(with_data)
    return compare_store.compare(db, metric_id, year, basis_param(basis), level_param(level), sort_param(sort))


def panel(db: Session, metric_id: str | None, basis: str | None, level: str | None) -> dict:
    return compare_store.panel(db, metric_param(metric_id), basis_param(basis), level_param(level))


def document_place(db: Session, doc_id: str) -> dict:
    data = store.document_place(db, doc_id)
    if data is None:
        raise ApiError(404, f"没有文件 {doc_id}")
    return data


YearQ = Annotated[Int, Query(description="年份")]
