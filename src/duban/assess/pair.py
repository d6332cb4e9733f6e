"""Assess a plan/completion pair: one item per completion row (or per plan target a narrative report
answers), each with a status, the report's own claim, flags and an explanation that quotes both figures.

Three shapes of completion document are handled:
  rows that restate their target (编号 | 目标任务 | 完成情况): the target is located in the plan;
  rows that do not (编号 | 完成情况): each row is linked to plan targets by retrieval + figures + order;
  narrative reports (next year's 工作回顾): every quantified plan target looks for its figure.
A structured table (考核指标 | 单位 | 工作目标 | 已完成数 …) carries its own targets: no plan needed.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field

from ..errors import NothingFoundError
from ..extract import extract, measurements_in, targets_in
from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.textsim import bigrams, share_in
from ..link import completion as completion_mod
from ..link.locate import PlanIndex, locate
from ..link.retrieval import Linker, align
from ..records import Document, Measurement, Span, Target
from ..segment import Segmented, segment
from ..verdicts import Assessment, IndicatorAssessment, Item, Link, Statement
from . import judge
from .evidence import assign
from .explain import explain_item
from .relative import named_instance, sync_indicator
from .schedule import elapsed_share, indicator_schedule, item_schedule
from .structured import structured_targets

ENGINE = "duban-rules/0.1"
QUALITATIVE_LINK_MIN = 0.55  # bigram containment for a narrative passage to answer a qualitative target


@dataclass
class Pair:
    plan: Document | None
    plan_seg: Segmented | None
    plan_targets: list[Target]
    completion: Document
    comp_seg: Segmented
    parsed: completion_mod.Parsed
    warnings: list[str]
    context: list[Measurement]  # every reported figure of the completion document (for relative targets)
    evidence: dict[int, list[Measurement]]  # the figures of each statement's result cell or passage
    row_targets: list[Target] = field(default_factory=list)  # targets read from completion rows
    _starts: list[int] = field(default_factory=list)

    def targets_overlapping(self, spans: list[Span]) -> list[Target]:
        """Plan targets that overlap any of ``spans`` (targets are in text order and do not overlap)."""
        if not self._starts:
            self._starts = [t.span[0] for t in self.plan_targets]
        found: dict[str, Target] = {}
        for a, b in spans:
            i = max(0, bisect_right(self._starts, a) - 1)
            while i < len(self.plan_targets) and self.plan_targets[i].span[0] < b:
                t = self.plan_targets[i]
                if t.span[1] > a:
                    found.setdefault(t.id, t)
                i += 1
        return sorted(found.values(), key=lambda t: t.span)


def prepare(plan: Document | None, completion: Document) -> Pair:
    comp_seg = segment(completion)
    parsed = completion_mod.parse(comp_seg)
    if not parsed.statements:
        raise NothingFoundError(
            "no numbered rows or result statements found (expected a table such as 编号 | 目标任务 | 完成情况, "
            "or a report reviewing the year)", completion.path)
    warnings = list(parsed.warnings)
    plan_seg, plan_targets = None, []
    if plan is not None:
        plan_seg = segment(plan)
        plan_targets = extract(plan, plan_seg).targets
        if not plan_targets:
            if not (parsed.restates_targets or "goal" in parsed.columns):
                raise NothingFoundError("the plan holds no targets (is it the plan that set them?)", plan.path)
            warnings.append(f"{plan.path}: the plan holds no targets; rows are judged on their own target text")
    elif not (parsed.restates_targets or "goal" in parsed.columns):
        raise NothingFoundError(
            "the rows do not restate their targets; give the plan that set them with --plan", completion.path)
    evidence = {st.index: measurements_in(comp_seg, [st.result_span]) for st in parsed.statements}
    context = [m for st in parsed.statements for m in evidence[st.index]]
    return Pair(plan, plan_seg, plan_targets, completion, comp_seg, parsed, warnings, context, evidence)


def assess(plan: Document | None, completion: Document) -> Assessment:
    pair = prepare(plan, completion)
    items = _rows(pair) if pair.parsed.tabular else _narrative(pair)
    answered: set[str] = {ln.target_id for item in items for ln in item.links}
    covered = [s for item in items if item.target_in == "plan" for s in item.plan_spans]
    unanswered = [
        t for t in pair.plan_targets
        if t.indicators and t.id not in answered and not any(a < t.span[1] and t.span[0] < b for a, b in covered)
    ]
    return Assessment(pair.plan, completion, items, unanswered, ENGINE, pair.plan_targets, pair.warnings,
                      pair.row_targets)


# ---- tables ------------------------------------------------------------------------------

def _rows(pair: Pair) -> list[Item]:
    seg = pair.comp_seg
    statements = pair.parsed.statements
    index = PlanIndex.build(pair.plan_seg) if pair.plan_seg and pair.plan_targets else None
    linker = Linker.build(pair.plan_seg, pair.plan_targets) if index else None
    evidence = pair.evidence
    # Rows without a restated target are linked; the alignment uses all of them at once.
    unrestated = [st for st in statements if st.target_span is None and "goal" not in st.cells]
    chosen: dict[int, list[Link]] = {}
    if linker and unrestated:
        ranked = [linker.rank(seg.text[slice(*st.result_span)], evidence[st.index]) for st in unrestated]
        picks = align(ranked)
        for st, cands, pick_idx in zip(unrestated, ranked, picks, strict=True):
            order = ([cands[pick_idx]] if pick_idx is not None else []) + [
                c for i, c in enumerate(cands) if i != pick_idx]
            chosen[st.index] = [
                Link(t.id, linker.units[c.unit], "retrieval", c.score)
                for c in order[:3] for t in linker.unit_targets[c.unit][:1]
            ]
    items = []
    for st in statements:
        items.append(_row_item(pair, st, index, linker, evidence[st.index], chosen.get(st.index, [])))
    return items


def _row_item(pair: Pair, st: Statement, index: PlanIndex | None, linker: Linker | None,
              measurements: list[Measurement], links: list[Link]) -> Item:
    seg, text = pair.comp_seg, pair.comp_seg.text
    plan_spans: list[Span] = []
    targets: list[Target] = []
    target_in = "completion"
    target_text = ""
    if st.target_span is not None:
        target_text = text[slice(*st.target_span)]
        if index is not None:
            plan_spans, score = locate(index, text, st.target_span)
            if plan_spans:
                targets = pair.targets_overlapping(plan_spans)
                target_in = "plan"
                links = [Link(t.id, t.span, "restated", score / 100) for t in targets]
        if not targets:
            targets = targets_in(seg, [st.target_span], prefix=f"r{st.row or st.index + 1}.")
            pair.row_targets.extend(targets)
    elif "goal" in st.cells:
        targets, actuals = structured_targets(seg, st)
        target_text = targets[0].text if targets else ""
        pair.row_targets.extend(targets)
        return _judge(pair, st, targets, [], "completion", target_text, measurements, [], actuals)
    elif links and linker is not None:
        best_unit = links[0].plan_span
        targets = pair.targets_overlapping([best_unit])
        plan_spans = [ln.plan_span for ln in links]
        target_in = "plan"
        target_text = pair.plan_seg.text[slice(*best_unit)] if pair.plan_seg else ""
    return _judge(pair, st, targets, plan_spans, target_in, target_text, measurements, links, None)


def _judge(pair: Pair, st: Statement | None, targets: list[Target], plan_spans: list[Span], target_in: str,
           target_text: str, measurements: list[Measurement], links: list[Link],
           given: dict[int, object] | None, evidence_span: Span | None = None) -> Item:
    seg = pair.comp_seg
    span = st.result_span if st is not None else evidence_span
    assert span is not None
    evidence_text = seg.text[slice(*span)]
    alone = st is not None
    indicators = [ind for t in targets for ind in t.indicators]
    found = given if given else {k: v[0] for k, v in assign(indicators, measurements, alone, seg.text).items()}
    sentences = _evidence_sentences(seg, span)
    for ind in indicators:
        if found.get(id(ind)) is None:
            found[id(ind)] = named_instance(ind, sentences, seg.text)
    assessments = [_indicator(ind, found.get(id(ind)), evidence_text) for ind in indicators]
    for t in targets:
        if not t.indicators:
            relative = sync_indicator(t, pair.context, seg.text)
            if relative is not None:
                assessments.append(_indicator(relative[0], relative[1], evidence_text))
    item = Item(
        row=st.row if st is not None else None,
        target=target_text,
        plan_spans=plan_spans,
        completion_span=span,
        status="no_evidence",
        explanation="",
        indicators=assessments,
        links=links,
        target_spans=[t.span for t in targets] or ([st.target_span] if st and st.target_span else []),
        target_in=target_in,
        target_ids=[t.id for t in targets],
    )
    share = elapsed_share(pair.completion) if pair.completion.kind == "progress_report" else None
    if share is not None:  # mid-year, an amount short of the annual target is under way, not missed
        for a in assessments:
            if a.status in ("not_met", "basically_met") and indicator_schedule(a, share) is not None:
                a.status = "in_progress"
    _verdict(item, targets, seg, span)
    if share is not None:
        item.schedule = item_schedule(assessments, share)
    item.explanation = explain_item(item)
    return item


def _indicator(ind, actual, evidence_text: str) -> IndicatorAssessment:
    flags: list[str] = []
    if actual is not None:
        mismatch = "applied" in actual.flags or (
            "cumulative" in actual.flags and ind.basis in ("increment", "count", "growth_rate"))
        flags += [f for f in ("estimate", "partial_period") if f in actual.flags]
        if mismatch:
            flags.append("basis_mismatch")
            return IndicatorAssessment(ind, actual, None, "no_evidence", flags)
    status, ratio = judge.indicator_status(ind, actual, evidence_text)
    return IndicatorAssessment(ind, actual, ratio, status, flags)


def _verdict(item: Item, targets: list[Target], seg: Segmented, span: Span) -> None:
    """Row status and flags from the indicators and the qualitative parts."""
    text = seg.text
    evidence_text = text[slice(*span)]
    sentences = _evidence_sentences(seg, span)
    claim = judge.claim(evidence_text)
    item.claimed = claim[0] if claim else None
    statuses = [a.status for a in item.indicators]
    flags = {f for a in item.indicators for f in a.flags}
    evidence: list[Span] = [a.actual.span for a in item.indicators if a.actual]
    relevant = {t.id: _relevant(t.text, sentences, text) for t in targets}
    if not any(relevant.values()) and evidence_text.strip():
        relevant = {t.id: sentences for t in targets}  # the row answers its target, if loosely
    parts = [(judge.is_discrete(t.text), judge.qualitative(t.text, [text[slice(*x)] for x in relevant[t.id]]))
             for t in targets if not t.indicators]
    dropped = any(is_d and status == "no_evidence" for is_d, status in parts)
    if statuses and any(s != "no_evidence" for s in statuses):
        item.status = judge.combine(statuses)
        if "no_evidence" in statuses or dropped:
            flags.add("unreported_part")
    else:
        if statuses and claim:
            flags.add("claim_without_figure")
        every = [(judge.is_discrete(t.text), judge.qualitative(t.text, [text[slice(*x)] for x in relevant[t.id]]))
                 for t in targets] if statuses else parts
        if not every:  # no targets could be read: judge the row's text as a whole
            every = [(judge.is_discrete(item.target), judge.qualitative(item.target, [evidence_text]))]
        item.status = judge.combine_parts(every)
        if statuses and item.status == "done":
            item.status = "activity_only"  # a quantified target 'done' without its figure is not done
        if dropped or (statuses and len(targets) > 1 and any(not relevant[t.id] for t in targets)):
            flags.add("unreported_part")
    if item.status not in ("no_evidence", "unassessed"):
        if not evidence:  # a qualitative verdict rests on the sentences that speak about the target
            evidence += sorted({x for spans in relevant.values() for x in spans}) or sentences
        if claim:
            evidence.append((span[0] + claim[1][0], span[0] + claim[1][1]))
    flags |= _reader_flags(item, text, sentences)
    item.flags = sorted(flags)
    item.evidence_spans = sorted(set(evidence))


_APPLIED_ONLY = re.compile(rf"(?:{alt(lx.APPLIED_WORDS)})")
_SUCCEEDED = re.compile(r"获批|批复|通过|入选|获评|认定|命名|授牌|成功|建成|创成|完成")
# A period shorter than the year that a figure covers (not a date such as 6月底).
_PART_OF_YEAR = re.compile(r"1\s*[-—至到~]\s*(?:1[01]|[1-9])月|上半年|前三季度|[一二三]季度")
_DIGIT = re.compile(r"\d")


def _reader_flags(item: Item, text: str, sentences: list[Span]) -> set[str]:
    """What a careful reader flags from the evidence's wording: applications offered where an
    indicator's result should be (申报/推荐 about that indicator, no word of success), and figures
    that cover part of the year."""
    flags: set[str] = set()
    for s, e in sentences:
        sentence = text[s:e]
        if _PART_OF_YEAR.search(sentence) and _DIGIT.search(sentence):
            flags.add("partial_period")
    for a in item.indicators:
        if a.actual is not None:
            continue
        core = _core(a.indicator.metric)
        if len(core) < 2:
            continue
        grams = bigrams(core)
        for s, e in sentences:
            sentence = text[s:e]
            if (share_in(grams, sentence) >= 0.5 and _APPLIED_ONLY.search(sentence)
                    and not _SUCCEEDED.search(sentence)):
                a.flags.append("basis_mismatch")
                flags.add("basis_mismatch")
                break
    return flags


def _evidence_sentences(seg: Segmented, span: Span) -> list[Span]:
    starts = seg.sentence_starts()
    out = [seg.sentences[i].span for i in range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
           if seg.sentences[i].span[1] <= span[1] and not seg.sentences[i].is_heading]
    return out or [span]


def _relevant(target: str, sentences: list[Span], text: str) -> list[Span]:
    """Evidence sentences that speak about ``target``: at least 30 % of its character bigrams occur in
    them."""
    grams = bigrams(_core(target))
    return [(s, e) for s, e in sentences if share_in(grams, text[s:e]) >= 0.3]


def _core(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff")


# ---- narrative reports -------------------------------------------------------------------

def _narrative(pair: Pair) -> list[Item]:
    seg = pair.comp_seg
    statements = pair.parsed.statements
    measurements = [m for m in pair.context if "cumulative" not in m.flags or m.basis != "growth_rate"]
    # A target's bigram occurs in a passage exactly when it is one of the passage's bigrams: an index from
    # bigram to passages counts the shared ones for all passages at once.
    postings: dict[str, list[int]] = {}
    for i, st in enumerate(statements):
        for g in bigrams(seg.text[slice(*st.span)]):
            postings.setdefault(g, []).append(i)
    items: list[Item] = []
    for t in pair.plan_targets:
        if t.indicators:
            found = {k: v[0] for k, v in assign(t.indicators, measurements, False, seg.text).items()}
            if not any(found.values()):
                continue
            evidence = _narrative_span(statements, [a.span for a in found.values() if a])
            item = _judge(pair, None, [t], [t.span], "plan", t.text, measurements,
                          [Link(t.id, t.span, "retrieval", 1.0)], found, evidence)
            items.append(item)
        elif (relative := sync_indicator(t, pair.context, seg.text)) is not None:
            ind, actual = relative
            t_rel = Target(t.id, t.text, t.span, t.section, t.section_id, [ind])
            evidence = _narrative_span(statements, [actual.span])
            items.append(_judge(pair, None, [t_rel], [t.span], "plan", t.text, [],
                                [Link(t.id, t.span, "retrieval", 1.0)], {id(ind): actual}, evidence))
        else:
            grams = bigrams(_core(t.text))
            if not grams or not statements:
                continue
            # shared bigrams per passage, counted through the postings (a report has hundreds of passages)
            shared = Counter(i for g in grams for i in postings.get(g, ()))
            if not shared:
                continue
            score, best = max((n, -i) for i, n in shared.items())  # the first passage among equals
            best = -best
            if score / len(grams) < QUALITATIVE_LINK_MIN:
                continue
            item = _judge(pair, None, [t], [t.span], "plan", t.text, [], [Link(t.id, t.span, "retrieval", 1.0)],
                          None, statements[best].span)
            items.append(item)
    return items


def _narrative_span(statements: list[Statement], spans: list[Span]) -> Span:
    hits = [st.span for st in statements if any(st.span[0] <= a < st.span[1] for a, _ in spans)]
    if not hits:
        return spans[0]
    return min(h[0] for h in hits), max(h[1] for h in hits)
