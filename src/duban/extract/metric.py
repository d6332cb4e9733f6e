"""What a figure measures: metric, basis, direction and hedge, read from the words around it.

Three shapes cover nearly every phrasing in the reports:
  METRIC VERB FIGURE   地区生产总值增长8%以上 / 城镇登记失业率控制在3.5%以内
  VERB METRIC FIGURE   新增高技能人才4100人 / 统筹推进重点项目236个
  VERB FIGURE METRIC   打造5个农村电商示范服务站 / 抓紧抓实50个投资亿元以上的工业技改项目
plus lists (…10个、智能工厂3个), 分别 constructions and shares (占…比重).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import rjieba

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.metrics import vocabulary
from ..records import Quantity

_GROWTH_UNITS = {"%", "个百分点", "百分点", "‰", "倍"}
END_STAGES = ("新开工", "开工", "开工建设", "基本建成", "建成", "竣工")
_WORK_BEFORE = ("改造", "整治", "新建", "建设", "改建", "扩建")
_MEASURE_END = set("个家座套间栋幢张床台辆架艘列条项件宗所处批场次篇部册本支只头株棵块片门类种款份例组段道根盏层名位户")


_FILLER = (
    "全年 年内 今年 当年 全区 全市 全县 全省 全镇 全国 其中 力争 争取 努力 确保 力求 奋力 拟 各类 各项 "
    "持续 全力 着力 大力 积极 稳步 不断 进一步 共计 合计 总计 累计 同比 比上年 较上年 "
    "全面 深入 扎实 有序 加快 加速 预计 已经 当期"
).split()
LEADING_FILLER = re.compile(rf"^(?:{alt(_FILLER)}|共(?!享|同|建|治|富|性|识|青|产)|[，、\s])+")
_LEVEL_PREFIX = ("达到", "控制在")
# (新增/净增 after the thing counted: 规上工业企业新增100家, 市场主体净增5000户, …1200家，净增180家)
# (a building stage after the thing too: 棚户区改造新开工1.2万套, 保障性住房基本建成1.2万套)
_END_VERBS = lx.WordSet(lx.GROWTH_VERBS + lx.DECLINE_VERBS + lx.LEVEL_VERBS + ("增加", "新增", "净增")
                        + END_STAGES)


def verb_end(text: str) -> tuple[int, str] | None:
    """The verb (with a trailing 了/到/至) that ends ``text``: (its start, the verb), or None."""
    best = _END_VERBS.suffix(text)
    if text.endswith(("了", "到", "至")) and (inner := _END_VERBS.suffix(text[:-1])):
        best = max(best, inner + 1)
    return (len(text) - best, text[len(text) - best:]) if best else None


COUNT_VERBS = list(lx.ACTION_VERBS)
# Verbs that are also nouns (服务业, 发展规划, 保障房): only first in a chain, never chained.
_NOUNISH = set("服务 保障 供应 发展 治理 管理 支持 修复 救助 资助 供地 检查 抽检 更新 配置 办理 推广 整治 培训 "
               "储备 孵化 扶持 集聚 稳定 保持 覆盖".split())
_CHAINED = [v for v in COUNT_VERBS + list(lx.INCREMENT_VERBS) if v not in _NOUNISH]
LEADING_VERB = re.compile(
    rf"^(?:再|还|也|要|将)?(?:{alt(COUNT_VERBS + list(lx.INCREMENT_VERBS) + list(lx.DECLINE_VERBS))})"
    rf"(?:[、和及与]?(?:{alt(_CHAINED)}))*"
)
# After a short adverb (动态培育, 聚力打造, 倾力打造): only unmistakable commitment verbs, since noun
# phrases are full of verb-like words (生产性服务业, 实际利用外资).
STRONG_VERBS = "培育 打造 建设 创建 推进 实施 引进 完成 建成 改造 开展 招引 引育 组织 举办".split()
_NEAR_VERB = re.compile(rf"^[^，。；“”]{{1,3}}?(?:{alt(STRONG_VERBS)})")
_TRAILING_ALL = re.compile(r"(?:年均|均|都|各|分别|全部|预期|预计)+$")  # 国内生产总值预期增长7%
_CUMULATIVE = re.compile(alt(lx.CUMULATIVE_WORDS))
SHARE = re.compile(r"占|比重|占比|比例")
_HEDGE = re.compile(alt(lx.HEDGES))
_NOUN_STOP = re.compile(r"[，。；：、]|和|及|与|等|或|\s|$")
# Verbs that end the noun after a figure: 推动2家企业|过会或上市, 吸引150余个项目|参赛.
_PREDICATE_AFTER = re.compile(r"用于|作为|享受|的(?=[^，。；]{0,3}(?:目标|任务))|实现|达到|提升|增长|同比|比上年")


@dataclass(slots=True)
class Reading:
    metric: str
    metric_span: tuple[int, int] | None
    basis: str
    negative: bool
    verb: str  # the verb that set the basis ('' when inherited or none)
    consumed_end: int  # where the next list item may start
    stage: str | None = None  # building stage its clause names (lang/scope.stage_of): start | finish


_MODAL_ONLY = re.compile(r"(?:要|将|拟|需|需要|还|再|又|可|计划|预计|力争|争取|确保|努力|全年|今年|年内)+")


def basis_of_verb(verb: str, unit: str) -> tuple[str, bool] | None:
    """Basis and direction a verb gives a figure in ``unit``; None when the verb says nothing."""
    if not verb:
        return None
    if verb.endswith(("到", "至")) or verb in ("达到", "达", "保持在", "保持", "控制在", "稳定在", "实现", "为"):
        return "level", False
    negative = verb.startswith(tuple(lx.DECLINE_VERBS)) or verb in lx.DECLINE_VERBS
    if verb.rstrip("了") in lx.GROWTH_VERBS or negative:
        if unit in _GROWTH_UNITS:
            return "growth_rate", negative
        return "increment", negative  # 减少贫困人口1000万人: a negative increment
    if _CUMULATIVE.search(verb):
        return "cumulative", False
    if verb.startswith("新") or verb in lx.INCREMENT_VERBS:
        return "increment", False
    return "count", False


def _strip_filler(text: str, start: int) -> tuple[str, int]:
    m = LEADING_FILLER.match(text)
    if m:
        return text[m.end():], start + m.end()
    return text, start


_GENERIC_VERB = re.compile(r"完成|实现|开展|进行|推进|组织")
# (endswith instead of a regex ending in $: ``re`` would try it at every position of the text)
_MEASURABLE_END = tuple(("率 数 额 量 值 度 比 比重 指数 收入 总额 总量 规模 产值 增加值 "
                         "投资 面积 支出 营收 成本 价格 人口 时间").split())


@lru_cache(maxsize=8192)
def leading_pos_verb(text: str) -> int:
    """Length of a verb at the start of ``text`` by POS tag (for verbs outside the lexicon).

    A noun phrase naming something measurable (共享需求满足率) keeps its first word even when
    the tagger calls it a verb."""
    if not text or (text[:-1] if text[-1] == "\n" else text).endswith(_MEASURABLE_END):  # (as …$ would)
        return 0
    n = _first_verb(text[:8])
    return n if n < len(text) else 0


@lru_cache(maxsize=8192)
def _first_verb(head: str) -> int:
    """Length of the first word of ``head`` when the tagger calls it a verb, else 0 (the tagger reads only these
    first characters, so the result is kept by them: more clauses share them than share their whole text)."""
    tokens = rjieba.tag(head)
    return len(tokens[0][0]) if tokens and tokens[0][1] in ("v", "vd", "vi") else 0


_ONE_VERB = re.compile(rf"[、和及与]?(?:{alt(COUNT_VERBS + list(lx.INCREMENT_VERBS) + list(lx.DECLINE_VERBS))})")


@lru_cache(maxsize=8192)
def verb_alias_start(left: str, n: int) -> int:
    """Where the metric starts when the chain of verbs ``left[:n]`` swallowed the first words of an alias: a
    verb of the chain that opens an alias of the vocabulary reaching past the chain stays with the metric
    (完成造林|种草面积 → 造林种草面积; 新增造林|面积 → 新增造林面积), unless the words after the chain name that
    metric already (新增|城镇就业). Never a generic verb (完成, 实现); the first verb only when it is a 新X."""
    starts, pos = [], 0
    while pos < n and (m := _ONE_VERB.match(left, pos)) is not None and m.end() <= n:
        starts.append(m.start() + (left[m.start()] in "、和及与"))
        pos = m.end()
    if len(starts) < 2 or n >= len(left):
        return n  # one verb (接收|高校毕业生, 引进|市外内资): the verb is not the metric
    vocab = vocabulary()
    rest = vocab.canonical(left[n:])
    for p in starts:
        if _GENERIC_VERB.match(left, p) or (p == starts[0] and left[p] != "新"):
            continue
        hits = vocab.mentions(left[p:])
        if hits and hits[0][0] == 0 and hits[0][1] >= n - p:
            return n if hits[0][2] is rest else p
    return n


@lru_cache(maxsize=8192)
def _noun_after(text: str) -> int:
    """Length of the noun phrase that follows a figure (打造5个|农村电商示范服务站); none when a bracketed note
    follows it (增长4.1%（按人民币计…）)."""
    if text[:1] in "（(":
        return 0
    m = _NOUN_STOP.search(text)
    cut = m.start() if m else len(text)
    p = _PREDICATE_AFTER.search(text, 1, cut)
    if p:
        cut = p.start()
    return cut


# A comparison base before the verb says what the change is measured against, not what is measured.
COMPARISON_BASE = re.compile(
    r"(?:分别)?(?:比|较|同比|比上年|较上年)(?:(?:19|20)\d\d年(?:底|末)?|上年|去年|上年同期|同期)?"
)


def read(sh: str, text: str, seg_start: int, q: Quantity, clause_end: int, inherited: tuple[str, bool] | None,
         prefer_after: bool = False) -> Reading:
    """Read the metric and basis of ``q`` from ``sh[seg_start:q.start]`` and what follows it."""
    left = sh[seg_start:q.span[0]].rstrip("的 ")
    left_start = seg_start
    base = COMPARISON_BASE.match(left)
    if base and base.end() > 0:
        left, left_start = left[base.end():], left_start + base.end()
    left, left_start = _strip_filler(left, left_start)
    prefix = sh[q.span[0]:q.number_span[0]]
    basis: tuple[str, bool] | None = None
    verb = ""
    metric_s = metric_e = left_start
    vm = verb_end(left)
    if vm and vm[1] in END_STAGES and vm[0] < 2:
        vm = None  # 基本建成500万套, 新开工建设1043万套: a stage alone (it takes the metric before it: readings)
    if vm and vm[0] > 0 and vm[1] in ("新增", "净增", *END_STAGES) and _MODAL_ONLY.fullmatch(left, 0, vm[0]):
        vm = None  # 今年要新增8000万吨标准煤的节能能力: a modal before the verb, the metric is after the figure
    if vm and vm[1] in ("提升", "提高") and q.unit not in _GROWTH_UNITS and left[:vm[0]].endswith(_WORK_BEFORE):
        vm = (vm[0] - 2, left[vm[0] - 2:vm[0]] + vm[1])  # 农贸市场改造提升52个: the work's two verbs
    if vm and vm[0] > 0:  # METRIC VERB FIGURE
        verb = vm[1]
        basis = basis_of_verb(verb, q.unit)
        metric_s, metric_e = left_start, left_start + vm[0]
        generic = _GENERIC_VERB.match(sh, metric_s, metric_e)
        if generic and metric_e - generic.end() >= 2:
            metric_s = generic.end()  # 完成农贸市场|改造提升52个: a generic verb before the thing is no part of it
    elif vm:  # only a verb before the figure: (同比)增长9%
        verb = vm[1]
        basis = basis_of_verb(verb, q.unit)
        metric_s = metric_e = left_start + len(left)
    else:
        lv = LEADING_VERB.match(left) or _NEAR_VERB.match(left)
        n = lv.end() if lv and word_ends_at(left, lv.end()) else leading_pos_verb(left)
        if n:
            verb = left[:n]
            basis = basis_of_verb(_last_verb(verb), q.unit)
        n = verb_alias_start(left, n)
        rest, rest_start = _strip_filler(left[n:], left_start + n)
        metric_s, metric_e = rest_start, rest_start + len(rest)
    if prefix and prefix.strip() in _LEVEL_PREFIX and (basis is None or basis[0] == "count"):
        basis = ("level", False)
    consumed = q.span[1]
    nxt = sh[q.span[1]:q.span[1] + 1]
    if nxt and "\u4e00" <= nxt <= "\u9fff" and not _NOUN_STOP.match(nxt) and q.unit and q.unit[-1] in _MEASURE_END:
        prefer_after = True  # N 量词 NOUN: the noun is what is counted
    if metric_e <= metric_s or prefer_after:
        n = _noun_after(sh[q.span[1]:clause_end])
        if n:
            metric_s, metric_e = q.span[1], q.span[1] + n
            consumed = metric_e
    if verb.startswith("新") and verb != "新增" and 0 < metric_e - metric_s <= 2 and vm is None:
        metric_s = left_start  # 新开工|项目, 新引进各类|人才: a bare head noun keeps its verb (新开工项目)
    if metric_e <= metric_s and verb and vm is None:
        metric_s, metric_e = left_start, left_start + len(verb)  # 完成拆迁120万平方米: the act is the metric
        generic = _GENERIC_VERB.match(sh, metric_s, metric_e)
        if generic and generic.end() < metric_e:
            metric_s = generic.end()  # …minus a generic 完成/实现/开展: 拆迁
    tail = _TRAILING_ALL.search(sh, metric_s, metric_e)
    if tail:
        metric_e = tail.start()
    metric_s, metric_e = clean_span(sh, metric_s, metric_e)
    goal = _GOAL_WORD.search(sh, metric_s, metric_e)
    if goal and goal.start() > metric_s:
        metric_e = goal.start()  # 广义货币M2增长目标为17% → 广义货币M2增长 (then 增长 as a change word)
        if basis is None or basis[0] == "level":
            basis = ("growth_rate", False) if sh[metric_s:metric_e].endswith(("增长", "增速")) else basis
            if sh[metric_s:metric_e].endswith(("增长", "增速")):
                metric_e -= 2
    milestone = _MILESTONE.search(sh, metric_s, metric_e)
    if milestone and milestone.start() > metric_s:
        metric_e = milestone.start()  # 地区生产总值全市突破“2000亿”(达到2008.3亿元)
    change = _CHANGE_WORDS.search(sh, metric_s, metric_e)
    if change and change.start() > metric_s and q.unit in _GROWTH_UNITS:
        metric_e = change.start()  # 居民消费价格涨幅 → 居民消费价格: the basis carries the change
        basis = ("growth_rate", basis[1] if basis else False) if basis is None or basis[0] == "level" else basis
    metric = text[metric_s:metric_e].strip()
    if "\n" in metric:  # a name broken over lines by a page's markup (广义货币M\n2\n)
        metric = re.sub(r"\s*\n\s*", "", metric)
    if basis is None:
        basis = inherited or _basis_of_metric(metric, q.unit)
    name, negative = basis
    name = refine_basis(name, metric, q, bool(verb) or prefix.strip() in _LEVEL_PREFIX,
                        metric_new=verb.startswith("新") or metric.startswith("新"))
    if _CUMULATIVE.search(sh[seg_start:q.span[0]]):
        name = "cumulative"
    elif SHARE.search(metric) and q.unit in ("%", "‰"):
        name = "share"
    elif name != "growth_rate" and q.unit in ("%",) and re.search(r"(增长率|增速|增幅|涨幅)$", metric):
        name = "growth_rate"
    elif name == "count" and metric.startswith("新"):
        name = "increment"
    return Reading(metric, (metric_s, metric_e) if metric else None, name, negative, verb, consumed)


# How a change is measured (同口径, 按可比价格计算, 扣除物价因素后, 连续5年): a qualifier, never part of a metric.
QUALIFIER = (rf"(?:按|以)?(?:{alt(lx.MEASURE_QUALIFIERS)})(?:计算|计)?(?:后|的)?"
             r"|连续[0-9一二两三四五六七八九十]+年"
             r"|[（(](?:下同|同比|按[^（）()]{1,8}计(?:算)?|[^（）()]{0,6}口径)[）)]"  # 同比增长（下同）9.6%: a note
             r"|[两三四五]年平均"  # 两年平均增长5.1%: how the change is averaged (a multi-year figure: flagged)
             # 扣除留抵退税因素后, 剔除减税降费影响: what the change is net of
             r"|(?:扣除|剔除|扣减|不含)[^，。；、\d]{1,10}?(?:因素|影响)(?:后|的)?")
# A comparison base left between a metric and its verb (固定资产投资比上年增长10%); a bare 比 is a ratio (收入比).
_TRAILING_BASE = r"(?:比|较)(?:上年同期|上年|去年同期|去年|同期|(?:19|20)\d\d年(?:底|末)?)|同比"
# A metric that is only qualifiers and adverbs (，同口径增长8%): the figure keeps the metric before it.
QUALIFIER_ONLY = re.compile(rf"(?:{QUALIFIER}|{_TRAILING_BASE}|实际|名义|分别|均|都|年均|[，、\s])+")
# A clause that opens with a qualifier and goes straight to its verb (，同口径增长8%; ，连续5年保持在90%以上)
# says more about the figure before it: it continues that target (extract/clauses.py).
QUALIFIED_CHANGE = re.compile(
    rf"(?:{QUALIFIER})+(?:实际|名义|同比|均|都|年均)*(?:{alt(lx.GROWTH_VERBS + lx.DECLINE_VERBS + lx.LEVEL_VERBS)})")
_GOAL_WORD = re.compile(r"(?:预期)?(?:增长)?目标(?:是|为|定为|拟定为|拟|拟定|初定|定|设定|确定)?$")
# Words around a metric that are not part of its name: an enumerator (①, (1), 1., 一、, (一)), a year or period
# before it (2015年, 五年), scope and connectives (我国, 的, 再), and after it modals, adverbs and copulas (将, 继续,
# 实际, 在, 为), a condition (是在…的基础上), or a verb of building (基本建成).
_LEADING_JUNK = re.compile(  # (used with match(): anchored at its pos)
    r"(?:——|—|--|•|·|[\u2460-\u2473]|\(\d{1,2}\)|\d{1,2}[.、](?![\d%])|\(?[一二三四五六七八九十]{1,3}[)、]|"
    r"(?:19|20)\d\d年(?:底|末|前)?|今后五年|未来五年|[两三四五]年(?:内|间)?|我国|全国|的|再|并|把|使|将|要|拟|"
    rf"分别|其中|同时|另外|此外|今年|全年|年内|年末|年底|{QUALIFIER})+"
)
_TRAILING_JUNK = re.compile(
    r"(?:是?在[^，。；]{0,30}?的?基础上|(?:年均|实际|将|要|拟|继续|进一步|再|已经|已|都|均|各|分别|全部|预期|预计|力争|"
    r"争取|努力|(?<=[率重平值数额量入])(?:为|是|达)|(?<![存所现正实潜自内外])在|基本建成|基本完成|全面建成|全面完成|"
    rf"(?:累计)?完成|建成|开工|竣工|新开工|投产|(?<=[\u4e00-\u9fff])(?:全年|(?:(?:19|20)\d\d)?年(?:末|底))|{_TRAILING_BASE}|{QUALIFIER}))+$"
)
_MILESTONE = re.compile(r"(?:突破|超过|跨越|迈上|站上|跨上|跃上)(?:“?[\d.]+[万亿千百]*[元人个]?”?(?:大关|台阶)?)?$")
_CHANGE_WORDS = re.compile(r"(?:增长率|增速|增幅|涨幅|降幅)$")
_STOCK_END = re.compile(r"(?:产量|总产量|总量|总额|规模|拥有量|保有量|存量)$")
_FLOW_END = re.compile(rf"(?:{alt(lx.FLOW_AGGREGATES)})$")
COUNT_MEASURES = set("个家座套间栋幢张台辆架艘条项件所处批场次篇部支块片类种款例组名位户人")


def refine_basis(name: str, metric: str, q: Quantity, has_verb: bool, metric_new: bool = False) -> str:
    """Rules on the kind of figure that override what the verb said (docs/annotation.md, basis)."""
    base = q.base_unit or ""
    if name in ("count", "level") and "新增" in metric and base and base not in lx.MONEY_BASES and q.unit != "%":
        return "increment"  # 城镇新增就业1266万人
    if name == "increment" and not has_verb and _STOCK_END.search(metric):
        return "level"  # …、蔬菜产量9.2万吨: an output or a total is a level, whatever verb the list began with
    if name in ("count", "increment") and base in lx.MONEY_BASES and not metric_new:
        return "level"  # a money figure is the period's total: 安排资金5000万元, 完成投资450亿元
    if name == "count" and base in lx.PHYSICAL_BASES:
        return "increment"  # physical work done this period: 完成拆迁120万平方米, 改造15公里
    if name == "level" and not has_verb and base and base in COUNT_MEASURES and not metric.endswith(("数", "量")):
        return "count"  # 阶梯孵化亿元楼宇1座: a number of things
    if name == "level" and q.unit == "%" and _FLOW_END.search(metric) and not SHARE.search(metric):
        return "growth_rate"  # a percentage of a flow is its growth: 交通业增加值达9%
    return name


def clean_span(sh: str, s: int, e: int) -> tuple[int, int]:
    """The metric's span without the words around it that are not its name (at least two characters
    are kept)."""
    lead = _LEADING_JUNK.match(sh, s, e)
    if lead and e - lead.end() >= 2:
        s = lead.end()
    trail = _TRAILING_JUNK.search(sh, s, e)
    if trail and trail.start() - s >= 2:
        e = trail.start()
    return s, e


def word_ends_at(text: str, n: int) -> bool:
    """Is the verb of ``n`` characters a word of its own here? Not when the tokenizer reads a longer
    word starting with it (集成 in 集成电路); its other splits are not trusted (出|清高耗)."""
    return _first_word(text[: n + 6]) <= n


@lru_cache(maxsize=8192)
def _first_word(head: str) -> int:
    """Length of the tokenizer's first word of ``head`` (0 for none); kept by the characters it reads."""
    words = rjieba.cut(head)
    return len(words[0]) if words else 0


_LAST_VERB = re.compile(rf"(?:{alt(COUNT_VERBS + list(lx.INCREMENT_VERBS))})$")


def _last_verb(chain: str) -> str:
    m = _LAST_VERB.search(chain)
    return m.group() if m else chain


def _basis_of_metric(metric: str, unit: str) -> tuple[str, bool]:
    if metric.startswith("新"):
        return "increment", False
    if re.search(r"(增长率|增速|增幅|涨幅)$", metric) and unit in _GROWTH_UNITS:
        return "growth_rate", False
    return "level", False


def hedge_before(sh: str, sentence_start: int, pos: int) -> str | None:
    """The nearest hedge (力争, 确保…) before ``pos`` in the same sentence (the last that a scan from
    ``sentence_start`` finds: most sentences have none, found by one search)."""
    m = _HEDGE.search(sh, sentence_start, pos)
    if m is None:
        return None
    while (nxt := _HEDGE.search(sh, m.end(), pos)) is not None:
        m = nxt
    return m.group()
