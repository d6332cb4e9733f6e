"""Rows of a structured target table (序号 | 考核指标 | 单位 | 工作目标 | 已完成数 | 占年任务之比 | 备注):
the row carries its own target figure and its result, each in a cell found by its header."""

from __future__ import annotations

import re

from ..extract import quantities_of
from ..extract.canon import canonical_indicator
from ..lang.metrics import vocabulary
from ..lang.quantities import normalise_unit
from ..records import Indicator, Quantity, Span, Target
from ..segment import Segmented
from ..verdicts import Actual, Statement

_GROWTH = re.compile(r"增长|增速|增幅|涨幅|提高|下降|降低")
_SHARE = re.compile(r"占比|比重|比例|之比")
_CUT = re.compile(r"降低|下降|减少|削减|压减")
_NEW = re.compile(r"新增|新建|新开工|引进|新引进|新培育")
_AT_MOST = re.compile(r"≤|<=|<|不超过|不高于|控制在|以内|以下")
_AT_LEAST = re.compile(r"≥|>=|>|不低于|不少于|以上|超过|突破")


def _cell_op(text: str) -> str:
    """The comparator written in a goal cell whose unit stands in another column (≤3.5, ≥6, 8000以上)."""
    if _AT_MOST.search(text):
        return "<="
    if _AT_LEAST.search(text):
        return ">="
    return "~" if "左右" in text else "="


def _cell_quantity(seg: Segmented, span: Span) -> Quantity | None:
    for q in quantities_of(seg):
        if span[0] <= q.span[0] and q.span[1] <= span[1]:
            return q
    return None


def _bare_number(seg: Segmented, span: Span) -> tuple[float, Span] | None:
    m = re.search(r"-?\d+(?:\.\d+)?", seg.shadow[span[0]:span[1]])
    if not m:
        return None
    return float(m.group()), (span[0] + m.start(), span[0] + m.end())


def reported_ratio(seg: Segmented, st: Statement) -> tuple[float, Span] | None:
    """The row's own 占年任务之比 / 完成率 as a fraction (89.2% and 0.892 alike)."""
    if "ratio" not in st.cells:
        return None
    span = st.cells["ratio"]
    m = re.search(r"-?\d+(?:\.\d+)?\s*%?", seg.shadow[span[0]:span[1]])
    if not m:
        return None
    raw = m.group().strip()
    value = float(raw.rstrip("%").strip())
    value = value / 100 if raw.endswith("%") or value > 5 else value
    return value, (span[0] + m.start(), span[0] + m.start() + len(raw))


def check_ratio(item, seg: Segmented, st: Statement) -> None:
    """A row whose own completion ratio disagrees with its figures (by more than 2 points) is flagged."""
    reported = reported_ratio(seg, st)
    computed = [a.ratio for a in item.indicators if a.ratio is not None and a.actual is not None]
    if reported is None or len(computed) != 1:
        return
    if abs(reported[0] - computed[0]) > 0.02:
        item.flags = sorted({*item.flags, "ratio_mismatch"})
        item.evidence_spans = sorted({*item.evidence_spans, reported[1]})
        item.explanation += f"（表中完成比例为{reported[0]:.1%}，按数字计算为{computed[0]:.1%}）"


def structured_targets(seg: Segmented, st: Statement) -> tuple[list[Target], dict[int, Actual]]:
    text = seg.text
    metric_span = st.cells.get("metric") or st.cells.get("task")
    role = "metric" if "metric" in st.cells else "task"
    metric = "".join(text[a:b].strip() for a, b in [metric_span, *st.more.get(role, [])]) if metric_span else ""
    unit_written = text[slice(*st.cells["unit"])].strip() if "unit" in st.cells else ""
    goal_span = st.cells["goal"]
    q = _cell_quantity(seg, goal_span)
    if q is not None:
        value, unit, op, span, high = q.value, q.unit or unit_written, q.op, q.span, q.value_high
    else:
        bare = _bare_number(seg, goal_span)
        if bare is None:
            return [], {}
        value, span = bare
        unit, op, high = unit_written, _cell_op(text[slice(*goal_span)]), None
    factor, base = normalise_unit(unit) if unit else (1.0, "")
    # 单位地区生产总值能耗降低 | % | 3 | 3.4: the figures are cuts (a bigger one is better)
    sign = -1 if _CUT.search(metric) and value > 0 else 1
    value, high = value * sign, (high * sign if high is not None else None)
    basis = "growth_rate" if _GROWTH.search(metric) and unit in ("%", "个百分点") else (
        "share" if _SHARE.search(metric) else "increment" if _NEW.search(metric) else "level")
    ind = Indicator(metric=metric, op=op, value=value, value_high=high, unit=unit,
                    norm_value=value * factor, base_unit=base, basis=basis, span=span, metric_span=metric_span,
                    negative=sign < 0)
    canonical_indicator(ind)
    row_span = (metric_span or goal_span)[0], goal_span[1]
    key = f"r{st.row}" if st.row is not None else f"s{st.index + 1}"  # a sub-row (其中：…) by its position
    target = Target(id=key, text=text[slice(*row_span)], span=row_span, section=[],
                    indicators=[ind], tier="headline" if ind.metric_id and vocabulary().get(ind.metric_id).headline
                    else "task")
    if "owner" in st.cells:
        target.responsible = [u for u in re.split(r"[、，,；;/／\s]+", text[slice(*st.cells["owner"])]) if len(u) >= 2]
    actuals: dict[int, Actual] = {}
    if "actual" in st.cells:
        a_span = st.cells["actual"]
        aq = _cell_quantity(seg, a_span)
        bare = None if aq is not None else _bare_number(seg, a_span)
        if aq is not None or bare is not None:
            a_value, a_unit, a_at = (aq.value, aq.unit or unit, aq.span) if aq else (bare[0], unit, bare[1])
            a_factor, a_base = normalise_unit(a_unit) if a_unit else (1.0, "")
            a_value = a_value * sign if a_value > 0 else a_value
            actuals[id(ind)] = Actual(value=a_value, unit=a_unit, text=text[slice(*a_span)], span=a_at,
                                      norm_value=a_value * a_factor, base_unit=a_base)
    return [target], actuals
