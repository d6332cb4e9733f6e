"""Tables laid out with spaces (a 完成情况 table pasted from Word or a PDF as text):

    序号  考核指标              单位    工作目标     已完成数   占年任务之比   备注
    1     地区生产总值增长      %       6            5.8        96.7%
    3     城乡居民人均可支配    元      不低于60元   62         103.3%
          收入增长额
          其中：农村居民        元      不低于80元   85         106.3%

The header is a line whose cells (runs separated by two or more spaces, a tab or an ideographic space) name
at least three columns (序号/考核指标/单位/工作目标/已完成数 …). A row's cells are placed under the header
cell they start nearest to, by display column (a Chinese character is two columns wide). A line without a row
number that only continues the text columns (收入增长额) extends the row above; one with figures of its own
(其中：农村居民 …) is a sub-row. Cells are spans of the document text: nothing is rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..records import Span
from ..segment import Segmented

_CELL = re.compile(r"[^\s\u3000]+(?: [^\s\u3000]+)*")  # a run of text with single spaces inside
_NUMBERED = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})[.、．]?$")
_FIGURE = re.compile(r"\d")
_TEXT_ROLES = ("metric", "task", "note", "owner", "result")
_MAX_GAP_LINES = 2  # blank lines a table may hold before it is over


@dataclass
class WsRow:
    line: Span
    cells: dict[str, Span]
    number: str = ""
    more: dict[str, list[Span]] = field(default_factory=dict)  # continuation lines of text cells


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cells(text: str, start: int, end: int) -> list[tuple[int, Span]]:
    """(display column, span) of each cell of the line ``text[start:end]``."""
    line = text[start:end]
    return [(_width(line[:m.start()]), (start + m.start(), start + m.end())) for m in _CELL.finditer(line)]


def _lines(text: str) -> list[Span]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def whitespace_table(seg: Segmented, header_roles) -> tuple[list[str], list[WsRow]] | None:
    """The first space-aligned table of the document: its column roles and rows, or None."""
    text = seg.text
    lines = _lines(text)
    for i, (s, e) in enumerate(lines):
        cells = _cells(text, s, e)
        if len(cells) < 3:
            continue
        roles = header_roles([text[a:b] for _, (a, b) in cells])
        if roles is None or sum(not r.startswith("col") for r in roles) < 3:
            continue
        columns = [col for col, _ in cells]
        rows = _rows(text, lines[i + 1:], roles, columns, header_roles)
        if rows:
            return roles, rows
    return None


def _column(columns: list[int], col: int) -> int:
    """The header column a cell starting at display column ``col`` belongs to: the last one starting at or
    before it (with a little slack), else the first."""
    best = 0
    for k, c in enumerate(columns):
        if c <= col + 2:
            best = k
    return best


def _rows(text: str, lines: list[Span], roles: list[str], columns: list[int], header_roles) -> list[WsRow]:
    rows: list[WsRow] = []
    blank = 0
    for s, e in lines:
        cells = _cells(text, s, e)
        if not cells:
            blank += 1
            if blank > _MAX_GAP_LINES and rows:
                break
            continue
        blank = 0
        texts = [text[a:b] for _, (a, b) in cells]
        if header_roles(texts) is not None:
            continue  # the header again (a table over two pages)
        placed: dict[str, Span] = {}
        for col, span in cells:
            role = roles[_column(columns, col)]
            if role in placed:  # two cells under one header: they are one cell written with a gap
                placed[role] = (placed[role][0], span[1])
            else:
                placed[role] = span
        first = text[slice(*placed["row"])] if "row" in placed else ""
        numbered = bool(_NUMBERED.match(first.strip()))
        figures = any(_FIGURE.search(text[slice(*placed[r])]) for r in ("goal", "actual") if r in placed)
        if numbered or (figures and rows):
            rows.append(WsRow((s, e), {r: sp for r, sp in placed.items() if r != "row" or numbered},
                              first.strip() if numbered else ""))
        elif rows and all(r in _TEXT_ROLES for r in placed):
            for role, span in placed.items():  # 收入增长额: the cell above goes on
                rows[-1].more.setdefault(role, []).append(span)
        elif rows:
            break  # prose after the table
    return rows
