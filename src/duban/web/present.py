"""Turning store data into what the templates show: highlighted passages and full texts, the outline
tree, the dashboard's charts. Pure functions of the page data (the JSON twins return that data)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from urllib.parse import urlencode

from markupsafe import Markup, escape

from ..records import FLAG_LABELS, STATUS_LABELS, STATUSES
from . import charts, highlight
from .highlight import Span
from .labels import BASIS_LABELS, short_title

NO_SECTION = "（无章节）"


def ledger_link(**params) -> str:
    return "/ledger?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def view_link(filters: dict) -> Callable[..., str]:
    """Links to the ledger rows behind a part of a filtered dashboard: its filters, with ``changes``."""

    def link(**changes) -> str:
        return ledger_link(**{**filters, **changes})

    return link


# A ledger of thousands of documents must not render thousands of charts: the overview shows the documents
# with most targets, and the per-section breakdown only while few documents are in view (or one is selected).
CHART_DOCUMENTS = 40
TABLE_DOCUMENTS = 100
SECTION_BLOCKS = 20


def dashboard_view(data: dict) -> dict:
    """What the dashboard page draws: the documents chart and table (largest first when capped) and the
    per-section charts of at most SECTION_BLOCKS documents."""
    docs = data["documents"]
    link = view_link({k: v for k, v in (data.get("filters") or {}).items() if k != "document"})
    ranked = docs if len(docs) <= TABLE_DOCUMENTS else sorted(docs, key=lambda d: -d["total"])
    charted = sorted(ranked[:CHART_DOCUMENTS], key=lambda d: d["title"])
    doc_bars = [charts.Bar(short_title(d["title"]), d["counts"], key=d["id"], href=f"/?document={d['id']}",
                           full_label=d["title"]) for d in charted]
    out = {"documents": charts.stacked_bars(
        doc_bars, "各文件目标状态分布",
        lambda bar, code: link(document=bar.key, status=code)) if docs else None,
        "charted": len(charted), "table": ranked[:TABLE_DOCUMENTS], "sections": {},
        "section_docs": docs if len(docs) <= SECTION_BLOCKS else []}
    for d in out["section_docs"]:
        bars = [charts.Bar(s["title"], s["counts"], key=s["title"],
                           href=link(document=d["id"], section=None if s["title"] == NO_SECTION else s["title"]))
                for s in d["sections"]]
        out["sections"][d["id"]] = charts.stacked_bars(
            bars, f"{d['title']}：各章节目标状态分布",
            lambda bar, code, doc=d["id"]: link(
                document=doc, section=None if bar.key == NO_SECTION else bar.key, status=code))
    return out


def target_passages(detail: dict) -> dict:
    """The target's source passage and each verdict's evidence passage, highlighted."""
    return {
        "passage": highlight.passage(detail["passage"]),
        "evidence": [highlight.passage(v["item"]["passage"]) if v.get("item") and v["item"].get("passage") else None
                     for v in detail["verdicts"]],
    }


def _measurement_title(m: dict) -> str:
    flags = "、".join(FLAG_LABELS.get(f, f) for f in m.get("flags") or [])
    basis = BASIS_LABELS.get(m.get("basis"), m.get("basis") or "")
    return f"实绩：{m['metric']} {m['value']:g}{m['unit']}（{basis}）" + (f"；{flags}" if flags else "")


def document_text(detail: dict) -> Markup:
    """The full text with section headings anchored, targets marked (linking to their pages, coloured
    by status) and reported figures underlined."""
    spans: list[Span] = []
    for s in detail["sections"]:
        spans.append(Span(s["span"][0], s["span"][1], "strong", {"id": f"sec-{s['ordinal']}", "class": "sec-head"}))
    for start, end, *_ in detail.get("chrome") or []:
        spans.append(Span(start, end, "span", {"class": "chrome", "title": "网页杂项，不参与抽取"}))
    for t in detail["targets"]:
        title = f"{STATUS_LABELS.get(t['status'], t['status'])}" + (
            f"：{'；'.join(t['indicators'])}" if t["indicators"] else "")
        spans.append(Span(t["span"][0], t["span"][1], "mark",
                          {"id": f"t{t['id']}", "class": f"tgt st-{t['status']}", "title": title}))
        spans.append(Span(t["span"][0], t["span"][1], "a", {"href": f"/targets/{t['id']}"}))
    for m in detail["measurements"]:
        spans.append(Span(m["span"][0], m["span"][1], "u", {"class": "meas", "title": _measurement_title(m)}))
    return highlight.render(detail["text"], spans, squeeze=True)


def options(items: list[tuple[str, str]]) -> Markup:
    """``<option value=…>label</option>`` for (value, label) pairs, none selected (see ``select``)."""
    return Markup("".join(f'<option value="{escape(v)}">{escape(label)}</option>' for v, label in items))


def select(markup: Markup, value: str | None) -> Markup:
    """``options`` markup with the option of ``value`` selected (the markup is rendered once and shared)."""
    if not value:
        return markup
    needle = f'<option value="{escape(value)}">'
    return Markup(str(markup).replace(needle, needle[:-1] + " selected>", 1))  # (Markup.replace escapes)


def document_options(documents: list[dict]) -> Markup:
    """The ledger filter's document choices (a ledger may hold thousands of documents)."""
    return options([(d["id"], short_title(d["title"]) + (f"（{d['year']}）" if d["year"] else ""))
                    for d in documents])


def outline(detail: dict) -> list[dict]:
    """The sections as a tree; each node with its own targets and a count including its subsections."""
    nodes = {s["ordinal"]: {**s, "children": [], "targets": [], "count": 0} for s in detail["sections"]}
    roots: list[dict] = []
    for s in detail["sections"]:
        parent = nodes.get(s["parent"]) if s["parent"] is not None else None
        (parent["children"] if parent else roots).append(nodes[s["ordinal"]])
    ordered = sorted(detail["sections"], key=lambda s: s["span"][0])
    starts = [s["span"][0] for s in ordered]
    loose: list[dict] = []
    for t in detail["targets"]:
        i = bisect_right(starts, t["span"][0]) - 1  # the last heading at or before the target
        (nodes[ordered[i]["ordinal"]]["targets"] if i >= 0 else loose).append(t)

    def count(node: dict) -> int:
        node["count"] = len(node["targets"]) + sum(count(c) for c in node["children"])
        return node["count"]

    for r in roots:
        count(r)
    if loose:
        roots.insert(0, {"ordinal": None, "marker": "", "title": NO_SECTION, "children": [], "targets": loose,
                         "count": len(loose), "part": "other"})
    for node in [*nodes.values(), *roots[:1 if loose else 0]]:
        node["target_items"] = outline_items(node["targets"])
    return roots


def outline_items(targets: list[dict]) -> Markup:
    """A node's targets as the outline lists them (a status badge and the text's first 40 characters), built
    here rather than in the template: a document lists hundreds (the same markup Jinja's ``status_label``
    and ``truncate(40, true, "…")`` make, with its default leeway of 5)."""
    out = []
    for t in targets:
        label = highlight.escape_text(STATUS_LABELS.get(t["status"], t["status"] or ""))
        text = t["text"] if len(t["text"]) <= 45 else t["text"][:39] + "…"
        out.append(f'<li class="t"><span class="badge small b-{highlight.escape_text(t["status"])}" title="{label}">'
                   f'{label}</span> <a href="#t{t["id"]}">{highlight.escape_text(text)}</a></li>')
    return Markup("".join(out))


def status_counts(targets: list[dict]) -> dict[str, int]:
    """How many targets in each status, in the taxonomy's order."""
    out = {code: sum(1 for t in targets if t["status"] == code) for code in STATUSES}
    return {k: v for k, v in out.items() if v}
