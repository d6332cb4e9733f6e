"""Server-rendered SVG charts of series and comparisons: a line chart of targets and results over the years
(a missed year ringed), and horizontal paired bars of target and result per place. Colours and dashes are CSS
classes (places.css, duban.css's ``s-<status>``), never inline styles (CSP); every text is escaped."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from ..assess.explain import fmt
from ..records import STATUS_LABELS

FONT = 12


@dataclass
class Line:
    name: str
    values: dict[int, float]
    css: str  # line-target | line-result | line-path
    notes: dict[int, str] = field(default_factory=dict)  # a tooltip per year
    status: dict[int, str] = field(default_factory=dict)  # a point's status colour (results)
    missed: set[int] = field(default_factory=set)


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high]."""
    if math.isclose(low, high):
        low, high = low - 1, high + 1
    raw = (high - low) / max(1, count - 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    start = math.floor(low / step) * step
    ticks, t = [], start
    while t <= high + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    if ticks[-1] < high:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def _width(s: str) -> float:
    return sum(FONT if ord(c) > 0x2E80 else FONT * 0.6 for c in s)


def line_chart(years: list[int], lines: list[Line], title: str, unit: str = "", width: int = 760,
               height: int = 260) -> Markup:
    """Years on x, values on y; one polyline per line (broken where a year has no value)."""
    values = [v for ln in lines for v in ln.values.values() if v is not None]
    if not years or not values:
        return Markup(f'<p class="empty">{escape(title)}：暂无可画的数据</p>')
    left, right, top, bottom = 58, 16, 30, 30
    ticks = nice_ticks(min(values), max(values))
    lo, hi = ticks[0], ticks[-1]
    plot_w, plot_h = width - left - right, height - top - bottom
    span = max(1, len(years) - 1)

    def x(year: int) -> float:
        return left + (years.index(year) * plot_w / span if len(years) > 1 else plot_w / 2)

    def y(v: float) -> float:
        return top + plot_h - (v - lo) / (hi - lo) * plot_h

    parts = []
    for t in ticks:
        parts.append(f'<line class="grid" x1="{left}" x2="{width - right}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
                     f'<text class="tick" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{escape(fmt(t))}</text>')
    if lo < 0 < hi:
        parts.append(f'<line class="zero" x1="{left}" x2="{width - right}" y1="{y(0):.1f}" y2="{y(0):.1f}"/>')
    for yr in years:
        parts.append(f'<text class="tick" x="{x(yr):.1f}" y="{height - 10}" text-anchor="middle">{yr}</text>')
    lx = float(left)
    for ln in lines:
        parts.append(f'<line class="{escape(ln.css)}" x1="{lx:.0f}" x2="{lx + 22:.0f}" y1="12" y2="12"/>'
                     f'<text class="legend" x="{lx + 27:.0f}" y="16">{escape(ln.name)}</text>')
        lx += 40 + _width(ln.name)
    for ln in lines:
        run: list[str] = []
        for yr in years:
            v = ln.values.get(yr)
            if v is None:
                if len(run) > 1:
                    parts.append(f'<polyline class="{escape(ln.css)}" points="{" ".join(run)}"/>')
                run = []
                continue
            run.append(f"{x(yr):.1f},{y(v):.1f}")
        if len(run) > 1:
            parts.append(f'<polyline class="{escape(ln.css)}" points="{" ".join(run)}"/>')
        for yr in years:
            v = ln.values.get(yr)
            if v is None:
                continue
            status = ln.status.get(yr)
            cls = f"pt {ln.css}" + (f" s-{status}" if status else "") + (" pt-miss" if yr in ln.missed else "")
            tip = ln.notes.get(yr) or f"{yr}年 {ln.name}：{fmt(v)}{unit}"
            if status:
                tip += f"（{STATUS_LABELS.get(status, status)}）"
            r = 6 if yr in ln.missed else 4
            parts.append(f'<circle class="{escape(cls)}" cx="{x(yr):.1f}" cy="{y(v):.1f}" r="{r}">'
                         f'<title>{escape(tip)}</title></circle>')
    return Markup(f'<svg class="chart series-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
                  f'<title>{escape(title)}</title>' + "".join(parts) + "</svg>")


@dataclass
class PairBar:
    label: str
    target: float | None
    result: float | None
    status: str | None = None
    href: str | None = None
    note: str = ""


def pair_bars(bars: list[PairBar], title: str, unit: str = "", width: int = 760) -> Markup:
    """Per place a thin bar for the target and a thick one, coloured by status, for the result."""
    values = [v for b in bars for v in (b.target, b.result) if v is not None]
    if not bars or not values:
        return Markup(f'<p class="empty">{escape(title)}：暂无可画的数据</p>')
    label_w, value_w, row = 170, 90, 30
    plot_w = width - label_w - value_w
    lo, hi = min(0.0, *values), max(0.0, *values)
    if math.isclose(lo, hi):
        hi = lo + 1

    def x(v: float) -> float:
        return label_w + (v - lo) / (hi - lo) * plot_w

    parts = [f'<rect class="cmp-target" x="{label_w}" y="4" width="14" height="6"/>'
             f'<text class="legend" x="{label_w + 20}" y="11">目标</text>'
             f'<rect class="s-met" x="{label_w + 70}" y="2" width="14" height="10"/>'
             f'<text class="legend" x="{label_w + 90}" y="11">实际（颜色为结论）</text>']
    top = 22
    for n, b in enumerate(bars):
        y0 = top + n * row
        name = b.label if _width(b.label) <= label_w - 12 else b.label[:10] + "…"
        text = (f'<text class="label" x="{label_w - 8}" y="{y0 + 15}" text-anchor="end">'
                f'<title>{escape(b.label)}</title>{escape(name)}</text>')
        parts.append(f'<a href="{escape(b.href)}">{text}</a>' if b.href else text)
        if b.target is not None:
            a, c = sorted((x(0), x(b.target)))
            parts.append(f'<rect class="cmp-target" x="{a:.1f}" y="{y0 + 2}" width="{max(c - a, 1):.1f}" height="6">'
                         f'<title>{escape(f"{b.label} 目标 {fmt(b.target)}{unit}")}</title></rect>')
        if b.result is not None:
            a, c = sorted((x(0), x(b.result)))
            cls = f"s-{b.status}" if b.status else "s-unassessed"
            tip = f"{b.label} 实际 {fmt(b.result)}{unit}" + (f"（{STATUS_LABELS.get(b.status or '', '')}）" if b.status
                                                           else "") + (f" {b.note}" if b.note else "")
            parts.append(f'<rect class="{escape(cls)}" x="{a:.1f}" y="{y0 + 10}" width="{max(c - a, 1):.1f}" '
                         f'height="14"><title>{escape(tip)}</title></rect>')
        shown = " / ".join(f"{fmt(v)}" if v is not None else "—" for v in (b.target, b.result))
        parts.append(f'<text class="total" x="{width - 4}" y="{y0 + 18}" text-anchor="end">{escape(shown)}</text>')
    parts.append(f'<line class="zero" x1="{x(0):.1f}" x2="{x(0):.1f}" y1="{top - 2}" y2="{top + len(bars) * row}"/>')
    height = top + len(bars) * row + 6
    return Markup(f'<svg class="chart compare-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
                  f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}">'
                  f'<title>{escape(title)}</title>' + "".join(parts) + "</svg>")
