"""Extract targets (commitments for the planned period) and measurements (reported results).

Targets come from the plan and multi-year parts of a document, measurements from review
parts and from completion/progress reports. See docs/annotation.md for what one target is.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..lang import lexicon as lx
from ..lang.firstchars import first_chars
from ..lang.quantities import scan
from ..records import Document, Extraction, Indicator, Measurement, Quantity, Sentence, Span, Target
from ..segment import Segmented, segment, sentence_horizon
from . import metric
from .canon import canonical_indicator
from .clauses import ARGUMENT, EXPLAINS, PAST_YEAR, opens_commitment, target_groups
from .measurements import measurement_flags, measurements_of
from .readings import INVESTMENT_ONLY, read_all
from .tiers import headline_spans, mark_tiers, merge_restated

__all__ = ["extract", "measurement_flags", "measurements_in", "quantified_sentences", "quantities_of", "targets_in"]

_PERIOD_ONLY = re.compile(r"[\s\u3000]*" + lx.PERIOD_ONLY + r"[，,：:\s\u3000]*")
_PERIOD_FIRST = first_chars(re.compile(lx.PERIOD_ONLY))  # (None: any character may open one)


def _period_only(sh: str, span: Span) -> bool:
    """Is the clause at ``span`` a period alone (“十四五”时期，)? (Its first character, a space or one a period can
    open with, is looked up before the pattern is tried: most clauses are ruled out by it.)"""
    a, b = span
    if a >= b or not (_PERIOD_FIRST is None or sh[a].isspace() or sh[a] in _PERIOD_FIRST):
        return False
    return _PERIOD_ONLY.fullmatch(sh, a, b) is not None


def quantities_of(seg: Segmented) -> list[Quantity]:
    """All figures of the document, scanned once."""
    if seg.quantities is None:
        seg.quantities = list(scan(seg.shadow))
    return seg.quantities


def _quantity_starts(seg: Segmented) -> list[int]:
    if seg.quantity_starts is None:
        seg.quantity_starts = [q.span[0] for q in quantities_of(seg)]
    return seg.quantity_starts


def _sentence_quantities(seg: Segmented, sent: Sentence, starts: list[int]) -> list[Quantity]:
    qs = quantities_of(seg)
    s, e = sent.span
    return [q for q in qs[bisect_left(starts, s):bisect_left(starts, e)] if q.span[1] <= e]


def quantified_sentences(seg: Segmented) -> list[Span]:
    """The spans of the sentences (headings left out) that hold a figure (``_sentence_quantities`` is not empty):
    reading any other sentence for measurements finds none."""
    starts, figures = _quantity_starts(seg), quantities_of(seg)
    out = []
    for sent in seg.sentences:
        s, e = sent.span
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)
        if lo < hi and not sent.is_heading and any(q.span[1] <= e for q in figures[lo:hi]):
            out.append(sent.span)
    return out


def extract(doc: Document, seg: Segmented | None = None) -> Extraction:
    seg = seg or segment(doc)
    starts = _quantity_starts(seg)
    figures = quantities_of(seg)
    seg.headline = headline_spans(seg)
    sh = seg.shadow
    targets: list[Target] = []
    measurements: list[Measurement] = []
    explained_until = -1  # the end of a paragraph that explains the figures set before it
    for sent in seg.sentences:
        if sent.is_heading:
            continue
        s, e = sent.span
        lo, hi = bisect_left(starts, s), bisect_left(starts, e)  # (as _sentence_quantities)
        qs = [q for q in figures[lo:hi] if q.span[1] <= e] if lo < hi else []
        part = seg.sentence_part(sent)
        if s >= explained_until and EXPLAINS.search(sh, s, e) and not in_spans(s, seg.headline):
            explained_until = _line_end(seg.text, s)
            continue
        if s < explained_until:
            if not ARGUMENT.match(sh, s, e) and opens_commitment(seg, s, e):
                explained_until = -1  # the explanation is over: 结合税制改革完善结构性减税政策。…
            else:
                continue
        if part in ("plan", "multi_year") and not sent.past and not PAST_YEAR.match(sh, s, e):
            hedge_from = s  # a hedge governs the figures after it in the sentence, unless it trails a target
            first = len(targets)
            for span, clause_qs in target_groups(seg, sent, qs):
                if not clause_qs and _period_only(sh, span):
                    continue  # “十四五”时期，…: the period of the targets after it, no target itself
                targets.append(_make_target(seg, sent, span, clause_qs, len(targets), hedge_from))
                if len(targets) > first + 1 and targets[-2].indicators:
                    _investment_of(targets[-2], targets[-1], seg.text)
                if seg.trailing_hedges:  # (most documents have none)
                    hedge_from = _after_trailing_hedge(seg, span, hedge_from)
        elif part == "review" or (part in ("plan", "multi_year") and qs):  # incl. 2010年，… in a plan part
            measurements.extend(measurements_of(seg, sent, qs))
    mark_tiers(seg, targets)
    targets = merge_restated(targets)
    for n, t in enumerate(targets):
        t.id = f"t{n + 1}"
    return Extraction(doc, seg.sections, targets, measurements)


def _investment_of(before: Target, target: Target, text: str) -> None:
    """实施市重点项目200个，完成年度投资800亿元: an investment without its subject is the investment of what the
    target before it in the sentence counts."""
    if not before.indicators:
        return
    base = before.indicators[-1].metric
    for ind in target.indicators:
        if base and not base.endswith("投资") and INVESTMENT_ONLY.fullmatch(ind.metric):
            ind.metric = base + ind.metric
            canonical_indicator(ind, text[target.span[0]:ind.span[0]])


def in_spans(pos: int, spans: list[Span]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def _within(seg: Segmented, spans: list[Span]):
    """Sentences lying inside one of ``spans`` (bisecting the sorted sentence starts)."""
    starts = seg.sentence_starts()
    for a, b in sorted(spans):
        for i in range(bisect_left(starts, a), bisect_left(starts, b)):
            sent = seg.sentences[i]
            if not sent.is_heading and sent.span[1] <= b:
                yield sent


def targets_in(seg: Segmented, spans: list[Span], prefix: str = "r") -> list[Target]:
    """Targets of the text inside ``spans`` read as plan text (a completion table's 目标任务 cells)."""
    starts = _quantity_starts(seg)
    out: list[Target] = []
    for sent in _within(seg, spans):
        hedge_from = sent.span[0]
        for span, qs in target_groups(seg, sent, _sentence_quantities(seg, sent, starts)):
            target = _make_target(seg, sent, span, qs, len(out), hedge_from)
            hedge_from = _after_trailing_hedge(seg, span, hedge_from)
            target.id = f"{prefix}{len(out) + 1}"
            out.append(target)
    return out


def measurements_in(seg: Segmented, spans: list[Span]) -> list[Measurement]:
    """Measurements of the text inside ``spans`` read as results (a 完成情况 cell, a review passage)."""
    starts = _quantity_starts(seg)
    out: list[Measurement] = []
    for sent in _within(seg, spans):
        out.extend(measurements_of(seg, sent, _sentence_quantities(seg, sent, starts)))
    return out


def _after_trailing_hedge(seg: Segmented, span: Span, hedge_from: int) -> int:
    """…增长5.5%左右，在实际工作中努力争取更好结果: a hedge after a target's last figure qualifies that
    target only; later targets of the sentence look for their hedges after it."""
    for a, b in seg.trailing_hedges:
        if span[0] <= a and b <= span[1]:
            return span[1]
    return hedge_from


def _make_target(seg: Segmented, sent: Sentence, span: Span, qs: list[Quantity], n: int, hedge_from: int) -> Target:
    text, sh = seg.text, seg.shadow
    indicators = [
        Indicator(
            metric=reading.metric,
            op=q.op,
            value=value,
            value_high=high,
            unit=q.unit,
            norm_value=None if q.norm_value is None else q.norm_value * (-1 if reading.negative else 1),
            base_unit=q.base_unit,
            basis=reading.basis,
            span=q.span,
            hedge=metric.hedge_before(sh, hedge_from, q.span[0]),
            metric_span=reading.metric_span,
            negative=reading.negative,
            stage=reading.stage,
        )
        for q, reading, value, high in read_all(seg, span, qs)
    ] if qs else []
    # five-year words count up to the target's first figure, from its sentence's start (今后五年，…，农村居民
    # 人均纯收入平均每年实际增长4%: the second target of the sentence too)
    lead = sh[min(sent.span[0], span[0]):indicators[0].span[0] if indicators else span[1]]
    horizon = sentence_horizon(sh[span[0]:span[1]], seg.horizon(sent.section), seg.doc.year, lead)
    for ind in indicators:
        canonical_indicator(ind, text[span[0]:ind.span[0]])
    hedge = None
    for ind in indicators:
        if ind.hedge:
            hedge = ind.hedge
            break
    return Target(
        id=f"t{n + 1}",
        text=text[span[0]:span[1]],
        span=span,
        section=seg.path(sent.section),
        section_id=sent.section,
        indicators=indicators,
        horizon=horizon,
        hedge=hedge if hedge is not None else metric.hedge_before(sh, span[0], span[1]),
    )
