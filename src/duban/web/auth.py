"""Signing in and out, and the CSRF defences every POST goes through.

Sessions are Starlette's signed cookie (itsdangerous, ``settings.secret_key``) holding a random session
token (whose record, ``store.sessions``, can be revoked), the user id and name, a per-session CSRF token
and flash messages — never a password or a hash. A POST must (1) not come from another site: its
``Origin`` (or, failing that, ``Referer``) host must be this request's host, and (2) carry the session's
token, as the form field ``csrf_token`` or the ``X-CSRF-Token`` header.

Signing in is throttled (``store.sessions.login_wait``: 429 with ``Retry-After``) and the Argon2 work is
bounded: at most ``HASH_CONCURRENCY`` attempts hash at once; the others wait here without holding a
worker thread (pages keep being served), and past :data:`MAX_QUEUED` waiting the answer is 503."""

from __future__ import annotations

import asyncio
import math
import secrets
import weakref
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ..store import Database
from ..store.accounts import HASH_CONCURRENCY, HasherBusy, authenticate
from ..store.sessions import end_session, end_user_sessions, login_wait, record_failure, start_session
from .common import DB, ApiError, csrf_token, flash, lookup_user, render, safe_next
from .guard import refuse_nul

router = APIRouter(include_in_schema=False)


def same_origin(request: Request) -> bool:
    """False when the browser says the POST comes from another site."""
    host = request.headers.get("host", "").lower()
    source = request.headers.get("origin") or request.headers.get("referer")
    if source is None:
        return True  # not a browser, or a browser that sent neither: the token still has to match
    parts = urlsplit(source)
    if not parts.scheme or not parts.netloc:  # "Origin: null" (sandboxed frames, data: URLs …)
        return False
    return parts.netloc.lower() == host


def check_post(request: Request, submitted: str | None) -> None:
    """Reject cross-site POSTs and POSTs without this session's CSRF token (403)."""
    if not same_origin(request):
        raise ApiError(403, "跨站请求被拒绝（Origin/Referer 与本站不符）", "cross_site")
    expected = request.session.get("csrf")
    if not expected or not submitted or not secrets.compare_digest(str(expected).encode("utf-8", "replace"),
                                                                   str(submitted).encode("utf-8", "replace")):
        raise ApiError(403, "CSRF 令牌缺失或无效，请刷新页面后重试", "csrf")


def login_url(request: Request) -> str:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?" + urlencode({"next": path}) if path != "/" else "/login"


@router.get("/login")
def login_form(request: Request, next: str | None = None):
    return render(request, "login.html", {"next": safe_next(next), "login_csrf": csrf_token(request),
                                          "title": "登录"})


MAX_QUEUED = 64  # sign-ins waiting for a hashing slot (per process)
_gates: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class _Gate:
    """The sign-ins of one event loop: at most HASH_CONCURRENCY at work, a count of those waiting."""

    def __init__(self) -> None:
        self.slots = asyncio.Semaphore(HASH_CONCURRENCY)
        self.queued = 0


def _gate() -> _Gate:
    loop = asyncio.get_running_loop()
    gate = _gates.get(loop)
    if gate is None:
        gate = _gates[loop] = _Gate()
    return gate


def client_address(request: Request) -> str:
    """The client's address (uvicorn puts a trusted proxy's X-Forwarded-For here)."""
    return (request.client.host if request.client else "") or "unknown"


def _throttled(database: Database, username: str, address: str) -> float:
    with database.session() as db:
        return login_wait(db, username, address)


def _attempt(database: Database, username: str, password: str, address: str) -> tuple[str, object]:
    """``("ok", (token, user id, name))``, ``("failed", None)``, ``("wait", seconds)`` or ``("busy", seconds)``."""
    with database.session() as db:
        wait = login_wait(db, username, address)  # again: attempts that queued together must not all try
        if wait:
            return "wait", wait
        try:
            user = authenticate(db, username, password)
        except HasherBusy:
            return "busy", 10.0
        if user is None:
            record_failure(db, username, address)
            return "failed", None
        return "ok", (start_session(db, user, address), user.id, user.display_name or user.username, user.role)


def _login_page(request: Request, next_: str, username: str, error: str, status: int, retry: float | None = None):
    request.state.user = request.state.user_name = None
    headers = {"Retry-After": str(math.ceil(retry))} if retry else None
    return render(request, "login.html", {"next": safe_next(next_), "login_csrf": csrf_token(request),
                                          "error": error, "username": username, "title": "登录"},
                  status_code=status, headers=headers)


def _minutes(seconds: float) -> str:
    return f"{math.ceil(seconds / 60)} 分钟" if seconds >= 60 else f"{math.ceil(seconds)} 秒"


@router.post("/login")
async def login(request: Request, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
                csrf_token_field: Annotated[str, Form(alias="csrf_token")] = "",
                next: Annotated[str, Form()] = "/"):
    check_post(request, csrf_token_field)
    refuse_nul(username, password, next)
    name, address, database = username.strip(), client_address(request), request.app.state.database
    wait = await run_in_threadpool(_throttled, database, name, address)  # a throttled attempt costs no hash
    outcome: tuple[str, object] = ("wait", wait) if wait else ("busy", 10.0)
    gate = _gate()
    if not wait and gate.queued < MAX_QUEUED:
        gate.queued += 1
        try:
            async with gate.slots:  # waits without a worker thread
                outcome = await run_in_threadpool(_attempt, database, name, password, address)
        finally:
            gate.queued -= 1
    kind, value = outcome
    if kind == "wait":
        return _login_page(request, next, username, f"登录失败次数过多，请 {_minutes(value)}后再试", 429, value)
    if kind == "busy":
        return _login_page(request, next, username, "登录请求过多，请稍后再试", 503, value)
    if kind == "failed":
        return _login_page(request, next, username, "用户名或密码不正确", 401)
    token, user_id, label, role = value
    request.session.clear()  # a fresh session: no fixation, a new CSRF token
    request.session.update(sid=token, user_id=user_id, username=label, role=role)  # role: web/supervise.py
    csrf_token(request)
    flash(request, f"已登录：{label}")
    target = safe_next(next)
    if role == "unit" and not target.startswith("/supervise"):  # a unit reporter's home is its tasks
        target = "/supervise"
    return RedirectResponse(target, status_code=303)


@router.post("/logout")
def logout(request: Request, db: DB, csrf_token_field: Annotated[str, Form(alias="csrf_token")] = "",
           everywhere: Annotated[str, Form(description="0：只结束本会话（默认结束此用户的所有会话）")] = "1"):
    """Sign the user out of every session (issue 10: logout ends every session at once; each record is
    revoked, so a kept copy of any cookie stops working); with ``everywhere=0``, only this session."""
    check_post(request, csrf_token_field)
    token = request.session.get("sid")
    user = lookup_user(request, db)
    if user is not None and everywhere.strip() not in ("0", "off", "false"):
        end_user_sessions(db, user, user.username, "logout")
    elif user is not None:
        end_session(db, token, user.username)
    request.session.clear()
    flash(request, "已退出登录")
    return RedirectResponse("/" if request.app.state.settings.public else "/login", status_code=303)
