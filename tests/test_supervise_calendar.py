"""The schedule arithmetic of supervision, table-driven: report periods, month and quarter ends, leap years,
deadlines as written, milestones, the elapsed share and the progress expected, and the lights they give."""

from __future__ import annotations

from datetime import date

import pytest

from duban.supervise.calendar import (
    elapsed_share,
    expected_share,
    month_end,
    parse_date,
    parse_deadline,
    parse_milestones,
    quarter_end,
    quarter_milestones,
    report_period,
)
from duban.supervise.lights import Evidence, TaskSchedule, Thresholds, compute

Y = date(2024, 1, 1), date(2024, 12, 31)


@pytest.mark.parametrize(("text", "year", "end", "label"), [
    ("镇海区2024年1-6月重点任务完成情况", 2024, date(2024, 6, 30), "1-6月"),
    ("上半年工作进展", 2024, date(2024, 6, 30), "1-6月"),
    ("前三季度完成情况", 2024, date(2024, 9, 30), "1-9月"),
    ("三季度完成情况", 2024, date(2024, 9, 30), "1-9月"),
    ("1—11月完成情况", 2024, date(2024, 11, 30), "1-11月"),
    ("一季度", 2024, date(2024, 3, 31), "1-3月"),
    ("1-2月", 2024, date(2024, 2, 29), "1-2月"),  # leap year
    ("1-2月", 2023, date(2023, 2, 28), "1-2月"),
    ("1-12月", 2024, date(2024, 12, 31), "全年"),
])
def test_report_periods(text, year, end, label):
    p = report_period(text, year)
    assert (p.end, p.label) == (end, label)


def test_a_report_naming_no_period():
    assert report_period("年度完成情况", 2024) is None
    assert report_period("年度完成情况", 2024, whole_year=True).end == date(2024, 12, 31)


@pytest.mark.parametrize(("year", "month", "end"), [
    (2024, 2, date(2024, 2, 29)), (2023, 2, date(2023, 2, 28)), (2000, 2, date(2000, 2, 29)),
    (1900, 2, date(1900, 2, 28)), (2024, 4, date(2024, 4, 30)), (2024, 12, date(2024, 12, 31)),
])
def test_month_ends_follow_the_calendar(year, month, end):
    assert month_end(year, month) == end


@pytest.mark.parametrize(("q", "end"), [(1, date(2024, 3, 31)), (2, date(2024, 6, 30)), (3, date(2024, 9, 30)),
                                       (4, date(2024, 12, 31))])
def test_quarter_ends(q, end):
    assert quarter_end(2024, q) == end


@pytest.mark.parametrize(("start", "end", "at", "share"), [
    (*Y, date(2024, 6, 30), 0.5),  # month ends count in months: 时间过半
    (*Y, date(2024, 11, 30), 11 / 12),
    (*Y, date(2024, 2, 29), 2 / 12),  # Feb 29 is February's end in a leap year
    (*Y, date(2024, 2, 28), 59 / 366),  # …and not its end: counted in days of a 366-day year
    (date(2023, 1, 1), date(2023, 12, 31), date(2023, 2, 28), 2 / 12),
    (date(2023, 1, 1), date(2023, 12, 31), date(2023, 3, 15), 74 / 365),
    (*Y, date(2023, 12, 31), 0.0),  # before the window
    (*Y, date(2025, 1, 5), 1.0),  # after it
    (date(2024, 1, 1), date(2024, 6, 30), date(2024, 3, 31), 0.5),  # a half-year task at the end of March
    (date(2024, 3, 10), date(2024, 3, 19), date(2024, 3, 14), 0.5),  # days
])
def test_elapsed_share(start, end, at, share):
    assert elapsed_share(start, end, at) == pytest.approx(share)


@pytest.mark.parametrize(("text", "due", "kind"), [
    ("2024年6月30日", date(2024, 6, 30), "date"),
    ("2024年6月底前", date(2024, 6, 30), "date"),
    ("2024.9", date(2024, 9, 30), "date"),
    ("9月底", date(2024, 9, 30), "date"),
    ("十一月底前", date(2024, 11, 30), "date"),
    ("2月底", date(2024, 2, 29), "date"),
    ("三季度末", date(2024, 9, 30), "date"),
    ("上半年", date(2024, 6, 30), "date"),
    ("年底前", date(2024, 12, 31), "date"),
    ("2025年底", date(2025, 12, 31), "date"),
    ("长期坚持", date(2024, 12, 31), "ongoing"),
    ("", date(2024, 12, 31), "year_end"),
    ("按上级要求", date(2024, 12, 31), "unread"),
])
def test_deadlines_as_written(text, due, kind):
    d = parse_deadline(text, 2024)
    assert (d.due, d.kind) == (due, kind)


def test_a_date_that_does_not_exist_is_not_read():
    assert parse_date("2023年2月29日", 2023) is None


def test_milestones_with_shares_and_in_words():
    marks, unread = parse_milestones("一季度完成20%；二季度完成50%；三季度完成80%；四季度全面完成", 2024)
    assert [(m.due, m.share) for m in marks] == [(date(2024, 3, 31), 0.2), (date(2024, 6, 30), 0.5),
                                                (date(2024, 9, 30), 0.8), (date(2024, 12, 31), 1.0)]
    marks, unread = parse_milestones("6月底前完成主体结构，9月底前完成装修，12月底前建成投用；争取提前", 2024)
    assert [(m.due, m.share) for m in marks] == [(date(2024, 6, 30), None), (date(2024, 9, 30), None),
                                                (date(2024, 12, 31), 1.0)]
    assert unread == ["争取提前"]
    assert [(m.due, m.share) for m in quarter_milestones({1: "完成20%", 2: "", 3: "完成75%", 4: "/"}, 2024)] == [
        (date(2024, 3, 31), 0.2), (date(2024, 9, 30), 0.75)]


@pytest.mark.parametrize(("at", "share"), [
    (date(2024, 3, 31), 0.2), (date(2024, 5, 31), 0.4), (date(2024, 6, 30), 0.5), (date(2024, 8, 31), 0.7),
    (date(2024, 12, 31), 1.0), (date(2024, 1, 31), 0.2 / 3),
])
def test_expected_progress_follows_the_milestones(at, share):
    marks, _ = parse_milestones("一季度完成20%；二季度完成50%；三季度完成80%", 2024)
    assert expected_share(at, *Y, marks) == pytest.approx(share)


@pytest.mark.parametrize(("as_of", "ratio", "light", "color"), [
    (date(2024, 6, 30), 0.45, "on_track", "green"),  # 45% of a yearly target in June: on schedule (±5 points)
    (date(2024, 11, 30), 0.45, "behind", "red"),  # the same in November: 47 points behind, 预警
    (date(2024, 6, 30), 0.35, "behind", "yellow"),  # 15 points behind: 关注
    (date(2024, 6, 30), 0.29, "behind", "red"),  # 21 points behind
    (date(2024, 6, 30), 0.30, "behind", "yellow"),  # exactly 20 points: still 关注
    (date(2024, 6, 30), 0.56, "ahead", "green"),
])
def test_lights_against_the_schedule(as_of, ratio, light, color):
    result = compute(TaskSchedule(*Y), Evidence(as_of, "", "in_progress", ratio), as_of, Thresholds())
    assert (result.light, result.color) == (light, color)


def test_done_overdue_missed_reports_and_thresholds():
    task = TaskSchedule(date(2024, 1, 1), date(2024, 6, 30))
    assert compute(task, Evidence(date(2024, 6, 30), "1-6月", "done"), date(2024, 7, 5), Thresholds()).light == "done"
    late = compute(task, Evidence(date(2024, 3, 31), "1-3月", "in_progress", 0.5), date(2024, 7, 5), Thresholds())
    assert (late.light, late.color) == ("overdue", "red")
    missed = compute(TaskSchedule(*Y), None, date(2024, 7, 6), Thresholds(), [("1-6月", date(2024, 7, 5))])
    assert (missed.light, missed.color) == ("behind", "yellow") and "1-6月" in missed.reasons[0]
    pending = compute(TaskSchedule(*Y), None, date(2024, 2, 1), Thresholds())
    assert pending.light == "pending"
    strict = compute(TaskSchedule(*Y), Evidence(date(2024, 6, 30), "", "in_progress", 0.45), date(2024, 7, 1),
                     Thresholds(tolerance=2, yellow=10))
    assert (strict.light, strict.color) == ("behind", "yellow")
    words = TaskSchedule(*Y, parse_milestones("6月底前完成主体结构", 2024)[0])
    unmet = compute(words, Evidence(date(2024, 6, 30), "1-6月", "in_progress"), date(2024, 7, 1), Thresholds())
    assert unmet.color == "yellow" and "主体结构" in unmet.reasons[-1]
    met = compute(words, Evidence(date(2024, 6, 30), "1-6月", "in_progress", milestones_done=["6月底前完成主体结构"]),
                  date(2024, 7, 1), Thresholds())
    assert met.color == "green"
