"""The read stage: a file (or uploaded bytes) → a :class:`~duban.records.Document`.

``read_document(path)`` and ``read_bytes(data, name=…)`` pick a reader by suffix (or ``fmt``),
check size, emptiness and binary content, decode, find page chrome and guess the metadata.
Whatever the format, control characters in the text are replaced one for one
(:func:`~duban.read.decode.clean_controls`: no NUL reaches a database, offsets stay true). Every
problem is an :class:`~duban.errors.InputError` with a one-line message; no library exception escapes.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat

from duban.errors import DubanError, InputError
from duban.read.archive import check_zip
from duban.read.chrome import find_chrome
from duban.read.decode import clean_controls, decode_bytes
from duban.read.meta import describe
from duban.read.rewrap import rewrap
from duban.records import Document

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "READS", "max_bytes_limit", "read_bytes", "read_document"]

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
# suffix → reader
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".html": "html",
    ".htm": "html",
    ".shtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".xls": "xls",
    ".ods": "ods",
    ".csv": "csv",
    ".tsv": "tsv",
    ".doc": "doc",
    ".wps": "doc",
    ".ofd": "ofd",
}
READS = ".txt, .html, .docx, .doc/.wps, .pdf, .ofd, .xlsx/.xls/.ods, .csv"
_UNZIPPED = ("txt", "html", "csv", "tsv", "pdf")  # formats that are never zip containers
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1024, "m": MB, "g": 1024 * MB}


def _unsupported(suffix: str, path: str | None) -> InputError:
    shown = f"'{suffix}'" if suffix else "(the name has no extension)"
    return InputError(f"unsupported file type {shown} (duban reads {READS})", path)


def _format_for(name: str, fmt: str | None) -> str:
    if fmt is not None:
        key = fmt.lower().strip()
        key = key if key.startswith(".") else "." + key
        if key not in FORMATS and key.lstrip(".") not in FORMATS.values():
            raise _unsupported(key, name)
        return FORMATS.get(key, key.lstrip("."))
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in FORMATS:
        raise _unsupported(suffix, name)
    return FORMATS[suffix]


def max_bytes_limit(max_bytes: int | None = None) -> int:
    """The size limit: the argument, else ``DUBAN_MAX_BYTES`` (``50000000``, ``50MB``), else 20 MB."""
    if max_bytes is not None:
        return max_bytes
    raw = os.environ.get("DUBAN_MAX_BYTES", "").strip()
    if not raw:
        return DEFAULT_MAX_BYTES
    m = _SIZE.match(raw)
    if not m:
        raise DubanError(f"DUBAN_MAX_BYTES={raw!r} is not a size (write bytes, or e.g. 50MB)")
    unit = (m.group(2) or "").lower()[:1]
    return int(float(m.group(1)) * _UNITS[unit])


def _human(n: float) -> str:
    if n >= MB / 10:
        return f"{n / MB:.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{int(n)} bytes"


def _limit_text(limit: int) -> str:
    if limit >= MB and limit % MB == 0:
        return f"{limit // MB} MB"
    return _human(limit)


def _too_large(size: int, limit: int, path: str | None) -> InputError:
    return InputError(
        f"file is {_human(size)}, larger than the {_limit_text(limit)} limit (set DUBAN_MAX_BYTES to raise it)",
        path,
    )


def read_document(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Document:
    """Read a text, HTML, Word, PDF, OFD or spreadsheet file (see ``FORMATS``) into a :class:`Document`."""
    name = os.fspath(path)
    fmt = _format_for(name, None)
    limit = max_bytes_limit(max_bytes)
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise InputError("no such file", name) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a directory, not a file", name)
    if info.st_size > limit:
        raise _too_large(info.st_size, limit, name)
    try:
        with open(name, "rb") as handle:
            data = handle.read(limit + 1)  # pipes and growing files report no true size
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", name) from None
    if len(data) > limit:
        raise _too_large(len(data), limit, name)
    return _build(data, name, fmt, limit)


def read_bytes(data: bytes, *, name: str, fmt: str | None = None, max_bytes: int | None = None) -> Document:
    """Read an in-memory file (an upload); ``fmt`` (``"html"``, ``".pdf"`` …) overrides the suffix."""
    kind = _format_for(name, fmt)
    limit = max_bytes_limit(max_bytes)
    if len(data) > limit:
        raise _too_large(len(data), limit, name)
    return _build(bytes(data), name, kind, limit)


def _build(data: bytes, name: str, fmt: str, limit: int) -> Document:
    if not data.strip():
        raise InputError("the file is empty", name)
    encoding: str | None = None
    hint: str | None = None
    if fmt not in _UNZIPPED:  # .docx/.xlsx/.ods/.ofd, and a .xls/.doc that is really one of those
        check_zip(data, name, limit, "." + fmt)
    if fmt == "txt":
        text, encoding = decode_bytes(data, name)
        text = rewrap(text)  # a text hard-wrapped at a fixed width: paragraphs put back together
    elif fmt == "html":
        from duban.read.html import read_html

        text, encoding, hint = read_html(data, name)
    elif fmt == "docx":
        from duban.read.docx import read_docx

        text, hint = read_docx(data, name)
    elif fmt in ("xlsx", "xls", "ods", "csv", "tsv"):
        from duban.read.sheet import read_sheet

        text, encoding, hint = read_sheet(data, name, fmt)
    elif fmt == "doc":
        from duban.read.legacy import read_doc

        text, encoding, hint = read_doc(data, name)
    elif fmt == "ofd":
        from duban.read.ofd import read_ofd

        text, hint = read_ofd(data, name)
    else:
        from duban.read.pdf import read_pdf

        text, hint = read_pdf(data, name)
    text = clean_controls(text)  # the one place every format passes: no NUL or stray control goes further
    hint = clean_controls(hint) if hint else hint
    if not text.strip():
        raise InputError("the file is empty" if fmt in ("txt", "csv", "tsv") else "no text found", name)
    chrome = find_chrome(text)
    meta = describe(text, chrome, hint, name)
    return Document(
        text=text,
        path=name,
        sha256=hashlib.sha256(data).hexdigest(),
        source_format=fmt,
        encoding=encoding,
        title=meta.title,
        jurisdiction=meta.jurisdiction,
        year=meta.year,
        kind=meta.kind,
        chrome=chrome,
    )
