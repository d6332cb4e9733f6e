"""The supervisor's overview of a filtered ledger (year, jurisdiction, document kind, tier, status, document):
the headline targets of the latest period with their figures, the misses and partial completions with the
sentence of the report they rest on, the flagged verdicts, the unanswered headline targets, then the counts
per document and section. Every count is of targets (each target once, by its current status); the rows of
an assessment table are counted apart, on the run pages. Remembered per data version and filters."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..assess.explain import actual_figure, figure, metric_name
from ..records import FLAGS, STATUS_LABELS, STATUSES
from .cache import remember
from .models import DocumentRow, IndicatorRow, ItemRow, RunRow, TargetRow, VerdictRow
from .queries import LedgerQuery, _filtered, _titles
from .summaries import summaries
from .times import iso

HEADLINE_LIMIT = 100
LIST_LIMIT = 50
MISSES = ("not_met", "partially_met")
EVIDENCE_CHARS = 300
WINDOW = 240  # characters read around the evidence to find its sentence
SENTENCE_ENDS = "。；;！？\n|"
NO_SECTION = "（无章节）"


def filter_key(f: LedgerQuery) -> tuple:
    return tuple(sorted((k, v) for k, v in f.params().items() if k not in ("sort", "desc", "per_page")))


def dashboard(session: Session, f: LedgerQuery) -> dict:
    f.normalised()
    return remember(session, "dashboard", filter_key(f), lambda: _dashboard(session, f))


def _dashboard(session: Session, f: LedgerQuery) -> dict:
    cond = _filtered(f).whereclause
    where = [cond] if cond is not None else []
    # one GROUP BY gives the counts per tier and status and per flag (a target's flags are one of a few
    # strings): read off the index (tier, status, machine_flags) instead of scanning the table twice
    by_tier: dict[str, dict[str, int]] = {}
    flag_counts = dict.fromkeys(FLAGS, 0)
    for tier, status, flags, n in session.execute(
            select(TargetRow.tier, TargetRow.status, TargetRow.machine_flags, func.count()).where(*where)
            .group_by(TargetRow.tier, TargetRow.status, TargetRow.machine_flags)):
        counts = by_tier.setdefault(tier or "task", {})
        counts[status] = counts.get(status, 0) + n
        for flag in FLAGS:
            if f",{flag}," in (flags or ""):
                flag_counts[flag] += n
    totals: dict[str, int] = {}
    for counts in by_tier.values():
        for status, n in counts.items():
            totals[status] = totals.get(status, 0) + n
    docs, titles = _per_document(session, where)
    period = session.scalar(select(func.max(TargetRow.year)).where(*where, TargetRow.tier == "headline"))
    in_period = TargetRow.year == period if period is not None else TargetRow.year.is_(None)
    late_first = (TargetRow.year.desc().nulls_last(), case((TargetRow.tier == "headline", 0), else_=1),
                  TargetRow.document_id, TargetRow.ordinal)
    lists = {
        "headline": _listed(session, [*where, TargetRow.tier == "headline", in_period],
                            (TargetRow.document_id, TargetRow.ordinal), HEADLINE_LIMIT, titles),
        "misses": _listed(session, [*where, TargetRow.status.in_(MISSES)], late_first, LIST_LIMIT, titles),
        "flagged": _listed(session, [*where, TargetRow.machine_flags != ""], late_first, LIST_LIMIT, titles),
        "unanswered": _listed(session, [*where, TargetRow.tier == "headline", TargetRow.status == "no_evidence"],
                              late_first, LIST_LIMIT, titles),
    }
    return {
        "filters": dict(filter_key(f)),
        "period": period,
        "counts": {"targets": sum(totals.values()),
                   **{tier: sum(c.values()) for tier, c in sorted(by_tier.items())}},
        "totals": {s: totals[s] for s in STATUSES if s in totals},
        "by_tier": {tier: {s: c[s] for s in STATUSES if s in c}
                    for tier, c in sorted(by_tier.items(), key=lambda kv: kv[0] != "headline")},
        "labels": STATUS_LABELS,
        **{name: rows for name, (_total, rows) in lists.items()},
        "listed_totals": {name: total for name, (total, _rows) in lists.items()},
        "flags": {flag: n for flag, n in flag_counts.items() if n},
        "documents": docs,
        "runs": session.scalar(select(func.count()).select_from(RunRow)) or 0,
    }


def _per_document(session: Session, where: list) -> tuple[list[dict], dict[str, str]]:
    """Targets per document and top-level section and status (one GROUP BY; a document's counts are the sum of
    its sections')."""
    # ≈ 10,000 rows for 100k targets: read through the connection (plain rows, no ORM result processing)
    by_section = session.connection().execute(
        select(TargetRow.document_id, TargetRow.top_section, TargetRow.status, func.count()).where(*where)
        .group_by(TargetRow.document_id, TargetRow.top_section, TargetRow.status)).all()
    titles = _titles(session, {d for d, _, _, _ in by_section})
    docs: dict[str, dict] = {}
    for doc_id, section, status, n in by_section:
        entry = docs.setdefault(doc_id, {"id": doc_id, "title": titles.get(doc_id, doc_id), "counts": {},
                                         "sections": {}, "total": 0})
        entry["counts"][status] = entry["counts"].get(status, 0) + n
        entry["total"] += n
        sec = entry["sections"].setdefault(section or NO_SECTION, {"counts": {}, "total": 0})
        sec["counts"][status] = sec["counts"].get(status, 0) + n
        sec["total"] += n
    out = [{**d, "sections": [{"title": k, **v} for k, v in d["sections"].items()]}
           for d in sorted(docs.values(), key=lambda d: d["title"])]
    return out, titles


def _listed(session: Session, where: list, order: tuple, limit: int, titles: dict[str, str]) -> tuple[int, list]:
    """How many targets ``where`` selects, and the first ``limit`` of them with their latest verdict's figures,
    evidence and explanation."""
    total = session.scalar(select(func.count()).select_from(TargetRow).where(*where)) or 0
    if not total:
        return 0, []
    rows = summaries(session, select(TargetRow).where(*where).order_by(*order).limit(limit), lambda _ids: titles)
    details = _details(session, [r["id"] for r in rows])
    return total, [{**r, **details.get(r["id"], {})} for r in rows]


def _details(session: Session, ids: list[int]) -> dict[int, dict]:
    """Per target: its tier, the latest verdict's run and completion document, the item's explanation, the
    evidence sentence (a slice of the completion text) and each indicator's target and reported figures."""
    if not ids:
        return {}
    out: dict[int, dict] = {}
    tiers = dict(session.execute(select(TargetRow.id, TargetRow.tier).where(TargetRow.id.in_(ids))).all())
    latest: dict[int, tuple] = {}
    for target_id, run_id, item_id, completion_id, created in session.execute(
            select(VerdictRow.target_id, VerdictRow.run_id, VerdictRow.item_id, RunRow.completion_id,
                   RunRow.created_at).join(RunRow, VerdictRow.run_id == RunRow.id)
            .where(VerdictRow.target_id.in_(ids)).order_by(VerdictRow.target_id, RunRow.created_at.desc(),
                                                            RunRow.id.desc())):
        latest.setdefault(target_id, (run_id, item_id, completion_id, created))
    items = {i.id: i for i in session.scalars(select(ItemRow).where(
        ItemRow.id.in_([v[1] for v in latest.values() if v[1] is not None])))}
    indicators: dict[int, list] = {}
    for ind in session.execute(select(IndicatorRow).where(IndicatorRow.target_id.in_(ids))
                               .order_by(IndicatorRow.target_id, IndicatorRow.ordinal)).scalars():
        indicators.setdefault(ind.target_id, []).append(ind)
    completion_titles = _titles(session, {v[2] for v in latest.values()})
    # the completion reports the evidence is cut from, read in one query (not one per target)
    texts = dict(session.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(
        {latest[t][2] for t in ids if t in latest and latest[t][1] in items}))).all()) if items else {}
    for target_id in ids:
        entry: dict = {"tier": tiers.get(target_id, "task"), "run": None, "completion": None, "assessed_at": None,
                       "explanation": None, "evidence": None, "figures": []}
        verdict = latest.get(target_id)
        item = items.get(verdict[1]) if verdict and verdict[1] is not None else None
        if verdict:
            entry.update(run=verdict[0], assessed_at=iso(verdict[3]),
                         completion={"id": verdict[2], "title": completion_titles.get(verdict[2], verdict[2])})
        if item is not None:
            entry["explanation"] = item.explanation
            entry["evidence"] = _evidence(texts.get(verdict[2]) or "", item)
        entry["figures"] = _figures(indicators.get(target_id, []), item)
        out[target_id] = entry
    return out


def _evidence(text: str, item: ItemRow) -> str | None:
    """The sentence(s) of the completion report the verdict rests on: the sentences holding its evidence spans
    (the reported figures), else the start of the passage or row that answers the target."""
    spans = [s for s in (item.evidence_spans or []) if s and s[1] > s[0]][:3]
    if not spans:
        if item.completion_start is None or not item.completion_end:
            return None
        spans = [[item.completion_start, min(item.completion_end, item.completion_start + EVIDENCE_CHARS)]]
    lo, hi = max(0, min(s for s, _ in spans) - WINDOW), max(e for _, e in spans) + WINDOW
    window = text[lo:hi]
    if not window:
        return None
    sentences: list[str] = []
    for s, e in spans:
        found = sentence(window, s - lo, e - lo)
        if found and found not in sentences:
            sentences.append(found)
    joined = "……".join(sentences)
    return joined if len(joined) <= EVIDENCE_CHARS else joined[:EVIDENCE_CHARS] + "…"


def sentence(text: str, start: int, end: int) -> str:
    """The sentence (or table cell) of ``text`` around ``start:end``, whitespace squeezed."""
    a = max(text.rfind(c, 0, start) for c in SENTENCE_ENDS) + 1
    ends = [i for c in SENTENCE_ENDS if (i := text.find(c, end)) >= 0]
    b = min(ends) + 1 if ends else len(text)
    return " ".join(text[a:b].strip(" |\n").split())


def _figures(indicators: list, item: ItemRow | None) -> list[dict]:
    """The target's indicators with the reported figure the verdict compared, matched by the indicator's span
    (or in order, when the item answers this one target)."""
    judged = (item.payload or {}).get("indicators", []) if item is not None else []
    by_span = {tuple(a.get("span") or ()): a for a in judged}
    alone = item is not None and len(item.payload.get("target_ids") or []) <= 1 and len(judged) == len(indicators)
    out = []
    for n, ind in enumerate(indicators):
        a = by_span.get((ind.start, ind.end)) or (judged[n] if alone else None)
        actual = (a or {}).get("actual")
        out.append({"metric": metric_name(ind.metric, ind.metric_id),
                    "target": figure(ind.op, ind.value, ind.value_high, ind.unit, ind.basis),
                    "actual": actual_figure(actual["value"], actual["unit"], ind.basis) if actual else None,
                    "ratio": (a or {}).get("ratio"), "status": (a or {}).get("status")})
    return out
