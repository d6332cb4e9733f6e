"""What the assess stage works on: the plan, its targets, the completion document's statements and the
figures each statement reports, prepared once per pair."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field, replace

from ..errors import NothingFoundError
from ..extract import extract, measurements_in
from ..extraction_cache import KeptMeasurements
from ..link import completion as completion_mod
from ..records import Document, Measurement, Span, Target
from ..segment import Segmented, segment
from .ratio import is_share


@dataclass
class Pair:
    plan: Document | None
    plan_seg: Segmented | None
    plan_targets: list[Target]
    completion: Document
    comp_seg: Segmented
    parsed: completion_mod.Parsed
    warnings: list[str]
    context: list[Measurement]  # every reported figure of the completion document (for relative targets)
    evidence: dict[int, list[Measurement]]  # the figures of each statement's result cell or passage
    row_targets: list[Target] = field(default_factory=list)  # targets read from completion rows
    _starts: list[int] = field(default_factory=list)

    def targets_overlapping(self, spans: list[Span]) -> list[Target]:
        """Plan targets that overlap any of ``spans`` (targets are in text order and do not overlap)."""
        if not self._starts:
            self._starts = [t.span[0] for t in self.plan_targets]
        found: dict[str, Target] = {}
        for a, b in spans:
            i = max(0, bisect_right(self._starts, a) - 1)
            while i < len(self.plan_targets) and self.plan_targets[i].span[0] < b:
                t = self.plan_targets[i]
                if t.span[1] > a:
                    found.setdefault(t.id, t)
                i += 1
        return sorted(found.values(), key=lambda t: t.span)


def plan_year(pair: Pair) -> int | None:
    """The year the plan's targets are for: the plan's own year, else the year a completion document reviews
    (a work report reviews the year before its own)."""
    if pair.plan is not None and pair.plan.year:
        return pair.plan.year
    doc = pair.comp_seg.doc
    return doc.year - 1 if doc.year and doc.kind == "work_report" else doc.year


def prepare(plan: Document | None, completion: Document, plan_targets: list[Target] | None = None,
            kept: KeptMeasurements | None = None) -> Pair:
    """``plan_targets``: the plan's targets as ``extract(plan)`` gives them, when the caller has them already
    (a batch ingest keeps them in the ledger: duban/extraction_cache.py); else the plan is extracted here.
    ``kept``: the completion document's measurements kept by the ingest, read instead of its sentences."""
    comp_seg = segment(completion)
    parsed = completion_mod.parse(comp_seg)
    warnings = list(parsed.warnings)
    if not parsed.statements and plan is not None:
        # no table and no part that reads as a review: every sentence with a figure may be a result
        parsed = completion_mod.every_sentence(comp_seg)
        warnings.append(f"{completion.path}: no table and no review part recognised; every sentence with a "
                        "figure was read as a possible result")
    if not parsed.statements:
        raise NothingFoundError(
            "no numbered rows or result statements found (expected a table such as 编号 | 目标任务 | 完成情况, "
            "or a report reviewing the year)", completion.path)
    plan_seg, given, plan_targets = None, plan_targets, []
    if plan is not None:
        plan_seg = segment(plan)
        plan_targets = extract(plan, plan_seg).targets if given is None else given
        if not plan_targets and plan.kind not in ("work_plan", "work_report"):
            # a plan read as another kind of document (its parts all taken for results): read it as a plan
            as_plan = replace(plan, kind="work_plan")
            plan_seg = segment(as_plan)
            plan_targets = extract(as_plan, plan_seg).targets
            if plan_targets:
                warnings.append(f"{plan.path}: read as a work plan (it looked like a {plan.kind})")
        if not plan_targets:
            if not (parsed.restates_targets or "goal" in parsed.columns):
                raise NothingFoundError("the plan holds no targets (is it the plan that set them?)", plan.path)
            warnings.append(f"{plan.path}: the plan holds no targets; rows are judged on their own target text")
    elif not (parsed.restates_targets or "goal" in parsed.columns):
        raise NothingFoundError(
            "the rows do not restate their targets; give the plan that set them with --plan", completion.path)
    # (a share of the target, 完成年度目标的96%, is no figure of the indicator: assess/ratio.py reads it)
    measured = kept.measurements_in if kept is not None else measurements_in
    evidence = {st.index: [m for m in measured(comp_seg, [st.result_span]) if not is_share(m.text)]
                for st in parsed.statements}
    context = [m for st in parsed.statements for m in evidence[st.index]]
    return Pair(plan, plan_seg, plan_targets, completion, comp_seg, parsed, warnings, context, evidence)
