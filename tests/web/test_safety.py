"""Report text is data: markup in it is shown escaped on every page; the highlighter and the charts
escape what they interpolate and always produce well-nested tags."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient
from jinja2 import Environment

from duban.web import charts
from duban.web.highlight import Span, render
from duban.web.labels import FILTERS
from duban.web.present import outline_items
from web_helpers import make_app

RAW = ("<script>window.__xss=1</script>", '<img src=x onerror="window.__xss=1">')


@pytest.fixture(scope="module")
def xss_client(xss_db):
    with TestClient(make_app(xss_db)) as c:
        yield c


def _ids(client) -> tuple[str, list[int]]:
    targets = client.get("/api/targets").json()["targets"]
    evil = [t["id"] for t in targets if "<script>" in t["text"] or "<img" in t["text"]]
    assert evil, "the injected text was extracted as targets"
    return targets[0]["document_id"], evil


def _assert_escaped(html: str) -> None:
    for raw in RAW:
        assert raw not in html
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html


def test_document_page_escapes_report_text(xss_client):
    doc, _ = _ids(xss_client)
    html = xss_client.get(f"/documents/{doc}").text
    _assert_escaped(html)
    assert "&lt;img src=x onerror=" in html


def test_target_pages_escape_report_text(xss_client):
    _, evil = _ids(xss_client)
    for target_id in evil:
        html = xss_client.get(f"/targets/{target_id}").text
        assert "<script" not in html.lower() and "<img" not in html.lower()
        assert "&lt;" in html


def test_ledger_and_dashboard_escape_report_text(xss_client):
    _assert_escaped(xss_client.get("/ledger").text)
    assert "<script" not in xss_client.get("/").text.lower()
    # the JSON twin returns the text as it is (JSON is not HTML)
    assert any("<script>" in t["text"] for t in xss_client.get("/api/targets").json()["targets"])
    assert xss_client.get("/api/targets").headers["content-type"] == "application/json"


class _Nesting(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.ok = True

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)

    def handle_endtag(self, tag):
        self.ok = self.ok and bool(self.stack) and self.stack.pop() == tag


@pytest.mark.parametrize("spans", [
    [Span(0, 10, "a", {"href": "/t/1"}), Span(5, 15, "u"), Span(7, 9, "a", {"href": "/t/2"})],
    [Span(0, 4), Span(2, 8), Span(6, 12), Span(0, 12, "strong")],
    [Span(3, 3), Span(-5, 2), Span(10, 99)],
])
def test_highlight_well_nested_and_escaped(spans):
    text = "<b>x</b>&amp;文本 \"q\" 'r'"
    html = str(render(text, spans))
    parser = _Nesting()
    parser.feed(html)
    assert parser.ok and not parser.stack
    assert re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">").replace("&#34;", '"') \
        .replace("&#39;", "'").replace("&amp;", "&") == text
    assert html.count("<a ") <= 2 and "<a href=\"/t/1\"><a" not in html  # links never nest


def test_highlight_attributes_escaped():
    html = str(render("abc", [Span(0, 3, "mark", {"title": '"><script>x</script>', "id": "t1"})]))
    assert "<script>" not in html and 'title="&#34;&gt;&lt;script&gt;' in html


@pytest.mark.parametrize(("text", "spans", "html"), [
    ("一二三四五六七八九十", [Span(0, 3, "a", {"href": "/t/1"}), Span(5, 8, "a", {"href": "/t/2"})],
     '<a href="/t/1">一二三</a>四五<a href="/t/2">六七八</a>九十'),
    ("一二三四五六七八九十", [Span(0, 6, "a", {"href": "/t/1"}), Span(2, 9, "a", {"href": "/t/2"}),
                          Span(7, 10, "a", {"href": "/t/3"})],
     '<a href="/t/1">一二<span>三四五六</span></a><a href="/t/2">七<span>八九</span></a><a href="/t/3">十</a>'),
    ("一二三四五六七八九十", [Span(0, 5, "mark", {"id": "t1", "class": "tgt"}), Span(0, 5, "a", {"href": "/t/1"}),
                          Span(3, 8, "u", {"title": "a&b"})],
     '<mark id="t1" class="tgt"><a href="/t/1">一二三<u title="a&amp;b">四五</u></a></mark>'
     '<u title="a&amp;b">六七八</u>九十'),
    ("a<b>&c\n\n\n\nd", [Span(1, 4, "strong", {"id": "s1"}), Span(2, 9, "mark")],
     'a<strong id="s1">&lt;<mark>b&gt;</mark></strong><mark>&amp;c\n\n</mark>\nd'),
])
def test_highlight_links_reopened_and_text_escaped_only_when_needed(text, spans, html):
    """Links closed, reopened and nested (an inner link is a <span>), ids only on the first opening."""
    assert str(render(text, spans, squeeze=True)) == html


@pytest.mark.parametrize("text", [
    "地区生产总值增长6%左右",
    "城乡居民人均可支配收入与经济增长同步，居民消费价格涨幅控制在3%左右，城镇新增就业10万人以上",
    "一" * 45, "一" * 46, "<script>x</script>&“引号”'单'\"双\"" * 3,
])
@pytest.mark.parametrize("status", ["met", "not_met", "unassessed"])
def test_outline_items_as_the_template_wrote_them(text, status):
    """The outline's target lines, made in Python, are the markup the Jinja loop made."""
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    loop = env.from_string('{% for t in ts %}<li class="t"><span class="badge small b-{{ t.status }}" '
                           'title="{{ t.status|status_label }}">{{ t.status|status_label }}</span> '
                           '<a href="#t{{ t.id }}">{{ t.text|truncate(40, true, "…") }}</a></li>{% endfor %}')
    targets = [{"id": 7, "status": status, "text": text}, {"id": 8, "status": status, "text": text[:3]}]
    assert str(outline_items(targets)) == loop.render(ts=targets)


def test_chart_escapes_labels():
    svg = str(charts.stacked_bars([charts.Bar("<script>1</script>", {"met": 2, "not_met": 1}, href="/?a=1&b=2")],
                                  "标题<b>"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "&amp;b=2" in svg and "标题&lt;b&gt;" in svg
    assert 'class="s-met"' in svg and ">2</text>" in svg
