"""Targets judged against something other than a figure of their own.

* Relative targets: 居民收入增长与经济增长同步 — the income growth is compared with the economic growth
  the same report gives (often in another row or paragraph): ≥100 % of it is met, ≥90 % basically met
  (never exceeded: keeping pace is the aim); where the target names urban and rural residents (城乡) and
  the review gives both, each group is an indicator of its own (one keeping pace, one not: partially met).
  Both growths are the plan year's: a figure for another year, a 年均 or a 累计 figure over several
  years (五年来城乡居民收入年均增长8.8%) says nothing of the year's pace.
* A count of one answered by name: 培育省级公共海外仓1个 ← “…塔拉戈纳仓获评省级公共海外仓”: one named
  instance reported done counts as 1.
"""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang import marks
from ..lang.lexicon import alt
from ..lang.metrics import vocabulary
from ..lang.textsim import containment
from ..records import Indicator, Measurement, Span, Target
from ..verdicts import Actual
from .basis import multi_year_cue, own_clause
from .evidence import metric_similarity

_ECONOMY = r"经济增长|经济发展|地区生产总值增长|国内生产总值增长|GDP增长|经济增速"
SYNC = re.compile(
    rf"(?P<x>[^，。；,;]{{2,24}}?)(?:增长|增速)?(?:(?:与|和|同)(?:{_ECONOMY})(?:基本|保持)?同步"
    rf"|(?:高于|快于|不低于|不慢于|略高于)(?:{_ECONOMY}))"  # (收入增长高于经济增长: keeping pace at least)
)
_BENCHMARK = re.compile(r"地区生产总值|国内生产总值|GDP|经济增长")
_DONE = re.compile(alt(lx.DONE_WORDS))
_COUNT_WORDS = set("个家座所项处条套间栋幢张台辆架艘批场次")


def sync_indicator(target: Target, measurements: list[Measurement], text: str,
                   year: int | None = None, subject: str | None = None) -> list[tuple[Indicator, Actual]]:
    """For a 同步 target: the indicators (benchmark growth as the figure to reach) with their actuals, both
    growths of ``year`` (the plan's year: the target's), never a 年均 or 累计 figure over several years. One
    indicator, or one per group where the target names urban and rural residents (城乡) and the review gives
    both: each group must keep pace, and one that does while the other does not is a partial result.
    ``subject``: the indicator the plan named just before a target that does not name it (居民人均可支配收入增长6%以上，
    与经济增长基本同步: sync_subject)."""
    m = SYNC.search(target.text) or (SYNC.search(f"{subject}增长{target.text}") if subject else None)
    if not m:
        return []
    measurements = [x for x in measurements if x.basis == "growth_rate" and x.unit == "%"
                    and (year is None or x.year in (None, year)) and not {"cumulative", "partial_period"} & set(x.flags)
                    and multi_year_cue(own_clause(text, x.value_span[0])) is None]
    # the year's economic growth: a final figure, else the review's estimate (预计全年地区生产总值增长4.9%左右:
    # a report of January often has no other)
    growths = [x for x in measurements if _BENCHMARK.search(x.metric) or x.metric_id == "gdp"]
    benchmark = next((x for x in growths if "estimate" not in x.flags), growths[0] if growths else None)
    if benchmark is None:
        return []
    x_metric = m.group("x").strip()
    start = target.span[0] + m.start("x") if text[target.span[0]:target.span[1]] == target.text else target.span[0]
    span = (start, start + len(m.group()))
    named = vocabulary().canonical(x_metric)
    parts = set(vocabulary().parts(named.id)) if named is not None else set()
    allowed = {named.id, *parts} if named is not None else set()
    # another indicator of the vocabulary never answers (居民消费价格 is not 居民收入, however alike the names)
    own = [x for x in measurements if x not in growths and not (allowed and x.metric_id and x.metric_id not in allowed)]
    scored = sorted(((metric_similarity(_probe(x_metric, benchmark, span), x, text), x) for x in own),
                    key=lambda p: -p[0])
    if not scored or scored[0][0] < 0.3:
        return []
    close = [x for sim, x in scored if sim >= scored[0][0] - 0.15]
    if "城乡" in x_metric:  # 城乡居民收入与经济增长同步: urban and rural each must keep pace
        groups: dict[str, Measurement] = {}
        for x in close:
            if x.metric_id in parts and x.metric_id not in groups:
                groups[x.metric_id] = x
        if len(groups) >= 2:
            return [_kept_pace(x_metric, benchmark, span, x) for x in groups.values()]
        return [_kept_pace(x_metric, benchmark, span, min(close, key=lambda x: x.value))]
    # a target of all residents' income (居民收入) is answered by the all-residents figure where the review gives one
    whole = [x for x in close if named is not None and x.metric_id == named.id]
    return [_kept_pace(x_metric, benchmark, span, min(whole or close, key=lambda x: x.value))]


_SYNC_ALONE = re.compile(rf"(?:与|和|同)(?:{_ECONOMY})(?:基本|保持)?同步")


def sync_subject(target: Target, before: Target | None, between: str) -> str | None:
    """The indicator of a 同步 target said without one, right after that indicator's own figure (…增长6%以上，
    与经济增长基本同步): the metric of the target before it in the same sentence."""
    if not _SYNC_ALONE.match(target.text) or before is None or not before.indicators:
        return None
    if len(between) > 2 or re.search(r"[。；;]", between):
        return None
    return before.indicators[-1].metric


def _probe(x_metric: str, benchmark: Measurement, span: Span) -> Indicator:
    return Indicator(metric=x_metric, op=">=", value=benchmark.value, unit="%", basis="growth_rate", span=span,
                     base_unit="%", norm_value=benchmark.value,
                     direction="floor")  # keeping pace is met; outpacing is no more than that


def _kept_pace(x_metric: str, benchmark: Measurement, span: Span, best: Measurement) -> tuple[Indicator, Actual]:
    probe = _probe(x_metric, benchmark, span)
    group = f"{best.metric}，" if best.metric and best.metric != x_metric else ""  # (城镇…: the group judged)
    probe.metric = f"{x_metric}增速（{group}对比{benchmark.metric or '经济'}增速{benchmark.value:g}%）"
    return probe, _growth_against(best, benchmark)


def _growth_against(best: Measurement, other: Measurement) -> Actual:
    """The growth judged, flagged an estimate when either growth compared is one."""
    flags = sorted({*best.flags, *(f for f in other.flags if f == "estimate")})
    return Actual(value=best.value, unit="%", text=best.text, span=best.value_span, flags=flags,
                  norm_value=best.value, base_unit="%", summed_from=[])


# 农村居民收入增长快于城镇居民: one group's growth to outpace another's, judged by the two growths of the year
PACE = re.compile(r"(?P<x>[^，。；,;]{2,24}?)(?:增长|增速|增幅)?(?:要|继续|保持)?(?:快于|高于)(?P<y>[^，。；,;]{2,16}?)"
                  r"(?:的)?(?:增长|增速|增幅)?$")


def pace_indicator(target: Target, measurements: list[Measurement], text: str,
                   year: int | None = None) -> list[tuple[Indicator, Actual]]:
    """For a target that wants one indicator to grow faster than another (农村居民收入增长快于城镇居民, the second
    named by the head it shares with the first): the indicator (the other's growth, to be outpaced) with its
    actual, both growths of ``year``; never for the economy or a wider area (SYNC, OUTPACE judge those)."""
    m = PACE.search(target.text.strip("。；， "))
    if m is None or re.search(_ECONOMY, m.group("y")) or re.fullmatch(rf"(?:{_AREAS})\S{{0,4}}", m.group("y")):
        return []
    vocab = vocabulary()
    x_name = m.group("x").strip()
    x = vocab.canonical(x_name)
    if x is None:
        return []
    y_name = m.group("y")
    y = vocab.canonical(y_name)
    for k in range(len(x_name) - 1, 0, -1):  # 城镇居民 + the head of 农村居民收入 → 城镇居民收入
        if y is not None:
            break
        y = vocab.canonical(y_name + x_name[k:])
    if y is None or y.id == x.id:
        return []
    growths = [g for g in measurements if g.basis == "growth_rate" and g.unit == "%"
               and not {"cumulative", "partial_period"} & set(g.flags)
               and (year is None or g.year in (None, year))
               and multi_year_cue(own_clause(text, g.value_span[0])) is None]
    xs = [g for g in growths if g.metric_id == x.id]
    ys = [g for g in growths if g.metric_id == y.id]
    if not xs or not ys:
        return []
    best, other = xs[0], ys[0]
    start = target.span[0] + m.start("x") if text[target.span[0]:target.span[1]] == target.text else target.span[0]
    probe = _probe(x_name, other, (start, start + len(m.group())))
    probe.metric = f"{x_name}增速（对比{y.label}增速{other.value:g}%）"
    return [(probe, _growth_against(best, other))]


def named_instance(ind: Indicator, sentences: list[Span], text: str) -> Actual | None:
    """A target of one thing (value 1, a count unit) answered by a sentence that names it done."""
    if ind.value != 1 or (ind.base_unit or "") not in _COUNT_WORDS:
        return None
    core = "".join(ch for ch in ind.metric if "\u4e00" <= ch <= "\u9fff")
    if len(core) < 3:
        return None
    for s, e in sentences:
        sentence = text[s:e]
        if containment(core, sentence) >= 0.6 and _DONE.search(sentence):
            return Actual(value=1.0, unit=ind.unit, text=sentence, span=(s, e), norm_value=1.0,
                          base_unit=ind.base_unit)
    return None


# 地区生产总值增速高于全市平均水平: a growth to outpace a wider area's, answered by the review's comparison
# (…增长6.5%，高于全市1.3个百分点; 低于全省0.4个百分点; 与全省持平).
_AREAS = r"全国|全省|全市|全区|全州|全盟|全自治区|省|市"
OUTPACE = re.compile(rf"(?P<x>[^，。；]{{2,20}}?)(?:增速|增幅|增长)?(?:要|继续|保持)?(?:高于|快于|领先于?|超过)"
                     rf"(?P<area>{_AREAS})(?:平均水平|平均|水平)?")
_SAID = re.compile(rf"(?P<way>高于|快于|低于|慢于|与)(?P<area>{_AREAS})(?:平均水平|平均)?"
                   r"(?:(?P<n>\d+(?:\.\d+)?)个百分点|持平)")


def outpace_metric(target: str) -> str | None:
    """The indicator (metric id) a target wants to grow faster than a wider area's (OUTPACE), or None."""
    m = OUTPACE.fullmatch(target.strip("。；， "))
    named = vocabulary().canonical(m.group("x")) if m is not None else None
    return named.id if named is not None else None


def outpace_said(metric_id: str, sentences: list[tuple[object, str]]) -> tuple[str, object, str] | None:
    """(status, sentence, clause) for that indicator, from the review's own comparison in the clause after its
    growth figure: 高于/快于 … met; 低于/慢于 … or 持平 not met."""
    for span, sentence in sentences:
        current = None
        for clause in marks.CLAUSE_STOP.split(sentence):
            found = vocabulary().canonical(clause)
            current = found.id if found is not None else current
            said = _SAID.search(clause)
            if said and current == metric_id:
                met = said.group("way") in ("高于", "快于") and said.group("n") is not None
                return ("met" if met else "not_met"), span, clause
    return None
