"""What every route shares: the per-request database session, the signed-in user, the CSRF token,
flash messages, errors, and rendering a template with the common context."""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterator
from datetime import timedelta
from typing import Annotated

from fastapi import Depends, Request
from markupsafe import Markup
from sqlalchemy.orm import Session

from ..settings import Settings
from ..store.models import UserRow
from ..store.sessions import session_user

log = logging.getLogger("duban.web")

ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 409: "conflict", 413: "too_large", 422: "validation_error",
               429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """An error with an HTTP status; shown as the JSON envelope under /api and as a page elsewhere."""

    def __init__(self, status: int, message: str, code: str | None = None, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or ERROR_CODES.get(status, "error")
        self.retry_after = retry_after  # seconds, sent as Retry-After (a 429 or 503 the client may try again)


class AuthRequired(Exception):
    """Raised when a sign-in is needed: 401 under /api, a redirect to /login for pages."""


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def settings_of(request: Request) -> Settings:
    return request.app.state.settings


def get_db(request: Request) -> Iterator[Session]:
    """One transaction per request: committed when the route returns, rolled back if it raises."""
    with request.app.state.database.session() as session:
        yield session


DB = Annotated[Session, Depends(get_db, scope="function")]


def _label(user: UserRow | None) -> str | None:
    return (user.display_name or user.username) if user is not None else None


def lookup_user(request: Request, db: Session) -> UserRow | None:
    """The user of this request's session (None when anonymous, or when the session was signed out,
    revoked by a new password or a disabled account, or idle too long: then the cookie is emptied).
    Kept on ``request.state`` with the name to show, read now (an error page rendered after the
    request's transaction ended must not touch the ORM object)."""
    user = None
    if "sid" in request.session or "user_id" in request.session:
        user = session_user(db, request.session.get("sid"), timedelta(seconds=settings_of(request).session_max_age))
        if user is None:
            request.session.clear()
    request.state.user = user
    request.state.user_name = _label(user)
    return user


def identify(request: Request) -> None:
    """For a page rendered outside a route (an error): the session's user, in a short transaction of its own."""
    if hasattr(request.state, "user_name"):
        return
    request.state.user = request.state.user_name = None
    if "sid" not in request.session:
        return
    try:
        with request.app.state.database.session() as db:
            lookup_user(request, db)
    except Exception:  # an error page shows, signed in or not
        log.exception("looking up the session for an error page failed")
        request.state.user = request.state.user_name = None


def viewer(request: Request, db: DB) -> UserRow | None:
    """The signed-in user (None when anonymous); in private mode anonymous visitors must sign in."""
    user = lookup_user(request, db)
    if user is None and not settings_of(request).public:
        raise AuthRequired()
    return user


Viewer = Annotated[UserRow | None, Depends(viewer)]


def reviewer(user: Viewer) -> UserRow:
    if user is None:
        raise AuthRequired()
    return user


Reviewer = Annotated[UserRow, Depends(reviewer)]


def csrf_token(request: Request) -> str:
    """This session's CSRF token (created on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 20:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


def flash(request: Request, message: str, kind: str = "ok") -> None:
    request.session["flash"] = [*request.session.get("flash", []), [kind, message]][-5:]


def pop_flashes(request: Request) -> list[list[str]]:
    return request.session.pop("flash", []) if "flash" in request.session else []


def safe_next(value: str | None) -> str:
    """A local path to go back to after signing in (never another site)."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value or "\n" in value:
        return "/"
    return value


def render(request: Request, name: str, context: dict | None = None, status_code: int = 200,
           headers: dict[str, str] | None = None):
    identify(request)
    user, label = request.state.user, request.state.user_name
    base = {
        "user": user,
        "user_name": label,
        "public": settings_of(request).public,
        "flashes": pop_flashes(request),
        "csrf_token": csrf_token(request) if label else "",
        "path": request.url.path,
    }
    return request.app.state.templates.TemplateResponse(request, name, {**base, **(context or {})},
                                                        status_code=status_code, headers=headers)


def fragment(request: Request, name: str, **context) -> Markup:
    """A template rendered on its own (a page's body, the same for every visitor), to be remembered and
    placed in a page by ``render``."""
    return Markup(request.app.state.templates.env.get_template(name).render(**context))
