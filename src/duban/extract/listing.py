"""Clauses that continue a list of figures (…企业2家，国家级重点“小巨人”企业8家), and the pieces of a clause that
decide it: the adverbs opening it, the verb after them, the kind of each figure's unit."""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang.firstchars import first_chars
from ..lang.metrics import vocabulary
from ..records import Quantity, Span
from . import metric

# An alternation longest word first: ``match`` gives the longest word at each step, as WordSet.strip_prefixes.
_ADVERB_RUN = re.compile(rf"(?:{lx.alt(lx.ADVERB_HEADS)})*")  # the adverbs one after another opening a clause
_ADVERB_FIRST = first_chars(re.compile(lx.alt(lx.ADVERB_HEADS)))  # (a set lookup rules most clauses out)
VERBS = lx.WordSet(metric.COUNT_VERBS + list(lx.INCREMENT_VERBS))  # (set lookups: faster than a regex here)
Figure = tuple[int, int, str]  # a figure of a sentence: its span in the sentence, its unit class


def head_split(text: str) -> tuple[int, str]:
    """(length of the adverbs opening ``text``, the rest): 全力打造… → (2, 打造…)."""
    if not text or text[0] not in _ADVERB_FIRST:
        return 0, text
    m = _ADVERB_RUN.match(text)
    n = m.end() if m else 0
    return n, text[n:]


_UNIT_CLASS = {"%": "pct", "个百分点": "pct", "‰": "pct"}


def unit_class(q: Quantity) -> str:
    base = q.base_unit or ""
    if base in lx.MONEY_BASES:
        return "money"
    return _UNIT_CLASS.get(base, "count" if base in metric.COUNT_MEASURES else base)


def continues_list(text: str, prev: Span, clause: Span, figures: tuple[Figure, ...], in_headline: bool = False
                   ) -> bool:
    """'…企业2家,国家级重点“小巨人”企业8家': a verbless clause whose figure is of the same kind as
    the figure ending the clause before continues that list. In a headline passage a clause that names an
    indicator of the vocabulary other than the one the clause before names is a target of its own
    (一般公共预算收入增长5%，城镇调查失业率5.5%以内: two headline targets, not one list)."""
    mine = [f for f in figures if clause[0] <= f[0] < clause[1]]
    theirs = [f for f in figures if prev[0] <= f[0] < prev[1]]
    if not mine or not theirs:
        return False
    left = text[clause[0]:mine[0][0]]
    _, rest = head_split(left)
    ends = metric.verb_end(rest)
    if ends and ends[1] in metric.END_STAGES and ends[0] < 2:
        ends = None  # …2万套，基本建成1.5万套: a stage alone continues the list of the same thing
    if VERBS.prefix(rest) or ends or metric.leading_pos_verb(rest):
        return False
    if in_headline and _other_indicator(left, text[prev[0]:theirs[-1][0]]):
        return False
    return mine[0][2] == theirs[-1][2]


def _other_indicator(left: str, before: str) -> bool:
    """Does ``left`` (a clause up to its figure) name an indicator of the vocabulary that ``before`` (the clause
    before, up to its last figure) does not end with?"""
    vocab = vocabulary()
    mine = vocab.mentions(left)
    if not mine:
        return False
    theirs = vocab.mentions(before)
    return not theirs or theirs[-1][2].id != mine[0][2].id
