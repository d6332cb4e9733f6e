"""Small text-similarity measures for short Chinese strings (metric names, clauses)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache


def char_overlap(a: str, b: str) -> float:
    """Shared characters (as multisets) over the longer length: 0–1."""
    if not a or not b:
        return 0.0
    common = sum((Counter(a) & Counter(b)).values())
    return common / max(len(a), len(b))


def bigrams(text: str) -> frozenset[str]:
    return frozenset(text[i:i + 2] for i in range(len(text) - 1))


def containment(part: str, whole: str) -> float:
    """Share of ``part``'s character bigrams that occur in ``whole``: 0–1."""
    return share_in(bigrams(part), whole)


def share_in(grams: frozenset[str], whole: str) -> float:
    """``containment`` with the part's bigrams computed once by the caller (one part, many wholes)."""
    if not grams:
        return 0.0
    return sum(1 for g in grams if g in whole) / len(grams)


@lru_cache(maxsize=65536)
def bigram_dice(a: str, b: str) -> float:
    """Dice coefficient of the two strings' character bigrams: 0–1 (single shared characters such as
    工 and 业 in 规上工业增加值 / 工业技改投资 count for little)."""
    ga, gb = bigrams(a), bigrams(b)
    if not ga or not gb:
        return 1.0 if a and a == b else 0.0
    return 2 * len(ga & gb) / (len(ga) + len(gb))
