"""A share of the year's target reported instead of a figure: 全县固定资产投资完成年度目标的96%,
实际利用外资完成率为85%, 新增规上工业企业完成年度任务的120%.

The share is evidence (a figure the report gives), not a claim: the indicator is judged on it as if the report
had given the target's figure times the share (200亿元 × 96% = 192亿元), flagged ``ratio_only`` so that the
explanation says what was written. Only amounts (a level, a count, an increment in their own units) are read
this way, and only where the target is an output or a floor: a share of a growth rate or of a ceiling says
nothing clear.
"""

from __future__ import annotations

from functools import lru_cache

from ..lang import lexicon as lx
from ..lang import marks
from ..lang.metrics import vocabulary
from ..lang.textsim import bigrams, share_in
from ..records import Indicator, Span
from ..verdicts import Actual
from . import judge


def ratio_in(clause: str) -> tuple[float, Span] | None:
    """(the share as a fraction, the span of its percentage in ``clause``) of the first completion share said."""
    m = judge.SHARE_SAID.search(clause)
    if m is None:
        return None
    group = next(i for i in range(1, (m.re.groups or 0) + 1) if m.group(i) is not None)
    return float(m.group(group)) / 100, (m.start(), m.end())


@lru_cache(maxsize=65536)
def is_share(text: str) -> bool:
    """Is a measurement's text (its clause up to and with its figure) a share of the target (…完成年度目标的96%)?"""
    if "%" not in text and "％" not in text:
        return False
    said = ratio_in(text)
    return said is not None and said[1][1] == len(text.rstrip())


def answerable(ind: Indicator) -> bool:
    """Can a share of the target answer this indicator (an amount aimed at as an output or a floor)?"""
    return ind.unit not in lx.RATE_UNITS and ind.value > 0 and judge.direction_of(ind) in ("output", "floor")


def ratio_actual(ind: Indicator, share: float, text: str, span: Span) -> Actual:
    """The indicator's target times the share, as the figure it is judged on; ``span`` is the share's words."""
    value = ind.value * share
    norm = ind.norm_value * share if ind.norm_value is not None else None
    return Actual(value=value, unit=ind.unit, text=text[span[0]:span[1]], span=span, flags=["ratio_only"],
                  norm_value=norm, base_unit=ind.base_unit)


_CLAUSES = marks.CLAUSE_STOP_LINE


def share_in_row(ind: Indicator, text: str, span: Span, alone: bool) -> Actual | None:
    """A share of the target in a result cell ``text[span]``: in a clause that names the indicator, or in any
    clause when the row sets this one indicator (``alone``: 完成年度目标的96% answers it)."""
    pos = span[0]
    for clause in _CLAUSES.split(text[span[0]:span[1]]):
        said = ratio_in(clause)
        if said is not None and (alone or names(ind, clause[:said[1][0]])):
            return ratio_actual(ind, said[0], text, (pos + said[1][0], pos + said[1][1]))
        pos += len(clause) + 1
    return None


def names(ind: Indicator, text: str) -> bool:
    """Does ``text`` name the indicator: its vocabulary entry, or most of its name's character bigrams, or the
    last four characters of a longer name?"""
    if ind.metric_id:
        return any(d.id == ind.metric_id for _s, _e, d in vocabulary().mentions(text))
    name = "".join(ch for ch in ind.metric if "\u4e00" <= ch <= "\u9fff")
    # …or its head, four characters or more (市场成交额 of 中国小商品城市场成交额)
    return len(name) >= 3 and (share_in(bigrams(name), text) >= 0.6 or (len(name) > 4 and name[-4:] in text))
