"""Verdicts: an indicator against its reported figure, a target from its indicators or (qualitative)
from what the evidence says was finished, started or merely done as activity.

The rules are those of docs/assessment.md (DESIGN.md's taxonomy, made exact): ratio = actual/target
for “more is better” targets (>=, bare figures, ranges), target/actual for ceilings (<=, and a 左右
target on a lower-is-better metric such as CPI); ≥1.10 exceeded, ≥1.00 met, ≥0.90 basically met
(a 左右 target within ±10 %), else not met — or in progress when the evidence says the rest is under way.
"""

from __future__ import annotations

import re

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.textnorm import shadow
from ..records import Indicator
from ..verdicts import Actual

EXCEEDED, MET, BASIC = 1.10, 1.00, 0.90
LOWER_IS_BETTER = re.compile(
    r"价格|物价|CPI|失业率|能耗|排放|赤字|浓度|PM|事故|死亡|发案|负债|不良|债务|亏损|贫困|欠薪|投诉|时间|时限|天数|成本"
)
_PROGRESS = re.compile(alt(lx.PROGRESS_WORDS) + r"|正在|尚未|未完成|进行中|推进中|有序推进")
_DONE = re.compile(alt(lx.DONE_WORDS))
_CLAIM = re.compile("|".join(lx.CLAIM_PATTERNS))


def is_ceiling(ind: Indicator) -> bool:
    if ind.op == "<=":
        return True
    if ind.op in ("~", "=") and (LOWER_IS_BETTER.search(ind.metric) and ind.basis != "increment"):
        return ind.value >= 0  # a 下降 target (negative value) is a floor on the decline instead
    return False


def ratio(ind: Indicator, actual: Actual) -> float | None:
    target = ind.value
    value = actual.value
    if ind.op == "range" and ind.value_high is not None and not is_ceiling(ind):
        target = ind.value
    if target == 0:
        return None
    if ind.base_unit and actual.base_unit == ind.base_unit and actual.norm_value is not None and ind.norm_value:
        target, value = ind.norm_value, actual.norm_value
    if is_ceiling(ind):
        if value <= 0:
            return EXCEEDED if target > 0 else None
        return target / value
    return value / target


def indicator_status(ind: Indicator, actual: Actual | None, evidence: str) -> tuple[str, float | None]:
    if actual is None:
        return "no_evidence", None
    r = ratio(ind, actual)
    if r is None:
        return "no_evidence", None
    if ind.op == "range" and ind.value_high is not None and not is_ceiling(ind):
        high = ind.value_high / ind.value if ind.value else 1.0
        if r >= high * EXCEEDED:
            return "exceeded", r
    if r >= EXCEEDED:
        return "exceeded", r
    if r >= MET:
        return "met", r
    if r >= BASIC:
        return "basically_met", r
    if r > 0 and _PROGRESS.search(evidence):
        return "in_progress", r
    return "not_met", r


def combine(statuses: list[str]) -> str:
    """A quantified target's status from its indicators' (docs/assessment.md)."""
    reached = [s for s in statuses if s in ("exceeded", "met")]
    answered = [s for s in statuses if s != "no_evidence"]
    if not answered:
        return "no_evidence"
    if len(reached) == len(statuses):
        return "exceeded" if all(s == "exceeded" for s in statuses) else "met"
    if all(s in ("exceeded", "met", "basically_met") for s in statuses):
        return "basically_met"
    if reached or "basically_met" in statuses:
        return "partially_met"
    if "in_progress" in statuses:
        return "in_progress"
    return "not_met"


def claim(evidence: str) -> tuple[str, tuple[int, int]] | None:
    """The report's own claim of completion (已完成全年目标, 均完成目标任务) with its span in ``evidence``."""
    m = _CLAIM.search(shadow(evidence))
    return (evidence[m.start():m.end()], m.span()) if m else None


# A target that names a deliverable (a school, a plan, a survey, a repair) can be finished; one that
# names a quality (体系, 机制, 能力, 品牌…) or a field of work cannot, and gets activity at best.
DISCRETE_OBJECT = re.compile(
    r"学校|小学|中学|幼儿园|医院|卫生院|中心|公园|工程|项目|[0-9一二三四五六七八九十]号线|线路|道路|大道|公路|桥|隧道|"
    r"[^服]馆|研究院|学院|园区|产业园|[^工]站|基地|大楼|大厦|小区|厂|码头|港区|机场|平台|系统|规划|方案|标准|政策|"
    r"意见|办法|条例|普查|调查|试点|示范区|示范村|示范带|样板|名录|专区|楼宇|街区|综合体|实验室|工作站|联合体|"
    r"图目|丛书|读本|大赛|运动会|博览会|展会|节庆|修复|改造|拆迁|征迁|复垦|验收|创建|创成|申创|三乙|三甲|"
    r"注册|登记|变更|转企|上市|挂牌"
)
OPEN_OBJECT = re.compile(
    r"(?:体系|机制|能力|水平|环境|质效|效能|风险|秩序|活力|氛围|格局|品牌|作用|优势|融合|协同|合作|交流|"
    r"保障|服务|治理|管理|监管|发展|改革|精神|意识|理念|文化|生态|工作|行动|攻坚|宣传|教育)(?:建设)?$"
)
_CLAUSE = re.compile(r"[，,；;。]")


def is_discrete(target: str) -> bool:
    """Does the target name a deliverable that can be finished (not just worked on)?"""
    clauses = [c for c in _CLAUSE.split(target) if c.strip()]
    return any(DISCRETE_OBJECT.search(c) and not OPEN_OBJECT.search(c.strip()) for c in clauses)


def qualitative(target: str, evidence_sentences: list[str]) -> str:
    """done / in_progress / activity_only / no_evidence for one target part, from the evidence
    sentences that speak about it (already chosen by relevance)."""
    if not evidence_sentences:
        return "no_evidence"
    if not is_discrete(target):
        return "activity_only"
    joined = "。".join(evidence_sentences)
    progress = bool(_PROGRESS.search(joined))
    done = bool(_DONE.search(joined))
    if done and not progress:
        return "done"
    if progress:
        return "in_progress"
    return "activity_only"


def combine_parts(parts: list[tuple[bool, str]]) -> str:
    """A qualitative row from its parts, each (discrete?, status). Discrete parts decide: all done →
    done; some done and others dropped or not done → partially met; under way → in progress.
    Open-ended parts only ever add activity."""
    discrete = [status for is_d, status in parts if is_d]
    answered = [status for _, status in parts if status != "no_evidence"]
    if not answered:
        return "no_evidence"
    if discrete:
        if all(s == "done" for s in discrete):
            return "done"
        if "done" in discrete and any(s in ("no_evidence", "activity_only") for s in discrete):
            return "partially_met"
        if "in_progress" in discrete and "no_evidence" in discrete:
            return "partially_met"
        if "in_progress" in discrete or "done" in discrete:
            return "in_progress"
    return "activity_only"
