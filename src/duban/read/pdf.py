"""PDF → text from its text layer (pypdf); pages are joined with ``\\n``.

A PDF whose pages carry no text is a scan and must be OCR'd first; a PDF whose text layer is
mostly unmappable glyphs (fonts without a Unicode map) is reported the same way rather than
passed on as garbage.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager

from duban.errors import InputError
from duban.read.decode import normalise_newlines

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NO_TEXT_LAYER = "the PDF has no text layer (scanned image?); OCR it first"


def _unreadable(text: str) -> bool:
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    bad = sum(1 for c in chars if c == "\ufffd" or unicodedata.category(c) in ("Co", "Cn", "Cc"))
    return bad / len(chars) > 0.5


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    """Silence a library's logger for the duration: pypdf logs every repair it makes to a damaged file,
    and our caller gets one clear InputError (or the text) instead."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(level)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:200]


def read_pdf(data: bytes, path: str | None) -> tuple[str, str | None]:
    """Return ``(text, title)`` of a PDF."""
    with _quiet("pypdf"):
        return _read_pdf(data, path)


def _read_pdf(data: bytes, path: str | None) -> tuple[str, str | None]:
    import pypdf  # imported here: pypdf is only needed for PDFs
    from pypdf.errors import PdfReadError, PyPdfError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:
                raise InputError(f"the PDF is encrypted and cannot be opened ({_one_line(exc)})", path) from None
            if not ok:
                raise InputError("the PDF is encrypted with a password; decrypt it first", path)
        pages = []
        for page in reader.pages:
            pages.append(page.extract_text() or "")
    except InputError:
        raise
    except (PdfReadError, PyPdfError) as exc:
        raise InputError(f"not a valid PDF: {_one_line(exc) or type(exc).__name__}", path) from None
    except Exception as exc:  # pypdf raises assorted errors (KeyError, ValueError…) on damaged files
        raise InputError(f"not a valid PDF: {type(exc).__name__}: {_one_line(exc)}", path) from None
    text = _CONTROL.sub("", normalise_newlines("\n".join(p.rstrip("\n") for p in pages)))
    if not text.strip():
        raise InputError(NO_TEXT_LAYER, path)
    if _unreadable(text):
        raise InputError("the PDF's text layer is unreadable (fonts without a Unicode map); OCR it first", path)
    title = None
    try:
        meta = reader.metadata
        raw = (meta.title if meta else None) or ""
    except Exception:
        raw = ""
    raw = raw.strip()
    if raw and not re.search(r"\.(?:docx?|wps|pdf)$|^microsoft word|^untitled|^无标题", raw, re.IGNORECASE):
        title = raw
    return text, title
