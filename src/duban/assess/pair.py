"""Assess a plan/completion pair: one item per completion row (or per plan target a narrative report
answers), each with a status, the report's own claim, flags and an explanation that quotes both figures;
then one verdict per plan target, so that nothing the plan promised is left out of the count.

Three shapes of completion document are handled:
  rows that restate their target (编号 | 目标任务 | 完成情况): the target is located in the plan;
  rows that do not (编号 | 完成情况): each row is linked to plan targets by retrieval + figures + order;
  narrative reports (next year's 工作回顾): every plan target looks for its indicator's figure or for the
  passage that speaks about it (narrative.py).
A structured table (考核指标 | 单位 | 工作目标 | 已完成数 …) carries its own targets: no plan needed.
"""

from __future__ import annotations

from ..extract import targets_in
from ..extraction_cache import KeptMeasurements
from ..link.locate import PlanIndex, locate
from ..link.retrieval import Linker, align
from ..records import Document, Measurement, Target
from ..verdicts import Assessment, Item, Link, Statement, TargetVerdict
from .inputs import Pair, prepare
from .item import build_item
from .narrative import narrative_items
from .structured import check_ratio, structured_targets

ENGINE = "duban-rules/0.4"


def assess(plan: Document | None, completion: Document, *, plan_targets: list[Target] | None = None,
           kept: KeptMeasurements | None = None) -> Assessment:
    # plan_targets: extract(plan).targets, and kept: the completion's measurements, when kept (ingest)
    pair = prepare(plan, completion, plan_targets, kept)
    items = _rows(pair) if pair.parsed.tabular else narrative_items(pair)
    verdicts, unanswered = target_verdicts(pair, items)
    return Assessment(pair.plan, completion, items, unanswered, ENGINE, pair.plan_targets, pair.warnings,
                      pair.row_targets, verdicts)


def target_verdicts(pair: Pair, items: list[Item]) -> tuple[list[TargetVerdict], list[Target]]:
    """Every target ends with exactly one verdict: the first item that answers it (its own status within
    the item when the item answers several), or no_evidence. Without a plan, the rows' own targets."""
    targets, where = (pair.plan_targets, "plan") if pair.plan_targets else (pair.row_targets, "completion")
    answered: dict[str, int] = {}
    for n, item in enumerate(items):
        if item.target_in != where:
            continue
        for key in item.target_ids:
            answered.setdefault(key, n)
    if where == "plan":  # a restated row also covers plan targets inside the spans it located
        for n, item in enumerate(items):
            if item.target_in == "plan" and item.plan_spans and item.links and item.links[0].method == "restated":
                for t in pair.targets_overlapping(item.plan_spans):
                    answered.setdefault(t.id, n)
    verdicts: list[TargetVerdict] = []
    unanswered: list[Target] = []
    for t in targets:
        n = answered.get(t.id)
        if n is None:
            verdicts.append(TargetVerdict(t.id, t.tier, "no_evidence"))
            if where == "plan":
                unanswered.append(t)
            continue
        item = items[n]
        status, flags = item.per_target.get(t.id, (item.status, item.flags))
        verdicts.append(TargetVerdict(t.id, t.tier, status, sorted(flags), n))
    return verdicts, unanswered


# ---- tables ------------------------------------------------------------------------------

def _rows(pair: Pair) -> list[Item]:
    seg = pair.comp_seg
    statements = pair.parsed.statements
    index = PlanIndex.build(pair.plan_seg) if pair.plan_seg and pair.plan_targets else None
    evidence = pair.evidence
    # Rows without a restated target are linked; the alignment uses all of them at once (the plan's
    # retrieval index is built only then: rows that restate their targets are located, never ranked).
    unrestated = [st for st in statements if st.target_span is None and "goal" not in st.cells]
    linker = Linker.build(pair.plan_seg, pair.plan_targets) if index and unrestated else None
    chosen: dict[int, list[Link]] = {}
    if linker and unrestated:
        ranked = [linker.rank(seg.text[slice(*st.result_span)], evidence[st.index]) for st in unrestated]
        picks = align(ranked)
        for st, cands, pick_idx in zip(unrestated, ranked, picks, strict=True):
            order = ([cands[pick_idx]] if pick_idx is not None else []) + [
                c for i, c in enumerate(cands) if i != pick_idx]
            chosen[st.index] = [
                Link(t.id, span, "retrieval", c.score)
                for c in order[:3] for t, span in [linker.link_of(c.unit, evidence[st.index])]
            ]
    items = []
    for st in statements:
        items.append(_row_item(pair, st, index, linker, evidence[st.index], chosen.get(st.index, [])))
    return items


def _row_item(pair: Pair, st: Statement, index: PlanIndex | None, linker: Linker | None,
              measurements: list[Measurement], links: list[Link]) -> Item:
    seg, text = pair.comp_seg, pair.comp_seg.text
    plan_spans = []
    targets: list[Target] = []
    target_in = "completion"
    target_text = ""
    if st.target_span is not None:
        target_text = text[slice(*st.target_span)]
        if index is not None:
            plan_spans, score = locate(index, text, st.target_span)
            if plan_spans:
                targets = pair.targets_overlapping(plan_spans)
                target_in = "plan"
                links = [Link(t.id, t.span, "restated", score / 100) for t in targets]
        if not targets:
            targets = targets_in(seg, [st.target_span], prefix=f"r{st.row or st.index + 1}.")
            pair.row_targets.extend(targets)
    elif "goal" in st.cells:
        targets, actuals = structured_targets(seg, st)
        target_text = targets[0].text if targets else ""
        pair.row_targets.extend(targets)
        item = build_item(pair, st, targets, [], "completion", target_text, measurements, [], actuals)
        check_ratio(item, seg, st)
        return item
    elif links and linker is not None:
        best_unit = links[0].plan_span
        targets = pair.targets_overlapping([best_unit])
        plan_spans = [ln.plan_span for ln in links]
        target_in = "plan"
        target_text = pair.plan_seg.text[slice(*best_unit)] if pair.plan_seg else ""
    return build_item(pair, st, targets, plan_spans, target_in, target_text, measurements, links, None)
