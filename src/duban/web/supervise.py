"""Supervising the year on the web (docs/supervision.md): who may do what, and the routers of the supervision
pages and their JSON twins (supervise_tasks.py, supervise_notices.py, supervise_admin.py, supervise_yearend.py).

Roles (store/supervision.py): ``admin`` and ``supervisor`` (督查室) see every task; ``admin`` also manages
units and the reporting calendar. A ``unit`` reporter sees only its own units' tasks — a task of another unit is
a 404 on every route — and nothing of the general ledger: :func:`role_gate`, an app-wide dependency, answers
403 to a unit reporter on every route outside /supervise, /api/supervise, signing in and out, the session and
the API description. Nothing under /supervise is ever shown without a signed-in user, public mode or not.

The role travels in the signed session cookie (set at sign-in), so the gate costs no query; changing a user's
role ends the user's sessions (``duban user role``), and every /supervise route reads the role from the
database again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import RedirectResponse

from ..errors import DubanError
from ..store.models import UserRow
from ..store.models_supervision import TaskRow
from ..store.supervision import ROLE_LABELS, STAFF, can_see_task
from ..supervise.config import SupervisionSettings
from .common import DB, ApiError, AuthRequired, flash, is_api, lookup_user, render
from .guard import SafeJSONResponse

CSS = "/static/supervise.css"
UNIT_PATHS = ("/supervise", "/api/supervise", "/login", "/logout", "/static/", "/api/session", "/api/openapi.json",
              "/docs")
UNIT_FORBIDDEN = "单位填报员只能查看和报送本单位的督办任务（请从“本单位任务”进入）"


def _role_of_session(request: Request) -> str | None:
    role = request.session.get("role")
    if role is None and isinstance(request.session.get("user_id"), int):
        with request.app.state.database.session() as db:  # a session from before roles: read it once
            user = db.get(UserRow, request.session["user_id"])
            role = user.role if user is not None else None
        if role is not None:
            request.session["role"] = role
    return role


def role_gate(request: Request) -> None:
    """App-wide: a unit reporter reaches nothing outside the supervision pages (403)."""
    path = request.url.path
    if path in ("/api",) or path.startswith(UNIT_PATHS):
        return
    if "user_id" in request.session and _role_of_session(request) == "unit":
        raise ApiError(403, UNIT_FORBIDDEN, "forbidden")


def session_role(request: Request) -> str | None:
    """For the navigation: the signed-in session's role (a plain value from the cookie)."""
    try:
        return request.session.get("role") if "user_id" in request.session else None
    except AssertionError:  # no session middleware (never in the app)
        return None


def member(request: Request, db: DB) -> UserRow:
    """Any signed-in user with a role (public mode or not: supervision data is never anonymous)."""
    user = lookup_user(request, db)
    if user is None:
        raise AuthRequired()
    return user


Member = Annotated[UserRow, Depends(member)]


def staff(user: Member) -> UserRow:
    if user.role not in STAFF:
        raise ApiError(403, "只有督查室人员可以执行此操作", "forbidden")
    return user


Staff = Annotated[UserRow, Depends(staff)]


def admin(user: Member) -> UserRow:
    if user.role != "admin":
        raise ApiError(403, "只有管理员可以执行此操作", "forbidden")
    return user


Admin = Annotated[UserRow, Depends(admin)]


def settings_of(request: Request) -> SupervisionSettings:
    return request.app.state.settings.supervision


def visible_task(db, user: UserRow, task_id: int) -> TaskRow:
    """The task, if ``user`` may see it; else 404 (a unit reporter never learns whether another unit's task
    exists)."""
    if not can_see_task(db, user, task_id):
        raise ApiError(404, f"没有任务 {task_id}，或该任务不属于您的单位")
    task = db.get(TaskRow, task_id)
    assert task is not None
    return task


def page(request: Request, name: str, context: dict):
    return render(request, name, {"supervise_css": CSS, "nav": "supervise", "role_labels": ROLE_LABELS, **context})


def done(request: Request, message: str, back: str, data: dict | None = None, status: int = 201):
    """After a change: the JSON (``data``) under /api, else a flash message and a redirect to ``back``."""
    if is_api(request):
        return SafeJSONResponse({"message": message, **(data or {})}, status_code=status)
    flash(request, message)
    return RedirectResponse(back, status_code=303)


def attempt(fn: Callable[[], object], status: int = 400) -> object:
    """Run a store change; a user error becomes a 400 with its message (the request's transaction rolls back)."""
    try:
        return fn()
    except DubanError as exc:
        raise ApiError(status, exc.problem if exc.path is None else str(exc)) from exc


def install(app: FastAPI) -> None:
    """The supervision routers and the template global the navigation reads."""
    from . import supervise_admin, supervise_notices, supervise_tasks, supervise_yearend

    app.state.templates.env.globals["supervise_role"] = session_role
    routers: list[APIRouter] = [*supervise_tasks.ROUTERS, *supervise_notices.ROUTERS, *supervise_admin.ROUTERS,
                                *supervise_yearend.ROUTERS]
    for router in routers:
        app.include_router(router)
