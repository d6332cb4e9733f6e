"""What the read-only commands share: opening a ledger that must already exist (never creating one, and
saying which one was read), naming a document by its id or its file, and naming an assessment run by its
number or by its plan and completion documents."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import DubanError
from .app import err

DEMO_DB = Path("duban-demo") / "ledger.sqlite"


def _sqlite_path(url: str) -> Path | None:
    from sqlalchemy.engine import make_url  # (imported here: commands that never open a ledger stay light)

    parsed = make_url(url)
    if not parsed.drivername.startswith("sqlite"):
        return None
    return Path(parsed.database) if parsed.database and parsed.database != ":memory:" else None


def open_existing(db: str | None):
    """The ledger at ``db`` (or DUBAN_DATABASE_URL, or ./duban.sqlite) if it exists; a DubanError naming it
    otherwise. A read-only command never creates a database. Prints 数据库：… to stderr."""
    from sqlalchemy.engine import make_url

    from ..store import Database
    from ..store.db import database_url, is_current, migrate

    url = database_url(db)
    shown = make_url(url).render_as_string(hide_password=True)
    path = _sqlite_path(url)
    if path is not None and not path.is_file():
        hint = "先用 duban ingest 导入报告，或用 --db 指定台账"
        if DEMO_DB.is_file() and path.resolve() != DEMO_DB.resolve():
            hint = f"演示台账在 {DEMO_DB}：加 --db {DEMO_DB}"
        raise DubanError(f"没有台账 {path}（{hint}）")
    try:
        database = Database(url, auto_migrate=False)
        if not is_current(database.engine):
            database.dispose()
            raise DubanError(f"{shown} 不是 duban 台账（没有 documents 表）")
        migrate(database.engine)  # an older ledger gets the newer columns; nothing is created from nothing
    except DubanError:
        raise
    except Exception as exc:  # a wrong URL, an unreachable server
        raise DubanError(f"无法打开数据库 {shown}：{type(exc).__name__}: {exc}") from exc
    err.print(f"数据库：{shown}", markup=False)
    return database


def document_id(document: str | None) -> str | None:
    """A document id, or the path of a report file (its id is the hash of its content)."""
    if document is None or not Path(document).is_file():
        return document
    return hashlib.sha256(Path(document).read_bytes()).hexdigest()[:16]


def find_run(session, run: int | None, plan: str | None, completion: str | None) -> int | None:
    """The run named by its number, or by its documents (ids or files): the newest run of that plan and/or
    completion report. None when none of them is given."""
    from sqlalchemy import select

    from ..store.models import DocumentRow, RunRow

    if run is not None:
        if session.get(RunRow, run) is None:
            raise DubanError(f"这个台账里没有评估批次 {run}（duban runs 列出全部评估批次）")
        return run
    if plan is None and completion is None:
        return None
    stmt = select(RunRow.id).order_by(RunRow.id.desc()).limit(1)
    for given, column in ((plan, RunRow.plan_id), (completion, RunRow.completion_id)):
        if given is None:
            continue
        doc = document_id(given)
        if session.get(DocumentRow, doc) is None:
            raise DubanError(f"这个台账里没有文件 {given}（duban documents 列出全部文件）")
        stmt = stmt.where(column == doc)
    found = session.scalar(stmt)
    if found is None:
        named = "、".join(f"{label} {v}" for label, v in (("计划", plan), ("完成情况", completion)) if v)
        raise DubanError(f"没有{named}的评估批次（duban runs 列出全部评估批次）")
    return found


def describe_run(session, run_id: int) -> str:
    """评估批次 #3：计划《…》→ 完成情况《…》 (to say which pair an export is)."""
    from ..store.models import DocumentRow, RunRow
    from ..store.queries import display_title

    run = session.get(RunRow, run_id)
    titles = {}
    for doc_id in (run.plan_id, run.completion_id):
        doc = session.get(DocumentRow, doc_id) if doc_id else None
        titles[doc_id] = display_title(doc.title, doc.path, doc.kind, doc.year, doc.jurisdiction) if doc else ""
    plan = f"计划《{titles[run.plan_id]}》→ " if run.plan_id else ""
    return f"评估批次 #{run_id}：{plan}完成情况《{titles[run.completion_id]}》"
