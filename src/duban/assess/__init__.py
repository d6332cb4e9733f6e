"""The assess stage: a plan/completion pair assessed item by item (pair), the reported figure that answers
an indicator (evidence), verdicts (judge), relative and named targets (relative), self-contained tables
(structured), 序时进度 (schedule) and plain explanations (explain)."""

from __future__ import annotations

__all__ = ["ENGINE", "assess"]


def __getattr__(name: str):
    # imported on first use: `duban extract` needs the explanations' formatters, not the linking stack
    if name in __all__:
        from . import pair

        return getattr(pair, name)
    raise AttributeError(name)
