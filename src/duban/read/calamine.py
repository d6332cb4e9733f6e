"""Excel workbooks (.xlsx/.xlsm/.xls) through python-calamine, in a child process.

calamine is fast (Rust) but trusts the sizes a file declares: a few kilobytes claiming four billion
shared strings, or a cell at XFD1048576, make it allocate tens of gigabytes, and Rust aborts the
whole process when that fails — a web worker, an ``ingest`` run. So :func:`load_isolated` runs
calamine in a child process (``calamine_child.py``, a script that imports nothing from duban, so it
starts in ~0.1 s) with an address-space limit, hands it the bytes on stdin and takes back JSON:
typed cell values, merged ranges, hidden flags, or a problem. The parent scans the sheets first
(:mod:`duban.read.xlsx`: extent, percentage and 年月日 formats) and renders the values with
:func:`value_text`. A crash of the child is an :class:`InputError` like any other.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from duban.errors import InputError
from duban.read.grid import Sheet, clean_cell
from duban.read.xlsx import MAX_CELLS, scan

TIMEOUT = 120  # seconds
MEMORY = 4 * 1024**3  # the child's address space
_CHILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "calamine_child.py")


def number_text(value: float) -> str:
    """A number as written: ``12`` not ``12.0``, ``0.3`` not ``0.30000000000000004`` (15 digits, as Excel)."""
    if value != value or value in (float("inf"), float("-inf")):
        return ""
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    text = format(value, ".15g")
    if "e" in text:
        text = format(Decimal(text), "f")
        text = text.rstrip("0").rstrip(".") if "." in text else text
    return text


def value_text(value: object, kind: str = "") -> str:
    """A cell value as shown: ``kind`` is a display format from the scan (``pct1``, ``ymd``, ``ym``, ``md``)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return clean_cell(value)
    if isinstance(value, int | float):
        if kind.startswith("pct"):
            try:
                scaled = (Decimal(repr(float(value))) * 100).quantize(Decimal(1).scaleb(-int(kind[3:])), ROUND_HALF_UP)
            except (InvalidOperation, ValueError):
                return number_text(float(value))
            return f"{scaled}%"
        return number_text(float(value))
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
        value = value.date()
    if isinstance(value, dt.date):
        if kind == "ymd":
            return f"{value.year}年{value.month}月{value.day}日"
        if kind == "ym":
            return f"{value.year}年{value.month}月"
        if kind == "md":
            return f"{value.month}月{value.day}日"
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return clean_cell(str(value))


def _one_line(text: str) -> str:
    return " ".join(text.split())[:160]


def _too_big(name: str, cells: int) -> str:
    return f"sheet '{name}' spans {cells:,} cells, more than the {MAX_CELLS:,} duban reads (a stray far-away cell?)"


def _untag(value: object) -> object:
    if isinstance(value, dict):
        (tag, raw), *_ = value.items()
        try:
            if tag == "d":
                return dt.date.fromisoformat(raw)
            if tag == "t":
                return dt.datetime.fromisoformat(raw)
            if tag == "h":
                return dt.time.fromisoformat(raw)
            if tag == "s":
                return dt.timedelta(seconds=raw)
        except (TypeError, ValueError, OverflowError):
            return ""
        return raw
    return value


def _run_child(data: bytes, path: str | None, what: str) -> dict:
    try:
        proc = subprocess.run(
            [sys.executable, _CHILD, str(MEMORY), str(MAX_CELLS)],
            input=data,
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "RUST_BACKTRACE": "0"},
        )
    except subprocess.TimeoutExpired:
        raise InputError(f"reading the {what} took longer than {TIMEOUT} s; gave up", path) from None
    except OSError as exc:
        raise InputError(f"cannot start the spreadsheet reader: {exc.strerror or exc}", path) from None
    try:
        answer = json.loads(proc.stdout) if proc.returncode == 0 else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        said = [ln for ln in proc.stderr.decode("utf-8", "replace").splitlines() if ln[:1].strip()]
        said = [ln for ln in said if "backtrace" not in ln and not ln.startswith(("note:", "Traceback"))]
        why = _one_line(said[0]) if said else f"exit status {proc.returncode}"
        raise InputError(f"not a valid {what} (the spreadsheet reader crashed on it: {why})", path)
    return answer


def load_isolated(data: bytes, path: str | None, what: str) -> list[tuple[Sheet, bool]]:
    """``(sheet, hidden)`` for each worksheet of an .xlsx/.xlsm/.xls; every problem is an :class:`InputError`."""
    scans = {}
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                scans = scan(archive)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
            raise InputError(f"not a valid {what} (unreadable zip archive: {_one_line(str(exc))})", path) from None
        for info in scans.values():
            if info.cells > MAX_CELLS:
                raise InputError(_too_big(info.name, info.cells), path)
    answer = _run_child(data, path, what)
    if "too_big" in answer:
        raise InputError(_too_big(*answer["too_big"]), path)
    if "password" in answer:
        raise InputError("the spreadsheet is protected with a password; remove it first", path)
    if "error" in answer:
        raise InputError(f"not a valid {what} ({answer['error']})", path)
    out: list[tuple[Sheet, bool]] = []
    for found in answer["sheets"]:
        r0, c0 = found["start"]
        info = scans.get(found["name"])
        formats = info.formats if info is not None else {}
        cells = [
            [value_text(_untag(v), formats.get((r0 + i, c0 + j), "")) if v != "" else "" for j, v in enumerate(row)]
            for i, row in enumerate(found["rows"])
        ]
        merges = [(a - r0, b - c0, c - r0, d - c0) for a, b, c, d in found["merges"]]
        out.append((Sheet(found["name"], cells, merges), bool(found["hidden"])))
    return out
