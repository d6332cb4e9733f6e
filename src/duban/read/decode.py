"""Bytes → text for plain-text files, without silent guessing.

Order: a BOM (UTF-8, UTF-16, UTF-32); binary signatures and NUL bytes (but BOM-less UTF-16,
recognised by its NUL pattern, is text); strict UTF-8; GB18030 when the result reads as Chinese
(:func:`looks_chinese`); charset-normalizer restricted to the Chinese encodings (GB18030 family,
Big5). Anything else is an :class:`InputError` naming the first byte no decoder got past.

The decoded text has its line endings normalised to ``\\n`` and a leading BOM removed; nothing
else is changed, so every later span points into exactly this string.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from duban.errors import InputError

# charset-normalizer names we accept, mapped to the decoder we actually use. GB2312 and GBK
# are subsets of GB18030, so GB18030 decodes them all (and the rare characters GBK lacks).
_CJK_DECODERS: dict[str, str] = {
    "gb18030": "gb18030",
    "gbk": "gb18030",
    "gb2312": "gb18030",
    "big5": "big5",
    "big5hkscs": "big5hkscs",
    "cp950": "big5",
}
# Above this charset-normalizer "chaos" (share of odd-looking characters) a decoding is rejected.
_MAX_CHAOS = 0.2

# File signatures of common binary formats, so that a renamed PNG/ZIP/PDF is reported as binary
# even when its first kilobytes happen to contain no NUL byte.
_MAGIC: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip: docx, xlsx, odt …
    b"\xd0\xcf\x11\xe0",  # OLE2: .doc, .xls
    b"\x7fELF",
    b"\x1f\x8b",  # gzip
    b"7z\xbc\xaf",
    b"Rar!",
)

BINARY_PROBLEM = "looks like a binary file, not text"
# In the text any reader returns: line-like controls become "\n", every other control character (C0 but
# tab and newline, DEL, C1) and lone surrogates become U+FFFD — one character for one, so offsets hold.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_CONTROLS = frozenset("\x0b\x0c\r\x85")


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` → ``\\n``; a leading BOM is dropped."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def clean_controls(text: str) -> str:
    """``text`` with control characters replaced one for one (``\\v \\f \\r`` NEL → ``\\n``, the rest → U+FFFD).

    Every format's text goes through this (``read._build``), so no database ever sees a NUL or a lone
    surrogate (PostgreSQL refuses both) and every database stores the same text.
    """
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda m: "\n" if m.group() in _LINE_CONTROLS else "\ufffd", text)


def _control_ratio(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D, 0x1B))
    return bad / len(sample)


def looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or mostly control characters (for BOM-less data)."""
    head = data[:8192]
    if any(head.startswith(m) for m in _MAGIC):
        return True
    if b"\x00" in head:
        return True
    return _control_ratio(head) > 0.10


def _plausible(text: str) -> bool:
    """Decoded text is mostly letters, CJK, digits, punctuation and whitespace."""
    sample = text[:20000]
    if not sample:
        return False
    bad = 0
    for ch in sample:
        if ch in "\t\n\r\f":
            continue
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Co", "Cn", "Cs") or ch == "\ufffd":
            bad += 1
    return bad / len(sample) < 0.02


def _try_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a BOM: NULs cluster on even (BE) or odd (LE) byte positions."""
    if len(data) % 2 or b"\x00" not in data[:8192]:
        return None
    head = data[:8192]
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    order = ["utf-16-le", "utf-16-be"] if odd >= even else ["utf-16-be", "utf-16-le"]
    for enc in order:
        newline = b"\n\x00" if enc == "utf-16-le" else b"\x00\n"
        # text has line breaks on the right byte boundary; binary records with NULs rarely do
        if len(data) > 400 and not any(head[i : i + 2] == newline for i in range(0, len(head) - 1, 2)):
            continue
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text, enc
    return None


def _gb2312_level1(ch: str) -> bool:
    """One of the 3,755 common hanzi (GB2312 level 1, lead bytes B0–D7)."""
    try:
        lead = ch.encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def looks_chinese(text: str) -> bool:
    """GB18030-decoded text reads as Chinese rather than mojibake.

    Real Chinese prose draws ~99% of its hanzi from GB2312 level 1; UTF-8 (or Big5) bytes read
    as GBK land in level 2 and the extension areas, in long runs. charset-normalizer alone is not
    enough here: it scores full-width ＧＤＰ６．５％, common in these documents, as noise.
    """
    sample = text[:200_000]
    if not _plausible(sample):
        return False
    common = rare = run = 0
    for ch in sample:
        if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
            if _gb2312_level1(ch):
                common += 1
                run = 0
            else:
                rare += 1
                run += 1
                if run >= 8:
                    return False
        else:
            run = 0
    return common + rare > 0 and common >= 0.9 * (common + rare)


def decode_bytes(data: bytes, path: str | None) -> tuple[str, str]:
    """Decode raw text bytes; return ``(text, encoding)`` or raise :class:`InputError`."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return normalise_newlines(data.decode("utf-8-sig")), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise _undecodable(path, exc.start) from None
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be")):
        # UTF-32-LE's BOM starts with UTF-16-LE's, so test it first; accept it only if it decodes.
        if data.startswith(bom) and len(data) % 4 == 0:
            try:
                text = data[4:].decode(enc)
            except UnicodeDecodeError:
                break
            if _plausible(text) or not text.strip():
                return normalise_newlines(text), enc
            break
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                text = data[2:].decode(enc)
            except UnicodeDecodeError as exc:
                raise _undecodable(path, exc.start + 2) from None
            if text.strip() and not _plausible(text):  # a BOM by accident, e.g. bytes FF FE …
                raise _undecodable(path, 0)
            return normalise_newlines(text), enc
    head = data[:8192]
    if any(head.startswith(m) for m in _MAGIC):
        raise InputError(BINARY_PROBLEM, path)
    utf16 = _try_utf16_without_bom(data)
    if utf16 is not None:
        return normalise_newlines(utf16[0]), utf16[1]
    if looks_binary(data):
        raise InputError(BINARY_PROBLEM, path)
    nul = data.find(b"\x00", 8192)  # the head was checked; a NUL further on is binary all the same
    if nul >= 0:
        raise InputError(f"{BINARY_PROBLEM} (a NUL byte at offset {nul})", path)
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc.start
    try:
        gb_text: str | None = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        gb_text, gb_error = None, exc.start
    if gb_text is not None and looks_chinese(gb_text):
        return normalise_newlines(gb_text), "gb18030"
    best = charset_normalizer.from_bytes(data, cp_isolation=list(_CJK_DECODERS)).best()
    if best is not None and best.chaos <= _MAX_CHAOS:
        decoder = _CJK_DECODERS.get(best.encoding.lower(), best.encoding)
        if decoder == "gb18030":
            if gb_text is not None and _plausible(gb_text):  # e.g. traditional characters in GBK
                return normalise_newlines(gb_text), decoder
        else:
            try:
                return normalise_newlines(data.decode(decoder)), decoder
            except UnicodeDecodeError:
                pass  # fall through to the error
    # report the furthest point a decoder got to: the seam of a mixed file, the stray byte of a GBK one
    offset = utf8_error if gb_text is not None else max(utf8_error, gb_error)
    raise _undecodable(path, offset)


def _undecodable(path: str | None, offset: int) -> InputError:
    return InputError(
        f"cannot decode the text: not UTF-8, GBK/GB18030 or UTF-16 (first bad byte at offset {offset})",
        path,
    )
