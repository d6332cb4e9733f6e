"""Numbers as written in Chinese reports: Arabic (with thousands separators and decimals),
Chinese numerals (两家, 三十五个, 二〇三五), and mixed forms with a scale (4.6万, 1.8亿, 1万余).

Chinese numeral strings are converted with ``cn2an`` — but only strings we have already cut
out and checked: its whole-text mode damages words (统一 → 统1), its ``smart`` mode on an
isolated numeral string is reliable. The common forms (below 10,000 written in full, such a numeral
times 万 or 亿, years read digit by digit) are read directly, as cn2an reads them: a report that
writes only those never imports it (its import compiles patterns for ≈ 0.3 s).
"""

from __future__ import annotations

from functools import lru_cache

CN_DIGITS = "〇零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
SCALES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "十亿": 1e9,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "十万": 1e5,
    "万": 1e4,
    "千": 1e3,
    "百": 1e2,
}


# Full-width digits and point, and the spaces a PDF or Word file leaves inside a figure (1 9 9 8, １４．８).
_ARABIC = str.maketrans({**{chr(0xFF10 + i): str(i) for i in range(10)}, "．": ".", ",": None, "，": None,
                         " ": None, "\u3000": None, "\u00a0": None})


def parse_arabic(text: str) -> float:
    """'1,800' → 1800.0, '3.5' → 3.5, '1 9 9 8' → 1998.0, '１４．８' → 14.8 (separators and spaces dropped)."""
    return float(text.translate(_ARABIC))


@lru_cache(maxsize=2048)
def parse_chinese(text: str) -> float | None:
    """'三十五' → 35.0, '两' → 2.0, '二〇三五' → 2035.0; None when it is not a numeral."""
    if not text or any(ch not in CN_DIGITS for ch in text):
        return None
    if (simple := _simple_chinese(text)) is not None:
        return simple
    if text[0] in "百千万亿" and all(ch in "十百千万亿" for ch in text):
        return None  # 百万, 千千万万, 亿万: scales alone are words (cn2an refuses them too)
    if (direct := _scaled_or_digits(text)) is not None:
        return direct
    try:
        import cn2an  # imported on first use (its import takes ~0.15 s)

        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    return float(value)


_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNIT = {"十": 10, "百": 100, "千": 1000}


def _simple_chinese(text: str) -> float | None:
    """The numerals below 10,000 written in full (三, 十五, 两百, 三千零五, 一百二十三), read directly: cn2an
    takes ~60 µs a call and 0.15 s to import. None for anything else (万, 亿, 二〇三五, 五百五 …), which goes to
    cn2an; tests/test_numerals.py checks that both read every string of up to five such characters alike."""
    if text in ("〇", "零"):
        return 0.0
    total, pos, n, last, zero = 0, 0, len(text), 10_000, False
    while pos < n:
        ch = text[pos]
        if ch == "零":  # a skipped place, between a unit above ten and a digit: 一百零五
            if zero or pos == 0 or pos == n - 1 or last == 10:
                return None
            zero, pos = True, pos + 1
            continue
        if ch == "十" and pos == 0:
            digit, unit, pos = 1, 10, 1
        else:
            digit = _DIGIT.get(ch, 0)
            pos += 1
            if not digit:
                return None
            if pos == n:  # the ones: alone, after 十 or after 零 (五百五 is 550 to cn2an: not read here)
                return float(total + digit) if n == 1 or zero or last == 10 else None
            unit = _UNIT.get(text[pos], 0)
            pos += 1
            if not unit:
                return None
        if unit >= last or (zero and unit * 10 == last) or (not zero and last != 10_000 and unit * 10 != last):
            return None
        total, last = total + digit * unit, unit
    return float(total)


_DIGITS = {"〇": 0, "零": 0, **_DIGIT}


def _scaled_or_digits(text: str) -> float | None:
    """Two more forms read directly, as cn2an reads them (tests/test_numerals.py compares every such string of
    up to six characters): a numeral read by ``_simple_chinese`` of up to five characters times 万 or 亿 (三千万,
    十亿, 两亿), and up to four digits read one by one (二〇三五). None for anything else."""
    n = len(text)
    if 2 <= n <= 6 and text[-1] in "万亿":
        head = _simple_chinese(text[:-1])
        if head:
            return head * (1e4 if text[-1] == "万" else 1e8)
        return None
    if 2 <= n <= 4 and all(ch in _DIGITS for ch in text):
        return float(int("".join(str(_DIGITS[ch]) for ch in text)))
    return None


def scale_of(prefix: str) -> float:
    """Multiplier of a scale prefix ('' → 1)."""
    return SCALES.get(prefix, 1.0) if prefix else 1.0


def blur_step(value: float) -> float:
    """The step a 余/多 blur adds: one unit of the last significant digit.

    150 → 10 (150余 = 150–160), 20 → 10, 3 → 1, 1 → 1, 2.5 → 0.1, 1200 → 100.
    """
    if value <= 0:
        return 1.0
    text = f"{value:.6f}".rstrip("0")
    if not text.endswith("."):  # a decimal: step of the last decimal place
        decimals = len(text.split(".")[1])
        return 10.0 ** (-decimals)
    integer = int(value)
    step = 1
    while integer and integer % 10 == 0:
        integer //= 10
        step *= 10
    return float(step)
