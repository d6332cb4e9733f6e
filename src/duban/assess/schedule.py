"""序时进度: where an in-year progress report should be by now.

A report on 1-N月 (or 上半年, 前三季度, 一季度) covers N/12 of the year. A target that accumulates over the year
(an amount to complete, a number of things to build: basis increment, count or a money level) is on
schedule when its share done keeps pace with the share of the year elapsed (±5 points), ahead when it is
further, behind when it lags. Growth rates and levels held at a value are compared as they are.
"""

from __future__ import annotations

import re

from ..lang.lexicon import PERIOD_NAMES
from ..records import Document
from ..verdicts import IndicatorAssessment

_MONTHS = re.compile(r"1\s*[-—至到~]\s*(1[0-2]|[2-9])\s*月|一\s*[-—至到]\s*(十一|十二|十|[二三四五六七八九])\s*月")
_CN = {"二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "十一": 11, "十二": 12}
TOLERANCE = 0.05
ACCUMULATING = ("increment", "count", "cumulative")


def months_covered(text: str) -> int | None:
    """How many months from January a report on ``text`` (its title or opening) covers: 1-6月 and 上半年 are
    6, 1-11月 is 11, 前三季度 and 三季度 are 9 (a quarter's report is cumulative); None when no period is
    named. The one reading of a report's period (supervise/calendar.py builds dates on it)."""
    m = _MONTHS.search(text)
    if m:
        return int(m.group(1)) if m.group(1) else _CN[m.group(2)]
    for word, months in PERIOD_NAMES:
        if word in text:
            return months
    return None


def elapsed_share(doc: Document) -> float | None:
    """Share of the year a progress report covers, from its title (or opening), or None for a full year."""
    months = months_covered((doc.title or "") + " " + doc.text[:300])
    return None if months is None or months == 12 else months / 12


def accumulates(basis: str, unit: str | None) -> bool:
    """A target that builds up over the year (an amount to complete, things to build, money to spend): its
    share done is compared with the share of the year elapsed. ``unit``: the base unit (or the unit as
    written: 亿元 ends in 元)."""
    return basis in ACCUMULATING or (basis == "level" and (unit or "").endswith(("元", "美元")))


def indicator_schedule(a: IndicatorAssessment, share: float) -> str | None:
    if a.ratio is None or not accumulates(a.indicator.basis, a.indicator.base_unit):
        return None
    if a.ratio >= share + TOLERANCE:
        return "ahead"
    if a.ratio >= share - TOLERANCE:
        return "on_schedule"
    return "behind"


def item_schedule(indicators: list[IndicatorAssessment], share: float | None) -> str | None:
    """The item's schedule: behind if any accumulating indicator lags, else on schedule/ahead."""
    if share is None:
        return None
    marks = [s for a in indicators if (s := indicator_schedule(a, share))]
    if not marks:
        return None
    if "behind" in marks:
        return "behind"
    return "on_schedule" if "on_schedule" in marks else "ahead"
