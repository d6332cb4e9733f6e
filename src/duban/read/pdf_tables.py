"""Tables in a PDF page → rows ``cell | cell |`` (the shape of the DOCX reader's rows).

Ruled tables: a grid of ≥3 vertical and ≥2 horizontal rules (crossing ones grouped); each band between
two horizontal rules is a row, the vertical rules crossing it its columns. A cell merged across columns is
written once; one merged down rows (no rule between) repeats its text on each row. A cell's lines are
joined as a paragraph's are. Tables without rules: see ``aligned_tables``.
"""

from __future__ import annotations

import bisect
import itertools
from statistics import median

from duban.read.pdf_lines import START, Char, Line, Page, glue, lines_of, pieces, table_row

_TOL = 2.0  # pt: rules meet, rows and columns coincide


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _TOL:
            out.append(v)
    return out


def _cell_text(chars: list[Char]) -> str:
    text, prev = "", None
    for line in lines_of(0, chars):
        if prev is None:
            text = line.text
        else:
            text += " " if START.match(line.text) else glue(text[-1], line.text[0], prev.spaced)
            text += line.text
        prev = line
    return text.replace("|", "｜")


def cut_row(prev: Line, ln: Line) -> bool:
    """Is ``ln``, the first row on a page, the rest of ``prev``, a row the page break cut? Its first cell is
    empty, that of ``prev`` is not, and it has text only in columns where ``prev`` has some."""
    a, b = prev.cells or [], ln.cells or []
    return len(a) == len(b) > 1 and bool(a[0]) and not b[0] and all(x for x, y in zip(a, b, strict=True) if y)


def grid_tables(page_no: int, page: Page) -> tuple[list[Line], list[Char]]:
    """Rows of ruled tables, and the characters outside them. A cell merged across rows (no rule between)
    repeats its text on each row; one merged across columns is written once."""
    hs, vs = page.hrules, page.vrules
    if len(hs) < 2 or len(vs) < 3:
        return [], page.chars
    parent = list(range(len(hs) + len(vs)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, (y, a, b) in enumerate(hs):
        for j, (x, c, d) in enumerate(vs):
            if a - _TOL <= x <= b + _TOL and c - _TOL <= y <= d + _TOL:
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    rows: list[Line] = []
    rest = page.chars
    for gh, gv in groups.values():
        if len(gh) < 2 or len(gv) < 3:
            continue
        ys = _cluster([h[0] for h in gh])
        box = (min(v[0] for v in gv) - _TOL, ys[0] - _TOL, max(v[0] for v in gv) + _TOL, ys[-1] + _TOL)
        inside = [c for c in rest if box[0] <= c.cx <= box[2] and box[1] <= c.cy <= box[3]]
        if not inside:
            continue
        bands: list[list[tuple[float, float, list[Char]]]] = []
        for i in range(len(ys) - 1):
            y0, y1 = ys[i], ys[i + 1]
            xs = _cluster([x for x, a, b in gv if a <= y0 + _TOL and b >= y1 - _TOL])
            band = []
            for xa, xb in itertools.pairwise(xs):
                xm = (xa + xb) / 2
                ruled = any(abs(y - y0) <= _TOL and a - _TOL <= xm <= b + _TOL for y, a, b in gh)
                above = next((c for c in bands[-1] if c[0] <= xm <= c[1]), None) if bands and i else None
                band.append(above if above is not None and not ruled else (xa, xb, []))
            bands.append(band)
        placed = set()
        for ch in inside:
            i = bisect.bisect(ys, ch.cy) - 1
            cell = next((c for c in bands[i] if c[0] <= ch.cx <= c[1]), None) if 0 <= i < len(bands) else None
            if cell is not None:
                cell[2].append(ch)
                placed.add(id(ch))
        size = median(c.size for c in inside)
        for i, band in enumerate(bands):
            cells = [_cell_text(c[2]) for c in band]
            if any(cells):
                rows.append(table_row(page_no, ys[i], cells, size))
        rest = [c for c in rest if id(c) not in placed]
    return rows, rest


def _gaps(cover: list[list[float]], width: float) -> list[tuple[float, float]]:
    return [(a[1], b[0]) for a, b in itertools.pairwise(cover) if b[0] - a[1] >= width]


def _covered(cover: list[list[float]], line: Line) -> list[list[float]]:
    """The x-intervals inked by ``cover`` and the line; a lone space counts as ink, a run of spaces does not."""
    chars = line.chars
    spans = [(a, b) for a, b in cover]
    for i, c in enumerate(chars):
        if c.c != " " or not ((i and chars[i - 1].c == " ") or (i + 1 < len(chars) and chars[i + 1].c == " ")):
            spans.append((c.x0, c.x1))
    out: list[list[float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 <= out[-1][1]:
            out[-1][1] = max(out[-1][1], x1)
        else:
            out.append([x0, x1])
    return out


def aligned_tables(lines: list[Line]) -> list[Line]:
    """Tables without rules. From a line of several segments, the following lines of the page are taken in
    while every blank column gap (≥0.4 em wide, found in all of them) survives; when ≥2 of the lines have
    text in ≥2 columns, they are a table. A line with nothing in the first column continues the row above."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        first = lines[i]
        if first.row or len(first.segs) < 2:
            out.append(first)
            i += 1
            continue
        width = 0.4 * first.size
        cover = _covered([], first)
        gaps = _gaps(cover, width)
        j = i + 1
        while j < len(lines) and lines[j].page == first.page and not lines[j].row:
            grown = _covered(cover, lines[j])
            new = _gaps(grown, width)
            if not all(any(a <= c and d <= b for c, d in new) for a, b in gaps):
                break
            cover, gaps, j = grown, new, j + 1
        cells = [_split(ln, gaps) for ln in lines[i:j]]
        markers = [row[0] for row in cells if row[0]]
        if sum(1 for row in cells if sum(1 for c in row if c) > 1) < 2 or all(map(START.fullmatch, markers)):
            # not a table; or a list whose numbers stand in a column of their own
            out.append(first)
            i += 1
            continue
        rows: list[tuple[Line, list[str]]] = []
        for ln, parts in zip(lines[i:j], cells, strict=True):
            if not rows or parts[0]:
                rows.append((ln, [""] * len(parts)))
            row = rows[-1][1]
            for k, text in enumerate(parts):
                if text:
                    row[k] += (glue(row[k][-1], text[0], False) if row[k] else "") + text
        out += [table_row(ln.page, ln.top, [c.replace("|", "｜") for c in row], ln.size) for ln, row in rows]
        i = j
    return out


def _split(line: Line, gaps: list[tuple[float, float]]) -> list[str]:
    """The line's text in each column between the gaps."""
    columns: list[list[Char]] = [[] for _ in range(len(gaps) + 1)]
    for ch in line.chars:
        columns[bisect.bisect([a for a, _ in gaps], ch.cx)].append(ch)
    return [" ".join(t for _, _, t in pieces(col)[0]) for col in columns]
