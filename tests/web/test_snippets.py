"""Row-level HTML helpers and the remembered fragments: escaping, the pager's page list, selection."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from duban.store import cache
from duban.web import present, snippets


@pytest.mark.parametrize(("page", "pages", "expected"), [
    (1, 1, [1]),
    (1, 5, [1, 2, 3, 4, 5]),
    (1, 10, [1, 2, 3, None, 9, 10]),
    (6, 10, [1, 2, None, 4, 5, 6, 7, 8, 9, 10]),
    (5, 10, [1, 2, 3, 4, 5, 6, 7, None, 9, 10]),
    (2108, 2108, [1, 2, None, 2106, 2107, 2108]),
    (1000, 2108, [1, 2, None, 998, 999, 1000, 1001, 1002, None, 2107, 2108]),
])
def test_page_numbers(page, pages, expected):
    assert snippets.page_numbers(page, pages) == expected


def test_pager_links_and_escaping():
    html = snippets.pager(3, 40, lambda n: f"/ledger?q=<x>&page={n}")
    assert html.count('rel="prev"') == 1 and html.count('rel="next"') == 1
    assert '<span class="cur">3</span>' in html and "<x>" not in html and "&lt;x&gt;" in html
    assert snippets.pager(1, 1, str) == ""


def test_row_helpers_escape_report_text():
    assert snippets.indicators(["<b>GDP</b> ≥6%"]) == '<span class="ind">&lt;b&gt;GDP&lt;/b&gt; ≥6%</span>'
    assert "&lt;script&gt;" in snippets.flags(["<script>"])
    cell = snippets.status_cell({"status": "met", "review_status": "met", "machine_status": "not_met"})
    assert 'b-met' in cell and 'b-not_met small' in cell and "已复核" in cell
    assert isinstance(snippets.badge("met"), Markup)


def test_select_marks_one_option():
    markup = present.options([("a1", "甲"), ("b2", "乙<"), ("a", "丙")])
    assert "乙&lt;" in markup and "selected" not in markup
    chosen = present.select(markup, "a")
    assert chosen.count("selected") == 1 and '<option value="a" selected>丙' in chosen
    assert present.select(markup, "zz") == markup and present.select(markup, None) == markup


def test_remembered_values_are_bounded_by_weight(monkeypatch, tmp_path):
    from duban.store.db import Database

    db = Database(f"sqlite:///{tmp_path / 'c.sqlite'}")
    monkeypatch.setattr(cache, "_MAX_WEIGHT", 100)
    cache.clear()
    calls = []
    with db.session() as session:
        def compute(name: str, size: int):
            return cache.remember(session, "t", (name,), lambda: calls.append(name) or "x" * size, len)

        compute("a", 20), compute("b", 20), compute("a", 20)
        assert calls == ["a", "b"]  # a remembered
        compute("big", 60)  # over a quarter of the bound: computed, never kept
        compute("big", 60)
        assert calls == ["a", "b", "big", "big"]
        for name in "cdefg":
            compute(name, 20)  # the oldest are dropped to stay within 100
        assert cache._weight <= 100
        compute("a", 20)
        assert calls[-1] == "a"
    cache.clear()
    db.dispose()


def test_data_version_is_asked_once_per_session_until_it_writes(tmp_path):
    from sqlalchemy import event

    from duban.store.db import Database
    from duban.store.models import AuditRow

    db = Database(f"sqlite:///{tmp_path / 'v.sqlite'}")
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    cache.clear()
    with db.session() as session:
        first = cache.remember(session, "n", (), lambda: 1)
        assert cache.remember(session, "n", (), lambda: 2) == first == 1
        assert sum("FROM audit" in s for s in statements) == 1
        session.add(AuditRow(actor="t", action="test", subject="x", detail={}))
        session.flush()  # a write in the same session: the version is asked again and has changed
        assert cache.remember(session, "n", (), lambda: 3) == 3
        assert sum("FROM audit" in s for s in statements) == 2
    cache.clear()
    db.dispose()


@pytest.mark.parametrize("value", ['a&b<c>d"e\'f', "&amp;", "", 12, "全角《》", Markup("<b>kept</b>")])
def test_highlight_escapes_like_markupsafe(value):
    from markupsafe import escape

    from duban.web.highlight import _escape

    assert _escape(value) == str(escape(value))
