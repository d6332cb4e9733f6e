"""Canonical metric ids and directions: what an indicator or a reported figure measures, as one id of
the metric vocabulary (lang/metrics.toml), and which way its target is judged.

The vocabulary gives each indicator a default direction (output, ceiling, reduction, floor, band); the
wording of the target can override it: a figure written as a cut (能耗降低3%, 减少贫困人口1000万人) is a
reduction whatever the metric, and 控制在…以内 / 不超过 is a ceiling.
"""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang import marks
from ..lang.lexicon import alt
from ..lang.metrics import MetricDef, vocabulary
from ..records import Indicator, Measurement

_LOWER_IS_BETTER = re.compile(alt(lx.LOWER_IS_BETTER_WORDS))
_HAN = re.compile(r"[\u4e00-\u9fff]")
# A change named without its indicator: 涨幅, 增速, 比上年增长, 仍然高达.
_BARE = re.compile(r"涨幅|增幅|增速|降幅|增长率|增长|上涨|下降|比上年|同比|仍然|依然|高达|达到|实际|全年|分别")
_RATE = re.compile(r"率|比重|比例|占比|份额|强度|指数|系数|覆盖")
# 经济增长5.5%左右: the metric phrase left once the change word is read is 经济 alone — the economy's growth is GDP's.
_ECONOMY = re.compile(r"(?:全省|全市|全区|全县|全州|全盟|全国|我省|我市|我区|我县|国民)?经济")
_SHARE = re.compile(r"比重|比例|占比|份额|(?:占|(?<!所)在).{1,20}(?:中的)?(?:比|率)")  # (not 所在地…率)


def metric_of(metric: str, context: str = "", wider: str = "") -> MetricDef | None:
    """The canonical metric of a metric phrase; for a bare change (增长7.7%, 涨幅仍然高达…) the nearest
    indicator named in the clause before the figure (``context``), or for a named change word (涨幅) in the
    text before it (``wider``)."""
    vocab = vocabulary()
    if metric.startswith("占") and wider:
        owner = _share_owner(metric, wider)
        if owner is not None:
            return owner
    if len(_HAN.findall(_BARE.sub("", metric))) >= 2:
        phrase = metric
    else:  # the nearest indicator named before the figure (涨幅仍然高达百分之二十一点七: the prices named before)
        if len(_HAN.findall(metric)) >= 2 and wider:
            context = wider  # a change word without its indicator may look back into the sentences before
        named = vocab.mentions(context) if context else []
        if not named and not _HAN.search(metric) and wider:
            context = _clause_before(wider)  # 能耗强度下降未完成年度目标，预计下降1.8%
            named = vocab.mentions(context)
        if not named:
            return None
        start, end, _found = named[-1]
        phrase = context[start:end]
    found = vocab.canonical(phrase)
    if found is None and _ECONOMY.fullmatch(phrase):
        found = vocab.canonical("经济增长")
    if found is None and wider and phrase == metric:
        found = _part_named_short(metric, wider)
    if found is not None and _SHARE.search(phrase) and not any(
            _SHARE.search(alias) and alias in phrase for alias in found.aliases):
        return None  # 服务业增加值在国内生产总值中的比重: a share, neither its numerator nor its denominator
    return found


_SCOPE_HEAD = re.compile(r"^(?:(?:全|我)(?:省|市|区|县|州|国)|全年|预计|其中|同时)+")


def _clause_before(wider: str) -> str:
    """For a change with no name at all (…，预计下降1.8%): the clause before it in its sentence, if it holds no
    figure of its own (a figure there would have carried its name over: extract/readings.py) and opens with
    the indicator, after a scope word (全省, 全年, 其中)."""
    sentence = re.split(r"[。；;！？!?]", wider)[-1]
    clauses = marks.COMMA.split(sentence)
    before = _SCOPE_HEAD.sub("", clauses[-2] if len(clauses) >= 2 else "")
    if re.search(r"\d", before):
        return ""
    named = vocabulary().mentions(before)
    # the indicator must open the clause: 下半年国有单位固定资产投资增长显著加快，全年增长19.5% is the state units'
    # investment, not the 固定资产投资 named inside it
    return before if named and named[0][0] == 0 else ""


def _share_owner(metric: str, wider: str) -> MetricDef | None:
    """A share said without its numerator (研发经费支出…，占地区生产总值比重达3.54%): the indicator the clause
    before named, if the two together are an indicator of their own (研发经费支出占地区生产总值比重)."""
    vocab = vocabulary()
    cut = wider.rfind("占")
    if cut < 0 or not _SHARE.search(metric):
        return None
    for start, end, _found in reversed(vocab.mentions(wider[:cut])):
        if re.search(r"[。；;]", wider[end:cut]):
            return None
        whole = vocab.canonical(wider[start:end] + metric)
        if whole is not None:
            return whole
    return None


def _part_named_short(metric: str, wider: str) -> MetricDef | None:
    """A group named without the indicator it is a group of, after the whole's figure (全体居民人均可支配收入增长
    5.1%，其中城镇居民增长4.0%): the group with the whole's head (城镇居民人均可支配收入), when that is one of the
    indicators declared part of the whole."""
    vocab = vocabulary()
    # (the indicator must be named after the last 。；; : only the text after it is scanned — no alias holds one,
    # so an occurrence there is one the scan of the whole would find)
    cut = max(wider.rfind("。"), wider.rfind("；"), wider.rfind(";")) + 1
    named = vocab.mentions(wider, cut)
    if not named:
        return None
    start, end, whole = named[-1]
    phrase, parts = wider[start:end], set(vocab.parts(whole.id))
    if not parts:
        return None  # (most indicators have no parts: no head to try)
    for k in range(1, len(phrase)):  # the longest head first: 城镇居民 + 人均可支配收入
        found = vocab.canonical(metric + phrase[k:])
        if found is not None and found.id in parts:
            return found
    return None


def direction(ind: Indicator, found: MetricDef | None) -> str:
    """How a target figure is judged: output (more is better), ceiling (at or below is met), reduction
    (a cut: a bigger cut is better), floor (a line to hold) or band (near the figure is the aim)."""
    if ind.value < 0 or ind.negative:
        return "reduction"
    if ind.op == "<=":
        return "ceiling"
    default = found.direction if found is not None else None
    if default is None:  # (以上 says more is the aim, whatever the words: 优良天数…98%以上)
        lower = _LOWER_IS_BETTER.search(ind.metric) is not None and ind.basis != "increment" and ind.op != ">="
        return "ceiling" if lower else "output"
    if default == "reduction":
        if ind.basis in ("increment", "count"):
            return "output"  # a number of things cut or closed (淘汰落后产能40个): more is better
        return "ceiling"  # a reduction metric held to a level (能源消费总量控制在…): at or below is met
    if default == "floor" and ind.op not in (">=", "=", "~"):
        return "output"
    return default


def _basis(basis: str, unit: str, found: MetricDef | None) -> str:
    """A percentage of an indicator that is not itself a rate can only be its growth (经济增长预期为7%左右)."""
    if (found is not None and unit in ("%", "％") and basis in ("level", "count", "increment")
            and "growth_rate" in found.bases and not _RATE.search(found.label)):
        return "growth_rate"
    return basis


def canonical_indicator(ind: Indicator, context: str = "") -> None:
    found = metric_of(ind.metric, context)
    ind.metric_id = found.id if found is not None else None
    ind.basis = _basis(ind.basis, ind.unit, found)
    ind.direction = direction(ind, found)


def canonical_measurement(m: Measurement, context: str = "", wider: str = "") -> None:
    found = metric_of(m.metric, context, wider)
    m.metric_id = found.id if found is not None else None
    m.basis = _basis(m.basis, m.unit, found)
