"""Which plan does a completion or progress report answer?

* A completion/progress report of year Y answers a plan of year Y (工作计划, 政府工作报告, 分解方案) of the
  same jurisdiction. Jurisdictions match when equal or when one names the other (宁波市镇海区 / 镇海区);
  a document whose jurisdiction is unknown (masked, 区人民政府…) matches any, but only if it is the
  only candidate of its year.
* A work report of year Y reviews year Y-1: it answers the work report or plan of Y-1.
* A completion report whose rows restate their targets can stand alone (no plan found: plan None).
"""

from __future__ import annotations

from dataclasses import dataclass

PLAN_KINDS = ("task_breakdown", "work_plan", "work_report")
COMPLETION_KINDS = ("completion_report", "progress_report")


@dataclass(frozen=True)
class DocInfo:
    id: str
    kind: str
    year: int | None
    jurisdiction: str | None
    title: str | None = None


def same_place(a: str | None, b: str | None) -> bool | None:
    """True/False when both are known; None when either is unknown."""
    if not a or not b:
        return None
    return a == b or a.endswith(b) or b.endswith(a)


def _best_plan(candidates: list[DocInfo], place: str | None) -> DocInfo | None:
    known = [p for p in candidates if same_place(p.jurisdiction, place)]
    if known:
        return min(known, key=lambda p: PLAN_KINDS.index(p.kind))
    unknown = [p for p in candidates if same_place(p.jurisdiction, place) is None]
    if len(unknown) == 1:
        return unknown[0]
    return None


def pairs(docs: list[DocInfo]) -> list[tuple[str | None, str]]:
    """(plan id or None, completion id) for every document that reports on targets."""
    out: list[tuple[str | None, str]] = []
    plans = [d for d in docs if d.kind in PLAN_KINDS]
    for doc in docs:
        if doc.kind in COMPLETION_KINDS:
            same_year = [p for p in plans if p.year is not None and p.year == doc.year]
            plan = _best_plan(same_year, doc.jurisdiction)
            out.append((plan.id if plan else None, doc.id))
        elif doc.kind == "work_report" and doc.year is not None:
            last_year = [p for p in plans if p.year == doc.year - 1 and p.id != doc.id]
            plan = _best_plan(last_year, doc.jurisdiction)
            if plan is not None:
                out.append((plan.id, doc.id))
    return out
