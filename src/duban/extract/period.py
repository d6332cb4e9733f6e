"""The year a reported figure is for.

A review says it in the sentence (2007年，国内生产总值…; 去年居民消费价格上涨4.8%; …增加到2007年13786元) or
in its heading (一、2013年工作回顾; 过去一年); a year after 比/较/从/由 is the base of a change, not the
period, and a change measured from a base more than a year back (比2002年增长65.5%) is no single year's
result. Five-year reviews (过去五年工作回顾) give unmarked figures no year: they may cover the whole term.
"""

from __future__ import annotations

import re

from ..segment import Segmented

# (The look-behind follows the first digit, so that the pattern opens with a literal ``re`` can skip to.)
_YEAR = re.compile(r"((?:1(?<![\d.]1)9|2(?<![\d.]2)0)\d\d)\s*年(?!代|度?以来|间|来)")
_BASE_BEFORE = re.compile(r"(?:比|较|同比|相比|相较|对比|由|从|自)\s*$")
_LAST_YEAR = re.compile(r"去年|上年(?!同期)|过去一年|过去的一年|一年来|上一年")
_THIS_YEAR = re.compile(r"今年|本年")
PARAGRAPH_WINDOW = 600  # how far back in its paragraph a figure looks for the year it is for
_MULTI_YEAR_TITLE = re.compile(r"[两三四五十]年|“?十[一二三四五六七八九]五”?|届|任期")


def section_year(seg: Segmented, sid: int | None) -> int | None:
    """The year a review section speaks of: from its heading (2013年工作回顾, 过去一年), else the year
    before the report's for an annual work report's review; None for multi-year reviews."""
    doc_year = seg.doc.year
    if seg.doc.kind in ("completion_report", "progress_report"):
        return doc_year
    node = sid
    while node is not None:
        sec = seg.sections[node]
        title = seg.shadow[sec.span[0]:sec.span[1]]
        years = [int(y) for y in _YEAR.findall(title)]
        if years:  # 1998年工作回顾和1999年工作的总体要求: the review is of the year before the report's
            past = [y for y in years if doc_year and y < doc_year]
            return max(past or years)
        if _LAST_YEAR.search(title):
            return doc_year - 1 if doc_year else None
        if _MULTI_YEAR_TITLE.search(title) and sec.part == "review":
            return None
        node = sec.parent
    if doc_year and seg.part(sid) == "review":
        return doc_year - 1
    return None


_TURN = re.compile(r"^[\s\u3000]*(?:一年来|过去一年|过去的一年|回顾(?:过去的)?(?:一年|((?:19|20)\d\d)年)"
                   r"|((?:19|20)\d\d)年[^\n]{0,400}?(?:做|抓)了以下(?:几个方面的?|几项)?工作)", re.M)


def year_turn(seg: Segmented, sid: int | None, year: int) -> int:
    """Where a review of a term (一、“十三五”时期和2020年工作回顾, 一、过去五年工作回顾) turns to its last year:
    the first paragraph of its top section that opens the year's account (一年来，我们主要做了以下工作; 回顾
    2022年，我们重点抓了以下工作; 过去一年…; 2020年，…，我们主要做了以下工作); from there on, unmarked figures
    are the year's. A paragraph about the year alone (2020年是极不平凡的一年…, 刚刚过去的2022年…) names its year
    itself (figure_year) and turns nothing: the term's themes may follow it (基础设施加快完善。…五年新增…).
    The section's end when it never turns."""
    top = seg.top(sid)
    if top is None:
        return len(seg.shadow)
    if top not in seg.year_turns:
        start, end = seg.sections[top].body
        turn = end
        for m in _TURN.finditer(seg.shadow, start, end):
            named = m.group(1) or m.group(2)
            if named is None or int(named) == year:
                turn = m.start()
                break
        seg.year_turns[top] = turn
    return seg.year_turns[top]


# a paragraph that opens an account of the term again, after the year's (…一年来…。“十三五”时期是…的五年。): its figures
# and those after it are the term's
_TERM_AGAIN = re.compile(r"^[\s\u3000]*(?:[“\"]?十[一二三四五六七八九]五[”\"]?(?:时期|期间|以来)|过去五年|五年来"
                         r"|回顾(?:过去)?五年)", re.M)


def term_again(seg: Segmented, sid: int | None, turn: int) -> int:
    """Where a review of a term that turned to its last year at ``turn`` opens the term's account again (the year
    told first, the five years after it); the section's end when it does not."""
    top = seg.top(sid)
    if top is None:
        return len(seg.shadow)
    end = seg.sections[top].body[1]
    m = _TERM_AGAIN.search(seg.shadow, turn, end) if turn < end else None
    return m.start() if m else end


_PARAGRAPH_END = "。！？!?\n"


def paragraph_start(sh: str, window: int, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts, looking back no further than ``window``: after a line break
    that ends a sentence or a blank line. A break in mid-sentence is a hard wrap (text copied out of a PDF at a
    fixed width), not a paragraph's end."""
    end = pos
    while True:
        brk = sh.rfind("\n", window, end)
        if brk < 0:
            return window
        k = brk  # the last character before the break that is not a space (without copying the text before it)
        while k > 0 and sh[k - 1] in " \t\u3000":
            k -= 1
        if k == 0 or sh[k - 1] in _PARAGRAPH_END:
            return brk + 1
        end = brk


def figure_year(seg: Segmented, sentence_start: int, figure_start: int,
                default: int | None) -> tuple[int | None, bool, bool]:
    """(the year of the figure at ``figure_start``, whether it is a change over several years, whether its
    sentence names the year).

    The last year named before the figure in its sentence wins (去年 counts as the report's year − 1);
    years after 比/从/由 are bases: a base more than a year before the period makes the figure a
    multi-year change."""
    period: int | None = None
    base: int | None = None
    for _pos, year, is_base in _marks(seg, sentence_start, figure_start):
        if is_base:
            base = year
        else:
            period = year
    if period is None:  # 刚刚过去的1992年，…。国民生产总值比上年增长百分之十二点八: the paragraph's year
        period = _paragraph_year(seg, sentence_start)
    named = period is not None
    period = period if named else default
    multi = base is not None and period is not None and period - base > 1
    return (None if multi else period), multi, named


def _paragraph_year(seg: Segmented, sentence_start: int) -> int | None:
    """The last year (not a base) named in the paragraph before the sentence at ``sentence_start``: read once for
    all the figures of the sentence."""
    if sentence_start not in seg.paragraph_years:
        window = max(0, sentence_start - PARAGRAPH_WINDOW)  # (a file of one long line stays linear)
        paragraph = paragraph_start(seg.shadow, window, sentence_start)
        seg.paragraph_years[sentence_start] = next(
            (y for _p, y, is_base in reversed(_marks(seg, paragraph, sentence_start)) if not is_base), None)
    return seg.paragraph_years[sentence_start]


_RANGE_END = re.compile(r"(?:19|20)\d\d年?\s*[—–\-~～至到]\s*$")
_RANGE_START = re.compile(r"\s*[—–\-~～至到]\s*(?:19|20)\d\d")


def _enclosed(sh: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside brackets or a book title opened after ``start`` and not closed before ``pos``?"""
    return any(sh.rfind(a, start, pos) > sh.rfind(b, start, pos) for a, b in (("（", "）"), ("(", ")"), ("《", "》")))


def _marks(seg: Segmented, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(position, year, is it a base) of every year named in ``shadow[start:end]``, in order."""
    sh = seg.shadow
    doc_year = seg.doc.year
    marks: list[tuple[int, int, bool]] = []
    for m in _YEAR.finditer(sh, start, end):
        if _RANGE_END.search(sh, max(start, m.start() - 7), m.start()) or _RANGE_START.match(sh, m.end()) \
                or _enclosed(sh, start, m.start()):
            continue  # 三年行动计划（2021—2023年）, 《…2035年…》: the period of a plan named, not the figure's year
        marks.append((m.start(), int(m.group(1)), bool(_BASE_BEFORE.search(sh, max(start, m.start() - 3), m.start()))))
    if doc_year:
        for m in _LAST_YEAR.finditer(sh, start, end):
            is_base = bool(_BASE_BEFORE.search(sh, max(start, m.start() - 3), m.start()))
            marks.append((m.start(), doc_year - 1, is_base))
        for m in _THIS_YEAR.finditer(sh, start, end):
            marks.append((m.start(), doc_year, False))
    return sorted(marks)
