"""Printing scorer results as tables."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

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
