"""Zip containers (.docx, .xlsx, .ods, .ofd): refuse zip bombs before any reader unpacks them.

A zip's central directory states every member's uncompressed size, and Python's ``zipfile`` never
returns more than that; we add the sizes up front and refuse an archive that would unpack to more
than :func:`unpacked_limit` (20× the file-size limit, at least 10 MB, at most 200 MB), that packs
more than 100:1 into more than 10 MB, or that has more than 20,000 members. Office, ODF and OFD XML
never has a DTD, so an XML part that declares one (``<!DOCTYPE``/``<!ENTITY`` before its root element,
read up to there and at most its first megabyte, UTF-8 or UTF-16) is refused too: that is how
billion-laughs and external-entity attacks start. (The parsers behind the readers do not expand entities
either.) Members are read with :func:`read_member`, which caps what one read may return.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib

from duban.errors import InputError

MB = 1024 * 1024
MAX_MEMBERS = 20_000
MAX_RATIO = 100  # typical office XML packs 5–30:1; bombs pack 1000:1
DTD_SCAN = 1 << 20  # bytes of each XML part searched for a DTD
_XML_PART = (".xml", ".rels", ".vml")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ROOT = re.compile(rb"<[A-Za-z_:\x80-\xff]")  # the first element's start tag (not <? or <!)
_UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, RuntimeError, NotImplementedError, EOFError, OSError)


def unpacked_limit(max_bytes: int) -> int:
    """The most a zip container may unpack to, given the file-size limit."""
    return min(max(20 * max_bytes, 10 * MB), 200 * MB)


def _mb(n: int) -> str:
    return f"{n / MB:.0f} MB" if n >= 10 * MB else f"{n / MB:.1f} MB"


def check_zip(data: bytes, path: str | None, max_bytes: int, what: str) -> None:
    """Raise :class:`InputError` if ``data`` is a zip archive that unpacks to too much.

    Data that is not a zip archive passes: the format's reader reports that in its own words.
    """
    if not data.startswith(b"PK"):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        return
    if len(infos) > MAX_MEMBERS:
        raise InputError(f"not a valid {what} (a zip archive of {len(infos)} files; at most {MAX_MEMBERS})", path)
    total = sum(max(info.file_size, 0) for info in infos)
    limit = unpacked_limit(max_bytes)
    if total > limit:
        raise InputError(
            f"the {what} would unpack to {_mb(total)}, more than the {_mb(limit)} allowed (a zip bomb?)", path
        )
    if total > 10 * MB and total > MAX_RATIO * max(len(data), 1):
        raise InputError(f"the {what} packs {_mb(total)} into {len(data)} bytes (a zip bomb?); refused", path)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in infos:
            if info.filename.lower().endswith(_XML_PART) and _declares_dtd(archive, info):
                part = " ".join(info.filename.split())[:80]
                raise InputError(f"the {what} has an XML part with a DTD ({part}); entity declarations are "
                                 "refused (a billion-laughs or external-entity attack?)", path)


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part declares a DTD before its root element (read until the root's start tag, or for at
    most :data:`DTD_SCAN` bytes)."""
    head = b""
    limit = min(max(info.file_size, 0), DTD_SCAN)
    try:
        with archive.open(info) as stream:
            while len(head) < limit:
                chunk = stream.read(min(64 * 1024, limit - len(head)))
                if not chunk:
                    break
                head += chunk
                if _ROOT.search(_as_utf8(head)):
                    break
    except (*_UNPACK_ERRORS, ValueError):
        return False  # a damaged member: the format's reader reports it in its own words
    text = _as_utf8(head)
    root = _ROOT.search(text)
    return _DTD.search(text, 0, root.start() if root else len(text)) is not None


def _as_utf8(head: bytes) -> bytes:
    if head[:2] in (b"\xff\xfe", b"<\x00", b"\xfe\xff", b"\x00<"):  # UTF-16
        encoding = "utf-16-le" if head[:2] in (b"\xff\xfe", b"<\x00") else "utf-16-be"
        return head[: len(head) // 2 * 2].decode(encoding, "replace").encode("utf-8", "replace")
    return head


def read_member(archive: zipfile.ZipFile, name: str, cap: int) -> bytes:
    """One member's bytes; :class:`ValueError` if it is larger than ``cap``, ``KeyError`` if absent."""
    info = archive.getinfo(name)
    if info.file_size > cap:
        raise ValueError(f"{name} is larger than {_mb(cap)}")
    try:
        with archive.open(info) as stream:
            data = stream.read(cap + 1)
    except _UNPACK_ERRORS as exc:
        raise ValueError(f"cannot unpack {name}: {' '.join(str(exc).split())[:120]}") from None
    if len(data) > cap:
        raise ValueError(f"{name} is larger than {_mb(cap)}")
    return data
