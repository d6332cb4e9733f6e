"""Word .docx → text, in document order.

Paragraphs and tables are read as they come in the body (content controls are looked into).
A paragraph is one line, prefixed with its automatic list number when it has one. A table row is
one line ``cell | cell | cell |``; line breaks inside a cell become spaces, a horizontally merged
cell is written once, and a vertically merged cell repeats its text on every row it spans, so each
row stands on its own (a 牵头单位 merged down ten rows belongs to all ten). Tables of one column are
layout boxes, read as paragraphs. Deleted revisions, text boxes and page headers/footers are
left out.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from duban.errors import InputError
from duban.read.meta import title_like
from duban.read.numbering import Numbering, W

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not part of the paragraph as printed.
_SKIPPED = "pPr rPr del moveFrom delText instrText txbxContent footnoteReference endnoteReference commentReference"
_SKIP = frozenset({f"{W}{t}" for t in _SKIPPED.split()} | {_MC_FALLBACK})
_TITLE_STYLES = ("title", "heading1", "heading 1", "标题", "标题 1", "标题1")


def paragraph_text(p: Any) -> str:
    parts: list[str] = []

    def walk(el: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag == f"{W}tab":
                parts.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                parts.append("\n")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(parts)


def _blocks(parent: Any) -> list[Any]:
    """``w:p`` and ``w:tbl`` children in order, looking through content controls."""
    out: list[Any] = []
    for child in parent:
        if child.tag in (f"{W}p", f"{W}tbl"):
            out.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml", f"{W}sdtContent"):
            content = child.find(f"{W}sdtContent")
            out.extend(_blocks(content if content is not None else child))
    return out


def _cells(tr: Any) -> list[Any]:
    cells: list[Any] = []
    for child in tr:
        if child.tag == f"{W}tc":
            cells.append(child)
        elif child.tag in (f"{W}sdt", f"{W}customXml"):
            content = child.find(f"{W}sdtContent")
            cells.extend(_cells(content if content is not None else child))
    return cells


class _Reader:
    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self.lines: list[str] = []

    def paragraph(self, p: Any) -> str:
        text = paragraph_text(p)
        label = self.numbering.label(p)
        return label + text if text.strip() else ""

    def body(self, parent: Any) -> None:
        for block in _blocks(parent):
            if block.tag == f"{W}p":
                text = self.paragraph(block)
                if text.strip():
                    self.lines.append(text)
            else:
                self.table(block)

    def cell_text(self, tc: Any) -> str:
        parts: list[str] = []
        for block in _blocks(tc):
            if block.tag == f"{W}p":
                parts.append(self.paragraph(block))
            else:
                for tr in block.findall(f"{W}tr"):
                    parts.extend(self.cell_text(c) for c in _cells(tr))
        return " ".join(" ".join(parts).split())

    def table(self, tbl: Any) -> None:
        rows = tbl.findall(f"{W}tr")
        if all(len(_cells(tr)) <= 1 for tr in rows):  # a framed box, not a data table
            for tr in rows:
                for tc in _cells(tr):
                    self.body(tc)
            return
        for tr in rows:
            cells = [self.cell_text(_merge_root(tc)) for tc in _cells(tr)]
            if any(cells):
                self.lines.append("".join(f"{c} | " for c in cells).rstrip())


def _merge_root(tc: Any) -> Any:
    """The cell holding the text of a vertically merged run (``w:vMerge`` continue → above)."""
    seen = 0
    while getattr(tc, "vMerge", None) == "continue" and seen < 1000:
        try:
            tc = tc._tc_above
        except (ValueError, AttributeError, IndexError):
            break
        seen += 1
    return tc


def _style_title(document: Any) -> str | None:
    for p in document.paragraphs[:15]:
        name = (p.style.name if p.style is not None else "").lower()
        sid = (p.style.style_id if p.style is not None else "").lower()
        text = " ".join(p.text.split())
        if (name in _TITLE_STYLES or sid in _TITLE_STYLES) and text:
            return text
    core = (document.core_properties.title or "").strip()
    if core and title_like(core, max_len=80):
        return core
    return None


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def read_docx(data: bytes, path: str | None) -> tuple[str, str | None]:
    """Return ``(text, title)`` of a .docx file."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError):
        raise InputError("not a valid .docx (not a zip archive)", path) from None
    except (NotImplementedError, ValueError, EOFError) as exc:  # a damaged or exotic zip
        raise InputError(f"not a valid .docx (unreadable zip archive: {_one_line(exc)})", path) from None
    if "word/document.xml" not in names:
        raise InputError("not a valid .docx (a zip archive without word/document.xml)", path)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types on damaged packages
        raise InputError(f"not a valid .docx ({type(exc).__name__}: {_one_line(exc)})", path) from None
    try:
        numbering_root = document.part.part_related_by(RT.NUMBERING).element
    except (KeyError, AttributeError):
        numbering_root = None
    try:
        styles_root = document.styles.element
    except (KeyError, AttributeError):
        styles_root = None
    reader = _Reader(Numbering(numbering_root, styles_root))
    try:
        reader.body(document.element.body)
        title = _style_title(document)
    except Exception as exc:  # malformed XML structures deep inside the body
        raise InputError(f"not a valid .docx ({type(exc).__name__}: {_one_line(exc)})", path) from None
    return "\n".join(reader.lines), title
