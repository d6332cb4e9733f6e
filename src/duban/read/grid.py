"""A spreadsheet grid (cell texts + merged ranges) → ``cell | cell | cell |`` lines.

Shared by the .xlsx/.xls/.ods/.csv readers (and the .doc reader's tables). The rules:

* fully empty rows and columns are dropped (judged on the cells' own text, not on merges);
* a merged range repeats its text in every cell it covers — a header merged across columns, a
  牵头单位 merged down ten rows — so each row stands on its own;
* a row whose only content is one cell spanning the table (a title, a section label like
  ``一、经济发展``), or one cell above the first or below the last real row (a title, ``单位：万元``,
  ``填表人：…``), is a plain line; so is every row of a one-column sheet;
* a continuation row — in a table numbered in its first column, a row with that cell empty (not
  merged) whose only content is text continuing text cells of the row above, everything else empty
  — is merged into the row above; a sub-row without a number but with figures of its own stays a
  row, and so does a row under a 序号 merged over several rows (a group of rows, not a wrap).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from duban.read.indicator_table import rewrite
from duban.read.meta import title_like

# A cell that is a figure: a number, a percentage, a date.
_FIGURE = re.compile(
    r"^[-+−]?(?:\d[\d,，]*(?:\.\d+)?|\.\d+)\s*[%％‰]?$|^\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?|月)?$"
)
# A numbering cell: 1  1.  1.2  一  一、  （一）  (1)  ①
_NUMBER = re.compile(
    r"^(?:\d+(?:[.．]\d+)*[.．、]?|[一二三四五六七八九十百]+[、.．]?|[（(][一二三四五六七八九十\d]+[)）]|[①-⑳])$"
)


@dataclass
class Sheet:
    """One sheet: cell texts (ragged rows allowed) and merged ranges ``(r0, c0, r1, c1)``, inclusive."""

    name: str
    rows: list[list[str]]
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_lines(parts: list[str]) -> str:
    """Join the lines of one cell: nothing between CJK text, a space between Latin words."""
    out = ""
    for part in parts:
        if not part:
            continue
        if out and not _wide(out[-1]) and not _wide(part[0]):
            out += " "
        out += part
    return out


def clean_cell(text: str) -> str:
    """Squeeze a cell's whitespace; its lines are joined with :func:`join_lines`; ``|`` becomes ``｜``."""
    if not text:
        return ""
    if text.isprintable() and "|" not in text and "  " not in text and text[0] != " " and text[-1] != " ":
        return text  # the common case: one line, nothing to squeeze (isprintable is False for \n, \t, \u3000)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").split("\n")
    return join_lines([" ".join(line.split()) for line in lines]).replace("|", "｜")


def is_figure(text: str) -> bool:
    return bool(_FIGURE.match(text))


class _Table:
    def __init__(self, sheet: Sheet) -> None:
        rows = sheet.rows
        self.keep_rows = [i for i, row in enumerate(rows) if any(row)]
        self.keep_cols = sorted({j for row in rows for j, cell in enumerate(row) if cell})
        cols = self.keep_cols
        self.grid = [[rows[i][j] if j < len(rows[i]) else "" for j in cols] for i in self.keep_rows]
        self.ncols = len(cols)
        self.covered: dict[tuple[int, int], tuple[int, int]] = {}
        self.span: dict[tuple[int, int], tuple[int, int]] = {}  # origin → (last row, last col), compacted
        budget = 2 * len(self.grid) * max(self.ncols, 1)
        for r0, c0, r1, c1 in sheet.merges:
            rows_in = range(bisect_left(self.keep_rows, r0), bisect_right(self.keep_rows, r1))
            cols_in = range(bisect_left(cols, c0), bisect_right(cols, c1))
            if not rows_in or not cols_in or (rows_in[0], cols_in[0]) != self._at(r0, c0):
                continue  # the origin is empty (dropped): nothing to repeat
            origin = (rows_in[0], cols_in[0])
            if not self.grid[origin[0]][origin[1]]:
                continue
            budget -= len(rows_in) * len(cols_in)
            if budget < 0:
                break  # overlapping ranges beyond all reason: keep what we have
            self.span[origin] = (rows_in[-1], cols_in[-1])
            for r in rows_in:
                for c in cols_in:
                    if (r, c) != origin and not self.grid[r][c]:
                        self.covered.setdefault((r, c), origin)

    def _at(self, r: int, c: int) -> tuple[int, int] | None:
        i, j = bisect_left(self.keep_rows, r), bisect_left(self.keep_cols, c)
        if i < len(self.keep_rows) and self.keep_rows[i] == r and j < len(self.keep_cols) and self.keep_cols[j] == c:
            return i, j
        return None

    def origins(self, r: int) -> set[tuple[int, int]]:
        found = {(r, c) for c in range(self.ncols) if self.grid[r][c]}
        found |= {self.covered[(r, c)] for c in range(self.ncols) if (r, c) in self.covered}
        return found

    def single(self, r: int) -> bool:
        """The row shows one cell (possibly merged across columns)."""
        return len(self.origins(r)) == 1

    def spans_all(self, r: int) -> bool:
        (r0, c0) = next(iter(self.origins(r)))
        return c0 == 0 and self.span.get((r0, c0), (r0, c0))[1] == self.ncols - 1

    def numbered(self, rows: list[int]) -> bool:
        """The first column numbers these rows (``序号``: 1, 2, 一、, （三）…), its header aside."""
        values = [self.grid[r][0] for r in rows if self.grid[r][0]]
        return len(values) >= 2 and sum(bool(_NUMBER.match(v)) for v in values) >= 0.6 * len(values)

    def continues(self, r: int, p: int, texts: list[list[str]]) -> bool:
        """Row ``r`` only continues text cells of row ``p`` (the row above it in the output)."""
        row = self.grid[r]
        if row[0] or (r, 0) in self.covered:  # numbered, or inside a merged 序号: a row of its own
            return False
        filled = [c for c in range(self.ncols) if row[c]]
        if not filled:
            return False
        for c in filled:
            if is_figure(row[c]) or self.span.get((r, c), (r, c))[0] != r:
                return False
            if (p, c) in self.covered or not texts[p][c] or is_figure(texts[p][c]):
                return False
        return True


def render(sheet: Sheet) -> tuple[list[str], str | None]:
    """The sheet's lines and a title hint (a title row at the top), or ``([], None)`` if empty."""
    table = _Table(sheet)
    if not table.grid or not table.ncols:
        return [], None
    texts = [list(row) for row in table.grid]
    single = [table.ncols == 1 or table.single(r) for r in range(len(texts))]
    real = [r for r in range(len(texts)) if not single[r]]
    first, last = (real[0], real[-1]) if real else (len(texts), len(texts))
    plain = {r for r in range(len(texts)) if single[r] and (r < first or table.ncols == 1 or table.spans_all(r))}
    kept: list[int] = []
    numbered = table.numbered(real)
    for r in range(len(texts)):
        p = kept[-1] if kept else None
        if r not in plain and numbered and p is not None and p not in plain and table.continues(r, p, texts):
            for c in range(table.ncols):
                if table.grid[r][c]:
                    texts[p][c] = join_lines([texts[p][c], table.grid[r][c]])
            continue
        if single[r] and r > last:  # a note below the table
            plain.add(r)
        kept.append(r)
    lines: list[str] = []
    heads: list[str] = []  # plain rows above the first real row
    rows = [[texts[r][c] or _origin_text(table, texts, r, c) for c in range(table.ncols)] for r in kept]
    body = [i for i, r in enumerate(kept) if r not in plain]
    # a table of indicators (name | unit | target [| achieved]) is written as the sentences it stands for
    rewritten = rewrite(rows[body[0]], [rows[i] for i in body[1:]]) if len(body) >= 2 else None
    for i, r in enumerate(kept):
        cells = rows[i]
        if r in plain:
            lines.append(next(c for c in cells if c))
            if len(heads) == len(lines) - 1 and table.ncols > 1:
                heads.append(lines[-1])
        elif rewritten is not None:
            if i == body[0]:
                lines.extend(rewritten)  # (the header and every row, in the rows' order)
        else:
            lines.append("".join(f"{c} | " for c in cells).rstrip())
    title = next((h for h in heads if title_like(h, max_len=80)), None)
    return lines, title


def _origin_text(table: _Table, texts: list[list[str]], r: int, c: int) -> str:
    origin = table.covered.get((r, c))
    return texts[origin[0]][origin[1]] if origin else ""
