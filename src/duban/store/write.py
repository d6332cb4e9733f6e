"""Saving extractions and assessments. Each call is one transaction (the caller's session block):
a crash part-way leaves no half document. Saving the same content again changes nothing."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ..records import Extraction, Target
from ..verdicts import Assessment, Item
from .bulk import Rows, bulk_insert, execute_many, insert, prepare  # driver-speed executemany (store/bulk.py)
from .models import (
    AuditRow,
    DocumentRow,
    ExtractionRow,
    IndicatorRow,
    ItemRow,
    MeasurementRow,
    RunRow,
    SectionRow,
    TargetRow,
    VerdictRow,
)
from .places_register import register_document


def document_exists(session: Session, sha256: str) -> DocumentRow | None:
    return session.scalar(select(DocumentRow).where(DocumentRow.sha256 == sha256))


def documents_by_sha256(session: Session, digests: list[str]) -> dict[str, str]:
    """The stored document id of each of ``digests`` that is in the ledger (a query per 500, not per file)."""
    out: dict[str, str] = {}
    for i in range(0, len(digests), 500):
        out.update((sha, doc_id) for sha, doc_id in session.execute(select(DocumentRow.sha256, DocumentRow.id).where(
            DocumentRow.sha256.in_(digests[i:i + 500]))))
    return out


def save_extraction(session: Session, ex: Extraction, actor: str = "ingest",
                    kept: tuple[str, str] | None = None) -> tuple[DocumentRow, bool]:
    """Store a document with its sections, targets, indicators and measurements (bulk inserts), and with
    ``kept`` — (key, payload): its extraction kept for reuse (batch.py) — when it is new.
    Returns (row, created); an identical document already stored is returned unchanged.
    Every row is built before the transaction reads or writes anything: SQLite's one write lock is held for
    the writes only, and a transaction that must start again (another worker wrote) builds nothing again."""
    doc = ex.document
    row = DocumentRow(
        id=doc.id, sha256=doc.sha256, path=doc.path, title=doc.title, jurisdiction=doc.jurisdiction,
        year=doc.year, kind=doc.kind, source_format=doc.source_format, encoding=doc.encoding, text=doc.text,
        chrome=[list(s) for s in doc.chrome], chars=len(doc.text), n_targets=len(ex.targets),
        n_measurements=len(ex.measurements),
    )
    sections = prepare(session, SectionRow.__table__, [
        {"document_id": doc.id, "ordinal": sec.id, "parent_ordinal": sec.parent, "level": sec.level,
         "marker": sec.marker, "title": sec.title, "start": sec.span[0], "end": sec.span[1],
         "body_end": sec.body[1], "part": sec.part, "horizon": sec.horizon} for sec in ex.sections])
    targets, indicators = _target_rows(session, doc.id, doc.jurisdiction, doc.year, ex.targets, 0)
    measurements = prepare(session, MeasurementRow.__table__, [
        {"document_id": doc.id, "metric": m.metric, "value": m.value, "value_high": m.value_high,
         "unit": m.unit, "basis": m.basis, "text": m.text, "start": m.span[0], "end": m.span[1],
         "value_start": m.value_span[0], "value_end": m.value_span[1], "flags": list(m.flags),
         "metric_id": m.metric_id, "year": m.year}
        for m in ex.measurements])
    payload = prepare(session, ExtractionRow.__table__, [{"document_id": doc.id, "engine": kept[0],
                                                          "targets": kept[1]}] if kept else [])
    existing = document_exists(session, doc.sha256)
    if existing is not None:
        return existing, False
    session.add(row)
    session.flush()
    insert(session, sections)
    _insert_targets(session, doc.id, ex.targets, targets, indicators)
    insert(session, measurements)
    insert(session, payload)
    register_document(session, row)  # its jurisdiction record and year (store/places_register.py)
    session.add(AuditRow(actor=actor, action="ingest", subject=f"document:{row.id}",
                         detail={"path": doc.path, "targets": len(ex.targets), "kind": doc.kind}))
    session.flush()
    return row, True


def _target_values(document_id: str, jurisdiction: str | None, year: int | None, t: Target, ordinal: int) -> dict:
    return {
        "document_id": document_id, "key": t.id, "ordinal": ordinal, "text": t.text, "start": t.span[0],
        "end": t.span[1], "section": t.section[-1] if t.section else "", "section_path": list(t.section),
        "top_section": (t.section[0] if t.section else "")[:200], "kind": t.kind, "horizon": t.horizon,
        "hedge": t.hedge, "jurisdiction": jurisdiction, "year": year, "machine_status": "unassessed",
        "machine_flags": "", "status": "unassessed", "tier": t.tier, "mentions": [list(m) for m in t.mentions],
    }


def _target_rows(session: Session, document_id: str, jurisdiction: str | None, year: int | None,
                 targets: list[Target], first: int) -> tuple[Rows, Rows]:
    """The rows of targets and of their indicators (the indicators' target id a placeholder: the target's
    position in ``targets``)."""
    rows = prepare(session, TargetRow.__table__,
                   [_target_values(document_id, jurisdiction, year, t, first + n) for n, t in enumerate(targets)])
    indicators = prepare(session, IndicatorRow.__table__, [
        {"target_id": k, "ordinal": i, "metric": ind.metric, "op": ind.op, "value": ind.value,
         "value_high": ind.value_high, "unit": ind.unit, "norm_value": ind.norm_value, "base_unit": ind.base_unit,
         "basis": ind.basis, "hedge": ind.hedge, "start": ind.span[0], "end": ind.span[1],
         "metric_id": ind.metric_id, "direction": ind.direction}
        for k, t in enumerate(targets) for i, ind in enumerate(t.indicators)])
    return rows, indicators


def _insert_targets(session: Session, document_id: str, targets: list[Target], rows: Rows,
                    indicators: Rows) -> list[int]:
    """Insert targets and their indicators in two statements; returns the new target ids in order."""
    if not targets:
        return []
    # One executemany, then one SELECT for the ids ((document, key) is unique): INSERT … RETURNING in
    # parameter order falls back to a statement per row on SQLite.
    insert(session, rows)
    keys = {t.id for t in targets}
    id_of = {key: tid for key, tid in session.execute(
        select(TargetRow.key, TargetRow.id).where(TargetRow.document_id == document_id)) if key in keys}
    ids = [id_of[t.id] for t in targets]
    insert(session, indicators.with_first(ids))
    return ids


def save_assessment(session: Session, result: Assessment, actor: str = "ingest") -> tuple[RunRow, bool]:
    """Store a run of the engine on a plan/completion pair, its items, and a verdict per target (bulk
    statements: a large ingest stores thousands of runs). The same engine on the same pair is stored
    once; the machine's earlier runs are never changed. (The items' rows are built before the transaction
    reads or writes anything.)"""
    items = prepare(session, ItemRow.__table__, [_item_values(0, item, n) for n, item in enumerate(result.items)])
    plan_id = result.plan.id if result.plan is not None else None
    completion_id = result.completion.id
    existing = session.scalar(select(RunRow).where(
        RunRow.plan_id.is_(None) if plan_id is None else RunRow.plan_id == plan_id,
        RunRow.completion_id == completion_id, RunRow.engine == result.engine))
    if existing is not None:
        return existing, False
    run = RunRow(plan_id=plan_id, completion_id=completion_id, engine=result.engine, summary=result.summary(),
                 warnings=list(result.warnings), summary_by_tier=result.summary_by_tier(),
                 item_summary=result.item_summary())
    session.add(run)
    session.flush()
    completion_doc = session.get(DocumentRow, completion_id)
    assert completion_doc is not None, "store the completion document before its assessment"
    row_targets = _store_row_targets(session, completion_doc, result.row_targets)
    plan_targets = _target_ids(session, plan_id) if plan_id is not None else {}
    insert(session, items.with_first([run.id]))  # (run id placeholder 0)
    item_ids = dict(session.execute(select(ItemRow.ordinal, ItemRow.id).where(ItemRow.run_id == run.id)).all())
    verdicts: dict[int, tuple[int | None, str, list[str]]] = {}  # target id → (item id, status, flags)
    lookup = plan_targets if result.plan_targets else row_targets
    for v in result.verdicts:  # every target's one verdict (its own within a row that answers several)
        target_id = lookup.get(v.target_id)
        if target_id is not None:
            verdicts[target_id] = (item_ids[v.item] if v.item is not None else None, v.status, sorted(v.flags))
    for n, item in enumerate(result.items):  # rows' own targets when a plan is there too
        if item.target_in == "plan" and result.plan_targets:
            continue
        for key in item.target_ids:
            target_id = row_targets.get(key)
            if target_id is not None and target_id not in verdicts:
                status, flags = item.per_target.get(key, (item.status, item.flags))
                verdicts[target_id] = (item_ids[n], status, sorted(flags))
    for target_id in plan_targets.values():  # plan targets the completion document does not answer
        verdicts.setdefault(target_id, (None, "no_evidence", []))
    if verdicts:
        bulk_insert(session, VerdictRow.__table__, [
            {"run_id": run.id, "target_id": tid, "item_id": iid, "status": status, "flags": flags,
             "created_at": run.created_at}
            for tid, (iid, status, flags) in verdicts.items()])
        _set_machine_status(session, verdicts)
    session.add(AuditRow(actor=actor, action="assess", subject=f"run:{run.id}",
                         detail={"plan": plan_id, "completion": completion_id, "engine": result.engine,
                                 "summary": result.summary()}))
    session.flush()
    return run, True


def fill_jurisdiction(session: Session, document_id: str, place: str, source_id: str, actor: str = "ingest") -> None:
    """A document whose place is masked (XX区, 区人民政府…) takes the place of the report it is paired with;
    its targets follow, and the audit trail says where the place came from."""
    doc = session.get(DocumentRow, document_id)
    if doc is None or doc.jurisdiction:
        return
    doc.jurisdiction = place
    session.execute(update(TargetRow).where(TargetRow.document_id == document_id).values(jurisdiction=place))
    register_document(session, doc)
    session.add(AuditRow(actor=actor, action="jurisdiction", subject=f"document:{document_id}",
                         detail={"jurisdiction": place, "from_document": source_id}))


def _target_ids(session: Session, document_id: str) -> dict[str, int]:
    return dict(session.execute(select(TargetRow.key, TargetRow.id).where(TargetRow.document_id == document_id)).all())


def _store_row_targets(session: Session, doc: DocumentRow, targets: list[Target]) -> dict[str, int]:
    """Targets read from a completion document's own rows, stored with that document (once)."""
    existing = _target_ids(session, doc.id)
    new = [t for t in targets if t.id not in existing]
    if new:
        doc.n_targets += len(new)
        rows, indicators = _target_rows(session, doc.id, doc.jurisdiction, doc.year, new, len(existing))
        _insert_targets(session, doc.id, new, rows, indicators)
        existing = _target_ids(session, doc.id)
    return existing


def _item_values(run_id: int, item: Item, n: int) -> dict:
    span = item.completion_span
    return {
        "run_id": run_id, "ordinal": n, "row": item.row, "target_text": item.target, "status": item.status,
        "claimed": item.claimed, "flags": list(item.flags), "explanation": item.explanation,
        "completion_start": span[0] if span else None, "completion_end": span[1] if span else None,
        "plan_spans": [list(s) for s in item.plan_spans], "evidence_spans": [list(s) for s in item.evidence_spans],
        "target_in": item.target_in, "payload": item.to_json(),
    }


def _set_machine_status(session: Session, verdicts: dict[int, tuple[int | None, str, list[str]]]) -> None:
    """Copy the newest machine verdicts onto the targets (denormalised for the ledger); the on-screen
    status follows the machine only where no person has reviewed the target. (One driver executemany:
    ≈ 400 targets a run.)"""
    execute_many(
        session,
        "UPDATE targets SET machine_status = ?, machine_flags = ?, "
        "status = CASE WHEN review_status IS NULL THEN ? ELSE status END WHERE id = ?",
        [(status, "," + ",".join(flags) + "," if flags else "", status, tid)
         for tid, (_iid, status, flags) in verdicts.items()],
    )
