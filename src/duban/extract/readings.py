"""Reading every figure of a span: lists inherit their verb, 分别 zips metrics, baselines
(从A增加到B) are dropped, a bare change inherits the metric before it."""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

import rjieba

from ..lang import lexicon as lx
from ..lang.lexicon import alt
from ..lang.scope import stage_of
from ..records import Quantity, Span
from ..segment import Segmented
from . import metric
from .clauses import CLAUSE_SEP, CONNECTORS
from .listing import unit_class

# a minus sign written before a figure, not between two (5-6%): 增长-2.1%, 为－0.5%
_MINUS = re.compile(r"(?<![\d.%A-Za-z])[-－−] ?$")


def read_all(seg: Segmented, span: Span, qs: list[Quantity]):
    """Read every quantity of a span in order: lists inherit their verb, 分别 zips metrics,
    a bare change (同比增长9%) or a bare stage (…666万套，基本建成544万套) inherits the metric before it,
    全市/市级 qualify the metric. Each reading's stage is the last stage word of its clause before the
    figure, or the stage of the figure whose metric it inherits."""
    if not qs:
        return []
    sh, text = seg.shadow, seg.text
    out = []
    inherited: tuple[str, bool] | None = None
    clause_bounds = [m.start() for m in CLAUSE_SEP.finditer(sh, span[0], span[1])] + [span[1]]
    seg_start = span[0]
    clause_idx = 0
    pending: list[str] = []  # metrics of a 分别 list still to be paired with figures
    last_list: list[str] = []
    previous_metric = ""
    previous_stage: str | None = None
    clause_start = span[0]
    inherited_class = ""
    inherited_clause = -1
    baselines = _baselines(sh, qs, [span[0] - 1, *clause_bounds])
    turned = _turns(sh, qs, [span[0] - 1, *clause_bounds], baselines)
    for q in qs:
        if id(q) in baselines and baselines[id(q)] is None:
            continue
        while clause_bounds[clause_idx] <= q.span[0]:
            seg_start = clause_start = clause_bounds[clause_idx] + 1
            clause_idx += 1
            if not pending and last_list and _bare_verb(sh[seg_start:q.span[0]]):
                pending = list(last_list)  # ，增长4.9%和7.5%: the 分别 list again
        clause_end = clause_bounds[clause_idx]
        left = sh[seg_start:q.span[0]]
        if not pending and "分别" not in left:
            implicit = _implicit_respectively(sh, qs, q, seg_start, clause_end, out)
            if implicit:  # 城镇…17175元，农村…5153元，实际增长9.8%和8.5%: 分别 unwritten
                pending = last_list = implicit
                inherited = metric.basis_of_verb(_ADVERB.sub("", left.strip("，、 ")), q.unit) or inherited
        if "分别" in left and not pending:
            k = left.index("分别")
            pending = _list_metrics(text, seg_start, seg_start + k)
            if not pending or pending == [""]:  # ，分别增长4.8%和3.8%: the figures just read
                n = sum(1 for x in qs if seg_start <= x.span[0] < clause_end)
                pending = [r[1].metric for r in out[-n:]] if len(out) >= n else []
            if len(pending) == 1:
                pending = _paired_scope(pending[0], sum(1 for x in qs if q.span[0] <= x.span[0] < clause_end))
            last_list = list(pending)
            inherited = metric.basis_of_verb(left[k + 2:].strip(), q.unit) or inherited
        if pending:
            basis = inherited or ("level", False)
            name = metric.refine_basis(basis[0], pending[0], q, True)
            reading = metric.Reading(pending.pop(0), None, name, basis[1], "", q.span[1])
        else:
            # a verb carries over to the figures of its own clause, and to later clauses' figures of the
            # same kind (新增…企业3家、…1家，…企业3家), not to a different kind of figure
            same_kind = inherited_clause == clause_idx or (
                inherited_class == unit_class(q) and not _OWN_RATE.search(sh, seg_start, q.span[0]))
            reading = metric.read(sh, text, seg_start, q, clause_end, inherited if same_kind else None)
            if reading.verb:
                inherited, inherited_class = (reading.basis, reading.negative), unit_class(q)
                inherited_clause = clause_idx
            own = reading.metric
            reading.metric = _qualified_metric(own, previous_metric)
            if reading.metric == previous_metric != own:  # the metric of the figure before, and its stage
                reading.stage = previous_stage
            result_of = baselines.get(id(q))
            if result_of is not None:  # 资本充足率从8.4%提升到13.3%: the result of a change
                ms, me = metric.clean_span(sh, *result_of)  # 物价涨幅要|从14.8%降到10%: without the modal
                reading.metric, reading.metric_span = text[ms:me], (ms, me)
                if id(q) not in turned:  # (…，转为下降1.2%: still a change, read as written)
                    reading.negative = False
                    reading.basis = "share" if metric.SHARE.search(reading.metric) else "level"
        reading.stage = stage_of(sh[clause_start:q.span[0]]) or reading.stage
        if _MINUS.search(text, max(0, q.span[0] - 3), q.span[0]):
            reading.negative = not reading.negative  # 增长-2.1%: written as a growth, a fall
        previous_metric, previous_stage = reading.metric or previous_metric, reading.stage
        sign = -1 if reading.negative else 1
        value, high = q.value * sign, (q.value_high * sign if q.value_high is not None else None)
        if high is not None and high < value:
            value, high = high, value
        out.append([q, reading, value, high])
        seg_start = reading.consumed_end
        while seg_start < clause_end and sh[seg_start] in CONNECTORS:
            seg_start += 1
    _spread_list_comparator(sh, out)
    return [tuple(x) for x in out]


# a later clause naming a rate or share of its own (…同比下降18.2%，空气质量优良天数比例83.9%): a level as written, the
# change verb of the clause before is not carried to it
_OWN_RATE = re.compile(r"(?:率|比例|比重|占比|份额)(?:为|达|达到|是)?\s*$")


_FROM = re.compile(r"(?:从|由)(?:(?:19|20)\d\d年(?:底|末)?的?)?(?:每人每年|每人每月|每人|人均|每年|每月|每亩|每户)?$")
_TO = re.compile(
    r"(?:增加|提高|提升|上升|下降|降低|减少|扩大|缩小|回落|回升|降|升|增)?(?:到|至)"
    r"(?:(?:19|20)\d\d年(?:底|末)?的?|去年底?的?|上年底?的?)?$"
)


def _baselines(sh: str, qs: list[Quantity], bounds: list[int]) -> dict[int, Span | None]:
    """'从26.6万亿元增加到51.9万亿元': the first figure is a baseline (left out, None); the second
    is the result, whose metric is the text before 从/由 (its span is the value)."""
    out: dict[int, Span | None] = {}
    for a, b in pairwise(qs):
        clause_start = max(x + 1 for x in bounds if x < a.span[0])
        if any(a.span[1] <= x < b.span[0] for x in bounds):
            continue
        m_from = _FROM.search(sh, max(clause_start, a.span[0] - 12), a.span[0])
        if not m_from or not _TO.search(sh, a.span[1], b.span[0]):
            continue
        ms = clause_start
        head = metric.LEADING_FILLER.match(sh[ms:m_from.start()])
        ms = ms + head.end() if head else ms
        out[id(a)] = None
        out[id(b)] = (ms, m_from.start())
    return out


# 由前三年分别上升4.9%、5.5%、0.2%，转为下降1.2%: the figures after 由 and before the turn are where the indicator
# came from (past years), the figure after the turn is where it stands
_TURN_FROM = re.compile(r"由")
_TURN = re.compile(r"转为|转而|减为|降为|变为|回落为|下降为")


def _turns(sh: str, qs: list[Quantity], bounds: list[int], out: dict[int, Span | None]) -> set[int]:
    """Marks the figures between 由 and the turn as baselines (None) in ``out`` and gives the one figure after
    the turn the metric before 由; returns the ids of those results."""
    if not qs or "由" not in sh[max(0, qs[0].span[0] - 40):qs[-1].span[1]]:
        return set()
    for i, q in enumerate(qs):
        clause_start = max(x + 1 for x in bounds if x < q.span[0])
        m_from = _TURN_FROM.search(sh, clause_start, q.span[0])
        if m_from is None or id(q) in out:
            continue
        later = [r for r in qs[i + 1:] if _TURN.search(sh, q.span[1], r.span[0])]
        if not later:
            continue
        turn = _TURN.search(sh, q.span[1], later[0].span[0])
        assert turn is not None
        before = [r for r in qs if m_from.end() <= r.span[0] < turn.start()]
        after = [r for r in qs if turn.end() <= r.span[0] and not any(turn.end() <= x < r.span[0] for x in bounds)]
        for r in before:
            out[id(r)] = None
        if len(after) == 1 and before:
            head = metric.LEADING_FILLER.match(sh[clause_start:m_from.start()])
            ms = clause_start + head.end() if head else clause_start
            out[id(after[0])] = (ms, m_from.start())
            return {id(after[0])}
        return set()
    return set()


_SCOPE = re.compile(rf"^(?:{alt(lx.SCOPE_WORDS)})$")
_STAGE_ONLY = re.compile(rf"(?:基本|全面|已|新)?(?:{alt(lx.STAGE_START_WORDS + lx.STAGE_FINISH_WORDS)})")
_SCOPE_END = re.compile(rf"(.+?)(?:{alt(lx.SCOPE_WORDS)})$")


def _qualified_metric(metric_text: str, previous: str) -> str:
    """'' or 增长 after 有效发明专利拥有量 → the previous metric; 市级 → 地区生产总值（市级）."""
    base = re.sub(r"（[^）]*）$", "", previous)
    metric_text = metric_text.rstrip("-－− ")  # 增长-3.5%: the minus sign is the figure's, no metric
    if not metric_text or metric_text in ("增长", "下降", "提高", "同比增长", "比上年增长", "增速"):
        return previous
    if previous and metric.QUALIFIER_ONLY.fullmatch(metric_text):
        return previous  # ，同口径增长8% / 按可比价格计算增长6%: how the change is measured, not what
    if previous and _STAGE_ONLY.fullmatch(metric_text):  # …666万套，基本建成544万套: the same thing, built
        return previous
    if previous and metric_text in _TOTAL_ONLY:  # 工业投资增长22.2%，总量突破1.2万亿元: the same thing's total
        return previous
    if base and INVESTMENT_ONLY.fullmatch(metric_text) and not base.endswith("投资"):
        return base + metric_text  # 实施市重点项目200个，完成年度投资800亿元: the projects' investment
    if _SCOPE.match(metric_text) and base:
        return f"{base}（{metric_text}）"
    m = _SCOPE_END.match(metric_text)
    if m:
        return f"{m.group(1)}（{metric_text[len(m.group(1)):]}）"
    return metric_text


_TOTAL_ONLY = frozenset(("总量", "总额", "总规模", "规模", "总数", "总值"))
INVESTMENT_ONLY = re.compile(r"(?:年度|全年|当年)?(?:计划)?(?:完成)?(?:年度|全年)?(?:计划)?投资额?")
_ADVERB = re.compile(r"^(?:实际|名义|同比|比上年|分别)+")
_JOINER = re.compile(r"\s*(?:和|与|及|、)\s*")


def _implicit_respectively(sh: str, qs: list[Quantity], q: Quantity, start: int, end: int,
                           out: list) -> list[str]:
    """The metrics of a clause of bare figures joined by 和/、 after a bare verb (，实际增长9.8%和8.5%) when the
    clauses before gave as many figures of other metrics, one each: the figures answer them in order.
    Empty when the clause is not of that shape."""
    figs = [x for x in qs if start <= x.span[0] < end]
    if len(figs) < 2 or figs[0] is not q or len(out) < len(figs):
        return []
    left = _ADVERB.sub("", sh[start:q.span[0]].strip("，、 "))
    if not left or not _bare_verb(left) or any(not _JOINER.fullmatch(sh[a.span[1]:b.span[0]])
                                               for a, b in pairwise(figs)):
        return []
    before = out[-len(figs):]
    names = [r[1].metric for r in before]
    if not all(names) or len(set(names)) != len(names) or any(unit_class(r[0]) == unit_class(q) for r in before):
        return []
    return names


def _bare_verb(left: str) -> bool:
    left = left.strip("，、 ")
    return not left or bool(re.fullmatch(rf"(?:{alt(lx.GROWTH_VERBS + lx.DECLINE_VERBS)}|分别|同比|比上年)+", left))


def _list_metrics(text: str, s: int, e: int) -> list[str]:
    """Items of '城镇、农村居民人均可支配收入' with the shared head spread to the short ones:
    城镇居民人均可支配收入, 农村居民人均可支配收入."""
    items = [text[a:b] for a, b in split_list(text, s, e)]
    if len(items) < 2:
        return items
    last = items[-1]
    words = [w for w in rjieba.cut(last)]
    head = "".join(words[1:]) if len(words) > 1 else ""
    lengths = {len(it) for it in items[:-1]}
    if len(lengths) == 1 and len(words[0]) > (size := lengths.pop()) and len(last) - size >= 2:
        head = last[size:]  # 城镇、农村居民…: the tokenizer's 农村居民 runs past the word parallel to 城镇
    if head and len(head) >= 2:  # (新一代电子信息、生物医药产业营业收入: a longer item without a head of its own too)
        items = [it + head if (len(it) <= 5 or (len(it) <= 8 and not _HEADED.search(it))) and not it.endswith(head)
                 else it for it in items[:-1]] + [last]
    return items


# (an item that ends in a head noun of its own: 高新技术企业、科技型中小企业, 高新技术产业、新兴产业增加值)
_HEADED = re.compile(r"(?:收入|总额|产值|增加值|投资|额|率|量|数|值|面积|规模|指数|企业|产业|行业|项目|工程|人口|单位|"
                     r"机构|主体|园区|平台|人才|人员)$")


def _paired_scope(name: str, figures: int) -> list[str]:
    """城乡居民人均可支配收入 before 分别 and two figures: the metric of each group in turn
    (城镇居民人均可支配收入, 农村居民人均可支配收入); otherwise the name alone."""
    for scope, groups in lx.PAIRED_SCOPES.items():
        if name.startswith(scope) and figures == len(groups) and len(name) > len(scope) + 1:
            return [g + name[len(scope):] for g in groups]
    return [name]


def _spread_list_comparator(sh: str, out: list) -> None:
    """分别增加100家、200家以上: the comparator after the last figure holds for every figure."""
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and out[j + 1][0].span[0] - out[j][0].span[1] <= 1 and \
                sh[out[j][0].span[1]:out[j + 1][0].span[0]] in ("、", "和", "及", ""):
            j += 1
        if j > i and out[j][0].op in (">=", "<=", "~") and all(out[k][0].op == "=" for k in range(i, j)):
            for k in range(i, j):
                out[k][0] = replace(out[k][0], op=out[j][0].op)
        i = j + 1


def split_list(sh: str, s: int, e: int) -> list[Span]:
    """'高新技术企业、科技型中小企业' → the spans of each item (leading verbs stripped)."""
    body = sh[s:e]
    head = metric.LEADING_FILLER.match(body)
    offset = head.end() if head else 0
    lv = metric.LEADING_VERB.match(body, offset)
    offset = lv.end() if lv else offset
    items: list[Span] = []
    pos = s + offset
    for m in re.finditer(r"、|和|及|与", sh[s + offset:e]):
        items.append((pos, s + offset + m.start()))
        pos = s + offset + m.end()
    items.append((pos, e))
    return [(a, b) for a, b in items if b > a]

