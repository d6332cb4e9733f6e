"""Is a reported figure of the basis its target sets? What the figure's own clause says decides it.

* A one-year target (a level or amount: 中央财政安排“三农”支出3917亿元, 全社会固定资产投资规模5700亿元; an
  increment, a count or a growth) is not answered by a figure whose clause, before it, names several years:
  五年累计1.6万亿元, 五年共…, 年均增长8.8%, “十一五”期间…, 三年来…, or a bare 累计 that names no single year
  (全年累计 is the year's own total). Such a figure is kept to show a ``basis_mismatch``, never judged.
* A target judged on a figure for part of the year (1-9月, 上半年, 前三季度) that falls short of an amount is
  under way, not missed: the year is not over. One already reaching the target stays met.
"""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.textnorm import shadow
from ..records import Indicator
from ..verdicts import IndicatorAssessment
from .schedule import accumulates

_MULTI_YEAR = re.compile(rf"(?!{alt(lx.NOT_MULTI_YEAR_WORDS)})(?:{alt(lx.MULTI_YEAR_WORDS)})")
_RUNNING = re.compile(alt(lx.RUNNING_TOTAL_WORDS))
_ONE_YEAR = re.compile(alt(lx.ONE_YEAR_WORDS) + "|" + "|".join(lx.PARTIAL_PERIOD_PATTERNS)
                       + r"|(?:19|20)\d{2}年(?!以来|起|至|到|-)")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
ONE_YEAR_BASES = ("level", "increment", "count", "growth_rate")
SHORT = ("not_met", "basically_met")
_AVERAGE = ("年均", "平均每年", "每年平均")


def own_clause(text: str, at: int) -> str:
    """The clause a figure at ``at`` stands in, up to the figure: from the last clause mark before it."""
    start = at
    while start > 0 and not _CLAUSE_END.match(text, start - 1) and at - start < 200:
        start -= 1
    return text[start:at]


def multi_year_cue(clause: str) -> str | None:
    """The word that makes a figure a total or an average over several years (五年累计, 年均, 三年来, a 累计
    that names no single year), read in the clause before the figure; None for one year's figure."""
    clause = shadow(clause)  # １－９月累计 reads as 1-9月累计
    found = _MULTI_YEAR.findall(clause)
    if found:
        return found[-1]
    running = _RUNNING.search(clause)
    if running and not _ONE_YEAR.search(clause):
        return running.group()
    return None


def one_year(ind: Indicator) -> bool:
    """Does the target set one year's level, amount or growth (not a total over the years, not a share)?
    A rate or share held at a level (城镇化率达到52%) is what it is at the end of any span: only amounts."""
    if ind.basis not in ONE_YEAR_BASES:
        return False
    return not (ind.basis == "level" and ind.unit in lx.RATE_UNITS)


def other_years(ind: Indicator, text: str | None, value_start: int) -> str | None:
    """For a one-year target, the cue that the figure at ``value_start`` of ``text`` covers several years."""
    if text is None or not one_year(ind):
        return None
    return multi_year_cue(own_clause(text, value_start))


def part_year_shortfall(a: IndicatorAssessment) -> bool:
    """An amount judged on part of the year (1-9月, 上半年) that falls short: under way, the year not over."""
    return (a.status in SHORT and "partial_period" in a.flags
            and accumulates(a.indicator.basis, a.indicator.base_unit or a.indicator.unit))


def basis_note(a: IndicatorAssessment) -> str | None:
    """Why a figure of another basis was not used, in the explanation's words (None: no reason known)."""
    if a.actual is None:
        return None
    cue = multi_year_cue(a.actual.text)
    if cue is not None and one_year(a.indicator):
        kind = "平均数" if cue in _AVERAGE else "合计数"
        return f"所报数字带“{cue}”，是多年的{kind}，不是计划当年的数，未据此判断"
    if "started" in a.actual.flags:
        return "所报为开工数，目标要求完成或建成，只能说明正在推进"
    if "applied" in a.actual.flags:
        return "所报为申报、推荐等数字，不是实际结果，未据此判断"
    if "cumulative" in a.actual.flags:
        return "所报为累计或多年的数字，不是计划当年的结果，未据此判断"
    return None
