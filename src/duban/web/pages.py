"""The HTML pages. Each shows the data its /api twin returns (see views.py), plus presentation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import RedirectResponse
from jinja2 import Environment
from markupsafe import Markup
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..export import table
from ..records import STATUS_LABELS
from ..store import queries
from ..store.accounts import REVIEW_STATUSES, add_review
from ..store.cache import remember
from ..store.dashboard import filter_key
from ..store.queries import LedgerQuery
from ..store.web_queries import target_exists, top_sections
from . import present, views
from .auth import check_post, login_url
from .common import DB, ApiError, Viewer, flash, fragment, render
from .filters import dashboard_filters, ledger_view
from .guard import refuse_nul
from .params import Id, query_string

router = APIRouter(include_in_schema=False)


@router.get("/")
def dashboard_page(request: Request, db: DB, user: Viewer,
                   filters: Annotated[LedgerQuery, Depends(dashboard_filters)]):
    body = dashboard_body(request.app.state.templates.env, db, filters, views.dashboard(db, filters))
    return render(request, "dashboard.html", {"title": "总览", "nav": "dashboard", "body": body})


def dashboard_body(env: Environment, db: Session, filters: LedgerQuery, data: dict) -> Markup:
    """The dashboard's content (``data``: ``views.dashboard(db, filters)``), the same for every visitor until
    the ledger changes: rendered once per data version and filters (also by ``warm`` when the server starts)."""
    def body() -> Markup:
        return Markup(env.get_template("_dashboard_body.html").render(
            data=data, charts=present.dashboard_view(data), facets=queries.facets(db), f=filters,
            link=present.view_link(data["filters"]), ledger_link=present.ledger_link))

    return remember(db, "html:dashboard", filter_key(filters), body, len)


@router.get("/ledger")
def ledger_page(request: Request, db: DB, user: Viewer, query: Annotated[LedgerQuery, Depends(ledger_view)]):
    data = views.ledger(db, query)
    params = {k: v for k, v in query.params().items() if (k, v) != ("sort", "position")}
    export_qs = query_string(params)
    facets = queries.facets(db)
    # the long choice lists are rendered once per data version
    documents = remember(db, "html:document_options", (), lambda: present.document_options(facets["documents"]), len)
    sections = remember(db, "html:section_options", (query.document,),
                        lambda: present.options([(s, s) for s in top_sections(db, query.document)]), len)
    return render(request, "ledger.html", {
        "title": "目标台账", "nav": "ledger", "data": data, "facets": facets, "q": query, "params": params,
        "document_options": present.select(documents, query.document), "section_options": sections,
        "page_link": lambda n: "/ledger?" + query_string(params, page=n if n > 1 else None),
        "export_qs": ("?" + export_qs) if export_qs else ""})


@router.get("/targets/{target_id}")
def target_page(request: Request, db: DB, user: Viewer, target_id: Id):
    data = views.target(db, target_id)
    return render(request, "target.html", {
        "title": f"目标 #{target_id}", "nav": "ledger", "d": data, "t": data["target"],
        "html": present.target_passages(data), "login_url": login_url(request)})


@router.post("/targets/{target_id}/review")
def review_form(request: Request, db: DB, user: Viewer, target_id: Id,
                status: Annotated[str, Form()] = "", comment: Annotated[str, Form()] = "",
                csrf_token: Annotated[str, Form()] = ""):
    if user is None:
        flash(request, "请先登录再提交复核", "warn")
        return RedirectResponse(f"/login?next=/targets/{target_id}", status_code=303)
    check_post(request, csrf_token)
    refuse_nul(status, comment)
    if not target_exists(db, target_id):
        raise ApiError(404, f"没有目标 {target_id}")
    if status not in REVIEW_STATUSES:
        raise ApiError(400, f"未知的复核结论 {status!r}")
    try:
        add_review(db, target_id, user, status, comment)
    except DubanError as exc:
        raise ApiError(400, str(exc)) from exc
    flash(request, f"复核已保存：{STATUS_LABELS[status]}")
    return RedirectResponse(f"/targets/{target_id}#reviews", status_code=303)


@router.get("/documents")
def documents_page(request: Request, db: DB, user: Viewer):
    return render(request, "documents.html", {"title": "文件", "nav": "documents", "data": views.documents(db)})


@router.get("/documents/{doc_id}")
def document_page(request: Request, db: DB, user: Viewer, doc_id: str):
    def page() -> tuple[str, Markup]:
        data = views.document(db, doc_id)  # 404 for an unknown id (then nothing is remembered)
        return data["document"]["title"], fragment(
            request, "_document_body.html", d=data, text=present.document_text(data), outline=present.outline(data),
            counts=present.status_counts(data["targets"]), ledger_link=present.ledger_link)

    # the same for every visitor until the ledger changes: the full text marked up once per data version
    title, body = remember(db, "html:document", (doc_id,), page, lambda p: len(p[1]))
    return render(request, "document.html", {"title": title, "nav": "documents", "body": body})


@router.get("/runs/{run_id}")
def run_page(request: Request, db: DB, user: Viewer, run_id: Id):
    data = views.run(db, run_id)
    table_data = queries.run_table(db, run_id)
    rows = table.rows(table_data) if table_data is not None else []
    return render(request, "run.html", {
        "title": f"评估批次 #{run_id}", "nav": "documents", "d": data,
        "rows": list(zip(rows, data["item_targets"], strict=False)),
        "unanswered": table.unanswered_lines(table_data) if table_data else []})
