"""Completion reports laid out as labelled items: each item restates its target on an enumerated line (or
after a 目标任务：/任务： label) and gives its completion after a label of its own:

    一、经济运行
    1.新增城镇就业1.2万人
    完成情况：全年新增城镇就业1.35万人，完成年度目标的112.5%。
    2.加快中石化安工院建设
    进展情况：主体工程已封顶，正在进行内部装修。

Labels are recognised by the header words of completion tables (``column_role``: 完成情况/进展情况/落实情况/
推进情况/执行情况/工作进展 … are results; 目标任务/任务/工作目标 … are targets; 责任单位 … owners), followed by
``：``/``:`` or written as ``【完成情况】``. An item is an enumerated (一、/（一）/1./1、/（1）/①) or labelled
target line followed by a result label; an enumerated line that is not followed by a result label before the
next enumerated line is a heading, never a target. A result runs on over the lines after its label until an
enumerated line of the item's level or above, or the next target label. Each item becomes a statement of
the same shape as a row of ``编号 | 目标任务 | 完成情况``: the target without its enumerator or label, the result
without its label, so that linking and judging treat both layouts alike.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from ..lang.numerals import parse_chinese
from ..records import Sentence, Span
from ..segment import Segmented
from ..verdicts import Statement

# Enumerators by outline level (segment/outline.MARKERS' levels): 一、 (一) 1. (1) ①. On the shadow text, where
# full-width brackets and stops are ASCII.
_ENUMERATORS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(r"[一二三四五六七八九十]{1,3}、")),
    (2, re.compile(r"\([一二三四五六七八九十]{1,3}\)")),
    (3, re.compile(r"\d{1,3}(?:[.、](?![\d%])|\)(?!\d))")),
    (4, re.compile(r"\(\d{1,3}\)")),
    (5, re.compile(r"[\u2460-\u2473]")),  # ①…⑳
)
_LABEL = re.compile(r"【([^】\n]{2,8})】\s*|([^\s：，。；、()【】|]{2,8})\s*：\s*")
_INLINE_AFTER = "。；!？！ \t"  # a result label inside a target line follows the end of a sentence
_RESULT_ROLES = ("result", "actual", "ratio")
_TARGET_ROLES = ("task", "goal", "metric")
_KEPT_ROLES = ("owner", "deadline")  # labelled lines kept as cells of their item, not read as results
_TARGET_MAX = 300  # a target line longer than this is prose, not a restated target
MIN_ITEMS = 2


@dataclass
class _Line:
    span: Span  # the line without surrounding spaces
    level: int | None = None  # outline level of its enumerator
    number: Span | None = None  # the enumerator, when it has one
    body: int = 0  # where the text after the enumerator starts
    role: str | None = None  # the role of the label after the enumerator
    after_label: int = 0  # where the text after that label starts
    label_at: int = 0  # where the label starts


@dataclass
class _Item:
    target_line: _Line | None
    target: Span | None
    number: Span | None
    level: int | None
    result: Span
    start: int
    cells: dict[str, Span] = field(default_factory=dict)


def _lines(seg: Segmented) -> list[Span]:
    """Non-empty lines of the text outside page chrome, without surrounding spaces."""
    out, pos, sh = [], 0, seg.shadow
    chrome = seg.doc.chrome
    for raw in sh.split("\n"):
        s, e = pos, pos + len(raw)
        pos = e + 1
        while s < e and sh[s] in " \t\r":
            s += 1
        while e > s and sh[e - 1] in " \t\r":
            e -= 1
        if s < e and not any(a <= s and e <= b for a, b in chrome):
            out.append((s, e))
    return out


def _read_line(sh: str, span: Span, role_of: Callable[[str], str | None]) -> _Line:
    s, e = span
    line = _Line(span, body=s)
    for level, pat in _ENUMERATORS:
        m = pat.match(sh, s, e)
        if m:
            line.level, line.number = level, (s, m.end())
            line.body = m.end()
            while line.body < e and sh[line.body] == " ":
                line.body += 1
            break
    m = _LABEL.match(sh, line.body, e)
    if m:
        role = role_of(m.group(1) or m.group(2))
        if role is not None:
            line.role, line.label_at, line.after_label = role, m.start(), m.end()
    return line


def _inline_result(sh: str, line: _Line, role_of: Callable[[str], str | None]) -> tuple[int, int] | None:
    """A result label later in a target line (1.新增城镇就业1.2万人。完成情况：…): (label start, text start)."""
    e = line.span[1]
    for m in _LABEL.finditer(sh, line.body + 2, e):
        if sh[m.start() - 1] in _INLINE_AFTER and role_of(m.group(1) or m.group(2)) in _RESULT_ROLES:
            return m.start(), m.end()
    return None


def _trim(sh: str, s: int, e: int) -> Span:
    while s < e and sh[s] in " \t\r\n":
        s += 1
    while e > s and sh[e - 1] in " \t\r\n":
        e -= 1
    return s, e


def _ends_result(line: _Line, item: _Item) -> bool:
    """Does this line end the open item's result? A target label, or an enumerator of the item's level or
    above (a deeper one numbers the parts of the result)."""
    if line.role in _TARGET_ROLES or line.role in _RESULT_ROLES or line.role in _KEPT_ROLES:
        return True
    if line.level is None:
        return False
    return item.level is None or line.level <= item.level


def labelled_items(seg: Segmented, role_of: Callable[[str], str | None]) -> list[Statement]:
    """Statements of a labelled-item report, or [] when the document is not laid out so."""
    sh = seg.shadow
    lines = [_read_line(sh, span, role_of) for span in _lines(seg)]
    items: list[_Item] = []
    pending: list[_Line] = []  # enumerated or target-labelled lines since the last result
    current: _Item | None = None
    for line in lines:
        s, e = line.span
        if current is not None and not _ends_result(line, current):
            current.result = _extend(current.result, line.span)  # the result goes on
            continue
        if line.role in _KEPT_ROLES:
            if current is not None:
                current.cells[line.role] = _trim(sh, line.after_label, e)
            continue
        if line.role in _RESULT_ROLES:
            target_line = _target_line(pending)
            if target_line is None and current is not None and line.level is None:
                current.result = _extend(current.result, (line.after_label, e))  # a second result label
                continue
            current = _open(sh, target_line, _number(pending, target_line, line), line, (line.after_label, e))
            items.append(current)
            pending = []
            continue
        current = None
        if line.role in _TARGET_ROLES or (line.level is not None and line.role is None):
            inline = _inline_result(sh, line, role_of) if line.role is None else None
            if inline is not None:  # 1.新增城镇就业1.2万人。完成情况：…
                target = _trim(sh, line.body, inline[0])
                current = _Item(line, target, line.number, line.level, (inline[1], e), s)
                items.append(current)
                pending = []
                continue
            pending.append(line)
        else:
            pending = []  # prose between items: what came before is no target
    if sum(it.target is not None for it in items) < MIN_ITEMS:
        return []
    return _statements(seg, items)


def _extend(result: Span, more: Span) -> Span:
    """The result with the text of a further line (a result whose label line held nothing starts there)."""
    return (result[0], more[1]) if result[0] < result[1] else more


def _target_line(pending: list[_Line]) -> _Line | None:
    """The target of a result: a labelled target line since the last result, else the last enumerated line
    (the earlier ones are headings)."""
    labelled = [ln for ln in pending if ln.role in _TARGET_ROLES]
    if labelled:
        return labelled[-1]
    return pending[-1] if pending else None


def _number(pending: list[_Line], target_line: _Line | None, result_line: _Line) -> _Line | None:
    """The line whose enumerator numbers the item: the target's own, or the title line just before a
    labelled target (（一）新增城镇就业 / 目标任务：…), or the result line's (1.完成情况：…)."""
    if target_line is not None and target_line.number is not None:
        return target_line
    if target_line is not None:
        k = pending.index(target_line)
        if k > 0 and pending[k - 1].number is not None:
            return pending[k - 1]
    return result_line if result_line.number is not None else None


def _open(sh: str, target_line: _Line | None, numbered: _Line | None, result_line: _Line, result: Span) -> _Item:
    target = None
    if target_line is not None:
        start = target_line.after_label if target_line.role in _TARGET_ROLES else target_line.body
        target = _trim(sh, start, target_line.span[1])
        if target[1] - target[0] > _TARGET_MAX or target[0] == target[1]:
            target = None
    first = target_line or result_line
    if numbered is not None and numbered.span[0] < first.span[0]:
        first = numbered
    return _Item(target_line, target, numbered.number if numbered else None,
                 numbered.level if numbered else None, _trim(sh, *result), first.span[0])


def _row_number(sh: str, number: Span | None) -> int | None:
    if number is None:
        return None
    raw = re.sub(r"[().、\s]", "", sh[number[0]:number[1]])
    if len(raw) == 1 and "\u2460" <= raw <= "\u2473":
        return ord(raw) - 0x2460 + 1
    if raw.isdecimal():
        return int(raw)
    value = parse_chinese(raw)
    return int(value) if value is not None else None


def _statements(seg: Segmented, items: list[_Item]) -> list[Statement]:
    sh = seg.shadow
    numbers = [_row_number(sh, it.number) for it in items]
    # Items numbered afresh in every section (一、… 1. 2. 二、… 1. 2.) are numbered by their order instead.
    if None in numbers or len(set(numbers)) < len(numbers):
        numbers = list(range(1, len(items) + 1))
    out: list[Statement] = []
    for it, row in zip(items, numbers, strict=True):
        cells = dict(it.cells)
        cells["result"] = it.result
        if it.target is not None:
            cells["task"] = it.target
        if it.number is not None:
            cells["row"] = it.number
        out.append(Statement(len(out), (it.start, max(it.result[1], it.target[1] if it.target else 0)),
                             it.result, row, it.target, cells))
    return out


def split_at_cells(seg: Segmented, statements: list[Statement]) -> None:
    """Make each item's target and result start a sentence of their own, as table cells do: the enumerator
    (1.) and the label (完成情况：) before them become heading sentences, so the figures and evidence sentences
    of a result, and the targets read from a target cell, are that text alone. The segmenter took the
    enumerated target line, and the numbered parts of a result ((1)建成…), for headings: inside a cell they
    are text."""
    cells = sorted(span for st in statements for span in (st.target_span, st.result_span) if span and span[0] < span[1])
    if not cells:
        return
    cuts = [a for a, _ in cells]
    out: list[Sentence] = []
    for sent in seg.sentences:
        a, b = sent.span
        bounds = [a, *cuts[bisect_right(cuts, a):bisect_left(cuts, b)], b]
        for s, e in itertools.pairwise(bounds):
            k = bisect_right(cuts, s) - 1
            inside = k >= 0 and s < cells[k][1]  # the piece lies in a cell: text, not a heading
            heading = not inside and (sent.is_heading or e < b)  # before a cut: the enumerator or the label
            out.append(Sentence((s, e), sent.section, heading, sent.past, sent.present))
    seg.sentences = out
    seg._sentence_starts = None
