"""Chinese labels and the template filters that use them (dates, figures, titles)."""

from __future__ import annotations

from datetime import UTC, datetime

from ..assess.explain import figure, fmt, metric_name
from ..records import (  # re-exported: the templates' filters and the pages use them
    BASIS_LABELS,
    DIRECTION_LABELS,
    FLAG_LABELS,
    KIND_LABELS,
    OP_LABELS,
    STATUS_LABELS,
    STATUSES,
    TARGET_KIND_LABELS,
    TIER_LABELS,
)
from ..store.accounts import REVIEW_STATUSES
from ..store.times import BEIJING

SORT_LABELS = {"position": "原文顺序", "status": "状态", "year": "年份", "section": "章节", "kind": "类型"}
PART_LABELS = {"review": "回顾", "plan": "计划", "multi_year": "多年目标", "other": ""}


def when(value: str | datetime | None) -> str:
    """A stored UTC time as Beijing time, YYYY-MM-DD HH:MM."""
    if not value:
        return ""
    dt = datetime.fromisoformat(value) if isinstance(value, str) else value
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")



def number(value) -> str:
    return "" if value is None else fmt(value)


def ratio(value) -> str:
    return "—" if value is None else f"{value:.0%}"


def short_title(title: str | None) -> str:
    """A document title for tight places: a bare file name when the title is a path."""
    if not title:
        return "（无标题）"
    if "/" in title or "\\" in title:
        name = title.replace("\\", "/").rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0] if "." in name else name
    return title


def target_figure(ind: dict) -> str:
    return figure(ind["op"], ind["value"], ind.get("value_high"), ind["unit"], ind.get("basis"))


def figure_line(f: dict) -> str:
    """One indicator as the dashboard lists it: 地区生产总值 6%左右 → 5.6%（93%）."""
    out = f"{f['metric']} {f['target']}"
    if f.get("actual"):
        out += f" → {f['actual']}" + (f"（{f['ratio']:.0%}）" if f.get("ratio") is not None else "")
    return out


def status_options() -> list[tuple[str, str]]:
    return [(s, STATUS_LABELS[s]) for s in STATUSES]


def review_options() -> list[tuple[str, str]]:
    return [(s, STATUS_LABELS[s]) for s in REVIEW_STATUSES]


FILTERS = {
    "when": when, "number": number, "ratio": ratio, "short": short_title, "figure": target_figure,
    "status_label": lambda c: STATUS_LABELS.get(c, c or ""),
    "flag_label": lambda c: FLAG_LABELS.get(c, c),
    "kind_label": lambda c: KIND_LABELS.get(c, c or ""),
    "target_kind": lambda c: TARGET_KIND_LABELS.get(c, c or ""),
    "basis_label": lambda c: BASIS_LABELS.get(c, c or ""),
    "op_label": lambda c: OP_LABELS.get(c, c or ""),
    "tier_label": lambda c: TIER_LABELS.get(c, c or ""),
    "direction_label": lambda c: DIRECTION_LABELS.get(c, c or ""),
    "metric_label": lambda i: metric_name(i.get("metric"), i.get("metric_id")),
    "figure_line": figure_line,
}
GLOBALS = {
    "STATUS_LABELS": STATUS_LABELS, "FLAG_LABELS": FLAG_LABELS, "KIND_LABELS": KIND_LABELS,
    "SORT_LABELS": SORT_LABELS, "TARGET_KIND_LABELS": TARGET_KIND_LABELS, "TIER_LABELS": TIER_LABELS,
    "status_options": status_options, "review_options": review_options,
}
