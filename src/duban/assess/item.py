"""One assessed item: the targets a statement answers judged against its evidence — each indicator
against its figure, qualitative parts against the sentences that speak about them — with the report's
claim, the flags a careful reader raises and the evidence spans."""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..lang import lexicon as lx
from ..lang import marks
from ..lang.lexicon import alt
from ..lang.textsim import bigrams, share_in
from ..records import Measurement, Span, Target
from ..segment import Segmented
from ..verdicts import IndicatorAssessment, Item, Link, Statement
from . import judge
from .basis import other_years, part_year_shortfall
from .evidence import assign
from .explain import explain_item
from .inputs import Pair, plan_year
from .ratio import answerable, share_in_row
from .relative import named_instance, sync_indicator
from .schedule import elapsed_share, indicator_schedule, item_schedule


def build_item(pair: Pair, st: Statement | None, targets: list[Target], plan_spans: list[Span], target_in: str,
           target_text: str, measurements: list[Measurement], links: list[Link],
           given: dict[int, object] | None, evidence_span: Span | None = None) -> Item:
    seg = pair.comp_seg
    span = st.result_span if st is not None else evidence_span
    assert span is not None
    evidence_text = seg.text[slice(*span)]
    alone = st is not None
    indicators = [ind for t in targets for ind in t.indicators]
    found = given if given else {k: v[0] for k, v in assign(indicators, measurements, alone, seg.text).items()}
    sentences = _evidence_sentences(seg, span)
    for ind in indicators:
        if found.get(id(ind)) is None:
            found[id(ind)] = named_instance(ind, sentences, seg.text)
    if not given:  # a share of the target written instead of a figure (完成年度目标的96%: ratio.py)
        open_inds = [ind for ind in indicators if found.get(id(ind)) is None and answerable(ind)]
        for ind in open_inds:
            found[id(ind)] = share_in_row(ind, seg.text, span, alone=len(indicators) == 1)
    assessments = [_indicator(ind, found.get(id(ind)), evidence_text, seg.text, span) for ind in indicators]
    for t in targets:
        if not t.indicators:
            for ind, actual in sync_indicator(t, pair.context, seg.text, plan_year(pair)):
                assessments.append(_indicator(ind, actual, evidence_text, seg.text, span))
    for a in assessments:
        if part_year_shortfall(a):  # 1-9月 short of the year's amount: the year is not over
            a.status = "in_progress"
    item = Item(
        row=st.row if st is not None else None,
        target=target_text,
        plan_spans=plan_spans,
        completion_span=span,
        status="no_evidence",
        explanation="",
        indicators=assessments,
        links=links,
        target_spans=[t.span for t in targets] or ([st.target_span] if st and st.target_span else []),
        target_in=target_in,
        target_ids=[t.id for t in targets],
        responsible=units(pair.comp_seg.text, st.cells.get("owner")) if st is not None else [],
    )
    share = elapsed_share(pair.completion) if pair.completion.kind == "progress_report" else None
    if share is not None:  # mid-year, an amount short of the annual target is under way, not missed
        for a in assessments:
            if a.status in ("not_met", "basically_met") and indicator_schedule(a, share) is not None:
                a.status = "in_progress"
    _verdict(item, targets, seg, span)
    if share is not None:
        item.schedule = item_schedule(assessments, share)
    item.explanation = explain_item(item)
    return item


def units(text: str, span: Span | None) -> list[str]:
    """The units named in a 责任单位 cell (区发改局、区经信局 / 区财政局)."""
    if span is None:
        return []
    return [u for u in _UNIT_SEP.split(text[span[0]:span[1]]) if len(u) >= 2]


_UNIT_SEP = re.compile(r"[、，,；;/／\s]+")


def _indicator(ind, actual, evidence_text: str, text: str | None = None,
               cell: Span | None = None) -> IndicatorAssessment:
    """``text``: the completion document, where a figure's own clause may say it covers several
    years (五年累计, 年均: basis.other_years)."""
    flags: list[str] = []
    if actual is not None:
        mismatch = "applied" in actual.flags or (
            "cumulative" in actual.flags and ind.basis in ("increment", "count", "growth_rate")) or (
            other_years(ind, text, actual.span[0]) is not None)
        flags += [f for f in ("estimate", "partial_period") if f in actual.flags]
        if mismatch:
            flags.append("basis_mismatch")
            return IndicatorAssessment(ind, actual, None, "no_evidence", flags)
    if actual is not None and text is not None:
        evidence_text = from_clause(text, actual.span, cell)
    status, ratio = judge.indicator_status(ind, actual, evidence_text)
    if ratio is not None and ratio > IMPLAUSIBLE and (ind.base_unit or ind.unit) not in lx.RATE_UNITS \
            and ind.op != ">=":  # (培育专精特新企业1家以上 ← 30家: an open floor may be far exceeded)
        # 102万亿亩 for 100万亩: a figure a hundred times its target is another quantity or a slip of the unit
        flags.append("implausible_figure")
        return IndicatorAssessment(ind, actual, ratio, "no_evidence", flags)
    return IndicatorAssessment(ind, actual, ratio, status, flags)


IMPLAUSIBLE = 20.0  # an amount this many times its target is not judged (growth rates may be: 0.5% → 12%)


_CLAUSE_START = re.compile(r"[，,；;。！？\n\t]")
_SENTENCE_END = re.compile(r"[。！？\n\t]|  ")  # (a column gap of a spaced table ends a cell)
_CELL_END = re.compile(r"[。！？\t]|  ")  # (inside a result cell a line break does not end it: （2）其余…正在施工)


def from_clause(text: str, span: Span, cell: Span | None = None) -> str:
    """The text a figure's status may lean on: from the start of its own clause to the end of its sentence.
    A shortfall is under way (in_progress) only when its own clause or what follows says so (基本建成1.2万套，
    其余正在施工); a progress word in an earlier clause is about another figure (保障性住房新开工2.3万套，
    基本建成1.2万套: the 开工 is the other stage's). Within the evidence ``cell`` (a result cell or sentence that holds
    the figure) the text runs on over line breaks up to the cell's end."""
    start = span[0]
    while start > 0 and not _CLAUSE_START.match(text, start - 1) and text[start - 2:start] != "  " \
            and span[0] - start < 200:
        start -= 1
    inside = cell is not None and cell[0] <= span[0] < cell[1]
    hi = min(len(text), cell[1] if inside else span[1] + 400)
    m = (_CELL_END if inside else _SENTENCE_END).search(text, span[1], hi)
    end = m.start() if m else hi
    # the clauses after the figure's own are about it only while they carry it on (其余正在施工, 正在装修): a clause
    # that opens otherwise names something else (…1.1万套，市第三人民医院主体完工: the 主体完工 is the hospital's)
    for sep in _CLAUSE_SEP.finditer(text, span[1], end):
        if not _CARRIES_ON.match(text, sep.end()):
            return text[start:sep.start()]
    return text[start:end]


_CLAUSE_SEP = marks.CLAUSE
_CARRIES_ON = re.compile(
    r"\s*(?:（?\d+）|\(\d+\))?\s*(?:其余|剩余|其他|另|尚|还|仍|正在|在建|目前|现|部分|其中|均|已|全部|主体|预计|计划|将|待|"
    r"并|同时|年底|年内|下半年|明年|进展|进度|完成|基本|初步|陆续|逐步|分别|累计|较|比|同比|增长|下降|占)")


def _claim_scope(item: Item, text: str, span: Span, evidence_text: str) -> str:
    """Where the report's own claim for this item is looked for: a table row's whole result cell; in a narrative
    review's sentence only the clauses of the item's figures (from_clause), or those about its target — not the
    claim another indicator of the sentence carries (…粮食产量1310亿斤，能耗强度下降2.8%、完成国家下达任务)."""
    if item.row is not None:
        return evidence_text
    scope = [from_clause(text, a.actual.span, span) for a in item.indicators if a.actual is not None]
    return "，".join(scope) if scope else judge.clauses_about(item.target, evidence_text, "")


def _verdict(item: Item, targets: list[Target], seg: Segmented, span: Span) -> None:
    """Row status and flags from the indicators and the qualitative parts."""
    text = seg.text
    evidence_text = text[slice(*span)]
    sentences = _evidence_sentences(seg, span)
    claim = judge.claim(_claim_scope(item, text, span, evidence_text))
    item.claimed = claim[0] if claim else None
    inds = [a.indicator for a in item.indicators]
    statuses = [a.status for a in item.indicators if not judge.is_stretch(a.indicator, inds)]
    flags = {f for a in item.indicators for f in a.flags}
    evidence: list[Span] = [a.actual.span for a in item.indicators if a.actual]
    relevant = {t.id: _relevant(t.text, sentences, text) for t in targets}
    if not any(relevant.values()) and evidence_text.strip():
        relevant = {t.id: sentences for t in targets}  # the row answers its target, if loosely
    focus = item.row is None  # a narrative review's sentences speak of other things too (judge.qualitative)
    parts = [(judge.is_discrete(t.text),
              judge.qualitative(t.text, [text[slice(*x)] for x in relevant[t.id]], focus))
             for t in targets if not t.indicators]
    dropped = any(is_d and status == "no_evidence" for is_d, status in parts)
    if statuses and any(s != "no_evidence" for s in statuses):
        item.status = judge.combine(statuses)
        if "no_evidence" in statuses or dropped:
            flags.add("unreported_part")
    else:
        if statuses and claim:
            flags.add("claim_without_figure")
        every = [(judge.is_discrete(t.text),
                  judge.qualitative(t.text, [text[slice(*x)] for x in relevant[t.id]], focus))
                 for t in targets] if statuses else parts
        if not every:  # no targets could be read: judge the row's text as a whole
            every = [(judge.is_discrete(item.target), judge.qualitative(item.target, [evidence_text]))]
        item.status = judge.combine_parts(every)
        if statuses and item.status in ("done", "basically_met"):
            item.status = "activity_only"  # a quantified target 'done' without its figure is not done
        elif not statuses and claim and targets and all(_ASSIGNED.search(t.text) for t in targets):
            # 能耗…完成国家下达目标 ← 能耗…降低完成国家下达任务: the target is to reach what was assigned, and the
            # report says it did: done on the report's word, which the flag says
            item.status = "done"
            flags.add("claim_without_figure")
        if dropped or (statuses and len(targets) > 1 and any(not relevant[t.id] for t in targets)):
            flags.add("unreported_part")
    if item.status not in ("no_evidence", "unassessed"):
        if not evidence:  # a qualitative verdict rests on the sentences that speak about the target
            evidence += sorted({x for spans in relevant.values() for x in spans}) or sentences
        if claim:
            evidence.append((span[0] + claim[1][0], span[0] + claim[1][1]))
    flags |= _reader_flags(item, text, sentences)
    item.flags = sorted(flags)
    item.evidence_spans = sorted(set(evidence))
    if len(targets) > 1:
        item.per_target = _per_target(item, targets, relevant, text)


def _per_target(item: Item, targets: list[Target], relevant: dict[str, list[Span]],
                text: str) -> dict[str, tuple[str, list[str]]]:
    """Each target of a row judged on its own parts: its indicators' figures, or what the sentences that
    speak about it say (the row as a whole may be partly met while one of its targets is done)."""
    by_indicator = {id(a.indicator): a for a in item.indicators}
    out: dict[str, tuple[str, list[str]]] = {}
    for t in targets:
        mine = [by_indicator[id(ind)] for ind in t.indicators if id(ind) in by_indicator]
        flags = sorted({f for a in mine for f in a.flags})
        statuses = [a.status for a in mine]
        if statuses and any(st != "no_evidence" for st in statuses):
            out[t.id] = (judge.combine(statuses), flags)
            continue
        status = judge.qualitative(t.text, [text[a:b] for a, b in relevant[t.id]])
        if statuses and status in ("done", "basically_met"):
            status = "activity_only"  # a quantified target 'done' without its figure is not done
        out[t.id] = (status, flags)
    return out


_ASSIGNED = re.compile(lx.ASSIGNED_TARGET)
_APPLIED_ONLY = re.compile(rf"(?:{alt(lx.APPLIED_WORDS)})")
_SUCCEEDED = re.compile(r"获批|批复|通过|入选|获评|认定|命名|授牌|成功|建成|创成|完成")
# A period shorter than the year that a figure covers (not a date such as 6月底).
_PART_OF_YEAR = re.compile(r"1\s*[-—至到~]\s*(?:1[01]|[1-9])月|上半年|前三季度|[一二三]季度")
_DIGIT = re.compile(r"\d")


def _reader_flags(item: Item, text: str, sentences: list[Span]) -> set[str]:
    """What a careful reader flags from the evidence's wording: applications offered where an
    indicator's result should be (申报/推荐 about that indicator, no word of success), and figures
    that cover part of the year."""
    flags: set[str] = set()
    answered = [a.actual for a in item.indicators if a.actual is not None]
    # (every figure used is the whole year's — 前三季度…，预计全年增长5.6%: no flag for the quarter beside it)
    whole_year = bool(answered) and len(answered) == len(item.indicators) and not any(
        "partial_period" in x.flags for x in answered)
    for s, e in sentences:
        sentence = text[s:e]
        if not whole_year and _PART_OF_YEAR.search(sentence) and _DIGIT.search(sentence):
            flags.add("partial_period")
    for a in item.indicators:
        if a.actual is not None:
            continue
        name = core(a.indicator.metric)
        if len(name) < 2:
            continue
        grams = bigrams(name)
        for s, e in sentences:
            sentence = text[s:e]
            if (share_in(grams, sentence) >= 0.5 and _APPLIED_ONLY.search(sentence)
                    and not _SUCCEEDED.search(sentence)):
                a.flags.append("basis_mismatch")
                flags.add("basis_mismatch")
                break
    return flags


def _evidence_sentences(seg: Segmented, span: Span) -> list[Span]:
    starts = seg.sentence_starts()
    out = [seg.sentences[i].span for i in range(bisect_left(starts, span[0]), bisect_left(starts, span[1]))
           if seg.sentences[i].span[1] <= span[1] and not seg.sentences[i].is_heading]
    return out or [span]


def _relevant(target: str, sentences: list[Span], text: str) -> list[Span]:
    """Evidence sentences that speak about ``target``: at least 30 % of its character bigrams occur in
    them."""
    grams = bigrams(core(target))
    return [(s, e) for s, e in sentences if share_in(grams, text[s:e]) >= 0.3]


_NOT_HAN = re.compile("[^\u4e00-\u9fff]+")


@lru_cache(maxsize=65536)
def core(text: str) -> str:
    """The Chinese characters of a text (CJK unified ideographs), in order."""
    return _NOT_HAN.sub("", text)
