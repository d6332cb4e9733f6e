"""Targets that come back next year, and headline indicators that quietly disappear.

A task target of year Y (due that year: goals for later years are followed as goals) is **carried over**
to a target of the same place's plan for Y+1 when both name the same project — the Dice coefficient of their
character bigrams (digits and punctuation left out, lang/textsim) is high — and one of these holds (checked
in this order):

* ``unchanged``: almost the same words (Dice ≥ 0.85) and the same figures (or none on either side);
* ``same_figure``: a figure of the same indicator, value and unit in both (Dice ≥ 0.4);
* ``later_deadline``: Y+1 gives a later deadline or due year than Y did (Dice ≥ 0.5);
* ``revised``: the same project (Dice ≥ 0.6) with other figures;
* ``repeated``: the same project (Dice ≥ 0.6), no figures to compare.

Each target of Y+1 is linked at most once (best pairs first). A **headline indicator** (its metric id) set as a
yearly headline target in Y's plan and absent from Y+1's headline targets is listed: ``dropped`` when Y+1 sets
no target on it at all, ``demoted`` when it is only a task target there; ``new`` lists the other way round.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lang.textsim import bigrams
from ..records import STATUS_LABELS
from .model import Source

_KEEP = re.compile(r"[^\u4e00-\u9fffA-Za-z]+")
_YEAR = re.compile(r"(?:19|20)\d{2}")
UNCHANGED, SAME_FIGURE, LATER, SAME_PROJECT = 0.85, 0.4, 0.5, 0.6
KIND_LABELS = {"unchanged": "原样再提", "same_figure": "同一数字再提", "later_deadline": "期限后延",
               "revised": "数字调整", "repeated": "同一事项再提"}


@dataclass(slots=True)
class CarryTarget:
    target_id: int
    text: str
    tier: str
    status: str
    source: Source
    horizon: int | None = None
    deadline: str | None = None
    figures: frozenset[tuple[str, float, str]] = frozenset()  # (metric id or name, value, unit)
    metric_ids: frozenset[str] = frozenset()
    grams: frozenset[str] = field(default_factory=frozenset)
    core: str = ""  # the text without digits and punctuation

    def __post_init__(self) -> None:
        self.core = _KEEP.sub("", self.text)
        if not self.grams:
            self.grams = bigrams(self.core)

    def due(self) -> int | None:
        if not self.deadline:
            return self.horizon
        years = [int(y) for y in _YEAR.findall(self.deadline)]
        return max(years) if years else self.horizon

    def to_json(self) -> dict:
        return {"target_id": self.target_id, "text": self.text, "tier": self.tier, "status": self.status,
                "status_label": STATUS_LABELS.get(self.status, self.status), "horizon": self.horizon,
                "deadline": self.deadline, "source": self.source.to_json()}


@dataclass(slots=True)
class CarryLink:
    before: CarryTarget
    after: CarryTarget
    kind: str
    score: float

    def to_json(self) -> dict:
        return {"before": self.before.to_json(), "after": self.after.to_json(), "kind": self.kind,
                "kind_label": KIND_LABELS[self.kind], "score": round(self.score, 3)}


def dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def classify(before: CarryTarget, after: CarryTarget, year: int, score: float) -> str | None:
    if score >= UNCHANGED and before.figures == after.figures:
        return "unchanged"
    if score >= SAME_FIGURE and before.figures & after.figures:
        return "same_figure"
    due_before, due_after = before.due() or year, after.due()
    if score >= LATER and due_after is not None and due_after > max(due_before, year + 1):
        return "later_deadline"
    if score >= SAME_PROJECT:
        return "revised" if before.figures and after.figures else "repeated"
    return None


def link(before: list[CarryTarget], after: list[CarryTarget], year: int) -> list[CarryLink]:
    """Year ``year``'s task targets (``before``) carried over to the next year's plan (``after``)."""
    if not before or not after:
        return []
    index: dict[str, list[int]] = {}
    same_text: dict[str, list[int]] = {}
    for n, u in enumerate(after):
        same_text.setdefault(u.core, []).append(n)
        for g in u.grams:
            index.setdefault(g, []).append(n)
    common = max(20, len(after) // 10)  # bigrams in many targets (建设, 推进) do not propose candidates
    sizes = [len(u.grams) for u in after]
    pairs: list[tuple[float, int, int, str]] = []
    for m, t in enumerate(before):
        if t.tier != "task" or (t.horizon is not None and t.horizon > year):  # a goal for later is no year's task
            continue
        if t.core and t.core in same_text:  # the same words again: no need to look further
            for n in same_text[t.core]:
                kind = classify(t, after[n], year, 1.0)
                if kind is not None:
                    pairs.append((1.0, m, n, kind))
            continue
        size = len(t.grams)
        candidates: set[int] = set()
        for g in t.grams:
            posting = index.get(g)
            if posting is not None and len(posting) <= common:
                candidates.update(posting)
        for n in candidates:
            other = sizes[n]
            if 2 * (size if size < other else other) < SAME_FIGURE * (size + other):  # Dice cannot reach the bar
                continue
            score = 2 * len(t.grams & after[n].grams) / (size + other)
            if score < SAME_FIGURE:
                continue
            kind = classify(t, after[n], year, score)
            if kind is not None:
                pairs.append((score, m, n, kind))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_before: set[int] = set()
    used_after: set[int] = set()
    links = []
    for score, m, n, kind in pairs:
        if m in used_before or n in used_after:
            continue
        used_before.add(m)
        used_after.add(n)
        links.append(CarryLink(before[m], after[n], kind, score))
    links.sort(key=lambda lk: lk.before.source.span[0])
    return links


CHANGE_LABELS = {"dropped": "不再列出", "demoted": "降为一般任务", "new": "新列为主要指标"}


@dataclass(slots=True)
class IndicatorChange:
    metric_id: str
    label: str
    change: str  # dropped | demoted | new
    before: CarryTarget | None
    after: CarryTarget | None

    def to_json(self) -> dict:
        return {"metric_id": self.metric_id, "label": self.label, "change": self.change,
                "change_label": CHANGE_LABELS[self.change],
                "before": self.before.to_json() if self.before else None,
                "after": self.after.to_json() if self.after else None}


def headline_changes(before: list[CarryTarget], after: list[CarryTarget],
                     labels: dict[str, str]) -> list[IndicatorChange]:
    """Headline indicators of ``before`` missing from ``after``'s headline targets, and the new ones."""
    def first(targets: list[CarryTarget], headline: bool) -> dict[str, CarryTarget]:
        out: dict[str, CarryTarget] = {}
        for t in targets:
            if (t.tier == "headline") == headline:
                for mid in sorted(t.metric_ids):
                    out.setdefault(mid, t)
        return out

    was, now, now_task = first(before, True), first(after, True), first(after, False)
    out = []
    for mid, t in was.items():
        if mid not in now:
            later = now_task.get(mid)
            out.append(IndicatorChange(mid, labels.get(mid, mid), "demoted" if later else "dropped", t, later))
    for mid, t in now.items():
        if mid not in was:
            out.append(IndicatorChange(mid, labels.get(mid, mid), "new", None, t))
    order = {"dropped": 0, "demoted": 1, "new": 2}
    out.sort(key=lambda c: (order[c.change], c.label))
    return out
