"""PDF characters → lines: the shared pieces of the layout-aware PDF reader (no PDF library here).

Coordinates are in points, top-down from the page's top left; a character's box is its loose box (advance ×
ascent/descent), so touching characters touch. A line is the characters whose middles lie within the first
one's height, split into segments at gaps wider than 0.8 em (2 em where spaces are drawn in the gap).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from statistics import median

# A line that starts a block: 第X章/节, 一、, （一）, 1. 1、 1), ①, bullets
START = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[章节篇部条]|[一二三四五六七八九十百]+[、．.](?![一二三四五六七八九十])"
    r"|[（(][一二三四五六七八九十百\d]{1,3}[)）]|\d{1,2}(?:[、．]|\.(?!\d)|[)）])|[①-⑳●■◆▲•])"
)
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕”’,.;:!?)%％…·")
_OPEN = frozenset("（《「『【〔“‘(")
_QUOTES = frozenset("“”‘’\"'")  # Unicode line breaking (LibreOffice, browsers) breaks neither before nor after them


@dataclass(slots=True)
class Char:
    c: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass(slots=True)
class Page:
    width: float
    height: float
    chars: list[Char]
    hrules: list[tuple[float, float, float]] = field(default_factory=list)  # (y, x0, x1), top-down
    vrules: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y0, y1)


@dataclass(slots=True)
class Line:
    page: int
    top: float
    x0: float
    x1: float
    size: float
    text: str
    segs: list[tuple[float, float, str]]
    chars: list[Char] = field(default_factory=list, repr=False)
    lead: float = 0.0  # width of the first unbreakable piece: what had to fit at the end of the line before
    count: int = 0  # characters, inner spaces counted
    spaced: bool = False  # drawn with a trailing space
    hang: float | None = None  # a list item's text after its number: where its wrapped lines may hang
    cells: list[str] | None = None  # a table row's cells
    row: bool = False  # a table row: never joined


def narrow(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("Na", "N") and not c.isspace()


def glue(a: str, b: str, spaced: bool) -> str:
    return " " if spaced or (narrow(a) and narrow(b)) else ""


def pieces(chars: list[Char]) -> tuple[list[tuple[float, float, str]], list[Char], bool]:
    """x-sorted characters → segments ``(x0, x1, text)`` split at wide gaps, the characters drawn (a fake-bold
    double dropped), and whether a space ends them. A space is kept where one is drawn, and put between
    two Latin letters or digits set apart by a gap; never between hanzi (justification spreads them)."""
    segs: list[list] = []  # [x0, x1, parts]
    ink: list[Char] = []
    space = False
    for ch in chars:
        if ch.c == " ":
            space = bool(ink)
            continue
        prev = ink[-1] if ink else None
        if prev and ch.c == prev.c and abs(ch.x0 - prev.x0) < 0.3 * (prev.x1 - prev.x0):
            continue  # fake bold: the same glyph drawn again, a hair to the side
        em = max(ch.size, prev.size) if prev else ch.size
        if prev is None or ch.x0 - prev.x1 > (2.0 if space else 0.8) * em:  # a column gap
            segs.append([ch.x0, ch.x1, [ch.c]])
        else:
            if space or (ch.x0 - prev.x1 > 0.15 * em and narrow(prev.c) and narrow(ch.c)):
                segs[-1][2].append(" ")
            segs[-1][2].append(ch.c)
            segs[-1][1] = ch.x1
        ink.append(ch)
        space = False
    return [(x0, x1, "".join(p)) for x0, x1, p in segs], ink, space


def _line(page: int, chars: list[Char]) -> Line | None:
    chars.sort(key=lambda c: c.x0)
    segs, ink, spaced = pieces(chars)
    if not ink:
        return None
    end = 1  # the first unbreakable piece: a hanzi or a Latin word, with the punctuation that may not start a
    while end < len(ink) and ink[end].x0 - ink[end - 1].x1 < 0.15 * ink[0].size and (  # line; no break at quotes
        ink[end].c in _NO_LINE_START or ink[end].c in _QUOTES or ink[end - 1].c in _QUOTES or ink[end - 1].c in _OPEN
        or (narrow(ink[end - 1].c) and narrow(ink[end].c))
    ):
        end += 1
    text, hang = " ".join(t for _, _, t in segs), None
    if marker := START.match(text):  # a list item: its lines may hang at the text after the number
        if len(segs) > 1 and START.fullmatch(segs[0][2]) and not text.startswith("第"):
            text = segs[0][2] + " ".join(t for _, _, t in segs[1:])  # "1.<tab>text" reads 1.text
        k = len(marker.group().replace(" ", ""))
        hang = ink[k].x0 if k < len(ink) else None
    return Line(page, min(c.top for c in ink), segs[0][0], segs[-1][1], median(c.size for c in ink), text, segs,
                chars, ink[end - 1].x1 - ink[0].x0, len(text), spaced, hang=hang)


def lines_of(page: int, chars: list[Char]) -> list[Line]:
    """Characters → lines: a character whose middle lies above the lowest point of the line so far belongs
    to that line; a super- or subscript (smaller type over most of its height inside a
    neighbouring line) belongs to that line too (``PM₂.₅``, footnote marks)."""
    groups: list[list[Char]] = []
    bottom = 0.0
    for ch in sorted(chars, key=lambda c: c.cy):
        if groups and ch.cy <= bottom:
            groups[-1].append(ch)
            bottom = max(bottom, ch.bottom)
        else:
            groups.append([ch])
            bottom = ch.bottom
    merged: list[list[Char]] = []
    for group in groups:
        if merged and _rides(merged[-1], group):
            merged[-1] += group
        else:
            merged.append(group)
    return [line for group in merged if (line := _line(page, group))]


def _rides(a: list[Char], b: list[Char]) -> bool:
    (ta, ba, sa), (tb, bb, sb) = [(min(c.top for c in g), max(c.bottom for c in g), median(c.size for c in g))
                                  for g in (a, b)]
    small = (ba - ta) if sa < sb else (bb - tb)
    return min(sa, sb) <= 0.85 * max(sa, sb) and min(ba, bb) - max(ta, tb) >= 0.6 * small


def table_row(page: int, top: float, cells: list[str], size: float) -> Line:
    text = "".join(f"{c} | " for c in cells).rstrip()
    return Line(page, top, 0.0, 0.0, size, text, [], row=True, cells=cells)
