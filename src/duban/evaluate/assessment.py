"""`duban eval assess`: how well the verdicts agree with the hand-labelled files in tests/gold/assess/.

Per file and per tier (headline / task):
* **answered**: of the gold targets the completion document does answer (gold status not no_evidence),
  the share duban answers at all (predicted status not no_evidence);
* **miss recall / precision**: gold not_met found as not_met; predicted not_met that are gold not_met;
* **status accuracy**, exact and lenient (lenient: the same group — reached: exceeded/met/basically_met/
  done; partly: partially_met/in_progress/activity_only; missed: not_met; unanswered: no_evidence);
* **figure accuracy**: of the gold indicators answered by a comparable figure, the share whose predicted
  figure is the same number (after unit scaling); a wrong figure counts against it, so does none;
* the confusion matrix, flag recall/precision, and link top-1/top-3 on the table.

Narrative pairs are scored per gold target: the verdict of the plan target that overlaps the gold target
span (no target there: unanswered); when duban split the gold target into several (…670个，完成投资2000亿元以上),
the parts lying mostly inside it together (_verdict_over: the parts with figures decide, combined as one target's
indicators are; figures are looked for in every part). Tables are scored per row. Link accuracy is measured twice on the
table: as it is (rows restate their 目标任务) and with the 目标任务 column removed, so that every row must be
linked by retrieval, figures and order alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..assess import assess, judge
from ..read import read_bytes, read_document
from ..records import FLAGS, STATUSES
from ..verdicts import Assessment, IndicatorAssessment, Item
from .extraction import resolve_document

_ROW = re.compile(r"^(\s*\d+\s*\|)\s*[^|\n]*\|(.*)$", re.M)
LENIENT = {
    "exceeded": "reached", "met": "reached", "basically_met": "reached", "done": "reached",
    "partially_met": "partly", "in_progress": "partly", "activity_only": "partly",
    "not_met": "missed", "no_evidence": "unanswered", "unassessed": "unanswered",
}
TIERS = ("headline", "task")


def without_task_column(text: str) -> str:
    """The completion table with its 目标任务 column removed (header and rows)."""
    text = text.replace("编号 | 目标任务 | 完成情况 |", "编号 | 完成情况 |")
    return _ROW.sub(lambda m: m.group(1) + m.group(2), text)


def _div(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


@dataclass
class TierScore:
    items: int = 0
    correct: int = 0
    lenient: int = 0
    answerable: int = 0
    answered: int = 0
    gold_missed: int = 0
    missed_found: int = 0
    predicted_missed: int = 0
    figures: int = 0
    figures_right: int = 0
    figures_wrong: int = 0
    confusion: Counter = field(default_factory=Counter)

    def add(self, gold: str, pred: str) -> None:
        self.items += 1
        self.correct += gold == pred
        self.lenient += LENIENT[gold] == LENIENT[pred]
        self.confusion[(gold, pred)] += 1
        if gold not in ("no_evidence", "unassessed"):
            self.answerable += 1
            self.answered += pred not in ("no_evidence", "unassessed")
        self.gold_missed += gold == "not_met"
        self.missed_found += gold == "not_met" and pred == "not_met"
        self.predicted_missed += pred == "not_met"

    def to_json(self) -> dict:
        return {
            "items": self.items,
            "status_accuracy": _div(self.correct, self.items),
            "lenient_accuracy": _div(self.lenient, self.items),
            "answered": _div(self.answered, self.answerable), "answerable": self.answerable,
            "miss_recall": _div(self.missed_found, self.gold_missed), "gold_not_met": self.gold_missed,
            "miss_precision": _div(self.missed_found, self.predicted_missed),
            "predicted_not_met": self.predicted_missed,
            "figure_accuracy": _div(self.figures_right, self.figures), "gold_figures": self.figures,
            "wrong_figures": self.figures_wrong,
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
        }


@dataclass
class AssessScore:
    name: str
    held_out: bool = False
    tiers: dict[str, TierScore] = field(default_factory=lambda: {t: TierScore() for t in TIERS})
    flag_tp: Counter = field(default_factory=Counter)
    flag_gold: Counter = field(default_factory=Counter)
    flag_pred: Counter = field(default_factory=Counter)
    link_total: int = 0
    link_top1: int = 0
    link_top3: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(t.items for t in self.tiers.values())

    @property
    def accuracy(self) -> float:
        return sum(t.correct for t in self.tiers.values()) / self.total if self.total else 0.0

    @property
    def confusion(self) -> Counter:
        out: Counter = Counter()
        for t in self.tiers.values():
            out.update(t.confusion)
        return out

    def to_json(self) -> dict:
        return {
            "items": self.total,
            "held_out": self.held_out,
            "status_accuracy": round(self.accuracy, 4),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "by_tier": {name: t.to_json() for name, t in self.tiers.items() if t.items},
            "flags": {
                f: {"recall": _div(self.flag_tp[f], self.flag_gold[f]),
                    "precision": _div(self.flag_tp[f], self.flag_pred[f]),
                    "gold": self.flag_gold[f], "predicted": self.flag_pred[f]}
                for f in FLAGS if self.flag_gold[f] or self.flag_pred[f]
            },
            "link": {"rows": self.link_total, "top1": _div(self.link_top1, self.link_total),
                     "top3": _div(self.link_top3, self.link_total)},
        }


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score(score: AssessScore, gold: dict, tier: str, status: str, flags: list[str], item: Item | None,
           label: str) -> None:
    t = score.tiers[tier]
    t.add(gold["status"], status)
    if status != gold["status"]:
        reason = gold.get("reason", "")[:100]
        score.errors.append(f"{label} [{tier}]: status {status} (gold {gold['status']}) — {reason}")
    for f in set(gold.get("flags", [])):
        score.flag_gold[f] += 1
        score.flag_tp[f] += f in flags
    for f in set(flags):
        score.flag_pred[f] += 1
    for g in gold.get("indicators", []):
        if g.get("actual_value") is None or "basis_mismatch" in g.get("actual_flags", []):
            continue
        t.figures += 1
        pred = _matching_indicator(g, item.indicators if item else [])
        value = _value_in_target_scale(pred, g["value"]) if pred is not None else None
        if value is not None and _same(value, g["actual_value"]):
            t.figures_right += 1
        else:
            t.figures_wrong += value is not None
            shown = "none" if value is None else f"{value:g}"
            score.errors.append(f"{label} [{tier}]: figure {shown} for {g['target_text']} (gold {g['actual_value']:g})")


def _matching_indicator(g: dict, indicators: list[IndicatorAssessment]) -> IndicatorAssessment | None:
    """The predicted indicator for a gold one: the same target figure (sign aside; the gold may write 1万个 as
    10000 个, the base unit), the closest metric."""
    same = [a for a in indicators if _same_figure(a.indicator.value, g["value"])
            or _same_figure(a.indicator.norm_value, g["value"])]
    if not same:
        return None
    return max(same, key=lambda a: len(set(a.indicator.metric) & set(g["metric"])))


def _same_figure(a: float | None, b: float) -> bool:
    return a is not None and abs(abs(a) - abs(b)) < 1e-9 * max(1.0, abs(b))


def _value_in_target_scale(a: IndicatorAssessment, gold_value: float | None = None) -> float | None:
    """The actual in the scale the gold writes the target in: the target's own (万个), or its base unit (个)."""
    actual, ind = a.actual, a.indicator
    if actual is None:
        return None
    if gold_value is not None and actual.norm_value is not None and not _same_figure(ind.value, gold_value) \
            and _same_figure(ind.norm_value, gold_value):
        return actual.norm_value
    if actual.norm_value is not None and ind.norm_value and ind.value:
        return actual.norm_value / (ind.norm_value / ind.value)
    return actual.value


def _same(a: float, b: float) -> bool:
    return abs(abs(a) - abs(b)) <= 1e-6 * max(1.0, abs(b))


def score_table(gold_path: Path) -> tuple[AssessScore, AssessScore, Assessment]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    plan = read_document(resolve_document({"document": Path(gold["plan"]).name, "path": gold["plan"]}, gold_path))
    comp_path = resolve_document({"document": Path(gold["completion"]).name, "path": gold["completion"]}, gold_path)
    completion = read_document(comp_path)
    result = assess(plan, completion)
    held = bool(gold.get("held_out"))
    # restated rows are judged by where their target was located; linked rows by their ranked links
    restated = _score_rows(AssessScore(f"{gold_path.stem} (目标任务 restated)", held), gold["rows"], result,
                           lambda item: item.plan_spans)
    variant_doc = read_bytes(without_task_column(completion.text).encode("utf-8"), name=comp_path.name)
    unrestated = _score_rows(AssessScore(f"{gold_path.stem} (目标任务 column removed)", held), gold["rows"],
                             assess(plan, variant_doc), lambda item: [ln.plan_span for ln in item.links])
    return restated, unrestated, result


def _score_rows(score: AssessScore, rows: list[dict], result: Assessment, ranked_spans) -> AssessScore:
    by_row = {item.row: item for item in result.items}
    for row in rows:
        item = by_row.get(row["row"])
        status, flags = (item.status, item.flags) if item else ("unassessed", [])
        _score(score, row, row.get("tier", "task"), status, flags, item, f"row {row['row']}")
        if row["plan_spans"]:
            _score_link(score, row, ranked_spans(item) if item else [])
    return score


def _score_link(score: AssessScore, row: dict, ranked: list) -> None:
    gold_spans = [tuple(s) for s in row["plan_spans"]]
    score.link_total += 1
    hit = [any(_overlap(p, g) for g in gold_spans) for p in ranked]
    score.link_top1 += bool(hit[:1] and hit[0])
    score.link_top3 += any(hit[:3])
    if not (hit[:1] and hit[0]):
        score.errors.append(f"row {row['row']}: link miss")


def score_narrative(gold_path: Path) -> AssessScore:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    held = bool(gold.get("held_out"))
    score = AssessScore(gold_path.stem + (" (held-out, never tuned on)" if held else ""), held)
    for pair in gold["pairs"]:
        plan = read_document(resolve_document({"document": Path(pair["plan"]).name, "path": pair["plan"]}, gold_path))
        comp = read_document(resolve_document({"document": Path(pair["completion"]).name,
                                               "path": pair["completion"]}, gold_path))
        result = assess(plan, comp)
        by_target = {v.target_id: v for v in result.verdicts}
        for g in pair["items"]:
            span = tuple(g["target_span"])
            overlapping = [t for t in result.plan_targets
                           if _overlap(span, t.span) or any(_overlap(span, m) for m in t.mentions)]
            if len(overlapping) > 1:  # the parts duban split it into: mostly inside it, or the one overlapping most
                best = max(overlapping, key=lambda t: min(span[1], t.span[1]) - max(span[0], t.span[0]))
                overlapping = [t for t in overlapping if t is best
                               or min(span[1], t.span[1]) - max(span[0], t.span[0]) >= (t.span[1] - t.span[0]) / 2]
            status, flags, item = _verdict_over(overlapping, by_target, result)
            label = f"{Path(pair['plan']).stem}: {g.get('target', '')[:30]}"
            _score(score, g, g.get("tier", "headline"), status, flags, item, label)
    return score


def _verdict_over(targets: list, by_target: dict, result: Assessment) -> tuple[str, list[str], Item | None]:
    """The verdict duban gives a gold target that it split into several (全年安排市重点建设项目670个，完成投资2000亿元
    以上: two targets of its own): the targets with figures decide, combined as one target's indicators are
    (judge.combine: one met and one short is partially met); open-ended parts only count when no part has a figure
    (深入实施…行动计划，新引进各类人才10万人 is the figure's), and then as one qualitative target's parts are
    (judge.combine_parts: a discrete part done beside an open-ended one unreported is done); figures are looked for in
    every part's item."""
    verdicts = [(t, by_target.get(t.id)) for t in targets]
    verdicts = [(t, v) for t, v in verdicts if v is not None]
    if not verdicts:
        return "no_evidence", [], None
    if len(verdicts) == 1:
        v = verdicts[0][1]
        return v.status, v.flags, result.items[v.item] if v.item is not None else None
    quantified = [v for t, v in verdicts if t.indicators]
    deciding = quantified or [v for _t, v in verdicts]
    statuses = [v.status for v in deciding]
    if quantified:
        status = statuses[0] if len(set(statuses)) == 1 else judge.combine(statuses)
    else:  # as duban combines the parts of one qualitative target: open-ended parts only add activity
        status = judge.combine_parts([(judge.is_discrete(t.text), v.status) for t, v in verdicts])
    items = [result.items[v.item] for _t, v in verdicts if v.item is not None]
    merged = items[0] if len(items) == 1 else (replace(items[0], indicators=[a for i in items for a in i.indicators])
                                             if items else None)
    return status, sorted({f for v in deciding for f in v.flags}), merged


def pooled(scores: list[AssessScore]) -> dict[str, dict[str, TierScore]]:
    """Development and held-out sets pooled by tier (the table counted once, as restated)."""
    out: dict[str, dict[str, TierScore]] = {}
    for s in scores:
        if "column removed" in s.name:
            continue
        group = out.setdefault("held-out" if s.held_out else "development", {t: TierScore() for t in TIERS})
        for tier, ts in s.tiers.items():
            into = group[tier]
            for f in ("items", "correct", "lenient", "answerable", "answered", "gold_missed", "missed_found",
                      "predicted_missed", "figures", "figures_right", "figures_wrong"):
                setattr(into, f, getattr(into, f) + getattr(ts, f))
            into.confusion.update(ts.confusion)
    return out


def run(gold_dir: Path) -> list[AssessScore]:
    scores: list[AssessScore] = []
    for path in sorted(gold_dir.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if "rows" in data:
            restated, unrestated, _ = score_table(path)
            scores += [restated, unrestated]
        elif "pairs" in data:
            scores.append(score_narrative(path))
    return scores


__all__ = ["LENIENT", "STATUSES", "AssessScore", "TierScore", "pooled", "run", "score_narrative", "score_table",
           "without_task_column"]
