"""Title, jurisdiction, year and kind on documents shaped like those of other places and years."""

from __future__ import annotations

import pytest

from duban.lang.textnorm import fold
from duban.read import read_bytes
from duban.read.meta import built_title, describe, find_title, normalise, to_year, year_of_name
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
        # last year reviewed and this year planned: read as a 政府工作报告 is (review part, then plan part)
        ("《2023年工作总结和2024年工作计划》", None, 2024, "work_report"),
        ("南京市江宁区人民政府2021年工作总结和2022年工作打算", "南京市江宁区", 2022, "work_report"),
        ("某区2023年工作总结", None, 2023, "completion_report"),
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
    # no title line: one is built from what is known (the file name is only the store's last resort)
    assert (m.title, m.jurisdiction, m.year, m.kind) == ("深圳市2024年政府工作报告", "深圳市", 2024, "work_report")


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
    m = meta(text)
    assert (m.title, m.kind) == ("今后五年发展目标", "five_year")  # never the file name


# ---- full-width and spaced digits: the patterns run on a normalised copy ------------------------------

NATIONAL_OPENING = ["各位代表：", "现在，我代表国务院向大会作政府工作报告，请予审议。"]


@pytest.mark.parametrize(
    ("lines", "year"),
    [
        # a review heading with full-width digits: 1991 reviewed → 1992
        ([*NATIONAL_OPENING, "一、１９９１年国内工作的回顾", BODY, "二、抓紧有利时机，加快经济发展", BODY], 1992),
        ([*NATIONAL_OPENING, "一、１９９３年国内工作的回顾和１９９４年工作的基本方针", BODY], 1994),
        # a plan heading with a letter-spaced year, after a review that names the year the government took office
        (
            [
                "各位代表：",
                "本届政府从1 9 9 3 年3 月就职，到现在已经五年了。我代表国务院向大会报告过去五年的工作，请予审议。",
                "一、关于过去五年的政府工作",
                BODY,
                "二、关于1 9 9 8 年政府工作的建议",
                BODY,
            ],
            1998,
        ),
        # no year heading: the year reviewed at the opening, + 1
        ([*NATIONAL_OPENING, "１９９２年，我国改革开放和现代化建设取得了新的重大成就。", BODY], 1993),
        ([*NATIONAL_OPENING, "过去五年，国内生产总值比１９８７年增长４１％，１９９２年增长１２．８％。", BODY], 1993),
        # …but a goal (到2020年) or a baseline (比1980年) is not the year reviewed
        ([*NATIONAL_OPENING, "过去一年，我们向着到2020年全面建成小康社会的目标迈进。", BODY], None),
        ([*NATIONAL_OPENING, "过去一年，我们朝着二〇三五年远景目标迈出坚实步伐。", BODY], None),
        ([*NATIONAL_OPENING, "过去一年，我们为2020年前全面建成小康社会打下了基础。", BODY], None),
        ([*NATIONAL_OPENING, "一、1998年工作回顾和1999年工作的总体要求", BODY], 1999),
        (["各位代表：", BODY, "２０２５年是“十四五”规划收官之年。", BODY], 2025),
        (["政府工作报告", "——２０２４年１月２３日在浙江省第十四届人民代表大会第二次会议上", *NATIONAL_OPENING], 2024),
        (["政府工作报告", "——2024 年 1 月 23 日在浙江省第十四届人民代表大会第二次会议上", *NATIONAL_OPENING], 2024),
    ],
)
def test_year_from_full_width_and_spaced_digits(lines, year):
    assert meta("\n".join(lines)).year == year


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("２０２３年工作要点", 2023),
        ("1 9 9 8 年政府工作报告", 1998),
        ("二〇二四年工作计划", 2024),
        ("2023 年度工作计划", 2023),
    ],
)
def test_title_year_normalised(title, year):
    m = meta(f"{title}\n{BODY}")
    assert (m.title, m.year) == (title, year)  # the title is shown as written


@pytest.mark.parametrize(
    ("line", "normal"),
    [
        ("１９９１年是", "1991年是"),
        ("关于1 9 9 8 年政府工作的建议", "关于1998年政府工作的建议"),
        ("本届政府从1 9 9 3 年3 月就职", "本届政府从1993年3月就职"),
        ("2023 年 5 月 6 日", "2023年5月6日"),
        ("１４．８％", "14.8%"),
        ("宁波市镇海区人民政府2022年工作计划", "宁波市镇海区人民政府2022年工作计划"),
    ],
)
def test_normalise(line, normal):
    assert normalise(line) == normal


def test_normalise_keeps_lines_and_fold_keeps_length():
    text = "１９９１年是\n关于1 9 9 8 年\n年 年"
    assert normalise(text).split("\n") == ["1991年是", "关于1998年", "年 年"]
    assert fold("１４．８％，　ａ") == "14.8%， a"
    assert len(fold("２０２４年——")) == len("２０２４年——")


# ---- titles: from the top of the document only; a metadata field; built from what is known ------------


def test_quoted_document_below_the_salutation_is_not_the_title():
    text = "\n".join(
        [
            "各位代表：",
            "从今年开始，我国将实施新世纪第一个五年计划。中国共产党十五届五中全会通过的《",
            "中共中央关于制定国民经济和社会发展第十个五年计划的建议",
            "》，提出了未来五年的奋斗目标。现在，我代表国务院向大会作报告，请予审议。",
            "2001年是进入新世纪、实施“十五”计划的第一年。",
            BODY,
        ]
    )
    m = meta(text)
    assert (m.title, m.jurisdiction, m.year, m.kind) == ("2001年国务院政府工作报告", "全国", 2001, "work_report")


@pytest.mark.parametrize(
    "lines",
    [
        ["各位代表：", "宁波市2023年工作计划"],  # below the salutation
        [BODY, "宁波市2023年工作计划"],  # below the first sentence
        # inside a 《…》 broken over lines
        ["我国将实施第十个五年计划。通过的《", "中共中央关于制定第十个五年计划的建议"],
    ],
)
def test_title_lines_sit_above_the_body(lines):
    assert find_title(lines) is None


@pytest.mark.parametrize(
    "field",
    [
        "标题: | 海曙区2023年政府工作报告 |",
        "标  题：海曙区2023年政府工作报告",
        "索引号: | 002/2023-1 | 标题: | 海曙区2023年政府工作报告 |",
        "文件名称：海曙区2023年政府工作报告",
    ],
)
def test_title_from_a_metadata_field(field):
    m = meta(f"{field}\n发布机构: | 区政府办 |\n{BODY}", hint="海曙区人民政府门户网站")
    assert (m.title, m.jurisdiction, m.year, m.kind) == ("海曙区2023年政府工作报告", "海曙区", 2023, "work_report")


def test_heading_title_beats_a_metadata_field():
    m = meta(f"标题：海曙区工作要点\n海曙区2023年政府工作报告\n{BODY}")
    assert m.title == "海曙区2023年政府工作报告"


@pytest.mark.parametrize(
    ("kind", "year", "place", "title"),
    [
        ("work_report", 1998, "全国", "1998年国务院政府工作报告"),
        ("work_report", None, "全国", "国务院政府工作报告"),
        ("work_report", 2024, "深圳市", "深圳市2024年政府工作报告"),
        ("work_report", 2024, None, "2024年政府工作报告"),
        ("work_plan", 2022, "宁波市镇海区", "宁波市镇海区2022年工作计划"),
        ("completion_report", 2024, "镇海区", "镇海区2024年工作完成情况"),
        ("task_breakdown", 2023, None, "2023年重点工作任务分解"),
        ("five_year", 2021, "镇海区", "镇海区2021—2025年发展目标"),
        ("five_year", None, None, "今后五年发展目标"),
        ("unknown", 2024, "镇海区", None),  # nothing to say what it is: the file name stays the last resort
        ("completion_report", None, None, None),  # 工作完成情况 alone says less than a file name
    ],
)
def test_built_title(kind, year, place, title):
    assert built_title(kind, year, place) == title


@pytest.mark.parametrize(
    ("kind", "year", "place"),
    [("work_report", 1998, "全国"), ("work_report", 2024, "深圳市"), ("work_plan", 2022, "慈溪市"),
     ("five_year", 2021, "杭州市"), ("task_breakdown", 2023, "嘉兴市")],
)
def test_built_title_reads_back(kind, year, place):
    m = meta(f"{built_title(kind, year, place)}\n{BODY}")
    assert (m.kind, m.year, m.jurisdiction) == (kind, year, place)


def test_no_title_for_an_unknown_document():
    assert meta(BODY + "\n" + "２０２４年" + BODY).title is None


@pytest.mark.parametrize(
    ("name", "year"),
    [
        ("gwr-national-1998.txt", 1998),
        ("reports/2019年工作计划.docx", 2019),
        ("003_9f1f7c57f7a65a70.txt", None),
        ("2023-2024.txt", None),  # two years: no guess
        ("report.txt", None),
        (None, None),
    ],
)
def test_year_of_name(name, year):
    assert year_of_name(name) == year


def test_file_name_year_is_the_last_resort():
    assert describe(BODY, [], None, "gwr-national-1998.txt").year == 1998
    text = f"二〇二四年工作计划\n{BODY}"
    assert describe(text, [], None, "gwr-national-1998.txt").year == 2024


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
