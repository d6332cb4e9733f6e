"""Headline targets and restated targets.

* **Headline**: the passage that sets the period's main targets (今年经济社会发展的主要预期目标是：…; 主要目标为;
  宏观调控的主要目标是; 经济增长速度的调控目标定为8%; 今年计划国内生产总值增长百分之九), through the end of its
  sentence and any list lines that continue it. A document that names no such passage (a five-year goals
  paragraph, a plan that lists its figures in the tasks) has as headline the targets of headline metrics
  of the vocabulary (GDP, CPI, jobs, unemployment, income, revenue, investment, energy intensity …).
* **Restated**: a report repeats its main figures in the explanation and in the task sections (提出7.5%左右
  的增长目标…, 城镇新增就业900万人以上). A target whose indicators are the same figures of the same metrics as an
  earlier target's is one target with several mentions, not a second commitment.
"""

from __future__ import annotations

import re

from ..lang.metrics import vocabulary
from ..records import Span, Target
from ..segment import Segmented

# (Every branch opens with a literal character, so that ``re`` skips to those characters in a sentence.)
_MARKER = re.compile(
    r"主要(?:预期)?目标(?:是|为|如下|：|:)|主要(?:预期性|约束性)?指标|宏观调控(?:的)?(?:主要)?(?:预期)?目标"
    r"|调控(?:的)?(?:主要)?(?:预期)?目标|预期目标(?:是|为)"
)
# Weaker wording (1990s reports: 今年计划国内生产总值增长百分之九; 经济增长预期为7%左右) marks a headline sentence
# only when it names a headline metric.
_WEAK_MARKER = re.compile(
    r"今年(?:的)?(?:国民经济)?计划|本年(?:的)?(?:国民经济)?计划|年度(?:的)?(?:国民经济)?计划|计划(?:增长|要求)|预期为|预计为"
)
_ANY_MARKER = re.compile(f"{_MARKER.pattern}|{_WEAK_MARKER.pattern}")
_LIST_LINE = re.compile(r"^\s*(?:——|--|[-•·]|[（(]?[一二三四五六七八九十\d]{1,2}[)）.、])")
_FIGURE = re.compile(r"\d|[一二三四五六七八九十百千万]")
_LIST_MAX = 80
_LIST_LINES = 20


def headline_spans(seg: Segmented) -> list[Span]:
    """Spans of the passages that set the main targets, in the plan parts of the document: from the end of
    a lead-in (…主要预期目标是：) or from the start of a sentence that names its targets as this year's plan
    (今年国民生产总值计划增长百分之八)."""
    sh = seg.shadow
    spans: list[Span] = []
    for sent in seg.sentences:
        if sent.is_heading or sent.past or seg.sentence_part(sent) not in ("plan", "multi_year"):
            continue
        if _ANY_MARKER.search(sh, *sent.span) is None:
            continue  # (most sentences: neither marker, found by one search)
        m = _MARKER.search(sh, *sent.span)
        start = m.end() if m else sent.span[0]
        if m is None:
            m = _WEAK_MARKER.search(sh, *sent.span)
            if m is None or not _names_headline_metric(sh[sent.span[0]:sent.span[1]]):
                continue
        if spans and spans[-1][0] <= m.start() < spans[-1][1]:
            continue
        end = sh.find("。", m.end())
        end = len(sh) if end < 0 else end
        line_end = sh.find("\n", m.end())
        if 0 <= line_end < end:  # a list over several lines: 主要预期目标是：⏎——地区生产总值增长6%左右；⏎…
            end = _list_end(sh, line_end)
        spans.append((start, end))
    return spans


def _names_headline_metric(text: str) -> bool:
    return any(d.headline for _s, _e, d in vocabulary().mentions(text))


def _list_end(sh: str, pos: int) -> int:
    """The end of the list that follows a line ending the lead-in (…主要预期目标是：⏎): the first paragraph
    after it whatever its length, then short lines that look like list items."""
    end = pos
    k = pos  # the last character before ``pos`` that is not whitespace (without copying the text before it)
    while k > 0 and sh[k - 1].isspace():
        k -= 1
    first = k > 0 and sh[k - 1] in "：:"
    kinds: set[str] = set()
    for _ in range(_LIST_LINES):
        nxt = sh.find("\n", pos + 1)
        nxt = len(sh) if nxt < 0 else nxt
        line = sh[pos + 1:nxt].strip()
        pos = nxt
        if not line:
            if pos >= len(sh):
                break
            continue
        if not first and (len(line) > _LIST_MAX or not (_LIST_LINE.match(line) or _FIGURE.search(line))):
            break
        kind = _marker_kind(line)
        if kind is not None:
            if kinds and kind not in kinds:
                break  # ——…；⏎——…。⏎（一）建设现代化产业体系: a numbered part after a dashed list starts the tasks
            kinds.add(kind)
        first = False
        end = nxt
        if line.endswith("。") and not _LIST_LINE.match(line):
            break
    return end


def _marker_kind(line: str) -> str | None:
    """How a list line is marked: a dash (——, -, •) or a number ((一), 1.), None when unmarked."""
    m = _LIST_LINE.match(line)
    if m is None:
        return None
    return "number" if re.search(r"[一二三四五六七八九十\d]", m.group()) else "dash"


def mark_tiers(seg: Segmented, targets: list[Target]) -> None:
    if seg.headline:
        for t in targets:
            if seg.headline_holds(t.span[0]):
                t.tier = "headline"
        return
    vocab = vocabulary()
    year = seg.doc.year
    for t in targets:
        if t.horizon not in (None, year) and seg.doc.kind != "five_year":
            continue
        if any(ind.metric_id and vocab.get(ind.metric_id).headline for ind in t.indicators):
            t.tier = "headline"


def _signature(t: Target) -> tuple | None:
    if not t.indicators:
        return None
    return tuple(sorted(
        (ind.metric_id or re.sub(r"\W", "", ind.metric), ind.op, ind.value, ind.value_high, ind.unit, ind.basis)
        for ind in t.indicators))


def merge_restated(targets: list[Target]) -> list[Target]:
    """Targets restated later in the report become mentions of the first (a headline one first)."""
    first: dict[tuple, Target] = {}
    # (a target without indicators has no signature: only the others are sorted and compared)
    for t in sorted((t for t in targets if t.indicators), key=lambda t: (t.tier != "headline", t.span)):
        sig = _signature(t)
        if sig is None or any(ind.metric_id is None and len(ind.metric) < 2 for ind in t.indicators):
            continue
        if sig in first and first[sig].horizon == t.horizon:
            first[sig].mentions.append(t.span)
            t.mentions = [(-1, -1)]  # marked for removal
        else:
            first.setdefault(sig, t)
    kept = [t for t in targets if t.mentions != [(-1, -1)]]
    for t in kept:
        t.mentions.sort()
    return kept
