"""The arithmetic of multi-year goals against their years (places/paths.py), table-driven: compound growth,
totals, levels (compound and linear), cumulative changes and cuts, reports' own period figures."""

from __future__ import annotations

import math

import pytest

from duban.places import paths


@pytest.mark.parametrize(("rates", "index"), [
    ([], 1.0), ([10], 1.1), ([10, 10], 1.21), ([-4, -5], 0.912), ([9.2, 7.8, 7.7, 7.4], 1.0920 * 1.078 * 1.077 * 1.074),
])
def test_compound(rates, index):
    assert math.isclose(paths.compound(rates), index, rel_tol=1e-9)


@pytest.mark.parametrize(("goal_index", "index", "left", "rate"), [
    (1.21, 1.0, 2, 10.0),  # 21% over two years: 10% a year
    (1.21, 1.1, 1, 10.0),
    (2.0, 1.0, 5, (2 ** 0.2 - 1) * 100),  # doubling in five years
    (0.8, 0.9, 2, ((0.8 / 0.9) ** 0.5 - 1) * 100),  # a cut still to make
    (1.0, 1.1, 1, (1 / 1.1 - 1) * 100),  # already beyond: the rate may fall
])
def test_required_rate(goal_index, index, left, rate):
    assert math.isclose(paths.required_rate(goal_index, index, left), rate, rel_tol=1e-9)


@pytest.mark.parametrize("args", [(1.2, 1.0, 0), (1.2, 0.0, 2), (0.0, 1.0, 2)])
def test_required_rate_refuses_nonsense(args):
    with pytest.raises(ValueError):
        paths.required_rate(*args)


# 年均增长 g%: (goal, start, end, yearly rates, period average) → (status, required %, final)
AVERAGE = [
    # the national 十二五 goal, 年均增长7%, after 2011–2014 grew 9.2, 7.8, 7.7, 7.4: 3.0% needed in 2015
    ((7, 2011, 2015, {2011: 9.2, 2012: 7.8, 2013: 7.7, 2014: 7.4}, None), ("on_track", 3.0048, None)),
    # behind: two slow years of a 7% goal need (1.07^5 / 1.05^2)^(1/3) − 1
    ((7, 2021, 2025, {2021: 5.0, 2022: 5.0}, None), ("behind", ((1.07 ** 5 / 1.05 ** 2) ** (1 / 3) - 1) * 100, None)),
    # a missing year: no compound arithmetic on a gap
    ((7.5, 2006, 2010, {2006: 10.7, 2008: 9.0, 2009: 8.7}, None), ("insufficient", None, None)),
    # the report's own period average settles it (十一五 年均增长11.2%)
    ((7.5, 2006, 2010, {2006: 10.7}, 11.2), ("final", None, 11.2)),
    # every year in: the realised average
    ((6, 2016, 2017, {2016: 5.0, 2017: 7.0}, None), ("final", None, round((1.05 * 1.07) ** 0.5 * 100 - 100, 4))),
    ((7, 2021, 2025, {}, None), ("no_data", None, None)),
]


@pytest.mark.parametrize(("args", "expected"), AVERAGE)
def test_average_growth(args, expected):
    goal = paths.average(*args)
    status, required, final = expected
    assert goal.status == status
    assert (goal.required is None) == (required is None)
    if required is not None:
        assert goal.required == pytest.approx(required, abs=1e-3)
    assert goal.final == (pytest.approx(final) if final is not None else None)
    assert goal.kind == "average" and len(goal.years) == goal.n


def test_average_path_and_cumulative_index():
    goal = paths.average(10, 2021, 2023, {2021: 10.0, 2022: 10.0})
    assert [round(y.path, 6) for y in goal.years] == [1.1, 1.21, 1.331]
    assert [y.to_date and round(y.to_date, 6) for y in goal.years] == [1.1, 1.21, None]
    assert [y.on_path for y in goal.years] == [True, True, None]
    assert goal.required == pytest.approx(10.0) and goal.left == 1 and goal.status == "on_track"


# a total change over the period (negative: a cut), yearly rates in %
CHANGE = [
    # 降低20% over five years, three years of −4, −4, −4: behind the even pace of (0.8^(1/5) − 1) = −4.36%
    ((-20, 2006, 2010, {2006: -4, 2007: -4, 2008: -4}, None), ("behind", ((0.8 / 0.96 ** 3) ** 0.5 - 1) * 100)),
    ((-20, 2006, 2010, {2006: -5, 2007: -5, 2008: -5}, None), ("on_track", ((0.8 / 0.95 ** 3) ** 0.5 - 1) * 100)),
    ((-10, 2016, 2020, {2016: -6, 2017: -6}, None), ("reached", None)),
    ((50, 2021, 2025, {2021: 10, 2022: 10}, None), ("on_track", ((1.5 / 1.21) ** (1 / 3) - 1) * 100)),
    ((-20, 2006, 2010, {2006: -2}, -19.1), ("final", None)),  # 累计下降19.1% in the review after
]


@pytest.mark.parametrize(("args", "expected"), CHANGE)
def test_cumulative_change(args, expected):
    goal = paths.change(*args)
    assert goal.status == expected[0]
    if expected[1] is not None:
        assert goal.required == pytest.approx(expected[1], abs=1e-6)


CEILING = {"base": 40, "lower_is_better": True}
LEVEL = [
    # 居民人均可支配收入 9.5万元 by 2025; 80331元 in 2024 growing 5.6%: 18.3% needed — behind
    ((95000, 2021, 2025, {2024: 80331}), {"changes": {2024: 5.6}}, ("behind", (95000 / 80331 - 1) * 100)),
    # the same without the year's growth: no way to judge the pace
    ((95000, 2021, 2025, {2024: 80331}), {}, ("insufficient", (95000 / 80331 - 1) * 100)),
    # with a base the compound path decides: base 100 → 200 over 5 years, 130 after two years (path 131.95)
    ((200, 2021, 2025, {2022: 130}), {"base": 100}, ("behind", ((200 / 130) ** (1 / 3) - 1) * 100)),
    ((200, 2021, 2025, {2022: 140}), {"base": 100}, ("on_track", ((200 / 140) ** (1 / 3) - 1) * 100)),
    # percentages move linearly: 城镇化率 90 → 93 in five years, 90.5 in 2023 (path 91.8): 1.25 points a year
    ((93, 2021, 2025, {2023: 90.5}), {"base": 90, "linear": True}, ("behind", 1.25)),
    # reached early (2015年国内生产总值超过55万亿元: 56.9 in 2013)
    ((55, 2011, 2015, {2011: 47.2, 2013: 56.9, 2014: 63.6}), {}, ("reached", None)),
    # a ceiling (PM2.5 降到35): lower is better; the path from 40 stands at 37.92 after 2022
    ((35, 2021, 2025, {2022: 37}), CEILING, ("on_track", ((35 / 37) ** (1 / 3) - 1) * 100)),
    ((35, 2021, 2025, {2022: 38}), CEILING, ("behind", ((35 / 38) ** (1 / 3) - 1) * 100)),
    ((35, 2021, 2025, {2025: 36}), {"lower_is_better": True}, ("final", None)),
]


@pytest.mark.parametrize(("args", "kwargs", "expected"), LEVEL)
def test_level(args, kwargs, expected):
    goal = paths.level(*args, **kwargs)
    assert goal.status == expected[0]
    if expected[1] is None:
        assert goal.status in ("reached", "final")
    else:
        assert goal.required == pytest.approx(expected[1], abs=1e-6)


def test_level_reached_names_the_first_year_and_the_linear_path():
    assert paths.level(55, 2011, 2015, {2011: 47.2, 2013: 56.9, 2014: 63.6}, unit="万亿元").note.startswith(
        "2013年已达56.9万亿元")
    linear = paths.level(93, 2021, 2025, {}, base=90, linear=True)
    assert [round(y.path, 6) for y in linear.years] == [90.6, 91.2, 91.8, 92.4, 93.0]
    assert linear.required == pytest.approx(0.6) and linear.required_unit == "个百分点"


TOTAL = [
    ((2000, 2021, 2025, {2021: 300, 2022: 380}), ("behind", 440.0)),  # path after two years: 800
    ((2000, 2021, 2025, {2021: 450, 2022: 450}), ("on_track", 1100 / 3)),
    ((2000, 2021, 2025, {2021: 450, 2023: 450}), ("insufficient", None)),
    ((100, 2021, 2022, {2021: 60, 2022: 50}), ("final", None)),
    ((100, 2021, 2025, {2021: 60, 2022: 50}), ("reached", None)),
]


@pytest.mark.parametrize(("args", "expected"), TOTAL)
def test_total(args, expected):
    goal = paths.total(*args)
    assert goal.status == expected[0]
    if expected[1] is not None:
        assert goal.required == pytest.approx(expected[1])
    elif goal.status == "reached":
        assert goal.required is None and "提前达到" in goal.note
    if goal.status == "final":
        assert goal.final == 110


def test_goal_json_shape():
    data = paths.average(7, 2011, 2015, {2011: 9.2}).to_json()
    assert set(data) >= {"kind", "kind_label", "start", "end", "base_year", "goal", "last_year", "left", "required",
                         "required_unit", "status", "status_label", "final", "note", "years"}
    assert data["base_year"] == 2010 and data["years"][0] == {"year": 2011, "path": 1.07, "achieved": 9.2,
                                                              "to_date": 1.092, "on_path": True}
