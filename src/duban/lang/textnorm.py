"""Offset-preserving normalisation.

Extraction runs on a *shadow* string of exactly the same length as the document text, in
which full-width digits, letters and punctuation are mapped one character to one character
onto their ASCII forms and the many dash and space variants onto one each. Because the
mapping never changes the length, a span found in the shadow is a span of the original.
"""

from __future__ import annotations

import re
from functools import lru_cache


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    # Full-width ASCII block FF01–FF5E → 0021–007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "  # ideographic space
    table[0x00A0] = " "
    table[0x2002] = table[0x2003] = table[0x2009] = table[0x200B] = " "
    table[0xFEFF] = " "  # a BOM left in the middle of text
    # Dashes used in ranges: 5%—5.5%, 4.5-5%, 5%～6%, 5%~6%.
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE63\uFF0D\u301C\uFF5E":
        table[ord(dash)] = "-"
    table[ord("\u00B7")] = "."  # middle dot mis-used as a decimal point
    table[ord("\u3002")] = "\u3002"  # keep the Chinese full stop as it is
    # Full-width punctuation that carries structure is mapped back to the Chinese
    # forms the segmenter expects (the ASCII block above turned them into ASCII).
    table[0xFF0C] = "\uFF0C"  # ，
    table[0xFF1B] = "\uFF1B"  # ；
    table[0xFF1A] = "\uFF1A"  # ：
    table[0xFF08] = "("
    table[0xFF09] = ")"
    table[0xFF01] = "\uFF01"
    table[0xFF1F] = "\uFF1F"
    # ASCII punctuation that plays the Chinese role is mapped *to* the Chinese form.
    table[ord(",")] = "\uFF0C"
    table[ord(";")] = "\uFF1B"
    table[ord(":")] = "\uFF1A"
    return table


_TABLE = _table()


# An ASCII comma between digits that groups thousands (1,800 / 12,500.5) stays a comma in
# the shadow; every other ASCII comma plays the role of the Chinese "，".
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


# Line breaks that a web page's markup left inside a sentence: around a subscript (M<sub>2</sub>,
# PM<sub>2.5</sub> scraped as "M\n2\n") and inside a book title (《\n行政许可法\n》). In the shadow they
# are spaces, so that the sentence stays whole; the text keeps them.
# (The pattern opens with a character class rather than a look-behind, so that ``re`` skips to the letters and 《
# of a text instead of trying the pattern at every position; the groups are what is used.)
_SOFT_BREAKS = re.compile(r"[A-Za-z《](?:(?<=[A-Za-z])([ \t]*\n[ \t]*)[0-9.]{1,4}([ \t]*\n[ \t]*)(?=\S)"
                          r"|(?<=《)([ \t]*\n[ \t]*)[^《》\n]{1,40}?([ \t]*\n[ \t]*)》)")
_LATIN = re.compile(r"[A-Za-z]")


# The characters the table changes (it maps the others, such as ，, to themselves): runs of them are found by one
# regex and translated alone, several times faster than translating every character of a long text.
_CHANGED = re.compile("[" + "".join(re.escape(chr(c)) for c, v in sorted(_TABLE.items()) if chr(c) != v) + "]+")


def _translate_run(m: re.Match[str]) -> str:
    return m.group().translate(_TABLE)


def fold(text: str) -> str:
    """The character mapping of ``shadow`` alone (full-width → ASCII, space and dash variants), without its
    rules that look at context (thousands commas, soft line breaks): for copies that are not span-mapped."""
    return _CHANGED.sub(_translate_run, text)


def _patch(text: str, spans: list[tuple[int, int, str]]) -> str:
    """``text`` with each (start, end) replaced by its same-length replacement (spans sorted, apart)."""
    pieces, pos = [], 0
    for a, b, new in spans:
        pieces += [text[pos:a], new]
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def shadow(text: str) -> str:
    """Return the same-length normalised form of ``text``."""
    out = fold(text)
    if "," in text:
        commas = [(m.start(), m.end(), ",") for m in _THOUSANDS.finditer(text)]
        if commas:
            out = _patch(out, commas)
    if "\n" in text and ("《" in text or _LATIN.search(text)):
        soft = [(m.start(g), m.end(g), " " * (m.end(g) - m.start(g)))
                for m in _SOFT_BREAKS.finditer(out) for g in range(1, 5) if m.start(g) >= 0]
        if soft:
            out = _patch(out, sorted(soft))
    if len(out) != len(text):  # pragma: no cover - guarded by a unit test over the table
        raise AssertionError("normalisation must preserve length")
    return out


@lru_cache(maxsize=4096)
def norm(fragment: str) -> str:
    """Shadow form of a short fragment (metric names, units) for comparisons."""
    return shadow(fragment)
