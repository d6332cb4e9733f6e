"""Word lists for states a plan aims at and what a review says of them (assess/judge.py): the one home of
these lists (the rest of the vocabulary is in lexicon.py)."""

from __future__ import annotations

# ---- states a plan aims at (国际收支基本平衡, 发展的协调性进一步增强) and what a review says of them --------
STATE_WORDS = (
    "改善", "好转", "平衡", "稳定", "增强", "提高", "提升", "优化", "加快", "扩大", "缩小", "下降", "降低",
    "巩固", "完善", "健全", "加强", "协调", "同步", "回落", "趋稳", "向好", "合理", "适度", "增长",
)
# An indicator's movement aimed at without a figure (外贸进出口保稳提质, 居民收入稳步增长), at the clause's end:
# judged by the review's growth figure for that indicator (assess/qualitative.py). Rising is the aim of GROW_AIMS;
# HOLD_AIMS are met by not falling.
GROW_AIMS = ("稳中有增", "稳中有升", "稳中向好", "止跌回升", "企稳回升", "回升向好", "恢复增长", "持续恢复",
             "稳定增长", "平稳增长", "稳步增长", "较快增长", "持续增长", "增长")
HOLD_AIMS = ("保稳提质", "稳中提质", "促稳提质", "稳规模优结构", "稳量提质", "保持稳定", "基本稳定", "总体稳定",
             "稳定", "平稳", "企稳")
# Compounds that name two indicators at once (外贸外资稳中提质): the indicators each aim is read for.
COMPOUND_SUBJECTS = {
    "外贸外资": ("进出口总额", "实际使用外资"),
    "稳外贸稳外资": ("进出口总额", "实际使用外资"),
    "外贸和外资": ("进出口总额", "实际使用外资"),
    "内外贸": ("社会消费品零售总额", "进出口总额"),
}
# A cut aimed at without a figure (主要污染物排放总量持续减少, 能耗强度继续下降): met by a fall of the indicator or its
# parts, for indicators where less is better (reduction, ceiling).
FALL_AIMS = ("持续减少", "持续下降", "稳步下降", "逐步下降", "继续下降", "继续减少", "进一步下降", "进一步减少",
             "明显下降", "有所下降", "稳中有降", "减少", "下降", "降低")
# Said of a deliverable in the 问题/不足 passage (江宁区体育中心等项目未按期开工): it was not delivered (LATE_WORDS), or
# it is behind (BEHIND_WORDS: under way, late).
LATE_WORDS = ("未按期", "未能按期", "未如期", "未能如期", "未按时", "未能按时", "未按计划", "未开工", "未建成",
              "未完成", "未投用", "未投产", "未竣工", "未能开工", "未能建成", "未能完成", "尚未开工", "尚未建成",
              "尚未完成", "推迟", "延期", "延后", "未完工", "尚未完工", "尚未竣工", "尚未投用", "尚未投产")
# Said of an indicator held to a ceiling or a band (prices, investment, credit), these admit it ran over;
# said of an output, the second list admits it fell short. Either is evidence of a miss without a figure.
EXCESS_WORDS = (
    "过快", "过猛", "较猛", "过热", "过大", "过多", "偏多", "偏快", "偏高", "过高", "膨胀", "上涨较多", "失控",
    "增长较快", "涨幅较大",
)
SHORTFALL_WORDS = ("不足", "放缓", "下滑", "偏低", "过低", "低于预期", "未达预期", "减产", "萎缩", "低于年初预期",
                   "低于年度预期", "低于预期目标", "低于年初目标", "低于年度目标", "低于目标", "不及预期",
                   "不及年初预期", "未达年初预期", "不增反降", "由增转降")
# Said of an indicator to be cut (能耗强度), these admit it rose instead.
REVERSAL_WORDS = ("不降反升", "不降反增", "不减反增", "不减反升", "由降转升")
# A clause with no subject of its own that says how the thing the clause before named ended (…进展滞后，未能如期建成;
# …进度滞后，未完成年度任务): read with that clause.
SAYS_MORE = r"(?:仍|尚|还|至今|迟迟)?(?:未|没有)"
BEHIND_WORDS = ("进度滞后", "推进缓慢", "进展缓慢", "滞后", "不及预期", "仍有差距", "差距较大")
# Said of a state, these mean it went the wrong way.
ADVERSE_STATE_WORDS = (
    "不平衡", "失衡", "加剧", "恶化", "放缓", "趋紧", "偏高", "过快", "过大", "过高", "偏低", "不足", "不强",
    "不够", "不高", "下滑", "仍然", "依然", "仍较", "较大", "突出", "没有", "未能", "尚未", "慢于", "低于经济增长",
)


__all__ = ["ADVERSE_STATE_WORDS", "BEHIND_WORDS", "COMPOUND_SUBJECTS", "EXCESS_WORDS", "FALL_AIMS", "GROW_AIMS",
           "HOLD_AIMS", "LATE_WORDS", "REVERSAL_WORDS", "SAYS_MORE", "SHORTFALL_WORDS", "STATE_WORDS"]
