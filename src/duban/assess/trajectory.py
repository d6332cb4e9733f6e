"""A goal due after the year under review (到2025年地区生产总值达到2000亿元, 年均增长7%): not missed yet, but on
its way or behind the path it requires.

* An average growth goal (年均增长7%) is on schedule when the year's growth is at least the average.
* A level goal (达到/突破 X) is judged by the growth it still requires: from the year's value to the goal
  over the years left. It is behind when that growth is more than half again the growth the year showed
  (when the report gives it), and the explanation states the rate required either way.
"""

from __future__ import annotations

from ..records import Target
from ..verdicts import IndicatorAssessment, Item
from . import judge
from .review import Review
from .scope import set_for_the_year


def trajectory(a: IndicatorAssessment, year: int, horizon: int) -> tuple[str | None, str]:
    """(schedule: on_schedule | behind | None, a sentence for the explanation)."""
    ind, actual = a.indicator, a.actual
    if actual is None or horizon <= year:
        return None, ""
    left = horizon - year
    if ind.basis == "growth_rate" and ind.unit in ("%", "‰"):
        if ind.direction in ("ceiling", "reduction"):
            ok = actual.value <= ind.value if ind.direction == "ceiling" else actual.value <= ind.value < 0
        else:
            ok = actual.value >= ind.value
        note = f"{year}年为{actual.value:g}{ind.unit}，目标期内年均{ind.value:g}{ind.unit}"
        return ("on_schedule" if ok else "behind"), note
    goal = ind.norm_value if ind.norm_value is not None else ind.value
    now = actual.norm_value if actual.norm_value is not None else actual.value
    if ind.direction not in ("output", "floor", None) or not goal or not now or now <= 0 or goal <= 0:
        return None, ""
    if now >= goal:
        return "on_schedule", f"{year}年已达到{horizon}年目标"
    required = (goal / now) ** (1 / left) - 1
    return None, f"距{horizon}年目标尚需年均增长{required * 100:.1f}%（{left}年）"


def due_later(horizon: int | None, year: int | None) -> bool:
    """Is a target due after the plan's (the review's) year?"""
    return horizon is not None and year is not None and horizon > year


_EARLY = ("提前", "已全面", "全部完成", "全面完成", "全覆盖")


def not_yet_due(status: str, horizon: int | None, year: int | None, evidence: str) -> bool:
    """A qualitative goal due after the plan's year (到2022年，全市规上工业企业数字化改造全覆盖) that the review shows
    done in some part is under way, not done: it is done only when the review says it was reached — early
    (提前完成) or in the target's own final words (全覆盖, 全面完成)."""
    if status not in ("done", "basically_met") or not due_later(horizon, year):
        return False
    return not any(w in evidence for w in _EARLY)


def on_the_way(item: Item, t: Target, review: Review) -> None:
    """A goal due after the plan's year is on its way, never missed yet; the figures its sentence sets for
    the year itself (五年…，今年力争…) are judged as the year's, and a miss of them is the item's."""
    if not due_later(t.horizon, review.year):
        return
    notes, this_year = [], []
    for a in item.indicators:
        if set_for_the_year(t, a.indicator):
            this_year.append(a.status)
            continue
        schedule, note = trajectory(a, review.year, t.horizon)
        if _stock_so_far(a):  # 到2025年，创建省级未来乡村20个 ← 累计创建省级未来乡村13个: the way there
            a.status, a.flags = "in_progress", [f for f in a.flags if f != "basis_mismatch"]
            item.flags = sorted({f for x in item.indicators for f in x.flags})
        if a.status != "no_evidence":
            a.status = "in_progress"
            item.schedule = schedule if item.schedule in (None, "on_schedule") else item.schedule
        if note:
            notes.append(note)
    year_status = judge.combine(this_year) if this_year else "no_evidence"
    if item.status == "no_evidence" and any(a.status == "in_progress" for a in item.indicators):
        item.status = "in_progress"
    if year_status in ("not_met", "partially_met"):
        item.status = year_status
    elif item.status not in ("no_evidence", "unassessed") or year_status != "no_evidence":
        item.status = "in_progress"
    if notes:
        item.explanation = f"{t.horizon}年到期的目标：" + "；".join(notes) + "。"


def _stock_so_far(a: IndicatorAssessment) -> bool:
    """A count to reach by a later year (创建…20个; 建成…500兆瓦, read as new), answered by the count reached so far
    (累计…13个): over a goal's whole period, what was added is what has accumulated."""
    return a.status == "no_evidence" and a.actual is not None and "cumulative" in a.actual.flags \
        and a.indicator.basis in ("count", "level", "increment") and "basis_mismatch" in a.flags
