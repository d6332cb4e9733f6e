"""`duban eval assess`: status accuracy, confusion matrix, link top-1/top-3 and flag recall against the
hand-labelled files in tests/gold/assess/.

Link accuracy is measured twice on the table: as it is (rows restate their 目标任务, which is located
in the plan) and on a variant with the 目标任务 column removed, built here from the same file, so that
every row must be linked by retrieval, figures and order alone.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..assess import assess
from ..read import read_bytes, read_document
from ..records import FLAGS, STATUSES
from ..verdicts import Assessment
from .extraction import resolve_document

_ROW = re.compile(r"^(\s*\d+\s*\|)\s*[^|\n]*\|(.*)$", re.M)


def without_task_column(text: str) -> str:
    """The completion table with its 目标任务 column removed (header and rows)."""
    text = text.replace("编号 | 目标任务 | 完成情况 |", "编号 | 完成情况 |")
    return _ROW.sub(lambda m: m.group(1) + m.group(2), text)


@dataclass
class AssessScore:
    name: str
    total: int = 0
    correct: int = 0
    confusion: Counter = field(default_factory=Counter)
    flag_tp: Counter = field(default_factory=Counter)
    flag_gold: Counter = field(default_factory=Counter)
    flag_pred: Counter = field(default_factory=Counter)
    link_total: int = 0
    link_top1: int = 0
    link_top3: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def to_json(self) -> dict:
        return {
            "items": self.total,
            "status_accuracy": round(self.accuracy, 4),
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "flags": {
                f: {"recall": _div(self.flag_tp[f], self.flag_gold[f]),
                    "precision": _div(self.flag_tp[f], self.flag_pred[f]),
                    "gold": self.flag_gold[f], "predicted": self.flag_pred[f]}
                for f in FLAGS if self.flag_gold[f] or self.flag_pred[f]
            },
            "link": {"rows": self.link_total, "top1": _div(self.link_top1, self.link_total),
                     "top3": _div(self.link_top3, self.link_total)},
        }


def _div(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _score_status(score: AssessScore, gold: dict, status: str, flags: list[str], label: str) -> None:
    score.total += 1
    score.correct += status == gold["status"]
    score.confusion[(gold["status"], status)] += 1
    if status != gold["status"]:
        score.errors.append(f"{label}: status {status} (gold {gold['status']}) — {gold.get('reason', '')[:120]}")
    for f in set(gold.get("flags", [])):
        score.flag_gold[f] += 1
        score.flag_tp[f] += f in flags
    for f in set(flags):
        score.flag_pred[f] += 1


def score_table(gold_path: Path) -> tuple[AssessScore, AssessScore, Assessment]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    plan = read_document(resolve_document({"document": Path(gold["plan"]).name, "path": gold["plan"]}, gold_path))
    comp_path = resolve_document({"document": Path(gold["completion"]).name, "path": gold["completion"]}, gold_path)
    completion = read_document(comp_path)
    result = assess(plan, completion)
    # restated rows are judged by where their target was located; linked rows by their ranked links
    restated = _score_rows(f"{gold_path.stem} (目标任务 restated)", gold["rows"], result,
                           lambda item: item.plan_spans)
    variant_doc = read_bytes(without_task_column(completion.text).encode("utf-8"), name=comp_path.name)
    unrestated = _score_rows(f"{gold_path.stem} (目标任务 column removed)", gold["rows"], assess(plan, variant_doc),
                             lambda item: [ln.plan_span for ln in item.links])
    return restated, unrestated, result


def _score_rows(name: str, rows: list[dict], result: Assessment, ranked_spans) -> AssessScore:
    score = AssessScore(name)
    by_row = {item.row: item for item in result.items}
    for row in rows:
        item = by_row.get(row["row"])
        status, flags = (item.status, item.flags) if item else ("unassessed", [])
        _score_status(score, row, status, flags, f"row {row['row']}")
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
    score = AssessScore(gold_path.stem + (" (held-out, never tuned on)" if gold.get("held_out") else ""))
    for pair in gold["pairs"]:
        plan = read_document(resolve_document({"document": Path(pair["plan"]).name, "path": pair["plan"]}, gold_path))
        comp = read_document(resolve_document({"document": Path(pair["completion"]).name,
                                               "path": pair["completion"]}, gold_path))
        result = assess(plan, comp)
        for g in pair["items"]:
            span = tuple(g["target_span"])
            item = next((i for i in result.items if any(_overlap(span, p) for p in i.plan_spans)), None)
            status, flags = (item.status, item.flags) if item else ("no_evidence", [])
            _score_status(score, g, status, flags, f"{Path(pair['plan']).stem}: {g.get('target', '')[:30]}")
    return score


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


__all__ = ["STATUSES", "AssessScore", "run", "score_narrative", "score_table", "without_task_column"]
