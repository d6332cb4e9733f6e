"""Attachments sent with a progress report or a reply: at most ``DUBAN_ATTACHMENT_MAX_BYTES`` each, and of a
kind an office sends (PDF, Word, Excel, WPS/OFD, images, plain text, zip) — judged on the bytes, never on the
name or the Content-Type the browser claims: the name's extension must agree with what the bytes are. A zip
container (docx, xlsx, ofd, zip) passes duban's zip-bomb check. The stored type is ours, so a file is always
served as what it is, with ``nosniff`` and as a download."""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass

from ..errors import DubanError

KINDS = {  # extension → (the Content-Type we serve, the family the bytes must be)
    ".pdf": ("application/pdf", "pdf"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "zip"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "zip"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "zip"),
    ".ofd": ("application/ofd", "zip"),
    ".zip": ("application/zip", "zip"),
    ".doc": ("application/msword", "ole"),
    ".xls": ("application/vnd.ms-excel", "ole"),
    ".wps": ("application/vnd.ms-works", "ole"),
    ".jpg": ("image/jpeg", "jpeg"),
    ".jpeg": ("image/jpeg", "jpeg"),
    ".png": ("image/png", "png"),
    ".txt": ("text/plain; charset=utf-8", "text"),
    ".csv": ("text/csv; charset=utf-8", "text"),
}
_MAGIC = {"pdf": (b"%PDF-",), "zip": (b"PK\x03\x04",), "ole": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
          "jpeg": (b"\xff\xd8\xff",), "png": (b"\x89PNG\r\n\x1a\n",)}
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|]')


@dataclass
class Upload:
    filename: str
    data: bytes
    declared: str | None = None  # what the browser said (recorded nowhere, trusted never)


def safe_name(name: str) -> str:
    """A file name fit for a Content-Disposition header and a database: no path, no control characters."""
    base = os.path.basename(unicodedata.normalize("NFC", name or "").replace("\\", "/"))
    base = _UNSAFE.sub("_", base).strip(" .") or "附件"
    stem, ext = os.path.splitext(base)
    return stem[:120] + ext[:10]


def check_upload(upload: Upload, max_bytes: int) -> tuple[Upload, str]:
    """The upload with a safe name and the Content-Type to store, or a DubanError saying what is wrong."""
    name = safe_name(upload.filename)
    if not upload.data:
        raise DubanError(f"附件“{name}”是空文件")
    if len(upload.data) > max_bytes:
        raise DubanError(f"附件“{name}”有 {len(upload.data) / 1048576:.1f} MB，超过上限 {max_bytes / 1048576:.0f} MB")
    ext = os.path.splitext(name)[1].lower()
    if ext not in KINDS:
        raise DubanError(f"附件“{name}”的类型不受支持（可上传：{'、'.join(sorted(KINDS))}）")
    content_type, family = KINDS[ext]
    if family == "text":
        if b"\x00" in upload.data:
            raise DubanError(f"附件“{name}”不是文本文件（含空字符）")
        from ..read.decode import decode_bytes

        try:
            decode_bytes(upload.data, name)
        except DubanError:
            raise DubanError(f"附件“{name}”无法按文本读取") from None
    elif not upload.data.startswith(_MAGIC[family]):
        raise DubanError(f"附件“{name}”的内容与扩展名 {ext} 不符")
    if family == "zip":
        from ..read.archive import check_zip

        try:
            check_zip(upload.data, name, max_bytes, "attachment")
        except DubanError as exc:
            raise DubanError(f"附件“{name}”：{exc.problem}") from None
    return Upload(name, upload.data), content_type
