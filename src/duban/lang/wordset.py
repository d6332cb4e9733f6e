"""Longest-word lookups over a word list by set lookups (lexicon.WordSet)."""

from __future__ import annotations

from collections.abc import Iterable


class WordSet:
    """Longest word of a list at the start or at the end of a string, by set lookups (a regex
    alternation of hundreds of words is tried word by word, and at every position for `…$`)."""

    __slots__ = ("ends", "lengths", "longest", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.longest = max(map(len, self.words), default=0)
        lengths: dict[str, set[int]] = {}
        ends: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[0], set()).add(len(w))
            ends.setdefault(w[-1], set()).add(len(w))
        # for each first (last) character, the word lengths to try, longest first
        self.lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}
        self.ends = {ch: sorted(ls, reverse=True) for ch, ls in ends.items()}

    def prefix(self, text: str, start: int = 0) -> int:
        """Length of the longest word at ``text[start:]``'s start (0: none)."""
        if start >= len(text):
            return 0
        for k in self.lengths.get(text[start], ()):
            if text[start:start + k] in self.words:
                return k
        return 0

    def suffix(self, text: str) -> int:
        """Length of the longest word that ends ``text`` (0: none)."""
        if not text:
            return 0
        n = len(text)
        for k in self.ends.get(text[-1], ()):
            if k <= n and text[-k:] in self.words:
                return k
        return 0

    def strip_prefixes(self, text: str) -> int:
        """Length of the run of words (one after another) at the start of ``text``."""
        pos = 0
        while (k := self.prefix(text, pos)):
            pos += k
        return pos
