"""The review: the part of a completion document that speaks about the plan's year — its sentences and
figures, where its 问题/不足 passage starts and ends, its opening summary, its blanket claim and its
admissions. Built once per pair (review_of) and asked by every target of the plan (narrative.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..lang import lexicon as lx
from ..lang import lexicon_states as states
from ..lang import marks
from ..lang.lexicon import alt
from ..records import Measurement, Span, Target
from ..segment import Segmented
from ..verdicts import Actual, Item, Link
from .inputs import Pair, plan_year
from .item import build_item
from .judge import claim
from .passages import PassageIndex
from .ratio import ratio_in

_PROBLEMS = re.compile(alt(lx.PROBLEM_OPENERS))
_ADMISSION = re.compile(alt(lx.ADMISSION_WORDS))
_BLANKET = re.compile("|".join(lx.BLANKET_CLAIMS))
_EXCESS = re.compile(alt(states.EXCESS_WORDS))
_SHORTFALL = re.compile(alt(states.SHORTFALL_WORDS))
_REVERSAL = re.compile(alt(states.REVERSAL_WORDS))
_SAYS_MORE = re.compile(states.SAYS_MORE)
_CLAUSES = marks.CLAUSE_COLON
_CLAIM_CLAUSES = marks.SEMICOLON_STOP
_DONE_AT_END = re.compile(lx.DONE_AT_END)
_SHARE_LEAD = 6  # a clause this short before its share (为预算的, 完成率) names no indicator of its own
SEVERAL_YEARS = re.compile(r"近年来|近几年|几年来|多年来|[两三四五]年来|长期以来|过去五年|五年来")


@dataclass
class Review:
    """The part of the completion document that speaks about the plan's year."""

    seg: Segmented
    year: int | None
    sentences: list[Span]
    measurements: list[Measurement]
    problems_from: int | None = None  # where the 问题/不足 passage starts
    problems_to: int = 0  # … and ends (the end of its review section)
    generic: set[Span] = field(default_factory=set)  # the opening's summary sentences
    claim: tuple[str, Span] | None = None  # 全面完成全年主要目标任务 said of the whole year
    admissions: list[Span] = field(default_factory=list)
    _grams: dict[Span, str] = field(default_factory=dict)
    _index: PassageIndex | None = None
    _excluded: tuple[tuple[int, int | None, int], frozenset[Span]] | None = None
    _adverse: list[tuple[Span, str]] | None = None
    _claims: tuple[int, list[tuple[Span, str, str]]] | None = None
    _shares: tuple[int, list[tuple[Span, str, float, Span]]] | None = None
    _by_metric: dict[str | None, list[Measurement]] = field(default_factory=dict)

    def text(self, span: Span) -> str:
        if span not in self._grams:
            self._grams[span] = self.seg.text[span[0]:span[1]]
        return self._grams[span]

    def sentence_of(self, span: Span) -> Span:
        """The review sentence a span starts in (the span itself when it is in none)."""
        for s in self.sentences:
            if s[0] <= span[0] < s[1]:
                return s
        return span

    def passages(self) -> PassageIndex:
        if self._index is None:
            self._index = PassageIndex([self.text(s) for s in self.sentences], list(self.sentences))
        return self._index

    def excluded(self) -> frozenset[Span]:
        """Sentences that are no evidence of work done: the opening summary and the 问题/不足 passage."""
        key = (len(self.generic), self.problems_from, self.problems_to)
        if self._excluded is None or self._excluded[0] != key:
            spans = frozenset(self.generic) | frozenset(s for s in self.sentences if self.in_problems(s))
            self._excluded = (key, spans)
        return self._excluded[1]

    def _this_years(self):
        """(span, text) of the sentences that may speak of this year alone: not the opening summary, not a
        statement about several years (近年来固定资产投资增长过快)."""
        for span in self.sentences:
            if span in self.generic:
                continue
            sentence = self.text(span)
            if not SEVERAL_YEARS.search(sentence):
                yield span, sentence

    def adverse_clauses(self) -> list[tuple[Span, str]]:
        """(sentence, clause) of this year's sentences whose clause admits a shortfall or an excess — the only
        clauses an admission can be read from (computed once per review, asked once per target)."""
        if self._adverse is None:
            self._adverse = []
            for span, sentence in self._this_years():
                for _clause, said in read_on(_CLAUSES.split(sentence)):  # (…改造进度滞后，未完成年度任务)
                    if (_ADMISSION.search(said) or _EXCESS.search(said) or _SHORTFALL.search(said)
                            or _REVERSAL.search(said)):
                        self._adverse.append((span, said))
        return self._adverse

    def problem_clauses(self) -> Iterator[tuple[Span, str, str]]:
        """(sentence, clause, the clause read on: read_on) of the 问题/不足 passage, cut at ，；。"""
        for span in self.sentences:
            if self.in_problems(span):
                for clause, said in read_on(marks.CLAUSE_STOP.split(self.text(span))):
                    yield span, clause, said

    def claim_clauses(self) -> list[tuple[Span, str, str]]:
        """(sentence, the claim, the clause up to the claim) of this year's clauses that claim a target reached
        without a figure (…完成国家下达的目标任务): found once per review, asked once per target."""
        if self._claims is None or self._claims[0] != len(self.generic):
            found: list[tuple[Span, str, str]] = []
            for span, sentence in self._this_years():
                for clause in _CLAIM_CLAUSES.split(sentence):
                    said = claim(clause)
                    done = _DONE_AT_END.search(clause) if said is None else None
                    if said is not None:
                        found.append((span, said[0], clause[:said[1][0]]))
                    elif done is not None:
                        found.append((span, done.group(), clause[:done.start()]))
            self._claims = (len(self.generic), found)
        return self._claims[1]

    def measurements_for(self, metric_id: str | None) -> list[Measurement]:
        """The measurements that may answer an indicator of ``metric_id``, in order: those of the same id and
        those the vocabulary does not know (a figure of another id never answers: narrative.same_indicator)."""
        if metric_id is None:
            return self.measurements
        if metric_id not in self._by_metric:
            self._by_metric[metric_id] = [m for m in self.measurements if m.metric_id in (None, metric_id)]
        return self._by_metric[metric_id]

    def share_clauses(self) -> list[tuple[Span, str, float, Span]]:
        """(sentence, the clause up to the share, the share, the share's span in the text) of this year's clauses
        that give a share of the target instead of a figure (完成年度目标的96%: assess/ratio.py)."""
        if self._shares is None or self._shares[0] != len(self.generic):
            found: list[tuple[Span, str, float, Span]] = []
            for span, sentence in self._this_years():
                if "%" not in sentence:
                    continue
                pos, previous = 0, ""
                for clause in _CLAUSES.split(sentence):
                    said = ratio_in(clause)
                    if said is not None:
                        start = span[0] + pos
                        before = clause[:said[1][0]]
                        if len(before) <= _SHARE_LEAD:  # …完成960亿元，为预算的101.2%: the clause before names it
                            before = previous + "，" + before
                        found.append((span, before, said[0], (start + said[1][0], start + said[1][1])))
                    pos += len(clause) + 1
                    previous = clause
            self._shares = (len(self.generic), found)
        return self._shares[1]

    def in_problems(self, span: Span) -> bool:
        return self.problems_from is not None and self.problems_from <= span[0] < self.problems_to


def review_of(pair: Pair) -> Review:
    seg = pair.comp_seg
    year = plan_year(pair)
    sentences = [st.span for st in pair.parsed.statements]
    measurements = [m for st in pair.parsed.statements for m in pair.evidence[st.index]]
    review = Review(seg, year, sentences, measurements)
    for span in sentences:
        sentence = review.text(span)
        if review.problems_from is None and _PROBLEMS.search(sentence):
            review.problems_from = span[0]
        if _ADMISSION.search(sentence):
            review.admissions.append(span)
        m = _BLANKET.search(seg.shadow, *span)
        if m and review.claim is None:
            review.claim = (seg.text[m.start():m.end()], (m.start(), m.end()))
    if review.problems_from is not None:  # to the end of the review section the passage is in
        sid = seg.top(seg.section_at(review.problems_from))
        review.problems_to = seg.sections[sid].body[1] if sid is not None else len(seg.text)
    review.generic = _opening_summary(seg, sentences)
    return review


def read_on(clauses: list[str]) -> list[tuple[str, str]]:
    """Each clause, and the same clause read with the next one when that has no subject of its own and says how
    the thing ended (…进展滞后，未能如期建成; …改造进度滞后，未完成年度任务: lexicon_states.SAYS_MORE)."""
    out = []
    for i, clause in enumerate(clauses):
        nxt = clauses[i + 1] if i + 1 < len(clauses) else ""
        out.append((clause, clause + "，" + nxt if nxt and _SAYS_MORE.match(nxt) else clause))
    return out


def review_item(pair: Pair, review: Review, t: Target, found: dict[int, Actual | None], span: Span,
                text: str) -> Item:
    """The item of one plan target answered from the review (its evidence sentence ``span``); a headline
    target carries the review's blanket claim (完成了主要预期目标) as the report's own word."""
    item = build_item(pair, None, [t], [t.span], "plan", text, [], [Link(t.id, t.span, "retrieval", 1.0)],
                      dict(found), span)
    if item.claimed is None and review.claim is not None and t.tier == "headline":
        item.claimed = review.claim[0]
    return item


def _opening_summary(seg: Segmented, sentences: list[Span]) -> set[Span]:
    """The review's first paragraph when it holds no figure: a summary of the year in broad strokes."""
    if not sentences:
        return set()
    first_line_end = seg.text.find("\n", sentences[0][0])
    first_line_end = len(seg.text) if first_line_end < 0 else first_line_end
    opening = [s for s in sentences if s[1] <= first_line_end]
    if any(re.search(r"\d", seg.shadow[s:e]) for s, e in opening):
        return set()
    return set(opening)


__all__ = ["SEVERAL_YEARS", "Review", "read_on", "review_item", "review_of"]
