"""Hostile inputs built on the spot (nothing large is stored in the repository), and a runner that
measures a child process: exit code, output, peak memory (``os.wait4``'s ``ru_maxrss``) and time."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import openpyxl

REPORT = "2024年工作目标：地区生产总值增长6%左右，城镇新增就业1.2万人以上。"
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
MB = 1024 * 1024
PASSWORD = "correct-horse-9"


# --- documents ------------------------------------------------------------------------------------

def docx_bytes(text: str = REPORT) -> bytes:
    document = docx.Document()
    document.add_paragraph("某县2024年政府工作报告")
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["序号", "目标任务"])
    sheet.append([1, "地区生产总值增长6%左右"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def ods_bytes(content: str | None = None) -> bytes:
    content = content or ods_content()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
    return buf.getvalue()


def ods_content(doctype: str = "", cell: str = "地区生产总值增长6%左右") -> str:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<office:document-content {ODS_NS}><office:body>'
            f'<office:spreadsheet><table:table table:name="Sheet1"><table:table-row><table:table-cell>'
            f"<text:p>{cell}</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet>"
            "</office:body></office:document-content>")


def ofd_bytes(doctype: str = "", text: str = "地区生产总值增长6%左右") -> bytes:
    buf = io.BytesIO()
    head = '<?xml version="1.0" encoding="UTF-8"?>'
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'{head}<ofd:OFD {OFD_NS} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                   "<ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
                   "</ofd:DocBody></ofd:OFD>")
        z.writestr("Doc_0/Document.xml", f"{head}<ofd:Document {OFD_NS}><ofd:CommonData><ofd:MaxUnitID>99"
                   "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>"
                   '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages>'
                   "</ofd:Document>")
        z.writestr("Doc_0/Pages/Page_0/Content.xml", f'{head}{doctype}<ofd:Page {OFD_NS}><ofd:Content>'
                   '<ofd:Layer ID="2"><ofd:TextObject ID="10" Boundary="25 40 180 6" Font="1" Size="4">'
                   f'<ofd:TextCode X="0" Y="4">{text}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content>'
                   "</ofd:Page>")
    return buf.getvalue()


def replace_member(package: bytes, name: str, payload: bytes) -> bytes:
    """``package`` with member ``name`` holding ``payload``."""
    src = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, payload if info.filename == name else src.read(info.filename))
    return out.getvalue()


def laughs_doctype(root: str = "w:document") -> str:
    """The billion-laughs DTD: ten levels of ten references, 10⁹ × "lol" if a parser expands it."""
    levels = "".join(f'<!ENTITY lol{i} "{(f"&lol{i - 1};" if i > 1 else "lol") * 10}">' for i in range(1, 10))
    return f"<!DOCTYPE {root} [<!ENTITY lol0 'lol'>{levels}]>"


def laughs_docx(encoding: str = "utf-8") -> bytes:
    xml = (f'<?xml version="1.0" encoding="{encoding.upper()}"?>{laughs_doctype()}<w:document {W_NS}><w:body>'
           f"<w:p><w:r><w:t>{REPORT}&lol9;</w:t></w:r></w:p></w:body></w:document>")
    data = xml.encode(encoding)
    if encoding.startswith("utf-16") and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = b"\xff\xfe" + data
    return replace_member(docx_bytes(), "word/document.xml", data)


def laughs_xlsx() -> bytes:
    """The worksheet declares the entities, and cell B2's string is ``&lol9;``."""
    package = xlsx_bytes()
    sheet = zipfile.ZipFile(io.BytesIO(package)).read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'(<c r="B2" t="inlineStr"><is><t>)[^<]*', r"\1&lol9;", sheet)
    return replace_member(package, "xl/worksheets/sheet1.xml", (laughs_doctype("worksheet") + sheet).encode())


def bomb_docx(path: Path, unpacked: int) -> Path:
    """A real .docx whose word/document.xml unpacks to ``unpacked`` bytes (of one repeated paragraph)."""
    para = f"<w:p><w:r><w:t>{'增长' * 500}</w:t></w:r></w:p>".encode()
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document {W_NS}><w:body>'.encode()
    tail = b"</w:body></w:document>"
    block = para * 1000
    src = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, src.read(info.filename))
                continue
            with z.open("word/document.xml", "w", force_zip64=True) as f:
                f.write(head)
                written = len(head) + len(tail)
                while written + len(block) <= unpacked:
                    f.write(block)
                    written += len(block)
                f.write(tail)
    return path


def many_members_docx(count: int) -> bytes:
    buf = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        for i in range(count):
            z.writestr(f"customXml/item{i}.bin", b"")
    return buf.getvalue()


def deep_html(depth: int = 100_000) -> str:
    return ("<html><head><title>某县2024年政府工作报告</title></head><body><p>" + REPORT + "</p>"
            + "<div>" * depth + "新增就业岗位3000个以上。" + "</div>" * depth + "</body></html>")


def nul_text(offset: int = 9000) -> bytes:
    """A UTF-8 report with two NUL bytes after ``offset`` bytes (past the 8 KB binary sniff)."""
    body = ("某县2024年政府工作报告\n" + REPORT + "\n").encode()
    filler = ("推进高质量发展，" * ((offset // 24) + 1)).encode()[: max(0, offset - len(body))]
    return body + filler + b"\x00\x00" + "。\n".encode()


# --- measuring a child process -------------------------------------------------------------------

@dataclass
class Run:
    code: int
    out: str
    err: str
    max_rss_mb: float
    seconds: float


def run_measured(args: list[str], timeout: float = 120, env: dict | None = None) -> Run:
    """Run ``args`` (a Python module call is ``[sys.executable, "-m", …]``); its peak RSS from wait4."""
    start = time.monotonic()
    with open(os.devnull, "rb") as stdin, _Capture() as out, _Capture() as err:
        proc = subprocess.Popen(args, stdin=stdin, stdout=out.file, stderr=err.file, start_new_session=True,
                                env={**os.environ, **(env or {})})
        killer = threading.Timer(timeout, lambda: os.killpg(proc.pid, signal.SIGKILL))
        killer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        return Run(proc.returncode, out.text(), err.text(), usage.ru_maxrss / 1024, time.monotonic() - start)


def duban(*args: str, timeout: float = 120, env: dict | None = None) -> Run:
    return run_measured([sys.executable, "-m", "duban.cli", *args], timeout=timeout, env=env)


class _Capture:
    def __enter__(self) -> _Capture:
        import tempfile

        self.file = tempfile.TemporaryFile()
        return self

    def text(self) -> str:
        self.file.seek(0)
        return self.file.read().decode("utf-8", "replace")

    def __exit__(self, *exc) -> None:
        self.file.close()


# --- the web app -------------------------------------------------------------------------------------

def csrf_from(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)


def sign_in(client, username: str, password: str = PASSWORD):
    token = csrf_from(client.get("/login").text)
    return client.post("/login", data={"username": username, "password": password, "csrf_token": token},
                       follow_redirects=False)
