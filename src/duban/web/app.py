"""The web app: ``create_app(database, settings)`` builds a FastAPI application serving server-rendered
Chinese pages, their JSON twins under /api, and exports. No external assets: our own CSS, no scripts."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from importlib.resources import files
from pathlib import Path
from urllib.parse import quote

import jinja2
from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.sessions import SessionMiddleware

from ..settings import Settings
from ..store import Database
from . import api, auth, exports, pages, snippets, supervise
from .common import ERROR_CODES, ApiError, AuthRequired, is_api, render
from .guard import SafeJSONResponse, check_request
from .labels import FILTERS, GLOBALS

HERE = Path(__file__).resolve().parent
SWAGGER_ASSETS = Path(str(files("fastapi_offline") / "static"))  # swagger-ui-bundle.js and .css, for /docs
log = logging.getLogger("duban.web")

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
ERROR_TITLES = {400: "请求有误", 401: "需要登录", 403: "没有权限", 404: "未找到", 405: "不支持的请求方法",
                422: "提交的数据有误", 429: "请求过于频繁", 500: "服务器内部错误", 503: "服务繁忙"}
MAX_MESSAGE = 300  # characters of an error message (it may quote what the client sent)
OPEN_PATHS = ("/login", "/logout", "/static/")


class SecurityHeaders:
    """Adds the CSP and friends to every response."""

    def __init__(self, app) -> None:
        self.app = app
        self.raw = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in self.raw if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class PrivateGate:
    """In private mode, nothing but the sign-in page and the CSS without a signed-in session (the routes
    check the user against the database as well; this also covers /api/openapi.json and unknown paths)."""

    def __init__(self, app, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or self.settings.public:
            return await self.app(scope, receive, send)
        path = scope["path"]
        if path.startswith(OPEN_PATHS) or isinstance(scope.get("session", {}).get("user_id"), int):
            return await self.app(scope, receive, send)
        request = Request(scope)
        response = _unauthorised(request)
        await response(scope, receive, send)


def _envelope(status: int, message: str, code: str | None = None) -> SafeJSONResponse:
    return SafeJSONResponse({"error": {"status": status, "code": code or ERROR_CODES.get(status, "error"),
                                       "message": message}}, status_code=status, headers=SECURITY_HEADERS)


def _unauthorised(request: Request):
    if is_api(request):
        return _envelope(401, "请先登录（需要已登录的会话）")
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse("/login" + (f"?next={quote(path, safe='/')}" if path != "/" else ""), status_code=303)


def _error(request: Request, status: int, message: str, code: str | None = None):
    """The JSON envelope under /api/, else the HTML error page (signed in or not; the message escaped)."""
    if len(message) > MAX_MESSAGE:
        message = message[:MAX_MESSAGE] + "…"
    if is_api(request):
        return _envelope(status, message, code)
    try:
        response = render(request, "error.html", {"status": status, "title": ERROR_TITLES.get(status, "出错了"),
                                                  "message": message}, status_code=status)
        response.headers.update(SECURITY_HEADERS)  # a 500 is answered outside the middleware that adds them
        return response
    except Exception:  # never fail while failing
        log.exception("error page failed")
        return _envelope(status, message, code)


def _install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError):
        response = _error(request, exc.status, exc.message, exc.code)
        if exc.retry_after is not None:
            response.headers["Retry-After"] = str(exc.retry_after)
        return response

    @app.exception_handler(AuthRequired)
    async def auth_required(request: Request, exc: AuthRequired):
        return _unauthorised(request)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        messages = {404: "没有这个页面或记录", 405: "不支持此请求方法"}
        detail = exc.detail if isinstance(exc.detail, str) and exc.status_code not in messages else None
        return _error(request, exc.status_code, detail or messages.get(exc.status_code, "请求失败"))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):
        errors = exc.errors()
        where = {str(e.get("loc", ("body",))[0]) for e in errors}
        text = "; ".join(f"{'.'.join(str(x) for x in e.get('loc', ()))}: {e.get('msg', '')}" for e in errors)
        if "path" in where:  # /targets/abc, /targets/99999999999999999999: no such target
            return _error(request, 404, "没有这个页面或记录")
        if "body" in where:
            return _error(request, 422, f"提交的数据有误：{text}")
        return _error(request, 400, f"参数有误：{text}")

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return _error(request, 500, "服务器内部错误，请稍后再试或联系管理员")


def _templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    env.globals.update(snippets.GLOBALS)
    return Jinja2Templates(env=env)


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """With ``settings.warm``: the dashboard computed in the background at start and after changes (warm.py)."""
    warmer = None
    if app.state.settings.warm:
        from .warm import Warmer

        warmer = Warmer(app)
        warmer.start()
    try:
        yield
    finally:
        if warmer is not None:
            warmer.stop()


def create_app(database: Database, settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings(database_url=database.url)
    app = FastAPI(title="督办 duban", version="1", openapi_url="/api/openapi.json", docs_url=None,
                  redoc_url=None, summary="政府工作报告目标台账：页面的 JSON 接口", lifespan=_lifespan,
                  dependencies=[Depends(check_request), Depends(supervise.role_gate)])
    app.state.database = database
    app.state.settings = settings
    app.state.templates = _templates()
    _install_handlers(app)
    app.add_middleware(PrivateGate, settings=settings)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="duban_session",
                       max_age=settings.session_max_age, same_site="lax", https_only=settings.secure_cookies)
    app.add_middleware(SecurityHeaders)
    app.mount("/static/apidocs", StaticFiles(directory=SWAGGER_ASSETS), name="apidocs")  # before /static
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(auth.router)
    app.include_router(pages.router)
    app.include_router(api.router)
    app.include_router(api.index)
    app.include_router(exports.router)
    from . import places  # jurisdictions, series, goals, carry-over, comparisons (docs/places.md)
    app.include_router(places.router)
    supervise.install(app)  # supervising the year: tasks, progress, lights, notices (docs/supervision.md)
    places.warm_up()  # word lists loaded and long-lived objects frozen out of the GC, once per process
    return app


def app_from_environment() -> FastAPI:
    """The app for ``duban serve --workers N``: each server process opens DUBAN_DATABASE_URL itself (already
    migrated by the parent) with the settings the parent put in the environment."""
    return create_app(Database(None, auto_migrate=False))
