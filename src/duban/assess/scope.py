"""Whether a review's figure speaks of the same thing as a target's figure beyond its indicator: the same
building stage (新开工 vs 基本建成) and the same place (a district's figure does not answer the city's target),
and which figures of a goal due later are set for the plan's year itself (五年…，今年…).
Matching runs per target × figure, so the words are read once per clause (lang/scope.py caches them)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.scope import clause_lead, place_of
from ..lang.textnorm import fold
from ..records import Indicator, Measurement, Target
from ..segment.horizon import year_part


def same_scope(ind: Indicator, m: Measurement) -> bool:
    """Not another stage (a target for 新开工 is not answered by 基本建成) and not another place (镇海区地区生产总值
    增长8% does not answer a city's 地区生产总值 target): a figure that names neither stays a candidate."""
    if ind.stage and m.stage and ind.stage != m.stage and not (ind.stage == "finish" and m.stage == "start"):
        return False  # (works started, offered for works to finish: kept, as under way — started_only)
    return figure_place(m) == place_of(ind.metric)


def stage_unstated(ind: Indicator, m: Measurement) -> bool:
    """The target names a stage the figure does not (a figure of the same stage is preferred to it)."""
    return bool(ind.stage) and m.stage != ind.stage


def figure_place(m: Measurement) -> str | None:
    """The place a review's figure is about, from the words of its clause before it (镇海区…增长8%)."""
    return _place_before(m.text, m.value_span[0] - m.span[0])


@lru_cache(maxsize=65536)
def _place_before(text: str, cut: int) -> str | None:
    return place_of(clause_lead(text[:cut])) if 0 < cut <= len(text) else None


_FINISH_INTENT = re.compile(r"完成|交付|投用|投入使用")
_START_INTENT = re.compile(r"开工|动工|启动")


def started_only(t: Target, ind: Indicator, m: Measurement) -> bool:
    """A figure of works started (开工改造城镇老旧小区5300个) offered for a target to complete the same works (完成
    城镇老旧小区改造5000个), or for a target that names the finishing stage (建成保障性租赁住房5000套 ← 开工建设6200套):
    it shows the work under way, not done — whatever its number (新开工 are mostly next year's completions). A figure
    of the finishing stage, when the review gives one, is preferred (best_figure: stage_unstated)."""
    if m.stage != "start" or ind.stage == "start":
        return False
    if ind.stage == "finish":
        return True  # 建成保障性租赁住房5000套 ← 开工建设6200套: started, not finished
    cut = ind.span[0] - t.span[0]
    before = t.text[:cut] if 0 < cut <= len(t.text) else t.text
    return _FINISH_INTENT.search(before) is not None and not _START_INTENT.search(before)


def set_for_the_year(t: Target, ind: Indicator) -> bool:
    """A figure of a goal due later that its sentence sets for the plan's year (五年淘汰落后炼铁产能1亿吨…，
    今年力争分别淘汰3000万吨): judged as the year's target, not as a step on the way."""
    cut = ind.span[0] - t.span[0]
    return 0 < cut <= len(t.text) and year_part(fold(t.text[:cut]))


__all__ = ["figure_place", "same_scope", "set_for_the_year", "stage_unstated", "started_only"]
