"""Numbers as written in the reports: Chinese numerals, Arabic figures, blur steps and scales.

Expected values are worked out by hand from how the numerals read, not copied from the code.
"""

from __future__ import annotations

import pytest

from duban.lang.numerals import blur_step, parse_arabic, parse_chinese, scale_of

# ---- parse_chinese ---------------------------------------------------------------------

CHINESE = [
    # single digits and 两
    ("两", 2),
    ("三", 3),
    ("九", 9),
    # 一 and 零 are numerals; refusing 一批/一轮 (articles) is the scanner's job, see
    # test_quantities_table.py (开展一次专项行动 → nothing).
    ("一", 1),
    ("零", 0),
    ("〇", 0),
    # tens
    ("十", 10),
    ("十一", 11),
    ("十五", 15),
    ("二十", 20),
    ("三十五", 35),
    ("七十五", 75),
    ("九十九", 99),
    # hundreds and thousands, with and without 零
    ("一百二十", 120),
    ("一百零五", 105),
    ("两百", 200),
    ("二百五", 250),  # colloquial 二百五十
    ("两千", 2000),
    ("两千五百", 2500),
    ("一千零一", 1001),
    # scales inside the numeral
    ("一万", 10_000),
    ("三万", 30_000),
    ("十万", 100_000),
    ("一万二", 12_000),  # 一万二千
    ("两万五千", 25_000),
    ("三千万", 30_000_000),
    ("两亿", 200_000_000),
    ("十四亿", 1_400_000_000),
    # years read digit by digit
    ("二〇三五", 2035),
    ("二零二四", 2024),
    # digit strings without 十百千 read digit by digit too (as 二〇三五 does); the scanner,
    # not the parser, refuses them as quantities (五五普法, 三五个 → nothing).
    ("五五", 55),
    ("一二三", 123),
    # financial numerals
    ("壹佰", 100),
]

NOT_CHINESE = [
    "",
    "abc",
    "3",
    "十四五",  # a plan name, not a numeral
    "万",  # a bare scale is a word (万家灯火), not a number
    "亿",
    "千",
    "百",
    "千万",
    "千亿",
    "一点五",  # decimals are split on 点 by the scanner before parsing
]


@pytest.mark.parametrize(("text", "expected"), CHINESE, ids=[t for t, _ in CHINESE])
def test_parse_chinese(text, expected):
    assert parse_chinese(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", NOT_CHINESE)
def test_parse_chinese_rejects(text):
    assert parse_chinese(text) is None


# ---- parse_arabic ------------------------------------------------------------------------

ARABIC = [
    ("3", 3),
    ("3.5", 3.5),
    ("0.35", 0.35),
    ("1800", 1800),
    ("1,800", 1800),  # thousands separator
    ("12,500", 12_500),
    ("1,234.5", 1234.5),
    ("80,331", 80_331),
    ("1,000,000", 1_000_000),
    ("1，800", 1800),  # a full-width comma used as a separator
    ("2035", 2035),
    # full-width forms and the spaces PDF and Word exports leave inside a figure
    ("１４．８", 14.8),
    ("２", 2),
    ("１，８００", 1800),
    ("1 9 9 8", 1998),  # a letter-spaced year, glued by the scanner
    ("7 4 7 7 2", 74_772),
    ("1 5 .3", 15.3),
    ("2 2 ．4", 22.4),
    ("1\u30000", 10),
    ("1\xa00", 10),
]


@pytest.mark.parametrize(("text", "expected"), ARABIC, ids=[t for t, _ in ARABIC])
def test_parse_arabic(text, expected):
    assert parse_arabic(text) == pytest.approx(expected)


# ---- blur_step: the width of 余/多 -------------------------------------------------------
# One unit of the last significant digit: 150余 = 150–160, 1万余 = 1–2 (万), 2.4万多 = 2.4–2.5.

BLUR = [
    (150, 10),
    (20, 10),
    (10, 10),  # 十余个 = 10–20
    (3, 1),
    (1, 1),
    (105, 1),
    (100, 100),
    (1200, 100),
    (1000, 1000),
    (9000, 1000),  # 9000多万 = 9000–10000 万
    (2400, 100),
    (2.5, 0.1),
    (2.4, 0.1),
    (12.5, 0.1),
    (0.35, 0.01),
    (0, 1),  # degenerate: no digit to blur
]


@pytest.mark.parametrize(("value", "step"), BLUR, ids=[str(v) for v, _ in BLUR])
def test_blur_step(value, step):
    assert blur_step(value) == pytest.approx(step)


# ---- scale_of ------------------------------------------------------------------------------

SCALES = [
    ("", 1),
    ("百", 1e2),
    ("千", 1e3),
    ("万", 1e4),
    ("十万", 1e5),
    ("百万", 1e6),
    ("千万", 1e7),
    ("亿", 1e8),
    ("十亿", 1e9),
    ("百亿", 1e10),
    ("千亿", 1e11),
    ("万亿", 1e12),
    ("元", 1),  # not a scale
]


@pytest.mark.parametrize(("prefix", "factor"), SCALES, ids=[p or "none" for p, _ in SCALES])
def test_scale_of(prefix, factor):
    assert scale_of(prefix) == pytest.approx(factor)


# ---- the direct reading of simple numerals (no cn2an) ----------------------------------------------------


@pytest.mark.parametrize(("text", "value"), [
    ("三", 3.0), ("十", 10.0), ("十五", 15.0), ("两十", 20.0), ("一百零五", 105.0), ("一百二十三", 123.0),
    ("三千零五", 3005.0), ("一千零一十", 1010.0), ("九千九百九十九", 9999.0), ("零", 0.0),
    # left to cn2an: scales above a thousand, digit-by-digit years, a colloquial ones after 百
    ("五万", None), ("二〇三五", None), ("五百五", None), ("一百十五", None),
])
def test_simple_chinese_table(text: str, value: float | None) -> None:
    from duban.lang.numerals import _simple_chinese

    assert _simple_chinese(text) == value


def test_simple_chinese_reads_as_cn2an() -> None:
    """Every string of up to five of 零一二两三四五六七八九十百千 that is read directly is read as cn2an reads it."""
    import itertools

    import cn2an

    from duban.lang.numerals import _simple_chinese

    read = 0
    for n in range(1, 6):
        for chars in itertools.product("零一二两三四五六七八九十百千", repeat=n):
            text = "".join(chars)
            value = _simple_chinese(text)
            if value is not None:
                read += 1
                assert value == float(cn2an.cn2an(text, "smart")), text
    assert read > 1500


@pytest.mark.parametrize(("text", "value"), [
    ("三千万", 3e7), ("十亿", 1e9), ("两亿", 2e8), ("一百零五万", 1_050_000.0), ("二〇三五", 2035.0),
    ("二零二四", 2024.0), ("五五", 55.0),
    # left to cn2an: a numeral of more than five characters before the scale, both scales, more than four digits
    ("九千九百九十九万", None), ("一亿二千万", None), ("十万八千", None), ("二〇二四〇", None), ("零万", None),
])
def test_scaled_or_digits_table(text: str, value: float | None) -> None:
    from duban.lang.numerals import _scaled_or_digits

    assert _scaled_or_digits(text) == value


def test_scaled_or_digits_reads_as_cn2an() -> None:
    """Every numeral of up to five characters read directly, followed by 万 or 亿, and every string of two to four
    of 〇零一二两三四五六七八九, is read as cn2an reads it; scale characters alone opening with 百千万亿 are no
    numeral to either (cn2an's patterns need a digit, 零 or 十 first, and a digit last in its spoken form)."""
    import itertools

    import cn2an

    from duban.lang.numerals import _scaled_or_digits, _simple_chinese

    def cn(text: str) -> float | None:
        try:
            return float(cn2an.cn2an(text, "smart"))
        except ValueError:
            return None

    read = 0
    for n in range(1, 6):
        for chars in itertools.product("零一二两三四五六七八九十百千", repeat=n):
            head = "".join(chars)
            if _simple_chinese(head):
                for scale in "万亿":
                    read += 1
                    assert _scaled_or_digits(head + scale) == cn(head + scale), head + scale
    for n in range(2, 5):
        for chars in itertools.product("〇零一二两三四五六七八九", repeat=n):
            read += 1
            assert _scaled_or_digits("".join(chars)) == cn("".join(chars)), "".join(chars)
    for n in range(1, 6):
        for chars in itertools.product("十百千万亿", repeat=n):
            if chars[0] != "十":
                assert parse_chinese("".join(chars)) is None and cn("".join(chars)) is None
    assert read > 25_000
