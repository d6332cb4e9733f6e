"""Printing scorer results as tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from ..records import STATUSES
from .assessment import AssessScore, pooled
from .extraction import FileScore, total
from .scoring import PRF


def _row(table: Table, name: str, prf: PRF) -> None:
    table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}", str(prf.n_pred), str(prf.n_gold))


def print_extract_report(console: Console, scores: list[FileScore]) -> None:
    for label, group in (("development set", [s for s in scores if not s.held_out]),
                         ("held-out set (never tuned on)", [s for s in scores if s.held_out])):
        if not group:
            continue
        t = total(group)
        table = Table(title=f"{label}: {', '.join(s.name for s in group)}", title_justify="left")
        for col in ("field", "precision", "recall", "F1", "predicted", "gold"):
            table.add_column(col, justify="right" if col != "field" else "left")
        if t["targets"].n_gold:
            _row(table, "target span (IoU≥0.5)", t["targets"])
            _row(table, "target span (exact)", t["targets_strict"])
        for f, prf in t["indicators"].items():
            _row(table, f"indicator {f}", prf)
        for f, prf in t["measurements"].items():
            _row(table, f"measurement {f}", prf)
        console.print(table)


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{v:.3f}"


def print_assess_report(console: Console, scores: list[AssessScore]) -> None:
    table = Table(title="assessment against hand labels, by tier", title_justify="left")
    for col in ("set", "tier", "items", "answered", "miss recall", "miss precision", "status", "lenient",
                "figures", "link top-1", "link top-3"):
        table.add_column(col, justify="left" if col in ("set", "tier") else "right")
    for s in scores:
        j = s.to_json()
        link = j["link"]
        for tier, t in j["by_tier"].items():
            table.add_row(s.name, tier, str(t["items"]), _pct(t["answered"]),
                          f"{_pct(t['miss_recall'])} ({t['gold_not_met']})",
                          f"{_pct(t['miss_precision'])} ({t['predicted_not_met']})", _pct(t["status_accuracy"]),
                          _pct(t["lenient_accuracy"]), f"{_pct(t['figure_accuracy'])} ({t['gold_figures']})",
                          _pct(link["top1"]), _pct(link["top3"]))
    console.print(table)
    totals = Table(title="pooled (the table counted once)", title_justify="left")
    for col in ("set", "tier", "items", "answered", "miss recall", "miss precision", "status", "lenient", "figures"):
        totals.add_column(col, justify="left" if col in ("set", "tier") else "right")
    for group, tiers in pooled(scores).items():
        for tier, ts in tiers.items():
            if not ts.items:
                continue
            t = ts.to_json()
            totals.add_row(group, tier, str(t["items"]), _pct(t["answered"]),
                           f"{_pct(t['miss_recall'])} ({t['gold_not_met']})",
                           f"{_pct(t['miss_precision'])} ({t['predicted_not_met']})", _pct(t["status_accuracy"]),
                           _pct(t["lenient_accuracy"]), f"{_pct(t['figure_accuracy'])} ({t['gold_figures']})")
    console.print(totals)
    flags = Table(title="flags (item level)", title_justify="left")
    for col in ("set", "flag", "recall", "precision", "gold", "predicted"):
        flags.add_column(col, justify="left" if col in ("set", "flag") else "right")
    for s in scores:
        for f, v in s.to_json()["flags"].items():
            flags.add_row(s.name, f, _pct(v["recall"]), _pct(v["precision"]), str(v["gold"]), str(v["predicted"]))
    console.print(flags)
    for s in scores:
        confusion = s.confusion
        used = [st for st in STATUSES if any(st in pair for pair in confusion)]
        matrix = Table(title=f"confusion: {s.name} (rows gold, columns predicted)", title_justify="left")
        matrix.add_column("gold \\ pred")
        for st in used:
            matrix.add_column(st[:8], justify="right")
        for g in used:
            matrix.add_row(g, *[str(confusion.get((g, p), "")) for p in used])
        console.print(matrix)
