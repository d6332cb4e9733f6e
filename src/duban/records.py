"""Typed records that flow between the pipeline stages.

read → segment → extract → link → assess → store → present.

Every span is a pair of Python string offsets into the owning document's decoded
``text`` so that ``text[s:e]`` reproduces the quoted text exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]

DocKind = Literal[
    "work_report",
    "work_plan",
    "completion_report",
    "progress_report",
    "task_breakdown",
    "five_year",
    "unknown",
]
DOC_KINDS: tuple[str, ...] = (
    "work_report",
    "work_plan",
    "completion_report",
    "progress_report",
    "task_breakdown",
    "five_year",
    "unknown",
)

Op = Literal[">=", "<=", "~", "=", "range"]
Basis = Literal["growth_rate", "level", "increment", "cumulative", "share", "count"]
# Which part of a document a section belongs to.
Part = Literal["review", "plan", "multi_year", "other"]

STATUSES: tuple[str, ...] = (
    "exceeded",
    "met",
    "done",
    "basically_met",
    "partially_met",
    "in_progress",
    "not_met",
    "activity_only",
    "no_evidence",
    "unassessed",
)
STATUS_LABELS: dict[str, str] = {
    "exceeded": "超额完成",
    "met": "完成",
    "done": "已完成",
    "basically_met": "基本完成",
    "partially_met": "部分完成",
    "in_progress": "推进中",
    "not_met": "未完成",
    "activity_only": "仅列举工作",
    "no_evidence": "未见完成情况",
    "unassessed": "未评估",
}
FLAGS: tuple[str, ...] = (
    "basis_mismatch",
    "estimate",
    "partial_period",
    "unreported_part",
    "claim_without_figure",
    "cumulative",
    "applied",
    "ratio_mismatch",
    "implausible_figure",
    "ratio_only",
)
FLAG_LABELS: dict[str, str] = {
    "basis_mismatch": "口径不符",
    "estimate": "预计数",
    "partial_period": "非全年数据",
    "unreported_part": "部分内容未报告",
    "claim_without_figure": "称完成但无数据",
    "cumulative": "累计数",
    "applied": "申报/推荐而非结果",
    "started": "开工数而非完成数",
    "ratio_mismatch": "完成比例与数字不符",
    "implausible_figure": "数字与目标相差悬殊",
    "ratio_only": "仅报完成比例",
}

KIND_LABELS: dict[str, str] = {
    "work_report": "政府工作报告", "work_plan": "工作计划", "completion_report": "完成情况报告",
    "progress_report": "进展报告", "task_breakdown": "分解方案", "five_year": "五年规划", "unknown": "未识别",
}
TARGET_KIND_LABELS: dict[str, str] = {"quantitative": "量化", "qualitative": "定性"}
TIER_LABELS: dict[str, str] = {"headline": "主要指标", "task": "工作任务"}
BASIS_LABELS: dict[str, str] = {"growth_rate": "增速", "level": "总量", "increment": "新增", "cumulative": "累计",
                                "share": "占比", "count": "数量"}
OP_LABELS: dict[str, str] = {">=": "不低于", "<=": "不超过", "~": "左右", "=": "等于", "range": "区间"}
DIRECTION_LABELS: dict[str, str] = {"output": "越多越好", "ceiling": "不超过即达标", "reduction": "降幅越大越好",
                                    "floor": "不低于即达标", "band": "接近目标为宜"}


@dataclass(slots=True)
class Document:
    """A decoded document. ``text`` is what every span points into."""

    text: str
    path: str | None = None
    sha256: str = ""
    source_format: str = "txt"  # txt | html | docx | pdf
    encoding: str | None = None
    title: str | None = None
    jurisdiction: str | None = None
    year: int | None = None
    kind: str = "unknown"
    # Spans of page chrome, navigation, ads and scraper junk: kept in ``text`` (offsets
    # stay true to the decoded file) but never segmented or extracted.
    chrome: list[Span] = field(default_factory=list)

    @property
    def id(self) -> str:
        return self.sha256[:16]

    def summary(self) -> dict:
        return {
            "path": self.path,
            "title": self.title,
            "jurisdiction": self.jurisdiction,
            "year": self.year,
            "kind": self.kind,
            "chars": len(self.text),
        }


@dataclass(slots=True)
class Section:
    """An outline node: 一、 / （一） / 1. / （1） / a bold lead sentence."""

    id: int
    level: int
    marker: str  # "一、", "（一）", "1.", "" for lead sentences
    title: str
    span: Span  # the heading itself
    body: Span  # heading through the end of the section
    parent: int | None
    part: str = "other"  # Part
    horizon: int | None = None  # year the section's goals are due


@dataclass(slots=True)
class Sentence:
    span: Span
    section: int | None  # innermost Section.id
    is_heading: bool = False
    past: bool = False  # reports last year's results inside a plan part (过去一年，…国内生产总值增长10.3%)
    present: bool = False  # plans this year inside a review part (…回顾和1994年工作的基本方针: 今年…)


@dataclass(slots=True)
class Quantity:
    """A figure as written: the raw material of indicators and measurements."""

    value: float
    unit: str  # as written, scale included: 万千瓦, 亿元, %, 个百分点
    span: Span  # comparator prefix … number … unit … comparator suffix
    number_span: Span
    op: str = "="  # Op
    value_high: float | None = None
    norm_value: float | None = None
    base_unit: str | None = None
    approx: str | None = None  # 余 / 多 / 近 / 约 when the figure is blurred


@dataclass(slots=True)
class Indicator:
    metric: str
    op: str
    value: float
    unit: str
    basis: str
    span: Span
    value_high: float | None = None
    norm_value: float | None = None
    base_unit: str | None = None
    hedge: str | None = None
    metric_span: Span | None = None
    negative: bool = False  # 下降/降低/减少: the change is downward
    metric_id: str | None = None  # canonical indicator of the metric vocabulary (lang/metrics.toml)
    direction: str | None = None  # output | ceiling | reduction | floor | band (how the figure is judged)
    stage: str | None = None  # building stage its clause names: start (新开工) | finish (基本建成) (lang/scope.py)

    def to_json(self) -> dict:
        return {
            "metric": self.metric,
            "metric_id": self.metric_id,
            "direction": self.direction,
            "op": self.op,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "norm_value": self.norm_value,
            "base_unit": self.base_unit,
            "basis": self.basis,
            "hedge": self.hedge,
            "span": list(self.span),
        }


@dataclass(slots=True)
class Target:
    id: str
    text: str
    span: Span
    section: list[str]  # section path, outermost first
    section_id: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    horizon: int | None = None
    hedge: str | None = None
    domain: str | None = None
    responsible: list[str] = field(default_factory=list)
    deadline: str | None = None
    tier: str = "task"  # headline (the 主要预期目标 passage, a headline indicator) | task
    mentions: list[Span] = field(default_factory=list)  # later places where the report restates this target

    @property
    def kind(self) -> str:
        return "quantitative" if self.indicators else "qualitative"

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "span": list(self.span),
            "section": " / ".join(self.section),
            "section_path": self.section,
            "kind": self.kind,
            "horizon": self.horizon,
            "hedge": self.hedge,
            "domain": self.domain,
            "tier": self.tier,
            "mentions": [list(m) for m in self.mentions],
            "responsible": list(self.responsible),
            "deadline": self.deadline,
            "indicators": [i.to_json() for i in self.indicators],
        }


@dataclass(slots=True)
class Measurement:
    """A figure reported as achieved. ``text`` == document.text[span]."""

    metric: str
    value: float
    unit: str
    basis: str
    text: str
    span: Span
    value_span: Span
    op: str = "="
    value_high: float | None = None
    norm_value: float | None = None
    base_unit: str | None = None
    flags: list[str] = field(default_factory=list)
    negative: bool = False
    metric_span: Span | None = None
    section: list[str] = field(default_factory=list)
    sentence: Span | None = None  # the sentence the figure stands in (context for matching)
    metric_id: str | None = None  # canonical indicator (lang/metrics.toml)
    year: int | None = None  # the year the figure is for, when the text says or implies it (去年, 2013年)
    verb: str = ""  # the verb written before the figure ('' when it carries over from the list it is in)
    stage: str | None = None  # building stage its clause names: start (新开工) | finish (基本建成) (lang/scope.py)

    def to_json(self) -> dict:
        return {
            "metric": self.metric,
            "metric_id": self.metric_id,
            "year": self.year,
            "op": self.op,
            "value": self.value,
            "value_high": self.value_high,
            "unit": self.unit,
            "norm_value": self.norm_value,
            "base_unit": self.base_unit,
            "basis": self.basis,
            "text": self.text,
            "span": list(self.span),
            "value_span": list(self.value_span),
            "flags": list(self.flags),
        }


@dataclass(slots=True)
class Extraction:
    """What ``duban extract`` produces for one document."""

    document: Document
    sections: list[Section]
    targets: list[Target]
    measurements: list[Measurement]

    def to_json(self) -> dict:
        return {
            "document": self.document.summary(),
            "targets": [t.to_json() for t in self.targets],
            "measurements": [m.to_json() for m in self.measurements],
        }

