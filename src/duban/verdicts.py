"""Records of linking and assessment: completion statements, links, reported figures, verdicts."""

from __future__ import annotations

from dataclasses import dataclass, field

from .records import STATUS_LABELS, STATUSES, Document, Indicator, Span, Target


@dataclass(slots=True)
class Statement:
    """One unit of a completion/progress document: a numbered table row or a narrative passage."""

    index: int
    span: Span  # the whole row line or passage
    result_span: Span  # the 完成情况 cell, or the passage itself
    row: int | None = None  # 编号/序号 when the document numbers its rows
    target_span: Span | None = None  # the 目标任务 cell when the row restates its target
    # Structured columns (考核指标 / 单位 / 工作目标 / 已完成数 / 占年任务之比 / 备注 …): role → cell span.
    cells: dict[str, Span] = field(default_factory=dict)
    # A cell that goes on over the next lines of a space-aligned table: role → the spans of its other lines.
    more: dict[str, list[Span]] = field(default_factory=dict)


@dataclass(slots=True)
class Link:
    """A statement answers a plan target: how we know and how sure we are."""

    target_id: str
    plan_span: Span
    method: str  # restated | retrieval | manual
    score: float


@dataclass(slots=True)
class Actual:
    """The reported figure an indicator is judged on (a Measurement of the evidence)."""

    value: float
    unit: str
    text: str
    span: Span
    value_high: float | None = None
    flags: list[str] = field(default_factory=list)
    norm_value: float | None = None
    base_unit: str | None = None
    summed_from: list[Span] = field(default_factory=list)  # figures added up to make this one

    def to_json(self) -> dict:
        return {
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "text": self.text,
            "span": list(self.span),
            "flags": list(self.flags),
            "summed_from": [list(s) for s in self.summed_from],
        }


@dataclass(slots=True)
class IndicatorAssessment:
    indicator: Indicator
    actual: Actual | None
    ratio: float | None
    status: str
    flags: list[str] = field(default_factory=list)

    def to_json(self) -> dict:
        i = self.indicator
        return {
            "metric": i.metric,
            "metric_id": i.metric_id,
            "direction": i.direction,
            "op": i.op,
            "value": i.value,
            "value_high": i.value_high,
            "unit": i.unit,
            "basis": i.basis,
            "span": list(i.span),
            "actual": self.actual.to_json() if self.actual else None,
            "ratio": None if self.ratio is None else round(self.ratio, 4),
            "status": self.status,
            "flags": list(self.flags),
        }


@dataclass(slots=True)
class Item:
    """One assessed row (or one plan target answered in a narrative report)."""

    row: int | None
    target: str
    plan_spans: list[Span]
    completion_span: Span | None
    status: str
    explanation: str
    claimed: str | None = None
    flags: list[str] = field(default_factory=list)
    indicators: list[IndicatorAssessment] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    evidence_spans: list[Span] = field(default_factory=list)  # where in the completion text the verdict rests
    target_spans: list[Span] = field(default_factory=list)  # the target text: in the plan, or the row's own cell
    target_in: str = "plan"  # plan | completion: which document target_spans point into
    schedule: str | None = None  # ahead | on_schedule | behind (in-year progress reports)
    target_ids: list[str] = field(default_factory=list)  # the targets judged (plan t12, or row r5.1)
    # When the item answers several targets: each one's own (status, flags), judged on its own parts.
    per_target: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    responsible: list[str] = field(default_factory=list)  # units named in the row's 责任单位/牵头单位 column

    def to_json(self) -> dict:
        return {
            "row": self.row,
            "target": self.target,
            "plan_spans": [list(s) for s in self.plan_spans],
            "completion_span": list(self.completion_span) if self.completion_span else None,
            "status": self.status,
            "status_label": STATUS_LABELS[self.status],
            "claimed": self.claimed,
            "flags": list(self.flags),
            "explanation": self.explanation,
            "indicators": [a.to_json() for a in self.indicators],
            "links": [
                {"target_id": ln.target_id, "plan_span": list(ln.plan_span), "method": ln.method,
                 "score": round(ln.score, 4)}
                for ln in self.links
            ],
            "evidence_spans": [list(s) for s in self.evidence_spans],
            "schedule": self.schedule,
            "target_ids": list(self.target_ids),
            "target_statuses": {k: v[0] for k, v in self.per_target.items()},
            "responsible": list(self.responsible),
        }


@dataclass(slots=True)
class TargetVerdict:
    """The one verdict every plan target ends with: from the item that answers it, or no_evidence."""

    target_id: str
    tier: str
    status: str
    flags: list[str] = field(default_factory=list)
    item: int | None = None  # index of the answering item in Assessment.items

    def to_json(self) -> dict:
        return {"target_id": self.target_id, "tier": self.tier, "status": self.status,
                "status_label": STATUS_LABELS[self.status], "flags": list(self.flags), "item": self.item}


def count(statuses) -> dict[str, int]:
    """Statuses counted in taxonomy order (codes with no count left out)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status in statuses:
        counts[status] += 1
    return {k: v for k, v in counts.items() if v}


@dataclass(slots=True)
class Assessment:
    """What ``duban assess`` produces for a plan/completion pair."""

    plan: Document | None
    completion: Document
    items: list[Item]
    unanswered: list[Target]
    engine: str = ""
    plan_targets: list[Target] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    row_targets: list[Target] = field(default_factory=list)  # targets read from the completion's own rows
    # One per target judged (every plan target; the rows' own targets when there is no plan), in order.
    verdicts: list[TargetVerdict] = field(default_factory=list)

    def summary(self) -> dict[str, int]:
        """Every target counted once by its verdict (DESIGN.md); items are counted by item_summary."""
        if not self.verdicts:
            return self.item_summary()
        return count(v.status for v in self.verdicts)

    def summary_by_tier(self) -> dict[str, dict[str, int]]:
        tiers = sorted({v.tier for v in self.verdicts}, key=lambda t: (t != "headline", t))
        return {tier: count(v.status for v in self.verdicts if v.tier == tier) for tier in tiers}

    def item_summary(self) -> dict[str, int]:
        """Items (table rows, or the targets a narrative report answers) counted by status."""
        return count(item.status for item in self.items)

    def to_json(self) -> dict:
        return {
            "plan": self.plan.summary() if self.plan else None,
            "completion": self.completion.summary(),
            "engine": self.engine,
            "items": [i.to_json() for i in self.items],
            "unanswered_targets": [{"id": t.id, "text": t.text, "span": list(t.span), "tier": t.tier}
                                   for t in self.unanswered],
            "summary": self.summary(),
            "summary_by_tier": self.summary_by_tier(),
            "item_summary": self.item_summary(),
            "verdicts": [v.to_json() for v in self.verdicts],
            "warnings": list(self.warnings),
        }
