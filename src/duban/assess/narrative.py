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
* A qualitative target is answered by the review sentence that speaks about it most (generic opening
  paragraphs and the 问题/不足 passage excluded); a state the plan aims at (国际收支基本平衡) is judged by
  what the review says of it, the 问题/不足 passage included (国际收支不平衡矛盾加剧: not met) — or, when the
  same plan sentence sets a figure for its indicator (物价总水平基本稳定，居民消费价格涨幅3%以内), as that
  figure is judged (worded.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.metrics import vocabulary
from ..lang.textsim import bigrams, share_in
from ..records import STATUS_LABELS as _LABELS
from ..records import Indicator, Measurement, Span, Target
from ..verdicts import Actual, Item, Link
from . import judge
from .basis import other_years
from .evidence import metric_similarity, to_actual, unit_compatible
from .explain import explain_item
from .inputs import Pair
from .item import build_item, core
from .ratio import answerable, names, ratio_actual
from .relative import sync_indicator
from .review import SEVERAL_YEARS as _SEVERAL_YEARS
from .review import Review, review_of
from .scope import same_scope, set_for_the_year, stage_unstated
from .trajectory import trajectory
from .worded import fall_said, sibling_state

QUALITATIVE_LINK_MIN = 0.5  # share of a qualitative target's key-term weight a review sentence must hold
_ADMISSION = re.compile(alt(lx.ADMISSION_WORDS))
_EXCESS = re.compile(alt(lx.EXCESS_WORDS))
_SHORTFALL = re.compile(alt(lx.SHORTFALL_WORDS))
_CLAUSES = re.compile(r"[，,；;：:]")
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
    if t.indicators:
        return _quantified(pair, review, t)
    relative = sync_indicator(t, review.measurements, review.seg.text, review.year)
    if relative is not None:
        ind, actual = relative
        rel = Target(t.id, t.text, t.span, t.section, t.section_id, [ind], tier=t.tier)
        span = actual.span
        return _item(pair, review, rel, {id(ind): actual}, _sentence_of(review, span), t.text)
    return _qualitative(pair, review, t)


# ---- quantified targets ------------------------------------------------------------------

def _quantified(pair: Pair, review: Review, t: Target) -> Item | None:
    found: dict[int, Actual | None] = {}
    used: set[int] = set()
    later = t.horizon is not None and review.year is not None and t.horizon > review.year
    # of a goal due later, the figures set for the year itself (五年…，今年…) take the year's figures first
    for ind in sorted(t.indicators, key=lambda i: not (later and set_for_the_year(t, i))):
        m = best_figure(ind, review.measurements_for(ind.metric_id), review.year, used, review.seg.text)
        if m is not None:
            used.add(id(m))
        found[id(ind)] = to_actual(m) if m is not None else _share_of(review, ind)
    answered = [a for a in found.values() if a is not None]
    if answered:
        item = _item(pair, review, t, found, _sentence_of(review, answered[0].span), t.text)
        if all(a.status == "no_evidence" for a in item.indicators):
            item.status = "no_evidence"  # only figures of another basis (五年累计, 申报): nothing for the year
            item.explanation = explain_item(item)
        _trajectory(item, t, review)
        return item
    worded = fall_said([(s, review.text(s)) for s in review.sentences if s not in review.generic], t, review.year)
    if worded is not None:
        return _worded(pair, review, t, *worded)
    admission = _admission(review, t)
    if admission is not None:
        return _admitted(pair, review, t, admission)
    claimed = _claimed(review, t)
    if claimed is not None:  # 能耗降低完成国家下达的目标任务: the report's word, no evidence (DESIGN.md)
        item = _item(pair, review, t, found, claimed[1], t.text)
        item.claimed, item.status = claimed[0], "no_evidence"
        item.flags = sorted({*item.flags, "claim_without_figure"})
        for a in item.indicators:
            a.flags = sorted({*a.flags, "claim_without_figure"})
        item.explanation = explain_item(item)
        return item
    if review.claim is not None and t.tier == "headline":
        item = _item(pair, review, t, found, review.claim[1], t.text)
        item.status, item.flags = "no_evidence", sorted({*item.flags, "claim_without_figure"})
        return item
    return None


def best_figure(ind: Indicator, measurements: list[Measurement], year: int | None,
                used: set[int] | None = None, text: str | None = None) -> Measurement | None:
    """The review's figure for this indicator in the plan's year: same indicator, comparable unit and
    basis, not another building stage or another place (scope.py); one of the stage the target names
    before one that names none, a plain figure before an estimate, any of them before a 累计 or 申报 figure,
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
        key = (mismatch, stage_unstated(ind, m), m.year is None, bool(m.flags),
               (ind.base_unit or "") != (m.base_unit or ""), m.span[0])
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
    return {ind.basis, m.basis} <= {"level", "count"} or {ind.basis, m.basis} <= {"increment", "count"}


def _trajectory(item: Item, t: Target, review: Review) -> None:
    """A goal due after the plan's year is on its way, never missed yet; the figures its sentence sets for
    the year itself (五年…，今年力争…) are judged as the year's, and a miss of them is the item's."""
    if t.horizon is None or review.year is None or t.horizon <= review.year:
        return
    notes, this_year = [], []
    for a in item.indicators:
        if set_for_the_year(t, a.indicator):
            this_year.append(a.status)
            continue
        schedule, note = trajectory(a, review.year, t.horizon)
        if a.status != "no_evidence":
            a.status = "in_progress"
            item.schedule = schedule if item.schedule in (None, "on_schedule") else item.schedule
        if note:
            notes.append(note)
    year_status = judge.combine(this_year) if this_year else "no_evidence"
    if year_status in ("not_met", "partially_met"):
        item.status = year_status
    elif item.status not in ("no_evidence", "unassessed") or year_status != "no_evidence":
        item.status = "in_progress"
    if notes:
        item.explanation = f"{t.horizon}年到期的目标：" + "；".join(notes) + "。"


def _admission(review: Review, t: Target) -> Span | None:
    """A review sentence admitting that this target's indicator was not reached: 没有完成…目标, or a clause
    saying that the indicator ran over a ceiling (投资规模过大, 物价上涨过快) or fell short of an output."""
    for span, clause in review.adverse_clauses():
        for ind in t.indicators:
            if not names(ind, clause):
                continue
            way = judge.direction_of(ind)
            adverse = _EXCESS if way in ("ceiling", "band") else _SHORTFALL if way in ("output", "floor") else None
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


def _claimed(review: Review, t: Target) -> tuple[str, Span] | None:
    """A review clause that names this target's indicator and claims it reached its target without a figure
    (单位地区生产总值能耗降低和主要污染物减排完成国家下达的目标任务): the claim and its sentence."""
    for span, said, before in review.claim_clauses():
        if any(names(ind, before) for ind in t.indicators):
            return said, span
    return None


def _admitted(pair: Pair, review: Review, t: Target, span: Span) -> Item:
    item = _item(pair, review, t, {id(ind): None for ind in t.indicators}, span, t.text)
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
    item = _item(pair, review, t, {id(ind): None for ind in t.indicators}, span, t.text)
    for a in item.indicators:
        a.status = statuses.get(id(a.indicator), a.status)
    item.status = judge.combine([a.status for a in item.indicators])
    item.evidence_spans = sorted({*item.evidence_spans, span})
    item.explanation = f"回顾未给数字，但称其下降：“{review.text(span)[:60]}”。"
    return item


# ---- qualitative targets -----------------------------------------------------------------

def _qualitative(pair: Pair, review: Review, t: Target) -> Item | None:
    """The review sentence that speaks about a qualitative target most; the 问题/不足 passage is no evidence
    of work done (a state the plan aimed at is judged by what the review says of it, good or bad)."""
    grams = bigrams(core(t.text))
    if len(grams) < 2:
        return None
    subject = judge.state_subject(t.text)
    if subject is not None and pair.plan_seg is not None:
        sibling = sibling_state(pair.plan_seg.text, pair.plan_targets, t, subject,
                                lambda s: _quantified(pair, review, s))
        if sibling is not None:
            return _measured_by(pair, review, t, *sibling)
    if subject is not None:
        item = _state(pair, review, t, subject)
        if item is not None:
            return item
    score, span = review.passages().best(t.text, review.excluded())
    if span is None or score < QUALITATIVE_LINK_MIN:
        return None
    return _item(pair, review, t, {}, span, t.text)


def _state(pair: Pair, review: Review, t: Target, subject: str) -> Item | None:
    """A state the plan aims at (国际收支状况改善), judged by what the review says of the same subject."""
    grams = bigrams(core(subject))
    if not grams:
        return None
    ranked = sorted(((share_in(grams, review.text(s)), s) for s in review.sentences if s not in review.generic),
                    key=lambda p: (-p[0], p[1]))
    said = [(judge.state_status(subject, review.text(span), judge.measured_state(t.text)), span)
            for score, span in ranked[:5] if score >= QUALITATIVE_LINK_MIN]
    said = [(status, span) for status, span in said if status is not None]
    if not said:
        return _state_by_figure(pair, review, t, subject)
    # an admission that the state went wrong outweighs a sentence that it moved at all
    status, span = next((x for x in said if x[0] == "not_met"), said[0])
    item = _item(pair, review, t, {}, span, t.text)
    item.status = status
    item.evidence_spans = [span]
    item.explanation = ("回顾称" if status == "done" else "回顾显示未达到：") + f"“{review.text(span)[:60]}”。"
    return item


def _measured_by(pair: Pair, review: Review, t: Target, status: str, by: Item, sibling: Target) -> Item:
    """A measured state judged as the figure the same plan sentence sets for it (worded.sibling_state)."""
    span = by.completion_span
    item = _item(pair, review, t, {}, span, t.text)
    item.status = status
    item.evidence_spans = sorted({span, *by.evidence_spans})
    item.explanation = f"计划在同一句以“{sibling.text[:30]}”衡量此目标，其判定为{_LABELS.get(by.status, by.status)}。"
    return item


_GROWTH_STATE = re.compile(r"(?:稳定|平稳|持续|较快|快速|合理|适度|稳步)?增长$")
_HELD_DOWN = re.compile(r"适度|合理|控制")  # growth held to a measure: too much is a miss, and not written


def _state_by_figure(pair: Pair, review: Review, t: Target, subject: str) -> Item | None:
    """A growth the plan aims at without a figure (城乡居民收入稳定增长) is answered by the review's growth
    figures for the same indicator, or its declared parts (城镇, 农村), in the plan's year: all growing is
    done, all falling not met, some of each partially met. A measured state (适度, 合理) is not judged on a
    figure: how much is too much is not written."""
    vocab = vocabulary()
    metric = vocab.canonical(subject)
    first = _CLAUSES.split(t.text.strip())[0]
    if metric is None or not _GROWTH_STATE.search(first) or _HELD_DOWN.search(first):
        return None
    ids = {metric.id, *vocab.parts(metric.id)}
    excluded = review.excluded()
    found: dict[str, Measurement] = {}
    for m in review.measurements:
        if m.metric_id not in ids or m.metric_id in found or m.basis != "growth_rate" \
                or m.year not in (None, review.year):
            continue
        sentence = _sentence_of(review, m.span)
        if sentence not in excluded and not _SEVERAL_YEARS.search(review.text(sentence)):
            found[m.metric_id] = m
    if not found:
        return None
    falls = [m for m in found.values() if m.negative or m.value < 0]
    first_m = min(found.values(), key=lambda m: m.span)
    sentence = _sentence_of(review, first_m.span)
    item = _item(pair, review, t, {}, sentence, t.text)
    item.status = "done" if not falls else "not_met" if len(falls) == len(found) else "partially_met"
    item.evidence_spans = sorted(m.span for m in found.values())
    said = "；".join(review.text(m.span) for m in sorted(found.values(), key=lambda m: m.span))
    item.explanation = ("回顾称" if item.status == "done" else "回顾显示未全部增长：") + f"“{said[:60]}”。"
    return item


# ---- shared ------------------------------------------------------------------------------

def _item(pair: Pair, review: Review, t: Target, found: dict[int, Actual | None], span: Span, text: str) -> Item:
    item = build_item(pair, None, [t], [t.span], "plan", text, [], [Link(t.id, t.span, "retrieval", 1.0)],
                      dict(found), span)
    if item.claimed is None and review.claim is not None and t.tier == "headline":
        item.claimed = review.claim[0]
    return item


def _sentence_of(review: Review, span: Span) -> Span:
    for s in review.sentences:
        if s[0] <= span[0] < s[1]:
            return s
    return span


__all__ = ["Review", "best_figure", "comparable", "narrative_items", "review_of", "same_indicator"]
