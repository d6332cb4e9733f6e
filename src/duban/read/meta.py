"""Title, jurisdiction, year and kind of a document, read from its non-chrome text.

General rules over the wording Chinese government documents share (titles such as
``宁波市镇海区人民政府2022年工作计划``, openings such as ``各位代表`` and ``我代表…人民政府``, headings
such as ``二、2010年主要任务``); nothing here knows any particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.read.chrome import line_spans
from duban.read.places import find_jurisdiction
from duban.records import Span


@dataclass(slots=True)
class Meta:
    title: str | None
    jurisdiction: str | None
    year: int | None
    kind: str


_CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0"}
YEAR = r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年"
_YEAR_RE = re.compile(YEAR)
OUTLINE = (
    r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[、.．]"
    r"|第[一二三四五六七八九十\d]{1,3}[章节部分篇])"
)
_OUTLINE_RE = re.compile(rf"^\s*{OUTLINE}")
_TITLE_WORDS = re.compile(r"报告|计划|要点|情况|规划|纲要|方案|安排|目标|清单|分解|分工|台账|总结|思路")
_TITLE_JUNK_PREFIX = re.compile(r"^\d{1,3}\s*[-_]\s*(?=\d{4}年|[\u4e00-\u9fff])")

# a part of the year: 上半年, 前三季度, 一季度, 1-9月, 1至11月, 一至十月
_PERIOD = (
    r"(?:上半年|前三季度|[一二三四1-4]季度|季度|半年|1\s*[-—–~至到]\s*\d{1,2}\s*月|一至[二三四五六七八九十]{1,2}月)"
)
_PERIOD_RE = re.compile(_PERIOD)
_PROGRESS = re.compile(
    rf"{_PERIOD}.{{0,20}}(?:进展|完成情况|推进情况|执行情况|落实情况)"
    rf"|(?:进展|完成情况|推进情况|执行情况|落实情况).{{0,6}}{_PERIOD}"
)
_COMPLETION = re.compile(r"完成情况|执行情况|落实情况|完成进度|进展情况|推进情况")
_SUMMARY = re.compile(r"工作总结|年终总结|总结报告")
_BREAKDOWN = re.compile(r"分解|分工|责任清单|任务清单|责任表|台账")
_FIVE_YEAR = re.compile(r"五年规划|规划纲要|五年发展规划|“?十[一二三四五六七八九]五”?.{0,6}规划|远景目标")
_WORK_REPORT = re.compile(r"政府工作报告")
_WORK_PLAN = re.compile(
    r"工作计划|工作要点|工作安排|工作思路|工作打算|发展计划|行动计划|工作方案|实施方案|计划草案|重点工作"
)
_HEADER_DONE = re.compile(r"完成情况|已完成|完成数|完成值|实际完成|进展情况|推进情况|执行情况|落实情况")
_HEADER_DUTY = re.compile(r"牵头单位|责任单位|责任部门|牵头部门|配合单位|责任领导|完成时限")
_OPENING = re.compile(r"^各位代表|^我代表|我代表.{0,12}(?:人民政府|国务院).{0,12}(?:报告|审议)")
_FIVE_YEAR_BODY = re.compile(
    r"今后五年|未来五年|五年规划|规划纲要|“十[一二三四五六七八九]五”(?:时期|期间)?(?:的)?(?:主要)?(?:目标|任务|发展)"
)

_PLAN_HEAD = re.compile(
    rf"^\s*(?:{OUTLINE})?\s*{YEAR}(?:度)?(?:的)?(?:全\S|我\S)?(?:主要|重点|工作|经济社会发展|政府工作|总体|"
    r"国民经济和社会发展)*(?:任务|部署|安排|目标|工作|计划|要点|思路|建议|打算)"
)
_REVIEW_WORDS = re.compile(r"回顾|成就|成绩|总结|完成情况|过去|执行情况")
_REVIEW_HEAD = re.compile(rf"^\s*(?:{OUTLINE})?\s*{YEAR}.{{0,12}}(?:工作回顾|回顾|主要工作|工作总结|成就|完成情况)")
_THIS_YEAR = re.compile(rf"{YEAR}是[^。；！]{{2,60}}?(?:之年|第一年|开局年|起步年|攻坚年|收官年)")
_TARGETS_OF_YEAR = re.compile(
    rf"{YEAR}(?:国民经济和社会发展|经济社会发展|全[市区县省]经济社会发展)的?主要(?:预期)?目标"
)
# ——2024年1月23日在浙江省第十四届人民代表大会第二次会议上: a work report is given early in its year
_DELIVERED = re.compile(rf"{YEAR}\s*\d{{1,2}}\s*月\s*\d{{1,2}}\s*日在.{{0,40}}(?:人民代表大会|人代会)")
_FYP_NUMBER = re.compile(r"第?十([一二三四五六七八九])(?:个)?五(?:年)?")


def to_year(token: str) -> int | None:
    digits = "".join(_CN_DIGITS.get(c, c) for c in token)
    if not digits.isdigit():
        return None
    year = int(digits)
    return year if 1949 <= year <= 2100 else None


def content_lines(text: str, chrome: list[Span]) -> list[str]:
    """Stripped, non-blank lines of ``text`` that are not inside a chrome span."""
    out = []
    spans = sorted(chrome)
    k = 0
    for s, e in line_spans(text):
        while k < len(spans) and spans[k][1] < e:
            k += 1
        line = text[s:e].strip()
        if line and not (k < len(spans) and spans[k][0] <= s):
            out.append(line)
    return out


def title_like(line: str, max_len: int = 60) -> bool:
    q = line.strip()
    return (
        4 <= len(q) <= max_len
        and _TITLE_WORDS.search(q) is not None
        and not re.search(r"[。，；,;|:：！？!?]", q)
        and _OUTLINE_RE.match(q) is None
        and not q.startswith("各位代表")
    )


def clean_title(line: str) -> str:
    q = _TITLE_JUNK_PREFIX.sub("", line.strip())
    if q.startswith("《") and q.endswith("》"):
        q = q[1:-1]
    return q.strip()


def find_title(lines: list[str], hint: str | None = None) -> str | None:
    for line in lines[:10]:
        if len(line) > 100:
            break
        if title_like(clean_title(line)):
            return clean_title(line)
    if hint and 2 <= len(clean_title(hint)) <= 80 and not re.search(r"[。；]", hint):
        return clean_title(hint)
    return None


def find_kind(title: str | None, lines: list[str]) -> str:
    if title:
        if _PROGRESS.search(title):
            return "progress_report"
        if _COMPLETION.search(title) or (_SUMMARY.search(title) and not _WORK_PLAN.search(title)):
            return "completion_report"
        if _BREAKDOWN.search(title):
            return "task_breakdown"
        if _FIVE_YEAR.search(title):
            return "five_year"
        if _WORK_REPORT.search(title):
            return "work_report"
        if _WORK_PLAN.search(title):
            return "work_plan"
    header = next((ln for ln in lines[:40] if ln.count("|") >= 2), None)
    if header is not None:
        head = " ".join(lines[:3]) + header
        if _HEADER_DONE.search(header):
            return "progress_report" if _PERIOD_RE.search(head) else "completion_report"
        if _HEADER_DUTY.search(header):
            return "task_breakdown"
    if any(_OPENING.search(ln) for ln in _opening(lines)):
        return "work_report"
    if _FIVE_YEAR_BODY.search("".join(lines[:3])[:600]):
        return "five_year"
    if any(_WORK_REPORT.search(ln) for ln in lines[:5]):
        return "work_report"
    return "unknown"


def _opening(lines: list[str]) -> list[str]:
    """The short lines at the top (title, speaker, salutation) and the first paragraph."""
    out = []
    for ln in lines[:5]:
        out.append(ln)
        if len(ln) > 30:
            break
    return out


def _title_year(title: str, kind: str) -> int | None:
    if kind == "five_year":
        m = re.search(r"((?:19|20)\d{2})\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年", title)
        if m:
            return int(m.group(1))
        m = _FYP_NUMBER.search(title)
        if m:
            # 十一五 is the 11th plan (2006-2010); the 3rd started in 1966 and they run back to back since.
            return 1966 + 5 * (11 + "一二三四五六七八九".index(m.group(1)) - 3)
    years = [(m, to_year(m.group(1))) for m in _YEAR_RE.finditer(title)]
    years = [(m, y) for m, y in years if y is not None]
    if not years:
        return None
    if len(years) > 1 and kind not in ("completion_report", "progress_report"):
        planned = [y for m, y in years if re.match(r".{0,12}?(?:计划|要点|安排|思路|目标|任务|打算)", title[m.end() :])]
        if planned:
            return planned[-1]
    return years[0][1]


def find_year(title: str | None, lines: list[str], kind: str) -> int | None:
    if title:
        year = _title_year(title, kind)
        if year is not None:
            return year
    for ln in lines[:10]:
        m = _DELIVERED.search(ln)
        if m and (year := to_year(m.group(1))) is not None:
            return year
    heads = [ln for ln in lines if len(ln) <= 40 and not ln.endswith("。")]
    for ln in heads:
        m = _PLAN_HEAD.match(ln)
        if m and not _REVIEW_WORDS.search(ln):
            return to_year(m.group(1))
    for ln in heads:
        m = _REVIEW_HEAD.match(ln)
        if m and (year := to_year(m.group(1))) is not None:
            return year + 1
    for pattern in (_THIS_YEAR, _TARGETS_OF_YEAR):
        for ln in lines:
            m = pattern.search(ln)
            if m and (year := to_year(m.group(1))) is not None:
                return year
    return None


def describe(text: str, chrome: list[Span], title_hint: str | None = None) -> Meta:
    """Metadata of a decoded document; ``title_hint`` is a title from HTML/DOCX/PDF markup."""
    lines = content_lines(text, chrome)
    title = find_title(lines, title_hint)
    kind = find_kind(title, lines)
    return Meta(
        title=title,
        jurisdiction=find_jurisdiction(title, lines),
        year=find_year(title, lines, kind),
        kind=kind,
    )
