"""Text files wrapped at a fixed width (a PDF copied or dumped as text, an e-mail body): the line breaks
inside a paragraph are put back together, so that 城镇调⏎查失业率 reads 城镇调查失业率.

A file is hard-wrapped when at least 40 % of its lines of 16 characters or more share one length W (±1)
(60 % when it has fewer than eight such lines, at least three) and those lines mostly do not end a sentence.
A line of about W characters then continues into the next, unless the next one opens a paragraph: an indent,
an outline marker (一、 （二） 3. ——), a title-like short line. Joined lines get nothing between Chinese
characters and one space between Latin letters or digits. Files that are not hard-wrapped are returned
unchanged (the text of a .txt is otherwise left as decoded).
"""

from __future__ import annotations

import re
from collections import Counter

_MIN_LINE = 16
_TABLE_ROW = re.compile(r"\S\s*\|\s*\S.*\|")  # a row of cells (编号 | 目标任务 | 完成情况 |)
_SHARE = 0.4
_MANY = 8  # long lines from which _SHARE of them at one width shows a wrap
_FEW, _SHARE_FEW = 3, 0.6  # a short file: at least 3 long lines, and 60 % of them at one width
_SENTENCE_END = "。！？；：!?;:"
_OPENS = re.compile(
    r"^(?:[\s\u3000]|[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[.、．](?!\d)|——|第[一二三四五六七八九十]+[章节部分条])"
)


def wrap_width(lines: list[str]) -> int | None:
    """The width a text was hard-wrapped at, or None."""
    # (a table's rows are never wrapped prose; a line without a bar is none, and is not searched)
    prose = [ln.rstrip() for ln in lines if "|" not in ln or not _TABLE_ROW.search(ln)]
    long = [len(ln) for ln in prose if len(ln) >= _MIN_LINE]
    if len(long) < _FEW:
        return None
    width, _ = Counter(long).most_common(1)[0]
    full = [ln for ln in prose if width - 1 <= len(ln) <= width]
    # (a short file must show it more plainly: most of its long lines, and at least _FEW, at one width)
    share = _SHARE if len(long) >= _MANY else _SHARE_FEW
    if len(full) < max(share * len(long), _FEW) or width < _MIN_LINE:
        return None
    mid_sentence = sum(1 for ln in full if ln[-1] not in _SENTENCE_END)
    return width if mid_sentence >= 0.6 * len(full) else None


def rewrap(text: str) -> str:
    lines = text.split("\n")
    width = wrap_width(lines)
    if width is None:
        return text
    out: list[str] = [lines[0]]
    for line in lines[1:]:
        prev = out[-1].rstrip()
        if len(prev) >= width - 1 and line.strip() and not _OPENS.match(line) and prev[-1] not in _SENTENCE_END \
                and not _TABLE_ROW.search(prev) and not _TABLE_ROW.search(line):
            latin = prev[-1].isascii() and prev[-1].isalnum() and line[:1].isascii() and line[:1].isalnum()
            joint = " " if latin else ""
            out[-1] = prev + joint + line
        else:
            out.append(line)
    return "\n".join(out)
