"""Linking the tasks of a 分解方案 to the plan's targets with the existing linking (link/): a task that restates
the plan's words (masked names, small edits tolerated) is located in the plan and takes the targets it covers
(method ``restated``); one in other words is linked by BM25 over character bigrams, all rows aligned at once
because a 分解方案 follows the plan's order (method ``retrieval``, the best sentence's targets)."""

from __future__ import annotations

from bisect import bisect_right

from ..link.locate import PlanIndex, locate
from ..link.retrieval import Linker, align
from ..records import Document, Target
from ..segment import segment

MIN_RETRIEVAL = 0.35  # a retrieval link below this lexical score is not made (the task stays unlinked)


def link_tasks(plan: Document, targets: list[Target], texts: list[str]) -> list[list[tuple[str, str, float]]]:
    """For each task text: (target key, method, score), best first; [] when nothing matches."""
    if not targets:
        return [[] for _ in texts]
    seg = segment(plan)
    index = PlanIndex.build(seg)
    joined, spans, pos = [], [], 0
    for text in texts:
        spans.append((pos, pos + len(text)))
        joined.append(text)
        pos += len(text) + 1
    whole = "\n".join(joined)
    starts = [t.span[0] for t in targets]
    out: list[list[tuple[str, str, float]]] = []
    unlinked: list[int] = []
    for n, span in enumerate(spans):
        found, score = locate(index, whole, span)
        keys = _overlapping(targets, starts, found)
        out.append([(k, "restated", round(score / 100, 4)) for k in keys])
        if not keys:
            unlinked.append(n)
    if unlinked:
        linker = Linker.build(seg, targets)
        ranked = [linker.rank(texts[n], []) for n in unlinked]
        for n, cands, pick in zip(unlinked, ranked, align(ranked), strict=True):
            if pick is None or not cands or cands[pick].lexical < MIN_RETRIEVAL:
                continue
            best = cands[pick]
            out[n] = [(t.id, "retrieval", round(best.lexical, 4)) for t in linker.unit_targets[best.unit]]
    return out


def _overlapping(targets: list[Target], starts: list[int], spans) -> list[str]:
    keys: dict[str, None] = {}
    for a, b in spans:
        i = max(0, bisect_right(starts, a) - 1)
        while i < len(targets) and targets[i].span[0] < b:
            if targets[i].span[1] > a:
                keys[targets[i].id] = None
            i += 1
    return list(keys)
