"""The JSON twins of the places pages, the reviewers' corrections as JSON (session + X-CSRF-Token), and the
csv/xlsx exports of every places table (tidy: one row per observation, each value with its source span)."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Body, Header, Path, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from ..errors import DubanError
from ..places import tables
from ..store import places_register as register
from ..store.cache import remember
from . import places_views as views
from .auth import check_post
from .common import DB, ApiError, Reviewer, Viewer
from .guard import SafeJSONResponse, refuse_nul
from .params import MAX_INT

router = APIRouter(prefix="/api", tags=["地区与指标序列"], default_response_class=SafeJSONResponse)
PlaceId = Annotated[int, Path(ge=1, le=MAX_INT, description="地区编号")]
Year = Annotated[int, Path(ge=1949, le=2100, description="年份")]
MetricId = Annotated[str, Path(description="指标代码（指标库 id，如 gdp）", max_length=64)]
DocId = Annotated[str, Path(description="文件 id（内容哈希的前 16 位）", max_length=64)]
ERRORS = {400: {"description": "参数有误"}, 401: {"description": "需要登录"}, 404: {"description": "不存在"}}


@router.get("/places", summary="地区列表：层级、上级、文件数、年份范围；未识别地区的文件", responses=ERRORS)
def api_places(db: DB, user: Viewer) -> dict:
    return views.index(db)


@router.get("/places/{place_id}", summary="一个地区：主要指标逐年目标与实际（未完成在前）、连续未完成、多年目标进度、"
                                         "主要指标的增减", responses=ERRORS)
def api_place(db: DB, user: Viewer, place_id: PlaceId) -> dict:
    return views.place(db, place_id)


@router.get("/places/{place_id}/metrics/{metric_id}", summary="一个地区一项指标的逐年序列：目标、实际、结论、调整、"
                                                            "连续未完成，以及相关的多年目标", responses=ERRORS)
def api_series(db: DB, user: Viewer, place_id: PlaceId, metric_id: MetricId, basis: views.BasisQ = None) -> dict:
    return views.series(db, place_id, metric_id, basis)


@router.get("/places/{place_id}/carryover/{year}", summary="某年的工作任务在次年计划中再次出现（结转），"
                                                        "以及次年不再列出的主要指标", responses=ERRORS)
def api_carryover(db: DB, user: Viewer, place_id: PlaceId, year: Year) -> dict:
    return views.carryover(db, place_id, year)


@router.get("/metrics", summary="有目标的指标：涉及地区数、年份数、目标数", responses=ERRORS)
def api_metrics(db: DB, user: Viewer) -> dict:
    return views.metrics(db)


@router.get("/metrics/{metric_id}", summary="一项指标在各地区、各年份的目标与实际", responses=ERRORS)
def api_metric(db: DB, user: Viewer, metric_id: MetricId, basis: views.BasisQ = None,
               level: views.LevelQ = None) -> dict:
    return views.metric(db, metric_id, basis, level)


@router.get("/compare", summary="某年各地区同一指标的目标与实际，按差距排序（缺口最大在前）", responses=ERRORS)
def api_compare(db: DB, user: Viewer, metric: views.Text = None, year: views.YearQ = None, basis: views.BasisQ = None,
                level: views.LevelQ = None, sort: views.Text = None) -> dict:
    return views.compare(db, metric, year, basis, level, sort)


@router.get("/panel", summary="面板数据：每个地区每年一行的目标与实际，每个数值附出处（文件、起止位置、原文）",
            responses=ERRORS)
def api_panel(db: DB, user: Viewer, metric: views.Text = None, basis: views.BasisQ = None,
              level: views.LevelQ = None) -> dict:
    return views.panel(db, metric, basis, level)


@router.get("/documents/{doc_id}/place", summary="一个文件的地区与年份：机器识别、人工更正、当前采用值、历史",
            responses=ERRORS)
def api_document_place(db: DB, user: Viewer, doc_id: DocId) -> dict:
    return views.document_place(db, doc_id)


class PlaceIn(BaseModel):
    jurisdiction: str | None = Field(None, max_length=64,
                                     description="地区名称（如 宁波市镇海区、全国）；空串恢复机器识别")
    year: int | None = Field(None, ge=1949, le=2100, description="年份")
    period: list[int] | None = Field(None, min_length=2, max_length=2, description="期间 [起始年, 终止年]")
    reset: bool = Field(False, description="true：撤销全部更正，恢复机器识别结果")
    note: str = Field("", max_length=2000, description="更正说明")


@router.post("/documents/{doc_id}/place", summary="更正文件的地区、年份或期间（会话 + X-CSRF-Token；保留机器识别结果）",
             responses={**ERRORS, 403: {"description": "CSRF 令牌无效或跨站请求"}})
def api_correct(request: Request, db: DB, user: Reviewer, doc_id: DocId, body: Annotated[PlaceIn, Body()],
                x_csrf_token: Annotated[str | None, Header()] = None) -> dict:
    check_post(request, x_csrf_token)
    refuse_nul(body.jurisdiction, body.note)
    fields = body.model_fields_set
    try:
        if body.reset:
            register.correct_document(db, doc_id, user.username, jurisdiction=None, year=None, period=None,
                                      note=body.note)
        else:
            register.correct_document(
                db, doc_id, user.username,
                jurisdiction=(body.jurisdiction or None) if "jurisdiction" in fields else register.KEEP,
                year=body.year if "year" in fields else register.KEEP,
                period=tuple(body.period) if body.period else (None if "period" in fields else register.KEEP),
                note=body.note)
    except DubanError as exc:
        raise ApiError(404 if str(exc).startswith("没有文件") else 400, str(exc)) from exc
    return views.document_place(db, doc_id)


class MergeIn(BaseModel):
    into: int = Field(ge=1, le=MAX_INT, description="并入的地区编号")
    note: str = Field("", max_length=2000)


@router.post("/places/{place_id}/merge", summary="把一个地区并入另一个（同一地区的两种写法；可撤销）",
             responses={**ERRORS, 403: {"description": "CSRF 令牌无效或跨站请求"}})
def api_merge(request: Request, db: DB, user: Reviewer, place_id: PlaceId, body: Annotated[MergeIn, Body()],
              x_csrf_token: Annotated[str | None, Header()] = None) -> dict:
    check_post(request, x_csrf_token)
    refuse_nul(body.note)
    try:
        survivor = register.merge(db, place_id, body.into, user.username, body.note)
    except DubanError as exc:
        raise ApiError(404 if str(exc).startswith("没有地区") else 400, str(exc)) from exc
    return views.place(db, survivor.id)


# --- exports -----------------------------------------------------------------------------------------------

exports = APIRouter(prefix="/export", tags=["导出"])
MEDIA = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "csv": "text/csv; charset=utf-8"}
_FILE = re.compile(r"^([a-z0-9_]{1,64})\.(csv|xlsx)$")


def _file(name: str) -> tuple[str, str]:
    m = _FILE.match(name)
    if not m:
        raise ApiError(404, f"没有这个导出：{name[:80]}（用 .csv 或 .xlsx）")
    return m.group(1), m.group(2)


def _send(db, table: tables.Table, fmt: str, filename: str, key: tuple) -> Response:
    data = remember(db, "places:export", (*key, fmt), lambda: tables.render(table, fmt), len)
    return Response(data, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{filename}.{fmt}"', "Cache-Control": "no-store"})


@exports.get("/places/{name}", summary="导出地区列表（places.csv），或一个地区的主要指标序列（N.csv、N.xlsx）")
def export_places(db: DB, user: Viewer, name: Annotated[str, Path(max_length=80)]) -> Response:
    stem, fmt = _file(name)
    if stem == "places":
        table = tables.Table("地区", tables.PLACE_COLUMNS, tables.place_rows(views.index(db)["places"]))
        return _send(db, table, fmt, "duban-places", ("places",))
    if not stem.isdigit() or len(stem) > 18:
        raise ApiError(404, f"没有这个导出：{name[:80]}")
    data = views.place(db, int(stem))
    rows = [r for s in data["series"] for r in tables.series_rows(data["place"], s)]
    return _send(db, tables.Table("主要指标", tables.SERIES_COLUMNS, rows), fmt, f"duban-place-{stem}", ("place", stem))


@exports.get("/places/{place_id}/metrics/{name}", summary="导出一个地区一项指标的逐年序列（gdp.csv / gdp.xlsx）")
def export_series(db: DB, user: Viewer, place_id: PlaceId, name: Annotated[str, Path(max_length=80)],
                  basis: views.BasisQ = None) -> Response:
    metric_id, fmt = _file(name)
    data = views.series(db, place_id, metric_id, basis)
    rows = tables.series_rows(data["place"], data["series"]) if data["series"] else []
    return _send(db, tables.Table(data["label"][:31], tables.SERIES_COLUMNS, rows), fmt,
                 f"duban-place-{place_id}-{metric_id}", ("series", place_id, metric_id, basis))


@exports.get("/places/{place_id}/goals/{name}", summary="导出一个地区的多年目标进度（goals.csv / goals.xlsx）")
def export_goals(db: DB, user: Viewer, place_id: PlaceId, name: Annotated[str, Path(max_length=80)]) -> Response:
    stem, fmt = _file(name)
    if stem != "goals":
        raise ApiError(404, f"没有这个导出：{name[:80]}")
    data = views.place(db, place_id)
    return _send(db, tables.Table("多年目标", tables.GOAL_COLUMNS, tables.goal_rows(data["place"], data["goals"])), fmt,
                 f"duban-place-{place_id}-goals", ("goals", place_id))


@exports.get("/places/{place_id}/carryover/{name}", summary="导出某年到次年的结转与不再列出的主要指标（2013.csv）")
def export_carryover(db: DB, user: Viewer, place_id: PlaceId, name: Annotated[str, Path(max_length=80)]) -> Response:
    stem, fmt = _file(name)
    if not stem.isdigit() or not 1949 <= int(stem) <= 2100:
        raise ApiError(404, f"没有这个导出：{name[:80]}")
    data = views.carryover(db, place_id, int(stem))
    return _send(db, tables.Table("结转", tables.CARRY_COLUMNS, tables.carry_rows(data)), fmt,
                 f"duban-place-{place_id}-carryover-{stem}", ("carry", place_id, stem))


@exports.get("/panel.{fmt}", summary="导出面板数据（每个地区每年一行，附出处）：panel.csv?metric=gdp、panel.xlsx")
def export_panel(db: DB, user: Viewer, fmt: Annotated[str, Path(description="csv 或 xlsx")], metric: views.Text = None,
                 basis: views.BasisQ = None, level: views.LevelQ = None) -> Response:
    if fmt not in MEDIA:
        raise ApiError(404, f"不支持的导出格式 {fmt[:20]!r}（csv、xlsx）")
    data = views.panel(db, metric, basis, level)
    return _send(db, tables.Table(data["label"][:31], tables.SERIES_COLUMNS, data["rows"]), fmt,
                 f"duban-panel-{data['metric_id']}", ("panel", data["metric_id"], basis, level))


@exports.get("/compare.{fmt}", summary="导出某年各地区的对比表：compare.csv?metric=gdp&year=2014")
def export_compare(db: DB, user: Viewer, fmt: Annotated[str, Path(description="csv 或 xlsx")],
                   metric: views.Text = None, year: views.YearQ = None, basis: views.BasisQ = None,
                   level: views.LevelQ = None, sort: views.Text = None) -> Response:
    if fmt not in MEDIA:
        raise ApiError(404, f"不支持的导出格式 {fmt[:20]!r}（csv、xlsx）")
    data = views.compare(db, metric, year, basis, level, sort)
    rows = [row for r in data["rows"] for row in tables.series_rows(r["place"], {
        "metric_id": data["metric_id"], "label": data["label"], "basis": data["basis"], "rows": [r]})]
    return _send(db, tables.Table(f"{data['year']}", tables.SERIES_COLUMNS, rows), fmt,
                 f"duban-compare-{data['metric_id']}-{data['year']}",
                 ("compare", data["metric_id"], data["year"], basis, level, sort))
