"""Narrative reviews (next year's 工作回顾, a year-end summary): every plan target looks for its answer.

* A quantified target is answered by the figure the review gives for the **same indicator** (its canonical
  metric id, or failing that a close metric name with the same head noun), for the **plan's year**, in a
  comparable unit and basis — whatever its value: a figure that falls short is the answer, and the target
  is not met. Other years' figures (a five-year review's 年均, 比2002年增长…, 前三年) never answer; 累计 and
  applications are kept only as a basis mismatch.
* A target due after the plan year (a five-year goal) is judged against the path it requires (trajectory.py),
  never as missed before its year.
* A growth the review says fell without giving a figure answers a growth target (worded.py): a ceiling on
  price growth is met, an output growth is not.
* An admission (没有完成/未能实现…目标) about the target's indicator is evidence that it was missed.
* A qualitative target is judged in qualitative.py: by its indicator's growth figure when it aims at a
  movement without a figure (外贸进出口保稳提质), by the review's claim when it is to complete what was
  assigned, by what the review says of a state it aims at, or by the sentence that speaks about it most.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import lexicon as lx
from ..lang import lexicon_states as states
from ..lang import marks
from ..lang.lexicon import alt
from ..records import Indicator, Measurement, Span, Target
from ..verdicts import Actual, Item
from . import judge
from .basis import other_years, own_clause
from .evidence import metric_similarity, to_actual, unit_compatible
from .explain import explain_item
from .inputs import Pair
from .item import core
from .listed import listed_things
from .qualitative import admitted_late, qualitative_item
from .ratio import answerable, names, ratio_actual
from .relative import pace_indicator, sync_indicator, sync_subject
from .review import Review, review_item, review_of
from .scope import same_scope, set_for_the_year, stage_unstated, started_only
from .trajectory import due_later, not_yet_due, on_the_way
from .worded import fall_said

_ADMISSION = re.compile(alt(lx.ADMISSION_WORDS))
_EXCESS = re.compile(alt(states.EXCESS_WORDS))
_SHORTFALL = re.compile(alt(states.SHORTFALL_WORDS))
_REVERSAL = re.compile(alt(states.REVERSAL_WORDS))
_CLAUSES = marks.CLAUSE_COLON
_PERCENTS = ("%", "‰")
_GENERIC = re.compile(alt(lx.GENERIC_METRIC_WORDS))


def narrative_items(pair: Pair) -> list[Item]:
    review = review_of(pair)
    items: list[Item] = []
    for t in pair.plan_targets:
        item = _answer(pair, review, t)
        if item is not None:
            items.append(item)
    return items


def _answer(pair: Pair, review: Review, t: Target) -> Item | None:
    if t.indicators and not _counts_its_list(t):
        return _quantified(pair, review, t)
    relative = (sync_indicator(t, review.measurements, review.seg.text, review.year, _sync_subject(pair, t))
                or pace_indicator(t, review.measurements, review.seg.text, review.year))
    if relative:
        rel = Target(t.id, t.text, t.span, t.section, t.section_id, [ind for ind, _ in relative], tier=t.tier)
        span = relative[0][1].span
        return review_item(pair, review, rel, {id(ind): actual for ind, actual in relative},
                           review.sentence_of(span), t.text)
    item = qualitative_item(pair, review, t, lambda s: _quantified(pair, review, s))
    said = "。".join(review.seg.text[s:e] for s, e in item.evidence_spans) if item is not None else ""
    if item is not None and not t.indicators and not_yet_due(item.status, t.horizon, review.year, said):
        item.status, item.explanation = "in_progress", f"推进中：目标期限为{t.horizon}年，回顾所述为阶段进展。"
    return item


def _sync_subject(pair: Pair, t: Target) -> str | None:
    """The indicator named just before a 同步 target that names none (relative.sync_subject)."""
    if pair.plan_seg is None or not t.text.startswith(("与", "和", "同")):
        return None
    before = [p for p in pair.plan_targets if p.span[1] <= t.span[0]]
    prev = before[-1] if before else None
    between = pair.plan_seg.text[prev.span[1]:t.span[0]] if prev is not None else ""
    return sync_subject(t, prev, between)


def _counts_its_list(t: Target) -> bool:
    """建成投用潍坊、烟台两个国家骨干冷链物流基地: the count only restates the things named; they are judged one by
    one (listed.py), not as a figure to be matched."""
    if len(t.indicators) != 1:
        return False
    found = listed_things(t.text)
    ind = t.indicators[0]
    return found is not None and ind.value == len(found[1]) and ind.basis in ("count", "increment", "level") \
        and not ind.unit.startswith(("万", "亿"))


# ---- quantified targets ------------------------------------------------------------------

def _quantified(pair: Pair, review: Review, t: Target) -> Item | None:
    found: dict[int, Actual | None] = {}
    used: set[int] = set()
    later = due_later(t.horizon, review.year)
    # of a goal due later, the figures set for the year itself (五年…，今年…) take the year's figures first
    for ind in sorted(t.indicators, key=lambda i: not (later and set_for_the_year(t, i))):
        stretch = judge.is_stretch(ind, t.indicators)  # (力争6% after 5.5%以上: judged on the same figure)
        m = best_figure(ind, review.measurements_for(ind.metric_id), review.year, None if stretch else used,
                        review.seg.text)
        if m is not None:
            used.add(id(m))
        found[id(ind)] = to_actual(m) if m is not None else _share_of(review, ind)
        if m is not None and started_only(t, ind, m):
            found[id(ind)].flags = sorted({*found[id(ind)].flags, "started"})
    answered = [a for a in found.values() if a is not None]
    if answered:
        item = review_item(pair, review, t, found, review.sentence_of(answered[0].span), t.text)
        _under_way(item)
        _short_of_the_year(item, review, t)
        if all(a.status == "no_evidence" for a in item.indicators):
            item.status = "no_evidence"  # only figures of another basis (五年累计, 申报): nothing for the year
            item.explanation = explain_item(item)
        on_the_way(item, t, review)
        _other_basis(item, review)
        return item
    shared = _share_of_rate(pair, review, t)
    if shared is not None:
        return shared
    worded = fall_said([(s, review.text(s)) for s in review.sentences if s not in review.generic], t, review.year)
    if worded is not None:
        return _worded(pair, review, t, *worded)
    admission = _admission(review, t)
    if admission is not None:
        return _admitted(pair, review, t, admission)
    late = admitted_late(pair, review, t)  # (完成淀山湖岸线整治20公里 ← 淀山湖岸线整治等项目进度滞后)
    if late is not None:
        return late
    claimed = _claimed(review, t)
    if claimed is not None:  # 能耗降低完成国家下达的目标任务: the report's word, no evidence (DESIGN.md)
        item = review_item(pair, review, t, found, claimed[1], t.text)
        item.claimed, item.status = claimed[0], "no_evidence"
        item.flags = sorted({*item.flags, "claim_without_figure"})
        for a in item.indicators:
            a.flags = sorted({*a.flags, "claim_without_figure"})
        item.explanation = explain_item(item)
        return item
    if review.claim is not None and t.tier == "headline":
        item = review_item(pair, review, t, found, review.claim[1], t.text)
        item.status, item.flags = "no_evidence", sorted({*item.flags, "claim_without_figure"})
        return item
    return None


_QUALIFIED = re.compile(r"同口径|可比口径|扣除[^，。；]{1,12}?因素|剔除[^，。；]{1,12}?因素")


def _other_basis(item: Item, review: Review) -> None:
    """The report's other figure for the same indicator, on another basis, in the same sentence (自然口径增长3.1%，
    同口径增长5.6%; 下降2%，扣除留抵退税因素后增长6.6%): the verdict stays on the figure as first reported, the
    explanation names the other one, so that a reader sees both."""
    text = review.seg.text
    for a in item.indicators:
        if a.actual is None or a.indicator.metric_id is None:
            continue
        sentence = review.sentence_of(a.actual.span)
        for m in review.measurements_for(a.indicator.metric_id):
            if (m.metric_id != a.indicator.metric_id or m.value_span == a.actual.span or m.basis != "growth_rate"
                    or not sentence[0] <= m.value_span[0] < sentence[1] or m.unit != a.actual.unit):
                continue
            clause = own_clause(text, m.value_span[0])  # (basis.py: up to the figure)
            if _QUALIFIED.search(clause):
                item.explanation += f"报告另有“{clause}{text[m.value_span[0]:m.value_span[1]]}”。"
                break


def _short_of_the_year(item: Item, review: Review, t: Target) -> None:
    """A figure for part of the year short of the year's target is under way (1-11月实际使用外资9.4亿美元) — unless
    the review admits the year's target was or will be missed (实际使用外资预计难以完成年度目标): then it is not met."""
    if item.status != "in_progress" or not any("partial_period" in a.flags for a in item.indicators):
        return
    admission = _admission(review, t)
    if admission is None:
        return
    for a in item.indicators:
        if a.status == "in_progress" and "partial_period" in a.flags:
            a.status = "not_met"
    item.status = judge.combine([a.status for a in item.indicators])
    item.evidence_spans = sorted({*item.evidence_spans, admission})
    item.explanation = explain_item(item) + f"回顾承认：“{review.text(admission)[:60]}”。"


def _under_way(item: Item) -> None:
    """Works started offered for works to finish (scope.started_only): under way, whatever their number."""
    started = [a for a in item.indicators if a.actual is not None and "started" in a.actual.flags]
    if not started:
        return
    for a in started:
        if a.status in ("exceeded", "met", "basically_met", "not_met"):
            a.status = "in_progress"
        a.flags = sorted({*a.flags, "basis_mismatch"})
    item.status = judge.combine([a.status for a in item.indicators])
    item.flags = sorted({*item.flags, "basis_mismatch"})
    item.explanation = explain_item(item)


def best_figure(ind: Indicator, measurements: list[Measurement], year: int | None,
                used: set[int] | None = None, text: str | None = None) -> Measurement | None:
    """The review's figure for this indicator in the plan's year: same indicator, comparable unit and
    basis, not another building stage or another place (scope.py); one of the stage the target names
    before one that names none, the whole year's before part of it, a plain figure before an estimate, any of
    them before a 累计 or 申报 figure,
    or one whose clause in ``text`` names several years (五年累计: basis.other_years), which only ever yields a
    basis mismatch. Never a figure for another year."""
    best = None
    best_key: tuple | None = None
    for m in measurements:
        if used and id(m) in used:
            continue
        if year is not None and m.year is not None and m.year != year:
            continue
        if not same_indicator(ind, m) or not comparable(ind, m) or not same_scope(ind, m):
            continue
        mismatch = bool({"cumulative", "applied"} & set(m.flags)) or other_years(ind, text, m.value_span[0]) is not None
        # (an indicator the vocabulary does not know: the closest name first — 投资500万元以上技改项目 takes
        # 500万元以上技改项目1.3万个, not 5000万元以上项目1.2万个 before it)
        closeness = 0.0 if ind.metric_id else -round(metric_similarity(ind, m), 2)
        # (a bound, …始终保持在95%以上, after a figure: 空气质量优良天数比例98.6%)
        # (the year's figure, if only an estimate, before one of part of the year: 前三季度…6.1%，预计全年…5.6%)
        # (the vocabulary's own indicator before a figure named only alike: 研发投入占地区生产总值比重预计达2.82% before
        # 占地区生产总值比重超过40% of something else)
        unnamed = bool(ind.metric_id) and m.metric_id != ind.metric_id
        key = (mismatch, stage_unstated(ind, m), "partial_period" in m.flags, m.year is None, unnamed, bool(m.flags),
               (ind.base_unit or "") != (m.base_unit or ""), m.op in (">=", "<="), closeness, m.span[0])
        if best_key is None or key < best_key:
            best, best_key = m, key
    return best


def same_indicator(ind: Indicator, m: Measurement) -> bool:
    if ind.metric_id and m.metric_id:
        return ind.metric_id == m.metric_id
    # one side unknown to the vocabulary: the names must agree closely, head noun included, and name
    # something beyond who pays (中央财政将安排 names nothing)
    a, b = core(ind.metric), core(m.metric)
    if not _names_something(a) or not _names_something(b):
        return False
    if a == b:
        return True
    # 覆盖农村5亿人口 (metric 农村) is not 农村贫困人口: the head nouns must agree
    return len(a) >= 3 and b.endswith(a[-2:]) and metric_similarity(ind, m) >= 0.6


@lru_cache(maxsize=65536)
def _names_something(name: str) -> bool:
    """Two characters or more beyond the generic words (中央财政将安排 names nothing)."""
    return len(_GENERIC.sub("", name)) >= 2


def comparable(ind: Indicator, m: Measurement) -> bool:
    """Could ``m`` be the figure ``ind`` sets, unit and basis considered (units may scale)?"""
    pct_i, pct_m = ind.unit in _PERCENTS, m.unit in _PERCENTS
    if ind.unit == "个百分点" or m.unit == "个百分点":
        return ind.unit == m.unit
    if pct_i or pct_m:
        if pct_i != pct_m:
            return False
        if ind.metric_id and ind.metric_id == m.metric_id:
            return True  # one indicator in %: its growth or its rate, as the vocabulary entry says
        return (ind.basis == "growth_rate") == (m.basis == "growth_rate")
    if not unit_compatible(ind, m):
        return False
    if ind.basis == m.basis or "cumulative" in m.flags:
        return True
    if ind.basis == "increment" and m.basis == "level" and m.stage == "finish":
        return True  # 新建高标准农田425万亩 ← 2022年建成高标准农田450万亩: built in the year (累计建成: cumulative)
    return {ind.basis, m.basis} <= {"level", "count"} or {ind.basis, m.basis} <= {"increment", "count"}


def _admission(review: Review, t: Target) -> Span | None:
    """A review sentence admitting that this target's indicator was not reached: 没有完成…目标, or a clause
    saying that the indicator ran over a ceiling (投资规模过大, 物价上涨过快) or fell short of an output."""
    for span, clause in review.adverse_clauses():
        for ind in t.indicators:
            if not names(ind, clause):
                continue
            way = judge.direction_of(ind)
            adverse = (_EXCESS if way in ("ceiling", "band") else _SHORTFALL if way in ("output", "floor")
                       else _REVERSAL if way == "reduction" else None)
            if _ADMISSION.search(clause) or (adverse is not None and adverse.search(clause)):
                return span
    return None


def _share_of(review: Review, ind: Indicator) -> Actual | None:
    """A share of the target the review gives for this indicator instead of a figure (全县固定资产投资完成年度目标的
    96%: assess/ratio.py)."""
    if not answerable(ind):
        return None
    for _span, before, share, where in review.share_clauses():
        if names(ind, before):
            return ratio_actual(ind, share, review.seg.text, where)
    return None


def _share_of_rate(pair: Pair, review: Review, t: Target) -> Item | None:
    """A growth target answered only by a share of the year's target or budget (一般公共预算收入完成年度预算的
    96.5%): below 100 % the amount, and so its growth, fell short of what the plan set — not met; at or above it,
    met. Flagged ratio_only: the report gave no growth figure."""
    statuses: dict[int, str] = {}
    spans: list[Span] = []
    for ind in t.indicators:
        if ind.unit not in lx.RATE_UNITS or ind.value <= 0 or judge.direction_of(ind) not in ("output", "floor"):
            continue
        for span, before, share, where in review.share_clauses():
            if names(ind, before):
                statuses[id(ind)] = "met" if share >= 1 else "not_met"
                spans += [span, where]
                break
    if not statuses:
        return None
    item = review_item(pair, review, t, {id(ind): None for ind in t.indicators}, spans[0], t.text)
    for a in item.indicators:
        if id(a.indicator) in statuses:
            a.status = statuses[id(a.indicator)]
            a.flags = sorted({*a.flags, "ratio_only"})
    item.status = judge.combine([a.status for a in item.indicators])
    item.flags = sorted({*item.flags, "ratio_only"})
    item.evidence_spans = sorted({*item.evidence_spans, spans[0]})
    said = review.seg.text[spans[1][0]:spans[1][1]]
    item.explanation = f"回顾未给增速，只报“{said}”：{'达到' if item.status == 'met' else '未达到'}计划所定的量。"
    return item


def _claimed(review: Review, t: Target) -> tuple[str, Span] | None:
    """A review clause that names this target's indicator and claims it reached its target without a figure
    (单位地区生产总值能耗降低和主要污染物减排完成国家下达的目标任务): the claim and its sentence."""
    for span, said, before in review.claim_clauses():
        if any(names(ind, before) for ind in t.indicators):
            return said, span
    return None


def _admitted(pair: Pair, review: Review, t: Target, span: Span) -> Item:
    """A miss admitted in words (_admission); a figure for the indicator in the admitting sentence (能耗强度下降未完成
    年度目标，预计下降1.8%) is quoted as the actual, the verdict stays the admission's."""
    said = {id(ind): next((to_actual(m) for m in review.measurements_for(ind.metric_id)
                           if span[0] <= m.span[0] < span[1] and same_indicator(ind, m) and comparable(ind, m)), None)
            for ind in t.indicators}
    item = review_item(pair, review, t, said, span, t.text)
    for a in item.indicators:
        a.status = "not_met"
        a.flags = sorted({*a.flags, "claim_without_figure"})
    item.status = "not_met"
    item.flags = sorted({*item.flags, "claim_without_figure"})
    item.evidence_spans = sorted({*item.evidence_spans, span})
    item.explanation = f"回顾承认未完成：“{review.text(span)[:60]}”。"
    return item


def _worded(pair: Pair, review: Review, t: Target, statuses: dict[int, str], span: Span) -> Item:
    """A growth the review says fell, without a figure (worded.fall_said)."""
    item = review_item(pair, review, t, {id(ind): None for ind in t.indicators}, span, t.text)
    for a in item.indicators:
        a.status = statuses.get(id(a.indicator), a.status)
    item.status = judge.combine([a.status for a in item.indicators])
    item.evidence_spans = sorted({*item.evidence_spans, span})
    item.explanation = f"回顾未给数字，但称其下降：“{review.text(span)[:60]}”。"
    return item


__all__ = ["Review", "best_figure", "comparable", "narrative_items", "review_of", "same_indicator"]
