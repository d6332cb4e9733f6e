"""What calamine does not tell about an .xlsx/.xlsm: each sheet's extent, hidden state and display formats.

One regular-expression pass over each worksheet's XML (no tree is built) finds

* the extent of the cells that hold a value, so that a tiny file declaring a cell at XFD1048576 is
  refused before calamine allocates the full rectangle (it aborts the process when it cannot);
* the cells whose number format is a percentage (``0.63`` shown as ``63%``) or a Chinese date
  (``2024年3月1日``), from ``xl/styles.xml``.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field

import lxml.etree

from duban.read.archive import read_member

MAX_CELLS = 5_000_000  # a sheet's bounding rectangle, as calamine allocates it
_PART_CAP = 200 * 1024 * 1024
_SAFE = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
# Cells as Excel, LibreOffice, WPS and openpyxl write them: r="B7" first (then maybe s="3").
_WITH_REF = re.compile(rb"<(?:\w+:)?c\s+r=\"")
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_VALUED = re.compile(rb"<(?:\w+:)?c\s+r=\"([A-Z]{1,3})(\d{1,7})\"[^>]*?(?<!/)>")
_ATTR = re.compile(rb"\b(r|s)=\"([^\"]*)\"")
_REF = re.compile(rb"^([A-Z]{1,3})(\d{1,7})$")
# Built-in number formats: 9/10 are percentages; in the zh-CN locale 27–36 and 50–58 are 年/月/日 dates.
_BUILTIN: dict[int, str] = {9: "pct0", 10: "pct2", 31: "ymd"}
_BUILTIN.update(dict.fromkeys((27, 36, 50, 52, 57), "ym"))
_BUILTIN.update(dict.fromkeys((28, 29, 51, 53, 54, 58), "md"))


@dataclass
class SheetScan:
    """One worksheet: the extent of its valued cells (0-based, inclusive) and its formatted cells."""

    name: str
    hidden: bool = False
    extent: tuple[int, int, int, int] | None = None  # (first row, first col, last row, last col)
    formats: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col) → pctN / ymd / ym / md

    @property
    def cells(self) -> int:
        if self.extent is None:
            return 0
        r0, c0, r1, c1 = self.extent
        return (r1 - r0 + 1) * (c1 - c0 + 1)


def format_kind(code: str) -> str:
    """``pctN`` (a percentage with N decimals), ``ymd``/``ym``/``md`` (a 年月日 date), or ``""``."""
    section = code.split(";")[0]
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    if "%" in bare:
        decimals = re.search(r"\.([0#?]+)", bare.split("%")[0])
        return f"pct{len(decimals.group(1)) if decimals else 0}"
    lower = bare.lower()
    if "年" in section and "y" in lower:
        return "ymd" if "d" in lower else "ym"
    if "月" in section and "日" in section and "d" in lower and "y" not in lower:
        return "md"
    return ""


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _xml(archive: zipfile.ZipFile, name: str) -> lxml.etree._Element | None:
    try:
        return lxml.etree.fromstring(read_member(archive, name, 64 * 1024 * 1024), _SAFE)
    except (KeyError, ValueError, lxml.etree.XMLSyntaxError):
        return None


def _local(el: lxml.etree._Element) -> str:
    return lxml.etree.QName(el).localname if isinstance(el.tag, str) else ""


def _style_kinds(archive: zipfile.ZipFile) -> list[str]:
    """For each cell style (``s`` index), its format kind."""
    root = _xml(archive, "xl/styles.xml")
    if root is None:
        return []
    custom: dict[int, str] = {}
    kinds: list[str] = []
    for el in root.iter():
        name = _local(el)
        if name == "numFmt" and (el.get("numFmtId") or "").isdigit():
            custom[int(el.get("numFmtId"))] = format_kind(el.get("formatCode") or "")
        elif name == "cellXfs":
            for xf in el:
                fid = xf.get("numFmtId") or "0"
                n = int(fid) if fid.isdigit() else 0
                kinds.append(custom.get(n, _BUILTIN.get(n, "")))
    return kinds


def _sheet_paths(archive: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """``(name, part, hidden)`` for each worksheet in workbook order."""
    book = _xml(archive, "xl/workbook.xml")
    rels = _xml(archive, "xl/_rels/workbook.xml.rels")
    if book is None or rels is None:
        return []
    targets = {el.get("Id"): el.get("Target") or "" for el in rels.iter() if _local(el) == "Relationship"}
    out: list[tuple[str, str, bool]] = []
    for el in book.iter():
        if _local(el) != "sheet":
            continue
        rid = next((v for k, v in el.attrib.items() if lxml.etree.QName(k).localname == "id"), None)
        target = targets.get(rid, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        out.append((el.get("name") or "", part, (el.get("state") or "visible") != "visible"))
    return out


def _positions(xml: bytes) -> list[tuple[bytes, bytes, bytes, bytes]]:
    """``(column letters, row number, style, "/" if valueless)`` of each cell, for sheets whose cells may
    omit ``r`` (their place then follows the cell before)."""
    out: list[tuple[bytes, bytes, bytes, bytes]] = []
    row = col = -1
    for m in _TOKEN.finditer(xml):
        attrs = dict(_ATTR.findall(m.group(2)))
        if m.group(1) == b"row":
            r = attrs.get(b"r", b"")
            row, col = (int(r) - 1 if r.isdigit() else row + 1), -1
            continue
        ref = _REF.match(attrs.get(b"r", b""))
        col, row = (_col(ref.group(1)), int(ref.group(2)) - 1) if ref else (col + 1, row)
        out.append((_letters(col), str(row + 1).encode(), attrs.get(b"s", b""), m.group(3)))
    return out


def _letters(col: int) -> bytes:
    out = b""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        out = bytes([65 + rem]) + out
    return out


def scan(archive: zipfile.ZipFile) -> dict[str, SheetScan]:
    """Scan every worksheet; a part that cannot be read is left to calamine to report."""
    kinds = _style_kinds(archive)
    out: dict[str, SheetScan] = {}
    for name, part, hidden in _sheet_paths(archive):
        info = SheetScan(name, hidden)
        out[name] = info
        try:
            xml = read_member(archive, part, _PART_CAP)
        except (KeyError, ValueError):
            continue
        if len(_WITH_REF.findall(xml)) != len(_ANY_CELL.findall(xml)):  # cells without r="A1": walk the rows
            _scan_slowly(xml, kinds, info)
            continue
        valued = _VALUED.findall(xml)
        if valued:
            rows = [int(n) for _, n in valued]
            cols = [_col(letters) for letters in {letters for letters, _ in valued}]
            info.extent = (min(rows) - 1, min(cols), max(rows) - 1, max(cols))
        special = [i for i, kind in enumerate(kinds) if kind]
        if special:
            styled = re.compile(rb'<(?:\w+:)?c\s+r="([A-Z]{1,3})(\d{1,7})"[^>]*?\ss="(%s)"' % b"|".join(
                str(i).encode() for i in special))
            for letters, number, style in styled.findall(xml):
                info.formats[(int(number) - 1, _col(letters))] = kinds[int(style)]
    return out


def _scan_slowly(xml: bytes, kinds: list[str], info: SheetScan) -> None:
    lo_r = lo_c = 1 << 30
    hi_r = hi_c = -1
    for letters, number, style, empty in _positions(xml):
        row, col = int(number) - 1, _col(letters)
        if style and int(style) < len(kinds) and kinds[int(style)]:
            info.formats[(row, col)] = kinds[int(style)]
        if not empty:  # <c …/> is a styled cell without a value
            lo_r, lo_c, hi_r, hi_c = min(lo_r, row), min(lo_c, col), max(hi_r, row), max(hi_c, col)
    if hi_r >= 0:
        info.extent = (lo_r, lo_c, hi_r, hi_c)
