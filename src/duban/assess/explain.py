"""Plain Chinese explanations of verdicts, quoting the target figure and the reported one."""

from __future__ import annotations

import re

from ..records import FLAG_LABELS, STATUS_LABELS
from ..verdicts import IndicatorAssessment, Item
from .basis import basis_note

_LOOSE_HEAD = re.compile(r"计划|预期|今年|全年|年均|其中|全省|全市|全区|全县|全国")
OP_WORDS = {">=": "不低于", "<=": "不超过", "~": "左右", "=": "", "range": ""}
_FLAG_NOTES = {
    "basis_mismatch": "所报数字口径不同（如以累计数、申报数代替当年新增或实际结果），不能据此判断",
    "estimate": "所报为预计数",
    "partial_period": "所报为非全年（如上半年、1-11月）数据",
    "claim_without_figure": "报告称已完成，但未给出对应数字",
    "unreported_part": "目标中有部分内容未见报告",
}


def fmt(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:,.4f}".rstrip("0").rstrip(".").replace(",", "")


def figure(op: str, value: float, value_high: float | None, unit: str, basis: str | None = None) -> str:
    """A target figure as a reader writes it: 5.5%左右, 下降2.5%左右, 减少不低于1000万人, 不超过3%, 5%–5.5%.
    The one formatter of target figures: the CLI, the explanations, the pages and the exports use it."""
    cut = value < 0 or (value_high is not None and value_high < 0)
    sign = ("下降" if basis == "growth_rate" else "减少") if cut else ""
    high = value_high
    if cut:
        value, high = abs(value), abs(high) if high is not None else None
        if high is not None:
            value, high = min(value, high), max(value, high)
    if op == "range" and high is not None:
        return f"{sign}{fmt(value)}–{fmt(high)}{unit}"
    if op == "~":
        return f"{sign}{fmt(value)}{unit}左右"
    return f"{sign}{OP_WORDS.get(op, '')}{fmt(value)}{unit}"


def metric_name(metric: str | None, metric_id: str | None) -> str:
    """A clean name for an indicator: as written when it names the vocabulary's indicator and says more
    (城乡居民人均可支配收入增长额), else the vocabulary's label (经济增长 → 地区生产总值), else as written."""
    if metric_id:
        from ..lang.metrics import vocabulary

        try:
            label = vocabulary().get(metric_id).label
        except KeyError:
            label = ""
        if label and not (metric and label in metric and not _LOOSE_HEAD.match(metric)):
            return label
    return metric or "指标"


def target_figure(a: IndicatorAssessment) -> str:
    i = a.indicator
    if i.direction == "floor" and i.value < 0:  # keeping pace with a fall (GDP −1.9 %): 不低于-1.9%, not 下降不低于
        return f"{OP_WORDS.get(i.op, '')}{fmt(i.value)}{i.unit}"
    return figure(i.op, i.value, i.value_high, i.unit, i.basis)


def actual_figure(value: float, unit: str, basis: str | None = None) -> str:
    """A reported figure as written: 5.8%, 下降3.4%, 减少1232万人."""
    if value < 0:
        return f"{'下降' if basis == 'growth_rate' else '减少'}{fmt(-value)}{unit}"
    return f"{fmt(value)}{unit}"


def _actual_figure(a: IndicatorAssessment) -> str:
    assert a.actual is not None
    figure = actual_figure(a.actual.value, a.actual.unit, a.indicator.basis)
    if "ratio_only" in a.actual.flags:  # 完成年度目标的96%: what was written, and what it comes to
        return f"“{a.actual.text}”（折合约{figure}）"
    return figure


def _comparison(a: IndicatorAssessment) -> str:
    """How the figure stands against the target, in the target's own direction."""
    direction = a.indicator.direction or "output"
    if a.ratio is None:
        return ""
    if direction == "ceiling":
        return "，未超过目标" if a.status == "met" else "，超过目标"
    if direction == "band":
        return "，在目标区间内" if a.status == "met" else "，偏离目标"
    if direction == "reduction":
        return f"，降幅为目标的{a.ratio:.0%}" if a.ratio >= 0 else "，不降反升"
    if a.ratio < 0:  # 目标增长6%，报告下降2.1%: not a share of the target
        return "，不增反降" if a.indicator.basis == "growth_rate" else "，与目标方向相反"
    return f"，为目标的{a.ratio:.0%}"


def indicator_sentence(a: IndicatorAssessment) -> str:
    i = a.indicator
    metric = metric_name(i.metric, i.metric_id)
    goal = "力争目标" if i.hedge in ("力争", "争取", "力求") else "目标"  # (增长5.5%以上、力争6%: the hoped-for one)
    head = f"{metric}：{goal}{target_figure(a)}"
    if a.actual is None:
        return f"{head}，未见对应数字（{STATUS_LABELS[a.status]}）"
    actual = _actual_figure(a)
    if "basis_mismatch" in a.flags:  # why the figure was not used: 五年累计, 年均, 申报
        why = basis_note(a) or _FLAG_NOTES["basis_mismatch"]
        return f"{head}，报告“{a.actual.text}”，{why}（{STATUS_LABELS[a.status]}）"
    if "implausible_figure" in a.flags:
        return (f"{head}，报告{actual}，是目标的{a.ratio:,.0f}倍，疑为另一口径的数字或单位有误，未据此判断"
                f"（{STATUS_LABELS[a.status]}）")
    if a.actual.summed_from:
        actual += f"（{len(a.actual.summed_from)}项合计）"
    ratio = _comparison(a)
    notes = "；".join(_FLAG_NOTES[f] for f in a.flags if f in _FLAG_NOTES)
    tail = f"（{notes}）" if notes else ""
    return f"{head}，报告{actual}{ratio}，{STATUS_LABELS[a.status]}{tail}"


def explain_item(item: Item) -> str:
    parts = [indicator_sentence(a) for a in item.indicators]
    label = STATUS_LABELS[item.status]
    if not parts:
        reason = {
            "done": "定性任务，完成情况明确写明已建成、投用、出台或完成",
            "basically_met": "定性任务，完成情况写明基本完成（尚有少量未完成）",
            "in_progress": "定性任务，完成情况显示工作正在推进，尚无最终结果",
            "activity_only": "完成情况只列举了开展的工作，没有可与目标核对的结果",
            "no_evidence": "完成情况中没有涉及该目标的内容",
            "partially_met": "目标包含多项内容，部分已完成，部分未完成或未报告",
            "not_met": "完成情况显示未达到目标",
        }.get(item.status, label)
        parts.append(reason)
    elif item.status == "no_evidence":
        parts.append("没有可用于判断的当年数字")
    elif all(a.status == "no_evidence" for a in item.indicators):
        parts.append(f"没有可核对的数字，按所述工作判为{label}")
    notes = [_FLAG_NOTES[f] for f in item.flags if f in ("unreported_part", "claim_without_figure")]
    if item.schedule:
        notes.append({"ahead": "快于序时进度", "on_schedule": "符合序时进度", "behind": "慢于序时进度"}[item.schedule])
    text = "；".join(parts + notes)
    if item.claimed:
        text += f"。报告自称“{item.claimed}”"
    return f"{label}：{text}。"


def flag_labels(flags: list[str]) -> str:
    return "、".join(FLAG_LABELS.get(f, f) for f in flags)
