"""Render sample reports in the formats officials receive, for `duban eval formats` (tests/fixtures/formats/).

Each sample text is also hard-wrapped at 38 characters as a .wrapped.txt (a PDF copied out as text), and
becomes a Word document (python-docx: one paragraph per line, first-line indent, headings
kept as lines), and LibreOffice (Debian's libreoffice-writer-nogui) converts that document to PDF (A4,
justified, page numbers in the footer) and to Word 97 .doc; an HTML page wraps the text in the chrome of a
government site (breadcrumbs, 索引号 table, share links, footer). Run from the repository root:

    .venv/bin/python scripts/make_format_fixtures.py            # needs soffice on PATH

The outputs are committed; the tests do not need LibreOffice.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "duban" / "samples"
OUT = ROOT / "tests" / "fixtures" / "formats"
SOURCES = {
    "plan_2022": SAMPLES / "000_7912c8cfdbfe249d.txt",
    "plan_2024": SAMPLES / "004_895883010a6915ba.txt",
    "national_2009": SAMPLES / "national" / "gwr-national-2009.txt",
}


def _page_number_footer(document: docx.Document) -> None:
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run._r.addnext(field)
    footer.add_run(" —")


def write_docx(text: str, path: Path) -> None:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    _page_number_footer(document)
    for line in text.splitlines():
        line = line.strip().strip("\u3000")
        if not line:
            continue
        p = document.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        p.paragraph_format.first_line_indent = Pt(24)
    document.save(path)


def write_wrapped(text: str, path: Path, width: int = 38) -> None:
    """The text as a PDF copied out as text gives it: every line cut at a fixed width."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        while len(line) > width:
            out.append(line[:width])
            line = line[width:]
        out.append(line)
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def write_html(text: str, title: str, path: Path) -> None:
    body = "\n".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())
    head = f'<meta charset="utf-8"><title>{html.escape(title)}_某市人民政府</title>'
    crumbs = '<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; <a href="/zwgk/ghjh/">规划计划</a>'
    path.write_text(f"""<!doctype html><html lang="zh-CN"><head>{head}</head>
<body><div class="header">{crumbs}</div>
<table class="xxgk"><tr><td>索引号：</td><td>11330000/2024-00123</td><td>发布机构：</td><td>某市人民政府办公室</td></tr>
<tr><td>发布日期：</td><td>2024-02-01</td><td>浏览量：</td><td>1234</td></tr></table>
<div class="article"><h1>{html.escape(title)}</h1>
{body}
</div><div class="share">分享到：微信 微博 QQ空间</div>
<div class="footer">主办单位：某市人民政府办公室 网站标识码：3302000001 备案号：浙ICP备00000000号</div></body></html>
""", encoding="utf-8")


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui)")
    OUT.mkdir(parents=True, exist_ok=True)
    for name, source in SOURCES.items():
        text = source.read_text(encoding="utf-8")
        title = next((ln.strip() for ln in text.splitlines() if ln.strip()), name)
        write_docx(text, OUT / f"{name}.docx")
        write_wrapped(text, OUT / f"{name}.wrapped.txt")
        write_html(text, title, OUT / f"{name}.html")
        with tempfile.TemporaryDirectory() as tmp:
            for fmt, suffix in (("pdf:writer_pdf_Export", "pdf"), ('doc:MS Word 97', "doc")):
                subprocess.run([soffice, "--headless", "--convert-to", fmt, "--outdir", tmp, str(OUT / f"{name}.docx")],
                               check=True, capture_output=True, timeout=300)
                shutil.move(Path(tmp) / f"{name}.{suffix}", OUT / f"{name}.{suffix}")
        print("wrote", name)


if __name__ == "__main__":
    main()
