"""Lines → text: the layout half of the PDF reader (no PDF library here).

Per page, ruled tables become rows and the other characters lines (``pdf_tables``, ``pdf_lines``). Over the
document: page numbers and running headers/footers are dropped, tables without rules become rows, and
lines are re-flowed into paragraphs. A line continues into the next when it runs to the right margin —
when the next line's first unbreakable piece would not have fitted after it — unless the next line starts
a block: it is indented (but not a list item's wrapped line hanging under its text), numbered or a heading
(一、 （一） 1. (1) 第X章), set in another font size, or after a blank gap; a centred or right-aligned line
stands alone. The margins are those of the document's pages of the same width (the left one where most
lines start). Text drawn with a fixed count of characters a line (ragged edges, the count shared by many
lines) is re-flowed by that count. A paragraph goes on over a page break the same way; so does a table row
cut by one, and a header row repeated at the top of the next page is dropped.
Output: one paragraph or table row a line.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from statistics import median

from duban.read.pdf_lines import START, Line, Page, glue, lines_of, table_row
from duban.read.pdf_tables import aligned_tables, cut_row, grid_tables

_PAGE_NO = re.compile(
    r"[-—–－~·]+\d{1,4}[-—–－~·]+|第\d{1,4}页(?:[,，/]?共\d{1,4}页)?|共\d{1,4}页第\d{1,4}页|\d{1,4}/\d{1,4}"
    r"|(?:page|p\.?)\d{1,4}(?:(?:of|/)\d{1,4})?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class _Geometry:
    left: float
    right: float | None
    pitch: float  # usual baseline distance, in font sizes
    count: int | None  # characters of a full line, for text wrapped by count


def _drop_chrome(pages: list[Page], per_page: list[list[Line]]) -> list[list[Line]]:
    """Without page numbers (the first or last line of a page) and running headers and footers (the same
    text, digits aside, at the same height in the top or bottom 12% of ≥40% of the pages, ≥2)."""
    drop: set[int] = set()
    seen: dict[tuple[str, str], list[tuple[int, float, int]]] = {}
    for p, lines in enumerate(per_page):
        text_lines = [ln for ln in lines if not ln.row]
        if not text_lines:
            continue
        h = pages[p].height
        ends = (id(text_lines[0]), id(text_lines[-1]))
        for ln in {id(ln): ln for ln in text_lines[:2] + text_lines[-2:]}.values():
            zone = "top" if ln.top < 0.12 * h else "bottom" if ln.top > 0.88 * h else ""
            flat = "".join(ln.text.split())
            if id(ln) in ends and (_PAGE_NO.fullmatch(flat) or (zone and re.fullmatch(r"\d{1,4}", flat))):
                drop.add(id(ln))
            elif zone:
                where = ln.top if zone == "top" else h - ln.top
                seen.setdefault((zone, re.sub(r"\d+", "#", flat)), []).append((p, where, id(ln)))
    for hits in seen.values():
        mid = median(where for _, where, _ in hits)
        near = [(p, key) for p, where, key in hits if abs(where - mid) <= 6]
        if len({p for p, _ in near}) >= max(2, 0.4 * len(pages)):
            drop.update(key for _, key in near)
    return [[ln for ln in lines if id(ln) not in drop] for lines in per_page]


def _supported(values: list[float], tol: float) -> float | None:
    """The first value (in the given order) that another value lies within ``tol`` of."""
    for i, v in enumerate(values):
        if (i > 0 and abs(values[i - 1] - v) <= tol) or (i + 1 < len(values) and abs(values[i + 1] - v) <= tol):
            return v
    return None


def _geometry(pages: list[Page], lines: list[Line]) -> dict[int, _Geometry]:
    """Margins, line pitch and the count-wrap width, shared by the pages of one width."""
    by_width: dict[int, set[int]] = {}
    for p, page in enumerate(pages):
        by_width.setdefault(round(page.width), set()).add(p)
    geo: dict[int, _Geometry] = {}
    for width, group in by_width.items():
        prose = [ln for ln in lines if ln.page in group and not ln.row]
        if not prose:
            geo.update((p, _Geometry(0.0, None, 1.5, None)) for p in group)
            continue
        em = median(ln.size for ln in prose)
        runs: list[list[float]] = []  # the left margin: where most lines start (headings may stand out)
        for x in sorted(ln.x0 for ln in prose):
            if runs and x - runs[-1][-1] <= em / 2:
                runs[-1].append(x)
            else:
                runs.append([x])
        left = max(runs, key=len)[0]
        ends = sorted((ln.x1 for ln in prose), reverse=True)
        right = _supported(ends, em / 2)  # where two lines or more end: else the longest, near a mirrored margin
        right = right or (ends[0] if ends[0] >= width - left - 2 * em else None)
        if right is not None and right - left < 0.45 * width:
            right = None  # no line reaches across the page: nothing to tell wraps by
        pitches = [
            (b.top - a.top) / a.size
            for a, b in itertools.pairwise(prose)
            if a.page == b.page and abs(a.size - b.size) < 0.1 * a.size and 0 < b.top - a.top < 3 * a.size
        ]
        most = max(ln.count for ln in prose)
        full = [ln.x1 for ln in prose if ln.count == most]
        count = most if len(full) >= 3 and len(full) >= 0.3 * len(prose) and max(full) - min(full) > 2.5 * em else None
        for p in group:
            geo[p] = _Geometry(left, right, median(pitches) if pitches else 1.5, count)
    return geo


def _starts(prev: Line, ln: Line, geo: dict[int, _Geometry], hang: float | None) -> bool:
    """Does ``ln`` begin a new paragraph after ``prev``? ``hang``: where the paragraph's list text hangs."""
    gp, gl = geo[prev.page], geo[ln.page]
    if prev.row or ln.row or abs(ln.size - prev.size) > 0.12 * max(ln.size, prev.size):
        return True
    if ln.page == prev.page and ln.top - prev.top > 1.4 * gp.pitch * prev.size:
        return True  # a blank gap
    if START.match(ln.text):
        return True  # numbered, a heading
    hanging = hang is not None and abs(ln.x0 - hang) <= 0.3 * ln.size  # a list item's wrapped line
    if not hanging and (ln.x0 - gl.left > 0.8 * ln.size or prev.x0 - gp.left > 3.5 * prev.size):
        return True  # indented; after a centred or right-aligned line
    if gp.count:
        return prev.count < gp.count
    return gp.right is None or gp.right - prev.x1 >= ln.lead + 0.3 * prev.size


def reflow(pages: list[Page]) -> str:
    """The text of the pages: one paragraph or table row a line."""
    per_page = []
    for p, page in enumerate(pages):
        rows, rest = grid_tables(p, page)
        per_page.append(sorted(rows + lines_of(p, rest), key=lambda ln: ln.top))
    lines = [ln for page_lines in _drop_chrome(pages, per_page) for ln in aligned_tables(page_lines)]
    geo = _geometry(pages, lines)
    out: list[str] = []
    prev: Line | None = None
    hang: float | None = None
    head = ""  # the first row of the table being read: repeated at the top of its later pages
    for ln in lines:
        if ln.row and prev is not None and prev.row and ln.page != prev.page:
            if ln.text == head:
                continue
            if cut_row(prev, ln):
                glued = [a + (glue(a[-1], b[0], False) if a and b else "") + b
                         for a, b in zip(prev.cells or [], ln.cells or [], strict=True)]
                prev = table_row(prev.page, prev.top, glued, prev.size)
                out[-1] = prev.text
                continue
        if ln.row and not (prev and prev.row):
            head = ln.text
        if prev is None or _starts(prev, ln, geo, hang):
            out.append(ln.text)
            hang = ln.hang
        else:
            sep = " " if prev.spaced else "" if geo[prev.page].count else glue(out[-1][-1], ln.text[0], False)
            out[-1] += sep + ln.text
        prev = ln
    return "\n".join(out)
