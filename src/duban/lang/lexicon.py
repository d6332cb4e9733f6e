"""Word lists the rules use: units, comparators, verbs that set a basis, hedges, flags.

Kept as data in one place so that a new phrasing is one line here and one row in the
table-driven tests, not a change to the scanner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .wordset import WordSet as WordSet  # (used as lx.WordSet)


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first (ties in a fixed order: the same pattern in every process,
    whatever the hash seed — two words of one length never match at the same place, so the order is only for
    reproducible patterns)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))

# ---- units ---------------------------------------------------------------------------
# Measure words (量词) and physical units, as they follow a number. A scale prefix
# (万/亿/千/百…) may precede any of them; see quantities.py.
MEASURE_WORDS = (
    "个百分点 百分点 个工作日 工作日 个月 人次 户次 家次 台套 标准箱 标箱 "
    "人 名 位 户 家 个 座 套 间 栋 幢 张 床 台 辆 架 艘 列 条 项 件 宗 所 处 批 场 次 篇 部 "
    "册 本 支 只 头 株 棵 羽 匹 口 眼 块 片 节 门 类 种 款 份 例 起 笔 单 对 组 段 道 根 盏 "
    "层 倍 岁 天 小时 分钟 秒 课时 学时 班 床位 车次 航次"
).split()
PHYSICAL_UNITS = (
    "平方公里 平方千米 平方米 立方米 公顷 亩 公里 千米 延米 米 "
    "吨标准煤 吨标煤 吨/日 吨/天 吨/年 吨 千克 公斤 斤 克 立方米/日 立方米/天 "
    "千瓦时 千瓦 兆瓦 瓦 度 千伏安 千伏 伏 "
    "微克/立方米 毫克/立方米 毫克/升 微克 分贝 "
    "元/平方米 元/吨 元/月/人 元/人/月 元/人 元/月 元/年 元 美元 欧元 港元 日元 "
    "方 户 "
).split()
# Units that follow Arabic figures only: 三方协商 (three parties), 两度获评 (twice) are not volumes or kWh.
ARABIC_ONLY_UNITS = ("方", "度")
LATIN_UNITS = (
    "kg/d t/d t/h m3/d m³/d kWh MWh GWh kW MW GW kV km2 km m2 m3 ㎡ ㎞ TEU kg t mg/L μg/m3 ug/m3 Mbps Gbps"
).split()
PERCENT_UNITS = ("%", "％", "‰")
# Units of a rate or share (as normalised): an amount can be a share of its target, a rate cannot
RATE_UNITS = ("%", "‰", "个百分点")

# Scale prefixes, longest first: 2.5万千瓦, 1.8亿美元, 3000亿元, 5000万元.
SCALE_PREFIXES = ("万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万", "亿", "万", "千", "百")

# Units whose first character looks like a scale but belongs to the unit.
UNITS_STARTING_WITH_SCALE = ("千瓦时", "千瓦", "千米", "千克", "千伏安", "千伏", "百分点")

# A unit that only names the period or an ordinal: a number before it is not a quantity.
NOT_UNITS = ("年", "月", "日", "号", "期", "届", "号线", "路", "楼", "代", "世纪", "后", "周年", "强")

# ---- figures that are not commitments (quantities.py) ---------------------------------
# What follows a Chinese numeral in a slogan or set phrase: 两个确立, 四个自信, 五位一体, 三个没有变.
SLOGAN_TAILS = (
    "位一体 个确立 个维护 个意识 个自信 个全面 个代表 个一百年 个务必 个率先 个坚持 个必须 个没有变 "
    "个方面 方面 个领域 个层面 个环节 个阶段 个重点 个字 项规定 条禁令 项基本 张清单 张网 个一 "
    "个毫不动摇 项工作 项重点工作 个积极性 个大局 个市场 种资源 项原则 项主张 个闸门 "
    "个现代化 个文明 个转变 个根本性转变 个有利于 个面向 个结合 个健康 个区分开来 个明确 个必由之路 "
    "个走在前列 个凡是 个基本点 个统筹 个伟大 个坚定不移 个牢记 个着力 个不动摇"
).split()
# Names that begin with a numeral and a measure word (a place is not a count: 八所港 is not 8所).
NUMERAL_NAMES = (
    "八所港 八所镇 三门峡 三门湾 三门县 三台县 三台山 五台山 五台县 七台河 九台区 三元区 七星区 七星关 "
    "五家渠 二道区 二道江 三道岭 五棵松 三家店 九间棚 三间房 六部口"
).split()
# A Chinese numeral + one of these measure words + a place suffix is a name (三门峡, 七台河, 三元区), unless
# the suffix starts a word (县级, 区属, 港口, 山区, 乡镇, 村小, 市场): 三所县级医院 is a count.
NAME_PRONE_MEASURES = "所 台 门 元 星 道".split()
PLACE_SUFFIXES = "港 峡 县 州 湾 岛 渠 山 河 江 湖 区 镇 乡 村 关 桥 寺 塔 庄 屯 寨 堡 坝 岭 峰 沟 洞 店 营 铺"
PLACE_WORD_NEXT = "级 属 企 民 场 域 内 外 长 委 办 口 道 区 镇 小 中 东 西 南 北 务 际 政 府 直 城 里"
# A rate restated from a law or a policy is its rule, not a result to achieve: 延续15%企业所得税优惠,
# 按15%的税率, 减按25%计入, 给予30%的补贴. Words right before the rate, words right after it, and rate
# names stated with 为/按 (增值税税率为13%).
POLICY_RATE_BEFORE = "按 减按 按照 依照 依 统一按 适用 享受 延续 继续执行 执行 实行 给予".split()
POLICY_RATE_AFTER = (
    "税率 费率 利率 征收率 预征率 扣除率 计入 计征 征收 征税 缴纳 缴存 计提 提取 核定 比例 贴息 补贴 补助 奖励 "
    "企业所得税 个人所得税 所得税 增值税 消费税 关税 印花税 税收优惠 优惠税率 加计扣除 抵免 退税 返还"
).split()
POLICY_RATE_NAMES = "税率 费率 利率 征收率 扣除率 贴息比例 补贴比例 补助比例 奖励比例 贴息率".split()
# People a figure in 人 counts when they follow it (引进100人以上高层次人才), unlike the size of a place or a
# body (2000人以上村社区, 100人以上企业) whose noun starts with one of QUALIFIED_BODIES.
PERSON_NOUNS = (
    "人才 人员 干部 专家 学者 学生 教师 医生 医师 护士 农民 毕业生 志愿者 员工 职工 工人 劳动力 特派员 名师 "
    "博士 硕士 博士后 青年 老人 儿童 婴幼儿 学员 技工 工匠 院士 党员 群众"
).split()
QUALIFIED_BODIES = "村 社区 企业 单位 学校 医院 乡镇 园区 项目 机构 团队 基地".split()

# ---- comparators ---------------------------------------------------------------------
PREFIX_OPS: dict[str, str] = {
    "不低于": ">=",
    "不少于": ">=",
    "超过": ">=",
    "突破": ">=",
    "高于": ">=",
    "至少": ">=",
    "多于": ">=",
    "大于": ">=",
    "超": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "不多于": "<=",
    "低于": "<=",
    "少于": "<=",
    "小于": "<=",
    "控制在": "=",  # becomes <= unless a suffix says otherwise (控制在3%左右)
    "达到": "=",
    "约": "~",
    "大约": "~",
    "近": "near",
    "接近": "near",
    "将近": "near",
    "逾": ">=",
    "≥": ">=",
    "≤": "<=",
    ">=": ">=",
    "<=": "<=",
    ">": ">=",
    "<": "<=",
}
SUFFIX_OPS: dict[str, str] = {
    "及以上": ">=",
    "以上": ">=",
    "之上": ">=",
    "以下": "<=",
    "以内": "<=",
    "之内": "<=",
    "左右": "~",
    "上下": "~",
}
RANGE_SEPARATORS = ("-", "至", "到", "~")

# ---- verbs before a figure and the basis they give ------------------------------------
GROWTH_VERBS = (
    "年均增长", "年均增速", "同比增长", "增长率", "增速", "增幅", "涨幅", "增长", "提高", "提升",
    "上涨", "上升", "增加", "扩大",
)
DECLINE_VERBS = ("同比下降", "下降", "降低", "减少", "压减", "压降", "缩减", "削减", "降幅", "缩小")
INCREMENT_VERBS = (
    "新增", "新建", "新开工", "新引进", "新成立", "新培育", "新认定", "新创建", "新改建", "新筹建",
    "新招引", "新落户", "新签约", "新设", "新入选", "新引育", "新开设", "新开通", "新改造", "增加", "净增",
    "引进", "引育", "引培", "招引", "完成", "新上", "接收", "吸纳", "淘汰", "出清", "关停", "拆除", "拆迁",
    "征迁", "整治", "退出", "化解", "处置", "腾退",
)
# Base units of money: a money figure is the year's total (level) whatever the verb.
MONEY_BASES = ("元", "美元", "欧元", "港元", "日元")
# Base units of physical work: done this period (increment) unless a level verb says otherwise.
PHYSICAL_BASES = ("平方米", "亩", "公里", "立方米", "吨", "千瓦", "千瓦时", "吨标准煤", "标准箱")
# Aggregates that are flows: a percentage of them can only be a growth rate (交通业增加值达9%).
FLOW_AGGREGATES = (
    "增加值", "产值", "总产值", "生产总值", "总额", "零售额", "销售额", "收入", "营收", "营业收入", "投资",
    "产量", "拥有量", "总量", "利润", "税收", "进出口", "出口", "进口", "消费", "支出", "交易额", "规模",
)
# Scope words that qualify a metric given twice (地区生产总值全市…、市级…).
SCOPE_WORDS = ("全市", "市级", "全区", "区级", "全县", "县级", "全省", "省级", "全镇", "镇级", "本级")
# How a change is measured, written between a metric and its figure (同口径增长8%, 按可比价格计算增长6%,
# 扣除物价因素实际增长5%): not a metric; the figure keeps the metric before it. Optionally after 按/以 and
# before 计算/计/后 (extract/metric.py builds the pattern, with 连续N年).
MEASURE_QUALIFIERS = (
    "同口径", "可比口径", "自然口径", "按自然口径", "按同口径", "可比价格", "可比价", "不变价格", "不变价", "现价",
    "扣除物价因素", "扣除价格因素", "剔除物价因素", "剔除价格因素", "扣除价格上涨因素",
)
# A scope word that names two groups at once; with 分别 and two figures it stands for both in turn
# (城乡居民人均可支配收入分别增长6%和7% → 城镇居民…, 农村居民…).
PAIRED_SCOPES: dict[str, tuple[str, ...]] = {"城乡": ("城镇", "农村")}
# Verbs that open a commitment clause (after adverbs). A verb missing here is still found by
# the POS tagger; the list makes the common ones fast and sure.
ACTION_VERBS = (
    "推进 推动 实施 建设 建成 打造 培育 创建 创成 改造 提升 安排 开展 举办 组织 培训 招引 招商 吸引 设立 "
    "成立 组建 投用 建立 布局 谋划 储备 盘活 整治 治理 修复 种植 植树 造林 接收 帮扶 救助 资助 慰问 "
    "开通 开设 新改建 改建 扩建 续建 提质 升级 认定 评定 申报 争创 办好 办理 服务 保障 供应 筹集 筹建 "
    "完成 实现 落实 统筹 发放 兑现 减免 减税 降费 引导 带动 覆盖 入选 获评 拆除 拆迁 征迁 交付 出让 "
    "供地 收储 清理 处置 化解 查处 检查 抽检 开工 竣工 签约 落地 引进 引育 新增 新建 增加 "
    "扶持 支持 孵化 集聚 推广 创办 兴建 修建 铺设 敷设 加装 配建 配置 配备 更新 新开工 出清 淘汰 关停 "
    "抓紧抓实 抓实 抓紧 抓好 做好 做强 做大 做实 做细 做深 做优 壮大 发展 深化 强化 完善 优化 加强 保持 稳定 "
    "接收 吸纳 招收 招聘 健全 弘扬 拓宽 拓展 防范 启动 参与 融入 调整 加快 加速 提高 降低 减少 扩大 坚持 "
    "营造 形成 构建 推行 探索 规范 严格 严厉 打击 守住 筑牢 压实 夯实 巩固 用好 管好 整合 利用 保护 "
    "开发 防控 监管 引领 鼓励 促进 贯彻 执行 实行 落细 制定 出台 编制 修订 印发 发布 完成 开放 "
    "承办 举行 召开 实现 加大 提供 满足 解决 消除 取消 简化 精简 精减 压缩 缩短 延伸 延长 畅通 "
    "打通 贯通 联通 连通 衔接 对接 接轨 协同 融合 集成 提速 增强 激发 释放 激活 挖掘 培养 选派 "
    "选育 储备 完善 推出 上线 迭代 运行 运营 投运 投产 达产 投入 筹措 争取 落户 入驻 入库 纳入 列入 "
    "构筑 繁荣 活跃 增进 丰富 美化 亮化 绿化 净化 提振 振兴 激励 维护 守护 擦亮 点燃 凝聚 汇聚 承接 "
    "助推 赋能 放大 做精 做特 聚焦 紧盯 瞄准 加密 织密 扩面 提标 增效 扩容 提档 补齐 补强 拉长"
).split()
# A running total (累计完成): over several years unless its clause names the one year it sums (全年累计: see
# ONE_YEAR_WORDS and MULTI_YEAR_WORDS below).
RUNNING_TOTAL_WORDS = ("累计", "累积")
CUMULATIVE_WORDS = (*RUNNING_TOTAL_WORDS, "总数达", "总数", "总量达")
LEVEL_VERBS = (
    "达到", "达", "保持在", "保持", "控制在", "稳定在", "实现", "为", "至", "到", "提高到", "提高至",
    "提升到", "提升至", "增加到", "增加至", "下降到", "下降至", "降低到", "降低至", "降至", "增至",
    "回落到", "回落至", "回升到", "回升至", "降到", "升到", "升至", "上升到", "上升至", "扩大到", "扩大至",
    "缩小到", "缩小至", "减少到", "减少至", "定为", "确定为", "设定为", "预期为", "安排为",
)
SHARE_WORDS = ("占比", "比重", "比例", "占", "所占")
# Adverbs that may open a clause before its verb.
ADVERB_HEADS = (
    "全面 深入 持续 积极 大力 着力 全力 进一步 不断 稳步 有序 扎实 切实 继续 全年 年内 今年 力争 争取 "
    "努力 确保 力求 奋力 重点 同步 系统 协同 分类 分级 全方位 主动 尽快 及时 率先 适时 合力 毫不放松 "
    "稳慎 稳妥 高质量 高标准 高水平 更大力度 多渠道 加快 加速 全域 全链条 精准 依法 有效 统筹 再 "
    "深度 广泛 迅速 逐步 常态化 全过程 一体化 规范化 标准化 数字化 智能化 集中 专项 联合 共同 "
    "严格 严厉 坚决 全市 全区 全县 全省 全镇 年底前 年内"
).split()
HEDGES = ("力争", "争取", "努力", "力求", "确保", "奋力", "争创")
# A clause that only hopes for better (力争实现更好结果, 努力争取更好成绩): a hedge on the target before it, not one
HOPE_CLAUSE = (r"(?:在实际工作中)?(?:力争|争取|努力|力求|奋力)+(?:实现|取得|达到)?"
               r"更(?:好|高|优|大)的?(?:结果|成绩|水平|成效)")

# ---- what a review says about the year as a whole -----------------------------------------
# Openers of a review's 问题/不足 passage: what follows speaks of what went wrong.
PROBLEM_OPENERS = (
    "清醒地看到", "清醒看到", "清醒地认识到", "清醒认识到", "也要看到", "同时也要看到", "必须看到",
    "存在一些问题", "存在不少问题", "存在不少困难", "困难和问题", "问题和困难", "问题和不足", "不足和问题",
    "突出问题", "不足之处", "差距和不足", "矛盾和问题", "面临的困难", "困难和挑战", "主要问题是",
)
# Admissions that a target was not reached (evidence against the government's own interest).
ADMISSION_WORDS = (
    "没有完成", "未能完成", "未完成", "没有实现", "未能实现", "未实现", "没有达到", "未能达到", "未达到",
    "没有达到预期", "未达预期", "难以完成", "难以实现", "难以达到", "无法完成", "无法实现",
)
# The review's blanket claim about the year's main targets (a claim, not evidence for any one of them).
BLANKET_CLAIMS = (
    r"(?:全面|圆满|胜利|顺利|较好地?|基本)?(?:完成|实现)了?(?:全年|年初确定的|年度|今年)?(?:的)?"
    r"(?:经济社会发展|国民经济和社会发展)?(?:的)?主要(?:预期)?目标(?:任务)?",
    r"主要(?:预期)?目标(?:任务)?(?:全面|顺利|较好|基本)?(?:完成|实现)",
)

# ---- statements, not commitments ------------------------------------------------------
# A clause that only names a period (“十四五”时期，…主要目标是：…; 今后五年，…): the time of the targets after it
PERIOD_ONLY = (r"(?:在|到|至)?(?:“?十[一二三四五六七八九]五”?(?:时期|期间|末|规划期)?|今后五年|未来五年"
               r"|(?:19|20)\d\d年(?:底|末|前)?)(?:内|间)?")
# Verbs of relation: a clause they carry says what something is or depends on (生态环境关系人民福祉,
# 扩大内需的难点和重点在消费), not what will be done.
# Rules about how targets are counted (能耗强度目标在“十四五”规划期内统筹考核, 并留有适当弹性, 新增可再生能源
# 不纳入能源消费总量控制): statements about targets, not commitments.
TARGET_RULE_WORDS = (
    "不纳入", "不计入", "不列入", "统筹考核", "单列考核", "不作考核", "留有适当弹性", "留有弹性", "留有余地",
)
RELATION_VERBS = (
    "关系到", "关系着", "关乎", "事关", "在于", "取决于", "意味着", "标志着", "体现了", "难点在", "重点在",
    "潜力在", "关键在", "根本在", "出路在", "希望在", "优势在", "短板在", "没有变", "不会变", "仍处于",
    "处于安全", "具有十分重要", "具有重要", "至关重要", "十分重要", "尤为重要", "付出艰苦努力", "付出艰辛努力",
    "付出更大努力", "付出更加艰苦", "需要付出",
)

# ---- words that name no indicator on their own ----------------------------------------
# 中央财政将安排832亿元: an actor and a verb of funding say who pays, not for what; a metric made only of
# them identifies nothing, and two figures are never matched on such a name.
GENERIC_METRIC_WORDS = (
    "中央预算内", "中央", "地方", "各级", "本级", "国家", "全国", "全省", "全市", "全区", "全县", "政府", "财政",
    "安排", "拨付", "下达", "投入", "用于", "支出", "资金", "经费", "总额", "规模", "合计", "共计", "将", "拟", "计划",
    "增加", "新增", "比上年", "同比", "达到", "其中", "全年", "今年", "去年", "上年", "累计", "共", "的", "了",
)

# Words every plan repeats: they say nothing about which topic a passage is on (passages.py).
GENERIC_TOPIC_WORDS = (
    "工作", "建设", "发展", "改革", "体系", "制度", "机制", "政策", "措施", "问题", "方面", "领域", "水平", "能力",
    "作用", "力度", "国家", "政府", "各级", "地方", "全国", "社会", "经济", "全面", "基础", "重点", "任务", "目标",
    "工程", "项目", "管理", "服务", "建立", "健全", "完善", "推进", "加强", "加快", "促进", "提高", "实施", "坚持",
    "积极", "进一步", "继续", "努力", "要求", "原则", "方针", "意见", "活动", "情况", "形势", "条件", "环境",
    "质量", "效益", "结构", "规模", "总量", "全年", "今年", "去年", "明年", "当前", "今后", "时期", "阶段",
    "我们", "我国", "人民", "群众", "同志", "代表", "大力", "切实", "认真", "必须", "需要", "可以", "已经",
    "前期工作", "前期", "相关工作", "各项工作", "有关工作",
    "高标准", "高质量", "高水平", "高起点",  # how well, not what (高标准完成亚运场馆建设)
    "经常性", "常态化", "长效化", "制度化", "规范化",  # how often or how settled, not what
)

# A review that restates what was planned (去年曾提出，要把物价涨幅控制在百分之十以内) gives the target again,
# not a result; a clause with a word of outcome (实际回落到6.1%) is a result all the same.
TARGET_TALK_WORDS = (
    "提出", "要求", "预定", "预期目标", "目标是", "目标为", "目标定为", "调控目标", "要把", "要使", "要从", "力争",
    "拟", "打算",
)
RESULT_WORDS = (
    "实际", "实现了", "完成了", "达到了", "回落到", "回落至", "仍然", "依然", "高达", "只有", "仅为", "结果",
)


# Verbs of principle: after 要/必须 they give guidance (要坚持稳中求进), not a task that can be checked.
GUIDANCE_VERBS = (
    "坚持", "贯彻", "认真贯彻", "全面贯彻", "把握", "牢牢把握", "处理好", "正确处理", "树立", "牢固树立", "增强",
    "发扬", "弘扬", "遵循", "立足", "着眼", "注重", "注意", "重视", "高度重视", "统筹", "兼顾", "以", "按照", "围绕",
    "抓住", "认清", "看到", "清醒", "充分认识", "深刻认识", "始终", "善于", "敢于", "勇于",
)

# ---- metrics where less is better (when the vocabulary does not know the metric) ------
LOWER_IS_BETTER_WORDS = (
    "价格", "物价", "CPI", "失业率", "能耗", "排放", "赤字", "浓度", "PM", "事故", "死亡", "发案", "负债", "不良",
    "债务", "亏损", "贫困", "欠薪", "投诉", "时间", "时限", "天数", "成本",
)

# ---- flags for measurements ---------------------------------------------------------
ESTIMATE_WORDS = ("预计", "预估", "估计", "有望", "预期")
APPLIED_WORDS = ("申报", "上报", "推荐", "报送", "申请", "提交", "储备", "立项", "备案")
PARTIAL_PERIOD_PATTERNS = (  # 1-12月 is the whole year, so N stops at 11
    r"1\s*[-—至到~]\s*(?:1[01]|[1-9])月",
    r"一\s*[-—至到]\s*(?:十一|十|[二三四五六七八九])月",
    r"上半年",
    r"前三季度",
    r"[一二三]季度",
    r"第[一二三]季度",
    r"截至\d{1,2}月",
    r"截止\d{1,2}月",
    r"\d{1,2}月底",
    r"\d{1,2}月末",
)
# Words in a figure's own clause that make it a total or an average over several years (五年累计1.6万亿元,
# 五年共利用外资609亿美元, 年均增长8.8%, “十一五”期间, 三年来): never one year's level, amount or growth.
_YEAR_SPANS = ("两", "三", "四", "五", "六", "七", "八", "九", "十", "几", "多")
_PLAN_TERMS = tuple(f"十{n}五" for n in "一二三四五六七八九")
MULTI_YEAR_WORDS = (
    "年均", "平均每年", "每年平均", "近年来", "历年", "以来累计", "五年",
    *(f"{n}年{tail}" for n in _YEAR_SPANS for tail in ("来", "间", "累计", "累积", "共", "合计", "总计", "平均")),
    *(f"{lead}{n}年" for n in _YEAR_SPANS for lead in ("过去", "近")),
    *(f"{a}{term}{b}{tail}" for term in _PLAN_TERMS for a, b in (("“", "”"), ('"', '"'), ("「", "」"), ("", ""))
      for tail in ("期间", "时期")),
)
# …except a one-year mean (PM2.5年均浓度): the clause's words that are not a span of years.
NOT_MULTI_YEAR_WORDS = ("年均浓度", "年平均浓度", "年均值")
# A clause that names the one year (or part of it) a running total sums: 全年累计新增就业, 今年累计.
ONE_YEAR_WORDS = ("全年", "今年", "当年", "本年", "年内", "年度", "去年", "上年", "本年度")

# ---- words that mark a past result (review) rather than a commitment -------------------
DONE_WORDS = (
    "已完成", "已建成", "建成投用", "已投用", "投入使用", "已投产", "建成投产", "投产", "竣工", "通车",
    "开业", "开园", "已出台", "出台", "印发", "发布", "获批", "已获", "通过验收", "已通过", "验收",
    "完成", "建成", "落成", "揭牌", "挂牌", "成立", "上线", "启用", "运营", "创成", "获评", "入选",
    "顺利完成", "全面完成", "实现", "注册", "登记成立", "开放", "完工", "建成开放", "投入运营", "办结", "颁发",
    "取得", "通过评审", "批复", "获批复", "成功创建", "成功举办", "圆满承办", "承办", "举办", "召开", "出版",
    "开幕", "如期举行", "成功举行", "正式运行", "交付", "交付使用", "落地", "签约", "认定", "命名", "授牌", "施行",
    "正式施行",
)
PROGRESS_WORDS = (
    "正在", "推进中", "加快推进", "有序推进", "稳步推进", "持续推进", "已启动", "启动", "开工", "在建",
    "进行中", "实施中", "施工", "前期", "已形成初方案", "初步", "阶段性", "逐步", "完成总工程量",
    "形象进度", "已开展", "筹建", "谋划", "编制中", "封顶", "主体完工", "贯通", "主体建设", "主体工程",
    "待验收", "待审批", "待批复", "待开工", "待完工", "待完成", "待投用",  # (待 alone is in 接待)
    "试车", "试运行", "试生产", "调试", "设备安装", "洞通", "电通", "热滑", "建设中", "全面施工", "站前工程",
    "土建工程", "主体结构",
    "联调联试", "静态验收", "动态验收", "培育名单", "创建名单", "景观质量评审",
    "重要进展", "积极进展", "新进展", "明显进展", "阶段性进展", "进展顺利", "全面推开", "稳步实施",
)
# The report's own verdict on the target (not a statement of fact about one action).
# A share of the year's target reported instead of a figure (完成年度目标的96%, 完成率为85%, 占年度计划的102%): the
# indicator is judged on that share. Each pattern's one group is the percentage.
COMPLETION_RATIO_PATTERNS = (
    r"完成(?:了)?(?:全年|年度|今年|本年|年初|年)?(?:目标|计划|任务|预算)(?:任务|数)?(?:的)?(\d+(?:\.\d+)?)[%％]",
    r"完成率(?:为|达|达到|是)?(\d+(?:\.\d+)?)[%％]",
    r"(?:占|为)(?:全年|年度)(?:目标|计划|任务)(?:任务)?的(\d+(?:\.\d+)?)[%％]",
    # 一般公共预算收入完成960亿元，为预算的101.2%: a share of the budget
    r"(?:占|为)(?:全年|年度|年初)?预算(?:数)?的(\d+(?:\.\d+)?)[%％]",
)
CLAIM_PATTERNS = (
    r"超额完成[^，。；]{0,8}(?:目标|任务)?",
    r"(?:已|均已|均|全部|已全部|顺利|全面|圆满|基本|已经)完成[^，。；]{0,8}(?:目标|任务|指标)",
    r"完成(?:全年|年度)(?:目标|任务|工作目标)",
    # 完成国家下达的目标任务, 完成省下达的约束性指标, 完成苏州市下达的…目标任务 (the assigning level by its name)
    r"完成(?:[\u4e00-\u9fff]{0,4}?(?:国家|中央|省|市|区|县|州|盟|上级))?(?:下达|确定|约束性)的?[^，。；]{0,8}(?:目标|任务|指标)",
    # 城镇调查失业率控制在市下达指标以内: a ceiling set from above, said kept
    r"控制在(?:国家|中央|省|市|区|县|上级)?下达的?[^，。；]{0,6}(?:指标|目标)(?:以内|之内|范围内)",
    r"(?:已|基本|顺利|圆满)?(?:达成|实现)[^，。；]{0,6}(?:目标|任务)",
)
# A target whose content is to reach what was assigned (…完成国家下达目标): its report's claim is its evidence
ASSIGNED_TARGET = (r"完成(?:[\u4e00-\u9fff]{0,4}?(?:国家|中央|省|市|区|县|州|盟|上级))?(?:下达|确定|分解)的?"
                   r"[^，。；]{0,8}(?:目标|任务|指标)"
                   r"|控制在(?:国家|中央|省|市|区|县|上级)?下达的?[^，。；]{0,6}(?:指标|目标)(?:以内|之内|范围内)?")
# 老旧小区改造全面完成: done said of a thing at its clause's end, without a figure — a claim only where the clause
# names the target's indicator before it (a narrative review's claim clauses), never of a whole row or sentence
DONE_AT_END = r"(?:已|均已|全部|已全部|全面|如期|按期|顺利|圆满)(?:建成|完成)(?=[，。；,;]|$)"


# ---- periods and finishing words (assess/schedule.py, extract/readings.py, supervise/) ----------------
# A report's period by name, as months from January (1-N月 is read by pattern: assess/schedule.py).
PERIOD_NAMES: tuple[tuple[str, int], ...] = (
    ("上半年", 6), ("前三季度", 9), ("前两季度", 6), ("一季度", 3), ("第一季度", 3), ("二季度", 6), ("第二季度", 6),
    ("三季度", 9), ("第三季度", 9),
)
# A milestone that finishes the task (its share is the whole).
FINISH_WORDS = ("全面完成", "全部完成", "完成全年任务", "完成年度任务", "完成全年目标", "完成年度目标", "建成投用",
                "竣工验收", "全面建成", "办结", "完成")
# Building stages: a target whose metric names one (新开工630万套) is answered only by a figure of the same
# stage (基本建成544万套 is another indicator). 建成区 (a built-up area) is no stage (assess/scope.py).
STAGE_START_WORDS = ("新开工", "开工建设", "开工", "动工")
STAGE_FINISH_WORDS = ("基本建成", "建成", "竣工", "完工", "交付")
# A goal set over five years (今后五年…, 五年新增装机容量6500万千瓦, 五年内) is due four years after the plan's
# year, unless a this-year word follows (五年淘汰1亿吨，今年淘汰3000万吨): segment.five_year_span.
FIVE_YEAR_SPAN = (r"(?:今后|未来|此后)的?五年"
                  r"|(?<!过去)(?<!回顾)(?<![第个一二三四六七八九十百0-9这的])五年(?![来前了级制计规划行中间])")
THIS_YEAR_WORDS = ("今年", "本年", "当年")
# Words ending in a place suffix that name no place of their own (assess/scope.py: a figure about a named
# sub-place, 镇海区地区生产总值增长8%, does not answer the whole jurisdiction's target).
GENERIC_PLACE_WORDS = (
    "城镇 乡镇 村镇 集镇 小镇 城乡 城区 市区 郊区 社区 园区 景区 小区 片区 山区 地区 灾区 林区 垦区 牧区 库区 老区 "
    "辖区 矿区 湖区 港区 校区 新城区 城市 都市 县市 市县 县区 区县 全市 全区 全县 全省 全镇 全乡 本市 本区 本县 "
    "我市 我区 我县 我省 各市 各区 各县 各省 贫困县 重点县 示范县 示范区 示范镇 示范市 开发区 试验区 保护区 功能区 "
    "集聚区 先行区 自贸区 保税区 风景区 旅游区 工业区 商务区 棚户区 街区 厂区 营区 综保区 安置区"
).split()
