"""The familiar 编号 | 目标任务 | 完成情况 table, with duban's verdict added as columns — as CSV, xlsx,
Markdown and DOCX (the office formats are in ``office.py``). One row per assessed item, in row order; the
counts (targets, and rows apart) and the plan targets no row answers follow. Places in the plan are given as
paragraphs (第N段), never as character offsets."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import cached_property

from ..assess.explain import actual_figure, figure, metric_name
from ..records import FLAG_LABELS, STATUS_LABELS, TARGET_KIND_LABELS, TIER_LABELS
from ..verdicts import Assessment
from .cells import safe_row
from .locate import Locator

COLUMNS = ("编号", "目标任务", "完成情况", "评估结论", "目标值", "实际值", "完成比例", "疑点标记", "报告自述", "说明",
           "计划原文位置")
STATUS_COLORS = {
    "exceeded": "C6EFCE", "met": "C6EFCE", "done": "C6EFCE", "basically_met": "E2EFDA",
    "partially_met": "FFEB9C", "in_progress": "DDEBF7", "not_met": "FFC7CE", "activity_only": "F2F2F2",
    "no_evidence": "FFC7CE", "unassessed": "FFFFFF",
}


@dataclass
class Figure:
    """One indicator of a row: its target and reported figures, as text and as numbers."""

    metric: str
    goal: str
    value: float
    unit: str
    actual: str
    actual_value: float | None
    ratio: float | None
    status: str
    flags: str


@dataclass
class Row:
    number: str
    target: str
    result: str
    status: str
    goal: str
    actual: str
    ratio: str
    flags: str
    claimed: str
    explanation: str
    where: str
    code: str
    figures: list[Figure] = field(default_factory=list)

    def cells(self) -> list[str]:
        return [self.number, self.target, self.result, self.status, self.goal, self.actual, self.ratio, self.flags,
                self.claimed, self.explanation, self.where]

    @property
    def number_value(self) -> int | str:
        """编号 as a number when it is one (a sub-row 4.1 stays text: it is not the number 4.1)."""
        return int(self.number) if self.number.isdigit() else self.number

    @property
    def ratio_value(self) -> float | str | None:
        """完成比例 as a number when the row has one figure to compare, else the figures' ratios as text."""
        if len(self.figures) == 1:
            return self.figures[0].ratio
        return self.ratio or None


@dataclass
class TableData:
    """What the table needs, from a live Assessment or from a stored run."""

    title: str
    plan_title: str | None
    items: list[dict]  # DESIGN.md item JSON
    completion_text: str
    summary: dict[str, int]  # every plan target once, by its verdict
    unanswered: list[dict]  # {"text", "tier", "kind", "start"}: plan targets no item answers, headline first
    plan_text: str = ""
    summary_by_tier: dict[str, dict[str, int]] = field(default_factory=dict)
    item_summary: dict[str, int] = field(default_factory=dict)  # the rows (items) by status
    engine: str = ""
    created_at: str | None = None

    @classmethod
    def of(cls, result: Assessment) -> TableData:
        unanswered = sorted(result.unanswered, key=lambda t: (t.tier != "headline", t.span[0]))
        return cls(
            title=result.completion.title or result.completion.path or "完成情况",
            plan_title=(result.plan.title or result.plan.path) if result.plan else None,
            items=[i.to_json() for i in result.items],
            completion_text=result.completion.text,
            summary=result.summary(),
            unanswered=[{"text": t.text, "tier": t.tier, "kind": t.kind, "start": t.span[0]} for t in unanswered],
            plan_text=result.plan.text if result.plan else "",
            summary_by_tier=result.summary_by_tier(),
            item_summary=result.item_summary(),
            engine=result.engine,
        )

    def where(self, start: int | None) -> str:
        return self.locator.where(start) if self.plan_text and start is not None else ""

    @cached_property
    def locator(self) -> Locator:
        return Locator(self.plan_text)


def data_of(result: Assessment | TableData) -> TableData:
    return result if isinstance(result, TableData) else TableData.of(result)


def rows(result: Assessment | TableData) -> list[Row]:
    data = data_of(result)
    return [_row(item, number, data) for item, number in zip(data.items, _numbers(data.items), strict=True)]


def _numbers(items: list[dict]) -> list[str]:
    """编号 of each item: the row's own number; a sub-row without one (其中：…) is numbered under the row
    above it (4.1, 4.2); items of a narrative review are numbered in order."""
    out: list[str] = []
    last, sub = None, 0
    for n, item in enumerate(items, start=1):
        if item.get("row") is not None:
            last, sub = item["row"], 0
            out.append(str(last))
        elif last is not None:
            sub += 1
            out.append(f"{last}.{sub}")
        else:
            out.append(str(n))
    return out


def _figure(a: dict) -> Figure:
    actual = a.get("actual")
    return Figure(
        metric=metric_name(a["metric"], a.get("metric_id")),
        goal=figure(a["op"], a["value"], a.get("value_high"), a["unit"], a.get("basis")),
        value=a["value"], unit=a["unit"],
        actual=actual_figure(actual["value"], actual["unit"], a.get("basis")) if actual else "",
        actual_value=actual["value"] if actual else None,
        ratio=a.get("ratio"), status=a.get("status") or "",
        flags="、".join(FLAG_LABELS.get(f, f) for f in [*a.get("flags", []), *((actual or {}).get("flags") or [])]))


def _row(item: dict, number: str, data: TableData) -> Row:
    span = item.get("completion_span")
    evidence = data.completion_text[span[0]:span[1]] if span else ""
    figs = [_figure(a) for a in item.get("indicators", [])]
    flags = sorted({*item.get("flags", []), *(f for a in item.get("indicators", []) for f in a.get("flags", []))})
    return Row(
        number=number,
        target=item.get("target", ""),
        result=evidence,
        status=STATUS_LABELS[item["status"]],
        goal="；".join(f"{f.metric}{f.goal}" for f in figs),
        actual="；".join(f.actual or "—" for f in figs),
        ratio="；".join(f"{f.ratio:.0%}" if f.ratio is not None else "—" for f in figs),
        flags="、".join(FLAG_LABELS.get(f, f) for f in flags),
        claimed=item.get("claimed") or "",
        explanation=item.get("explanation", ""),
        where=data.locator.spans(item.get("plan_spans", [])) if data.plan_text else "",
        code=item["status"],
        figures=figs,
    )


def summary_lines(result: Assessment | TableData) -> list[tuple[str, int]]:
    return [(STATUS_LABELS[code], n) for code, n in data_of(result).summary.items()]


def counts_text(counts: dict[str, int]) -> str:
    return "，".join(f"{STATUS_LABELS.get(code, code)} {n} 项" for code, n in counts.items()) or "无"


def summary_sentences(result: Assessment | TableData) -> list[str]:
    """The counts in words, each saying what it counts: targets (each plan target once), by tier, and rows."""
    data = data_of(result)
    n_targets, n_rows = sum(data.summary.values()), len(data.items)
    out = [f"按目标计（每个计划目标计一次，共 {n_targets} 项）：{counts_text(data.summary)}。"]
    for tier, counts in data.summary_by_tier.items():
        out.append(f"其中{TIER_LABELS.get(tier, tier)} {sum(counts.values())} 项：{counts_text(counts)}。")
    if data.item_summary:
        out.append(f"按条目计（本表共 {n_rows} 行）：{counts_text(data.item_summary)}。")
    return out


def unanswered_lines(data: TableData) -> list[str]:
    """The plan targets no row answers: 【主要指标·量化】text（计划第12段）."""
    out = []
    for t in data.unanswered:
        tags = "·".join(x for x in (TIER_LABELS.get(t.get("tier"), ""), TARGET_KIND_LABELS.get(t.get("kind"), "")) if x)
        where = data.where(t.get("start"))
        out.append(f"{'【' + tags + '】' if tags else ''}{t['text']}{'（计划' + where + '）' if where else ''}")
    return out


def to_csv(result: Assessment | TableData) -> str:
    """UTF-8; the status code beside its Chinese label (评估结论, 评估结论代码)."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([*COLUMNS[:4], "评估结论代码", *COLUMNS[4:]])
    for r in rows(result):
        cells = r.cells()
        w.writerow(safe_row([*cells[:4], r.code, *cells[4:]]))
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(result: Assessment | TableData) -> str:
    data = data_of(result)
    lines = [f"# {data.title}：目标完成情况评估", ""]
    if data.plan_title:
        lines += [f"计划：{data.plan_title}", ""]
    lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_md_cell(c) for c in r.cells()) + " |" for r in rows(result)]
    lines += ["", "## 汇总", ""] + [f"- {s}" for s in summary_sentences(data)]
    if data.unanswered:
        lines += ["", f"## 未见报告的目标（{len(data.unanswered)} 项）", ""]
        lines += [f"{n}. {t}" for n, t in enumerate(unanswered_lines(data), start=1)]
    return "\n".join(lines) + "\n"


def render(result: Assessment | TableData, kind: str) -> bytes:
    """The table in one of csv, xlsx, md, docx."""
    from . import office

    if kind == "csv":
        return to_csv(result).encode("utf-8-sig")
    if kind in ("md", "markdown"):
        return to_markdown(result).encode("utf-8")
    if kind == "xlsx":
        return office.to_xlsx(data_of(result))
    if kind == "docx":
        return office.to_docx(data_of(result))
    raise ValueError(f"unknown export format {kind!r} (csv, xlsx, md, docx)")


def write(result: Assessment | TableData, path: str, kind: str | None = None) -> None:
    """Write ``result`` to ``path``; the format comes from ``kind`` or the file suffix."""
    data = render(result, (kind or path.rsplit(".", 1)[-1]).lower())
    with open(path, "wb") as fh:
        fh.write(data)
