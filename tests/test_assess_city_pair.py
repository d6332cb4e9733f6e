"""A city's first plan of a new term against next year's review (tests/fixtures/assess/city_*.txt, written for
these tests in the layout of such reports: 今后五年的目标任务和2022年工作安排 as one section, the year's targets as
a ——list followed by numbered tasks, a review that opens with "2022年，…" and no heading), and the rules that
decide its verdicts: a rate of change is basically met only within 0.3 points, an indicator's movement aimed
at without a figure is judged by its growth figure, a claim answers a target to complete what was assigned."""

from __future__ import annotations

from pathlib import Path

import pytest

from duban.assess import assess
from duban.assess.judge import aims, indicator_status
from duban.extract import extract
from duban.read import read_document
from duban.records import Indicator
from duban.verdicts import Actual

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "assess"


@pytest.fixture(scope="module")
def city():
    return assess(read_document(FIXTURES / "city_plan_2022.txt"), read_document(FIXTURES / "city_review_2023.txt"))


def _verdict(result, needle: str):
    target = next(t for t in result.plan_targets if needle in t.text)
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    item = result.items[verdict.item] if verdict.item is not None else None
    return target, verdict, item


@pytest.mark.parametrize(("needle", "status", "actuals"), [
    ("全市生产总值增长7%左右", "not_met", [4.2]),  # a year's target in a section that also sets five-year goals
    ("地方一般公共预算收入增长6.5%", "not_met", [3.1]),
    ("全社会固定资产投资增长10%", "not_met", [-6.5]),  # 增长-6.5%: a fall written as a growth
    ("社会消费品零售总额增长8%", "not_met", [0.8]),
    ("外贸进出口稳中提质", "basically_met", []),  # held: a fall of 0.4 % is within a point
    ("实际使用外资稳中有增", "done", []),  # rose 12.6 %
    ("分别增长7%和8%", "not_met", [4.5, 6.1]),
    ("规模以上工业增加值增长8%", "basically_met", [7.8]),  # 0.2 points short
    ("城镇调查失业率控制在5.5%以内", "met", [5.4]),
    ("完成省下达的节能减排目标任务", "done", []),  # on the report's word: 能耗下降完成省下达任务
    ("新增国家级专精特新", "not_met", [8]),
    ("建成投用市第一人民医院新院区", "done", []),
])
def test_each_target_of_the_year_is_judged(city, needle, status, actuals):
    target, verdict, item = _verdict(city, needle)
    assert target.horizon == 2022 and verdict.status == status
    assert item is not None
    assert [a.actual.value for a in item.indicators if a.actual is not None] == actuals
    for s, e in item.evidence_spans:
        assert city.completion.text[s:e].strip()


def test_the_claim_is_kept_apart_from_evidence(city):
    _t, _v, item = _verdict(city, "节能减排")
    assert item.claimed == "完成省下达任务" and "claim_without_figure" in item.flags
    assert "能耗" in city.completion.text[slice(*item.evidence_spans[0])]


def test_a_hoped_for_better_result_is_the_hedge_of_the_target_before_it(city):
    texts = [t.text for t in city.plan_targets]
    assert not any(t.startswith("力争实现更好结果") for t in texts)
    gdp = next(t for t in city.plan_targets if t.text.startswith("全市生产总值增长7%左右"))
    assert gdp.text.endswith("力争实现更好结果") and gdp.hedge == "力争"


def test_five_year_goals_and_numbered_tasks_keep_their_place(city):
    five = next(t for t in city.plan_targets if t.text.startswith("今后五年"))
    assert five.horizon == 2026
    _t, verdict, _item = _verdict(city, "今后五年")
    assert verdict.status == "in_progress"  # a goal for 2026 is never missed in 2022
    tasks = [t for t in city.plan_targets if "规上工业企业200家" in t.text or "新院区" in t.text]
    assert tasks and all(t.tier == "task" for t in tasks)  # (一)… after the dashed list is not headline


def _ind(value, op="~", basis="growth_rate", direction="output", unit="%"):
    return Indicator(metric="m", op=op, value=value, unit=unit, basis=basis, span=(0, 1), direction=direction,
                     norm_value=value, base_unit=unit)


def _actual(value, unit="%"):
    return Actual(value=value, unit=unit, text=str(value), span=(0, 1), norm_value=value, base_unit=unit)


@pytest.mark.parametrize(("ind", "actual", "status"), [
    (_ind(7.5), 7.4, "basically_met"),  # a tenth of a point short of 7.5 %左右
    (_ind(8, "="), 7.8, "basically_met"),
    (_ind(5.5), 5.2, "basically_met"),  # 0.3 points
    (_ind(5.5), 5.0, "not_met"),  # 91 %, but half a point short
    (_ind(6), 5.6, "not_met"),
    (_ind(-20, direction="reduction"), -19.1, "basically_met"),  # a five-year cut: 5 % of 20 is a point
    (_ind(-3, direction="reduction"), -2.5, "not_met"),
    (_ind(3, direction="ceiling"), 3.3, "basically_met"),  # CPI three tenths above
    (_ind(3, direction="ceiling"), 3.5, "not_met"),
    (_ind(95, "=", basis="level"), 94.8, "basically_met"),  # a level in %: within 0.3 points
    (_ind(83, ">=", basis="level", direction="floor"), 80.3, "not_met"),  # 97 % of 优良天数比率, 2.7 points short
    (_ind(48, basis="share"), 47.4, "not_met"),
    (_ind(7.7, ">=", direction="floor"), 7.0, "basically_met"),  # keeping pace within 90 %
    (_ind(100, unit="万人", basis="increment"), 92, "basically_met"),
])
def test_a_percentage_is_close_only_within_three_tenths_of_a_point(ind, actual, status):
    assert indicator_status(ind, _actual(actual, ind.unit), "")[0] == status


@pytest.mark.parametrize(("target", "expected"), [
    ("外贸进出口保稳提质", [("外贸进出口", "hold")]),
    ("外贸进出口稳中提质，实际使用外资稳中有增", [("外贸进出口", "hold"), ("实际使用外资", "grow")]),
    ("城乡居民收入稳步增长", [("城乡居民收入", "grow")]),
    ("粮食生产保持稳定", [("粮食生产", "hold")]),
    ("固定资产投资适度增长", []),  # held to a measure: how much is too much is not written
    ("加快建设现代化产业体系", []),
])
def test_aims(target, expected):
    assert aims(target) == expected


def _narrative(tmp_path, plan: str, review: str):
    p, c = tmp_path / "plan.txt", tmp_path / "review.txt"
    head = "2023年某县政府工作报告\n\n二、2023年主要预期目标\n今年全县经济社会发展的主要预期目标是："
    p.write_text(head + plan + "\n", encoding="utf-8")
    c.write_text("2024年某县政府工作报告\n\n一、2023年工作回顾\n全县地区生产总值增长6.2%。" + review
                 + "\n\n二、2024年工作安排\n今年要推动高质量发展。\n", encoding="utf-8")
    return assess(read_document(p), read_document(c))


def _verdict_of(tmp_path, plan: str, review: str, status: str):
    """The verdict of ``plan`` (after a GDP target) answered by ``review``: its status is ``status`` and, when
    answered, its item's evidence spans hold text of the review."""
    result = _narrative(tmp_path, "地区生产总值增长6%左右。" + plan, review)
    target = next(t for t in result.plan_targets if t.text.startswith(plan.rstrip("。")))
    verdict = next(v for v in result.verdicts if v.target_id == target.id)
    assert verdict.status == status
    item = result.items[verdict.item] if verdict.item is not None else None
    if status != "no_evidence":
        assert item.evidence_spans and all(result.completion.text[s:e] for s, e in item.evidence_spans)
    return item


@pytest.mark.parametrize(("review", "revenue", "investment"), [
    ("一般公共预算收入完成年度预算的96.5%，全社会固定资产投资完成年初计划的102%。", "not_met", "met"),
    ("一般公共预算收入完成年度目标的100.3%。全社会固定资产投资增长-2.1%。", "met", "not_met"),
    # the share in a clause of its own after the amount: the clause before names the indicator
    ("一般公共预算收入完成960亿元，为预算的101.2%。全社会固定资产投资增长-2.1%。", "met", "not_met"),
])
def test_a_growth_target_answered_by_a_share_of_the_budget(tmp_path, review, revenue, investment):
    result = _narrative(tmp_path, "地区生产总值增长6%左右；一般公共预算收入增长5%；全社会固定资产投资增长8%。", review)
    rev = next(i for i in result.items if i.target.startswith("一般公共预算收入"))
    inv = next(i for i in result.items if i.target.startswith("全社会固定资产投资"))
    assert (rev.status, inv.status) == (revenue, investment)
    assert all(a.actual is None or a.actual.value != 96.5 for a in rev.indicators)  # a share is no growth
    if rev.status == "not_met":
        assert "ratio_only" in rev.flags and "96.5%" in rev.explanation


@pytest.mark.parametrize(("plan", "review", "status"), [
    ("完成城镇老旧小区改造5000个。", "开工改造城镇老旧小区5300个。", "in_progress"),  # started is not finished
    # works started for works to be finished: under way (basis_mismatch), whatever their number; until 2026-12-03
    # no answer at all — the annotators of the development sets read it as under way, and so does a reader
    ("建成保障性租赁住房2万套。", "开工建设保障性租赁住房2.4万套。", "in_progress"),
    ("建成保障性租赁住房2万套。", "开工建设保障性租赁住房2.4万套，建成保障性租赁住房1.1万套。", "not_met"),
    ("改造城镇老旧小区5000个。", "开工改造城镇老旧小区5300个。", "met"),  # 开工改造 is how such work is counted
    ("新开工保障性租赁住房2万套。", "开工建设保障性租赁住房2.4万套。", "exceeded"),
])
def test_works_started_answer_a_target_to_finish_them_as_under_way(tmp_path, plan, review, status):
    result = _narrative(tmp_path, "地区生产总值增长6%左右。" + plan, review)
    item = next((i for i in result.items if i.target.startswith(plan.rstrip("。"))), None)
    if status is None:
        assert item is None or all(a.actual is None for a in item.indicators)
        return
    assert item.status == status
    if status == "in_progress":
        assert "basis_mismatch" in item.flags and "开工数" in item.explanation


def test_the_terms_goals_in_a_section_that_also_sets_the_years(tmp_path):
    """二、“十四五”时期主要目标任务和2021年重点工作: the term's goals (every target after “十四五”时期 in its sentence)
    are due in 2025, the year's targets in 2021."""
    path = tmp_path / "plan.txt"
    path.write_text("2021年某省政府工作报告\n\n二、“十四五”时期主要目标任务和2021年重点工作\n"
                    "“十四五”时期，全省经济社会发展的主要目标是：地区生产总值年均增长6%左右，研发经费投入强度达到2.5%。\n"
                    "2021年全省经济社会发展的主要预期目标是：地区生产总值增长8%以上，一般公共预算收入增长6%。\n",
                    encoding="utf-8")
    due = {t.text: t.horizon for t in extract(read_document(path)).targets}  # (“十四五”时期 alone is no target)
    assert due == {"地区生产总值年均增长6%左右": 2025, "研发经费投入强度达到2.5%": 2025,
                   "地区生产总值增长8%以上": 2021, "一般公共预算收入增长6%": 2021}


@pytest.mark.parametrize(("plan", "review", "status"), [
    # a deliverable the 问题 passage names as not delivered, or as behind
    ("开工建设县体育中心。",
     "县文化馆建成开放。\n同时也要看到，部分重点项目推进缓慢，县体育中心、图书馆新馆等项目未按期开工。", "not_met"),
    # behind at the year's end: not delivered in the year (the annotators' reading); on a goal due later: under way
    ("建成县第二人民医院。", "县文化馆建成开放。\n同时也要看到，县第二人民医院建设进度滞后。", "not_met"),
    ("到2025年建成县第二人民医院。", "县文化馆建成开放。\n同时也要看到，县第二人民医院建设进度滞后。", "in_progress"),
    ("完成南头古城二期保护利用工程。", "县文化馆建成开放。\n同时也要看到，南头古城二期保护利用工程进展不及预期。",
     "not_met"),
    # the stage the project was to reach is no part of its name; a figure to reach, admitted behind, is missed too
    ("确保比亚迪济南新能源汽车零部件项目年内建成投产。",
     "县文化馆建成开放。\n同时也要看到，比亚迪新能源汽车零部件等个别重大项目未能按期投产。", "not_met"),
    ("完成淀山湖岸线整治20公里。", "县文化馆建成开放。\n同时也要看到，淀山湖岸线整治等项目进度滞后。", "not_met"),
    # a state to hold, said not held
    ("全面消除黑臭水体，确保国考断面水质稳定达标。", "县文化馆建成开放。\n同时也要看到，个别国考断面水质未能稳定达标。",
     "not_met"),
    # the wordings of a delay: not finished yet, still short
    ("推动园区星湖医院二期建成投用。",
     "县文化馆建成开放。\n同时也要看到，部分民生项目进展不及预期，星湖医院二期尚未完工。", "not_met"),
    ("完成棚户区改造2000户。", "县文化馆建成开放。\n同时也要看到，棚户区改造任务完成情况仍有差距。", "not_met"),
    # two things listed, one delivered and the other admitted behind: partly met, not missed
    ("完成浏阳河大桥及城区至大瑶快速通道建设。",
     "浏阳河大桥建成通车。\n同时也要看到，城区至大瑶快速通道因征拆问题推进缓慢。", "partially_met"),
    # a problem about projects in general names no project
    ("开工建设县体育中心。",
     "县文化馆建成开放。\n同时也要看到，部分重点项目推进缓慢，个别项目未按期开工。", "no_evidence"),
    # an aim without a figure whose fall the 问题 passage admits
    ("实际使用外资稳量提质。", "实际使用外资3.1亿美元。\n同时也要看到，有效需求不足，实际使用外资下降。", "not_met"),
    # an amount admitted missed in two clauses: the thing behind, then how it ended (no figure)
    ("完成坛厂街道棚户区改造1200户。", "县文化馆建成开放。\n同时也要看到，坛厂街道棚户区改造进度滞后，未完成年度任务。",
     "not_met"),
    # a part of the year short of the year's target: under way — unless the year's target is admitted missed
    ("实际使用外资12亿美元。", "1-11月实际使用外资9.4亿美元。", "in_progress"),
    ("实际使用外资12亿美元。",
     "1-11月实际使用外资9.4亿美元。\n同时也要看到，实际使用外资预计难以完成年度目标。", "not_met"),
])
def test_what_the_problems_passage_admits(tmp_path, plan, review, status):
    _verdict_of(tmp_path, plan, review, status)


@pytest.mark.parametrize(("plan", "review", "status"), [
    # several things named: each judged, the rest unreported
    ("建成投用潍坊、烟台两个冷链物流基地。", "烟台冷链物流基地建成投用。", "partially_met"),
    ("开工建设地铁6号线、7号线一期和2号线东延线。", "地铁6号线、2号线东延线开工建设，地铁5号线建设有序推进。",
     "partially_met"),
    ("开工建设地铁6号线、7号线一期和2号线东延线。", "地铁6号线、7号线一期和2号线东延线均已开工建设。", "done"),
    # the thing's name in one piece, though the report calls it shorter or longer
    ("建成投用中国一汽红旗繁荣工厂。", "红旗繁荣工厂建成投产，红旗品牌全年销量突破10万辆。", "done"),
    ("建成引洮供水二期工程。", "引洮供水二期骨干工程主体完工，配套工程加快建设。", "in_progress"),
    ("确保宁句城际轨道交通建成通车。", "年底，宁句城际轨道交通建成通车。", "done"),
    # a line named by its code alone; power on (电通) is a stage of the works
    ("加快苏州轨道交通S1线建设。", "S1线实现全线“电通”，进入联调联试阶段。", "in_progress"),
    ("加快苏州轨道交通S1线建设。", "S11线实现全线“电通”。", "no_evidence"),
    # …or by its own name after the kind of line, and a milestone to reach is no part of the name
    ("实现金义东市域轨道交通义东线全线轨通。", "义东线实现全线轨通，双江湖大桥建成。", "done"),
    # a short form read with the full name in its place: its stage finishes the target
    ("建成贵阳至南宁高速铁路贵州段。", "贵南高铁建成通车，盘兴高铁加快建设。", "done"),
    # a count to reach by a later year, answered by the count reached so far: on its way
    ("到2025年创建省级未来乡村20个。", "深化“千万工程”，累计创建省级未来乡村13个。", "in_progress"),
    ("到2025年建成分布式光伏装机容量500兆瓦。", "累计建成分布式光伏装机容量380兆瓦。", "in_progress"),
    # a document issued under a title worded a little otherwise
    ("出台支持民营经济发展壮大的若干措施。", "出台支持民营经济高质量发展的若干措施，民营经济增加值增长7.5%。", "done"),
    # a qualitative goal due later, done in part: under way; reached early in its own words: done
    ("到2025年，全市规上工业企业数字化改造全覆盖。", "完成规上工业企业数字化改造1200家，新增省级隐形冠军企业8家。",
     "in_progress"),
    ("到2025年，全市规上工业企业数字化改造全覆盖。", "提前实现规上工业企业数字化改造全覆盖。", "done"),
    # ready to open (具备开通条件) is a stage to reach; joint commissioning (联调联试) is under way
    ("确保徐连高铁年底具备开通条件。", "徐连高铁进入联调联试阶段，观音机场三期扩建工程加快推进。", "in_progress"),
    # short forms: the name's characters in order (弥蒙铁路), the place before a long name left out (综保区二期)
    ("建成弥勒至蒙自铁路。", "弥蒙铁路站前工程基本完工。", "in_progress"),
    ("建成义乌综合保税区二期。", "义乌综合保税区进出口额增长31%。综保区二期主体完工。", "in_progress"),
    ("建成通车昭通至泸沽湖、华坪至丽江、大理至永平高速公路。", "华丽高速、大永高速建成通车。", "partially_met"),
    # one thing of a list named late in the 问题 passage (the clause after it says how it ended), the other silent
    ("开工建设雄忻高铁、石衡沧港城际铁路。",
     "县文化馆建成开放。\n同时也要看到，雄忻高铁前期工作进展滞后，未能如期开工；民生保障还有薄弱环节。", "not_met"),
    ("推动芯恩集成电路二期、京东方移动显示模组等项目建成投产。", "京东方移动显示模组建成投产。", "partially_met"),
    # a list itself said short, the head noun shared (京雄、荣乌新线高速公路)
    ("建成京雄高速公路河北段和荣乌高速公路新线。", "京雄、荣乌新线高速公路建成通车。", "done"),
])
def test_deliverables_by_name(tmp_path, plan, review, status):
    item = _verdict_of(tmp_path, plan, review, status)
    if status == "partially_met":
        assert "unreported_part" in item.flags


def test_of_figures_for_an_indicator_unknown_to_the_vocabulary_the_closest_name_answers(tmp_path):
    """投资500万元以上技改项目1.2万个: 实施500万元以上技改项目1.3万个 answers, not 5000万元以上项目1.2万个 before it."""
    result = _narrative(tmp_path, "地区生产总值增长6%左右。实施投资500万元以上技改项目1.2万个。",
                        "新开工5000万元以上项目1.2万个。实施500万元以上技改项目1.3万个，工业技改投资增长9%。")
    item = next(i for i in result.items if i.target.startswith("实施投资500万元"))
    assert [a.actual.value for a in item.indicators] == [1.3] and item.status == "met"


@pytest.mark.parametrize(("plan", "review", "status"), [
    ("保持农业生产稳定增长。", "农业获得丰收，农业增加值增长百分之四。", "done"),
    # a compound naming two indicators (外贸外资): each aim read for both, by their figures
    ("外贸外资稳中提质。", "进出口总额4.45万亿元，增长2.6%；实际使用外资283.8亿美元，增长8.6%。", "done"),
    ("外贸外资稳中提质。", "进出口总额4.45万亿元，增长2.6%；实际使用外资283.8亿美元，下降8.6%。", "partially_met"),
    # an aim answered in words: held (与上年基本持平) is done for a hold, a fall in points misses a rise
    ("外贸进出口保持稳定。", "进出口总额1189亿元，与上年基本持平。", "done"),
    ("空气质量优良天数比例稳中有升。", "空气质量优良天数比例为62.2%，比上年下降1.4个百分点。", "not_met"),
    # a ceiling set from above: the report's word that it was kept; without it, nothing to judge by
    ("城镇调查失业率控制在市下达指标以内。", "城镇调查失业率控制在市下达指标以内，居民收入增长8.2%。", "done"),
    ("实际利用外资完成省下达任务。", "实际利用外资13.6亿美元，外资结构持续优化。", "no_evidence"),
    # the indicator's group named inside the claim itself (能耗双控 of 单位地区生产总值能耗)
    ("单位地区生产总值能耗下降完成省下达任务。", "完成省下达的能耗双控任务，新增绿色工厂15家。", "done"),
    ("单位地区生产总值能耗下降完成苏州市下达任务。", "完成苏州市下达的能耗双控目标任务，新增绿色工厂15家。", "done"),
    # the year's figure before a bound said over several years (始终保持在95%以上)
    ("空气质量优良天数比例保持在95%以上。",
     "五年来空气质量优良天数比例始终保持在95%以上。空气质量优良天数比例98.6%。", "met"),
    # a project named as late in the 问题 passage by a shorter name
    ("开工建设晋江市第二医院新院区。",
     "县文化馆建成开放。\n同时也要看到，部分重点项目推进缓慢，市第二医院新院区等项目受征迁影响未按期开工。", "not_met"),
    # …by a short form, behind and then not done in the clause after it: not done decides
    ("建成红岛国际会议展览中心二期。",
     "县文化馆建成开放。\n同时也要看到，部分重大项目推进不及预期，红岛会展中心二期建设进展滞后，未能如期建成。",
     "not_met"),
    # a count of works to start, short: starting is the target's own stage, no sign of progress
    ("新开工亿元以上项目1000个。", "新开工亿元以上项目736个，新增储备项目6200亿元。", "not_met"),
    # the next clause says more of the thing named: equipment still being installed
    ("推动长电科技先进封装项目建成投产。", "长电科技先进封装项目厂房建成，生产设备正在安装调试。", "in_progress"),
    ("建成中关村壹号二期。", "中关村壹号二期主体结构封顶。", "in_progress"),
    # a growth to outpace a wider area, answered by the review's own comparison
    ("地区生产总值增速高于全市平均水平。", "全县地区生产总值增长6.5%，高于全市1.3个百分点。", "met"),
    ("地区生产总值增速高于全市平均水平。", "全县地区生产总值增长4.1%，低于全市0.4个百分点。", "not_met"),
    # income to grow faster than the economy (6.2 % in these reviews): each group judged — 5.8 % is 94 % of it
    # (basically) and 7.1 % keeps pace; 5.1 % does not, while 7.1 % does: partially met
    ("城乡居民收入增长高于经济增长。", "城镇、农村居民人均可支配收入分别增长5.8%、7.1%。", "basically_met"),
    ("城乡居民收入增长高于经济增长。", "城镇、农村居民人均可支配收入分别增长5.1%、7.1%。", "partially_met"),
    ("城乡居民收入增长高于经济增长。", "城镇、农村居民人均可支配收入分别增长5.1%、5.3%。", "not_met"),
])
def test_more_answers_in_words(tmp_path, plan, review, status):
    _verdict_of(tmp_path, plan, review, status)
