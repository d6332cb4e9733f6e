"""The schedule light (亮灯) of a task on a day, with its reasons in words — apart from the evidence-based status
(the engine's verdict on the latest report) and from the unit's own claim, which it never reads.

Each rule that applies gives a finding (light, colour, reason); the light shown is the most severe finding,
and every finding's reason is listed (docs/supervision.md §3):

1. **done** — the latest evidence says the task is finished (已完成 / 完成 / 超额完成 by the engine).
2. **overdue** (red) — the deadline has passed and the task is not done.
3. **progress against 序时进度** — an accumulating target with a figure: the share done at the report's date
   against the share expected by then (the elapsed share of the task's window, or the milestones' path):
   at least ``tolerance`` points above → ahead; within ``tolerance`` below → on track; up to ``yellow``
   points below → behind, yellow (关注); more → behind, red (预警). A rate or a level held at a value
   (growth, a ceiling) is judged as the engine judged it: reached or basically reached → on track; short →
   behind, coloured by how far short it is.
4. **milestones** — a 季度节点 whose date has passed: one with a share is checked against the latest report
   made after it (rule 3's comparison at the milestone); one named in words (or of a task without a figure) is
   met when the engine read it as finished in the latest report, else yellow; a milestone with no report after
   its date is yellow.
5. **reports** — a reporting date passed without a report for that period: yellow, red from the second one;
   nothing reported yet before the first reporting date: pending (grey).
6. **deadline soon** — within ``due_soon_days`` of the deadline and not done: said, not coloured.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..records import STATUS_LABELS
from .calendar import Milestone, expected_share

LIGHTS = ("done", "ahead", "on_track", "pending", "behind", "overdue")
LIGHT_LABELS = {"done": "已完成", "ahead": "超序时", "on_track": "序时推进", "pending": "待报送", "behind": "滞后",
                "overdue": "逾期未完成", "unknown": "未计算"}
COLOR_LABELS = {"blue": "完成", "green": "正常", "grey": "待报", "yellow": "关注", "red": "预警"}
COLOR_RANK = {"blue": 0, "green": 1, "grey": 2, "yellow": 3, "red": 4}
DONE_STATUSES = ("done", "met", "exceeded")
REACHED_STATUSES = ("met", "exceeded", "basically_met", "done")


@dataclass(frozen=True)
class Thresholds:
    tolerance: float = 5.0  # points either side of 序时进度 that count as on track
    yellow: float = 20.0  # points behind up to which the light is yellow (关注); beyond, red (预警)
    due_soon_days: int = 30


@dataclass
class Evidence:
    """The latest report's reading for a task (a row of task_evidence)."""

    as_of: date  # the end of the period it reports on
    label: str  # 1-6月
    status: str  # the engine's evidence status
    ratio: float | None = None  # share done of an accumulating target (the laggard of several)
    rate_ratio: float | None = None  # figure / target of a rate or a level (the laggard of several)
    milestones_done: list[str] = field(default_factory=list)  # milestones (as written) read as finished
    evidence_id: int | None = None


@dataclass
class TaskSchedule:
    start: date
    deadline: date
    milestones: list[Milestone] = field(default_factory=list)


@dataclass
class Light:
    light: str
    color: str
    progress: float | None
    expected: float | None
    reasons: list[str]
    evidence_id: int | None = None

    def key(self) -> tuple:
        return self.light, self.color, self.progress, self.expected, tuple(self.reasons)


def pct(x: float) -> str:
    return f"{x * 100:.0f}%"


def md(d: date) -> str:
    return f"{d.month}月{d.day}日"


def _behind_color(gap: float, th: Thresholds) -> str:
    return "yellow" if gap <= th.yellow + 1e-9 else "red"


def compute(task: TaskSchedule, latest: Evidence | None, at: date, th: Thresholds,
            missed: list[tuple[str, date]] = ()) -> Light:
    """The light on ``at``. ``missed``: the reporting periods (label, due) whose date has passed without a report
    on this task for them."""
    findings: list[tuple[str, str, str]] = []  # (light, color, reason)
    progress = expected = None
    if latest is not None and latest.status in DONE_STATUSES:
        reason = f"{latest.label}报告：{STATUS_LABELS.get(latest.status, latest.status)}"
        return Light("done", "blue", latest.ratio, 1.0, [reason], latest.evidence_id)
    if at > task.deadline:
        findings.append(("overdue", "red", f"完成时限{task.deadline.isoformat()}已过，尚未见完成"))
    if latest is not None:
        expected = expected_share(latest.as_of, task.start, task.deadline, task.milestones)
        if latest.ratio is not None:
            progress = latest.ratio
            findings.append(_against_schedule(latest, progress, expected, th))
        elif latest.rate_ratio is not None and latest.status not in REACHED_STATUSES:
            gap = max(0.0, (1 - latest.rate_ratio) * 100)
            findings.append(("behind", _behind_color(gap, th),
                             f"{latest.label}：指标为目标的{pct(latest.rate_ratio)}（{STATUS_LABELS[latest.status]}）"))
        elif latest.status == "no_evidence":
            findings.append(("behind", "yellow", f"{latest.label}报告未说明本任务进展"))
        else:
            label = STATUS_LABELS.get(latest.status, latest.status)
            findings.append(("on_track", "green", f"{latest.label}报告：{label}"))
        findings += _milestones(task, latest, at, th)
    if missed:
        color = "red" if len(missed) >= 2 else "yellow"
        names = "、".join(f"{label}（应于{md(due)}前报送）" for label, due in missed)
        findings.append(("behind", color, f"未按期报送进展：{names}"))
    elif latest is None:
        findings.append(("pending", "grey", "尚无进展报告（未到报送时间）"))
    days = (task.deadline - at).days
    notes = [f"距完成时限（{task.deadline.isoformat()}）还有{days}天"] if 0 <= days <= th.due_soon_days else []
    light, color, _ = max(findings, key=lambda f: (COLOR_RANK[f[1]], f[0] == "overdue"))
    return Light(light, color, progress, expected, [f[2] for f in findings] + notes,
                 latest.evidence_id if latest else None)


def _against_schedule(latest: Evidence, progress: float, expected: float, th: Thresholds) -> tuple[str, str, str]:
    gap = (expected - progress) * 100
    head = f"截至{md(latest.as_of)}完成目标的{pct(progress)}，序时进度{pct(expected)}"
    if gap <= -th.tolerance + 1e-9:
        return "ahead", "green", f"{head}，超序时{-gap:.0f}个百分点"
    if gap <= th.tolerance + 1e-9:
        note = "符合序时进度" if gap <= 0 else f"略低{gap:.0f}个百分点（在容差内）"
        return "on_track", "green", f"{head}，{note}"
    color = _behind_color(gap, th)
    return "behind", color, f"{head}，低于序时{gap:.0f}个百分点（{'关注' if color == 'yellow' else '预警'}）"


def _milestones(task: TaskSchedule, latest: Evidence, at: date, th: Thresholds) -> list[tuple[str, str, str]]:
    out = []
    for m in task.milestones:
        if m.due > at:
            continue
        if latest.as_of < m.due:
            out.append(("behind", "yellow", f"节点“{m.text}”已到期（{md(m.due)}），尚无此后的进展报告"))
        elif m.share is not None and latest.ratio is not None:
            if latest.ratio < m.share - th.tolerance / 100:
                gap = (m.share - latest.ratio) * 100
                out.append(("behind", _behind_color(gap, th),
                            f"节点“{m.text}”未达到：完成{pct(latest.ratio)}，应达{pct(m.share)}"))
        elif m.text not in latest.milestones_done:
            out.append(("behind", "yellow", f"节点“{m.text}”已到期，{latest.label}报告未见完成"))
    return out
