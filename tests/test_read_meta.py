"""Title, jurisdiction, year and kind on documents shaped like those of other places and years."""

from __future__ import annotations

import pytest

from duban.read import read_bytes
from duban.read.meta import describe, to_year
from duban.read.numbering import chinese_number
from duban.read.places import find_jurisdiction, valid_place

BODY = "全面落实国家新一轮组合式减税降费措施，大力抓项目、促消费、稳企业，推动经济实现质的稳步提升和量的合理增长。"


def meta(text: str, hint: str | None = None):
    return describe(text, [], hint)


@pytest.mark.parametrize(
    ("title", "jurisdiction", "year", "kind"),
    [
        ("广东省人民政府2023年重点工作任务分工方案", "广东省", 2023, "task_breakdown"),
        (
            "关于成都市2022年国民经济和社会发展计划执行情况与2023年计划草案的报告",
            "成都市",
            2022,
            "completion_report",
        ),
        ("海淀区2023年上半年重点工作推进情况", "海淀区", 2023, "progress_report"),
        ("余杭区2024年1-9月政府工作报告目标任务完成情况", "余杭区", 2024, "progress_report"),
        ("杭州市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要", "杭州市", 2021, "five_year"),
        ("内蒙古自治区鄂尔多斯市2024年工作要点", "内蒙古自治区鄂尔多斯市", 2024, "work_plan"),
        ("二〇二四年桐庐县政府工作报告", "桐庐县", 2024, "work_report"),
        ("《2023年工作总结和2024年工作计划》", None, 2024, "work_plan"),
        ("浦东新区人民政府关于印发2025年重点工作安排的通知", "浦东新区", 2025, "work_plan"),
        ("2023年度政府工作报告重点任务责任清单", None, 2023, "task_breakdown"),
        ("XX县人民政府2023年工作计划", None, 2023, "work_plan"),
        ("某某区2022年政府工作报告", None, 2022, "work_report"),
        ("关于2024年前三季度政府工作报告重点任务推进情况的报告", None, 2024, "progress_report"),
        ("嘉兴市2023年工作总结", "嘉兴市", 2023, "completion_report"),
        (
            "鄞州区人民政府办公室关于印发2023年鄞州区政府工作报告重点工作任务责任分解的通知",
            "鄞州区",
            2023,
            "task_breakdown",
        ),
    ],
)
def test_titles(title, jurisdiction, year, kind):
    m = meta(f"{title}\n{BODY}\n")
    assert m.title == title.strip("《》")
    assert (m.jurisdiction, m.year, m.kind) == (jurisdiction, year, kind)


def test_speech_without_title():
    text = "\n".join(
        [
            "各位代表：",
            "现在，我代表深圳市人民政府，向大会报告政府工作，请予审议。",
            "一、2023年工作回顾",
            BODY,
            "二、2024年工作安排",
            BODY,
        ]
    )
    m = meta(text)
    assert (m.title, m.jurisdiction, m.year, m.kind) == (None, "深圳市", 2024, "work_report")


@pytest.mark.parametrize(
    ("head", "jurisdiction", "year"),
    [
        (
            ["政府工作报告", "——2024年1月23日在浙江省第十四届人民代表大会第二次会议上", "浙江省省长　王浩"],
            "浙江省",
            2024,
        ),
        (["政府工作报告", "——2023年1月12日在宁波市第十六届人民代表大会第三次会议上"], "宁波市", 2023),
        (["2024年国务院政府工作报告（全文）"], "全国", 2024),
    ],
)
def test_work_report_subtitles(head, jurisdiction, year):
    text = "\n".join([*head, "各位代表：", "现在，我代表省人民政府，向大会报告工作，请予审议。", BODY])
    m = meta(text)
    assert (m.jurisdiction, m.year, m.kind) == (jurisdiction, year, "work_report")


def test_year_from_review_heading_plus_one():
    text = "\n".join(["各位代表：", BODY, "一、2019年工作回顾", BODY, "二、今年工作安排", BODY])
    assert meta(text).year == 2020


def test_review_heading_with_main_work_is_not_the_plan_year():
    text = "\n".join(["各位代表：", "一、2020年主要工作和“十三五”发展成就", BODY])
    assert meta(text).year == 2021


def test_year_from_this_year_sentence():
    text = "\n".join(["各位代表：", BODY, "2008年是极不平凡的一年。", "2025年是“十四五”规划收官之年。", BODY])
    assert meta(text).year == 2025


def test_no_clue_gives_none_and_unknown():
    m = meta(BODY + "\n" + BODY)
    assert (m.title, m.jurisdiction, m.year, m.kind) == (None, None, None, "unknown")


def test_five_year_goals_without_title():
    text = "今后五年政府工作的总体要求是：坚持稳中求进工作总基调，全面贯彻新发展理念。\n" + BODY
    assert meta(text).kind == "five_year"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        ("序号 | 目标任务 | 完成情况 |", "completion_report"),
        ("序号 | 工作任务 | 牵头单位 | 责任单位 | 完成时限 |", "task_breakdown"),
        ("序号 | 指标 | 年度目标 | 1-6月完成数 |", "progress_report"),
    ],
)
def test_kind_from_table_header(header, kind):
    first = "（1-6月）" if "1-6月" in header else "附件"
    text = f"{first}\n{header}\n1 | 地区生产总值增长6% | 区发改局 |\n"
    assert meta(text).kind == kind


def test_title_hint_used_when_text_has_none():
    m = meta(BODY, hint="2023年工作要点")
    assert (m.title, m.year, m.kind) == ("2023年工作要点", 2023, "work_plan")


def test_text_title_wins_over_hint():
    m = meta(f"温州市2023年工作要点\n{BODY}", hint="首页")
    assert m.title == "温州市2023年工作要点"


def test_chrome_lines_are_not_titles():
    text = "相关推荐\n浏览量：1234\n湖州市2023年政府工作报告\n" + BODY
    doc = read_bytes(text.encode(), name="x.txt")
    assert doc.title == "湖州市2023年政府工作报告"
    assert doc.jurisdiction == "湖州市"


def test_jurisdiction_by_frequency_needs_an_issuing_body():
    body = "\n".join(
        [
            "全县上下共同努力，" + BODY,
            "出台《安吉县关于加快数字经济发展的若干意见》。",
            "安吉县白茶产业增长10%，安吉县竹产业稳步发展，全县经济平稳。",
            "安吉县旅游业持续回暖。",
        ]
    )
    assert find_jurisdiction(None, body.split("\n")) == "安吉县"
    without_body = body.replace("《安吉县关于", "《关于")
    assert find_jurisdiction(None, without_body.split("\n")) is None


def test_longest_explicit_name_is_kept():
    lines = ["镇海区2024年工作计划", "现在，我代表宁波市镇海区人民政府向大会报告工作。"]
    assert find_jurisdiction(lines[0], lines) == "宁波市镇海区"


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("宁波市镇海区", True),
        ("慈溪市", True),
        ("鄂温克族自治旗", True),
        ("区", False),
        ("全区", False),
        ("某某县", False),
        ("人民政府", False),
    ],
)
def test_valid_place(name, ok):
    assert valid_place(name) is ok


def test_year_tokens():
    assert to_year("2024") == 2024
    assert to_year("二〇二四") == 2024
    assert to_year("二○二一") == 2021
    assert to_year("1800") is None


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 10, 11, 20, 21, 105, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十一",
        "一百零五",
        "一百一十",
    ]
