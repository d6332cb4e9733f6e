"""Schedule arithmetic for supervising a year (序时进度): report periods, month and quarter ends, deadlines as
written in a 分解方案 (完成时限), quarterly milestones (季度节点), the elapsed share of a task's window on a day,
and the progress expected by then. Pure functions on dates (leap years by the calendar: 2月底 is the 29th in
2024); the one reading of a report's period is assess/schedule.py's.

Elapsed share of a window [start, end] on day d (both ends included):
* 0 before start, 1 from end on;
* counted in months when the window runs from a month's first day to a month's end and d is a month's end
  (1-6月 of a calendar year is exactly 6/12, the 时间过半 of a mid-year report);
* otherwise counted in days (Feb 29 counts: 2024-03-01 is day 61 of 366).
"""

from __future__ import annotations

import calendar
import itertools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..assess.schedule import months_covered
from ..lang.lexicon import FINISH_WORDS
from ..lang.lexicon_supervise import ONGOING_WORDS, YEAR_END_WORDS

CHINA = timezone(timedelta(hours=8))  # Beijing time (no daylight saving)
_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
           "十一": 11, "十二": 12}
_NUM = r"(\d{1,2}|十一|十二|十|[一二三四五六七八九])"
_YMD = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*[日号]?")
_YM = re.compile(r"(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?(?:份)?(?:底|末|前|中旬|上旬|下旬)?")
_MD = re.compile(_NUM + r"\s*月\s*(\d{1,2})\s*[日号]")
_M = re.compile(_NUM + r"\s*月(?:份)?(?:底|末|前|中旬|上旬|下旬)?")
_Q = re.compile(r"(?:第)?([一二三四1-4])\s*季度(?:末|底)?|Q([1-4])", re.IGNORECASE)
_YEAR = re.compile(r"(\d{4})\s*年")
_SHARE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
_HALF = {"上半年": 6, "下半年": 12}


def today(fixed: date | None = None) -> date:
    """The supervision calendar's day: ``fixed`` (DUBAN_TODAY, for training ledgers and tests), else today in
    Beijing."""
    return fixed or datetime.now(CHINA).date()


def is_leap(year: int) -> bool:
    return calendar.isleap(year)


def days_in_year(year: int) -> int:
    return 366 if is_leap(year) else 365


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def quarter_end(year: int, quarter: int) -> date:
    if not 1 <= quarter <= 4:
        raise ValueError(f"no quarter {quarter}")
    return month_end(year, quarter * 3)


def is_month_end(d: date) -> bool:
    return d == month_end(d.year, d.month)


def months_between(start: date, end: date) -> int:
    """Whole months from ``start``'s month to ``end``'s month, both included."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def elapsed_share(start: date, end: date, at: date) -> float:
    """Share of the window [start, end] elapsed on ``at`` (module docstring)."""
    if end < start:
        raise ValueError(f"a window ending {end} before it starts ({start})")
    if at < start:
        return 0.0
    if at >= end:
        return 1.0
    if start.day == 1 and is_month_end(end) and is_month_end(at):
        return months_between(start, at) / months_between(start, end)
    return ((at - start).days + 1) / ((end - start).days + 1)


@dataclass(frozen=True)
class Period:
    """A reporting period: January to ``end`` of ``year`` (a cumulative in-year report), labelled as a
    report names it (1-6月)."""

    year: int
    end: date
    label: str

    @property
    def months(self) -> int:
        return self.end.month

    @property
    def start(self) -> date:
        return date(self.year, 1, 1)


def period_label(months: int) -> str:
    return "全年" if months == 12 else ("1月" if months == 1 else f"1-{months}月")


def period_of_months(year: int, months: int) -> Period:
    if not 1 <= months <= 12:
        raise ValueError(f"a period of {months} months")
    return Period(year, month_end(year, months), period_label(months))


def report_period(text: str, year: int, whole_year: bool = False) -> Period | None:
    """The period a report covers, from its title or opening (1-6月, 上半年, 前三季度, 1-11月); the whole year
    when it names none and ``whole_year`` (a year-end completion report), else None."""
    months = months_covered(text)
    if months is None:
        return period_of_months(year, 12) if whole_year else None
    return period_of_months(year, months)


def parse_date(text: str, year: int) -> date | None:
    """The first date a phrase names, as a day: 2024年6月30日, 2024.6, 6月底, 六月, 三季度末, 上半年, 年底前.
    A month without a day is its last day; a date that does not exist (2月30日) is None."""
    text = text.strip()
    try:
        if m := _YMD.search(text):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _MD.search(text):
            return date(_year(text, year), _month(m.group(1)), int(m.group(2)))
        if m := _YM.search(text):
            return month_end(int(m.group(1)), int(m.group(2)))
        if m := _M.search(text):
            return month_end(_year(text, year), _month(m.group(1)))
    except ValueError:
        return None
    if m := _Q.search(text):
        q = m.group(1) or m.group(2)
        return quarter_end(_year(text, year), int(q) if q.isdigit() else _CN_NUM[q])
    for word, months in _HALF.items():
        if word in text:
            return month_end(_year(text, year), months)
    if any(w in text for w in YEAR_END_WORDS):
        return date(_year(text, year), 12, 31)
    return None


def _year(text: str, default: int) -> int:
    m = _YEAR.search(text)
    return int(m.group(1)) if m else default


def _month(raw: str) -> int:
    month = int(raw) if raw.isdigit() else _CN_NUM[raw]
    if not 1 <= month <= 12:
        raise ValueError(f"no month {raw}")
    return month


@dataclass(frozen=True)
class Deadline:
    """A task's 完成时限: the day, how it was written, and how it was read."""

    due: date
    text: str
    kind: str  # date | year_end (none given) | ongoing (长期坚持: judged by the year's end) | unread


def parse_deadline(text: str | None, year: int) -> Deadline:
    """完成时限 as written → a day. Blank → the year's end (kind year_end); 长期坚持/持续推进 → the year's end
    (kind ongoing); a phrase with no date in it → the year's end, kind unread (the import warns)."""
    raw = (text or "").strip()
    end = date(year, 12, 31)
    if not raw:
        return Deadline(end, "", "year_end")
    day = parse_date(raw, year)
    if day is not None:
        return Deadline(day, raw, "date")
    if any(w in raw for w in ONGOING_WORDS):
        return Deadline(end, raw, "ongoing")
    return Deadline(end, raw, "unread")


@dataclass(frozen=True)
class Milestone:
    """A 季度节点: by ``due``, ``share`` of the task done (None: a step named in words), as written."""

    due: date
    share: float | None
    text: str

    def to_json(self) -> dict:
        return {"due": self.due.isoformat(), "share": self.share, "text": self.text}

    @classmethod
    def of(cls, data: dict) -> Milestone:
        return cls(date.fromisoformat(data["due"]), data.get("share"), data.get("text", ""))


_WHEN = r"第?[一二三四1-4]\s*季度|Q[1-4]|\d{1,2}\s*月|[一二三四五六七八九十]{1,2}月|年底|上半年|下半年"
_PIECES = re.compile(r"[；;。\n]+|，(?=\s*(?:" + _WHEN + "))")


def _share(text: str) -> float | None:
    m = _SHARE.search(text)
    if m:
        value = float(m.group(1)) / 100
        return value if 0 < value <= 1 else None
    return 1.0 if any(w in text for w in FINISH_WORDS[:-1]) or text.rstrip("。；; ").endswith("完成") else None


def parse_milestones(text: str | None, year: int) -> tuple[list[Milestone], list[str]]:
    """A 季度节点 cell (一季度完成20%；二季度完成50%；… / 6月底前完成主体结构，9月底前完成装修) → milestones in date
    order, and the pieces that name no date (for the import's warnings)."""
    out: list[Milestone] = []
    unread: list[str] = []
    for piece in _PIECES.split(text or ""):
        piece = piece.strip(" ，,")
        if not piece:
            continue
        due = parse_date(piece, year)
        if due is None:
            unread.append(piece)
            continue
        out.append(Milestone(due, _share(_after_date(piece)), piece))
    return sorted(out, key=lambda m: m.due), unread


def _after_date(piece: str) -> str:
    """The piece without its date (so that 6月 or 2024 is never read as a share)."""
    return _M.sub("", _YMD.sub("", _YM.sub("", piece)), count=1)


def quarter_milestones(cells: dict[int, str], year: int) -> list[Milestone]:
    """Milestones from one column per quarter (一季度 | 二季度 | 三季度 | 四季度): each due at its quarter's end."""
    out = []
    for quarter in sorted(cells):
        text = (cells[quarter] or "").strip()
        if text and text not in ("/", "-", "—", "无"):
            out.append(Milestone(quarter_end(year, quarter), _share(text), text))
    return out


def expected_share(at: date, start: date, deadline: date, milestones: list[Milestone] = ()) -> float:
    """The share of a task expected done on ``at``: 0 at the start, each milestone's share at its date, the
    whole at the deadline, straight lines between (elapsed share of each stretch, as above)."""
    if at >= deadline:
        return 1.0
    points = [(start, 0.0)]
    for m in sorted(milestones, key=lambda m: m.due):
        if m.share is not None and start < m.due < deadline and m.share >= points[-1][1]:
            points.append((m.due, m.share))
    points.append((deadline, 1.0))
    for (d0, s0), (d1, s1) in itertools.pairwise(points):
        if at <= d1:
            if at < d0:
                return s0
            first = d0 if d0 == start else d0 + timedelta(days=1)
            return s0 + (s1 - s0) * elapsed_share(first, d1, at) if at >= first else s0
    return 1.0


def default_calendar(year: int) -> list[tuple[str, date, date]]:
    """The usual reporting dates of a year's 督办: (label, period end, due) — quarterly (due the 5th day of the
    next month), 1-11月 for the year-end table (due 5 December) and the whole year (due 10 January)."""
    return [
        ("1-3月", quarter_end(year, 1), date(year, 4, 5)),
        ("1-6月", quarter_end(year, 2), date(year, 7, 5)),
        ("1-9月", quarter_end(year, 3), date(year, 10, 8)),
        ("1-11月", month_end(year, 11), date(year, 12, 5)),
        ("全年", date(year, 12, 31), date(year + 1, 1, 10)),
    ]
