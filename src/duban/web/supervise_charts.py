"""The scorecard chart: one 100%-stacked bar per unit, a segment per light bucket (CSS classes ``l-<bucket>`` in
supervise.css), the counts written in, the on-time reporting rate at the end. Server-rendered SVG, everything
escaped, no script and no inline style (CSP)."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..store.supervision_scores import COLUMN_LABELS, COLUMNS
from .charts import _shorten, _text_width

ROW, BAR, LABEL_W, BAR_W, TAIL_W = 24, 16, 170, 560, 110
WIDTH = LABEL_W + BAR_W + TAIL_W


def scorecard_chart(data: dict) -> Markup:
    cards = data["cards"][:60]
    parts, x = [], 0.0
    for code in COLUMNS:  # legend
        label = COLUMN_LABELS[code]
        parts.append(f'<rect class="l-{code}" x="{x:.0f}" y="0" width="12" height="12" rx="2"/>'
                     f'<text x="{x + 17:.0f}" y="11">{escape(label)}</text>')
        x += 34 + _text_width(label)
    parts.append(f'<text x="{WIDTH - 4}" y="11" text-anchor="end">按时报送率</text>')
    top = 26
    for n, card in enumerate(cards):
        y = top + n * ROW
        parts.append(f'<text class="label" x="{LABEL_W - 8}" y="{y + BAR - 4}" text-anchor="end">'
                     f'<title>{escape(card["unit"])}</title>{escape(_shorten(card["unit"], LABEL_W - 12))}</text>')
        total, x = card["tasks"] or 1, float(LABEL_W)
        for code in COLUMNS:
            count = card[code]
            if not count:
                continue
            w = BAR_W * count / total
            parts.append(f'<rect class="l-{code}" x="{x:.2f}" y="{y}" width="{w:.2f}" height="{BAR}">'
                         f'<title>{escape(card["unit"])} · {escape(COLUMN_LABELS[code])}：{count}</title></rect>')
            if w >= 14:
                parts.append(f'<text class="count" x="{x + w / 2:.2f}" y="{y + BAR - 4}" text-anchor="middle">'
                             f'{count}</text>')
            x += w
        rate = card["on_time_rate"]
        shown = "—" if rate is None else f"{rate:.0%}（{card['on_time']}/{card['owed']}）"
        parts.append(f'<text class="total" x="{WIDTH - 4}" y="{y + BAR - 4}" text-anchor="end">{escape(shown)}</text>')
    height = top + len(cards) * ROW + 4
    return Markup(f'<svg class="chart scorecard" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
                  f'width="{WIDTH}" height="{height}" role="img" aria-label="各单位任务亮灯与按时报送">'
                  f'<title>各单位任务亮灯与按时报送</title>' + "".join(parts) + "</svg>")
