"""One indicator of one place over the years: the target each year's plan set, the figure reported for that
year, the status, how the target moved from the year before, and runs of missed years.

Rules (docs/places.md):
* A year's target is the first, in this order, of the targets on the metric (same basis) that the place's
  documents of that year set for that year: a work report, then a work plan, then a breakdown, then a
  completion table's restated target; headline before task; then the order of the text. The others are kept
  as alternatives. Targets due later (five-year goals) are not annual targets.
* A year's figure is the engine's answer to that target when it found one; else the figure a report of the
  place gives for that year (next year's review first) that the engine's own rules would match to the target
  (same indicator, comparable unit and basis, not a 累计/申报 figure, not a restated target); the status of
  such a figure is judged here by the engine's rules (``status_source`` "series"). A reviewer's status of a
  one-indicator target wins (``review``).
* Moves compare each year's target with the last earlier one (ranges by their middle, cuts by their size);
  a plan year without a target after one with it is ``dropped``.
* A streak is a run of consecutive years each missed (未完成/部分完成); a year without a decided status ends it.
"""

from __future__ import annotations

import re

from ..assess.judge import indicator_status
from ..assess.narrative import best_figure, comparable
from ..lang.metrics import vocabulary
from ..records import Indicator
from ..verdicts import Actual
from .model import DECIDED, Move, Result, Series, Streak, TargetPoint, YearRow

_AVERAGE = re.compile(r"年均|平均每年")
_SINCE = re.compile(r"比((?:19|20)\d{2})年")
KIND_RANK = {"work_report": 0, "work_plan": 1, "task_breakdown": 2, "completion_report": 3, "progress_report": 4}
EXCLUDED_FLAGS = {"cumulative", "applied"}


def target_rank(doc_kind: str, tier: str, ordinal: int, indicator_ordinal: int) -> tuple:
    return (KIND_RANK.get(doc_kind, 5), 0 if tier == "headline" else 1, ordinal, indicator_ordinal)


def metric_label(metric_id: str) -> str:
    try:
        return vocabulary().get(metric_id).label
    except KeyError:
        return metric_id


def annual(targets: list[TargetPoint], basis: str) -> dict[int, list[TargetPoint]]:
    """A year's own targets on the basis, best first."""
    out: dict[int, list[TargetPoint]] = {}
    for t in targets:
        if t.year is None or t.multi_year or t.indicator.basis != basis:
            continue
        out.setdefault(t.year, []).append(t)
    for year in out:
        out[year].sort(key=lambda t: t.rank)
    return out


def main_basis(targets: list[TargetPoint]) -> str | None:
    """The basis most of the annual targets use (growth rate first on a tie)."""
    counts: dict[str, int] = {}
    for t in targets:
        if not t.multi_year and t.year is not None:
            counts[t.indicator.basis] = counts.get(t.indicator.basis, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda b: (counts[b], b == "growth_rate", b == "level"))


def _actual(r: Result) -> Actual:
    m = r.measurement
    return Actual(value=m.value, unit=m.unit, text=m.text, span=m.span, value_high=m.value_high, flags=list(m.flags),
                  norm_value=m.norm_value, base_unit=m.base_unit)


def magnitude(ind: Indicator) -> float:
    """What moves are compared on: the middle of a range, the size of a cut, on the normalised scale."""
    value = ind.value if ind.value_high is None else (ind.value + ind.value_high) / 2
    if ind.norm_value is not None and ind.value:
        value *= ind.norm_value / ind.value
    return abs(value) if (ind.direction == "reduction" or value < 0) else value


def gap(ind: Indicator, result: Result) -> float | None:
    """Reported minus target in the target's unit, signed so that above zero is better (by direction)."""
    m = result.measurement
    scale = 1.0
    if ind.norm_value is not None and m.norm_value is not None and ind.value and m.value:
        scale = (m.norm_value / m.value) / (ind.norm_value / ind.value)
    target = ind.value if ind.value_high is None else ind.value_high if ind.direction == "ceiling" else ind.value
    diff = m.value * scale - target
    if ind.direction == "ceiling" or (ind.direction == "reduction" and target < 0):
        diff = -diff
    return round(diff, 6)


def over_years(r: Result) -> bool:
    """A figure the text compares with a year other than the one before (比2000年增长57.3%), or averages (年均):
    a change over several years, whatever year the extractor gave it."""
    if _AVERAGE.search(r.measurement.text):
        return True
    years = [int(y) for y in _SINCE.findall(r.measurement.text)]
    return bool(years) and r.year is not None and any(y != r.year - 1 for y in years)


def pick_result(year: int, target: TargetPoint | None, template: Indicator | None,
                candidates: list[Result]) -> Result | None:
    """The figure for ``year`` the engine's matching rules accept (``best_figure`` over this year's figures)."""
    ind = target.indicator if target is not None else template
    if ind is None:
        return None
    pool = [r for r in candidates if r.year == year and not EXCLUDED_FLAGS & set(r.measurement.flags)
            and not over_years(r)]
    pool.sort(key=lambda r: (r.source.year != year + 1, r.source.kind not in ("completion_report", "work_report")))
    if not pool:
        return None
    best = best_figure(ind, [r.measurement for r in pool], year)
    return next((r for r in pool if r.measurement is best), None) if best is not None else None


def _move(prev: TargetPoint | None, cur: TargetPoint) -> Move:
    if prev is None:
        return Move("new")
    a, b = prev.indicator, cur.indicator
    if (a.base_unit or a.unit) != (b.base_unit or b.unit):
        return Move("changed", prev.year, note=f"单位由“{a.unit}”变为“{b.unit}”")
    before, now = magnitude(a), magnitude(b)
    note = f"表述由“{prev.figure()}”变为“{cur.figure()}”" if a.op != b.op else ""
    if abs(now - before) <= 1e-9 * max(1.0, abs(before)):
        return Move("unchanged", prev.year, before, 0.0, None, note)
    raised = now > before
    way = b.direction or "output"
    stricter = None if way == "band" else (raised if way in ("output", "floor", "reduction") else not raised)
    delta = round(now - before, 6)
    if b.norm_value is not None and b.value:  # the delta in the unit as written
        delta = round(delta / (b.norm_value / b.value), 6)
        before = round(before / (b.norm_value / b.value), 6)
    return Move("raised" if raised else "lowered", prev.year, before, delta, stricter, note)


def streaks(rows: list[YearRow]) -> list[Streak]:
    out: list[Streak] = []
    for r in rows:
        if r.target is None or not r.missed:
            continue
        if out and out[-1].end == r.year - 1:
            out[-1].end = r.year
        else:
            out.append(Streak(r.year, r.year))
    return out


def build(place_id: int, metric_id: str, targets: list[TargetPoint], results: list[Result], plan_years: set[int],
          basis: str | None = None) -> Series | None:
    """The series of ``metric_id`` for one place. ``targets``: every target point of the place on the metric;
    ``results``: every figure its reports give for the metric; ``plan_years``: years with a plan document."""
    basis = basis or main_basis(targets)
    if basis is None:
        return None
    by_year = annual(targets, basis)
    if not by_year:
        return None
    bases = sorted({t.indicator.basis for t in targets if not t.multi_year and t.year is not None} - {basis})
    first = min(by_year)
    reported = {r.year for r in results if r.year is not None and r.year >= first - 1}
    years = sorted(set(by_year) | reported | {y for y in plan_years if y >= first})
    rows: list[YearRow] = []
    template: Indicator | None = by_year[first][0].indicator
    prev: TargetPoint | None = None
    for year in years:
        chosen = by_year.get(year, [])
        target = chosen[0] if chosen else None
        template = target.indicator if target is not None else template
        row = YearRow(year, target, None, "unassessed", None, alternatives=chosen[1:], has_plan=year in plan_years)
        if target is not None and target.answer is not None and target.answer_status not in (None, "no_evidence"):
            row.result, row.status, row.status_source = target.answer, target.answer_status or "unassessed", "engine"
        else:
            row.result = pick_result(year, target, template, results)
            if target is not None and row.result is not None and comparable(target.indicator, row.result.measurement):
                row.status, _ratio = indicator_status(target.indicator, _actual(row.result), row.result.source.quote)
                row.status_source = "series"
            elif target is not None:
                row.status = target.answer_status or ("no_evidence" if target.run_id is not None else "unassessed")
                row.status_source = "engine" if target.run_id is not None else None
        if target is not None and target.review_status and target.n_indicators == 1:
            row.status, row.status_source = target.review_status, "review"
        if target is not None and row.result is not None:
            row.gap = gap(target.indicator, row.result)
        if target is not None:
            row.move = _move(prev, target)
            prev = target
        elif prev is not None and row.has_plan and rows and rows[-1].target is not None:
            row.move = Move("dropped", prev.year, magnitude(prev.indicator))
        if target is None and row.result is None and row.move is None:
            continue
        rows.append(row)
    direction = by_year[first][0].indicator.direction
    return Series(place_id, metric_id, basis, metric_label(metric_id), direction, rows, streaks(rows), bases)


def decided(row: YearRow) -> bool:
    return row.target is not None and row.status in DECIDED
