"""Measurements: figures a document reports as achieved, with the flags a careful reader raises."""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..records import Measurement, Quantity, Sentence
from ..segment import Segmented
from .canon import canonical_measurement
from .cuts import clause_start as clause_of
from .period import figure_year, section_year, term_again, year_turn
from .readings import read_all


def measurements_of(seg: Segmented, sent: Sentence, qs: list[Quantity]) -> list[Measurement]:
    if not qs:
        return []
    sh, text = seg.shadow, seg.text
    s, e = sent.span
    out = []
    section = seg.path(sent.section)
    multi_year_section = _multi_year_titles(tuple(section))
    default_year = section_year(seg, sent.section)
    last_year = default_year or (seg.doc.year - 1 if seg.doc.year else None)
    turn = year_turn(seg, sent.section, last_year) if multi_year_section and last_year is not None else None
    if turn is not None and turn <= s < term_again(seg, sent.section, turn):
        # “十三五”时期和2020年工作回顾, 过去五年工作回顾 … 2020年是…, 回顾2022年…, 一年来…: the year's figures
        multi_year_section, default_year = False, last_year
    paragraph = text.rfind("\n", max(0, s - _CONTEXT), s) + 1 or max(0, s - _CONTEXT)
    restates = seg.doc.kind == "work_report"  # a speech's review may quote last year's targets
    if sent.past and seg.sentence_part(sent) != "review" and seg.doc.year:
        default_year = seg.doc.year - 1  # 过去一年，…: last year's results inside a plan part
    for q, reading, value, high in read_all(seg, (s, e), qs):
        start = reading.metric_span[0] if reading.metric_span and reading.metric_span[0] < q.span[0] else q.span[0]
        clause_start = clause_of(sh, s, q.span[0])
        if (restates and _TARGET_TALK.search(sh, s, q.span[0])
                and not _RESULT.search(sh, clause_start, q.span[0])):
            continue  # 去年曾提出，要把物价涨幅控制在百分之十以内: the target restated, not a result
        if _GOAL_AFTER.match(sh, q.span[1]) and _GOAL_NOT_RESULT.search(sh, clause_start, q.number_span[0]):
            # 没有实现…主要污染物排放总量减少2%的目标, 超过1100万人的目标: the figure is the target's, not the
            # result's (提前一年实现…500元和300元的目标: reached, the figure is the result too)
            continue
        start = min(start, clause_start) if start >= clause_start else start
        end = max(q.span[1], reading.metric_span[1] if reading.metric_span else q.span[1])
        year, multi, named = figure_year(seg, s, q.span[0], default_year)
        if multi_year_section and not named and last_year is not None and _WHOLE_YEAR.search(sh, s, q.span[0]):
            named, year = True, last_year  # 全年地区生产总值…增长3.7% in a review of the term: the last year's
        # In a five-year review a figure is the term's unless its sentence names its year (去年, 2007年).
        flags = measurement_flags(sh, s, clause_start, q, reading.basis, multi or (multi_year_section and not named))
        metric = reading.metric
        if "partial_period" not in flags:  # (…预计全年增长4%: the name carried from 前三季度…, less its period)
            metric = _PARTIAL_HEAD.sub("", metric)
        m = Measurement(
            metric=metric,
            value=value,
            value_high=high,
            op=q.op,
            unit=q.unit,
            norm_value=None if q.norm_value is None else q.norm_value * (-1 if reading.negative else 1),
            base_unit=q.base_unit,
            basis=reading.basis,
            text=text[start:end],
            span=(start, end),
            value_span=q.span,
            flags=flags,
            negative=reading.negative,
            metric_span=reading.metric_span,
            section=section,
            sentence=(s, e),
            year=None if "cumulative" in flags else year,
            verb=reading.verb,
            stage=reading.stage,
        )
        canonical_measurement(m, text[clause_start:q.span[0]], text[max(paragraph, q.span[0] - _CONTEXT):q.span[0]])
        if not m.metric and m.metric_id is None and out and not out[-1].metric and out[-1].metric_id:
            # a nameless figure after a nameless one of the same sentence whose indicator was found (…地区生产总值迈上
            # 万亿元台阶，达到10045.7亿元，增长4.3%): the name carried with the figure before it is carried here too
            canonical_measurement(m, "", text[max(paragraph, out[-1].value_span[0] - _CONTEXT):out[-1].value_span[0]])
        elif (m.metric_id is None and out and out[-1].metric_id and _NAMES_A_YEAR.fullmatch(m.metric)
              and "其中" in sh[out[-1].value_span[1]:q.span[0]]):
            # 五年累计新增城镇就业245万人，其中2022年新增47.8万人: the year's part of the total before it
            m.metric = _TOTAL_HEAD.sub("", out[-1].metric) or out[-1].metric
            m.metric_id = out[-1].metric_id
        index_as_change(m)
        out.append(m)
    return out


# (…失业率控制在预期目标以内，城镇登记失业率3.2%: within the target is a result, not the target restated)
_TARGET_TALK = re.compile(rf"(?:{alt(lx.TARGET_TALK_WORDS)})(?!以内|之内|范围内)")
_GOAL_NOT_RESULT = re.compile(r"没有|未能|没能|未|超过|超出|高于|低于|好于|快于|慢于|比")
# (…单位国内生产总值能耗降低4%左右、主要污染物排放总量减少2%的目标: every figure of the list)
_GOAL_AFTER = re.compile(
    r"(?:左右|以上|以内|以下)?(?:[、和及][^，。；]{0,40}?)?的?(?:预期|调控|年度|既定)?(?:目标|指标任务|目标任务)")
_RESULT = re.compile(alt(lx.RESULT_WORDS))
_CONTEXT = 120  # characters before a figure where a bare change looks for its indicator
_ESTIMATE = re.compile(rf"(?:{alt(lx.ESTIMATE_WORDS)})(?!目标)")  # (预期目标 is the target, no estimate)
# …下降3.2%（预计）, 58.2万人（快报数）: an estimate said in brackets after the figure
_ESTIMATE_AFTER = re.compile(rf"\s*[（(](?:{alt(lx.ESTIMATE_WORDS)}|快报|初步核算|初步统计)[^（）()]{{0,6}}[）)]")
_APPLIED = re.compile(rf"(?:{alt(lx.APPLIED_WORDS)})(?!.*(?:获批|通过|成功|入选))")
# …组织5家企业申报省级数字化车间: the figure counts who applied (the word follows its noun)
_APPLIED_AFTER = re.compile(rf"[^，。；,;、]{{0,4}}?(?:{alt(lx.APPLIED_WORDS)})")
# A sentence that says the application succeeded reports results: 申报共认定207家.
_SUCCEEDED = re.compile(r"认定|获批|批复|通过|入选|获评|命名|授牌|成功")
# 五年累计, 年均增长, “十一五”期间 — but not a one-year mean (PM2.5年均浓度)
_MULTI_YEAR = re.compile(rf"(?!{alt(lx.NOT_MULTI_YEAR_WORDS)})(?:{alt(lx.MULTI_YEAR_WORDS)})")


@lru_cache(maxsize=1024)
def _multi_year_titles(titles: tuple[str, ...]) -> bool:
    """Does a title of the section path name several years (过去五年, “十三五”时期)? (Once per section.)"""
    return any(_MULTI_YEAR.search(title) for title in titles)
_PARTIAL = re.compile("|".join(lx.PARTIAL_PERIOD_PATTERNS))
_WHOLE_YEAR = re.compile(r"全年")
_TOTAL_HEAD = re.compile(r"^.*?(?:累计|合计|总计)")
_NAMES_A_YEAR = re.compile(r"(?:其中)?(?:(?:19|20)\d\d年|当年|全年)?")
_PARTIAL_HEAD = re.compile(rf"^(?:{'|'.join(lx.PARTIAL_PERIOD_PATTERNS)})")


# A price index with the year before at 100 (居民消费价格指数为100.3, 商品零售价格总指数98.6): the change in %
PRICE_INDICES = ("cpi", "retail_price_index", "ppi")
_INDEX_RANGE = (50.0, 200.0)


def index_as_change(m: Measurement) -> None:
    """Read a price index written as a level (上年=100) as the change it means: 100.3 → a rise of 0.3 %, 98.6 → a
    fall of 1.4 %. Only a bare figure (no unit) of a price indicator, in a plausible range."""
    if m.metric_id not in PRICE_INDICES or m.unit or m.basis != "level" \
            or not _INDEX_RANGE[0] <= m.value <= _INDEX_RANGE[1] or m.value_high is not None:
        return
    change = round(m.value - 100, 6)
    m.value = m.norm_value = change
    m.unit = m.base_unit = "%"
    m.basis, m.negative = "growth_rate", change < 0


def measurement_flags(sh: str, sentence_start: int, clause_start: int, q: Quantity, basis: str,
                      multi_year: bool = False) -> list[str]:
    flags: list[str] = []
    before_sentence = sh[sentence_start:q.span[0]]
    before_clause = sh[clause_start:q.span[0]]
    if _ESTIMATE.search(before_sentence) or q.approx in ("约", "大约") or _ESTIMATE_AFTER.match(sh, q.span[1]):
        flags.append("estimate")
    if basis == "cumulative" or multi_year or _MULTI_YEAR.search(before_clause):
        flags.append("cumulative")  # 累计, or a multi-year average (年均增长): not one year's result
    applied = _APPLIED.search(before_clause) or _APPLIED_AFTER.match(sh, q.span[1])
    if applied and not _SUCCEEDED.search(sh, sentence_start, q.span[1] + 12):
        flags.append("applied")
    partial = [m.end() for m in _PARTIAL.finditer(before_sentence)]
    if partial and not _WHOLE_YEAR.search(before_sentence, partial[-1]):
        flags.append("partial_period")  # (前三季度…增长3.6%，预计全年增长4%: the year's, not part of it)
    return flags

