"""Multi-year goals of a place against the years they span (the arithmetic is paths.py).

A goal is a target due after the year of the plan that sets it (到2025年…, “十四五”期间年均…), or any target of
a five-year document. Its period ends at its horizon and starts with the plan's year (a five-year document's
own period when a reviewer or its text gives one; else five years back from the horizon). The yearly
figures are those the place's reports give for each year of the period (the same matching rules as the
series); a report's own figure for the whole period (年均增长11.2%, 累计下降19.1%) in a document after the end
settles an average or a change. The same goal restated in later reports is one goal.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..assess.judge import indicator_status
from ..assess.trajectory import trajectory
from ..records import STATUS_LABELS, Indicator
from ..verdicts import Actual, IndicatorAssessment
from . import paths
from .model import Result, TargetPoint
from .series import pick_result

_AVERAGE = re.compile(r"年均|每年|平均|年增")
LINEAR_UNITS = ("%", "‰", "个百分点", "百分点")
FIVE = 5


@dataclass(slots=True)
class Goal:
    target: TargetPoint
    kind: str
    path: paths.GoalPath
    figures: dict[int, Result] = field(default_factory=dict)
    final: Result | None = None  # the report's figure for the whole period
    final_status: str | None = None  # the end result judged by the engine's rules
    engine: list[dict] = field(default_factory=list)  # the engine's one-year view (assess/trajectory.py)
    restated: list[TargetPoint] = field(default_factory=list)

    @property
    def attention(self) -> int:
        """Order on a page: behind first, then missed at the end, insufficient data, on track, reached."""
        if self.path.status == "final":
            return 1 if self.final_status in ("not_met", "basically_met") else 4
        return {"behind": 0, "insufficient": 2, "no_data": 3, "on_track": 4, "reached": 5}.get(self.path.status, 3)

    def to_json(self) -> dict:
        return {"target": self.target.to_json(), "kind": self.kind, "path": self.path.to_json(),
                "figures": {str(y): r.to_json() for y, r in sorted(self.figures.items())},
                "final": self.final.to_json() if self.final else None, "final_status": self.final_status,
                "final_status_label": STATUS_LABELS.get(self.final_status or "", None),
                "engine": self.engine, "restated": [t.to_json() for t in self.restated]}


def kind_of(t: TargetPoint) -> str:
    ind = t.indicator
    if ind.basis == "growth_rate":
        return "average" if _AVERAGE.search(ind.metric) or _AVERAGE.search(t.text) else "change"
    if ind.basis in ("cumulative", "increment"):
        return "total"
    return "level"


def period(t: TargetPoint) -> tuple[int, int] | None:
    end = t.horizon
    if end is None:
        return None
    if t.doc_kind == "five_year" and t.period_start is not None:
        start = t.period_start
    elif t.year is not None and t.year <= end:
        start = t.year
    else:
        start = end - FIVE + 1
    return start, end


def _scale(ind: Indicator) -> float:
    return ind.norm_value / ind.value if ind.norm_value is not None and ind.value else 1.0


def _in_goal_unit(ind: Indicator, r: Result) -> float:
    m = r.measurement
    if m.norm_value is not None and ind.norm_value is not None and (m.base_unit or "") == (ind.base_unit or ""):
        return m.norm_value / _scale(ind)
    return m.value


def _yearly(template: Indicator, start: int, end: int, pool: list[Result]) -> dict[int, Result]:
    out = {}
    for year in range(start - 1, end + 1):
        found = pick_result(year, None, template, pool)
        if found is not None:
            out[year] = found
    return out


def _period_figure(t: TargetPoint, kind: str, end: int, pool: list[Result]) -> Result | None:
    for r in pool:
        m = r.measurement
        if r.year is not None or "cumulative" not in m.flags or m.basis != "growth_rate" or m.unit != "%":
            continue
        if r.source.year is None or r.source.year <= end or r.source.year > end + 2:
            continue
        if bool(_AVERAGE.search(m.text)) == (kind == "average"):
            return r
    return None


def assess_goal(t: TargetPoint, pool: list[Result]) -> Goal | None:
    """``t`` against the yearly figures in ``pool`` (the place's results for the metric, any basis)."""
    span = period(t)
    if span is None:
        return None
    start, end = span
    ind, kind = t.indicator, kind_of(t)
    way = ind.direction or "output"
    lower = way == "ceiling"
    goal = Goal(t, kind, paths.GoalPath(kind, start, end, ind.value))
    if kind in ("average", "change"):
        template = dataclasses.replace(ind, op="=", value_high=None)
        figures = _yearly(template, start, end, pool)
        rates = {y: r.measurement.value for y, r in figures.items() if y >= start}
        goal.final = _period_figure(t, kind, end, pool)
        whole = goal.final.measurement.value if goal.final else None
        goal.path = (paths.average(ind.value, start, end, rates, whole, lower) if kind == "average"
                     else paths.change(ind.value, start, end, rates, whole))
        goal.figures = {y: r for y, r in figures.items() if y >= start}
        if kind == "average":
            goal.engine = _engine_views(ind, goal.figures, end)
    elif kind == "level":
        linear = ind.unit in LINEAR_UNITS
        basis = "level" if ind.basis == "share" else ind.basis
        template = dataclasses.replace(ind, op="=", value_high=None, basis=basis)
        figures = _yearly(template, start, end, pool)
        values = {y: _in_goal_unit(ind, r) for y, r in figures.items()}
        rate_template = dataclasses.replace(ind, op="=", value_high=None, basis="growth_rate", unit="%",
                                            norm_value=None, base_unit="%")
        changes = ({y: values[y] - values[y - 1] for y in values if y - 1 in values} if linear else
                   {y: r.measurement.value for y, r in _yearly(rate_template, start, end, pool).items()})
        base = values.get(start - 1)
        goal.path = paths.level(ind.value, start, end, {y: v for y, v in values.items() if y >= start}, base, linear,
                                lower, changes, ind.unit)
        goal.figures = figures
        goal.engine = _engine_views(ind, {y: r for y, r in figures.items() if y >= start}, end)
    else:
        amounts: dict[int, Result] = {}
        for basis in ("increment", "level", "count"):
            template = dataclasses.replace(ind, op="=", value_high=None, basis=basis)
            for y, r in _yearly(template, start, end, pool).items():
                amounts.setdefault(y, r)
        goal.figures = {y: r for y, r in amounts.items() if y >= start}
        goal.path = paths.total(ind.value, start, end, {y: _in_goal_unit(ind, r) for y, r in goal.figures.items()},
                                ind.unit)
    if goal.path.status == "final" and goal.path.final is not None:
        actual = Actual(value=goal.path.final, unit=ind.unit, text="", span=(0, 0))
        goal.final_status, _ = indicator_status(dataclasses.replace(ind, norm_value=None), actual, "")
    return goal


def _engine_views(ind: Indicator, figures: dict[int, Result], end: int) -> list[dict]:
    """What the engine's trajectory rule says of each year on its own (assess/trajectory.py)."""
    out = []
    for year, r in sorted(figures.items()):
        if year >= end:
            continue
        m = r.measurement
        actual = Actual(value=m.value, unit=m.unit, text=m.text, span=m.span, norm_value=m.norm_value,
                        base_unit=m.base_unit)
        schedule, note = trajectory(IndicatorAssessment(ind, actual, None, "in_progress"), year, end)
        if schedule or note:
            out.append({"year": year, "schedule": schedule, "note": note})
    return out


def goals(targets: list[TargetPoint], pool_by_metric: dict[str, list[Result]]) -> list[Goal]:
    """The place's multi-year goals, each once (its restatements attached), most in need of attention first."""
    found: dict[tuple, Goal] = {}
    for t in sorted((t for t in targets if t.multi_year and t.horizon is not None),
                    key=lambda t: (t.year or 0, t.rank)):
        key = (t.metric_id, t.indicator.basis, t.horizon, round(t.indicator.value, 6))
        if key in found:
            found[key].restated.append(t)
            continue
        goal = assess_goal(t, pool_by_metric.get(t.metric_id, []))
        if goal is not None:
            found[key] = goal
    return sorted(found.values(), key=lambda g: (g.attention, g.path.end, g.target.metric_id))
