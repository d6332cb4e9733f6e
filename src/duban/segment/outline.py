"""The outline of a text: the markers that open a heading (一、 / （一） / 1. / （1） / 第一部分), and numbered lines
that state a target rather than title a section.

Work plans and 完成情况 reports often list their targets one per numbered line::

    一、主要目标
    1.地区生产总值增长6%左右。
    2.新增城镇就业1.2万人。
    （一）扩大有效投资
    1、实施重点项目100个，完成投资200亿元。
    2、加快中石化安工院建设。

The outline markers (1. / 1、 / （1）) make these look like headings, but a heading titles the text under it; a
line is a list item when

* its title holds a figure (新增城镇就业1.2万人: a heading names a field of work, not an amount), below the top
  level (一、 lines holding figures must also pass the next test), or
* nothing stands under it: the next line opens a heading of the same or a higher level (its sibling or the next
  section) or the text ends — and the title is a sentence (it ends with 。 or ；: a heading that ends the text or
  has no body, 聚焦做强实体，进一步完善现代产业体系, stays a heading).

A list item is read as a paragraph of the section it stands in, without its marker.
"""

from __future__ import annotations

import re

from ..lang.quantities import scan
from ..records import Span

MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"[一二三四五六七八九十]{1,3}、")),
    (2, re.compile(r"\([一二三四五六七八九十]{1,3}\)")),
    (3, re.compile(r"\d{1,2}[.、](?![\d%])")),
    (4, re.compile(r"\(\d{1,2}\)")),
    (1, re.compile(r"第[一二三四五六七八九十]{1,3}(?:部分|章|篇)\s*")),
)
SENT_END = re.compile(r"[。！？；!?]")


def heading(sh: str, s: int, e: int) -> tuple[int, str, int] | None:
    """(level, marker, title end) when the line opens with an outline marker."""
    for level, pat in MARKERS:
        m = pat.match(sh, s, e)
        if not m:
            continue
        if level == 3 and e - s > 80 and "，" in sh[m.end():min(e, m.end() + 30)]:
            return None  # "1、…" opening a long paragraph of prose: an enumeration, not a heading
        end = SENT_END.search(sh, m.end(), e)
        title_end = end.start() if end else e
        return level, sh[m.start():m.end()].strip(), title_end
    return None


def marker_of(sh: str, s: int, head: tuple[int, str, int]) -> str:
    """The marker of a heading line as written (its spaces included)."""
    n = len(head[1])
    while s + n < len(sh) and sh[s + n] in " \u3000":
        n += 1
    return sh[s:s + n]


def list_item(sh: str, lines: list[Span], i: int, head: tuple[int, str, int]) -> bool:
    """Is the numbered line ``lines[i]`` a target of a list rather than a heading (see the module docstring)?"""
    s, e = lines[i]
    level, _marker, title_end = head
    nxt = None
    if i + 1 < len(lines):
        ns, ne = lines[i + 1]
        nxt = heading(sh, ns, ne)
    return is_list_item(sh, s + len(marker_of(sh, s, head)), title_end, e, level,
                        nxt[0] if nxt is not None else None, i + 1 == len(lines))


_SENTENCE_END = "。；;"


def is_list_item(sh: str, title_start: int, title_end: int, line_end: int, level: int,
                 next_level: int | None, last: bool) -> bool:
    """``next_level``: the outline level of the next line when it opens a heading (None when it does not);
    ``last``: this is the last line of the text."""
    if sh[title_end + 1:line_end].strip():
        return False  # a title followed by its body on the same line: a heading
    nothing_under = last or (next_level is not None and next_level <= level)
    if level > 1 and _has_figure(sh, title_start, title_end):
        return True
    if not nothing_under:
        return False
    title = sh[title_start:title_end]
    if level == 1:
        return _has_figure(sh, title_start, title_end)
    return len(title.strip()) >= 6 and title_end < line_end and sh[title_end] in _SENTENCE_END


def ends_list(sh: str, head: tuple[int, str, int], line_end: int, previous_item_level: int | None) -> bool:
    """The last item of a numbered list that is one sentence alone (（十一）单位地区生产总值能耗降低完成国家下达任务。
    after （十）…；): the line before was an item of the same level, and nothing follows the sentence on its line —
    not the heading of the text below it."""
    level, _marker, title_end = head
    return (previous_item_level == level and title_end < line_end and sh[title_end] in _SENTENCE_END
            and not sh[title_end + 1:line_end].strip())


def _has_figure(sh: str, s: int, e: int) -> bool:
    return any(q.unit for q in scan(sh, s, e))
