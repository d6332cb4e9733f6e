"""Find the figures in a text: number, scale, unit and comparators, with exact spans.

Works on the shadow (see textnorm), so spans are valid in the original text. No library
handles 量词 units, comparators and Chinese numerals together (see docs/libraries.md), so
this is a small rule scanner: a regex finds number candidates, and each candidate is grown
left (prefix comparator) and right (blur, scale, unit, suffix, range) and then filtered
(dates, ordinals, codes, quoted slogans, qualifiers of a noun, names that begin with a numeral, rates
restated from a policy). Spaces that PDF and Word files leave inside a figure (不少于 26 万人, 8 ％,
letter-spaced 1 5 ．3 ％) are read through; the shadow keeps them, so spans stay exact.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from ..records import Quantity
from . import lexicon as lx
from .figure_guards import not_a_figure, policy_rate, qualifier
from .lexicon import alt
from .numerals import blur_step, parse_arabic, parse_chinese, scale_of

_CN = "〇零一二两三四五六七八九十百千万亿"
# (Opens with one character class, so that ``re`` skips to the digits and numerals of a text.)
_NUM = re.compile(
    rf"[\d{_CN}](?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?|(?<=[{_CN}])[{_CN}]*(?:点[〇零一二三四五六七八九]+)?)"
)
_CJK = re.compile(r"[\u4e00-\u9fff]")


# Unit-specific guards: 方 in 八方面, 度 in 强度/年度, 节 in 节能, 门 in 门类, 口 in 口岸…
_GUARDS = {
    "方": "(?!面|式|案|向|法|位|针|略|便|正|言|舱)",
    "度": "(?!假|量|过|汛|电)",
    "节": "(?!能|约|点|日)",
    "门": "(?!类|户|槛|诊)",
    "口": "(?!岸|径|号)",
    "道": "(?!路|口)",
    "单": "(?!位|元|一)",
    "起": "(?!来|步|草|点)",
    "对": "(?!接|口|标|外)",
    "组": "(?!织|建|团|合)",
    "部": "(?!门|署|分|委)",
    "笔": "(?!记)",
    "本": "(?!地|市|区|届|年|级)",
    "星": "(?!级)",
    "班": "(?!子)",
    "层": "(?!级|次|面)",
    "片": "(?!区)",
    "块": "(?!区|儿)",
    "名": "(?!单|义|录|称|校|牌|片|企)",
    "家": "(?!庭|园|长|乡|政|电|居|具|门)",
    "场": "(?!景|所|馆|地|镇)",
    "批": "(?!准|复|次)",
    "次": "(?!会议|全会|全体会议|代表大会|党代会|产业)",  # 十四届九次全会, 人大二次会议, 三次产业
}


def _unit_pattern() -> str:
    plain = [u for u in lx.MEASURE_WORDS + lx.PHYSICAL_UNITS if u not in _GUARDS]
    guarded = "|".join(re.escape(u) + g for u, g in _GUARDS.items())
    latin = alt(lx.LATIN_UNITS)
    return rf"(?:%|‰|{alt(plain)}|{guarded}|(?:{latin})(?![A-Za-z]))"


_SCALE = rf"(?:{alt(lx.SCALE_PREFIXES)})(?!瓦|米|克|伏|分点)"
# PDFs and Word files put spaces (ASCII, U+3000, NBSP: all " " in the shadow) around Latin digits: a figure
# reads the same with up to two spaces between its number, scale, unit, blur and suffix (2 万个, 8 ％, 100 家 以上).
_SP = " {0,2}"
_RIGHT = re.compile(
    rf"(?:{_SP}(?P<blur1>余|多))?(?:{_SP}(?P<scale>{_SCALE}))?(?P<blur2>余|多)?"
    rf"(?:(?: {{1,2}}|\s)?(?P<unit>{_unit_pattern()}))?"
    rf"(?:{_SP}(?P<blur3>余|多))?(?:{_SP}(?P<suffix>{alt(tuple(lx.SUFFIX_OPS))}))?"
)
_PREFIX = re.compile(rf"(?:{alt(tuple(lx.PREFIX_OPS))})$")
# What may follow a Chinese numeral that is a figure: a unit or measure word, a blur, a range, a space. Most
# Chinese numerals in a report are words (统一, 一批, 万人 as a noun): they are skipped on this one look-ahead.
_CN_NEXT = frozenset(u[0] for u in (*lx.MEASURE_WORDS, *lx.PHYSICAL_UNITS, *lx.LATIN_UNITS)) | set("%‰余多来 点-至到~")
# A letter-spaced figure (1 9 9 8 年, 7 4 7 7 2 亿元, 1 5 ．3 ％, 8 ．8 ％): single digits one space apart. Glued
# into one number when it has three digits or more, or when the text around it is letter-spaced (has such
# runs); else two numbers a space apart are not guessed at (表 3 2 万元 is neither 32万元 nor 2万元).
_SPACED_RUN = re.compile(r"\d(?:(?: \d)+(?: ?\.\d(?: ?\d)*)?| ?\.\d(?: ?\d)*)(?!\d)")
_LETTER_SPACED = re.compile(r"(?<![\d.])\d \d \d|\d \.\d")
_SPACED_WINDOW = 1500
_ORDINAL_LIST = re.compile(rf" {{0,2}}[、,，和及与或至到-] {{0,2}}\d+ {{0,2}}(?:{alt(lx.NOT_UNITS)})")
_RANGE_SEP = re.compile(r"\s?(?:-|至|到|~)\s?")
_NOT_UNIT = re.compile(rf"(?:{alt(lx.NOT_UNITS)})")
_QUOTES = re.compile(r"“[^“”\n]{0,16}”|「[^「」\n]{0,16}」|『[^『』\n]{0,16}』|\"[^\"\n]{0,16}\"|《[^《》\n]{0,80}》")


def _in_spans(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Is ``pos`` inside one of ``spans`` (sorted, non-overlapping)?"""
    i = bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _number_value(raw: str) -> float | None:
    if raw[0].isdigit():
        return parse_arabic(raw)
    if "点" in raw:
        whole, _, frac = raw.partition("点")
        w = parse_chinese(whole)
        digits = [parse_chinese(ch) for ch in frac]  # 零点零五: the decimals read digit by digit
        if w is None or not digits or any(d is None or d > 9 for d in digits):
            return None
        return w + float("0." + "".join(str(int(d)) for d in digits))
    if len(raw) > 1 and not any(ch in raw for ch in "十百千万亿"):
        return None  # 五五 / 一二三 read digit by digit: not a quantity
    if raw in ("一", "二", "万", "亿", "千", "百", "〇", "零"):
        # 一批 / 一轮: an article; 万家灯火: a word; a count of two is written 两, so a lone 二 before a
        # measure word is an ordinal or a term (二次供水, 二级, 二类)
        return None
    return parse_chinese(raw)


@lru_cache(maxsize=1024)
def normalise_unit(unit: str) -> tuple[float, str]:
    """Unit as written → (multiplier, base unit): '万千瓦' → (1e4, '千瓦'), '亿元' → (1e8, '元')."""
    scale = 1.0
    rest = unit
    for prefix in lx.SCALE_PREFIXES:
        if rest.startswith(prefix) and not rest.startswith(lx.UNITS_STARTING_WITH_SCALE):
            scale = scale_of(prefix)
            rest = rest[len(prefix):]
            break
    factor, base = _BASE.get(rest, (1.0, rest))
    return scale * factor, base


_BASE: dict[str, tuple[float, str]] = {
    "‰": (0.1, "%"),
    "百分点": (1.0, "个百分点"),
    "兆瓦": (1e3, "千瓦"), "瓦": (1e-3, "千瓦"), "kW": (1.0, "千瓦"), "MW": (1e3, "千瓦"), "GW": (1e6, "千瓦"),
    "度": (1.0, "千瓦时"), "kWh": (1.0, "千瓦时"), "MWh": (1e3, "千瓦时"), "GWh": (1e6, "千瓦时"),
    "千米": (1.0, "公里"), "km": (1.0, "公里"), "米": (1e-3, "公里"), "延米": (1e-3, "公里"), "m": (1e-3, "公里"),
    "平方公里": (1e6, "平方米"), "平方千米": (1e6, "平方米"), "km2": (1e6, "平方米"), "m2": (1.0, "平方米"),
    "㎡": (1.0, "平方米"), "公顷": (1e4, "平方米"),
    "千克": (1e-3, "吨"), "公斤": (1e-3, "吨"), "kg": (1e-3, "吨"), "t": (1.0, "吨"), "克": (1e-6, "吨"),
    "吨标煤": (1.0, "吨标准煤"), "标箱": (1.0, "标准箱"), "TEU": (1.0, "标准箱"),
    "斤": (5e-4, "吨"), "吨/日": (1e3, "kg/d"), "吨/天": (1e3, "kg/d"),
    "名": (1.0, "人"), "位": (1.0, "人"),
    "ug/m3": (1.0, "微克/立方米"), "μg/m3": (1.0, "微克/立方米"), "t/d": (1e3, "kg/d"),
    "m3": (1.0, "立方米"), "方": (1.0, "立方米"),
}


def scan(shadow: str, start: int = 0, end: int | None = None) -> Iterator[Quantity]:
    """Yield the quantities in ``shadow[start:end]`` in order."""
    end = len(shadow) if end is None else end
    quotes = [m.span() for m in _QUOTES.finditer(shadow, start, end)]
    spaced_windows: dict[int, bool] = {}
    pos = start
    while True:
        m = _NUM.search(shadow, pos, end)
        if not m:
            return
        n_start, n_end = m.span()
        if shadow.startswith(("百分之", "千分之"), n_start):
            q, resume = _percent_words(shadow, n_start, end, quotes)
            pos = resume
            if q is not None:
                yield q
            continue
        if not m.group()[0].isdigit() and shadow[n_end:n_end + 1] not in _CN_NEXT:
            pos = n_end  # 统一, 一批, 万家灯火: a numeral character in a word, not a figure
            continue
        run = _SPACED_RUN.match(shadow, n_start, end) if m.group()[0].isdigit() else None
        if run and " " in run.group() and (
                run.group().count(" ") >= 2 or _letter_spaced(shadow, n_start, spaced_windows)):
            n_end = run.end()  # 1 9 9 8 年, 1 5 ．3 ％: one number written letter-spaced
        q, resume = _grow(shadow, n_start, n_end, end, quotes)
        pos = max(resume, n_end)
        if q is not None:
            yield q


_PCT_NUM = re.compile(r"[〇零一二两三四五六七八九十百]+(?:点[〇零一二三四五六七八九]+)?")
_PCT_RANGE = re.compile(r"(?:至|到|—|-|~)(?:百分之|千分之)?")
_PCT_SUFFIX = re.compile(r" {0,2}(?:以上|以下|以内|之内|之上|左右|上下)")


def _percent_words(s: str, start: int, end: int, quotes: list[tuple[int, int]]) -> tuple[Quantity | None, int]:
    """百分之八, 百分之八至九, 百分之十二点五以内, 千分之六: a percentage written in words (older reports)."""
    unit = "%" if s.startswith("百", start) else "‰"
    n_start = start + 3
    m = _PCT_NUM.match(s, n_start, end)
    value = _number_value(m.group()) if m else None
    if m is None or value is None or _in_spans(start, quotes):
        return None, n_start
    n_end = q_end = m.end()
    value_high = None
    sep = _PCT_RANGE.match(s, q_end, end)
    m2 = _PCT_NUM.match(s, sep.end(), end) if sep else None
    if sep and m2:
        high = _number_value(m2.group())
        if high is not None and high > value:
            value_high, q_end = high, m2.end()
    suffix_m = _PCT_SUFFIX.match(s, q_end, end)
    suffix = suffix_m.group().strip() if suffix_m else ""
    q_end = suffix_m.end() if suffix_m else q_end
    p = _PREFIX.search(s, max(0, start - 3), start)
    prefix = p.group() if p else ""
    q_start = p.start() if p else start
    if policy_rate(s, q_start, q_end, end):
        return None, q_end
    op = _op(prefix, suffix, value_high)
    if op == "near":
        op, value_high, value = "range", value, round(value * 0.9, 10)
    factor, base = normalise_unit(unit)
    return Quantity(value=value, unit=unit, span=(q_start, q_end), number_span=(n_start, n_end), op=op,
                    value_high=value_high, norm_value=value * factor, base_unit=base), q_end


def _letter_spaced(s: str, pos: int, cache: dict[int, bool]) -> bool:
    """Does the text around ``pos`` write its figures letter-spaced (a run of three spaced digits, or a spaced
    decimal point)?"""
    key = pos // _SPACED_WINDOW
    if key not in cache:
        a, b = max(0, (key - 1) * _SPACED_WINDOW), (key + 2) * _SPACED_WINDOW
        runs = _LETTER_SPACED.finditer(s, a, min(b, len(s)))
        cache[key] = next(runs, None) is not None
    return cache[key]


def _skip_spaces(s: str, pos: int, end: int) -> int:
    while pos < end and s[pos] == " ":
        pos += 1
    return pos


def _char_before(s: str, pos: int) -> tuple[str, str]:
    """The character just before ``pos`` and the first one before it that is not a space."""
    before = s[pos - 1] if pos > 0 else ""
    k = pos
    while k > 0 and s[k - 1] == " " and pos - k < 2:
        k -= 1
    return before, (s[k - 1] if k > 0 else "")


def _grow(s: str, n_start: int, n_end: int, end: int, quotes: list[tuple[int, int]]) -> tuple[Quantity | None, int]:
    raw = s[n_start:n_end].replace(" ", "")
    before, solid = _char_before(s, n_start)
    is_cn = not raw[0].isdigit()
    if before and (before in "第劣" or (before.isascii() and before.isalnum()) or before in "+.×*/#"):
        return None, n_end
    if before == " " and (solid.isdigit() or solid in "第劣.+#"):
        return None, n_end  # 表 3 2 万元: a number a space after another is not guessed at; 第 3 次
    value = _number_value(raw)
    if value is None:
        return None, n_end
    r = _RIGHT.match(s, n_end, end)
    assert r is not None  # every group is optional
    after = r.end()
    unit = (r.group("scale") or "") + (r.group("unit") or "")
    nxt = s[after] if after < end else ""
    # Ordinals, dates and codes: 3号线, 2024年, 2023 年, 二期, 5G, 125+, 1-11月.
    if not r.group("unit") and _NOT_UNIT.match(s, _skip_spaces(s, after, end), end):
        return None, after
    if nxt == "+" or (nxt.isascii() and nxt.isalpha() and not r.group("unit")):
        return None, after
    if r.group("unit") in ("%", "‰") and nxt == "+":
        return None, after
    if not unit and _ORDINAL_LIST.match(s, after, end):
        return None, after  # 3、4号工位, 1、2期: ordinals listed before their word
    range_end, value_high = None, None
    sep = _RANGE_SEP.match(s, after, end)
    if sep and not r.group("suffix"):
        m2 = _NUM.match(s, sep.end(), end)
        if m2:
            r2 = _RIGHT.match(s, m2.end(), end)
            assert r2 is not None
            if not r2.group("unit") and _NOT_UNIT.match(s, _skip_spaces(s, r2.end(), end), end):
                return None, r2.end()  # 2021-2025年, 1-11月
            unit2 = (r2.group("scale") or "") + (r2.group("unit") or "")
            high = _number_value(m2.group())
            # 3万到5万个: a scale alone on the first figure is the second figure's unit written once
            same = not unit or not unit2 or unit == unit2 or (not r.group("unit") and unit2.startswith(unit))
            if high is not None and high > value and same:
                unit = unit2 if unit2.startswith(unit) else unit
                value_high, range_end = high, r2.end()
                r = r2
    measure = r.group("unit") or ""
    if is_cn and measure in lx.ARABIC_ONLY_UNITS:
        return None, after  # 三方协商, 两度获评
    if is_cn and not unit:
        return None, after  # 三大革命, 十四五: a Chinese numeral needs a measure word
    q_end = range_end or after
    if _in_spans(n_start, quotes) or not_a_figure(s, n_start, n_end, q_end, end, measure, is_cn):
        return None, q_end
    if not unit and not _bare_number_ok(s, n_start, q_end, end):
        return None, q_end
    suffix = r.group("suffix") or ""
    if qualifier(s, q_end, end, measure, suffix):
        return None, q_end
    if n_start and s[n_start - 1] == "(" and s[q_end: q_end + 1] == ")":
        return None, q_end  # (2000kg/d): a descriptor in brackets
    # Prefix comparator before the number (不少于26万人, 不少于 26 万人).
    p_end = n_start
    while p_end > 0 and s[p_end - 1] == " " and n_start - p_end < 2:
        p_end -= 1
    p = _PREFIX.search(s, max(0, p_end - 3), p_end)
    prefix = p.group() if p else ""
    q_start = p.start() if p else n_start
    if measure in ("%", "‰") and policy_rate(s, q_start, q_end, end):
        return None, q_end
    op = _op(prefix, suffix, value_high)
    blur = r.group("blur1") or r.group("blur2") or r.group("blur3")
    approx = None
    if blur and value_high is None:
        op, value_high, approx = "range", value + blur_step(value), blur
    elif op == "near":
        op, value_high, value, approx = "range", value, round(value * 0.9, 10), prefix
    elif op == "~" and prefix in ("约", "大约"):
        approx = prefix
    factor, base = normalise_unit(unit) if unit else (1.0, "")
    return (
        Quantity(
            value=value,
            unit=unit,
            span=(q_start, q_end),
            number_span=(n_start, n_end),
            op=op,
            value_high=value_high,
            norm_value=value * factor,
            base_unit=base,
            approx=approx,
        ),
        q_end,
    )


def _op(prefix: str, suffix: str, value_high: float | None) -> str:
    if value_high is not None:
        return "range"
    if suffix:
        return lx.SUFFIX_OPS[suffix]
    op = lx.PREFIX_OPS.get(prefix, "=")
    if prefix == "控制在":
        return "<="
    return op


def _bare_number_ok(s: str, n_start: int, q_end: int, end: int) -> bool:
    """A number with no unit counts only as a ratio-like figure ending a clause (倍差1.64。)."""
    before = s[n_start - 1] if n_start else ""
    k = _skip_spaces(s, q_end, end)
    nxt = s[k] if k < end else "。"
    if not _CJK.match(before or " ") or before in "第约近":
        return False
    return nxt in "。，；、)）\n"
