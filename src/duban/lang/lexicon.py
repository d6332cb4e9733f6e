"""Word lists the rules use: units, comparators, verbs that set a basis, hedges, flags.

Kept as data in one place so that a new phrasing is one line here and one row in the
table-driven tests, not a change to the scanner.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alt(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))

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

# Scale prefixes, longest first: 2.5万千瓦, 1.8亿美元, 3000亿元, 5000万元.
SCALE_PREFIXES = ("万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万", "亿", "万", "千", "百")

# Units whose first character looks like a scale but belongs to the unit.
UNITS_STARTING_WITH_SCALE = ("千瓦时", "千瓦", "千米", "千克", "千伏安", "千伏", "百分点")

# A unit that only names the period or an ordinal: a number before it is not a quantity.
NOT_UNITS = ("年", "月", "日", "号", "期", "届", "号线", "路", "楼", "代", "世纪", "后", "周年", "强")

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
    "新招引", "新落户", "新签约", "新设", "新入选", "新引育", "新开设", "新开通", "新改造", "增加",
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
CUMULATIVE_WORDS = ("累计", "总数达", "总数", "总量达", "累积")
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

# ---- words that mark a past result (review) rather than a commitment -------------------
DONE_WORDS = (
    "已完成", "已建成", "建成投用", "已投用", "投入使用", "已投产", "建成投产", "投产", "竣工", "通车",
    "开业", "开园", "已出台", "出台", "印发", "发布", "获批", "已获", "通过验收", "已通过", "验收",
    "完成", "建成", "落成", "揭牌", "挂牌", "成立", "上线", "启用", "运营", "创成", "获评", "入选",
    "顺利完成", "全面完成", "实现", "注册", "登记成立", "开放", "完工", "建成开放", "投入运营", "办结", "颁发",
    "取得", "通过评审", "批复", "获批复", "成功创建", "成功举办", "圆满承办", "承办", "举办", "召开", "出版",
    "正式运行", "交付", "交付使用", "落地", "签约", "认定", "命名", "授牌",
)
PROGRESS_WORDS = (
    "正在", "推进中", "加快推进", "有序推进", "稳步推进", "持续推进", "已启动", "启动", "开工", "在建",
    "进行中", "实施中", "施工", "前期", "已形成初方案", "初步", "阶段性", "逐步", "完成总工程量",
    "形象进度", "已开展", "筹建", "谋划", "编制中", "待",
)
# The report's own verdict on the target (not a statement of fact about one action).
CLAIM_PATTERNS = (
    r"超额完成[^，。；]{0,8}(?:目标|任务)?",
    r"(?:已|均已|均|全部|已全部|顺利|全面|圆满|基本|已经)完成[^，。；]{0,8}(?:目标|任务|指标)",
    r"完成(?:全年|年度)(?:目标|任务|工作目标)",
    r"(?:已|基本|顺利|圆满)?(?:达成|实现)[^，。；]{0,6}(?:目标|任务)",
)


class WordSet:
    """Longest word of a list at the start or at the end of a string, by set lookups (a regex
    alternation of hundreds of words is tried word by word, and at every position for `…$`)."""

    __slots__ = ("lengths", "longest", "words")

    def __init__(self, words: Iterable[str]) -> None:
        self.words = frozenset(words)
        self.longest = max(map(len, self.words), default=0)
        lengths: dict[str, set[int]] = {}
        for w in self.words:
            lengths.setdefault(w[0], set()).add(len(w))
        # for each first character, the word lengths to try, longest first
        self.lengths = {ch: sorted(ls, reverse=True) for ch, ls in lengths.items()}

    def prefix(self, text: str, start: int = 0) -> int:
        """Length of the longest word at ``text[start:]``'s start (0: none)."""
        if start >= len(text):
            return 0
        for k in self.lengths.get(text[start], ()):
            if text[start:start + k] in self.words:
                return k
        return 0

    def suffix(self, text: str) -> int:
        """Length of the longest word that ends ``text`` (0: none)."""
        for k in range(min(self.longest, len(text)), 0, -1):
            if text[-k:] in self.words:
                return k
        return 0

    def strip_prefixes(self, text: str) -> int:
        """Length of the run of words (one after another) at the start of ``text``."""
        pos = 0
        while (k := self.prefix(text, pos)):
            pos += k
        return pos
