"""Link a completion statement that does not restate its target to the plan target(s) it answers.

Candidates are the plan's sentences that hold targets. Three signals are combined:
  1. lexical retrieval: BM25 (bm25s) over character bigrams with digits removed (LIBRARIES.md: ~79 %
     top-1 alone on the sample pair);
  2. figures: a reported figure in the statement whose unit and metric agree with a target's indicator;
  3. order: completion tables follow the plan's order, so for a sequence of rows an alignment
     (Viterbi over each row's top candidates) rewards going forward in the plan and penalises jumps back.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

import numpy as np

from ..assess.evidence import metric_similarity, unit_compatible
from ..records import Measurement, Span, Target
from ..segment import Segmented

_KEEP = re.compile(r"[\u4e00-\u9fffA-Za-z]")
TOP_K = 8
FIGURE_MIN = 0.34  # a figure answering an indicator this well counts (figure_match)
NEAR_STEPS = 6  # a row usually answers a target a few sentences after the previous row's
NEAR_BONUS = 0.35
FORWARD_BONUS = 0.1  # a longer jump forward
BACKWARD_PENALTY = 0.2  # a jump back (tables follow the plan in runs, e.g. by department)


def transition(prev_unit: int, unit: int) -> float:
    step = unit - prev_unit
    if 0 <= step <= NEAR_STEPS:
        return NEAR_BONUS
    return FORWARD_BONUS if step > 0 else -BACKWARD_PENALTY


def tokens(text: str) -> list[str]:
    """Character bigrams of the CJK/Latin characters (digits and punctuation dropped)."""
    chars = "".join(ch for ch in text if _KEEP.match(ch))
    return [chars[i:i + 2] for i in range(len(chars) - 1)] or list(chars)


@dataclass
class Candidate:
    unit: int  # index into Linker.units
    score: float
    lexical: float
    figures: float


@dataclass
class Linker:
    seg: Segmented
    units: list[Span]  # plan sentences that hold targets, in plan order
    unit_targets: list[list[Target]]
    retriever: object  # bm25s.BM25
    by_metric: dict[str, list[int]] = field(default_factory=dict)  # metric id → units with an indicator of it

    @classmethod
    def build(cls, seg: Segmented, targets: list[Target]) -> Linker:
        by_unit: dict[Span, list[Target]] = {}
        for t in targets:
            sent = _sentence_of(seg, t.span)
            by_unit.setdefault(sent, []).append(t)
        units = sorted(by_unit)
        import bm25s  # imported here: only rows without their target need it

        retriever = bm25s.BM25()
        corpus = [tokens(seg.text[s:e]) for s, e in units] or [["∅"]]
        retriever.index(corpus, show_progress=False)
        unit_targets = [by_unit[u] for u in units]
        by_metric: dict[str, list[int]] = {}
        for i, ts in enumerate(unit_targets):
            for mid in sorted({ind.metric_id for t in ts for ind in t.indicators if ind.metric_id}):
                by_metric.setdefault(mid, []).append(i)
        return cls(seg, units, unit_targets, retriever, by_metric)

    def rank(self, text: str, measurements: list[Measurement], k: int = TOP_K) -> list[Candidate]:
        if not self.units:
            return []
        query = tokens(text)
        if not query:
            return []
        scores = np.asarray(self.retriever.get_scores(query), dtype=float)
        top = float(scores.max()) if scores.size else 0.0
        if top <= 0:
            return []
        lexical = scores / top
        order = [int(i) for i in np.argsort(-lexical)[: max(k * 3, 20)]]
        # a unit with an indicator of a reported figure's metric id is a candidate however long its sentence
        # (a headline sentence of ten indicators scores low on BM25 for any one of them)
        seen = set(order)
        for m in measurements:
            for i in self.by_metric.get(m.metric_id or "", ()):
                if i not in seen:
                    seen.add(i)
                    order.append(i)
        out = []
        for i in order:
            figures = self._figures(i, measurements)
            out.append(Candidate(i, float(lexical[i]) + figures, float(lexical[i]), figures))
        out.sort(key=lambda c: -c.score)
        return out[:k]

    def _figures(self, unit: int, measurements: list[Measurement]) -> float:
        """Bonus when a reported figure answers one of the unit's indicators (unit and metric agree)."""
        best = max((target_match(t, measurements) for t in self.unit_targets[unit]), default=0.0)
        return 0.5 * best if best >= FIGURE_MIN else 0.0

    def link_of(self, unit: int, measurements: list[Measurement]) -> tuple[Target, Span]:
        """The target a row linked to ``unit`` answers, and the plan span it answers: of a headline sentence
        of several targets (主要预期目标是：地区生产总值增长6%左右，…，城镇登记失业率控制在3%以内) the one a
        reported figure answers best, alone; else the sentence's first target and the whole sentence (a row
        answers a task sentence as a whole)."""
        targets = self.unit_targets[unit]
        best, neg_n = max((target_match(t, measurements), -n) for n, t in enumerate(targets))
        if best >= FIGURE_MIN and len(targets) > 1 and targets[-neg_n].tier == "headline":
            return targets[-neg_n], targets[-neg_n].span
        return targets[0], self.units[unit]


def target_match(target: Target, measurements: list[Measurement]) -> float:
    """How well the best reported figure answers one of the target's indicators (figure_match)."""
    return max((figure_match(ind, m) for ind in target.indicators for m in measurements), default=0.0)


def figure_match(ind, m: Measurement) -> float:
    """How well a reported figure answers an indicator: 1 for the same metric id of the vocabulary, 0 for
    another id or an incompatible unit, else the similarity of the metric names."""
    if not unit_compatible(ind, m):
        return 0.0
    if ind.metric_id and m.metric_id:
        return 1.0 if ind.metric_id == m.metric_id else 0.0
    return metric_similarity(ind, m)


def align(ranked: list[list[Candidate]]) -> list[int | None]:
    """For rows in document order, choose one candidate each (index into each row's list),
    maximising score plus a bonus for moving forward in the plan (Viterbi over the top-k)."""
    if not ranked:
        return []
    best: list[list[float]] = []
    back: list[list[int]] = []
    for r, cands in enumerate(ranked):
        row_best, row_back = [], []
        for c in cands:
            if r == 0 or not ranked[r - 1] or not best[r - 1]:
                row_best.append(c.score)
                row_back.append(-1)
                continue
            options = []
            for j, prev in enumerate(ranked[r - 1]):
                options.append((best[r - 1][j] + transition(prev.unit, c.unit), j))
            value, j = max(options)
            row_best.append(value + c.score)
            row_back.append(j)
        best.append(row_best)
        back.append(row_back)
    choice: list[int | None] = [None] * len(ranked)
    r = len(ranked) - 1
    while r >= 0 and not ranked[r]:
        r -= 1
    if r < 0:
        return choice
    j = int(np.argmax(best[r]))
    while r >= 0:
        choice[r] = j
        prev = back[r][j]
        r -= 1
        while r >= 0 and not ranked[r]:
            r -= 1
        if prev < 0 or r < 0:
            break
        j = prev
    # rows cut off from the chain (after an empty row) fall back to their own best
    return [c if c is not None or not ranked[i] else 0 for i, c in enumerate(choice)]


def _sentence_of(seg: Segmented, span: Span) -> Span:
    """The sentence that contains ``span`` (sentences are sorted and do not overlap)."""
    i = bisect_right(seg.sentence_starts(), span[0]) - 1
    if i >= 0 and seg.sentences[i].span[1] >= span[1]:
        return seg.sentences[i].span
    return span
