"""Helpers for the read-stage tests: sample paths, and DOCX/PDF builders (files are made in tmp)."""

from __future__ import annotations

import io
from pathlib import Path

from duban.read.chrome import in_chrome

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "duban" / "samples"
NATIONAL = SAMPLES / "national"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "read"

S000 = SAMPLES / "000_7912c8cfdbfe249d.txt"
S001 = SAMPLES / "001_4d200cc9c1cf9e8d.txt"
S002 = SAMPLES / "002_c3731563950f55ea.txt"
S003 = SAMPLES / "003_9f1f7c57f7a65a70.txt"
S004 = SAMPLES / "004_895883010a6915ba.txt"
LOCAL_SAMPLES = (S000, S001, S002, S003, S004)
NATIONAL_YEARS = tuple(range(2005, 2016))


def national(year: int) -> Path:
    return NATIONAL / f"gwr-national-{year}.txt"


def covered(doc, needle: str, start: int = 0) -> bool:
    """True if the first occurrence of ``needle`` (from ``start``) lies inside one chrome span."""
    i = doc.text.index(needle, start)
    return in_chrome(doc.chrome, i, i + len(needle))


def touches_chrome(doc, needle: str) -> bool:
    """True if any occurrence of ``needle`` overlaps any chrome span."""
    start = 0
    while (i := doc.text.find(needle, start)) != -1:
        if any(s < i + len(needle) and i < e for s, e in doc.chrome):
            return True
        start = i + 1
    return False


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with real CJK text (reportlab's STSong-Light CID font), one list of lines per page."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if title:
        c.setTitle(title)
    for lines in pages:
        c.setFont("STSong-Light", 11)
        y = 780
        for line in lines:
            c.drawString(60, y, line)
            y -= 20
        c.showPage()
    c.save()
    return buf.getvalue()


def make_blank_pdf() -> bytes:
    """A PDF whose only page holds a drawn rectangle: no text layer, like a scan."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 400, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
