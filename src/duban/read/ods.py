"""OpenDocument spreadsheets (.ods) → :class:`~duban.read.grid.Sheet` s, read from ``content.xml``.

ODS stores what each cell shows (``<text:p>63%</text:p>`` over ``office:value="0.63"``, a date as
``2024年3月1日``) and its spans (``table:number-rows-spanned`` / ``number-columns-spanned``), so
this reader takes the text as displayed and the merged ranges straight from the XML — calamine
gives neither for ODS. The XML is streamed (``iterparse``, entities never resolved); repeated
rows and cells (``number-rows-repeated``) are expanded only when they hold text, within a budget.
"""

from __future__ import annotations

import io
import zipfile
from bisect import bisect_right

import lxml.etree

from duban.read.archive import read_member
from duban.read.grid import Sheet, clean_cell

MAX_CELLS = 5_000_000
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_S = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_SKIP = {f"{_OFFICE}annotation", f"{_X}note", f"{_X}tracked-changes", f"{_X}bookmark-ref"}


class OdsError(ValueError):
    """The content is not a readable spreadsheet (the message says why)."""


def _int(value: str | None, default: int = 1, cap: int = 1 << 20) -> int:
    try:
        return max(1, min(int(value or default), cap))
    except ValueError:
        return default


def _para_text(p: lxml.etree._Element) -> str:
    parts: list[str] = [p.text or ""]
    for child in p:
        tag = child.tag
        if tag == f"{_X}s":
            parts.append(" " * _int(child.get(f"{_X}c"), cap=100))
        elif tag == f"{_X}tab":
            parts.append("\t")
        elif tag == f"{_X}line-break":
            parts.append("\n")
        elif isinstance(tag, str) and tag not in _SKIP:
            parts.append(_para_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cell_text(cell: lxml.etree._Element) -> str:
    lines = [_para_text(p) for p in cell if p.tag in (f"{_X}p", f"{_X}h")]
    if not lines:  # a value without display text (written by a program)
        value = cell.get(f"{_OFFICE}string-value") or cell.get(f"{_OFFICE}value") or ""
        lines = [value]
    return clean_cell("\n".join(lines))


class _Builder:
    def __init__(self, name: str, hidden: bool) -> None:
        self.name, self.hidden = name, hidden
        self.cells: dict[tuple[int, int], str] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.row = 0

    def add_row(self, row: lxml.etree._Element, budget: list[int]) -> None:
        repeat = _int(row.get(f"{_T}number-rows-repeated"))
        found: list[tuple[int, str, int, int]] = []  # (col, text, rows spanned, cols spanned)
        col = 0
        for cell in row:
            if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
                continue
            times = _int(cell.get(f"{_T}number-columns-repeated"))
            text = _cell_text(cell) if cell.tag == f"{_T}table-cell" else ""
            if text:
                rs, cs = _int(cell.get(f"{_T}number-rows-spanned")), _int(cell.get(f"{_T}number-columns-spanned"))
                found.extend((col + k, text, rs, cs) for k in range(times))
            col += times
        if found:
            budget[0] -= repeat * len(found)
            if budget[0] < 0:
                raise OdsError(f"more than {MAX_CELLS:,} filled cells")
            for r in range(self.row, self.row + repeat):
                for c, text, rs, cs in found:
                    self.cells[(r, c)] = text
                    if rs > 1 or cs > 1:
                        self.merges.append((r, c, r + rs - 1, c + cs - 1))
        self.row += repeat

    def sheet(self) -> Sheet:
        """A compact sheet: rows and columns without text are squeezed out, merges re-indexed."""
        rows = sorted({r for r, _ in self.cells})
        cols = sorted({c for _, c in self.cells})
        if len(rows) * len(cols) > MAX_CELLS:
            raise OdsError(f"sheet '{self.name}' spans {len(rows):,} rows × {len(cols):,} columns; too large")
        ri = {r: i for i, r in enumerate(rows)}
        ci = {c: j for j, c in enumerate(cols)}
        grid = [[""] * len(cols) for _ in rows]
        for (r, c), text in self.cells.items():
            grid[ri[r]][ci[c]] = text
        merges = []
        for r0, c0, r1, c1 in self.merges:
            merges.append((ri[r0], ci[c0], bisect_right(rows, r1) - 1, bisect_right(cols, c1) - 1))
        return Sheet(self.name, grid, merges)


def read_ods_sheets(data: bytes) -> list[tuple[Sheet, bool]]:
    """``(sheet, hidden)`` for each table; :class:`OdsError` when the package is not a spreadsheet."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content = read_member(archive, "content.xml", 200 * 1024 * 1024)
    except KeyError:
        raise OdsError("a zip archive without content.xml") from None
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
        raise OdsError("not a zip archive") from None
    hidden_styles: set[str] = set()
    out: list[tuple[Sheet, bool]] = []
    current: _Builder | None = None
    budget = [MAX_CELLS]
    events = lxml.etree.iterparse(
        io.BytesIO(content), events=("start", "end"), resolve_entities=False, no_network=True, huge_tree=False
    )
    try:
        for event, el in events:
            tag = el.tag
            if event == "start":
                if tag == f"{_T}table" and current is None:
                    name = el.get(f"{_T}name") or f"Sheet{len(out) + 1}"
                    current = _Builder(name, el.get(f"{_T}style-name") in hidden_styles)
                continue
            if tag == f"{_S}style" and el.get(f"{_S}family") == "table":
                props = el.find(f"{_S}table-properties")
                if props is not None and props.get(f"{_T}display") == "false":
                    hidden_styles.add(el.get(f"{_S}name") or "")
            elif tag == f"{_T}table-row" and current is not None:
                current.add_row(el, budget)
                el.clear()
            elif tag == f"{_T}table" and current is not None:
                out.append((current.sheet(), current.hidden))
                current = None
                el.clear()
    except lxml.etree.XMLSyntaxError as exc:
        raise OdsError(f"content.xml is not valid XML ({' '.join(str(exc).split())[:120]})") from None
    if not out and b"spreadsheet" not in content[:4096] and b"office:spreadsheet" not in content:
        raise OdsError("not a spreadsheet (no table in content.xml)")
    return out
