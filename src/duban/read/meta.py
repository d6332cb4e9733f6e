"""Title, jurisdiction, year and kind of a document, read from its non-chrome text.

General rules over the wording Chinese government documents share (titles such as
``宁波市镇海区人民政府2022年工作计划``, openings such as ``各位代表`` and ``我代表…人民政府``, headings
such as ``二、2010年主要任务``); nothing here knows any particular document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duban.lang.textnorm import fold
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
_FIVE_YEAR = re.compile(
    r"五年规划|规划纲要|五年发展规划|“?十[一二三四五六七八九]五”?.{0,6}规划|远景目标|(?:今后|未来)五年"
    r"|(?:19|20)\d{2}\s*[-—–~至到]\s*(?:19|20)\d{2}\s*年.{0,8}(?:规划|目标)"
)
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
    rf"^\s*(?:{OUTLINE})?\s*(?:关于)?{YEAR}(?:度)?(?:的)?(?:全\S|我\S)?(?:主要|重点|工作|经济社会发展|政府工作|总体|"
    r"国民经济和社会发展)*的?(?:任务|部署|安排|目标|工作|计划|要点|思路|建议|打算)"
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
# The spaces a PDF, a Word file or a transcription leaves inside a date: 1 9 9 8 年, 2023 年 5 月.
_DATE_SPACES = re.compile(r"([\d.年月]) +(?=[\d年月日.])")  # kept: 年 年, 月 日 (see _drop_date_spaces)
_FOLDABLE = re.compile(
    r"[\uff01-\uff5e\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff\u2010-\u2015\u2212\ufe63\u301c\u00b7,;:]"
)
# Where the body starts: the salutation of a speech, or a sentence. A title sits above it.
_BODY_START = re.compile(r"^(?:各位代表|各位委员|同志们)|[。！？!?]")
# A title given in a page's metadata block: 标题: | … | · 标  题：… · 文件名称：…
_TITLE_FIELD = re.compile(
    r"(?:^|\|)\s*(?:文件|文章|信息)?(?:标\s*题|名\s*称|题\s*名)\s*[:：]\s*\|?\s*([^|]{4,80}?)\s*(?:\||$)"
)
# A work report opens with a review of the year before: its years in the opening say which year that was.
_REVIEW_OPENING = re.compile(r"过去(?:的)?(?:一|五)年|一年来|五年来|去年|回顾|取得|完成|实现")
_OPENING_CHARS = 1500
_AHEAD = re.compile(r"(?:到|至|比|较|于|从|由)$")  # 到2020年 (a goal), 比1980年 / 从1993年 (a baseline)
_AHEAD_AFTER = re.compile(r"(?:的)?(?:远景|以前|以后|之前|之后|前|后|左右)")  # 2035年远景目标, 2020年前
# Titles built from what is known when the text has none (the file name is only the last resort).
_KIND_TITLES = {
    "work_report": "政府工作报告",
    "work_plan": "工作计划",
    "completion_report": "工作完成情况",
    "progress_report": "工作进展情况",
    "task_breakdown": "重点工作任务分解",
}


def normalise(text: str) -> str:
    """A copy of ``text`` for the title and year patterns (never for spans): full-width forms as ASCII
    (``textnorm.fold``, the mapping of the shadow) and the spaces inside a date dropped: ``１９９１年`` →
    ``1991年``, ``1 9 9 8 年`` → ``1998年``, ``2023 年 5 月`` → ``2023年5月``. Line breaks stay."""
    if _FOLDABLE.search(text):
        text = fold(text)
    return _DATE_SPACES.sub(_drop_date_spaces, text)


def _drop_date_spaces(m: re.Match[str]) -> str:
    before = m.group(1)
    return before if before.isdigit() or before == "." or m.string[m.end()].isdigit() else m.group()


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


def find_title(lines: list[str], hint: str | None = None, top: list[str] | None = None) -> str | None:
    """The title: a title-like line above the body (before the salutation and the first sentence), else a
    ``标题:`` field of the page's metadata block (``top``: the first lines, chrome included), else ``hint``."""
    previous = ""
    for line in lines[:10]:
        if len(line) > 100 or _BODY_START.search(line):
            break
        # a line inside a book title broken over lines (《⏎中共中央关于…的建议⏎》) is a quoted document
        if title_like(normalise(clean_title(line))) and not previous.endswith("《"):
            return clean_title(line)
        previous = line
    for line in (top or [])[:40]:
        m = _TITLE_FIELD.search(line)
        if m and not re.search(r"[。；，]", m.group(1)) and not m.group(1).endswith((":", "：")):
            return clean_title(m.group(1))
    if hint and 2 <= len(clean_title(hint)) <= 80 and not re.search(r"[。；]", hint):
        return clean_title(hint)
    return None


def built_title(kind: str, year: int | None, place: str | None) -> str | None:
    """A title made of what is known, for a document that states none: ``1998年国务院政府工作报告`` (national),
    ``深圳市2024年政府工作报告``, ``今后五年发展目标``; ``None`` when the kind is unknown, or when neither the
    year nor the place is (a bare ``工作完成情况`` says less than a file name)."""
    if kind == "five_year":
        return f"{place or ''}{f'{year}—{year + 4}年' if year else '今后五年'}发展目标"
    label = _KIND_TITLES.get(kind)
    if label is None or not (year or place):
        return None
    when = f"{year}年" if year else ""
    if place == "全国" and kind == "work_report":
        return f"{when}国务院{label}"
    return f"{place or ''}{when}{label}"


def find_kind(title: str | None, lines: list[str]) -> str:
    if title:
        if _PROGRESS.search(title):
            return "progress_report"
        if _SUMMARY.search(title) and _WORK_PLAN.search(title):
            # 2021年工作总结和2022年工作打算: last year reviewed and this year planned, as a 政府工作报告 does
            return "work_report"
        if _COMPLETION.search(title) or _SUMMARY.search(title):
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
    if kind == "work_report":
        return _opening_review_year(lines)
    return None


def _opening_review_year(lines: list[str]) -> int | None:
    """A work report reviews the year before at its opening: the first year its opening names (not a goal
    such as 到2020年, not a baseline such as 比1980年), + 1. ``１９９１年`` reviewed at the top → 1992."""
    start = next((i + 1 for i, ln in enumerate(lines[:5]) if _OPENING.search(ln)), 0)
    opening = "\n".join(lines[start:start + 40])[:_OPENING_CHARS]
    if not _REVIEW_OPENING.search(opening):
        return None
    for m in _YEAR_RE.finditer(opening):
        year = to_year(m.group(1))
        ahead = _AHEAD.search(opening, max(0, m.start() - 2), m.start()) or _AHEAD_AFTER.match(opening, m.end())
        if year is not None and not ahead:
            return year + 1
    return None


_NAME_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


def year_of_name(name: str | None) -> int | None:
    """The year in a file name (``gwr-national-1998.txt`` → 1998) when it names exactly one."""
    base = re.split(r"[\\/]", name or "")[-1]
    years = {int(y) for y in _NAME_YEAR.findall(base)}
    return years.pop() if len(years) == 1 else None


def describe(text: str, chrome: list[Span], title_hint: str | None = None, name: str | None = None) -> Meta:
    """Metadata of a decoded document; ``title_hint`` is a title from HTML/DOCX/PDF markup, ``name`` the file
    name (its year is the last resort). The patterns run on a normalised copy of the lines (``normalise``)."""
    lines = content_lines(text, chrome)
    norm = normalise("\n".join(lines)).split("\n")  # one pass: a 10,000-row table stays fast
    top = [ln.strip() for ln in text.split("\n", 80)[:80] if ln.strip()]
    title = find_title(lines, title_hint, top)
    norm_title = normalise(title) if title else None
    kind = find_kind(norm_title, norm)
    jurisdiction = find_jurisdiction(norm_title, norm)
    year = find_year(norm_title, norm, kind) or year_of_name(name)
    return Meta(
        title=title or built_title(kind, year, jurisdiction),
        jurisdiction=jurisdiction,
        year=year,
        kind=kind,
    )
