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


_CLOSERS = set("，。、；：！？）》」』】”’,.;:!?)%％")
_OPENERS = set("（《「『【“‘(")


def _units(text: str) -> list[str]:
    """Unbreakable pieces of a paragraph: a Latin word or number, a space, one hanzi; closing punctuation
    stays with the piece before it and opening punctuation with the piece after it (禁则)."""
    import re

    units: list[str] = []
    glue = False
    for piece in re.findall(r"[A-Za-z0-9.%+\-/]+| |.", text):
        if units and (glue or piece in _CLOSERS):
            units[-1] += piece
        else:
            units.append(piece)
        glue = piece in _OPENERS
    return units


def text_width(text: str, size: float) -> float:
    """Width of ``text`` set in STSong-Light (the CID font is registered on first use)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if "STSong-Light" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return pdfmetrics.stringWidth(text, "STSong-Light", size)


def wrap(text: str, width: float, size: float, first_indent: float = 0.0) -> list[str]:
    """Greedy line breaking by width (STSong-Light), as a word processor does; a space at a break stays at the
    end of its line."""
    lines, cur, avail = [], "", width - first_indent
    for unit in _units(text):
        if cur and unit != " " and text_width((cur + unit).rstrip(), size) > avail:
            lines.append(cur)
            cur, avail = "", width
        cur += unit
    return [*lines, cur]


class LayoutPDF:
    """A reportlab page layout for reader tests: paragraphs wrapped at the margins (optionally justified,
    first-line indented), headings, centred lines, tables with or without rules, a running header and page
    numbers, a diagonal watermark. ``spans`` records on which pages each block began and ended."""

    def __init__(self, pagesize=(595.0, 842.0), margins=(72.0, 72.0, 72.0, 72.0), size=14.0, leading=1.6,
                 indent=2.0, justify=True, para_gap=0.0, header=None, page_number="- {n} -", title=None,
                 watermark=None, unit_font=False):
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=pagesize)
        if title:
            self.c.setTitle(title)
        self.w, self.h = pagesize
        self.left, self.right, self.top, self.bottom = margins  # distances from the page edges
        self.size, self.leading, self.indent, self.justify, self.para_gap = size, leading, indent, justify, para_gap
        self.header, self.page_number, self.watermark, self.unit_font = header, page_number, watermark, unit_font
        self.page, self.y, self.spans = 1, self.h - self.top, []
        self._chrome()

    def _chrome(self) -> None:
        c = self.c
        if self.header:
            c.setFont("STSong-Light", 9)
            c.drawCentredString(self.w / 2, self.h - self.top / 2, self.header)
            c.line(self.left, self.h - self.top / 2 - 4, self.w - self.right, self.h - self.top / 2 - 4)
        if self.page_number:
            c.setFont("STSong-Light", 9)
            c.drawCentredString(self.w / 2, self.bottom / 2, self.page_number.format(n=self.page))
        if self.watermark:  # drawn diagonally across the page, as 内部资料 stamps are
            c.saveState()
            c.setFont("STSong-Light", 40)
            c.translate(self.w / 2, self.h / 2)
            c.rotate(45)
            c.drawCentredString(0, 0, self.watermark)
            c.restoreState()

    def _room(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.c.showPage()
            self.page += 1
            self.y = self.h - self.top
            self._chrome()

    def _draw(self, x: float, text: str, size: float, stretch_to: float | None = None, bold: bool = False) -> None:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        self._room(size * self.leading)
        self.y -= size * self.leading
        scale = size if self.unit_font else 1.0  # "1 Tf" and the size in the text matrix, as Quartz writes
        for dx in (0.0, 0.4) if bold else (0.0,):  # fake bold, as WPS and many converters draw it: twice
            t = self.c.beginText()
            t.setTextTransform(scale, 0, 0, scale, x + dx, self.y)
            t.setFont("STSong-Light", size / scale)
            ink = text.rstrip()
            if stretch_to is not None and len(ink) > 1:
                t.setCharSpace((stretch_to - x - stringWidth(ink, "STSong-Light", size)) / (len(ink) - 1) / scale)
            t.textOut(text)
            self.c.drawText(t)

    def paragraph(self, text: str, size: float | None = None, indent: float | None = None, bold: bool = False,
                  marker: str | None = None, hanging: float = 0.0):
        """``marker`` (a list number) is set at the first-line indent and the text hangs ``hanging`` em in from
        the margin on every line, as Word lays out an automatic list (number, tab, text)."""
        size = size or self.size
        first = (self.indent if indent is None else indent) * size
        right, left = self.w - self.right, self.left + hanging * size
        lines = wrap(text, right - left, size, 0.0 if marker else first)
        start = self.page
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            stretch = None if last or not self.justify else right
            if marker and i == 0:
                self.c.setFont("STSong-Light", size)
                self.c.drawString(self.left + first, self.y - size * self.leading, marker)
            self._draw(left + (first if i == 0 and not marker else 0), line, size, stretch, bold)
        self.spans.append((start, self.page))
        self.y -= self.para_gap * size
        return self

    def centred(self, text: str, size: float | None = None) -> LayoutPDF:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        size = size or self.size
        self._draw((self.w - stringWidth(text, "STSong-Light", size)) / 2, text, size)
        self.spans.append((self.page, self.page))
        self.y -= self.para_gap * size
        return self

    def table(self, rows: list[list[str]], widths: list[float], ruled: bool = True, size: float | None = None):
        """Rows of cells; a cell's text wraps inside its column (cells are top-aligned and padded by Word's
        default 0.19 cm)."""
        size = size or self.size * 0.8
        pad = 5.4
        for row in rows:
            cells = [wrap(text, w - 2 * pad, size) for text, w in zip(row, widths, strict=True)]
            height = max(len(c) for c in cells) * size * 1.4 + 2 * pad
            self._room(height)
            x = self.left
            for lines, w in zip(cells, widths, strict=True):
                for k, line in enumerate(lines):
                    self.c.setFont("STSong-Light", size)
                    self.c.drawString(x + pad, self.y - pad - (k + 1) * size * 1.4 + 0.3 * size, line)
                if ruled:
                    self.c.rect(x, self.y - height, w, height)
                x += w
            self.y -= height + (0 if ruled else size * 0.6)
        self.spans.append((self.page, self.page))
        self.y -= size
        return self

    def pdf(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buf.getvalue()


def make_scan_pdf() -> bytes:
    """A page that is only an image (a scan, without OCR)."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (400, 200), 255)
    ImageDraw.Draw(img).rectangle((40, 40, 360, 60), fill=0)
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawImage(ImageReader(img), 50, 500, 400, 200)
    c.showPage()
    c.save()
    return buf.getvalue()


def make_encrypted_pdf(user: str, owner: str = "owner") -> bytes:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=StandardEncryption(user, owner, strength=128))
    c.setFont("STSong-Light", 11)
    c.drawString(60, 780, "地区生产总值增长8%以上。")
    c.showPage()
    c.save()
    return buf.getvalue()


def docx_bytes(document) -> bytes:
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
