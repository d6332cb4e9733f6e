"""The records of series, comparisons and goals: every value carries the source it was read from (document
id, span and the quoted text, ``text[s:e]``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..assess.explain import actual_figure, figure, metric_name
from ..records import STATUS_LABELS, Indicator, Measurement, Span


@dataclass(slots=True)
class Source:
    document_id: str
    span: Span
    quote: str  # the document's text[span]
    title: str | None = None
    kind: str | None = None
    year: int | None = None

    def to_json(self) -> dict:
        return {"document_id": self.document_id, "span": list(self.span), "quote": self.quote,
                "title": self.title, "kind": self.kind, "year": self.year}


@dataclass(slots=True)
class Result:
    """A reported figure for a year: the engine's answer to a target, or a figure read from a report."""

    year: int | None  # None: a figure for several years (年均, 累计), kept for five-year goals
    measurement: Measurement  # value, unit, basis, flags, metric_id (value_span: the figure itself)
    source: Source  # the clause that states it
    origin: str  # assessment | measurement

    @property
    def value(self) -> float:
        return self.measurement.value

    def to_json(self) -> dict:
        m = self.measurement
        return {"year": self.year, "metric": m.metric, "value": m.value, "value_high": m.value_high, "unit": m.unit,
                "basis": m.basis, "norm_value": m.norm_value, "base_unit": m.base_unit, "flags": list(m.flags),
                "figure": actual_figure(m.value, m.unit, m.basis), "value_span": list(m.value_span),
                "origin": self.origin, "source": self.source.to_json()}


@dataclass(slots=True)
class TargetPoint:
    """One indicator of one stored target, with where it stands and what the engine made of it."""

    target_id: int
    indicator_id: int
    place_id: int | None
    year: int | None  # the year of the plan that sets it
    horizon: int | None  # the year it is due (a five-year document's period end when the target has none)
    tier: str
    indicator: Indicator
    text: str  # the target sentence
    source: Source  # the target sentence's span
    doc_kind: str
    rank: tuple  # which of a year's targets for one metric counts first (plans before restated rows …)
    period_start: int | None = None  # the document's period (five-year goals)
    status: str = "unassessed"  # the target's current status (a review wins)
    machine_status: str = "unassessed"
    review_status: str | None = None
    n_indicators: int = 1
    answer: Result | None = None  # the engine's figure for this indicator
    answer_status: str | None = None  # the engine's status for this indicator
    run_id: int | None = None

    @property
    def multi_year(self) -> bool:
        return (self.horizon is not None and self.year is not None and self.horizon > self.year) or (
            self.doc_kind == "five_year")

    @property
    def metric_id(self) -> str:
        return self.indicator.metric_id or ""

    def figure(self) -> str:
        i = self.indicator
        return figure(i.op, i.value, i.value_high, i.unit, i.basis)

    def to_json(self) -> dict:
        i = self.indicator
        return {"target_id": self.target_id, "indicator_id": self.indicator_id, "year": self.year,
                "horizon": self.horizon, "tier": self.tier, "metric": i.metric,
                "metric_name": metric_name(i.metric, i.metric_id), "metric_id": i.metric_id,
                "direction": i.direction, "op": i.op, "value": i.value, "value_high": i.value_high, "unit": i.unit,
                "basis": i.basis, "hedge": i.hedge, "norm_value": i.norm_value, "base_unit": i.base_unit,
                "figure": self.figure(), "figure_span": list(i.span), "text": self.text,
                "source": self.source.to_json(), "status": self.status,
                "status_label": STATUS_LABELS.get(self.status, self.status), "machine_status": self.machine_status,
                "review_status": self.review_status}


@dataclass(slots=True)
class Move:
    kind: str  # new | raised | lowered | unchanged | changed | dropped
    previous_year: int | None = None
    previous: float | None = None
    delta: float | None = None
    stricter: bool | None = None  # harder to meet than the year before (by the indicator's direction)
    note: str = ""

    def to_json(self) -> dict:
        return {"kind": self.kind, "label": MOVE_LABELS[self.kind], "previous_year": self.previous_year,
                "previous": self.previous, "delta": self.delta, "stricter": self.stricter, "note": self.note}


MOVE_LABELS = {"new": "新设", "raised": "调高", "lowered": "调低", "unchanged": "持平", "changed": "口径变化",
               "dropped": "不再列出"}


@dataclass(slots=True)
class YearRow:
    year: int
    target: TargetPoint | None
    result: Result | None
    status: str  # the year's status on this indicator
    status_source: str | None  # engine | review | series (judged here by the engine's rules) | None
    gap: float | None = None  # result − target, in the target's unit; positive = better (by direction)
    move: Move | None = None
    alternatives: list[TargetPoint] = field(default_factory=list)  # other targets on it that year
    has_plan: bool = False  # the place has a plan document for the year

    @property
    def missed(self) -> bool:
        return self.status in MISSED

    def to_json(self) -> dict:
        return {"year": self.year, "target": self.target.to_json() if self.target else None,
                "result": self.result.to_json() if self.result else None, "status": self.status,
                "status_label": STATUS_LABELS.get(self.status, self.status), "status_source": self.status_source,
                "missed": self.missed, "gap": self.gap, "move": self.move.to_json() if self.move else None,
                "alternatives": [a.to_json() for a in self.alternatives], "has_plan": self.has_plan}


MISSED = ("not_met", "partially_met")
DECIDED = ("exceeded", "met", "done", "basically_met", "partially_met", "not_met")


@dataclass(slots=True)
class Streak:
    start: int
    end: int

    @property
    def length(self) -> int:
        return self.end - self.start + 1

    def to_json(self) -> dict:
        return {"start": self.start, "end": self.end, "years": self.length}


@dataclass(slots=True)
class Series:
    place_id: int
    metric_id: str
    basis: str
    label: str  # the vocabulary's name of the indicator
    direction: str | None
    rows: list[YearRow]
    streaks: list[Streak]  # runs of consecutive missed years, oldest first
    bases: list[str] = field(default_factory=list)  # the other bases this place sets targets on for the metric

    @property
    def current_streak(self) -> int:
        decided = [r for r in self.rows if r.target is not None and r.status in DECIDED]
        if not decided or not decided[-1].missed:
            return 0
        last = decided[-1].year
        return next((s.length for s in self.streaks if s.end == last), 1)

    @property
    def longest(self) -> Streak | None:
        return max(self.streaks, key=lambda s: (s.length, s.end), default=None)

    @property
    def misses(self) -> int:
        return sum(1 for r in self.rows if r.target is not None and r.missed)

    def to_json(self) -> dict:
        longest = self.longest
        return {"place_id": self.place_id, "metric_id": self.metric_id, "basis": self.basis, "label": self.label,
                "direction": self.direction, "bases": self.bases, "misses": self.misses,
                "current_streak": self.current_streak, "longest_streak": longest.to_json() if longest else None,
                "streaks": [s.to_json() for s in self.streaks], "rows": [r.to_json() for r in self.rows]}
