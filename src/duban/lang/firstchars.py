"""The characters a regex match can start (or, anchored at ``$``, end) with, read from the pattern's parse tree.

A rule that calls ``PATTERN.match(text)`` on many short strings pays Python's call overhead even when the
first character already rules the match out; ``text[:1] in first_chars(PATTERN)`` decides that with a set
lookup. The set is exact or larger than needed (a lookahead is ignored, a class read whole), never smaller,
so the test never drops a match. None when no such set exists: the pattern can match the empty string, starts
with a negated class, a category (\\d, \\s, .), a back-reference, or is case-insensitive. ``last_chars`` is the
same for a pattern whose every branch ends with ``$``: the characters such a match can end with (``$`` also
matches before a final newline, so a string ending with one must still be tried).
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

_ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)


class _Open(Exception):
    """The first characters are not a finite set."""


def first_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with (None: any, or the empty match)."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        chars, empty = _seq(list(_parser.parse(pattern.pattern, pattern.flags)))
    except _Open:
        return None
    return None if empty else frozenset(chars)


def last_chars(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can end with, when each of its branches ends with ``$``."""
    if pattern.flags & (re.IGNORECASE | re.MULTILINE):
        return None
    try:
        return frozenset(_ends(list(_parser.parse(pattern.pattern, pattern.flags))))
    except _Open:
        return None


def _ends(items: list) -> set[str]:
    if items and items[-1] == (c.AT, c.AT_END):
        chars, empty = _seq(items[:-1], reverse=True)
        if empty:
            raise _Open(c.AT_END)
        return chars
    if len(items) == 1 and items[0][0] is c.BRANCH:
        return set().union(*(_ends(list(branch)) for branch in items[0][1][1]))
    if len(items) == 1 and items[0][0] is c.SUBPATTERN:
        return _ends(list(items[0][1][-1]))
    raise _Open(items[-1][0] if items else None)


def _seq(items: list, reverse: bool = False) -> tuple[set[str], bool]:
    """(first — or last, ``reverse`` — characters of a sequence of items, whether the sequence can match the
    empty string)."""
    out: set[str] = set()
    for op, av in reversed(items) if reverse else items:
        if op in _ZERO_WIDTH:
            continue  # ^, \A, lookarounds: take no character (a lookahead only narrows the set)
        chars, empty = _item(op, av, reverse)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _item(op, av, reverse: bool) -> tuple[set[str], bool]:
    if op is c.LITERAL:
        return {chr(av)}, False
    if op is c.IN:
        return _class(av), False
    if op is c.SUBPATTERN:
        return _seq(list(av[-1]), reverse)
    if op is c.BRANCH:
        out: set[str] = set()
        empty = False
        for branch in av[1]:
            chars, e = _seq(list(branch), reverse)
            out |= chars
            empty = empty or e
        return out, empty
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        lo, _hi, body = av
        chars, empty = _seq(list(body), reverse)
        return chars, empty or lo == 0
    if op is c.ATOMIC_GROUP:
        return _seq(list(av), reverse)
    raise _Open(op)


def _class(items) -> set[str]:
    out: set[str] = set()
    for op, av in items:
        if op is c.LITERAL:
            out.add(chr(av))
        elif op is c.RANGE:
            if av[1] - av[0] > 0x3000:
                raise _Open(op)
            out.update(chr(x) for x in range(av[0], av[1] + 1))
        else:  # NEGATE, CATEGORY
            raise _Open(op)
    return out
