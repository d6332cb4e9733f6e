"""Commands on the ledger: ingest, serve, demo, user, export."""

from __future__ import annotations

import contextlib
import json
import os
import socket
from pathlib import Path
from typing import Annotated

import typer

from ..errors import DubanError
from .app import DB_OPTION, app, err, out, user_app


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
        raise DubanError(f"cannot open the database {db or 'duban.sqlite'}: {type(exc).__name__}: {exc}") from exc


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of reports")],
    db: Annotated[str | None, DB_OPTION] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Worker processes (default: all cores)")] = 0,
    pair: Annotated[list[str] | None, typer.Option(
        "--pair", help="PLAN=COMPLETION: assess this pair whatever the automatic pairing says")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Load reports into the ledger, pair plans with their completion reports and assess them."""
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
        report = run_ingest(paths, database, jobs=jobs or None, explicit=explicit, progress=_Bars(progress))
    if as_json:
        out.print_json(json.dumps(report.to_json(), ensure_ascii=False))
    else:
        out.print(f"{report.files} files: {len(report.added)} new, {len(report.unchanged)} unchanged, "
                  f"{len(report.failed)} failed; {report.targets_added} targets added; "
                  f"{report.runs_added} assessments added ({report.runs_existing} already there)", markup=False)
        if report.statuses:
            out.print("  " + "，".join(f"{STATUS_LABELS[k]} {v}" for k, v in report.statuses.items()), markup=False)
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
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port")] = 8000,
    public: Annotated[bool | None, typer.Option(
        "--public/--private", help="Allow read-only browsing without an account (default: DUBAN_PUBLIC or on)")] = None,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Server processes; more serve more readers at once (default 1)")] = 1,
) -> None:
    """Serve the web app (dashboard, ledger, target and document pages, JSON API)."""
    _serve(_open_db(db), host, port, public, workers)


def _serve(database, host: str, port: int, public: bool | None, workers: int = 1) -> None:
    import uvicorn

    from ..settings import Settings
    from ..web.app import create_app

    settings = Settings(database_url=database.url)
    if public is not None:
        settings.public = public
    if settings.secret_is_ephemeral:
        err.print("duban: note: DUBAN_SECRET_KEY is not set; sign-ins last until the server stops", markup=False)
    where = f"{database.engine.url!r} at http://{host}:{port}/"
    if workers > 1:
        # each process builds its own app from the environment; they share the database and the cookie key
        os.environ.update({"DUBAN_DATABASE_URL": database.engine.url.render_as_string(hide_password=False),
                           "DUBAN_PUBLIC": "1" if settings.public else "0", "DUBAN_SECRET_KEY": settings.secret_key})
        database.dispose()
        out.print(f"duban is serving {where} with {workers} processes  (Ctrl-C to stop)", markup=False)
        from uvicorn.supervisors import Multiprocess

        config = uvicorn.Config("duban.web.app:app_from_environment", factory=True, workers=workers, host=host,
                                port=port, log_level="warning")
        with contextlib.suppress(KeyboardInterrupt):
            Multiprocess(config, sockets=[_tcp_listener(host, port)]).run()
        return
    out.print(f"duban is serving {where}  (Ctrl-C to stop)", markup=False)
    uvicorn.run(create_app(database, settings), host=host, port=port, log_level="warning")


def _tcp_listener(host: str, port: int) -> socket.socket:
    """The listening socket the worker processes share, made with proto=IPPROTO_TCP.

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
        raise DubanError(f"cannot listen on {host}:{port}: {exc.strerror}") from exc
    sock.set_inheritable(True)
    return sock


@app.command()
def demo(
    db: Annotated[str, typer.Option("--db", help="Where to keep the demo ledger")] = "duban-demo.sqlite",
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Load and assess, then stop.")] = False,
) -> None:
    """Load the bundled sample reports into a local ledger, assess them and serve the web app."""
    import secrets as _secrets
    from importlib.resources import files

    from ..ingest import ingest as run_ingest
    from ..store.accounts import add_user
    from ..store.models import UserRow

    samples = Path(str(files("duban") / "samples"))
    database = _open_db(db)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=err) as progress:
        report = run_ingest([samples], database, progress=_Bars(progress))
    out.print(f"demo ledger {database.url}: {len(report.added)} new documents, {report.runs_added} assessments",
              markup=False)
    password = None
    with database.session() as session:
        from sqlalchemy import select

        if session.scalar(select(UserRow).where(UserRow.username == "demo")) is None:
            password = _secrets.token_urlsafe(9)
            add_user(session, "demo", password, "演示复核员")
    if password:
        out.print(f"reviewer account: demo / {password}  (change it with: duban user passwd demo --db {db})",
                  markup=False)
    if no_serve:
        database.dispose()
        return
    _serve(database, host, port, True)


@user_app.command("add")
def user_add(
    username: Annotated[str, typer.Argument()],
    db: Annotated[str | None, DB_OPTION] = None,
    password: Annotated[str | None, typer.Option(
        "--password", envvar="DUBAN_PASSWORD", help="(prompted for when not given)")] = None,
    name: Annotated[str | None, typer.Option("--name", help="Display name")] = None,
) -> None:
    """Create a reviewer account."""
    from ..store.accounts import add_user

    if password is None:
        password = typer.prompt("password", hide_input=True, confirmation_prompt=True)
    database = _open_db(db)
    with database.session() as session:
        add_user(session, username, password, name)
    out.print(f"user {username} created", markup=False)


@user_app.command("passwd")
def user_passwd(
    username: Annotated[str, typer.Argument()],
    db: Annotated[str | None, DB_OPTION] = None,
    password: Annotated[str | None, typer.Option("--password", envvar="DUBAN_PASSWORD")] = None,
) -> None:
    """Set a reviewer's password."""
    from ..store.accounts import set_password

    if password is None:
        password = typer.prompt("new password", hide_input=True, confirmation_prompt=True)
    database = _open_db(db)
    with database.session() as session:
        set_password(session, username, password)
    out.print(f"password of {username} changed", markup=False)


@user_app.command("list")
def user_list(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """List reviewer accounts."""
    from ..store.accounts import list_users

    database = _open_db(db)
    with database.session() as session:
        for u in list_users(session):
            out.print(f"{u.username}\t{u.display_name or ''}\t{'active' if u.active else 'disabled'}", markup=False)


def _document_id(document: str | None) -> str | None:
    """A document id, or the path of a report file (its id is the hash of its content)."""
    if document is None or not Path(document).is_file():
        return document
    import hashlib

    return hashlib.sha256(Path(document).read_bytes()).hexdigest()[:16]


@app.command("documents")
def documents_cmd(db: Annotated[str | None, DB_OPTION] = None) -> None:
    """List the ledger's documents: id, kind, year, jurisdiction, targets, title."""
    from ..store.queries import facets

    database = _open_db(db)
    with database.session() as session:
        for d in facets(session)["documents"]:
            out.print(f"{d['id']}  {d['kind']:<17} {d['year'] or '—':<5} {d['jurisdiction'] or '—':<8} "
                      f"{d['targets']:>5}  {d['title']}", markup=False)


@app.command("export")
def export_cmd(
    output: Annotated[Path, typer.Argument(help="File to write: .xlsx, .csv, .json (ledger); .docx/.md (a table)")],
    db: Annotated[str | None, DB_OPTION] = None,
    document: Annotated[str | None, typer.Option(
        "--document", "-d", help="A document id (see `duban documents`) or the report's file")] = None,
    run: Annotated[int | None, typer.Option(
        "--run", help="Export this assessment run as the 编号|目标任务|完成情况 table")] = None,
    table_of: Annotated[bool, typer.Option(
        "--table", help="With --document: its latest 编号|目标任务|完成情况 table (implied by .docx/.md)")] = False,
    status: Annotated[str | None, typer.Option(help="Only targets with this status")] = None,
) -> None:
    """Export the ledger (or one document's targets) as xlsx/csv/json, or a run's table as docx/xlsx/csv/md."""
    from ..export import ledger as ledger_export
    from ..export import table
    from ..store.queries import LedgerQuery, latest_run, ledger_rows, run_table

    kind = output.suffix.lower().lstrip(".")
    document = _document_id(document)
    database = _open_db(db)
    with database.session() as session:
        if run is not None or table_of or kind in ("docx", "md"):
            if run is None and document is not None:
                run = latest_run(session, document)
            if run is None:
                raise DubanError("a .docx/.md export is the table of one assessment: give --document ID (a "
                                 "completion report or a plan) or --run N (shown on the document pages)")
            data = run_table(session, run)
            if data is None:
                raise DubanError(f"no assessment run {run}")
            payload = table.render(data, kind)
            count = len(data.items)
        else:
            if kind not in ("xlsx", "csv", "json"):
                raise DubanError(f"{output}: unknown format {kind!r} (xlsx, csv, json, docx, md)")
            rows = ledger_rows(session, LedgerQuery(document=document, status=status))
            payload = ledger_export.render(rows, kind)
            count = len(rows)
    output.write_bytes(payload)
    out.print(f"wrote {output} ({count} rows)", markup=False)


