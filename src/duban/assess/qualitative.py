"""Qualitative targets in narrative reviews (narrative.py asks here when a target has no figure of its own).

* An indicator's movement aimed at without a figure (外贸进出口保稳提质, 居民收入稳步增长) is judged by the
  review's growth figure for that indicator, before anything the review says of it in words.
* A target to complete what was assigned (完成国家下达的节能减排目标任务) is answered by the review's claim
  about the same indicator or its parts, flagged claim_without_figure.
* A state the plan aims at (国际收支基本平衡) is judged by what the review says of it, the 问题/不足 passage
  included; or, when the same plan sentence sets a figure for its indicator, as that figure is judged.
* Otherwise the review sentence that speaks about the target most (generic opening paragraphs and the 问题/不足
  passage excluded) is its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..lang import lexicon as lx
from ..lang import lexicon_states as states
from ..lang import marks
from ..lang.metrics import vocabulary
from ..lang.textsim import bigrams, share_in
from ..records import STATUS_LABELS as _LABELS
from ..records import Measurement, Target
from ..verdicts import Item
from . import judge
from .explain import explain_item
from .inputs import Pair
from .item import core
from .listed import BEHIND, LATE, listed_status, listed_things, named_sentence, names_in
from .listed import CLAUSES as _CLAUSES
from .passages import key_terms
from .reached import state_denied
from .relative import outpace_metric, outpace_said
from .review import SEVERAL_YEARS as _SEVERAL_YEARS
from .review import Review, review_item
from .trajectory import due_later
from .worded import sibling_state

QUALITATIVE_LINK_MIN = 0.5  # share of a qualitative target's key-term weight a review sentence must hold
FIRST_CLAUSE_MIN = 0.8  # …or of its first clause's, when the whole target's is not held


def qualitative_item(pair: Pair, review: Review, t: Target,
                     quantified: Callable[[Target], Item | None]) -> Item | None:
    """The review sentence that speaks about a qualitative target most; the 问题/不足 passage is no evidence
    of work done (a state the plan aimed at is judged by what the review says of it, good or bad)."""
    grams = bigrams(core(t.text))
    if len(grams) < 2:
        return None
    subject = judge.state_subject(t.text)
    if subject is not None and pair.plan_seg is not None:
        sibling = sibling_state(pair.plan_seg.text, pair.plan_targets, t, subject,
                                quantified)
        if sibling is not None:
            return _measured_by(pair, review, t, *sibling)
    item = _state_by_figure(pair, review, t) or _assigned(pair, review, t) or _outpaced(pair, review, t)
    if item is not None:  # (the indicator's own report first)
        return item
    if _ASSIGNED.search(t.text):
        return None  # 完成省下达任务 without the report's word on it: nothing to judge by (no retrieval)
    # (several things listed are judged one by one first: one admitted late, another delivered, is partly met)
    item = (_listed(pair, review, t) or admitted_late(pair, review, t)) if listed_things(t.text) else None
    item = item or admitted_late(pair, review, t) or _state_admitted(pair, review, t) or _listed(pair, review, t) \
        or _named(pair, review, t)
    if item is not None:
        return item
    if subject is not None:
        item = _state(pair, review, t, subject)
        if item is not None:
            return item
    score, span = review.passages().best(t.text, review.excluded())
    if span is None or score < QUALITATIVE_LINK_MIN:
        # a long target's first clause names its topic: found whole in one sentence, it is the evidence (各级政府要把
        # 社会治安综合治理作为一项重要的经常性工作，严格执行领导责任制，… ← 社会治安综合治理工作有所加强)
        first = marks.CLAUSE.split(t.text)[0]
        if first == t.text or len(key_terms(first)) < 2:
            return None
        score, span = review.passages().best(first, review.excluded())
        if span is None or score < FIRST_CLAUSE_MIN:
            return None
    return review_item(pair, review, t, {}, span, t.text)


_ASSIGNED = re.compile(lx.ASSIGNED_TARGET)
_ADMITTED = re.compile(lx.alt(lx.ADMISSION_WORDS))
_OVER_A_TERM = re.compile(rf"十[一二三四五六七八九]五|{lx.alt(lx.MULTI_YEAR_WORDS)}")


def _assigned(pair: Pair, review: Review, t: Target) -> Item | None:
    """A target to complete what was assigned (完成国家下达的节能减排目标任务) is answered by what the review says of
    the same indicator or one of its parts: an admission (能耗降低未完成国家下达的年度目标) is not met; a claim
    (单位地区生产总值能耗下降完成国家下达任务) is done on the report's word. Both flagged claim_without_figure."""
    if not _ASSIGNED.search(t.text):
        return None
    vocab = vocabulary()
    metric = vocab.canonical(t.text)
    if metric is None:
        return None
    # the indicator, its parts, and the group it is part of (节能降碳完成国家下达任务 answers 能耗降低…)
    ids = {metric.id, *vocab.parts(metric.id), *([metric.part_of] if metric.part_of else [])}
    for span, clause in review.adverse_clauses():  # 单位地区生产总值能耗降低未完成国家下达的年度目标
        named = vocab.canonical(clause)
        if named is not None and named.id in ids and _ADMITTED.search(clause):
            item = review_item(pair, review, t, {}, span, t.text)
            item.status, item.evidence_spans = "not_met", [span]
            item.flags = sorted({*item.flags, "claim_without_figure"})
            item.explanation = f"回顾承认未完成：“{clause[:60]}”。"
            return item
    for span, said, before in review.claim_clauses():
        # (完成省下达的能耗双控任务: the indicator named inside the claim)
        named = vocab.canonical(before) or vocab.canonical(said)
        if _OVER_A_TERM.search(marks.COMMA.split(before)[-1]):
            continue  # “十三五”节能减排目标任务全面完成, 五年来…: the term's targets, not the year's
        if named is not None and named.id in ids:
            item = review_item(pair, review, t, {}, span, t.text)
            item.status, item.claimed = "done", said
            item.flags = sorted({*item.flags, "claim_without_figure"})
            item.evidence_spans = [span]
            own = marks.COMMA.split(before)[-1]  # the clause that makes the claim
            figure = "" if re.search(r"\d", own) else "，未给数字"
            item.explanation = f"回顾称“{own[-24:]}{said}”{figure}（仅据报告自述）。"
            return item
    return None


def _outpaced(pair: Pair, review: Review, t: Target) -> Item | None:
    """A growth to outpace a wider area (地区生产总值增速高于全市平均水平), judged by the review's comparison
    (…增长6.5%，高于全市1.3个百分点): relative.outpace_said."""
    metric_id = outpace_metric(t.text)
    if metric_id is None:
        return None  # (most targets: no review sentence is read)
    excluded = review.excluded()
    found = outpace_said(metric_id, [(s, review.text(s)) for s in review.sentences if s not in excluded])
    if found is None:
        return None
    status, span, clause = found
    item = review_item(pair, review, t, {}, span, t.text)
    item.status, item.evidence_spans = status, [span]
    item.explanation = ("回顾称" if status == "met" else "回顾显示未达到：") + f"“{clause[:60]}”。"
    return item


def _listed(pair: Pair, review: Review, t: Target) -> Item | None:
    """A deliverable naming several things, judged thing by thing (listed.py)."""
    found = listed_status(t.text, review, due_later=due_later(t.horizon, review.year))
    if found is None:
        return None
    status, spans = found
    item = review_item(pair, review, t, {}, spans[0], t.text)
    item.status, item.evidence_spans = status, spans
    if status == "partially_met":
        item.flags = sorted({*item.flags, "unreported_part"})
    item.explanation = explain_item(item)
    return item


def _named(pair: Pair, review: Review, t: Target) -> Item | None:
    """A deliverable whose name a review sentence holds (listed.named_sentence), judged by the clause naming it."""
    if not judge.is_discrete(t.text):
        return None
    found = named_sentence(t.text, review)
    if found is None:
        return None
    span, clause = found
    item = review_item(pair, review, t, {}, span, t.text)
    # the clause naming it and those of its sentence about it (…主线完工，预计2020年6月全线通车)
    item.status = judge.qualitative(t.text, [clause, judge.clauses_about(t.text, review.text(span), "")])
    item.evidence_spans = [span]
    item.explanation = explain_item(item)
    return item


LATE_NAMED_MIN = 0.6  # share of a deliverable's key-term characters a 问题 clause must name
_STAGE_WORD = re.compile(rf"(?:全面|顺利|基本)?(?:{lx.alt(lx.DONE_WORDS)}|{lx.alt(lx.PROGRESS_WORDS)})+")


def admitted_late(pair: Pair, review: Review, t: Target) -> Item | None:
    """A deliverable (开工建设江宁区体育中心) that the 问题/不足 passage names as not delivered (江宁区体育中心、
    图书馆新馆等项目未按期开工) is not met; named as behind (进度滞后, 推进缓慢), it was not delivered in the year
    either (not met), unless it is due later (under way). The clause must name most of the target's key terms —
    the admission is about this project, not about 部分重点项目 in general."""
    if review.problems_from is None or not judge.is_discrete(t.text):
        return None
    # (the stage the deliverable is to reach, 建成投产 / 全面完成, is no part of its name)
    terms = [w for w in key_terms(t.text) if len(w) >= 2 and not _STAGE_WORD.fullmatch(w)]
    weight = sum(len(w) for w in terms)
    if not weight:
        return None
    for span, clause, said in review.problem_clauses():  # (…进展滞后，未能如期建成: read on)
        late, behind = LATE.search(said), BEHIND.search(said)
        if not (late or behind):
            continue
        # (its key terms, or its name in one piece: 市第二医院新院区 for 晋江市第二医院新院区)
        if sum(len(w) for w in terms if w in clause) / weight < LATE_NAMED_MIN and not names_in(t.text, clause):
            continue
        item = review_item(pair, review, t, {}, span, t.text)
        # behind at the year's end is not delivered in the year; behind on a goal due later is under way
        item.status = "in_progress" if behind and not late and due_later(t.horizon, review.year) else "not_met"
        item.evidence_spans = [span]
        item.explanation = ("回顾承认未按期完成：" if late else "回顾承认进度滞后：") + f"“{said[:60]}”。"
        return item
    return None


def _state_admitted(pair: Pair, review: Review, t: Target) -> Item | None:
    """A state the target was to hold (确保国考断面水质稳定达标) that the 问题/不足 passage says was not held
    (个别国考断面水质未能稳定达标) is not met."""
    if review.problems_from is None:
        return None
    for span, _clause, said in review.problem_clauses():
        if state_denied(t.text, said):
            item = review_item(pair, review, t, {}, span, t.text)
            item.status, item.evidence_spans = "not_met", [span]
            item.explanation = f"回顾承认未达到：“{said[:60]}”。"
            return item
    return None


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
        return None
    # an admission that the state went wrong outweighs a sentence that it moved at all
    status, span = next((x for x in said if x[0] == "not_met"), said[0])
    item = review_item(pair, review, t, {}, span, t.text)
    item.status = status
    item.evidence_spans = [span]
    item.explanation = ("回顾称" if status == "done" else "回顾显示未达到：") + f"“{review.text(span)[:60]}”。"
    return item


def _measured_by(pair: Pair, review: Review, t: Target, status: str, by: Item, sibling: Target) -> Item:
    """A measured state judged as the figure the same plan sentence sets for it (worded.sibling_state)."""
    span = by.completion_span
    item = review_item(pair, review, t, {}, span, t.text)
    item.status = status
    item.evidence_spans = sorted({span, *by.evidence_spans})
    item.explanation = f"计划在同一句以“{sibling.text[:30]}”衡量此目标，其判定为{_LABELS.get(by.status, by.status)}。"
    return item


HOLD_FALL = 1.0  # a fall (in points) a 保稳/保持稳定 aim still counts as basically held


def _state_by_figure(pair: Pair, review: Review, t: Target) -> Item | None:
    """An indicator's movement aimed at without a figure (城乡居民收入稳定增长, 外贸进出口保稳提质: judge.aims) is
    judged by the review's growth figures for the same indicator, or its declared parts (城镇, 农村), in the
    plan's year: a rise answers a ``grow`` aim and a fall misses it; a ``hold`` aim is met by not falling,
    basically met by a fall within HOLD_FALL points; a ``fall`` aim (主要污染物排放总量持续减少) of an indicator where
    less is better is met by a fall of it or its parts and missed by a rise. Several figures or aims: all reached
    is done, none reached not met, some of each partially met. Grow and hold aims are read only for indicators
    where more is better (物价保持稳定 is a ceiling's business)."""
    vocab = vocabulary()
    excluded = review.excluded()
    judged: list[tuple[str, Measurement]] = []
    aims_seen: list[str] = []
    unmeasured: set[str] = set()  # indicators aimed to grow or hold that the review gives no growth figure for
    # (外贸外资稳中提质: two indicators named by one compound, each aimed at)
    aimed = [(part, aim) for subject, aim in judge.aims(t.text)
             for part in states.COMPOUND_SUBJECTS.get(subject, (subject,))]
    for subject, aim in aimed:
        metric = vocab.canonical(subject)
        wanted = ("reduction", "ceiling") if aim == "fall" else ("output", "floor")
        if metric is None or metric.direction not in wanted:
            continue
        ids = {metric.id, *vocab.parts(metric.id)}
        found: dict[str, Measurement] = {}
        for m in review.measurements:
            if m.metric_id not in ids or m.metric_id in found or m.basis != "growth_rate" \
                    or m.year not in (None, review.year):
                continue
            sentence = review.sentence_of(m.span)
            if sentence not in excluded and not _SEVERAL_YEARS.search(review.text(sentence)):
                found[m.metric_id] = m
        judged += [(_aim_status(aim, m), m) for m in found.values()]
        aims_seen += [aim] * len(found)
        if not found and aim != "fall":
            unmeasured |= ids
    if not judged:
        if not unmeasured:
            return None
        grow = any(aim == "grow" for _s, aim in aimed)
        return _held_in_words(pair, review, t, unmeasured, grow) or _fall_admitted(pair, review, t, unmeasured)
    statuses = [status for status, _m in judged]
    figures = sorted((m for _s, m in judged), key=lambda m: m.span)
    item = review_item(pair, review, t, {}, review.sentence_of(figures[0].span), t.text)
    if all(s == "done" for s in statuses):
        item.status = "done"
    elif all(s == "not_met" for s in statuses):
        item.status = "not_met"
    else:
        item.status = "basically_met" if "not_met" not in statuses else "partially_met"
    item.evidence_spans = sorted(m.span for m in figures)
    # each figure by its indicator's name (the figure's own text may hold no name: …，增长2.6%)
    said = "；".join(f"{vocab.get(m.metric_id).label}{'下降' if m.value < 0 or m.negative else '增长'}{abs(m.value):g}%"
                    for m in figures)
    falls = all(a == "fall" for a in aims_seen)
    lead = {"done": "回顾显示：", "basically_met": "略有下降，基本保持：",
            "not_met": "未达到（上升）：" if falls else "未达到（下降）："}
    item.explanation = lead.get(item.status, "部分达到：") + f"{said}。"
    return item


_FELL = re.compile(r"下降|减少|下滑|回落|负增长|萎缩")
_FLAT = re.compile(r"(?:与上年|同比)?(?:基本)?持平|保持稳定|总体稳定|基本稳定")


def _held_in_words(pair: Pair, review: Review, t: Target, ids: set[str], grow: bool) -> Item | None:
    """An indicator aimed to hold (外贸进出口保持稳定) that the review says held, in words, without a rate
    (进出口总额1189亿元，与上年基本持平): done; aimed to grow (稳中有升), flat is not met. The words may stand in the
    clause after the one naming the indicator."""
    vocab = vocabulary()
    excluded = review.excluded()
    for span in review.sentences:
        if span in excluded:
            continue
        previous = None  # the indicator the clause before named (its words may follow in the next clause only)
        for clause in _CLAUSES.split(review.text(span)):
            named = vocab.canonical(clause)
            current = named.id if named is not None else previous
            previous = named.id if named is not None else None
            if current in ids and _FLAT.search(clause):
                item = review_item(pair, review, t, {}, span, t.text)
                item.status, item.evidence_spans = ("not_met" if grow else "done"), [span]
                item.explanation = ("回顾称持平，未达到增长：" if grow else "回顾称保持稳定：") + f"“{clause[:60]}”。"
                return item
    return None


def _fall_admitted(pair: Pair, review: Review, t: Target, ids: set[str]) -> Item | None:
    """An indicator aimed to grow or hold (实际使用外资稳量提质) that the review gives no rate for, but whose fall its
    问题/不足 passage admits (…，实际使用外资下降；): not met."""
    vocab = vocabulary()
    for span in review.sentences:
        if not review.in_problems(span):
            continue
        for clause in _CLAUSES.split(review.text(span)):
            named = vocab.canonical(clause)
            if named is not None and named.id in ids and _FELL.search(clause):
                item = review_item(pair, review, t, {}, span, t.text)
                item.status, item.evidence_spans = "not_met", [span]
                item.explanation = f"回顾未给增速，但在问题部分承认：“{clause[:60]}”。"
                return item
    return None


def _aim_status(aim: str, m: Measurement) -> str:
    value = -abs(m.value) if m.negative else m.value
    if aim == "fall":
        return "done" if value < 0 else "not_met"
    if value > 0 or (aim == "hold" and value == 0):
        return "done"
    return "basically_met" if aim == "hold" and value > -HOLD_FALL else "not_met"


__all__ = ["QUALITATIVE_LINK_MIN", "admitted_late", "qualitative_item"]
