"""Segment a document: outline (一、 / （一） / 1. / （1） / lead sentences), parts
(review, plan, multi-year), sentences.

Input: a Document. Output: a Segmented view over the document with spans into its text.
Chrome spans (page furniture found by the reader) are never segmented.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate

from ..lang.textnorm import shadow
from ..records import Document, Section, Sentence, Span
from .horizon import five_year_span as five_year_span
from .horizon import sentence_horizon as sentence_horizon
from .outline import SENT_END as _SENT_END
from .outline import ends_list as _ends_list
from .outline import heading as _heading
from .outline import list_item as _list_item
from .outline import marker_of
from .parts import assign_parts, mark_past, mark_present, mark_review_prose
from .parts import default_part as _default_part

LEAD_LEVEL = 5
_DIGIT = re.compile(r"\d")
_LEAD_MAX = 24
_DASH_LEAD = re.compile(r"[-—]{1,2}")
# (match() anchors at its pos argument; a "^" would only match at the start of the whole text)
_TABLE_ROW = re.compile(r"\s*\|?[^|\n]*\|[^|\n]*\|")
_TITLE_LINES = 4
_DELIVERED = re.compile(r"[-—\s]*(?:19|20)\d\d\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日在[^。]{0,50}(?:会议|大会)上")
_TITLE_LINE = re.compile(r"[^，。；！？\n]{4,50}(?:报告|计划|要点|情况|规划|纲要|方案|安排|清单|目标|总结)$")



@dataclass(slots=True)
class Segmented:
    doc: Document
    shadow: str
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Lines of `| … |` tables: (line span, [cell spans]).
    table_rows: list[tuple[Span, list[Span]]] = field(default_factory=list)
    quantities: list | None = None  # every Quantity of the text, filled once by the extract stage
    quantity_starts: list[int] | None = None  # their start offsets, for bisecting
    headline: list[Span] = field(default_factory=list)  # passages setting the main targets (extract/tiers.py)
    trailing_hedges: list[Span] = field(default_factory=list)  # …，努力争取更好结果 after a target's figures
    _starts: list[int] = field(default_factory=list)
    _paths: dict[int | None, list[str]] = field(default_factory=dict)
    _sentence_starts: list[int] | None = None
    _lead_starts: dict[int, int] | None = None
    year_turns: dict[int, int] = field(default_factory=dict)  # extract/period.py: where a review turns to the year
    paragraph_years: dict[int, int | None] = field(default_factory=dict)  # extract/period.py: by sentence start
    # ``headline`` sorted by start with the running maximum of the ends, and the list it was made from
    _headline_index: tuple[list[Span], list[int], list[int]] | None = None

    def _headline_reach(self) -> tuple[list[int], list[int]]:
        index = self._headline_index
        if index is None or index[0] is not self.headline or len(index[1]) != len(self.headline):
            ordered = sorted(self.headline)
            index = self._headline_index = (self.headline, [a for a, _ in ordered],
                                            list(accumulate((b for _, b in ordered), max)))
        return index[1], index[2]

    def headline_holds(self, pos: int) -> bool:
        """Is ``pos`` inside a headline passage (``a <= pos < b`` for one of them)? (Bisected: a long document
        has hundreds.)"""
        starts, reach = self._headline_reach()
        i = bisect_right(starts, pos)
        return i > 0 and reach[i - 1] > pos

    def headline_overlaps(self, s: int, e: int) -> bool:
        """Does a headline passage overlap ``s``–``e`` (``s < b and a < e`` for one of them)?"""
        starts, reach = self._headline_reach()
        i = bisect_left(starts, e)
        return i > 0 and reach[i - 1] > s

    def last_lead_start(self, sid: int) -> int | None:
        """Where the last lead-sentence subsection (项目攻坚再发力。) of section ``sid`` starts, if any."""
        if self._lead_starts is None:
            self._lead_starts = {}
            for child in self.sections:
                if child.parent is not None and child.marker == "":
                    prev = self._lead_starts.get(child.parent, -1)
                    self._lead_starts[child.parent] = max(prev, child.span[0])
        return self._lead_starts.get(sid)

    def sentence_starts(self) -> list[int]:
        """Start offsets of ``sentences`` (which are sorted), for bisecting."""
        if self._sentence_starts is None:
            self._sentence_starts = [s.span[0] for s in self.sentences]
        return self._sentence_starts

    @property
    def text(self) -> str:
        return self.doc.text

    def section(self, sid: int | None) -> Section | None:
        return self.sections[sid] if sid is not None else None

    def top(self, sid: int | None) -> int | None:
        """The outermost section holding section ``sid`` (None outside every section)."""
        while sid is not None and self.sections[sid].parent is not None:
            sid = self.sections[sid].parent
        return sid

    def path(self, sid: int | None) -> list[str]:
        """Titles of the section and its ancestors, outermost first (a fresh list each call)."""
        if sid not in self._paths:
            out: list[str] = []
            node = sid
            while node is not None:
                sec = self.sections[node]
                out.append(sec.title)
                node = sec.parent
            self._paths[sid] = out[::-1]
        return list(self._paths[sid])

    def part(self, sid: int | None) -> str:
        if sid is None:
            if self.doc.kind == "work_report" and any(s.level == 1 for s in self.sections):
                return "other"  # a work report's preamble (现在，我代表…向大会报告工作) before its first heading
            return _default_part(self.doc.kind)
        return self.sections[sid].part

    def sentence_part(self, sent: Sentence) -> str:
        """The part a sentence belongs to: its section's, except this year's plans inside a review part."""
        return "plan" if sent.present else self.part(sent.section)

    def horizon(self, sid: int | None) -> int | None:
        while sid is not None:
            if self.sections[sid].horizon is not None:
                return self.sections[sid].horizon
            sid = self.sections[sid].parent
        return self.doc.year

    def section_at(self, pos: int) -> int | None:
        """Innermost section whose body contains ``pos``."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0:
            sec = self.sections[i]
            if sec.body[0] <= pos < sec.body[1]:
                return i
            i = sec.parent if sec.parent is not None else -1
            if i == -1:
                break
        return None


def _lines(text: str, chrome: list[Span]) -> list[Span]:
    out: list[Span] = []
    pos = 0
    chrome = sorted(chrome)
    first = 0  # the first chrome span that may still reach the current line (lines and spans both ascend)
    for line in text.split("\n"):
        s, e = pos, pos + len(line)
        pos = e + 1
        while first < len(chrome) and chrome[first][1] <= s:
            first += 1
        k = first
        while k < len(chrome) and chrome[k][0] < e:  # clip chrome away
            cs, ce = chrome[k]
            k += 1
            if cs <= s and ce >= e:
                s = e
                break
            if cs <= s < ce:
                s = ce
            elif s < cs < e:
                e = cs
        while s < e and text[s] in " \t\u3000\xa0\ufeff":
            s += 1
        while e > s and text[e - 1] in " \t\u3000\xa0\r":
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def segment(doc: Document) -> Segmented:
    text = doc.text
    sh = shadow(text)
    seg = Segmented(doc=doc, shadow=sh)
    stack: list[int] = []  # open sections, outermost first
    lead_candidates: list[tuple[int | None, int, int, int]] = []  # (parent, lead start, lead end, para end)
    lines_seen = 0  # a title line is one of the first lines of the text
    lines = _lines(sh, doc.chrome)  # the shadow: soft line breaks (textnorm) do not end a line
    item_line, item_level = -2, 0  # the last numbered line read as a list item, and its level
    for i, (s, e) in enumerate(lines):
        if _TABLE_ROW.match(sh, s, e) and sh.count("|", s, e) >= 2:
            cells = _cells(sh, s, e)
            seg.table_rows.append(((s, e), cells))
            for cs, ce in cells:
                _split_sentences(seg, sh, cs, ce, stack[-1] if stack else None)
            continue
        head = _heading(sh, s, e)
        if head is None and lines_seen < _TITLE_LINES and _DELIVERED.match(sh, s, e):
            lines_seen += 1  # ——2025年1月18日在某省第十四届人民代表大会第三次会议上: the title block
            seg.sentences.append(Sentence((s, e), stack[-1] if stack else None, is_heading=True))
            continue
        if head is None and lines_seen < _TITLE_LINES and _TITLE_LINE.match(sh, s, e) and e - s <= 50:
            lines_seen += 1
            seg.sentences.append(Sentence((s, e), stack[-1] if stack else None, is_heading=True))
            continue
        lines_seen += 1
        previous = item_level if item_line == i - 1 else None  # the line before was a list item of this level
        if head and (_list_item(sh, lines, i, head) or _ends_list(sh, head, e, previous)):
            item_line, item_level = i, head[0]
            # (its sentences only: a list item is no lead of a paragraph, whatever its length)
            _split_sentences(seg, sh, s + len(marker_of(sh, s, head)), e, stack[-1] if stack else None)
            continue
        if head:
            level, marker, title_end = head
            while stack and seg.sections[stack[-1]].level >= level:
                _close(seg, stack.pop(), s)
            sid = len(seg.sections)
            title = text[s + len(marker): title_end].strip() if marker else text[s:title_end].strip()
            seg.sections.append(
                Section(sid, level, marker, title, (s, title_end), (s, len(text)), stack[-1] if stack else None)
            )
            stack.append(sid)
            seg.sentences.append(Sentence((s, title_end), sid, is_heading=True))
            body_start = title_end + 1 if title_end < e else e
            if body_start < e:
                _paragraph(seg, sh, body_start, e, stack, lead_candidates)
            continue
        _paragraph(seg, sh, s, e, stack, lead_candidates)
    while stack:
        _close(seg, stack.pop(), len(text))
    _adopt_leads(seg, lead_candidates)
    assign_parts(seg)
    seg.sentences.sort(key=lambda x: x.span)
    mark_present(seg)
    mark_past(seg)
    mark_review_prose(seg)
    seg._starts = [sec.body[0] for sec in seg.sections]
    return seg


def _close(seg: Segmented, sid: int, end: int) -> None:
    sec = seg.sections[sid]
    sec.body = (sec.body[0], end)


def _cells(sh: str, s: int, e: int) -> list[Span]:
    """Cell spans of a `a | b | c |` (or `| a | b |`) line. Empty cells inside the row are kept (as
    empty spans) so that columns stay aligned; the nothing before a leading or after a trailing pipe
    is not a cell."""
    cells: list[Span] = []
    pos = s
    for i in range(s, e + 1):
        if i == e or sh[i] == "|":
            cs, ce = pos, i
            while cs < ce and sh[cs] == " ":
                cs += 1
            while ce > cs and sh[ce - 1] == " ":
                ce -= 1
            cells.append((cs, ce))
            pos = i + 1
    if cells and cells[0][0] == cells[0][1] and sh[s:e].lstrip().startswith("|"):
        cells.pop(0)
    if cells and cells[-1][0] == cells[-1][1]:
        cells.pop()
    return cells


def _paragraph(seg: Segmented, sh: str, s: int, e: int, stack: list[int], leads: list) -> None:
    parent = stack[-1] if stack else None
    first = _SENT_END.search(sh, s, e)
    dash = _DASH_LEAD.match(sh, s, e)
    lead_s = dash.end() if dash else s
    if first and first.start() - lead_s <= _LEAD_MAX and "，" not in sh[lead_s:first.start()]:
        span_text = sh[lead_s:first.start()]
        if span_text and not _DIGIT.search(span_text) and sh[first.start()] == "。":
            leads.append((parent, lead_s, first.start(), e))
    _split_sentences(seg, sh, s, e, parent)


def _split_sentences(seg: Segmented, sh: str, s: int, e: int, sid: int | None) -> None:
    pos = s
    for m in _SENT_END.finditer(sh, s, e):
        if m.start() > pos:
            seg.sentences.append(Sentence((pos, m.start()), sid))
        pos = m.end()
        while pos < e and sh[pos] in " ":
            pos += 1
    if pos < e:
        seg.sentences.append(Sentence((pos, e), sid))


def _adopt_leads(seg: Segmented, leads: list) -> None:
    """Short first sentences of paragraphs become sections when the document uses them as a
    style: at least two under the same heading (or three in a document without headings).
    Linear in the document: sentences are grouped by parent once and placed by bisecting."""
    by_parent: dict[int | None, list] = {}
    for cand in leads:
        by_parent.setdefault(cand[0], []).append(cand)
    sentences_of: dict[int | None, list[Sentence]] = {}
    for sent in seg.sentences:
        sentences_of.setdefault(sent.section, []).append(sent)
    for parent, cands in by_parent.items():
        if len(cands) < (2 if parent is not None else 3):
            continue
        level = (seg.sections[parent].level if parent is not None else 0) + LEAD_LEVEL
        sibling_ids = []
        for _, ls, le, pe in sorted(cands, key=lambda c: c[1]):
            sibling_ids.append(len(seg.sections))
            seg.sections.append(Section(len(seg.sections), level, "", seg.text[ls:le], (ls, le), (ls, pe), parent))
        # Each lead's body runs to the next sibling lead (paragraphs after a lead belong to it).
        parent_end = seg.sections[parent].body[1] if parent is not None else len(seg.text)
        for a, b in zip(sibling_ids, [*sibling_ids[1:], None], strict=True):
            end = seg.sections[b].span[0] if b is not None else parent_end
            seg.sections[a].body = (seg.sections[a].span[0], end)
        starts = [seg.sections[i].body[0] for i in sibling_ids]
        for sent in sentences_of.get(parent, ()):
            k = bisect_right(starts, sent.span[0]) - 1
            if k >= 0 and sent.span[0] < seg.sections[sibling_ids[k]].body[1]:
                sec = seg.sections[sibling_ids[k]]
                sent.section = sec.id
                if sent.span == sec.span:
                    sent.is_heading = True
    # Keep sections ordered by position so that section_at can bisect.
    order = sorted(range(len(seg.sections)), key=lambda i: (seg.sections[i].body[0], seg.sections[i].level))
    remap = {old: new for new, old in enumerate(order)}
    seg.sections = [seg.sections[i] for i in order]
    for new, sec in enumerate(seg.sections):
        sec.id = new
        sec.parent = remap[sec.parent] if sec.parent is not None else None
    for sent in seg.sentences:
        if sent.section is not None:
            sent.section = remap[sent.section]
