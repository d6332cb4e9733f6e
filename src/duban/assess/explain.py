"""Plain Chinese explanations of verdicts, quoting the target figure and the reported one."""

from __future__ import annotations

from ..records import FLAG_LABELS, STATUS_LABELS
from ..verdicts import IndicatorAssessment, Item

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


def target_figure(a: IndicatorAssessment) -> str:
    i = a.indicator
    if i.op == "range" and i.value_high is not None:
        return f"{fmt(i.value)}–{fmt(i.value_high)}{i.unit}"
    word = OP_WORDS.get(i.op, "")
    if i.op == "~":
        return f"{fmt(i.value)}{i.unit}左右"
    sign = "下降" if i.negative and i.basis == "growth_rate" else ""
    value = abs(i.value) if sign else i.value
    return f"{sign}{word}{fmt(value)}{i.unit}"


def indicator_sentence(a: IndicatorAssessment) -> str:
    i = a.indicator
    metric = i.metric or "指标"
    head = f"{metric}：目标{target_figure(a)}"
    if a.actual is None:
        return f"{head}，未见对应数字（{STATUS_LABELS[a.status]}）"
    actual = f"{fmt(a.actual.value)}{a.actual.unit}"
    if "basis_mismatch" in a.flags:
        return f"{head}，报告“{a.actual.text}”，{_FLAG_NOTES['basis_mismatch']}（{STATUS_LABELS[a.status]}）"
    if a.actual.summed_from:
        actual += f"（{len(a.actual.summed_from)}项合计）"
    ratio = f"，为目标的{a.ratio:.0%}" if a.ratio is not None else ""
    notes = "；".join(_FLAG_NOTES[f] for f in a.flags if f in _FLAG_NOTES)
    tail = f"（{notes}）" if notes else ""
    return f"{head}，报告{actual}{ratio}，{STATUS_LABELS[a.status]}{tail}"


def explain_item(item: Item) -> str:
    parts = [indicator_sentence(a) for a in item.indicators]
    label = STATUS_LABELS[item.status]
    if not parts:
        reason = {
            "done": "定性任务，完成情况明确写明已建成、投用、出台或完成",
            "in_progress": "定性任务，完成情况显示工作正在推进，尚无最终结果",
            "activity_only": "完成情况只列举了开展的工作，没有可与目标核对的结果",
            "no_evidence": "完成情况中没有涉及该目标的内容",
            "partially_met": "目标包含多项内容，部分已完成，部分未完成或未报告",
            "not_met": "完成情况显示未达到目标",
        }.get(item.status, label)
        parts.append(reason)
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
