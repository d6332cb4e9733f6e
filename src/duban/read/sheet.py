"""Spreadsheets (.xlsx/.xlsm/.xls/.ods) and delimited text (.csv/.tsv) → ``cell | cell | cell |`` lines.

.xlsx/.xlsm/.xls are read with python-calamine in a child process (:mod:`duban.read.calamine`), after
:mod:`duban.read.xlsx` has checked each sheet's extent and found its percentage and 年月日 date
cells; .ods with :mod:`duban.read.ods`; .csv/.tsv with the csv module after
:func:`~duban.read.decode.decode_bytes` (UTF-8, GBK/GB18030, UTF-16). The file's content decides,
not its name: a ".xls" that is really an HTML table (web-system exports) is read as HTML, one that
is tab-separated text as .tsv, a ".xlsx" that is an old binary workbook as .xls. Every visible,
non-empty sheet becomes its name (when there are several) and then its rows, rendered by
:func:`duban.read.grid.render`. Hidden sheets (drop-down lists, lookups) are left out.
"""

from __future__ import annotations

import csv
import io
import zipfile

from duban.errors import InputError
from duban.read.calamine import load_isolated
from duban.read.decode import decode_bytes
from duban.read.grid import Sheet, clean_cell, render
from duban.read.ods import OdsError, read_ods_sheets
from duban.read.xlsx import MAX_CELLS

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_DELIMITERS = ("\t", ",", ";", "|")


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def _delimiter(text: str) -> str:
    lines = [line for line in text.split("\n", 50)[:50] if line.strip()]
    best, score = ",", 0.0
    for delim in _DELIMITERS:
        counts = [line.count(delim) for line in lines]
        with_delim = [n for n in counts if n]
        if not with_delim:
            continue
        common = max(set(with_delim), key=with_delim.count)
        share = sum(1 for n in counts if n == common) / len(counts)
        if share > score + 0.2 or (share >= score and delim in "\t," and best not in "\t,"):
            best, score = delim, share
    return best


def _delimited(data: bytes, path: str | None, fmt: str) -> tuple[Sheet, str]:
    text, encoding = decode_bytes(data, path)
    delimiter = "\t" if fmt == "tsv" else _delimiter(text)
    rows: list[list[str]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    budget = MAX_CELLS
    try:
        for row in reader:
            budget -= len(row)
            if budget < 0:
                raise InputError(f"more than {MAX_CELLS:,} cells; too large to read", path)
            rows.append([clean_cell(cell) for cell in row])
    except csv.Error as exc:
        raise InputError(f"not a valid .{fmt} file (line {reader.line_num}: {_one_line(exc)})", path) from None
    return Sheet("", rows), encoding


def _looks_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and (b"<table" in data[:65536].lower())


def _assemble(sheets: list[tuple[Sheet, bool]]) -> tuple[str, str | None]:
    rendered = [(sheet.name, *render(sheet)) for sheet, hidden in sheets if not hidden]
    rendered = [item for item in rendered if item[1]]
    if not rendered:  # every visible sheet is empty: read the hidden ones rather than nothing
        rendered = [item for item in ((s.name, *render(s)) for s, hidden in sheets if hidden) if item[1]]
    lines: list[str] = []
    for name, sheet_lines, _ in rendered:
        if len(rendered) > 1 and name:
            lines.append(name)
        lines.extend(sheet_lines)
    title = next((hint for _, _, hint in rendered if hint), None)
    return "\n".join(lines), title


def read_sheet(data: bytes, path: str | None, fmt: str) -> tuple[str, str | None, str | None]:
    """Return ``(text, encoding, title)``; ``fmt`` is ``xlsx``, ``xls``, ``ods``, ``csv`` or ``tsv``."""
    what = f".{fmt}"
    encoding: str | None = None
    if fmt in ("csv", "tsv"):
        sheet, encoding = _delimited(data, path, fmt)
        sheets = [(sheet, False)]
    elif data.startswith(b"PK"):
        sheets = _zipped(data, path, what)
    elif data.startswith(_OLE):
        if _ENCRYPTED in data:
            raise InputError("the spreadsheet is protected with a password; remove it first", path)
        sheets = load_isolated(data, path, what)
    elif b"urn:schemas-microsoft-com:office:spreadsheet" in data[:4096]:
        raise InputError(f"this {what} is an Excel 2003 XML file, which duban does not read; save it as .xlsx", path)
    elif data[:4096].lstrip().lower().startswith(b"mime-version"):
        raise InputError(f"this {what} is a web archive (MHT), which duban does not read; save it as .xlsx", path)
    elif _looks_html(data):
        from duban.read.html import read_html

        return read_html(data, path)
    elif fmt == "xls":  # an "Excel file" that is really delimited text
        sheet, encoding = _delimited(data, path, "csv")
        sheets = [(sheet, False)]
    else:
        raise InputError(f"not a valid {what} (neither a zip archive nor an Excel workbook)", path)
    text, title = _assemble(sheets)
    return text, encoding, title


def _zipped(data: bytes, path: str | None, what: str) -> list[tuple[Sheet, bool]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        raise InputError(f"not a valid {what} (unreadable zip archive: {_one_line(exc)})", path) from None
    if "xl/workbook.xml" in names:
        return load_isolated(data, path, what)
    if "content.xml" in names:
        try:
            return read_ods_sheets(data)
        except OdsError as exc:
            raise InputError(f"not a valid {what} ({exc})", path) from None
    raise InputError(f"not a valid {what} (a zip archive without xl/workbook.xml or content.xml)", path)
