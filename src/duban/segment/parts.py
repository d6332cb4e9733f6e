"""Which part of a report each section and sentence belongs to: the review of the past (回顾), the plan of
this year, or a multi-year plan (十四五, 今后五年); and, inside a part, the sentences that report last year's
results (过去一年，… / 2024年，… without a review heading) or plan this year (今年… inside a review chapter).
Filled once per document by ``segment()``."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .horizon import section_horizon as _horizon

if TYPE_CHECKING:
    from . import Segmented

_DEFAULT_PARTS = {"completion_report": "review", "progress_report": "review", "five_year": "multi_year"}


def default_part(kind: str) -> str:
    return _DEFAULT_PARTS.get(kind, "plan")


_REVIEW = re.compile(r"回顾|过去|成就|总结|所做|工作情况|取得|主要工作(?!安排|任务)|执行情况|完成情况")
_MULTI = re.compile(r"十[一二三四五六七八]五|五年|中长期|远景|时期|规划纲要")
_PLAN = re.compile(r"今年|本年|明年|安排|任务|部署|建议|预期目标|主要目标|重点工作|工作重点|要点|计划")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)年")
_SUMMARY_TITLE = re.compile(r"工作总结|年终总结|总结报告")


def assign_parts(seg: Segmented) -> None:
    doc = seg.doc
    default = default_part(doc.kind)
    previous = None
    top_level = min((s.level for s in seg.sections), default=0)
    summary = doc.kind == "work_report" and _SUMMARY_TITLE.search(doc.title or "") is not None
    for sec in seg.sections:
        if sec.parent is not None:
            parent = seg.sections[sec.parent]
            sec.part = parent.part
            if sec.horizon is None:
                sec.horizon = _horizon(sec.title, doc.year) if sec.part == "multi_year" else None
            continue
        title = seg.shadow[sec.span[0]:sec.span[1]]
        part = _classify(title, doc.year) if sec.level == top_level and doc.kind in (
            "work_report", "unknown", "work_plan") else None
        if part is None and summary and previous in (None, "review"):
            part = "review"  # a 工作总结和…工作打算: topical chapters review the year until the 打算 chapter
        if part is None:
            part = "plan" if previous == "review" else (previous or default)
        sec.part = part
        sec.horizon = _horizon(title, doc.year) if part == "multi_year" else None
        previous = part


_PRESENT_OPENER = re.compile(r"(?:在?今年|本年|新的一年|做好今年|(19|20)\d\d年(?!以来|来|间))")


def mark_present(seg: Segmented) -> None:
    """In a work report's review part, a paragraph that opens with this year (今年…, 1994年…, 新的一年…)
    and the rest of its section plan the year, as in 一、1993年国内工作的回顾和1994年工作的基本方针."""
    year = seg.doc.year
    if seg.doc.kind != "work_report" or not year:
        return
    present_until = -1
    for sent in seg.sentences:
        if sent.is_heading or seg.part(sent.section) != "review":
            continue
        s, e = sent.span
        if s < present_until:
            sent.present = True
            continue
        if s > 0 and seg.text[s - 1] not in "\n\u3000 \t":
            continue  # only a paragraph's first sentence opens a new part
        m = _PRESENT_OPENER.match(seg.shadow, s, e)
        if m and (not m.group(1) or int(seg.shadow[m.start():m.start() + 4]) == year):
            top = seg.top(sent.section)
            present_until = seg.sections[top].body[1] if top is not None else len(seg.text)
            sent.present = True


_NEWLINE = re.compile("\n")
_PAST_OPENER = re.compile(r"(?:去年|上年|过去一年|一年来|过去的一年|(19|20)\d\d年)")


def mark_past(seg: Segmented) -> None:
    """In plan parts, a sentence that opens with last year (过去一年，… / 2010年，…) and the sentences
    after it on the same line report results, not commitments."""
    past_line = -2  # the index of the line that opened with last year (-2: none yet)
    breaks = [m.start() for m in _NEWLINE.finditer(seg.text)]
    for sent in seg.sentences:
        if sent.is_heading or seg.sentence_part(sent) == "review":
            continue
        line = bisect_right(breaks, sent.span[0])  # the sentence's line (no scan back through a long line)
        m = _PAST_OPENER.match(seg.shadow, *sent.span)
        if m and (not m.group(1) or not seg.doc.year or int(seg.shadow[m.start():m.start() + 4]) < seg.doc.year):
            past_line = line
        sent.past = line == past_line


_CHAPTER = re.compile(r"\s*(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+(?:部分|章))")
_REVIEW_PARA = re.compile(r"(?:过去一年|过去的一年|一年来|去年|上一年|过去五年|五年来|本届政府|(19|20)\d\d年)")
_PLAN_PARA = re.compile(r"(?:今年|本年|新的一年|做好今年|今后五年|未来五年|展望|(19|20)\d\d年)")


def mark_review_prose(seg: Segmented) -> None:
    """A work report that reviews the past year without a heading saying so (2025年，全省…; 过去一年，…)
    reports results from that paragraph until one opens with this year (今年…, 2026年是…, 今年经济社会发展的
    主要预期目标是…) or a heading: those sentences are marked ``past`` and give measurements, never targets."""
    year = seg.doc.year
    if seg.doc.kind != "work_report" or not year or any(sec.part == "review" for sec in seg.sections):
        return
    reviewing = False
    for sent in seg.sentences:
        s, e = sent.span
        if sent.is_heading:
            # 一年来，我们主要做了以下工作。⏎一是着力扩大有效需求。…: a part heading that names no period goes on
            # reviewing; a chapter heading (二、…) or one that names this year's work ends it
            title = seg.shadow[s:e]
            reviewing = reviewing and _classify(title, year) is None and not _CHAPTER.match(title)
            continue
        if s == 0 or seg.text[s - 1] in "\n\u3000 \t":  # a paragraph's first sentence may turn the page
            past = _REVIEW_PARA.match(seg.shadow, s, e)
            present = _PLAN_PARA.match(seg.shadow, s, e)
            if past and (not past.group(1) or int(seg.shadow[past.start():past.start() + 4]) < year):
                reviewing = True
            elif present and (not present.group(1) or int(seg.shadow[present.start():present.start() + 4]) >= year):
                reviewing = False
        if reviewing:
            sent.past = True


def _classify(title: str, year: int | None) -> str | None:
    years = [int(y) for y in _YEAR.findall(title)]
    if _MULTI.search(title) and not _REVIEW.search(title):
        return "multi_year"
    if _REVIEW.search(title) or (year and years and max(years) < year):
        return "review"
    if _PLAN.search(title) or (year and years and max(years) >= year):
        return "plan"
    return None


__all__ = ["assign_parts", "default_part", "mark_past", "mark_present", "mark_review_prose"]
