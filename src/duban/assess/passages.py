"""Which review sentence speaks about a qualitative target: retrieval by the target's key terms.

The key terms are the target's content words (rjieba: nouns and names of two characters or more, verbal
nouns such as 改革, and set phrases of three or more such as 扶贫开发), minus the words every plan repeats (工作,
建设, 体系, 机制 …) and words of how well (高标准, 高质量). A sentence's score is the share of the terms' weight
it holds, each term weighted by how rare it is among the review's sentences (inverse document frequency):
国家开发银行 counts for more than 改革. Terms are found as substrings, so 农民收入 is found in 增加农民收入.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache

import rjieba

from ..lang import lexicon as lx
from ..records import Span

_CONTENT_TAGS = ("n", "nr", "ns", "nt", "nz", "nrt", "vn", "an", "l", "j", "eng")
_GENERIC = frozenset(lx.GENERIC_TOPIC_WORDS)


@lru_cache(maxsize=16384)
def key_terms(text: str) -> tuple[str, ...]:
    """The content words of a target, in order, without repeats."""
    out: list[str] = []
    tagged = rjieba.tag(text)
    i = 0
    while i < len(tagged):
        word, tag = tagged[i]
        i += 1
        if tag == "b" and i < len(tagged) and tagged[i][1].startswith("n"):
            # 民营 + 经济: a distinguishing word names the topic together with its noun
            word, tag = word + tagged[i][0], "n"
            i += 1
        # (a set phrase of three characters or more names a topic too: 扶贫开发, 攻坚战)
        if len(word) < 2 or word in _GENERIC or not (tag.startswith(_CONTENT_TAGS) or (tag == "i" and len(word) >= 3)):
            continue
        if word not in out:
            out.append(word)
    return tuple(out)


def word_bounds(text: str) -> frozenset[int]:
    """The offsets in ``text`` where a word (of the tokenizer) starts or ends."""
    out, pos = {0}, 0
    for word in rjieba.cut(text):
        pos += len(word)
        out.add(pos)
    return frozenset(out)


@dataclass
class PassageIndex:
    """The review's sentences with the document frequency of any term asked about."""

    texts: list[str]
    spans: list[Span]
    _postings: dict[str, list[int]] = field(default_factory=dict)
    _bigrams: dict[str, list[int]] | None = None  # each character bigram → the sentences holding it, in order
    _bounds: dict[int, frozenset[int]] = field(default_factory=dict)  # a sentence's word boundaries, once asked

    def postings(self, term: str) -> list[int]:
        """The indices of the sentences holding the term, in order: among the sentences that hold its rarest
        bigram (an index built once per review), those that hold the whole term."""
        if term not in self._postings:
            if len(term) < 2:
                self._postings[term] = [i for i, t in enumerate(self.texts) if term in t]
            else:
                index = self._bigram_index()
                rarest = min((index.get(term[j:j + 2], []) for j in range(len(term) - 1)), key=len)
                self._postings[term] = [i for i in rarest if term in self.texts[i] and self._as_words(i, term)]
        return self._postings[term]

    def _as_words(self, i: int, term: str) -> bool:
        """Does the term stand in sentence ``i`` as whole words (one or several in a row: 农民收入 in 增加农民收入),
        not inside a longer word (行政 in 特别行政区)?"""
        bounds = self._bounds.get(i)
        if bounds is None:
            bounds = self._bounds[i] = word_bounds(self.texts[i])
        text, n = self.texts[i], len(term)
        at = text.find(term)
        while at >= 0:
            if at in bounds and at + n in bounds:
                return True
            at = text.find(term, at + 1)
        return False

    def _bigram_index(self) -> dict[str, list[int]]:
        if self._bigrams is None:
            self._bigrams = {}
            for i, t in enumerate(self.texts):
                for g in {t[j:j + 2] for j in range(len(t) - 1)}:
                    self._bigrams.setdefault(g, []).append(i)
        return self._bigrams

    def df(self, term: str) -> int:
        return len(self.postings(term))

    def idf(self, term: str) -> float:
        n = len(self.texts)
        return math.log(1 + (n + 1) / (self.df(term) + 0.5))

    def best(self, target: str, exclude: set[Span] | frozenset[Span] = frozenset()) -> tuple[float, Span | None]:
        """(score 0–1, span) of the sentence holding most of the target's key-term weight."""
        terms = [t for t in key_terms(target) if self.df(t)] or list(key_terms(target))
        if not terms:
            return 0.0, None
        weights = {t: self.idf(t) for t in terms}
        total = sum(weights.values()) + sum(self.idf(t) for t in key_terms(target) if t not in weights)
        held: dict[int, float] = {}
        for term, w in weights.items():  # in the terms' order, so each sentence's sum is added up as before
            for i in self.postings(term):
                held[i] = held.get(i, 0) + w
        best: tuple[float, Span | None] = (0.0, None)
        for i in sorted(held):  # the first sentence of the highest weight wins
            span = self.spans[i]
            if held[i] > best[0] and span not in exclude:
                best = (held[i], span)
        return (best[0] / total if total else 0.0), best[1]
