"""When a target is due: a multi-year section's end (“十四五”, 到2025年, 今后五年), a sentence's own end year
(到2035年, 争取1997年粮食产量达到4.75亿吨) or its five-year span (五年新增装机容量6500万千瓦)."""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang.lexicon import alt

_FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}
_BY_YEAR = re.compile(r"到((?:19|20)\d\d)年")
# Each five-year plan's name, its end, and the ways a sentence names its end or its span (“十四五”末, 十四五期间, …)
_FIVE_YEAR_MARKS = tuple(
    (name, end, tuple(f"{name}{q}{w}" for q in ("", "”") for w in ("末", "期间", "时期")),
     tuple(f"{name}{q}{w}" for q in ("", "”") for w in ("期间", "时期")))
    for name, end in _FIVE_YEAR_END.items())


def section_horizon(title: str, year: int | None) -> int | None:
    """The year a section's targets are due, from its title; none when the title also names the plan's own year
    (今后五年的目标任务和2022年工作安排, “十四五”时期目标和今年重点工作): its sentences say which is which."""
    if year and (f"{year}年" in title or _THIS_YEAR.search(title)):
        return None
    for name, end in _FIVE_YEAR_END.items():
        if name in title:
            return end
    m = _BY_YEAR.search(title)
    if m:
        return int(m.group(1))
    if year and re.search(r"今后五年|未来五年|五年", title):
        return year + 4
    return None


_DUE_YEAR = re.compile(
    # (the look-behind follows the first digit, so that the pattern opens with a literal ``re`` can skip to)
    r"((?:1(?<![\d从由比较]1)9|2(?<![\d从由比较]2)0)\d\d)年(?:底|末|前|以前)?(?:[，,]?(?:全国|全省|全市|全区|全县|我国|我省|我市))?"
    r"[^，。；0-9]{0,16}?(?:将|要|力争|争取|确保|预计|达到|突破|超过|实现)"
)
_FIVE_YEARS = re.compile(lx.FIVE_YEAR_SPAN)
_THIS_YEAR = re.compile(alt(lx.THIS_YEAR_WORDS))


def five_year_span(text: str) -> bool:
    """Does ``text`` set an amount over five years (今后五年…, 五年新增…, 五年内…) with no this-year word after
    it (五年淘汰1亿吨，今年淘汰3000万吨: the year's part is the year's)?"""
    if "五年" not in text:  # (every match holds it; the pattern opens with look-behinds ``re`` cannot skip by)
        return False
    ends = [m.end() for m in _FIVE_YEARS.finditer(text)]
    return bool(ends) and not _THIS_YEAR.search(text, ends[-1])


def year_part(text: str) -> bool:
    """Does ``text`` (a target's words before one of its figures) turn from a five-year amount to this year's
    (五年淘汰落后炼铁产能1亿吨…，今年力争分别淘汰)?"""
    if "五年" not in text:
        return False
    ends = [m.end() for m in _FIVE_YEARS.finditer(text)]
    return bool(ends) and _THIS_YEAR.search(text, ends[-1]) is not None


def sentence_horizon(sentence: str, default: int | None, year: int | None = None,
                     lead: str | None = None) -> int | None:
    """A sentence that names its own end year (到2035年, “十四五”末, 2015年国内生产总值将超过55万亿元,
    争取1997年粮食产量达到4.75亿吨) overrides its section when that year is later; one that sets a five-year
    amount (五年新增装机容量6500万千瓦) is due four years after the plan's ``year``. ``lead``: the text the
    five-year words are looked for in (the sentence up to the target's first figure), else ``sentence``."""
    due = _DUE_YEAR.search(sentence) if "年" in sentence else None  # (every match holds 年)
    if due and default and int(due.group(1)) > default:
        return int(due.group(1))
    if "到" in sentence or "五" in sentence:
        m = _BY_YEAR.search(sentence)
        if m and (not default or int(m.group(1)) >= default):  # 到1992年底已有… in a 1993 plan: no end year
            return int(m.group(1))
        for name, end, marks, _spans in _FIVE_YEAR_MARKS:
            if name in sentence and any(mark in sentence for mark in marks):
                return end
    if lead is not None and "到" in lead:  # 到2025年，全市白酒产业产值突破2000亿元: the year leads the sentence
        m = _BY_YEAR.search(lead)
        if m and default and int(m.group(1)) > default and not _THIS_YEAR.search(lead, m.end()):
            return int(m.group(1))
    if lead is not None and "五" in lead:  # “十四五”时期，…主要目标是：A年均增长6%，B达到2.5%: every target after it
        for name, end, _marks, spans in _FIVE_YEAR_MARKS:
            if name not in lead:
                continue  # (no mark of it either)
            at = max(lead.find(span) for span in spans)
            if at >= 0 and not _THIS_YEAR.search(lead, at) and (default is None or end > default):
                return end
    if year and (default is None or default < year + 4) and five_year_span(sentence if lead is None else lead):
        return year + 4
    return default


__all__ = ["five_year_span", "section_horizon", "sentence_horizon", "year_part"]
