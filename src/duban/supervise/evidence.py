"""Judging a report on a task against its period, with the existing engine (assess/).

A unit's report is put in the shape the engine reads best — seed 001's 编号 | 目标任务 | 完成情况 row, the task
restating its target, under a title naming the period (2024年1-6月重点任务完成情况) — and assessed against the
plan's targets the task is linked to (none linked: the row's own target text). So a figure at 45% of a yearly
target in a 1-6月 report is under way and on schedule, the same figure in a 1-11月 report is behind, exactly as
for an ingested progress report. Figures entered in the form are written into the row as the engine would find
them in a report (高标准农田3600亩). A stored document's run is read from its items (``from_items``).

Qualitative milestones (6月底前完成主体结构) are judged the same way: each milestone due by the report's date is a
row of its own against the report's text; the engine's 已完成 marks it met."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..assess.schedule import accumulates
from ..read import read_bytes
from ..records import STATUSES, Document, Target
from ..verdicts import Item
from .calendar import Milestone, Period

# how a task with several targets ends: the least advanced of its targets' verdicts
ORDER = ("no_evidence", "activity_only", "not_met", "in_progress", "partially_met", "basically_met", "done", "met",
         "exceeded")


@dataclass
class Reading:
    status: str
    ratio: float | None  # share done of the laggard accumulating indicator
    rate_ratio: float | None  # figure / target of the laggard rate or level
    schedule: str | None
    claimed: str | None
    explanation: str
    indicators: list[dict] = field(default_factory=list)
    milestones_done: list[str] = field(default_factory=list)
    target_statuses: dict[str, str] = field(default_factory=dict)

    def detail(self) -> dict:
        return {"indicators": self.indicators, "milestones_done": self.milestones_done,
                "explanation": self.explanation, "target_statuses": self.target_statuses}


def cell(text: str) -> str:
    """Text fit for one cell of a ``a | b |`` row."""
    return " ".join((text or "").replace("|", "｜").split())


def figure_sentence(metric: str, value: float, unit: str) -> str:
    number = f"{value:g}" if abs(value) < 1e15 else str(value)
    return f"{metric}{number}{unit}"


def report_document(task_text: str, report_text: str, period: Period, place: str | None = None) -> Document:
    title = f"{place or ''}{period.year}年{period.label}重点任务完成情况"
    text = f"{title}\n编号 | 目标任务 | 完成情况 |\n1 | {cell(task_text)} | {cell(report_text) or '（未填写）'} |\n"
    return read_bytes(text.encode("utf-8"), name="report.txt")


def judge(plan: Document | None, targets: list[Target], task_text: str, report_text: str, period: Period,
          milestones: list[Milestone] = ()) -> Reading:
    """The engine's reading of ``report_text`` on the task (its plan targets ``targets``) for ``period``."""
    from ..assess import assess

    doc = report_document(task_text, report_text, period, plan.jurisdiction if plan else None)
    result = assess(plan if targets else None, doc, plan_targets=targets or None)
    items = [i for i in result.items if i.status] or []
    keys = {t.id for t in targets}
    statuses = {v.target_id: v.status for v in result.verdicts if v.target_id in keys} if keys else {}
    reading = from_items(items, statuses)
    reading.milestones_done = milestones_done(milestones, report_text, period)
    return reading


def from_items(items: list[Item] | list[dict], target_statuses: dict[str, str]) -> Reading:
    """A reading from the engine's items (objects, or their stored JSON) and the task's targets' verdicts."""
    dicts = [i.to_json() if isinstance(i, Item) else i for i in items]
    # the task's plan targets as the engine answered them; none answered (the row was judged on its own text,
    # not found in the plan): the row's verdict
    statuses = [s for s in target_statuses.values() if s in STATUSES and s != "no_evidence"] or [
        d["status"] for d in dicts]
    status = min(statuses, key=lambda s: ORDER.index(s) if s in ORDER else 0) if statuses else "no_evidence"
    indicators = [a for d in dicts for a in d.get("indicators", [])]
    rated = [a for a in indicators if a.get("ratio") is not None]
    acc = [a["ratio"] for a in rated if accumulates(a["basis"], a.get("unit"))]
    rates = [a["ratio"] for a in rated if not accumulates(a["basis"], a.get("unit"))]
    schedules = [d.get("schedule") for d in dicts if d.get("schedule")]
    schedule = "behind" if "behind" in schedules else (schedules[0] if schedules else None)
    claimed = next((d.get("claimed") for d in dicts if d.get("claimed")), None)
    explanation = "；".join(d.get("explanation", "") for d in dicts if d.get("explanation"))
    kept = [{k: a.get(k) for k in ("metric", "op", "value", "unit", "basis", "ratio", "status", "direction")}
            | {"actual": (a.get("actual") or {}).get("value")} for a in indicators]
    return Reading(status, min(acc) if acc else None, min(rates) if rates else None, schedule, claimed,
                   explanation, kept, [], dict(target_statuses))


def milestones_done(milestones: list[Milestone], report_text: str, period: Period) -> list[str]:
    """The milestones due by the period's end that the report says are finished (as the engine reads a
    qualitative target: a finishing clause that names the milestone's deliverable)."""
    from ..assess import assess

    out = []
    for m in milestones:
        if m.due > period.end or not report_text.strip():
            continue
        doc = report_document(m.text, report_text, period)
        try:
            result = assess(None, doc)
        except Exception:  # a milestone the engine cannot read is simply not met
            continue
        if any(i.status in ("done", "met", "exceeded") for i in result.items):
            out.append(m.text)
    return out
