"""Word 97–2003 .doc (and WPS's .wps, the same OLE format) → text, through Debian's ``antiword``.

antiword is run as ``antiword -x db FILE`` (DocBook XML, always UTF-8, Chinese included): paragraphs
come out whole, tables as rows of entries, automatic list numbers as ``orderedlist`` (rendered
``1.``, ``a.``), so no line wrapping or ``|`` padding has to be undone. Tables go through
:func:`duban.read.grid.render`, the spreadsheet rules (a cell's lines joined, continuation rows
merged). If the XML is unusable, antiword's plain-text mode is the fallback. antiword does not
report merged cells: a vertically merged 牵头单位 appears on its first row only.

A ".doc" that is really a .docx, an HTML page ("Word HTML", web-system exports) or RTF is
recognised by its first bytes: the first two are read as such, RTF is refused with a message.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile

import lxml.etree

from duban.errors import InputError
from duban.read.grid import Sheet, join_lines, render

MISSING = "reading .doc needs antiword (Debian: apt-get install antiword)"
TIMEOUT = 60  # seconds
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_PARSER = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
_TEXT = {"para", "simpara", "title", "subtitle", "literallayout", "programlisting"}
_BLOCK = {"informaltable", "table", "orderedlist", "itemizedlist", "footnote"}
_SKIP = {"bookinfo", "footnote", "indexterm", "remark", "colspec"}
_NUMERATION = {"arabic": "{}.", "loweralpha": "{a}.", "upperalpha": "{A}.", "lowerroman": "{i}.", "upperroman": "{I}."}


def _inline(el: lxml.etree._Element, skip: frozenset[str] | set[str] = _BLOCK) -> str:
    """The element's text, leaving out ``skip`` (by default nested tables, lists and footnotes)."""
    parts: list[str] = []

    def collect(node: lxml.etree._Element) -> None:
        parts.append(node.text or "")
        for child in node:
            if isinstance(child.tag, str) and child.tag not in skip:
                if child.tag in ("para", "entry", "listitem", "row"):
                    parts.append("\n")
                collect(child)
            parts.append(child.tail or "")

    collect(el)
    return join_lines([" ".join(line.split()) for line in "".join(parts).split("\n")])


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _label(numeration: str, n: int) -> str:
    style = _NUMERATION.get(numeration, "{}.")
    alpha = chr(ord("a") + (n - 1) % 26)
    return style.format(n, a=alpha, A=alpha.upper(), i=_roman(n), I=_roman(n).upper())


class _Walker:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.title: str | None = None

    def walk(self, el: lxml.etree._Element, label: str = "") -> str:
        """Append the lines of ``el``'s children; return a list label not yet used."""
        for child in el:
            tag = child.tag if isinstance(child.tag, str) else ""
            if not tag or tag in _SKIP:
                continue
            if tag in ("informaltable", "table"):
                self.table(child)
            elif tag in ("orderedlist", "itemizedlist"):
                for n, item in enumerate((i for i in child if i.tag == "listitem"), 1):
                    mark = _label(child.get("numeration") or "arabic", n) if tag == "orderedlist" else ""
                    self.walk(item, mark)
            elif tag in _TEXT:
                text = _inline(child)
                if text:
                    self.lines.append(label + text)
                    label = ""
                    if tag == "title" and self.title is None:
                        self.title = text
                label = self.walk(child, label)
            else:
                label = self.walk(child, label)
        return label

    def table(self, table: lxml.etree._Element) -> None:
        rows = [[_cell(entry) for entry in row if entry.tag == "entry"] for row in table.iter("row")]
        self.lines.extend(render(Sheet("", rows))[0])


def _cell(entry: lxml.etree._Element) -> str:
    """A table cell's text, lists and nested tables included, lines joined."""
    return _inline(entry, {"footnote"}).replace("|", "｜")


def _from_docbook(xml: bytes) -> tuple[str, str | None]:
    root = lxml.etree.fromstring(xml, _PARSER) if xml.strip() else None
    if root is None:
        return "", None
    walker = _Walker()
    walker.walk(root)
    return "\n".join(walker.lines), walker.title


_PIPE_ROW = re.compile(r"^\|(.*)\|\s*$")


def _from_text(out: str) -> str:
    """antiword's text mode: paragraphs on one line each (``-w 0``), tables as ``|cell |cell |``."""
    lines: list[str] = []
    table: list[list[str]] = []
    for line in [*out.split("\n"), ""]:
        m = _PIPE_ROW.match(line)
        if m:
            table.append([cell.strip() for cell in m.group(1).split("|")])
            continue
        if table:
            lines.extend(render(Sheet("", table))[0])
            table = []
        if line.strip():
            lines.append(line.strip())
    return "\n".join(lines)


def _run(exe: str, args: list[str], file: str, path: str | None) -> tuple[int, bytes, str]:
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    try:
        proc = subprocess.run([exe, *args, file], capture_output=True, timeout=TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired:
        raise InputError(f"antiword took longer than {TIMEOUT} s on this .doc; gave up", path) from None
    except OSError as exc:
        raise InputError(f"cannot run antiword: {exc.strerror or exc}", path) from None
    err = proc.stderr.decode("utf-8", "replace").replace(file, "the file")
    err = " ".join(line for line in err.split("\n") if line.strip() and "mapping file" not in line)
    return proc.returncode, proc.stdout, " ".join(err.split())[:160]


def _sniffed(data: bytes, path: str | None) -> tuple[str, str | None, str | None] | None:
    """Read a ".doc" that is really something else; ``None`` for a real OLE Word file."""
    head = data[:4096].lstrip()
    low = head.lower()
    if data.startswith(b"PK"):
        from duban.read.docx import read_docx

        text, title = read_docx(data, path)
        return text, None, title
    if head.startswith(b"{\\rtf"):
        raise InputError("this .doc is an RTF file, which duban does not read; save it as .docx", path)
    if low.startswith(b"mime-version") or b"multipart/related" in low:
        raise InputError("this .doc is a web archive (MHT), which duban does not read; save it as .docx", path)
    if low.startswith((b"<html", b"<!doctype html", b"<?xml")) or b"<html" in low:
        from duban.read.html import read_html

        return read_html(data, path)
    if not data.startswith(_OLE):
        raise InputError("not a valid .doc (not a Word 97–2003 document)", path)
    return None


def read_doc(data: bytes, path: str | None) -> tuple[str, str | None, str | None]:
    """Return ``(text, encoding, title)`` of a .doc/.wps file."""
    other = _sniffed(data, path)
    if other is not None:
        return other
    exe = shutil.which("antiword")
    if exe is None:
        raise InputError(MISSING, path)
    with tempfile.TemporaryDirectory(prefix="duban-doc-") as tmp:
        file = os.path.join(tmp, "input.doc")
        with open(file, "wb") as handle:
            handle.write(data)
        code, out, err = _run(exe, ["-x", "db"], file, path)
        text, title = _from_docbook(out) if code == 0 else ("", None)
        if not text.strip():
            code, out, err = _run(exe, ["-w", "0", "-m", "UTF-8.txt"], file, path)
            if code == 0:
                text = _from_text(out.decode("utf-8", "replace"))
    if code != 0:
        raise InputError(f"antiword cannot read this .doc ({err or f'exit status {code}'})", path)
    return text, None, title
