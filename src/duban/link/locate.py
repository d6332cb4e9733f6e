"""Locate a restated target in the plan: the row says 目标任务 in its own words (masked names like
“XX”, small edits such as 创建→打造, dropped punctuation, “125 +”), we find the plan text it quotes.

Matching runs on a *compact* form of both texts (no spaces, no punctuation, masks removed) with an
index back to the original characters, so that the spans returned are exact plan offsets. rapidfuzz
does the fuzzy alignment (see docs/libraries.md for why).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import fuzz, process

from ..lang import marks
from ..lang.textsim import bigrams
from ..records import Span
from ..segment import Segmented

_DROPPED = r"\s\u3000，。；：、！？,.;:!?“”‘’\"'()（）《》〈〉【】\[\]{}·—\-–~～…|"  # spaces, punctuation
_KEEP = re.compile(f"[^{_DROPPED}]+")  # runs of kept characters
_MASK = re.compile(r"(?:X|Ｘ|x|×|\*|＊|某){2,}")
_PIECE_END = re.compile(r"[。；;！!？?]")
_CLAUSE_END = marks.CLAUSE
MATCH_MIN = 72.0  # below this a piece is not taken to quote the plan
# A part wins over the whole sentence only when it scores more than 3 points higher (see locate): from a
# whole-sentence ratio of 97 on no part can, so partial alignment is skipped (the common, verbatim case).
CLEAR_MATCH = 97.0


@dataclass(frozen=True)
class Compact:
    text: str
    index: tuple[int, ...]  # compact position → original offset


def compact(text: str, start: int = 0, end: int | None = None) -> Compact:
    end = len(text) if end is None else end
    masks = [m.span() for m in _MASK.finditer(text, start, end)]
    parts: list[str] = []
    index: list[int] = []
    for m in _KEEP.finditer(text, start, end):
        a, b = m.span()
        if not masks:
            parts.append(m.group())
            index.extend(range(a, b))
            continue
        for i in range(a, b):  # a run with a mask in it: character by character
            if not any(x <= i < y for x, y in masks):
                parts.append(text[i])
                index.append(i)
    return Compact("".join(parts).translate(_WIDTH), tuple(index))


_WIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5F)}


@dataclass
class PlanIndex:
    """The plan's sentences in compact form, ready for matching."""

    seg: Segmented
    spans: list[Span]
    compacts: list[Compact]
    clause_spans: list[Span]
    clause_bigrams: list[frozenset[str]]

    @cached_property
    def choices(self) -> list[str]:
        """The compact sentences' texts, matched against (listed once per plan)."""
        return [c.text for c in self.compacts]

    @classmethod
    def build(cls, seg: Segmented) -> PlanIndex:
        spans, compacts, clause_spans, clause_bigrams = [], [], [], []
        for sent in seg.sentences:
            if sent.is_heading or seg.sentence_part(sent) not in ("plan", "multi_year"):
                continue
            c = compact(seg.text, *sent.span)
            if len(c.text) >= 4:
                spans.append(sent.span)
                compacts.append(c)
            pos = sent.span[0]
            for m in [*_CLAUSE_END.finditer(seg.shadow, *sent.span), None]:
                end = m.start() if m else sent.span[1]
                cc = compact(seg.text, pos, end)
                if len(cc.text) >= 4:
                    clause_spans.append((pos, end))
                    clause_bigrams.append(bigrams(cc.text))
                pos = m.end() if m else pos
        return cls(seg, spans, compacts, clause_spans, clause_bigrams)


def _containment(plan: PlanIndex, piece: str) -> tuple[float, Span | None]:
    """Share of the piece's character bigrams found in one plan clause (a row quoting one item of a
    coordinated list: 加快公共卫生服务中心建设 ⊂ 加快…学校、公共卫生服务中心等民生项目建设)."""
    grams = bigrams(piece)
    if not grams:
        return 0.0, None
    best, where = 0.0, None
    for span, clause in zip(plan.clause_spans, plan.clause_bigrams, strict=True):
        score = len(grams & clause) / len(grams)
        if score > best:
            best, where = score, span
    return best * 100, where


def locate(plan: PlanIndex, text: str, span: Span) -> tuple[list[Span], float]:
    """Plan spans quoted by ``text[span]`` (best effort) and the mean match score (0–100)."""
    pieces = _pieces(text, span)
    found: list[tuple[int, Span, float]] = []  # (sentence index, plan span, score)
    choices = plan.choices
    for ps, pe in pieces:
        piece = compact(text, ps, pe)
        if len(piece.text) < 4 or not choices:
            continue
        # score_cutoff lets rapidfuzz skip sentences that cannot reach the threshold; a near-verbatim
        # whole sentence (the common case) needs no partial alignment
        best = process.extractOne(piece.text, choices, scorer=fuzz.ratio, score_cutoff=MATCH_MIN)
        candidates = [] if best and best[1] >= CLEAR_MATCH else process.extract(
            piece.text, choices, scorer=fuzz.partial_ratio, limit=3, score_cutoff=MATCH_MIN)
        options = ([(best[1], best[2], "whole")] if best else []) + [(c[1], c[2], "part") for c in candidates]
        score, idx, how = max(options, key=lambda o: (o[0] - (3 if o[2] == "part" else 0)), default=(0.0, -1, ""))
        if score < MATCH_MIN:
            contained, clause = _containment(plan, piece.text)
            if contained >= MATCH_MIN and clause is not None:
                found.append((plan.spans.index(_sentence_of(plan, clause)), clause, contained))
            continue
        found.append((idx, _aligned_span(plan, idx, piece.text, how), score))
    if not found:
        return [], 0.0
    merged = _merge(plan.seg.text, sorted(found))
    return merged, sum(f[2] for f in found) / len(found)


def _sentence_of(plan: PlanIndex, clause: Span) -> Span:
    for span in plan.spans:
        if span[0] <= clause[0] and clause[1] <= span[1]:
            return span
    return plan.spans[0]


def _pieces(text: str, span: Span) -> list[Span]:
    s, e = span
    out, pos = [], s
    for m in _PIECE_END.finditer(text, s, e):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < e:
        out.append((pos, e))
    return out


def _aligned_span(plan: PlanIndex, idx: int, piece: str, how: str) -> Span:
    """The plan span a piece matches: the whole sentence, or the part of it the piece quotes."""
    c = plan.compacts[idx]
    sent = plan.spans[idx]
    if how == "whole" or len(piece) >= len(c.text) * 0.85:
        return sent
    al = fuzz.partial_ratio_alignment(piece, c.text)
    if al is None or al.dest_end <= al.dest_start:
        return sent
    start = c.index[al.dest_start]
    end = c.index[al.dest_end - 1] + 1
    return _widen(plan.seg.text, start, end, sent)


def _widen(text: str, start: int, end: int, bounds: Span) -> Span:
    """Extend a clause-level match to its clause boundaries (，) inside the sentence."""
    while start > bounds[0] and text[start - 1] not in "，,；;。":
        start -= 1
    while end < bounds[1] and text[end] not in "，,；;。":
        end += 1
    return start, end


def _merge(text: str, found: list[tuple[int, Span, float]]) -> list[Span]:
    """Adjacent matched sentences become one span; the gap between them must be punctuation only."""
    spans: list[Span] = []
    for _, (s, e), _score in found:
        if spans and (s <= spans[-1][1] or not text[spans[-1][1]:s].strip(" \n，,。；;:：")):
            spans[-1] = (spans[-1][0], max(spans[-1][1], e))
        else:
            spans.append((s, e))
    return spans
