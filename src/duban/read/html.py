"""HTML pages → main text, with site chrome dropped by trafilatura.

Decoding: a BOM, then strict UTF-8 (valid UTF-8 with Chinese in it is never an accident, and
many pages that declare gb2312 are really UTF-8), then the charset the page declares
(``<meta charset>`` / ``http-equiv``), then the plain-text decoder (charset-normalizer).

Layout tables — the ``<table>`` scaffolding of older gov.cn sites, recognised by a nested table
or a single column — are turned into ``<div>``s first, so that trafilatura sees paragraphs rather
than one giant table cell. Data tables come out one row per line: ``cell | cell | cell |``.

libxml2's HTML parser stops at elements nested deeper than 255 levels and at a run of text over 10 MB
(its limits without ``XML_PARSE_HUGE``, which we keep: they bound time and memory, and the tree walks
here and in trafilatura recurse). It then drops the rest of the page silently; duban refuses such a
page instead, with a message saying which limit it hit.
"""

from __future__ import annotations

import codecs
import copy
import re

import lxml.etree
import lxml.html
import trafilatura

from duban.errors import InputError
from duban.read.decode import decode_bytes, looks_binary, normalise_newlines
from duban.read.meta import title_like

_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_GB_NAMES = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "gb_2312-80", "euc-cn", "x-euc-cn", "hz-gb-2312"}

_DROP_TAGS = (
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "nav", "header",
    "footer", "aside", "form", "button", "select", "input", "textarea", "head",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    "p div br li ul ol dl dt dd h1 h2 h3 h4 h5 h6 tr table section article blockquote pre center "
    "main figure figcaption caption hr".split()
)
_SITE = (
    r"[^_|｜\s\-—–－]{0,30}?(?:人民政府|政府|网|网站|门户|门户网站|官网|平台|频道|首页|信息公开|政务公开|公开专栏|专栏)"
)
_SITE_SUFFIX = re.compile(rf"(?:\s*[_|｜]\s*|\s*[-—–－]{{1,2}}\s*){_SITE}\s*$")
_SITE_PREFIX = re.compile(rf"^\s*{_SITE}\s*(?:[_|｜]|\s[-—–－]{{1,2}}\s)\s*")
_MD_RULE = re.compile(r"^\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*\s*$")
MAX_DEPTH = 255  # libxml2's nesting limit without XML_PARSE_HUGE


def decode_html(data: bytes, path: str | None) -> tuple[str, str]:
    """Decode an HTML page; return ``(text, encoding)``."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or looks_binary(data):
        return decode_bytes(data, path)  # BOMs, BOM-less UTF-16, and the binary-file error
    try:
        return normalise_newlines(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    m = _CHARSET.search(data[:4096])
    if m:
        declared = m.group(1).decode("ascii", "replace").lower()
        encoding = "gb18030" if declared in _GB_NAMES else declared
        try:
            codecs.lookup(encoding)
            return normalise_newlines(data.decode(encoding)), encoding
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to detection
    return decode_bytes(data, path)


def clean_site_title(title: str) -> str:
    """``宁波市…2022年工作计划_镇海区人民政府`` → ``宁波市…2022年工作计划``."""
    t = " ".join(title.split())
    for _ in range(3):
        stripped = _SITE_SUFFIX.sub("", t)
        stripped = _SITE_PREFIX.sub("", stripped)
        if stripped == t or not stripped:
            break
        t = stripped
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*", t) if p.strip()]
    return max(parts, key=len) if parts else t


def page_title(tree: lxml.html.HtmlElement) -> str | None:
    """The document title a page states, or None when it only names the site."""
    title = _page_title(tree)
    if not title or len(title) < 4 or len(title) > 100 or re.fullmatch(_SITE, title):
        return None
    return title


def _page_title(tree: lxml.html.HtmlElement) -> str | None:
    """ArticleTitle meta, a title-like ``<h1>``, the cleaned ``<title>``, any ``<h1>``."""
    for name in ("ArticleTitle", "articletitle", "og:title"):
        for value in tree.xpath(f'//meta[@name="{name}" or @property="{name}"]/@content'):
            if value.strip():
                return clean_site_title(value)
    h1s = [" ".join(h.text_content().split()) for h in tree.iter("h1")]
    for h in h1s:
        if title_like(h, max_len=80):
            return h
    titles = tree.xpath("//title")
    if titles and titles[0].text_content().strip():
        return clean_site_title(titles[0].text_content())
    return next((h for h in h1s if h), None)


def _is_layout(table: lxml.html.HtmlElement) -> bool:
    if table.xpath(".//table"):
        return True
    rows = table.xpath("./tr|./tbody/tr|./thead/tr|./tfoot/tr")
    return all(len(r.xpath("./td|./th")) <= 1 for r in rows)


def _unwrap_layout_tables(tree: lxml.html.HtmlElement) -> None:
    for table in list(tree.iter("table")):
        if _is_layout(table):
            for el in table.iter("table", "tbody", "thead", "tfoot", "tr", "td", "th"):
                el.tag = "div"


def _row_line(cells: list[str]) -> str:
    return "".join(f"{c} | " for c in cells).rstrip() if cells else ""


def tidy_text(text: str) -> str:
    """trafilatura's markdown-ish tables → ``a | b |`` rows; strip lines; drop empty ones."""
    out = []
    for raw in normalise_newlines(text).split("\n"):
        line = raw.strip()
        if not line or _MD_RULE.match(line):
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip("|"))]
            cells = [c.replace("\\|", "｜") for c in cells]
            if not any(cells):
                continue
            line = _row_line(cells)
        out.append(line)
    return "\n".join(out)


def _walk(el: lxml.html.HtmlElement, out: list[str]) -> None:
    """Plain text walk: block elements break lines, table rows become ``a | b |`` lines."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _DROP_TAGS or not tag:
        if el.tail:
            out.append(el.tail)
        return
    if tag == "tr":
        cells = [" ".join(c.text_content().split()) for c in el.xpath("./td|./th")]
        out.append("\n" + _row_line(cells) + "\n")
    else:
        if tag in _BLOCK_TAGS:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            _walk(child, out)
        if tag in _BLOCK_TAGS:
            out.append("\n")
    if el.tail:
        out.append(el.tail)


def _plain_walk(tree: lxml.html.HtmlElement) -> str:
    out: list[str] = []
    body = tree.find(".//body")
    _walk(body if body is not None else tree, out)
    return "".join(out).replace("\xa0", " ")


def _within_limits(parser: lxml.html.HTMLParser, path: str | None) -> None:
    """Refuse a page the parser read only in part (it stops at a resource limit and drops the rest)."""
    for entry in parser.error_log:
        if entry.type_name != "ERR_RESOURCE_LIMIT":
            continue
        if "depth" in entry.message.lower():
            problem = f"the page nests elements more than {MAX_DEPTH} levels deep (line {entry.line})"
        else:
            problem = f"the page is beyond the HTML parser's limits ({' '.join(entry.message.split())[:80]})"
        raise InputError(f"{problem}; refused rather than read in part", path)


def read_html(data: bytes, path: str | None) -> tuple[str, str, str | None]:
    """Return ``(main text, encoding, title)`` of an HTML page."""
    source, encoding = decode_html(data, path)
    source = _XML_DECL.sub("", source)
    if not source.strip():
        raise InputError("the file is empty", path)
    parser = lxml.html.HTMLParser()
    try:
        tree = lxml.html.fromstring(source, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"not a readable HTML page: {exc}", path) from None
    _within_limits(parser, path)
    title = page_title(tree)
    _unwrap_layout_tables(tree)
    text = ""
    for options in ({}, {"favor_recall": True}):
        try:
            extracted = trafilatura.extract(copy.deepcopy(tree), include_tables=True, output_format="txt", **options)
        except Exception:  # trafilatura can fail on odd markup; the plain walk still works
            extracted = None
        text = tidy_text(extracted or "")
        if len(text) >= 50:
            break
    if not text:
        text = tidy_text(_plain_walk(tree))
    if title and text and "".join(title.split()) not in "".join("\n".join(text.split("\n")[:5]).split()):
        text = f"{title}\n{text}"
    return text, encoding, title
