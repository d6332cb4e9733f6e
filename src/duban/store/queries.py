"""Reading the ledger: filtered, sorted, paginated targets; facets; the dashboard; one target with its
evidence and history; one document with its outline. Every function returns plain JSON-ready data,
shared by the web pages and their /api twins."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select, text
from sqlalchemy.orm import Session, selectinload

from ..records import FLAG_LABELS, FLAGS, STATUS_LABELS, STATUSES, TIER_LABELS
from ..records import KIND_LABELS as DOC_KIND_LABELS
from .accounts import reviews_of
from .cache import remember
from .models import FLAGGED, DocumentRow, ItemRow, MeasurementRow, RunRow, SectionRow, TargetRow, VerdictRow
from .summaries import summaries, target_summary
from .times import iso

MAX_PER_PAGE = 200
PARAM_NAMES = {"status": "状态", "flag": "疑点标记", "tier": "层级", "doc_kind": "文件类型"}
SORTS = {
    "position": (TargetRow.document_id, TargetRow.ordinal),
    "status": (TargetRow.status, TargetRow.document_id, TargetRow.ordinal),
    "year": (TargetRow.year, TargetRow.document_id, TargetRow.ordinal),
    "section": (TargetRow.top_section, TargetRow.ordinal),
    "kind": (TargetRow.kind, TargetRow.document_id, TargetRow.ordinal),
}


_NULLABLE = ("year", "top_section")


def _nulls_last(ordering, column):
    return ordering.nulls_last() if column.key in _NULLABLE else ordering


@dataclass
class LedgerQuery:
    document: str | None = None
    year: int | None = None
    jurisdiction: str | None = None
    section: str | None = None
    status: str | None = None
    flag: str | None = None
    kind: str | None = None
    q: str | None = None
    tier: str | None = None  # headline | task
    doc_kind: str | None = None  # the document's kind (work_report, work_plan, …)
    sort: str = "position"
    desc: bool = False
    page: int = 1
    per_page: int = 50
    errors: list[str] = field(default_factory=list)

    def normalised(self) -> LedgerQuery:
        """Unknown codes are dropped, each with a Chinese message in ``errors`` (the web answers 400 with them)."""
        for name, known in (("status", STATUS_LABELS), ("flag", FLAG_LABELS), ("tier", TIER_LABELS),
                            ("doc_kind", DOC_KIND_LABELS)):
            value = getattr(self, name)
            if value and value not in known:
                self.errors.append(f"未知的{PARAM_NAMES[name]} {value!r}（可选：{'、'.join(known)}）")
                setattr(self, name, None)
        if self.sort not in SORTS:
            self.errors.append(f"未知的排序方式 {self.sort!r}（可选：{'、'.join(SORTS)}）")
            self.sort = "position"
        self.page = max(1, self.page)
        self.per_page = min(MAX_PER_PAGE, max(1, self.per_page))
        return self

    def params(self) -> dict:
        out = {k: getattr(self, k) for k in ("document", "year", "jurisdiction", "section", "status", "flag",
                                              "kind", "tier", "doc_kind", "q", "sort")}
        out.update(desc=self.desc or None, per_page=self.per_page if self.per_page != 50 else None)
        return {k: v for k, v in out.items() if v not in (None, "", False)}


def _filtered(query: LedgerQuery):
    stmt = select(TargetRow)
    if query.document:
        stmt = stmt.where(TargetRow.document_id == query.document)
    if query.year is not None:
        stmt = stmt.where(TargetRow.year == query.year)
    if query.jurisdiction:
        stmt = stmt.where(TargetRow.jurisdiction == query.jurisdiction)
    if query.section:
        stmt = stmt.where(or_(TargetRow.top_section == query.section, TargetRow.section == query.section))
    if query.status:
        stmt = stmt.where(TargetRow.status == query.status)
    if query.flag:
        # the literal condition lets both databases walk the small partial index of flagged targets
        stmt = stmt.where(text(f"targets.{FLAGGED}"), TargetRow.machine_flags.contains(f",{query.flag},"))
    if query.kind in ("quantitative", "qualitative"):
        stmt = stmt.where(TargetRow.kind == query.kind)
    if query.q:
        stmt = stmt.where(TargetRow.text.contains(query.q.strip()))
    if query.tier:
        stmt = stmt.where(TargetRow.tier == query.tier)
    if query.doc_kind:
        stmt = stmt.where(TargetRow.document_id.in_(select(DocumentRow.id).where(DocumentRow.kind == query.doc_kind)))
    return stmt


def ledger(session: Session, query: LedgerQuery) -> dict:
    query.normalised()
    base = _filtered(query)
    filters = tuple(sorted((k, v) for k, v in query.params().items() if k not in ("sort", "desc", "per_page")))
    total = remember(session, "ledger_total", filters,
                     lambda: session.scalar(select(func.count()).select_from(base.subquery())) or 0)
    # missing years and sections last on every database (PostgreSQL puts NULL first when descending, SQLite
    # first when ascending)
    order = [_nulls_last(c.desc() if query.desc else c.asc(), c) for c in SORTS[query.sort]] + [TargetRow.id]
    # the page's ids first (an index scan that skips rows without reading them), then those rows
    page_ids = base.with_only_columns(TargetRow.id).order_by(*order).offset((query.page - 1) * query.per_page) \
        .limit(query.per_page)
    targets = summaries(session, select(TargetRow).where(TargetRow.id.in_(page_ids)).order_by(*order),
                        lambda ids: _titles(session, ids))
    return {
        "total": total,
        "page": query.page,
        "per_page": query.per_page,
        "pages": max(1, -(-total // query.per_page)),
        "filters": query.params(),
        "errors": list(query.errors),
        "targets": targets,
    }


KIND_LABELS = {"work_report": "政府工作报告", "work_plan": "工作计划", "completion_report": "完成情况",
               "progress_report": "进展情况", "task_breakdown": "任务分解", "five_year": "五年目标", "unknown": "文件"}


def display_title(title: str | None, path: str | None, kind: str, year: int | None, place: str | None) -> str:
    """The document's own title; else a description (全国2013年政府工作报告); else its file name."""
    if title:
        return title
    if year:
        return f"{place or ''}{year}年{KIND_LABELS.get(kind, '文件')}"
    return (path or "").replace("\\", "/").rsplit("/", 1)[-1] or "（无标题）"


def _titles(session: Session, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = session.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.kind,
                                  DocumentRow.year, DocumentRow.jurisdiction).where(DocumentRow.id.in_(ids)))
    return {i: display_title(t, p, k, y, j) for i, t, p, k, y, j in rows}


def facets(session: Session) -> dict:
    """Documents, years, places, statuses and flags to filter by (remembered per data version)."""
    return remember(session, "facets", (), lambda: _facets(session))


def _facets(session: Session) -> dict:
    docs = session.execute(
        select(DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.year, DocumentRow.kind,
               DocumentRow.jurisdiction, DocumentRow.n_targets).order_by(DocumentRow.year, DocumentRow.title)).all()
    years = sorted({y for (y,) in session.execute(select(TargetRow.year).distinct()) if y is not None})
    places = sorted({j for (j,) in session.execute(select(TargetRow.jurisdiction).distinct()) if j})
    return {
        "documents": [{"id": i, "title": display_title(t, p, k, y, j), "year": y, "kind": k, "jurisdiction": j,
                       "targets": n} for i, t, p, y, k, j, n in docs],
        "years": years,
        "jurisdictions": places,
        "statuses": [{"code": s, "label": STATUS_LABELS[s]} for s in STATUSES],
        "flags": list(FLAGS),
    }


def dashboard(session: Session, document: str | None = None, filters: LedgerQuery | None = None) -> dict:
    """The supervisor's overview (``store.dashboard``), remembered per data version and filters."""
    from .dashboard import dashboard as overview

    return overview(session, filters or LedgerQuery(document=document))


def _title_of(doc: DocumentRow) -> str:
    return display_title(doc.title, doc.path, doc.kind, doc.year, doc.jurisdiction)


def _passage(text: str, start: int, end: int, marks: list[tuple[int, int, str]], pad: int = 160,
             offset: int = 0) -> dict:
    """A window of the document around start..end with marks given relative to the window. ``text`` is
    the document from ``offset`` on (see ``_around``), or all of it."""
    a, b = max(0, start - pad), min(offset + len(text), end + pad)
    while a > offset and text[a - 1 - offset] not in "\n。":
        a -= 1
        if start - a > pad * 2:
            break
    return {"start": a, "end": b, "text": text[a - offset:b - offset],
            "marks": [{"start": s - a, "end": e - a, "kind": k} for s, e, k in marks if a <= s and e <= b]}


def _around(session: Session, doc_id: str, start: int, end: int, pad: int) -> tuple[str, int]:
    """The part of a document's text that ``_passage`` can show (not the whole text: a report is long)."""
    lo = max(0, start - 2 * pad - 2)
    part = session.scalar(select(func.substr(DocumentRow.text, lo + 1, end + pad - lo)).where(DocumentRow.id == doc_id))
    return part or "", lo


def _meta(session: Session, doc_id: str):
    return session.execute(select(DocumentRow.id, DocumentRow.title, DocumentRow.path, DocumentRow.kind,
                                  DocumentRow.year, DocumentRow.jurisdiction).where(DocumentRow.id == doc_id)).first()


def target_detail(session: Session, target_id: int) -> dict | None:
    target = session.get(TargetRow, target_id, options=[selectinload(TargetRow.indicators)])
    if target is None:
        return None
    doc = _meta(session, target.document_id)
    assert doc is not None
    marks = [(target.start, target.end, "target")] + [(i.start, i.end, "indicator") for i in target.indicators]
    verdicts = []
    rows = session.execute(
        select(VerdictRow, RunRow, ItemRow).join(RunRow, VerdictRow.run_id == RunRow.id)
        .outerjoin(ItemRow, VerdictRow.item_id == ItemRow.id).where(VerdictRow.target_id == target_id)
        .order_by(RunRow.created_at.desc(), RunRow.id.desc())).all()
    for verdict, run, item in rows:
        completion = _meta(session, run.completion_id)
        source = {"id": completion.id, "title": _title_of(completion)} if completion else None
        entry = {"run": run.id, "engine": run.engine, "created_at": iso(run.created_at),
                 "status": verdict.status, "status_label": STATUS_LABELS.get(verdict.status, verdict.status),
                 "flags": verdict.flags, "completion": source, "item": None}
        if item is not None and completion is not None:
            payload = item.payload
            ev_marks = [(s, e, "evidence") for s, e in item.evidence_spans]
            ev_marks += [(a["actual"]["span"][0], a["actual"]["span"][1], "actual")
                         for a in payload.get("indicators", []) if a.get("actual")]
            s = item.completion_start if item.completion_start is not None else 0
            e = item.completion_end if item.completion_end is not None else s
            part, lo = _around(session, completion.id, s, e, 0)
            entry["item"] = {**payload, "passage": _passage(part, s, e, ev_marks, 0, lo)}
        verdicts.append(entry)
    part, lo = _around(session, doc.id, target.start, target.end, 160)
    return {
        "target": {**target_summary(target, _title_of(doc)), "section_path": target.section_path,
                   "indicator_details": [
                       {"metric": i.metric, "op": i.op, "value": i.value, "value_high": i.value_high, "unit": i.unit,
                        "basis": i.basis, "hedge": i.hedge, "span": [i.start, i.end], "metric_id": i.metric_id,
                        "direction": i.direction} for i in target.indicators]},
        "document": {"id": doc.id, "title": _title_of(doc), "year": doc.year, "kind": doc.kind,
                     "jurisdiction": doc.jurisdiction},
        "passage": _passage(part, target.start, target.end, marks, 160, lo),
        "verdicts": verdicts,
        "reviews": [{"id": r.id, "status": r.status, "status_label": STATUS_LABELS.get(r.status, r.status),
                     "comment": r.comment, "machine_status": r.machine_status, "user": r.user.username,
                     "at": iso(r.created_at)} for r in reviews_of(session, target_id)],
    }


def document_detail(session: Session, doc_id: str) -> dict | None:
    doc = session.get(DocumentRow, doc_id)
    if doc is None:
        return None
    # plain column selects: a long document has hundreds of sections, targets and measurements
    sections = session.execute(select(*SectionRow.__table__.c).where(SectionRow.document_id == doc_id)
                               .order_by(SectionRow.ordinal)).all()
    title = _title_of(doc)
    targets = summaries(session, select(TargetRow).where(TargetRow.document_id == doc_id)
                        .order_by(TargetRow.ordinal), lambda _ids: {doc_id: title},
                        ids=select(TargetRow.id).where(TargetRow.document_id == doc_id))
    measurements = session.execute(select(*MeasurementRow.__table__.c).where(MeasurementRow.document_id == doc_id)
                                   .order_by(MeasurementRow.start)).all()
    runs = session.scalars(select(RunRow).where(or_(RunRow.plan_id == doc_id, RunRow.completion_id == doc_id))
                           .order_by(RunRow.id)).all()
    return {
        "document": {"id": doc.id, "title": _title_of(doc), "path": doc.path, "year": doc.year,
                     "kind": doc.kind, "jurisdiction": doc.jurisdiction, "encoding": doc.encoding,
                     "source_format": doc.source_format, "chars": doc.chars,
                     "ingested_at": iso(doc.ingested_at)},
        "text": doc.text,
        "chrome": doc.chrome,
        "sections": [{"ordinal": s.ordinal, "parent": s.parent_ordinal, "level": s.level, "marker": s.marker,
                      "title": s.title, "span": [s.start, s.end], "part": s.part, "horizon": s.horizon}
                     for s in sections],
        "targets": targets,
        "measurements": [{"id": m.id, "metric": m.metric, "value": m.value, "unit": m.unit, "basis": m.basis,
                          "text": m.text, "span": [m.start, m.end], "value_span": [m.value_start, m.value_end],
                          "flags": m.flags} for m in measurements],
        "runs": [{"id": r.id, "plan_id": r.plan_id, "completion_id": r.completion_id, "engine": r.engine,
                  "summary": r.summary, "created_at": iso(r.created_at)} for r in runs],
    }


def run_items(session: Session, run_id: int) -> dict | None:
    run = session.get(RunRow, run_id, options=[selectinload(RunRow.items)])
    if run is None:
        return None
    return {"id": run.id, "plan_id": run.plan_id, "completion_id": run.completion_id, "engine": run.engine,
            "summary": run.summary, "summary_by_tier": run.summary_by_tier or {},
            "item_summary": run.item_summary or {}, "warnings": run.warnings, "items": [i.payload for i in run.items]}


def load_document(session: Session, doc_id: str):
    """The stored document as a records.Document (for re-assessment)."""
    from ..records import Document

    row = session.get(DocumentRow, doc_id)
    if row is None:
        return None
    return Document(text=row.text, path=row.path, sha256=row.sha256, source_format=row.source_format,
                    encoding=row.encoding, title=row.title, jurisdiction=row.jurisdiction, year=row.year,
                    kind=row.kind, chrome=[tuple(s) for s in row.chrome])


def document_infos(session: Session) -> list[tuple[str, str, int | None, str | None, str | None]]:
    return [tuple(r) for r in session.execute(
        select(DocumentRow.id, DocumentRow.kind, DocumentRow.year, DocumentRow.jurisdiction, DocumentRow.title))]


def run_exists(session: Session, plan_id: str | None, completion_id: str, engine: str) -> bool:
    cond = RunRow.plan_id.is_(None) if plan_id is None else RunRow.plan_id == plan_id
    return session.scalar(select(RunRow.id).where(cond, RunRow.completion_id == completion_id,
                                                  RunRow.engine == engine)) is not None


def ledger_rows(session: Session, query: LedgerQuery, limit: int = 1_000_000) -> list[dict]:
    """Every target of a filtered view (no pagination), with its latest review, for exports (``store.exports``
    streams the same rows for large views)."""
    from .exports import ledger_export_rows

    return list(ledger_export_rows(session, query, limit=limit))


def run_table(session: Session, run_id: int):
    """A stored run as export.table.TableData (the 编号|目标任务|完成情况 table)."""
    from ..export.table import TableData

    run = session.get(RunRow, run_id, options=[selectinload(RunRow.items)])
    if run is None:
        return None
    completion = session.get(DocumentRow, run.completion_id)
    plan = session.get(DocumentRow, run.plan_id) if run.plan_id else None
    unanswered = session.execute(
        select(TargetRow.text, TargetRow.tier, TargetRow.kind, TargetRow.start)
        .join(VerdictRow, VerdictRow.target_id == TargetRow.id)
        .where(VerdictRow.run_id == run_id, VerdictRow.item_id.is_(None))
        .order_by(case((TargetRow.tier == "headline", 0), else_=1), TargetRow.ordinal)).all()
    return TableData(
        title=_title_of(completion),
        plan_title=_title_of(plan) if plan else None,
        items=[i.payload for i in run.items],
        completion_text=completion.text,
        summary=run.summary,
        unanswered=[{"text": t, "tier": tier, "kind": kind, "start": start} for t, tier, kind, start in unanswered],
        plan_text=plan.text if plan else "",
        summary_by_tier=run.summary_by_tier or {},
        item_summary=run.item_summary or {},
        engine=run.engine,
        created_at=iso(run.created_at),
    )


def latest_run(session: Session, document_id: str) -> int | None:
    """The newest assessment run whose completion (or else plan) document is ``document_id``."""
    for column in (RunRow.completion_id, RunRow.plan_id):
        run_id = session.scalar(select(RunRow.id).where(column == document_id).order_by(RunRow.id.desc()).limit(1))
        if run_id is not None:
            return run_id
    return None
