"""Signing in and out, and the CSRF defences every POST goes through.

Sessions are Starlette's signed cookie (itsdangerous, ``settings.secret_key``): it holds the user id,
the user name, a per-session CSRF token and flash messages — never a password or a hash. A POST must
(1) not come from another site: its ``Origin`` (or, failing that, ``Referer``) host must be this
request's host, and (2) carry the session's token, as the form field ``csrf_token`` or the
``X-CSRF-Token`` header."""

from __future__ import annotations

import secrets
from typing import Annotated
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse

from ..store.accounts import authenticate
from .common import DB, ApiError, csrf_token, flash, render, safe_next

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
    if not expected or not submitted or not secrets.compare_digest(str(expected), str(submitted)):
        raise ApiError(403, "CSRF 令牌缺失或无效，请刷新页面后重试", "csrf")


def login_url(request: Request) -> str:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return "/login?" + urlencode({"next": path}) if path != "/" else "/login"


@router.get("/login")
def login_form(request: Request, next: str | None = None):
    return render(request, "login.html", {"next": safe_next(next), "login_csrf": csrf_token(request),
                                          "title": "登录"})


@router.post("/login")
def login(request: Request, db: DB, username: Annotated[str, Form()] = "", password: Annotated[str, Form()] = "",
          csrf_token_field: Annotated[str, Form(alias="csrf_token")] = "",
          next: Annotated[str, Form()] = "/"):
    check_post(request, csrf_token_field)
    request.state.user = None
    user = authenticate(db, username.strip(), password) if username and password else None
    if user is None:
        return render(request, "login.html", {"next": safe_next(next), "login_csrf": csrf_token(request),
                                              "error": "用户名或密码不正确", "username": username, "title": "登录"},
                      status_code=401)
    request.session.clear()  # a fresh session: no fixation, a new CSRF token
    request.session.update(user_id=user.id, username=user.display_name or user.username)
    csrf_token(request)
    flash(request, f"已登录：{user.display_name or user.username}")
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf_token_field: Annotated[str, Form(alias="csrf_token")] = ""):
    check_post(request, csrf_token_field)
    request.session.clear()
    flash(request, "已退出登录")
    return RedirectResponse("/" if request.app.state.settings.public else "/login", status_code=303)
