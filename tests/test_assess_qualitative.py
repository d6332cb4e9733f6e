"""The qualitative verdict of one target part from its evidence sentences (assess/judge.py), table-driven."""

from __future__ import annotations

import pytest

from duban.assess import judge

CASES = [
    # target, evidence, expected
    ("建成投用西大河公园二期", ["2024年6月西大河公园二期建成投用"], "done"),
    ("加快公共卫生服务中心建设", ["项目已完成中间结构验收及市优质结构验收", "已完成95%精装修工程"], "in_progress"),
    ("新建区体育馆", ["已完成85.5%的主体工程"], "in_progress"),
    ("强化一体化智能化公共数据平台建设",
     ["完成对6个镇(街道)、5家区属国有企业信息化项目的专项排摸调研"], "activity_only"),
    ("出台人才新政实施细则", ["人才新政实施细则已于6月印发"], "done"),
    ("完成老旧小区改造", ["老旧小区改造正在加快推进"], "in_progress"),
    ("建设智慧养老平台", [], "no_evidence"),
    ("提升基层治理能力", ["开展网格员培训200场次"], "activity_only"),
    # to finish something is a deliverable; finished but for a remainder the report admits is basically met
    ("完成市属国企整合重组", ["市属国企整合重组基本完成"], "basically_met"),
    ("完成市属国企整合重组", ["市属国企整合重组全面完成"], "done"),
    ("建成通车绕城高速东段", ["绕城高速东段主线贯通"], "in_progress"),  # 贯通: through, not open to traffic
    ("建成通车绕城高速东段", ["绕城高速东段建成通车"], "done"),
    # to issue something is a deliverable too
    ("出台江宁区促进数字经济发展三年行动计划", ["出台《江宁区促进数字经济发展三年行动计划（2021—2023年）》"], "done"),
    ("制定出台促进民营经济高质量发展的政策措施", ["出台促进民营经济高质量发展的若干措施"], "done"),
    # still to come is not done; every part a state of all of something, said in the same words, is
    ("建成通车东部快速路", ["东部快速路主线完工，预计2020年6月全线通车"], "in_progress"),
    ("现行标准下农村贫困人口全部脱贫、贫困县全部摘帽", ["现行标准下农村贫困人口全部脱贫，75个贫困县全部摘帽"], "done"),
    ("现行标准下农村贫困人口全部脱贫、贫困县全部摘帽", ["农村贫困人口全部脱贫，贫困县摘帽工作有序推进"], "in_progress"),
    # a target that is itself a stage of the works: the stage reached is the target reached
    ("推动深圳湾文化广场主体工程完工", ["深圳湾文化广场主体完工"], "done"),
    ("确保黄茅海跨海通道主塔封顶", ["黄茅海跨海通道主塔全部封顶"], "done"),
    ("确保黄茅海跨海通道主塔封顶", ["黄茅海跨海通道主塔尚未封顶"], "activity_only"),
    ("建成深圳湾文化广场", ["深圳湾文化广场主体完工"], "in_progress"),  # (for a target to finish: progress)
    # 高标准 and 消费中心城市 name no deliverable (a standard to issue, a facility): open-ended, activity at most
    ("高标准建设西丽湖国际科教城", ["西丽湖国际科教城新引进研究机构5家，成功举办科教城论坛"], "activity_only"),
    ("建设国际消费中心城市", ["国际消费中心城市获批培育建设，成功举办购物节"], "activity_only"),
    ("建设市急救指挥中心", ["市急救指挥中心建成投用"], "done"),  # a facility still is
    # a stage of an application (a review passed, a place on the list of candidates) is progress, not the title
    ("创建茅台镇国家5A级旅游景区", ["茅台镇5A级景区创建通过国家景观质量评审"], "in_progress"),
    ("争创省石墨烯未来产业先导区", ["石墨烯未来产业先导区列入第二批省未来产业先导区培育名单"], "in_progress"),
    # a start is done by starting, or by the works being finished — not by an event held at the same place
    ("开工建设良渚古城遗址公园二期", ["良渚古城遗址保护管理水平不断提升，举办良渚论坛等重大文化活动"], "activity_only"),
    ("开工建设良渚古城遗址公园二期", ["良渚古城遗址公园二期建成开放"], "done"),
    # an event to hold is a deliverable; a 启动区 is a place, not a start; a finish must name the thing finished
    ("举办第十八届海峡两岸（昆山）商品交易会", ["成功举办第十八届海峡两岸（昆山）商品交易会"], "done"),
    ("建成投用松山湖材料实验室一期", ["松山湖科学城纳入国家科学中心先行启动区，松山湖材料实验室一期建成启用"], "done"),
    ("推进海峡两岸青年创业基地建设", ["成功举办海峡两岸商品交易会，海峡两岸青年创业基地新入驻团队30个"],
     "activity_only"),
    # a target that only furthers something is never done: what it asked was to further, not to finish
    ("加快建设山东产业技术研究院", ["山东产业技术研究院揭牌成立，引进研发机构12家"], "in_progress"),
    ("建成山东产业技术研究院", ["山东产业技术研究院揭牌成立，引进研发机构12家"], "done"),
    # an event by its edition is a deliverable, opened is held; 接待 is no 待 (still to come)
    ("办好第36届中国·哈尔滨国际冰雪节", ["第36届哈尔滨国际冰雪节如期开幕，冰雪大世界、太阳岛雪博会接待游客创新高"],
     "done"),
    # the first phase of a thing the target names whole is not the whole
    ("建成金鸡湖东岸湖滨公园", ["金鸡湖东岸湖滨公园一期建成开放，独墅湖周边城市更新项目开工10个"], "in_progress"),
    ("建成金鸡湖东岸湖滨公园一期", ["金鸡湖东岸湖滨公园一期建成开放"], "done"),
    # the start named after the thing is a start target too
    ("推动泉港石化工业区中化泉州100万吨/年乙烯项目开工建设", ["中化泉州百万吨乙烯项目开工，石化产业向中下游延伸"],
     "done"),
]


@pytest.mark.parametrize(("target", "evidence", "expected"), CASES)
def test_qualitative(target: str, evidence: list[str], expected: str) -> None:
    assert judge.qualitative(target, evidence) == expected


@pytest.mark.parametrize(("text", "share"), [("已完成95%精装修工程", True), ("完成全年任务的60%", True),
                                            ("完成100%", False), ("完成投资12亿元", False)])
def test_partial_share(text: str, share: bool) -> None:
    assert (judge._PARTIAL.search(text) is not None) is share


@pytest.mark.parametrize(("target", "subject"), [
    ("国际收支状况改善", "国际收支状况"),
    ("要保持固定资产投资适度增长，正确引导投资方向", "固定资产投资"),
    # a quantity held to a measure by a verb of control: judged as a measured state of that quantity
    ("综合运用多种货币政策工具，合理调控货币信贷总量", "货币信贷"),
    ("今年要努力保持货币发行和信贷的适度规模，防止投资膨胀", "货币发行和信贷"),
    ("严格控制一般性支出", "一般性支出"),
    # not a quantity held: 保持…在合理区间 names no measure of its own
    ("保持经济运行在合理区间", None),
])
def test_state_subjects(target: str, subject: str | None) -> None:
    assert judge.state_subject(target) == subject


def test_a_controlled_quantity_reported_too_high_is_a_miss() -> None:
    assert judge.state_status("货币信贷", "货币信贷投放仍然偏多，流动性过剩矛盾尚未缓解", measured=True) == "not_met"


@pytest.mark.parametrize(("target", "sentence", "status"), [
    # the progress word of another target's clause does not hold this one back
    ("建成投用市第一人民医院新院区", "市第一人民医院新院区建成投用，地铁3号线开工建设，沿江高速公路完成工可编制",
     "done"),
    # a target that is a start is done when it started
    ("开工建设地铁3号线", "市第一人民医院新院区建成投用，地铁3号线开工建设", "done"),
    ("启动以大病统筹为主的城镇居民基本医疗保险试点", "88个城市启动城镇居民基本医疗保险试点", "done"),
    ("开工建设地铁3号线", "地铁3号线尚未开工", "activity_only"),
    ("启动国有企业改革深化提升行动", "国有企业改革深化提升行动全面启动", "done"),
    # a regulation in force has been issued
    ("出台优化营商环境条例", "《优化营商环境条例》正式施行，国有企业改革深化提升行动全面启动", "done"),
    # 取得进展 is progress, not completion
    ("搞好股份制改革试点", "国有商业银行股份制改革和农村信用社改革取得重要进展，上市公司股权分置改革稳步推进",
     "in_progress"),
])
def test_qualitative_in_a_narrative_review(target: str, sentence: str, status: str) -> None:
    assert judge.qualitative(target, [sentence], focus=True) == status


def test_a_table_cell_is_read_whole() -> None:
    """A row's cell is all about its target: its progress words count wherever they stand."""
    cell = "医院主体工程完工，配套设施正在施工"
    assert judge.qualitative("建成投用市第一人民医院新院区", [cell]) == "in_progress"


PLAN_TASKS = """2024年某市政府工作报告
三、2024年重点工作
（一）加快重大项目建设。建成投用市第一人民医院新院区。开工建设地铁3号线。推进沿江高速公路前期工作。
（二）深化改革开放。出台优化营商环境条例。启动国有企业改革深化提升行动。
"""
REVIEW_TASKS = """2025年某市政府工作报告
一、2024年工作回顾
过去一年，全市经济社会发展取得新成效。
重大项目加快建设。市第一人民医院新院区建成投用，地铁3号线开工建设，沿江高速公路完成工可编制。
改革开放不断深化。《优化营商环境条例》正式施行，国有企业改革深化提升行动全面启动。
二、2025年工作安排
"""


def test_tasks_of_a_city_review_through_the_pipeline() -> None:
    from duban.assess import assess
    from duban.read import read_bytes

    result = assess(read_bytes(PLAN_TASKS.encode(), name="2024年某市政府工作报告.txt"),
                    read_bytes(REVIEW_TASKS.encode(), name="2025年某市政府工作报告.txt"))
    status = {it.target: it.status for it in result.items}
    assert status == {
        "建成投用市第一人民医院新院区": "done", "开工建设地铁3号线": "done",
        "推进沿江高速公路前期工作": "activity_only",  # work on a road's preparation: nothing to finish
        "出台优化营商环境条例": "done", "启动国有企业改革深化提升行动": "done",
    }
    for item in result.items:  # each verdict rests on the review's own words
        assert all(result.completion.text[a:b] for a, b in item.evidence_spans)


@pytest.mark.parametrize(("parts", "status"), [
    ([(True, "done"), (True, "basically_met")], "basically_met"),
    ([(True, "basically_met"), (True, "no_evidence")], "partially_met"),
    ([(True, "done"), (False, "activity_only")], "done"),
    # a part admitted not delivered: with one done it is partial; with nothing else delivered, not met
    ([(True, "done"), (True, "not_met")], "partially_met"),
    ([(True, "not_met"), (True, "no_evidence")], "not_met"),
    ([(True, "in_progress"), (True, "not_met")], "partially_met"),
    # an open-ended part only adds activity, unless done in its own words (a state held: 确保太湖安全度夏)
    ([(False, "activity_only"), (False, "activity_only")], "activity_only"),
    ([(False, "activity_only"), (False, "done")], "done"),
    ([(False, "done"), (True, "no_evidence")], "partially_met"),
])
def test_parts_combine(parts: list, status: str) -> None:
    assert judge.combine_parts(parts) == status


def test_a_distinguishing_word_keeps_its_noun() -> None:
    """民营 (a distinguishing word) + 经济: the topic of 促进民营经济高质量发展 is 民营经济, not 经济 (generic)."""
    from duban.assess.passages import key_terms
    assert "民营经济" in key_terms("制定出台促进民营经济高质量发展的政策措施")


@pytest.mark.parametrize(("target", "terms"), [
    ("加大扶贫开发力度", ("扶贫开发",)),  # a set phrase names the topic
    ("高质量打赢脱贫攻坚战", ("攻坚战",)),  # how well (高质量) names none
    ("高标准完成亚运场馆和设施建设", ("亚运", "场馆", "设施")),
])
def test_the_key_terms_of_a_target(target, terms):
    from duban.assess.passages import key_terms
    assert key_terms(target) == terms


@pytest.mark.parametrize(("target", "about", "reached"), [
    # a state to hold, said held in the same words (quotes, 的 and 底线 aside)
    ("坚决守住不发生规模性返贫底线", "守住了不发生规模性返贫的底线，脱贫人口人均纯收入增长14.8%", True),
    ("加强太湖综合治理，确保太湖安全度夏", "连续12年实现太湖“安全度夏”、不发生大面积湖泛", True),
    ("确保太湖安全度夏", "太湖安全度夏面临压力", False),  # named, not held
    ("确保太湖安全度夏", "未能实现太湖安全度夏", False),
    # a title or a place on a list to obtain, said obtained
    ("争取纳入大湾区综合性国家科学中心先行启动区", "松山湖科学城共同纳入大湾区综合性国家科学中心先行启动区", True),
    ("争取纳入大湾区综合性国家科学中心先行启动区", "松山湖科学城未纳入大湾区综合性国家科学中心先行启动区", False),
    ("加强太湖综合治理", "太湖综合治理持续加强", False),  # nothing to hold or obtain: not for this rule
    # a state with a predicate of its own: the predicate after most of its subject (干流 and 以上 aside)
    ("确保赤水河仁怀段水质稳定保持Ⅱ类以上", "赤水河干流仁怀段水质稳定保持Ⅱ类，完成营造林5万亩", True),
    ("确保国考断面水质稳定达标", "个别国考断面水质未能稳定达标", False),
    ("坚决守住不发生暴恐案事件的底线", "连续5年多未发生暴恐案事件", True),  # not happened is held
])
def test_a_state_held_or_a_title_obtained(target, about, reached):
    """(and a state denied in the problems passage: reached.state_denied)"""
    from duban.assess.reached import stated_reached
    assert stated_reached(target, about) is reached


@pytest.mark.parametrize(("target", "expected"), [
    ("建成投用潍坊、烟台两个国家骨干冷链物流基地", ("建成投用", ["潍坊", "烟台国家骨干冷链物流基地"])),
    ("开工建设地铁6号线、7号线一期和2号线东延线", ("开工建设", ["地铁6号线", "7号线一期", "2号线东延线"])),
    ("建成投用市第一人民医院新院区", None),  # one thing
    ("推进农村公路和供水设施建设", None),  # no deliverable verb
    # the stage closing the list, after 推动…: the things before 等
    ("推动芯恩集成电路二期、京东方移动显示模组、海信激光显示产业园等项目建成投产",
     ("建成投产", ["芯恩集成电路二期", "京东方移动显示模组", "海信激光显示产业园"])),
    ("积极承接北京非首都功能疏解，推动中国星网、中国中化、中国华能等央企总部在雄安新区开工建设",
     ("开工建设", ["中国星网", "中国中化", "中国华能"])),
    ("确保宁句城际轨道交通建成通车", None),  # one thing
])
def test_the_things_a_deliverable_names(target, expected):
    from duban.assess.listed import listed_things
    assert listed_things(target) == expected


@pytest.mark.parametrize(("target", "name"), [
    ("确保宁句城际轨道交通建成通车", "宁句城际轨道交通"),
    ("建成投用中国一汽红旗繁荣工厂", "中国一汽红旗繁荣工厂"),
    ("推动晋华集成电路二期项目建成投产", "晋华集成电路二期项目"),
])
def test_the_name_of_a_deliverable(target, name):
    from duban.assess.listed import deliverable_name
    assert deliverable_name(target) == name


@pytest.mark.parametrize(("name", "text", "short"), [
    ("弥勒至蒙自铁路", "弥蒙铁路站前工程基本完工", "弥蒙铁路"),
    ("华坪至丽江高速公路", "华丽高速、大永高速建成通车", "华丽高速"),  # ends on the head noun's first character
    ("红岛国际会议展览中心二期", "红岛会展中心二期建设进展滞后", "红岛会展中心二期"),
    ("义乌综合保税区二期", "综保区二期主体完工", "综保区二期"),  # the place before a long name left out
    ("市第一人民医院新院区", "市医院完成改造", None),  # too short a part of the name
    ("潍坊物流基地", "烟台国家骨干冷链物流基地建成投用", None),  # the distinguishing words never left out
    ("昭通至泸沽湖高速公路", "华丽高速、大永高速建成通车", None),
    # a name ending with its phase keeps part of its head noun: the place and the phase alone name another thing
    ("无锡新体育中心一期", "华虹无锡一期12英寸生产线建成投片", None),
    ("无锡新体育中心一期", "新体育中心一期建成投用", "新体育中心一期"),
    # a section of a line (…贵州段): the whole line may be named
    ("贵阳至南宁高速铁路贵州段", "贵南高铁建成通车，盘兴高铁加快建设", "贵南高铁"),
])
def test_a_short_form_of_a_name(name, text, short):
    from duban.lang.textsim import short_form
    found = short_form(name, text)
    assert (text[found[0]:found[1]] if found else None) == short


@pytest.mark.parametrize(("target", "clause", "denied"), [
    ("全面消除黑臭水体，确保国考断面水质稳定达标", "部分河涌水质反复，个别国考断面水质未能稳定达标", True),
    ("全面完成重点河流综合整治，确保国考断面水质达标", "石马河旗岭断面水质未能稳定达标", True),
    ("确保国考断面水质稳定达标", "国考断面水质稳定达标", False),  # held, not denied
    ("确保国考断面水质稳定达标", "部分河涌水质反复", False),  # another state
    # its subject said short of the standard in other words
    ("确保邕江国控断面水质稳定达到Ⅲ类", "邕江个别断面水质稳定达标仍有差距", True),
])
def test_a_state_the_problems_passage_says_was_not_held(target, clause, denied):
    from duban.assess.reached import state_denied
    assert state_denied(target, clause) is denied


def test_a_long_target_is_found_by_its_first_clause_in_a_real_review():
    """1994's 各级政府要把社会治安综合治理作为一项重要的经常性工作，严格执行领导责任制，… (eight key terms) is
    answered by the 1995 review's 社会治安综合治理工作有所加强, which holds its first clause's topic whole (经常性 is
    how often, not what)."""
    from pathlib import Path

    from duban.assess import assess
    from duban.read import read_document

    samples = Path(__file__).resolve().parents[1] / "src" / "duban" / "samples" / "national"
    result = assess(read_document(samples / "gwr-national-1994.txt"), read_document(samples / "gwr-national-1995.txt"))
    target = next(t for t in result.plan_targets if t.text.startswith("各级政府要把社会治安综合治理"))
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    assert verdict.status == "activity_only"
    item = result.items[verdict.item]
    assert any("社会治安综合治理工作有所加强" in result.completion.text[s:e] for s, e in item.evidence_spans)
