"""Every page and its JSON twin, the ledger's filters against direct store queries, error envelopes."""

from __future__ import annotations

import re

import pytest

from duban.records import STATUSES
from duban.store.queries import LedgerQuery, dashboard, document_detail, facets, ledger, target_detail
from duban.web.present import SECTION_BLOCKS


def q(db, fn, *args):
    with db.session() as session:
        return fn(session, *args)


def count(db, **filters) -> int:
    return q(db, ledger, LedgerQuery(per_page=1, **filters))["total"]


@pytest.fixture(scope="module")
def ids(ledger_db) -> dict:
    """A target with machine evidence, a document with runs, a run."""
    with ledger_db.session() as s:
        target = next(t for t in ledger(s, LedgerQuery(status="not_met", per_page=50))["targets"]
                      if target_detail(s, t["id"])["verdicts"][0]["item"])
        doc = document_detail(s, target["document_id"])
        return {"target": target["id"], "document": doc["document"]["id"], "run": doc["runs"][0]["id"]}


def test_security_headers_and_chinese_titles(client):
    r = client.get("/")
    assert r.status_code == 200
    assert r.headers["content-security-policy"].startswith("default-src 'self'")
    assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "same-origin"
    assert "<title>总览 · 督办</title>" in r.text
    assert 'lang="zh-CN"' in r.text
    assert "<script" not in r.text and "style=" not in r.text  # CSP: no inline scripts or styles
    assert client.get("/api/dashboard").headers["content-security-policy"]


def test_static_css_served(client):
    r = client.get("/static/duban.css")
    assert r.status_code == 200 and "--st-not_met" in r.text
    assert "http" not in re.sub(r"/\*.*?\*/", "", r.text, flags=re.S)  # no external assets


def test_dashboard_and_twin(client, ledger_db):
    data = client.get("/api/dashboard").json()
    expected = q(ledger_db, dashboard)
    assert data["totals"] == expected["totals"]
    assert {d["id"] for d in data["documents"]} == {d["id"] for d in expected["documents"]}
    assert set(data) >= {"totals", "labels", "documents", "flags", "unanswered", "runs"}
    html = client.get("/").text
    # the documents chart, and one per document's sections while few documents are in view
    sections = len(data["documents"]) if len(data["documents"]) <= SECTION_BLOCKS else 0
    assert html.count("<svg") == 1 + sections
    assert 'class="s-not_met"' in html  # status colour classes on the bars
    for code, n in data["totals"].items():
        assert f"/ledger?status={code}" in html
        assert f">{n}<" in html
    for flag in data["flags"]:
        assert f"/ledger?flag={flag}" in html
    for t in data["unanswered"][:5]:
        assert f'href="/targets/{t["id"]}"' in html


def test_dashboard_one_document(client, ledger_db, ids):
    data = client.get("/api/dashboard", params={"document": ids["document"]}).json()
    assert [d["id"] for d in data["documents"]] == [ids["document"]]
    assert data["document"]["id"] == ids["document"]
    assert client.get("/", params={"document": ids["document"]}).status_code == 200
    missing = client.get("/api/dashboard", params={"document": "nope"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_ledger_twin_shape(client, ledger_db):
    data = client.get("/api/targets").json()
    assert set(data) >= {"total", "page", "per_page", "pages", "filters", "targets"}
    assert data["total"] == count(ledger_db)
    assert len(data["targets"]) == 50
    t = data["targets"][0]
    assert set(t) >= {"id", "text", "status", "status_label", "machine_status", "review_status", "flags",
                      "indicators", "document", "document_id", "section", "top_section"}
    html = client.get("/ledger").text
    assert "<title>目标台账 · 督办</title>" in html
    assert f"共 {data['total']} 项" in html
    assert html.count('<tr data-status="') == 50
    assert f'href="/targets/{t["id"]}"' in html


@pytest.mark.parametrize("status", ["not_met", "exceeded", "activity_only", "no_evidence"])
def test_ledger_status_filter(client, ledger_db, status):
    expected = count(ledger_db, status=status)
    data = client.get("/api/targets", params={"status": status, "per_page": 200}).json()
    assert data["total"] == expected
    assert all(t["status"] == status for t in data["targets"])
    html = client.get("/ledger", params={"status": status}).text
    assert f"共 {expected} 项" in html
    assert html.count('<tr data-status="') == min(expected, 50)
    assert html.count(f'<tr data-status="{status}"') == min(expected, 50)


def test_ledger_flag_document_q_kind_filters(client, ledger_db, ids):
    flags = q(ledger_db, dashboard)["flags"]
    flag = next(iter(flags), "estimate")  # the samples raise some flags; a missing one must count 0
    got = client.get("/api/targets", params={"flag": flag}).json()
    assert got["total"] == flags.get(flag, 0) == count(ledger_db, flag=flag)
    assert all(flag in t["flags"] for t in got["targets"])
    doc = client.get("/api/targets", params={"document": ids["document"]}).json()
    assert doc["total"] == count(ledger_db, document=ids["document"])
    assert {t["document_id"] for t in doc["targets"]} == {ids["document"]}
    text = client.get("/api/targets", params={"q": "国内生产总值"}).json()
    assert text["total"] == count(ledger_db, q="国内生产总值") > 0
    assert all("国内生产总值" in t["text"] for t in text["targets"])
    both = client.get("/api/targets", params={"q": "国内生产总值", "kind": "quantitative", "year": 2006}).json()
    assert both["total"] == count(ledger_db, q="国内生产总值", kind="quantitative", year=2006)
    # blank form fields are ignored (a GET form sends every field)
    blank = client.get("/ledger?document=&year=&jurisdiction=&section=&status=not_met&flag=&kind=&q=&sort=position")
    assert blank.status_code == 200 and f"共 {count(ledger_db, status='not_met')} 项" in blank.text
    # the form shows the chosen document (the option list itself is rendered once and shared)
    chosen = client.get("/ledger", params={"document": ids["document"]}).text
    assert chosen.count(" selected>") == 3  # the document, the default sort and page size
    assert f'<option value="{ids["document"]}" selected>' in chosen
    assert f'<option value="{ids["document"]}" selected>' not in client.get("/ledger").text


def test_ledger_pagination_and_sort(client, ledger_db):
    total = count(ledger_db)
    first = client.get("/api/targets", params={"per_page": 20}).json()
    second = client.get("/api/targets", params={"per_page": 20, "page": 2}).json()
    assert first["pages"] == -(-total // 20)
    assert len(first["targets"]) == len(second["targets"]) == 20
    assert not {t["id"] for t in first["targets"]} & {t["id"] for t in second["targets"]}
    expected = q(ledger_db, ledger, LedgerQuery(per_page=20, page=2))["targets"]
    assert [t["id"] for t in second["targets"]] == [t["id"] for t in expected]
    last = client.get("/api/targets", params={"per_page": 200, "page": -(-total // 200)}).json()
    assert len(last["targets"]) == total - 200 * (last["page"] - 1)
    html = client.get("/ledger", params={"per_page": 20, "page": 2, "status": "no_evidence"}).text
    assert 'href="/ledger?status=no_evidence&amp;per_page=20&amp;page=3"' in html
    by_status = client.get("/api/targets", params={"sort": "status", "desc": "1", "per_page": 200}).json()["targets"]
    assert [t["status"] for t in by_status] == sorted((t["status"] for t in by_status), reverse=True)


@pytest.mark.parametrize("params", [{"page": "abc"}, {"status": "finished"}, {"per_page": "500"}, {"flag": "x"},
                                    {"sort": "colour"}, {"kind": "big"}, {"year": "二〇二四"}, {"page": "0"}])
def test_ledger_bad_params_400(client, params):
    r = client.get("/api/targets", params=params)
    assert r.status_code == 400
    err = r.json()["error"]
    assert err["status"] == 400 and err["code"] == "bad_request" and err["message"]
    page = client.get("/ledger", params=params)
    assert page.status_code == 400 and "请求有误" in page.text and "Traceback" not in page.text


def test_target_page_and_twin(client, ledger_db, ids):
    data = client.get(f"/api/targets/{ids['target']}").json()
    assert data == q(ledger_db, target_detail, ids["target"])
    assert set(data) == {"target", "document", "passage", "verdicts", "reviews"}
    html = client.get(f"/targets/{ids['target']}").text
    assert f"<title>目标 #{ids['target']} · 督办</title>" in html
    assert '<mark class="m-target">' in html and '<mark class="m-indicator">' in html
    assert '<mark class="m-actual">' in html or '<mark class="m-evidence">' in html
    verdict = data["verdicts"][0]
    assert f'href="/runs/{verdict["run"]}"' in html
    assert verdict["item"]["explanation"] in html
    assert 'action="/targets/' not in html and "登录</a>后可提交复核" in html  # anonymous: no form


def test_target_passages_are_slices_of_the_stored_texts(client, ledger_db):
    """The target page reads only a window of the document from the database: it must be the exact
    slice, with the marks where the target, its indicators and the evidence are."""
    texts: dict[str, str] = {}

    def text_of(doc_id: str) -> str:
        if doc_id not in texts:
            texts[doc_id] = client.get(f"/api/documents/{doc_id}").json()["text"]
        return texts[doc_id]

    listed = client.get("/api/targets", params={"per_page": 200, "kind": "quantitative"}).json()["targets"]
    checked_items = 0
    for t in listed[::7]:
        data = client.get(f"/api/targets/{t['id']}").json()
        p, text = data["passage"], text_of(t["document_id"])
        assert p["text"] == text[p["start"]:p["end"]]
        target_mark = next(m for m in p["marks"] if m["kind"] == "target")
        assert [target_mark["start"] + p["start"], target_mark["end"] + p["start"]] == t["span"]
        for m, ind in zip([m for m in p["marks"] if m["kind"] == "indicator"], data["target"]["indicator_details"],
                          strict=True):
            assert [m["start"] + p["start"], m["end"] + p["start"]] == ind["span"]
        for v in data["verdicts"]:
            if v["item"]:
                ip = v["item"]["passage"]
                assert ip["text"] == text_of(v["completion"]["id"])[ip["start"]:ip["end"]]
                checked_items += 1
    assert checked_items > 3


def test_documents_pages_and_twins(client, ledger_db, ids):
    docs = client.get("/api/documents").json()["documents"]
    assert docs == q(ledger_db, facets)["documents"]
    html = client.get("/documents").text
    for d in docs:
        assert f'href="/documents/{d["id"]}"' in html
    data = client.get(f"/api/documents/{ids['document']}").json()
    assert data == q(ledger_db, document_detail, ids["document"])
    page = client.get(f"/documents/{ids['document']}").text
    assert page.count('<mark id="t') == len(data["targets"])
    assert page.count('<u class="meas"') >= len(data["measurements"])
    assert f'href="/targets/{data["targets"][0]["id"]}"' in page
    assert 'class="tgt st-' in page
    for r in data["runs"]:
        assert f'href="/runs/{r["id"]}"' in page


def test_run_page_and_twin(client, ledger_db, ids):
    data = client.get(f"/api/runs/{ids['run']}").json()
    assert set(data) >= {"id", "plan", "completion", "engine", "summary", "items", "item_targets"}
    assert len(data["item_targets"]) == len(data["items"])
    html = client.get(f"/runs/{ids['run']}").text
    assert "编号" in html and "目标任务" in html and "完成情况" in html
    assert html.count("<tr><td class=\"num\">") == len(data["items"])
    for kind in ("xlsx", "docx", "csv", "md"):
        assert f'href="/export/runs/{ids["run"]}.{kind}"' in html


@pytest.mark.parametrize("path", ["/api/targets/99999999", "/api/targets/abc", "/api/documents/nope",
                                  "/api/runs/99999", "/api/nothing-here"])
def test_api_404_envelope(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.json() == {"error": {"status": 404, "code": "not_found", "message": r.json()["error"]["message"]}}


@pytest.mark.parametrize("path", ["/targets/99999999", "/targets/abc", "/documents/nope", "/runs/99999", "/nope"])
def test_html_404_page(client, path):
    r = client.get(path)
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "404 · 未找到" in r.text


def test_405_and_500_envelopes(app, monkeypatch):
    from fastapi.testclient import TestClient

    assert TestClient(app).delete("/api/targets").json()["error"]["code"] == "method_not_allowed"

    def boom(*_a, **_k):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("duban.web.views.queries.dashboard", boom)
    c = TestClient(app, raise_server_exceptions=False)
    r = c.get("/api/dashboard")
    assert r.status_code == 500 and r.json()["error"]["code"] == "internal_error"
    assert "secret internals" not in r.text and "Traceback" not in r.text
    page = c.get("/")
    assert page.status_code == 500 and "服务器内部错误" in page.text and "secret internals" not in page.text
    assert page.headers["content-security-policy"] and r.headers["x-content-type-options"] == "nosniff"


def test_openapi_and_api_index(client):
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for p in ("/api/dashboard", "/api/targets", "/api/targets/{target_id}", "/api/targets/{target_id}/reviews",
              "/api/documents", "/api/documents/{doc_id}", "/api/runs/{run_id}", "/export/targets.{fmt}"):
        assert p in paths
    assert not any(p in paths for p in ("/", "/ledger", "/login"))
    assert client.get("/redoc").status_code == 404
    html = client.get("/api").text
    assert "/api/openapi.json" in html and "/api/targets/{target_id}/reviews" in html
    assert "cdn" not in html.lower()
    # the API docs page: Swagger UI from the installed package, served by duban itself (no CDN)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "<title>接口文档 · 督办</title>" in docs.text
    scripts = re.findall(r'<script src="([^"]+)"></script>', docs.text)
    assert scripts == ["/static/apidocs/swagger-ui-bundle.js", "/static/apidocs.js"]
    assert "<script>" not in docs.text and "style=" not in docs.text  # CSP: nothing inline
    assert 'href="/docs"' in html  # linked from the 接口 menu on every page
    for path in [*scripts, "/static/apidocs/swagger-ui.css"]:
        asset = client.get(path)
        assert asset.status_code == 200 and len(asset.content) > 500, path
    assert "/api/openapi.json" in client.get("/static/apidocs.js").text


def test_statuses_have_colours():
    from pathlib import Path

    import duban.web

    css = (Path(duban.web.__file__).parent / "static" / "duban.css").read_text()
    for code in STATUSES:
        assert f"--st-{code}:" in css and f".b-{code}" in css and f".s-{code}" in css


@pytest.mark.parametrize("n_docs", [1, 20, 21, 100, 101, 1000])
def test_dashboard_view_caps_charts_for_large_ledgers(n_docs):
    """A ledger of many documents draws one bounded chart and table, and section charts only while few
    documents are in view; the biggest documents are the ones kept."""
    from duban.web import present

    docs = [{"id": f"d{i}", "title": f"文件{i:04d}", "total": i + 1, "counts": {"met": i + 1},
             "sections": [{"title": "一、经济", "total": i + 1, "counts": {"met": i + 1}}]} for i in range(n_docs)]
    view = present.dashboard_view({"documents": docs})
    assert str(view["documents"]).count('href="/?document=') == min(n_docs, present.CHART_DOCUMENTS)
    assert view["charted"] == min(n_docs, present.CHART_DOCUMENTS)
    assert len(view["table"]) == min(n_docs, present.TABLE_DOCUMENTS)
    if n_docs > present.TABLE_DOCUMENTS:
        assert min(d["total"] for d in view["table"]) == n_docs - present.TABLE_DOCUMENTS + 1
    assert len(view["sections"]) == (n_docs if n_docs <= present.SECTION_BLOCKS else 0)


def test_api_times_are_iso_8601_with_offset(client, ids):
    stamp = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$")  # Beijing time, as the pages show it
    doc = client.get(f"/api/documents/{ids['document']}").json()
    assert stamp.match(doc["document"]["ingested_at"]) and all(stamp.match(r["created_at"]) for r in doc["runs"])
    assert stamp.match(client.get(f"/api/runs/{ids['run']}").json()["created_at"])
    verdicts = client.get(f"/api/targets/{ids['target']}").json()["verdicts"]
    assert verdicts and all(stamp.match(v["created_at"]) for v in verdicts)
    headline = client.get("/api/dashboard").json()["headline"]
    assert all(stamp.match(t["assessed_at"]) for t in headline if t["assessed_at"])


def test_errors_are_chinese(client):
    import html

    for params, words in (({"status": "foo"}, "未知的状态 'foo'"), ({"tier": "top"}, "未知的层级 'top'"),
                          ({"flag": "x"}, "未知的疑点标记 'x'"), ({"sort": "x"}, "未知的排序方式 'x'"),
                          ({"doc_kind": "x"}, "未知的文件类型 'x'")):
        r = client.get("/api/targets", params=params)
        assert r.status_code == 400 and words in r.json()["error"]["message"], r.text
        page = client.get("/ledger", params=params)
        assert page.status_code == 400 and words in html.unescape(page.text)
    assert "未知的层级" in client.get("/api/dashboard", params={"tier": "top"}).json()["error"]["message"]


def test_ledger_tier_and_document_kind_filters(client, ledger_db):
    headline = client.get("/api/targets", params={"tier": "headline", "per_page": 200}).json()
    assert headline["total"] == count(ledger_db, tier="headline") > 0
    assert {t["tier"] for t in headline["targets"]} == {"headline"}
    plans = client.get("/api/targets", params={"doc_kind": "work_plan", "per_page": 200}).json()
    docs = {d["id"]: d["kind"] for d in client.get("/api/documents").json()["documents"]}
    assert plans["total"] == count(ledger_db, doc_kind="work_plan") > 0
    assert {docs[t["document_id"]] for t in plans["targets"]} == {"work_plan"}
    both = client.get("/ledger", params={"tier": "headline", "doc_kind": "work_report"}).text
    assert f"共 {count(ledger_db, tier='headline', doc_kind='work_report')} 项" in both


def test_dashboard_filters_and_counts(client, ledger_db):
    data = client.get("/api/dashboard").json()
    assert data["counts"]["targets"] == sum(data["totals"].values()) == count(ledger_db)
    assert data["counts"]["headline"] + data["counts"]["task"] == data["counts"]["targets"]
    headline = client.get("/api/targets", params={"tier": "headline", "per_page": 200}).json()
    assert headline["total"] <= 200 and data["period"] == max(t["year"] for t in headline["targets"] if t["year"])
    assert all(t["tier"] == "headline" and t["year"] == data["period"] for t in data["headline"])
    assert data["listed_totals"]["misses"] == count(ledger_db, status="not_met") + count(ledger_db,
                                                                                      status="partially_met")
    assert all(t["status"] in ("not_met", "partially_met") for t in data["misses"])
    assert any(t["evidence"] for t in data["misses"]) and all(t["flags"] for t in data["flagged"])
    assert data["listed_totals"]["unanswered"] == count(ledger_db, tier="headline", status="no_evidence")
    for params in ({"year": 2013}, {"jurisdiction": "全国", "doc_kind": "work_report"}, {"tier": "headline"},
                   {"status": "met"}):
        view = client.get("/api/dashboard", params=params).json()
        assert view["counts"]["targets"] == count(ledger_db, **params), params
        assert view["filters"] == {k: v for k, v in params.items()}
        html = client.get("/", params=params).text
        assert '<span class="n"><a href="/ledger?' in html and ">" + str(view["counts"]["targets"]) + "<" in html
