"""The year-end table compiled from the ledger: one row per task of a plan (in the 分解方案's order), 目标任务 the
task, 完成情况 the latest report on it for the year (a unit's report or a stored progress/completion document,
newest period first). The compiled text is the machine's and is never edited: a reviewer writes the final text
beside it (or accepts it), and compiling again refreshes only the compiled column. Exports use the final text
where there is one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import DubanError
from ..supervise import yearend as fmt
from .models import DocumentRow, UserRow, now
from .models_supervision import EvidenceRow, TaskRow, YearEndItemRow, YearEndRow
from .supervision import audit, plan_row

MAX_TEXT = 8000


def _latest(session: Session, task_id: int) -> EvidenceRow | None:
    return session.scalar(select(EvidenceRow).where(EvidenceRow.task_id == task_id)
                          .order_by(EvidenceRow.period_end.desc(), EvidenceRow.id.desc()).limit(1))


def compile_table(session: Session, plan_id: str, actor: str, table_id: int | None = None) -> YearEndRow:
    plan = plan_row(session, plan_id)
    tasks = session.scalars(select(TaskRow).where(TaskRow.plan_id == plan.id)
                            .order_by(TaskRow.ordinal, TaskRow.id)).all()
    if not tasks:
        raise DubanError("该计划还没有督办任务：先导入分解方案")
    if table_id is None:
        place = plan.jurisdiction or ""
        table = YearEndRow(plan_id=plan.id, title=f"{place}{plan.year}年政府工作报告年度完成情况", compiled_by=actor)
        session.add(table)
        session.flush()
    else:
        table = get_table(session, table_id)
        if table.status == "reviewed":
            raise DubanError("该表已审定；如需重新汇编，请新建一张")
    rows = {r.task_id: r for r in session.scalars(select(YearEndItemRow).where(YearEndItemRow.table_id == table.id))}
    for n, task in enumerate(tasks):
        latest = _latest(session, task.id)
        compiled = latest.excerpt if latest else ""
        row = rows.get(task.id)
        if row is None:
            row = YearEndItemRow(table_id=table.id, task_id=task.id, ordinal=n, number=task.number, target=task.text)
            session.add(row)
        row.ordinal, row.number, row.target = n, task.number, task.text
        row.compiled = compiled
        row.sources = [latest.id] if latest else []
        row.status = latest.status if latest else "unassessed"
    table.compiled_at, table.compiled_by = now(), actor
    audit(session, actor, "yearend_compile", f"yearend:{table.id}", plan=plan.id, rows=len(tasks))
    return table


def get_table(session: Session, table_id: int) -> YearEndRow:
    table = session.get(YearEndRow, table_id)
    if table is None:
        raise DubanError(f"没有年终汇编表 {table_id}")
    return table


def review_row(session: Session, table_id: int, row_id: int, final: str | None, user: UserRow) -> YearEndItemRow:
    """The reviewer's text for a row (None or blank: accept the compiled text as it is)."""
    table = get_table(session, table_id)
    if table.status == "reviewed":
        raise DubanError("该表已审定，不能再修改")
    row = session.get(YearEndItemRow, row_id)
    if row is None or row.table_id != table.id:
        raise DubanError(f"表中没有第 {row_id} 行")
    text = (final or "").strip()
    if len(text) > MAX_TEXT:
        raise DubanError(f"完成情况不超过 {MAX_TEXT} 字")
    before = row.final
    row.final = text or row.compiled
    row.reviewed_by, row.reviewed_at = user.username, now()
    audit(session, user.username, "yearend_review", f"yearend:{table.id}", row=row.id, number=row.number,
          before=before, edited=bool(text) and text != row.compiled)
    return row


def finalize(session: Session, table_id: int, user: UserRow) -> YearEndRow:
    table = get_table(session, table_id)
    left = [r.number for r in rows_of(session, table.id) if r.final is None]
    if left:
        raise DubanError(f"还有 {len(left)} 行未复核（序号 {'、'.join(left[:10])}{'…' if len(left) > 10 else ''}）")
    table.status, table.reviewed_by, table.reviewed_at = "reviewed", user.username, now()
    audit(session, user.username, "yearend_final", f"yearend:{table.id}")
    return table


def rows_of(session: Session, table_id: int) -> list[YearEndItemRow]:
    return list(session.scalars(select(YearEndItemRow).where(YearEndItemRow.table_id == table_id)
                                .order_by(YearEndItemRow.ordinal)))


def table_rows(session: Session, table_id: int) -> list[tuple[str, str, str]]:
    """(编号, 目标任务, 完成情况) with the reviewed text where there is one."""
    return [(r.number, r.target, r.final if r.final is not None else r.compiled) for r in rows_of(session, table_id)]


def export(session: Session, table_id: int, kind: str) -> bytes:
    table = get_table(session, table_id)
    rows = table_rows(session, table.id)
    if kind == "docx":
        return fmt.as_docx(table.title, rows)
    if kind == "xlsx":
        return fmt.as_xlsx(table.title, rows)
    if kind == "csv":
        return fmt.as_csv(rows)
    if kind == "txt":
        return fmt.as_text(table.title, rows).encode("utf-8")
    raise DubanError(f"不支持的格式 {kind!r}（docx、xlsx、csv、txt）")


def assessed(session: Session, table_id: int, kind: str) -> bytes:
    """The table assessed by the engine against its plan, in export/table.py's layout (with 评估结论 and 说明)."""
    from ..assess import assess
    from ..export import table as table_export
    from ..read import read_bytes
    from .queries import load_document
    from .supervision_progress import plan_targets

    table = get_table(session, table_id)
    plan = load_document(session, table.plan_id)
    doc = read_bytes(fmt.as_text(table.title, table_rows(session, table.id)).encode("utf-8"), name="yearend.txt")
    result = assess(plan, doc, plan_targets=plan_targets(session, plan))
    return table_export.render(result, kind)


def stored_document(session: Session, table_id: int) -> DocumentRow | None:
    table = get_table(session, table_id)
    return session.get(DocumentRow, table.document_id) if table.document_id else None
