"""PDF → text, layout-aware: pypdfium2 gives every character with its box; ``pdf_layout`` re-flows them.

Hard line wraps are undone (a line that runs to the right margin continues into the next), running
headers, footers and page numbers are dropped, tables become ``cell | cell |`` rows; see
``pdf_layout`` for the rules. A PDF whose pages carry no text is a scan and must be OCR'd first; a
PDF whose text layer is mostly unmappable glyphs (fonts without a Unicode map) is reported the same
way rather than passed on as garbage.
"""

from __future__ import annotations

import ctypes
import math
import re
import threading
import unicodedata

from duban.errors import InputError
from duban.read.pdf_layout import reflow
from duban.read.pdf_lines import Char, Page

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NO_TEXT_LAYER = "the PDF has no text layer (scanned image?); OCR it first"
UNREADABLE = "the PDF's text layer is unreadable (fonts without a Unicode map); OCR it first"
_SPACES = frozenset((0x20, 0xA0, 0x3000, 0x2002, 0x2003, 0x2009))
_RULE = 2.5  # a path thinner than this (pt) is a ruling line
# PDFium is not thread-safe, not even across documents: the web app reads uploads in worker threads.
_LOCK = threading.Lock()


def _unreadable(text: str, unmapped: int) -> bool:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cn", "Cc"))
    return (bad + unmapped) / (len(chars) + unmapped) > 0.5


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def read_pdf(data: bytes, path: str | None) -> tuple[str, str | None]:
    """Return ``(text, title)`` of a PDF: paragraphs and table rows one a line."""
    import pypdfium2 as pdfium  # imported here: only PDFs need it

    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            code = getattr(exc, "err_code", None)
            if code == pdfium.raw.FPDF_ERR_PASSWORD:
                raise InputError("the PDF is encrypted with a password; decrypt it first", path) from None
            if code == pdfium.raw.FPDF_ERR_SECURITY:
                raise InputError("the PDF is encrypted and cannot be opened (unsupported security handler)",
                                 path) from None
            raise InputError(f"not a valid PDF: {_one_line(exc)}", path) from None
        try:
            pages, unmapped = [], 0
            for i in range(len(doc)):
                page, bad = _page(doc, i, pdfium)
                pages.append(page)
                unmapped += bad
            raw_title = (doc.get_metadata_value("Title") or "").strip()
        except pdfium.PdfiumError as exc:
            raise InputError(f"not a valid PDF: {_one_line(exc)}", path) from None
        except Exception as exc:  # whatever else a damaged file makes the binding raise
            raise InputError(f"not a valid PDF: {type(exc).__name__}: {_one_line(exc)}", path) from None
        finally:
            doc.close()
    if not pages:
        raise InputError("not a valid PDF: it has no pages", path)
    text = _CONTROL.sub("", reflow(pages)).replace("\u00ad", "")
    if not text.strip():
        raise InputError(UNREADABLE if unmapped else NO_TEXT_LAYER, path)
    if _unreadable(text, unmapped):
        raise InputError(UNREADABLE, path)
    title = None
    if raw_title and not re.search(r"\.(?:docx?|wps|pdf)$|^microsoft word|^untitled|^无标题", raw_title, re.I):
        title = raw_title
    return text, title


def _page(doc, index: int, pdfium) -> tuple[Page, int]:
    """One page's characters (loose boxes, top-down from the page's top left, turned so that the text runs
    left to right) and its ruling lines; and how many glyphs had no Unicode mapping."""
    raw = pdfium.raw
    page = doc[index]
    try:
        left, bottom, right, top = page.get_cropbox()  # the unrotated box: text positions are in its space
        width, height = right - left, top - bottom
        textpage = page.get_textpage()
        found: list[tuple[str, float, float, float, float, float, float]] = []
        unmapped = 0
        rect, matrix = raw.FS_RECTF(), raw.FS_MATRIX()
        n = textpage.count_chars()
        i = 0
        while i < n:
            code = raw.FPDFText_GetUnicode(textpage, i)
            k = i
            i += 1
            if code in (0, 10, 13) or (code in _SPACES and raw.FPDFText_IsGenerated(textpage, k) == 1):
                continue
            if 0xD800 <= code < 0xDC00 and i < n:  # a surrogate pair: one character outside the BMP
                low = raw.FPDFText_GetUnicode(textpage, i)
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00) if 0xDC00 <= low < 0xE000 else 0xFFFD
                i += 1
            elif 0xD800 <= code < 0xE000:
                code = 0xFFFD
            elif code == 2:  # PDFium's mark for a hyphen that breaks a word at the line end
                code = 0xAD
            if raw.FPDFText_HasUnicodeMapError(textpage, k) == 1:
                unmapped += 1
                continue
            raw.FPDFText_GetLooseCharBox(textpage, k, ctypes.byref(rect))
            size = raw.FPDFText_GetFontSize(textpage, k)
            if rect.top - rect.bottom > 1.6 * size:  # "1 Tf" and the size in the text matrix: scale it
                raw.FPDFText_GetMatrix(textpage, k, ctypes.byref(matrix))
                size *= math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c)) or 1.0
            found.append((" " if code in _SPACES else chr(code), rect.left - left, top - rect.top, rect.right - left,
                          top - rect.bottom, size, round(raw.FPDFText_GetCharAngle(textpage, k), 1)))
        textpage.close()
        angles = [f[6] for f in found]
        upright = max(set(angles), key=angles.count) if angles else 0.0
        quarter = round(upright / (math.pi / 2)) % 4  # text set sideways or upside down (a turned page)

        def turn(x: float, y: float) -> tuple[float, float]:
            return [(x, y), (y, width - x), (width - x, height - y), (height - y, x)][quarter]

        chars = []
        for c, x0, y0, x1, y1, size, angle in found:
            if angle == upright:  # rotated text (a watermark, a stamp) is not part of the running text
                (a, b), (d, e) = turn(x0, y0), turn(x1, y1)
                chars.append(Char(c, min(a, d), min(b, e), max(a, d), max(b, e), size))
        hrules, vrules = _rules(page, pdfium, left, top, turn)
        if quarter % 2:
            width, height = height, width
        return Page(width, height, chars, hrules, vrules), unmapped
    finally:
        page.close()


def _rules(page, pdfium, left: float, top: float, turn) -> tuple[list, list]:
    """Horizontal ``(y, x0, x1)`` and vertical ``(x, y0, y1)`` ruling lines: thin paths and the straight
    segments of stroked paths (table borders)."""
    raw = pdfium.raw
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []

    def add(x0: float, y0: float, x1: float, y1: float) -> None:
        (x0, y0), (x1, y1) = turn(x0 - left, top - y0), turn(x1 - left, top - y1)
        x0, x1, y0, y1 = min(x0, x1), max(x0, x1), min(y0, y1), max(y0, y1)
        if y1 - y0 <= _RULE and x1 - x0 > 3 * _RULE:
            hs.append(((y0 + y1) / 2, x0, x1))
        elif x1 - x0 <= _RULE and y1 - y0 > 3 * _RULE:
            vs.append(((x0 + x1) / 2, y0, y1))

    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        x0, y0, x1, y1 = obj.get_bounds()
        nseg = raw.FPDFPath_CountSegments(obj)
        if min(x1 - x0, y1 - y0) <= _RULE or not 0 < nseg <= 400:
            add(x0, y0, x1, y1)
            continue
        matrix = obj.get_matrix()
        start = prev = None
        fx, fy = ctypes.c_float(), ctypes.c_float()
        for s in range(nseg):
            seg = raw.FPDFPath_GetPathSegment(obj, s)
            raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(fx), ctypes.byref(fy))
            point = matrix.on_point(fx.value, fy.value)
            kind = raw.FPDFPathSegment_GetType(seg)
            if kind == raw.FPDF_SEGMENT_MOVETO:
                start = point
            elif kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
                add(*prev, *point)
            if raw.FPDFPathSegment_GetClose(seg) and start is not None and kind != raw.FPDF_SEGMENT_MOVETO:
                add(*point, *start)
            prev = point
    return hs, vs
