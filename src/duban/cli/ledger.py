"""Commands on the ledger: ingest, serve, demo, user, export."""

from __future__ import annotations

import contextlib
import errno
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import DB_OPTION, app, err, out, print_json, user_app
from .lookup import DEMO_DB, describe_run, document_id, find_run, open_existing
from .scale import CLUSTER_OPTION, check_cluster  # issue 11: --cluster is declared with the scale-out commands


class _Bars:
    """Progress bars for ingest's two phases (reading/extracting, assessing)."""

    def __init__(self, progress) -> None:
        self.progress = progress
        self.task = None

    def phase(self, name: str, total: int) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=self.progress.tasks[self.task].total)
        self.task = self.progress.add_task(name, total=max(total, 0))

    def advance(self) -> None:
        self.progress.advance(self.task)


def _open_db(db: str | None):
    from ..store import Database

    try:
        return Database(db)
    except Exception as exc:  # a wrong URL, an unreachable server, a read-only file
        raise DubanError(f"无法打开数据库 {db or 'duban.sqlite'}：{type(exc).__name__}: {exc}") from exc


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="报告", help="报告文件或文件夹")],
    db: Annotated[str | None, DB_OPTION] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", metavar="数量", help="工作进程数（默认：全部 CPU 核）")] = 0,
    pair: Annotated[list[str] | None, typer.Option(
        "--pair", metavar="计划=完成情况", help="指定评估这一对文件，不管自动配对的结果")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出汇总。")] = False,
    cluster: Annotated[str | None, CLUSTER_OPTION] = None,  # issue 11 (cli/scale.py, cluster.py)
) -> None:
    """把报告导入台账，为计划配上完成情况报告并逐项评估。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from ..ingest import ingest as run_ingest
    from ..records import STATUS_LABELS

    for p in paths:
        if not p.exists():
            raise DubanError(f"{p}: no such file or folder")
    explicit = []
    for item in pair or []:
        if "=" not in item:
            raise DubanError(f"--pair {item!r}: write PLAN=COMPLETION")
        plan_path, comp_path = item.split("=", 1)
        explicit.append((plan_path, comp_path))
        paths += [Path(plan_path), Path(comp_path)]
    database = _open_db(db)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, disable=as_json) as progress:
        report = run_ingest(paths, database, jobs=jobs or None, explicit=explicit, progress=_Bars(progress),
                            cluster=check_cluster(cluster))  # issue 11: --cluster
    if as_json:
        print_json(report.to_json())
    else:
        out.print(f"{report.files} 个文件：新增 {len(report.added)}，未变 {len(report.unchanged)}，"
                  f"失败 {len(report.failed)}；新增目标 {report.targets_added} 个；"
                  f"新增评估 {report.runs_added} 次（已有 {report.runs_existing} 次）", markup=False)
        if report.statuses:
            counts = "，".join(f"{STATUS_LABELS[k]} {v}" for k, v in report.statuses.items())
            out.print(f"  新增评估（按目标计）：{counts}", markup=False)
    for path, problem in report.failed:
        err.print(f"duban: error: {path}: {problem}", markup=False)
    for w in report.warnings:
        err.print(f"duban: warning: {w}", markup=False)
    database.dispose()
    if report.failed:
        raise typer.Exit(1)


@app.command()
def serve(
    db: Annotated[str | None, DB_OPTION] = None,
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="端口", help="端口")] = 8000,
    public: Annotated[bool | None, typer.Option(
        "--public/--private", help="是否允许不登录只读浏览（默认：DUBAN_PUBLIC，未设置则允许）")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, metavar="数量", help="服务进程数；读者多时可增加（默认 1）")] = 1,
) -> None:
    """启动网页版：总览、目标台账、目标与文件页面、JSON 接口。"""
    listener = _tcp_listener(host, port, "serve")  # a busy port is reported before anything else happens
    _serve(_open_db(db), host, port, public, workers, listener)


def _serve(database, host: str, port: int, public: bool | None, workers: int = 1,
           listener: socket.socket | None = None) -> None:
    import uvicorn

    from ..settings import Settings
    from ..web.app import create_app

    settings = Settings(database_url=database.url, warm=True)  # the dashboard ready before the first visitor
    if public is not None:
        settings.public = public
    if settings.secret_is_ephemeral:
        err.print("duban: 提示：未设置 DUBAN_SECRET_KEY，登录状态在服务停止后失效", markup=False)
    where = f"{database.engine.url!r}，地址 http://{host}:{port}/"
    listener = listener or _tcp_listener(host, port, "serve")
    if workers > 1:
        # each process builds its own app from the environment; they share the database and the cookie key
        os.environ.update({"DUBAN_DATABASE_URL": database.engine.url.render_as_string(hide_password=False),
                           "DUBAN_PUBLIC": "1" if settings.public else "0", "DUBAN_SECRET_KEY": settings.secret_key,
                           "DUBAN_WARM": "1"})
        database.dispose()
        out.print(f"duban 正在提供 {where}（{workers} 个进程；Ctrl-C 停止）", markup=False)
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config("duban.web.app:app_from_environment", factory=True, workers=workers, host=host,
                                port=port, log_level="warning")
        with contextlib.suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[listener]).run()
        return
    out.print(f"duban 正在提供 {where}（Ctrl-C 停止）", markup=False)
    server = uvicorn.Server(uvicorn.Config(create_app(database, settings), log_level="warning"))
    with contextlib.suppress(KeyboardInterrupt):
        server.run(sockets=[listener])


def _tcp_listener(host: str, port: int, command: str = "serve") -> socket.socket:
    """The listening socket the server processes share, made with proto=IPPROTO_TCP; a port in use is one
    line naming a free one to pass as ``duban COMMAND --port N``.

    uvicorn's own bind_socket() leaves proto at 0, so asyncio never sets TCP_NODELAY on the accepted
    connections and every keep-alive response waits ~40 ms for the client's delayed ACK
    (Kludex/uvicorn#3149; measured here: api/target p50 11 ms with one process, 53 ms with two).
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise DubanError(f"端口 {port} 已被占用（{host}:{port}），换一个端口：duban {command} --port "
                             f"{_free_port(host, port)}") from exc
        raise DubanError(f"无法监听 {host}:{port}：{exc.strerror}") from exc
    sock.set_inheritable(True)
    return sock


def _free_port(host: str, port: int) -> int:
    """The first port after ``port`` that can be bound now (a suggestion; 8001 when none is found)."""
    for candidate in range(port + 1, min(port + 50, 65535)):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, candidate))
                return candidate
            except OSError:
                continue
    return port + 1


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", metavar="数据库", help="演示台账存放处")] = str(DEMO_DB),
    host: Annotated[str, typer.Option("--host", metavar="地址", help="监听地址")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", metavar="端口", help="端口")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="只导入和评估，不启动网页版。")] = False,
) -> None:
    """把自带的样例报告导入演示台账（默认 duban-demo/ 文件夹）、逐项评估，并启动网页版。"""
    import secrets as _secrets
    from importlib.resources import files

    from ..ingest import ingest as run_ingest
    from ..store.accounts import add_user
    from ..store.models import UserRow

    listener = None if no_serve else _tcp_listener(host, port, "demo")  # before the minute of loading
    samples = Path(str(files("duban") / "samples"))
    if "://" not in db:
        Path(db).parent.mkdir(parents=True, exist_ok=True)
    database = _open_db(db)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as progress:
        report = run_ingest([samples], database, progress=_Bars(progress))
    out.print(f"演示台账 {database.url}：新增 {len(report.added)} 个文件，{report.runs_added} 次评估", markup=False)
    password = None
    with database.session() as session:
        from sqlalchemy import select

        if session.scalar(select(UserRow).where(UserRow.username == "demo")) is None:
            password = _secrets.token_urlsafe(9)
            add_user(session, "demo", password, "演示复核员")
    if password:
        out.print(f"复核员账号（reviewer account）：demo / {password}（修改密码：duban user passwd demo --db {db}）",
                  markup=False)
    if no_serve:
        database.dispose()
        return
    _serve(database, host, port, True, listener=listener)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument(metavar="用户名", help="登录名")],
    db: Annotated[str | None, DB_OPTION] = None,
    password: Annotated[str | None, typer.Option(
        "--password", envvar="DUBAN_PASSWORD", metavar="密码", help="密码（不给时提示输入）")] = None,
    name: Annotated[str | None, typer.Option("--name", metavar="姓名", help="显示的姓名")] = None,
    role: Annotated[str, typer.Option("--role", metavar="角色", help="admin（管理员）、supervisor（督查室）或 "
                                      "unit（单位填报员）")] = "supervisor",
    unit: Annotated[list[str] | None, typer.Option("--unit", metavar="单位",
                                                   help="单位填报员所属单位（可多次）")] = None,
) -> None:
    """新建账号（默认督查室角色；docs/supervision.md）。"""
    from ..store.accounts import add_user

    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    database = _open_db(db)
    with database.session() as session:
        add_user(session, username, password, name, role=role, units=unit or [])
    out.print(f"已新建账号 {username}（{role}{'：' + '、'.join(unit) if unit else ''}）", markup=False)


@user_app.command("passwd")
def user_passwd(
    username: Annotated[str, typer.Argument(metavar="用户名", help="登录名")],
    db: Annotated[str | None, DB_OPTION] = None,
    password: Annotated[str | None, typer.Option("--password", envvar="DUBAN_PASSWORD", metavar="密码",
                                                 help="新密码（不给时提示输入）")] = None,
) -> None:
    """修改复核员密码。"""
    from ..store.accounts import set_password

    if password is None:
        password = typer.prompt("new password", hide_input=True, confirmation_prompt=True)
    database = _open_db(db)
    with database.session() as session:
        ended = set_password(session, username, password)
    out.print(f"已修改 {username} 的密码，并结束其 {ended} 个会话", markup=False)


@user_app.command("disable")
def user_disable(username: Annotated[str, typer.Argument(metavar="用户名", help="登录名")],
                 db: Annotated[str | None, DB_OPTION] = None) -> None:
    """停用复核员账号：不能再登录，已有的会话立即全部结束。"""
    from ..store.accounts import set_active

    database = _open_db(db)
    with database.session() as session:
        ended = set_active(session, username, False)
    out.print(f"已停用账号 {username}，并结束其 {ended} 个会话", markup=False)


@user_app.command("enable")
def user_enable(username: Annotated[str, typer.Argument(metavar="用户名", help="登录名")],
                db: Annotated[str | None, DB_OPTION] = None) -> None:
    """重新启用停用的账号（须重新登录）。"""
    from ..store.accounts import set_active

    database = _open_db(db)
    with database.session() as session:
        set_active(session, username, True)
    out.print(f"已启用账号 {username}", markup=False)


@user_app.command("list")
def user_list(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """列出复核员账号（只读）。"""
    from ..store.accounts import list_users

    database = open_existing(db)
    with database.session() as session:
        for u in list_users(session):
            out.print(f"{u.username}\t{u.display_name or ''}\t{'启用' if u.active else '停用'}\t{u.role}", markup=False)


@app.command("documents")
def documents_cmd(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """列出台账中的文件：id、类型、年份、地区、目标数、标题（只读：不会新建数据库）。"""
    from ..records import KIND_LABELS
    from ..store.queries import facets

    database = open_existing(db)
    with database.session() as session:
        docs = facets(session)["documents"]
    if not docs:
        err.print("台账里还没有文件（用 duban ingest 导入）", markup=False)
    for d in docs:
        kind = KIND_LABELS.get(d["kind"], d["kind"])
        out.print(f"{d['id']}  {_pad(kind, 12)} {d['year'] or '—':<5} {_pad(d['jurisdiction'] or '—', 12)} "
                  f"{d['targets']:>5} 项  {d['title']}", markup=False)
    database.dispose()


@app.command("runs")
def runs_cmd(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """列出台账中的评估批次：编号、计划 → 完成情况、按目标计的结论（只读）。"""
    from sqlalchemy import select

    from ..records import STATUS_LABELS
    from ..store.models import RunRow

    database = open_existing(db)
    with database.session() as session:
        for run in session.scalars(select(RunRow).order_by(RunRow.id)):
            counts = "，".join(f"{STATUS_LABELS.get(k, k)} {v}" for k, v in (run.summary or {}).items())
            out.print(f"#{run.id:<4} {describe_run(session, run.id).split('：', 1)[1]}", markup=False)
            out.print(f"       按目标计：{counts}（计划 {run.plan_id or '—'}，完成情况 {run.completion_id}）",
                      markup=False)
    database.dispose()


def _pad(text: str, width: int) -> str:
    """``text`` padded to ``width`` terminal columns (a Chinese character takes two)."""
    used = sum(2 if ord(c) > 0x2E80 else 1 for c in text)
    return text + " " * max(0, width - used)


@app.command("export")
def export_cmd(
    output: Annotated[Path, typer.Argument(
        metavar="文件",
        help="输出文件：.xlsx、.csv、.json（台账）；.docx、.md（一次评估的 编号|目标任务|完成情况 表）")],
    db: Annotated[str | None, DB_OPTION] = None,
    document: Annotated[str | None, typer.Option(
        "--document", "-d", metavar="文件", help="文件 id（见 duban documents）或报告文件本身")] = None,
    run: Annotated[int | None, typer.Option(
        "--run", metavar="编号", help="导出这一评估批次的 编号|目标任务|完成情况 表（编号见 duban runs）")] = None,
    plan: Annotated[str | None, typer.Option(
        "--plan", "-p", metavar="文件", help="按文件指定评估批次：计划的文件 id 或报告文件")] = None,
    completion: Annotated[str | None, typer.Option(
        "--completion", "-c", metavar="文件", help="按文件指定评估批次：完成情况报告的文件 id 或报告文件")] = None,
    table_of: Annotated[bool, typer.Option(
        "--table", help="与 --document 一起：导出该文件最近一次评估的表（.docx/.md 时默认如此）")] = False,
    status: Annotated[str | None, typer.Option(
        "--status", metavar="状态", help="只导出这一状态的目标（如 not_met）")] = None,
) -> None:
    """导出台账（或一个文件的目标）为 xlsx/csv/json，或一次评估的表为 docx/xlsx/csv/md（只读）。"""
    from ..export import ledger as ledger_export
    from ..export import table
    from ..store.exports import ledger_export_rows
    from ..store.queries import LedgerQuery, latest_run, run_table

    kind = output.suffix.lower().lstrip(".")
    if kind not in ("xlsx", "csv", "json", "docx", "md"):
        raise DubanError(f"{output}: unknown format {kind!r} (xlsx, csv, json, docx, md)")
    document = document_id(document)
    database = open_existing(db)
    with database.session() as session:
        run = find_run(session, run, plan, completion)
        if run is not None or table_of or kind in ("docx", "md"):
            if run is None and document is not None:
                run = latest_run(session, document)
            if run is None:
                raise DubanError("docx/md 导出的是一次评估的表：请用 --plan/--completion（文件 id 或报告文件）、"
                                 "--document 或 --run 编号指定（duban runs 列出全部评估批次）")
            data = run_table(session, run)
            err.print(describe_run(session, run), markup=False)
            output.write_bytes(table.render(data, kind))
            count = len(data.items)
        else:
            query = LedgerQuery(document=document, status=status).normalised()
            if query.errors:
                raise DubanError("；".join(query.errors))
            with output.open("wb") as fh:
                count = ledger_export.write(ledger_export_rows(session, query), kind, fh)
    database.dispose()
    out.print(f"已写入 {output}（{count} 行）", markup=False)
