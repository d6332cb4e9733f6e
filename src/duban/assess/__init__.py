"""The assess stage: a plan/completion pair assessed item by item (pair), the reported figure that answers
an indicator (evidence), verdicts (judge), relative and named targets (relative), self-contained tables
(structured), 序时进度 (schedule) and plain explanations (explain)."""

from .pair import ENGINE, assess

__all__ = ["ENGINE", "assess"]
