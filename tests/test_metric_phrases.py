"""The metric each figure is read under, in the common phrasings of provincial and city reports.

Each row of ``ROWS`` is ``(sentence, expected)``: the sentence is extracted as a 2024 work plan through the
real ``extract`` and ``expected`` lists, in order, the ``(metric, metric_id)`` of every indicator of its
targets. ``CANONICAL`` pins ``vocabulary().canonical`` on phrases where several aliases occur; ``BANDS``
pins the comparator and figures of band targets written with 以上. The rules are in docs/metrics.md
("Reading the metric of a figure" and "Matching").
"""

from __future__ import annotations

import pytest

from duban.extract import extract
from duban.lang.metrics import vocabulary
from duban.records import Document

GDP, REVENUE, FAI = "gdp", "general_budget_revenue", "fixed_asset_investment"
URBAN, RURAL, ALL_INCOME = "urban_disposable_income", "rural_disposable_income", "disposable_income"

ROWS: list[tuple[str, list[tuple[str, str | None]]]] = [
    # ---- a qualifier of how the change is measured, between the metric and its figure -----------------
    ("一般公共预算收入120亿元，同口径增长8%", [("一般公共预算收入", REVENUE), ("一般公共预算收入", REVENUE)]),
    ("一般公共预算收入同口径增长8%", [("一般公共预算收入", REVENUE)]),
    ("进出口总额同口径增长5%", [("进出口总额", "trade_total")]),
    ("地区生产总值按可比价格计算增长6%", [("地区生产总值", GDP)]),
    ("地区生产总值突破1000亿元，按可比价格计算增长6%", [("地区生产总值", GDP), ("地区生产总值", GDP)]),
    ("规上工业增加值可比价增长7%", [("规上工业增加值", "industrial_va_above")]),
    ("城镇居民人均可支配收入增长8%，扣除物价因素实际增长5%",
     [("城镇居民人均可支配收入", URBAN), ("城镇居民人均可支配收入", URBAN)]),
    ("地区生产总值增长7%，扣除价格因素后实际增长6%", [("地区生产总值", GDP), ("地区生产总值", GDP)]),
    ("社会消费品零售总额扣除价格因素增长10%", [("社会消费品零售总额", "retail_sales")]),
    ("粮食产量连续10年保持在100万吨以上", [("粮食产量", "grain_output")]),
    ("粮食总产量达到120万吨，连续五年保持在100万吨以上",
     [("粮食总产量", "grain_output"), ("粮食总产量", "grain_output")]),
    # a qualifier before its own metric leaves that metric alone
    ("规上工业增加值增长7%，按可比价格计算地区生产总值增长6%",
     [("规上工业增加值", "industrial_va_above"), ("地区生产总值", GDP)]),
    # ---- 城乡 before 分别 and two figures: 城镇 and 农村 in turn; a head shared by a 、 list ----------------
    ("城乡居民人均可支配收入分别增长6%和7%", [("城镇居民人均可支配收入", URBAN), ("农村居民人均可支配收入", RURAL)]),
    ("城乡居民收入分别达到6万元和3万元", [("城镇居民收入", URBAN), ("农村居民收入", RURAL)]),
    ("城镇、农村居民人均可支配收入分别增长6%和7%",
     [("城镇居民人均可支配收入", URBAN), ("农村居民人均可支配收入", RURAL)]),
    ("规上工业、农林牧渔业、服务业增加值分别增长8%、3%和6%",
     [("规上工业增加值", "industrial_va_above"), ("农林牧渔业增加值", "agri_va"), ("服务业增加值", "services_va")]),
    # one figure: all residents
    ("城乡居民人均可支配收入增长7%", [("城乡居民人均可支配收入", ALL_INCOME)]),
    ("城乡居民人均可支配收入分别达到6万元", [("城乡居民人均可支配收入", ALL_INCOME)]),
    # ---- words after the metric that are not its name ---------------------------------------------------
    ("固定资产投资完成1000亿元", [("固定资产投资", FAI)]),
    ("固定资产投资累计完成5000亿元", [("固定资产投资", FAI)]),
    ("固定资产投资比上年增长10%", [("固定资产投资", FAI)]),
    ("全社会固定资产投资较上年增长10%", [("全社会固定资产投资", FAI)]),
    ("固定资产投资在1000亿元以上", [("固定资产投资", FAI)]),
    ("城镇登记失业率在4%以内", [("城镇登记失业率", "unemployment_registered")]),
    ("城乡居民收入比缩小到1.9", [("城乡居民收入比", "urban_rural_income_ratio")]),  # a bare 比 is a ratio
    # ---- a verb of the chain that opens an alias stays with it --------------------------------------------
    ("完成造林种草面积100万亩", [("造林种草面积", "afforestation")]),
    ("新增造林面积5万亩", [("新增造林面积", "afforestation")]),
    ("完成征迁面积40万平方米", [("征迁面积", "demolition_area")]),
    ("新增城镇就业1万人", [("城镇就业", "new_urban_jobs")]),  # the words after the verb name it already
    ("接收高校毕业生1万人", [("高校毕业生", None)]),  # one verb is not the metric (tests/gold: 高校毕业生)
    # ---- the head of a compound names it ------------------------------------------------------------------
    ("工业增加值占GDP比重达到40%", [("工业增加值占GDP比重", None)]),
    ("农村居民人均收入增长8%", [("农村居民人均收入", RURAL)]),
    # ---- 新增/净增 after the thing counted; a modal before the verb is no metric ---------------------------
    ("规上工业企业净增100家", [("规上工业企业", None)]),
    ("市场主体净增5000户", [("市场主体", "market_entities")]),
    ("今年要新增8000万吨标准煤的节能能力", [("节能能力", "energy_saving_capacity")]),
    # ---- abbreviations of the headline indicators in district reports --------------------------------------
    ("全社会固投增长10%", [("全社会固投", FAI)]),
    ("社零额增长8%", [("社零额", "retail_sales")]),
    ("外贸进出口额增长5%", [("外贸进出口额", "trade_total")]),  # the total, not exports
    # ---- the national 小巨人 list and the provincial 专精特新 count are two ---------------------------------
    ("培育专精特新中小企业50家", [("专精特新中小企业", "specialised_smes")]),
    ("新增国家级专精特新小巨人企业8家", [("国家级专精特新小巨人企业", "little_giants")]),
    # ---- what a change is net of is no metric; a chain of verbs keeps its head noun ------------------------
    ("一般公共预算收入1846.6亿元，扣除留抵退税因素后下降7.2%",
     [("一般公共预算收入", REVENUE), ("一般公共预算收入", REVENUE)]),
    ("新引进各类人才10万人", [("新引进各类人才", None)]),  # (had been 进各类人才)
    # 所在地 is no share (占/在…率); 海洋生产总值 is not the city's GDP
    ("州（市）政府所在地城市空气质量优良天数比率保持在98%以上",
     [("州（市）政府所在地城市空气质量优良天数比率", "air_quality_good_days")]),
    ("海洋生产总值增长8%", [("海洋生产总值", "marine_gdp")]),
    # a building stage, or the work's two verbs, after the thing: the thing is the metric
    ("棚户区改造新开工1.2万套", [("棚户区改造", "shantytown_renovation")]),
    ("完成农贸市场改造提升52个", [("农贸市场", None)]),  # (had been 完成农贸市场改造)
    ("完成造林绿化面积10.6万亩", [("造林绿化面积", "afforestation")]),  # (had been 面积)
    ("完成营造林200万亩", [("营造林", "afforestation")]),  # (had been 林)
    # a list item without a head noun of its own takes the last item's head
    ("新一代电子信息、生物医药产业营业收入分别增长15%、12%",
     [("新一代电子信息产业营业收入", None), ("生物医药产业营业收入", None)]),
]


def _metrics(sentence: str) -> list[tuple[str, str | None]]:
    ex = extract(Document(text=sentence, kind="work_plan", year=2024))
    return [(i.metric, i.metric_id) for t in ex.targets for i in t.indicators]


@pytest.mark.parametrize(("sentence", "expected"), ROWS, ids=[r[0] for r in ROWS])
def test_metric_of_each_figure(sentence, expected):
    assert _metrics(sentence) == expected


CANONICAL: list[tuple[str, str | None]] = [
    ("工业增加值占GDP比重", None),  # a share of industry's value added, neither the value added nor GDP
    ("工业投资占固定资产投资比重", None),
    ("固定资产投资中民间投资", "private_investment"),
    ("亩均税收1万元以下低效企业", "inefficient_enterprises"),
    ("规上工业企业研发经费", "industrial_rd_expenditure"),
    ("农村居民人均收入", RURAL),
    ("人均地区生产总值", "gdp_per_capita"),  # two aliases end together: the longer
    ("服务业增加值占GDP比重", "services_share"),  # the share is an alias itself
    # lists: each item keeps its own alias, the longest item names the phrase
    ("城镇居民人均可支配收入和农村居民人均纯收入", URBAN),
    ("规上工业亩均税收、全员劳动生产率、亩均增加值", "tax_per_mu"),
    ("数字化车间(智能工厂)", "digital_workshops"),  # a gloss in brackets is not the head
    ("城镇居民医保和新农合补助标准", "resident_medical_subsidy"),  # 和 inside one alias joins nothing
    ("一般公共预算总收入", "total_fiscal_revenue"),  # the total, central share included, not the local revenue
    ("农业生产", "agri_va"),  # 保持农业生产稳定增长: the sector's value added, the figure a review gives
    ("农业生产条件", None),  # its conditions, means and structure are not
    ("农业生产结构", None),
]


@pytest.mark.parametrize(("phrase", "expected"), CANONICAL, ids=[r[0] for r in CANONICAL])
def test_canonical_prefers_the_head(phrase, expected):
    found = vocabulary().canonical(phrase)
    assert (found.id if found else None) == expected


BANDS: list[tuple[str, tuple[str, float, float]]] = [
    ("地区生产总值增长6%—7%以上", ("range", 6, 7)),
    ("一般公共预算收入增长6-7%以上", ("range", 6, 7)),
    ("地区生产总值增长6%至7%以上", ("range", 6, 7)),
    ("地区生产总值增长6.5%～7%以上", ("range", 6.5, 7)),
]


@pytest.mark.parametrize(("sentence", "expected"), BANDS, ids=[r[0] for r in BANDS])
def test_band_with_yishang_keeps_its_band(sentence, expected):
    ex = extract(Document(text=sentence, kind="work_plan", year=2024))
    [ind] = [i for t in ex.targets for i in t.indicators]
    assert (ind.op, ind.value, ind.value_high) == expected


# A share said after its numerator's own figure (…，占地区生产总值比重达3.54%): the two together name the indicator
# when they are one of their own; a share of something else, or across a full stop, stays unnamed.
SHARES: list[tuple[str, str | None]] = [
    ("全省研发经费支出预计超过4600亿元，占地区生产总值比重达3.54%。", "rd_intensity"),
    ("服务业增加值3.2万亿元，占地区生产总值比重达55.1%。", "services_share"),
    ("工业增加值1.2万亿元，占地区生产总值比重为33%。", None),  # no indicator of its own
    ("研发经费支出4600亿元。占地区生产总值比重达3.54%。", None),  # another sentence
]


@pytest.mark.parametrize(("sentence", "expected"), SHARES, ids=[r[0] for r in SHARES])
def test_a_share_takes_the_indicator_named_before_it(sentence, expected):
    ex = extract(Document(text="一、2023年工作回顾\n" + sentence, kind="work_report", year=2024))
    shares = [m for m in ex.measurements if m.unit == "%"]
    assert [m.metric_id for m in shares] == [expected]


# A group named without the indicator after the whole's figure takes the whole's head, if that is a declared part.
GROUPS: list[tuple[str, list[str | None]]] = [
    ("全体居民人均可支配收入增长5.1%，其中城镇居民增长4.0%、农村居民增长6.6%。",
     ["disposable_income", "urban_disposable_income", "rural_disposable_income"]),
    ("进出口总额增长3%，其中出口增长5%。", ["trade_total", "exports"]),
    ("地区生产总值增长5%，其中城镇居民增长4.0%。", ["gdp", None]),  # not a part of GDP
]


@pytest.mark.parametrize(("sentence", "expected"), GROUPS, ids=[r[0] for r in GROUPS])
def test_a_group_takes_the_head_of_the_whole_before_it(sentence, expected):
    ex = extract(Document(text="一、2023年工作回顾\n" + sentence, kind="work_report", year=2024))
    assert [m.metric_id for m in ex.measurements] == expected


def test_a_figure_with_yishang_is_never_a_ceiling():
    """以上 says more is the aim, whatever the words of an unknown indicator (天数, 时间 lean to ceilings)."""
    text = "重点河流断面达标天数保持在300天以上；群众办事时间压缩到3天以内。"
    ex = extract(Document(text=text, kind="work_plan", year=2024))
    assert [(i.op, i.direction) for t in ex.targets for i in t.indicators] == [(">=", "output"), ("<=", "ceiling")]


def test_a_milestone_verb_is_no_part_of_the_name():
    """全年地区生产总值迈上10万亿元新台阶，达到102719亿元，增长3.7%: the indicator is 地区生产总值, not …迈上."""
    text = "一、2020年工作回顾\n全年地区生产总值迈上10万亿元新台阶，达到102719亿元，增长3.7%。"
    ex = extract(Document(text=text, kind="work_report", year=2021))
    assert [(m.metric, m.metric_id) for m in ex.measurements] == [("地区生产总值", "gdp")] * 3


# A change verb carries to later clauses' figures of the same kind, not to a clause naming a rate of its own.
CARRIES: list[tuple[str, list[tuple[str, float, str]]]] = [
    ("全市PM2.5平均浓度36微克/立方米，同比下降18.2%，空气质量优良天数比例83.9%。",
     [("PM2.5平均浓度", 36.0, "level"), ("PM2.5平均浓度", -18.2, "growth_rate"),
      ("空气质量优良天数比例", 83.9, "share")]),
    ("新增高新技术企业3家、专精特新企业1家，规上企业3家。",
     [("高新技术企业", 3.0, "increment"), ("专精特新企业", 1.0, "increment"), ("规上企业", 3.0, "increment")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CARRIES, ids=[r[0] for r in CARRIES])
def test_a_verb_is_not_carried_into_a_rate_named_after_it(sentence, expected):
    ex = extract(Document(text="一、2023年工作回顾\n" + sentence, kind="work_report", year=2024))
    assert [(m.metric, m.value, m.basis) for m in ex.measurements] == expected
