"""Server-side SVG charts: 100%-stacked horizontal bars, one per document or section, one colour per
status (the colours live in duban.css as classes ``s-<status>``), a legend, and the counts as text.
Everything interpolated is escaped; the SVG carries no scripts and no inline styles (CSP)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..records import STATUS_LABELS, STATUSES

FONT = 12
ROW = 24
BAR = 16
LABEL_W = 250
BAR_W = 600
TOTAL_W = 60
WIDTH = LABEL_W + BAR_W + TOTAL_W


@dataclass
class Bar:
    label: str
    counts: dict[str, int]
    key: str = ""  # what segment_href needs to build a link (a document id, a section title)
    href: str | None = None  # where the label links
    full_label: str | None = None  # shown on hover when the label is shortened

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _text_width(s: str) -> float:
    """Rough rendered width of ``s`` at FONT px: CJK and full-width characters are square, others half."""
    return sum(FONT if ord(c) > 0x2E80 else FONT * 0.6 for c in s)


def _shorten(s: str, width: float) -> str:
    if _text_width(s) <= width:
        return s
    out = ""
    for c in s:
        if _text_width(out + c + "…") > width:
            break
        out += c
    return out + "…"


def _legend(statuses: list[str], y: int) -> tuple[list[str], int]:
    parts, x = [], 0.0
    for code in statuses:
        label = STATUS_LABELS[code]
        w = 18 + _text_width(label) + 16
        if x + w > WIDTH:
            x, y = 0.0, y + 20
        parts.append(f'<rect class="s-{code}" x="{x:.0f}" y="{y}" width="12" height="12" rx="2"/>'
                     f'<text x="{x + 17:.0f}" y="{y + 11}">{escape(label)}</text>')
        x += w
    return parts, y + 20


def stacked_bars(bars: list[Bar], title: str, segment_href: Callable[[Bar, str], str] | None = None) -> Markup:
    """A chart of ``bars``; ``segment_href(bar, status)`` makes each coloured segment a link."""
    present = [s for s in STATUSES if any(b.counts.get(s) for b in bars)]
    parts, top = _legend(present, 0)
    top += 6
    for n, bar in enumerate(bars):
        y = top + n * ROW
        label = _shorten(bar.label, LABEL_W - 10)
        hover = bar.full_label or bar.label
        text = (f'<text class="label" x="{LABEL_W - 8}" y="{y + BAR - 4}" text-anchor="end">'
                f'<title>{escape(hover)}</title>{escape(label)}</text>')
        parts.append(f'<a href="{escape(bar.href)}">{text}</a>' if bar.href else text)
        x = float(LABEL_W)
        total = bar.total
        for code in present:
            count = bar.counts.get(code, 0)
            if not count:
                continue
            w = BAR_W * count / total
            share = f"{count / total:.0%}"
            seg = (f'<rect class="s-{code}" x="{x:.2f}" y="{y}" width="{max(w, 0.5):.2f}" height="{BAR}">'
                   f'<title>{escape(hover)} · {escape(STATUS_LABELS[code])}：{count}（{share}）</title></rect>')
            if w >= _text_width(str(count)) + 6:
                seg += (f'<text class="count c-{code}" x="{x + w / 2:.2f}" y="{y + BAR - 4}" '
                        f'text-anchor="middle">{count}</text>')
            if segment_href:
                seg = f'<a href="{escape(segment_href(bar, code))}">{seg}</a>'
            parts.append(seg)
            x += w
        if not total:
            parts.append(f'<rect class="empty" x="{LABEL_W}" y="{y}" width="{BAR_W}" height="{BAR}"/>')
        parts.append(f'<text class="total" x="{WIDTH - 4}" y="{y + BAR - 4}" text-anchor="end">{total}</text>')
    height = top + len(bars) * ROW + 4
    return Markup(f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
                  f'width="{WIDTH}" height="{height}" role="img" aria-label="{escape(title)}">'
                  f'<title>{escape(title)}</title>' + "".join(parts) + "</svg>")
