"""Charts and small pieces of HTML for the places pages, made from the same dicts the /api twins return."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..records import STATUS_LABELS
from .charts_series import Line, PairBar, line_chart, pair_bars


def _mid(t: dict) -> float:
    return t["value"] if t.get("value_high") is None else (t["value"] + t["value_high"]) / 2


def _unit(rows: list[dict]) -> str:
    for r in rows:
        if r.get("target"):
            return r["target"]["unit"]
    return ""


def series_chart(series: dict) -> Markup:
    """Target (dashed) and result (points coloured by status, missed years ringed) over the years."""
    rows = series["rows"]
    years = [r["year"] for r in rows]
    target = Line("目标", {r["year"]: _mid(r["target"]) for r in rows if r["target"]}, "line-target",
                  notes={r["year"]: f"{r['year']}年目标：{r['target']['figure']}" for r in rows if r["target"]})
    result = Line("实际", {r["year"]: r["result"]["value"] for r in rows if r["result"]}, "line-result",
                  notes={r["year"]: f"{r['year']}年实际：{r['result']['figure']}" for r in rows if r["result"]},
                  status={r["year"]: r["status"] for r in rows if r["result"] and r["target"]},
                  missed={r["year"] for r in rows if r["missed"]})
    unit = _unit(rows)
    return line_chart(years, [target, result], f"{series['label']}：目标与实际（{unit}）", unit)


def goal_chart(goal: dict) -> Markup:
    """A goal's even path against what each year achieved (levels, or the cumulative index as % change)."""
    p = goal["path"]
    years = [y["year"] for y in p["years"]]
    if p["kind"] in ("average", "change"):
        def pct(v: float | None) -> float | None:
            return None if v is None else round((v - 1) * 100, 4)
        path = Line("按目标均匀推进（累计%）", {y["year"]: pct(y["path"]) for y in p["years"] if y["path"] is not None},
                    "line-path")
        done = Line("实际累计（%）", {y["year"]: pct(y["to_date"]) for y in p["years"] if y["to_date"] is not None},
                    "line-result")
        return line_chart(years, [path, done], f"{goal['target']['metric_name']}：累计进度", "%", height=220)
    unit = goal["target"]["unit"] if p["kind"] != "total" else p["required_unit"]
    path = Line("目标路径", {y["year"]: y["path"] for y in p["years"] if y["path"] is not None}, "line-path")
    done = Line("实际" if p["kind"] == "level" else "实际累计",
                {y["year"]: (y["achieved"] if p["kind"] == "level" else y["to_date"])
                 for y in p["years"] if (y["achieved"] if p["kind"] == "level" else y["to_date"]) is not None},
                "line-result")
    return line_chart(years, [path, done], f"{goal['target']['metric_name']}：进度", unit, height=220)


def compare_chart(data: dict) -> Markup:
    bars = []
    for r in data["rows"][:60]:
        t, res = r["target"], r["result"]
        href = f"/places/{r['place']['id']}/metrics/{data['metric_id']}" + (
            f"?basis={data['basis']}" if data.get("basis") else "")
        bars.append(PairBar(r["place"]["label"], _mid(t) if t else None, res["value"] if res else None,
                            r["status"] if res and t else None, href))
    unit = next((r["target"]["unit"] for r in data["rows"] if r["target"]), "")
    return pair_bars(bars, f"{data['year']}年 {data['label']}：目标与实际（{unit}）", unit)


def cell(c: dict | None) -> Markup:
    """A year's cell in a place × year table: target, result and status."""
    if not c:
        return Markup('<span class="muted">—</span>')
    parts = []
    if c.get("target"):
        parts.append(f'<span class="cell-target" title="目标">{escape(c["target"])}</span>')
    if c.get("result"):
        parts.append(f'<span class="cell-result" title="实际">{escape(c["result"])}</span>')
    status = c.get("status") or "unassessed"
    if c.get("target"):
        parts.append(f'<span class="badge small b-{escape(status)}">{escape(STATUS_LABELS.get(status, status))}</span>')
    if c.get("move") in ("raised", "lowered", "dropped", "changed"):
        arrow = {"raised": "↑调高", "lowered": "↓调低", "dropped": "×不再列出", "changed": "口径变化"}[c["move"]]
        parts.append(f'<span class="move m-{escape(c["move"])}">{arrow}</span>')
    return Markup(f'<div class="pcell{" missed" if c.get("missed") else ""}">' + "".join(parts) + "</div>")


def row_cell(row: dict) -> dict:
    """A series row (YearRow JSON) as a cell."""
    t, res = row.get("target"), row.get("result")
    return {"target": t["figure"] if t else None, "result": res["figure"] if res else None, "status": row["status"],
            "missed": row["missed"], "move": row["move"]["kind"] if row.get("move") else None}


def source_link(source: dict | None, target_id: int | None = None) -> Markup:
    """Where a value was read: the quoted text, the document (or the target's page) and the span."""
    if not source:
        return Markup("")
    title = source.get("title") or source["document_id"]
    href = f"/targets/{target_id}" if target_id else f"/documents/{escape(source['document_id'])}"
    start, end = (int(x) for x in source["span"])
    return Markup(f'<span class="src"><q>{escape(source["quote"])}</q> <a href="{href}" title="{escape(title)}">'
                  f'{escape(_short(title))}</a> <small>[{start}–{end}]</small></span>')


def _short(title: str) -> str:
    return title if len(title) <= 18 else title[:17] + "…"


GLOBALS = {"pcell": cell, "row_cell": row_cell, "source_link": source_link}
