"""Pages for following targets across years and places: jurisdictions (/places), one place's headline indicators
over the years, one series, the carry-over from a year to the next, metrics across places (/metrics), a year's
comparison (/compare), and a document's place (/documents/{id}/place) with the reviewers' correction forms.
Each page shows what its /api twin returns (places_api.py); the exports are there too."""

from __future__ import annotations

import gc
from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse
from markupsafe import Markup

from ..errors import DubanError
from ..lang.metrics import vocabulary
from ..places.gazetteer import gazetteer
from ..places.names import LEVEL_LABELS
from ..store import places as store
from ..store import places_register as register
from ..store.cache import remember
from . import places_api, places_present
from . import places_views as views
from .auth import check_post, login_url
from .common import DB, ApiError, Viewer, flash, fragment, render
from .guard import refuse_nul
from .params import MAX_INT, Id

pages = APIRouter(include_in_schema=False)
YearPath = Annotated[int, Path(ge=1949, le=2100)]
CSS = "/static/places.css"


SORT_LABELS = {"gap": "按差距（缺口大的在前）", "target": "按目标", "result": "按实际", "place": "按地区"}


def _page(request: Request, name: str, context: dict):
    return render(request, name, {"nav": "places", "P": places_present.GLOBALS, "places_css": CSS,
                                  "level_labels": LEVEL_LABELS, "sort_labels": SORT_LABELS, **context})


def _body(request: Request, db: DB, template: str, key: tuple, make) -> Markup:
    """A page's body, the same for every visitor until the ledger changes: rendered once per data version.
    ``make()`` returns the template's context (computed only when the body is not remembered)."""
    def build() -> Markup:
        return fragment(request, template, P=places_present.GLOBALS, level_labels=LEVEL_LABELS,
                        sort_labels=SORT_LABELS, **make())

    return remember(db, f"html:{template}", key, build, len)


def _shell(request: Request, title: str, body: Markup, **context):
    return _page(request, "place_page.html", {"title": title, "body": body, "review": False, **context})


@pages.get("/places")
def places_page(request: Request, db: DB, user: Viewer):
    body = _body(request, db, "places_body.html", (), lambda: {"d": views.index(db)})
    return _shell(request, "地区", body)


@pages.get("/places/{place_id}")
def place_page(request: Request, db: DB, user: Viewer, place_id: Id):
    data = views.place(db, place_id)  # remembered by the store; 404 for an unknown place

    def context() -> dict:
        charts = {s["metric_id"] + ":" + s["basis"]: places_present.series_chart(s) for s in data["series"][:6]}
        grid = [{"s": s, "cells": {r["year"]: places_present.row_cell(r) for r in s["rows"]}} for s in data["series"]]
        return {"d": data, "charts": charts, "grid": grid}

    body = _body(request, db, "place_body.html", (place_id,), context)
    return _shell(request, data["place"]["label"], body, review=True, d=data, login_url=login_url(request),
                  choices=store.place_choices(db) if user else [])


@pages.get("/places/{place_id}/metrics/{metric_id}")
def series_page(request: Request, db: DB, user: Viewer, place_id: Id, metric_id: str,
                basis: views.BasisQ = None):
    data = views.series(db, place_id, metric_id, basis)

    def context() -> dict:
        chart = places_present.series_chart(data["series"]) if data["series"] else None
        return {"d": data, "chart": chart, "goal_charts": [places_present.goal_chart(g) for g in data["goals"]]}

    body = _body(request, db, "place_series_body.html", (place_id, metric_id, basis), context)
    return _shell(request, f"{data['place']['label']} · {data['label']}", body)


@pages.get("/places/{place_id}/carryover/{year}")
def carryover_page(request: Request, db: DB, user: Viewer, place_id: Id, year: YearPath):
    data = views.carryover(db, place_id, year)
    body = _body(request, db, "place_carryover_body.html", (place_id, year), lambda: {"d": data})
    return _shell(request, f"{data['place']['label']} · {year}→{year + 1} 结转", body)


@pages.get("/metrics")
def metrics_page(request: Request, db: DB, user: Viewer):
    body = _body(request, db, "metrics_body.html", (), lambda: {"d": views.metrics(db)})
    return _shell(request, "指标", body)


@pages.get("/metrics/{metric_id}")
def metric_page(request: Request, db: DB, user: Viewer, metric_id: str, basis: views.BasisQ = None,
                level: views.LevelQ = None):
    data = views.metric(db, metric_id, basis, level)
    body = _body(request, db, "metric_body.html", (metric_id, basis, level), lambda: {"d": data})
    return _shell(request, data["label"], body)


@pages.get("/compare")
def compare_page(request: Request, db: DB, user: Viewer, metric: views.Text = None, year: views.YearQ = None,
                 basis: views.BasisQ = None, level: views.LevelQ = None, sort: views.Text = None):
    if metric is None:
        body = _body(request, db, "compare_body.html", (None,),
                      lambda: {"d": None, "metrics": views.metrics(db)["metrics"], "chart": None})
        return _shell(request, "对比", body)
    data = views.compare(db, metric, year, basis, level, sort)
    body = _body(request, db, "compare_body.html", (metric, data["year"], basis, level, data["sort"]),
                 lambda: {"d": data, "metrics": views.metrics(db)["metrics"],
                          "chart": places_present.compare_chart(data)})
    return _shell(request, f"{data['year']}年 {data['label']} 对比", body)


@pages.get("/documents/{doc_id}/place")
def document_place_page(request: Request, db: DB, user: Viewer, doc_id: str):
    data = views.document_place(db, doc_id)
    return _page(request, "place_document.html", {
        "title": f"地区与年份 · {data['document']['title'] or doc_id}", "d": data,
        "choices": store.place_choices(db) if user else [], "login_url": login_url(request)})


def _year(value: str, what: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit() or len(value) > 4:
        raise ApiError(400, f"{what}应为四位数年份：{value[:20]!r}")
    return int(value)


def _signed_in(request: Request, user, back: str):
    if user is None:
        flash(request, "请先登录再更正", "warn")
        return RedirectResponse(f"/login?next={back}", status_code=303)
    return None


@pages.post("/documents/{doc_id}/place")
def correct_form(request: Request, db: DB, user: Viewer, doc_id: str,
                 jurisdiction: Annotated[str, Form()] = "", year: Annotated[str, Form()] = "",
                 period_start: Annotated[str, Form()] = "", period_end: Annotated[str, Form()] = "",
                 note: Annotated[str, Form(max_length=2000)] = "", reset: Annotated[str, Form()] = "",
                 csrf_token: Annotated[str, Form()] = ""):
    back = f"/documents/{doc_id}/place"
    if (redirect := _signed_in(request, user, back)) is not None:
        return redirect
    check_post(request, csrf_token)
    refuse_nul(jurisdiction, year, period_start, period_end, note, reset)
    try:
        if reset:
            register.correct_document(db, doc_id, user.username, jurisdiction=None, year=None, period=None, note=note)
            flash(request, "已恢复为机器识别的地区与年份")
        else:
            start, end = _year(period_start, "起始年份"), _year(period_end, "终止年份")
            register.correct_document(db, doc_id, user.username, jurisdiction=jurisdiction.strip() or register.KEEP,
                                      year=_year(year, "年份") if year.strip() else register.KEEP,
                                      period=(start, end) if (start or end) else register.KEEP, note=note)
            flash(request, "更正已保存（机器识别结果仍保留）")
    except DubanError as exc:
        raise ApiError(404 if str(exc).startswith("没有文件") else 400, str(exc)) from exc
    return RedirectResponse(back, status_code=303)


@pages.post("/places/{place_id}/merge")
def merge_form(request: Request, db: DB, user: Viewer, place_id: Id, into: Annotated[int, Form(ge=1, le=MAX_INT)],
               note: Annotated[str, Form(max_length=2000)] = "", csrf_token: Annotated[str, Form()] = ""):
    if (redirect := _signed_in(request, user, f"/places/{place_id}")) is not None:
        return redirect
    check_post(request, csrf_token)
    refuse_nul(note)
    try:
        survivor = register.merge(db, place_id, into, user.username, note)
    except DubanError as exc:
        raise ApiError(404 if str(exc).startswith("没有地区") else 400, str(exc)) from exc
    flash(request, "已合并：两处写法今后视为同一地区（可撤销）")
    return RedirectResponse(f"/places/{survivor.id}", status_code=303)


@pages.post("/places/{place_id}/unmerge")
def unmerge_form(request: Request, db: DB, user: Viewer, place_id: Id, csrf_token: Annotated[str, Form()] = ""):
    if (redirect := _signed_in(request, user, f"/places/{place_id}")) is not None:
        return redirect
    check_post(request, csrf_token)
    try:
        register.unmerge(db, place_id, user.username)
    except DubanError as exc:
        raise ApiError(400, str(exc)) from exc
    flash(request, "已撤销合并")
    return RedirectResponse(f"/places/{place_id}", status_code=303)


@pages.post("/places/{place_id}/edit")
def edit_form(request: Request, db: DB, user: Viewer, place_id: Id, level: Annotated[str, Form()] = "",
              parent: Annotated[str, Form()] = "", note: Annotated[str, Form(max_length=2000)] = "",
              csrf_token: Annotated[str, Form()] = ""):
    if (redirect := _signed_in(request, user, f"/places/{place_id}")) is not None:
        return redirect
    check_post(request, csrf_token)
    refuse_nul(level, parent, note)
    try:
        named = parent.strip()
        register.edit_place(db, place_id, user.username, level=level or register.KEEP,
                            parent=(int(named) if named.isdigit() and len(named) <= 18 else named) if named
                            else register.KEEP, note=note)
    except DubanError as exc:
        raise ApiError(404 if str(exc).startswith("没有地区") else 400, str(exc)) from exc
    flash(request, "地区信息已更新")
    return RedirectResponse(f"/places/{place_id}", status_code=303)


# what app.py registers: the pages, their JSON twins (in the OpenAPI description) and the exports
router = APIRouter()
router.include_router(pages)
router.include_router(places_api.router)
router.include_router(places_api.exports)


def warm_up() -> None:
    """Once per server process, when the app is built: load the word lists these pages use (the metric
    vocabulary, the list of administrative divisions) so that no visitor waits for them, then exempt what the
    process holds so far — modules, routes, word lists: all of it lives as long as the process — from the
    garbage collector's full passes (``gc.freeze``). A full pass over them took 40–160 ms on the benchmark
    machine and fell, at random, on whichever request happened to allocate at that moment (docs/places.md)."""
    gazetteer()
    vocabulary()
    gc.freeze()

