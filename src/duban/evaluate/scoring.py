"""Counting helpers shared by the scorers."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.textsim import char_overlap

__all__ = ["PRF", "char_overlap", "iou", "match", "overlap"]

Span = tuple[int, int]


@dataclass
class PRF:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.n_pred += other.n_pred
        self.n_gold += other.n_gold

    def to_json(self) -> dict:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.n_pred,
            "gold": self.n_gold,
        }


def iou(a: Span, b: Span) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    return inter / (max(a[1], b[1]) - min(a[0], b[0]))


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(pred: list[Span], gold: list[Span], threshold: float, measure=iou) -> list[tuple[int, int]]:
    """One-to-one matching, best pairs first: (pred index, gold index) with measure ≥ threshold."""
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            score = measure(p, g)
            if score >= threshold and score > 0:
                pairs.append((score, i, j))
    pairs.sort(key=lambda x: -x[0])
    used_p: set[int] = set()
    used_g: set[int] = set()
    out = []
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        out.append((i, j))
    return out
