"""The places pages in-process (the sample ledger: national reports 1992–2015 and the district's documents, on
SQLite and PostgreSQL): pages, their JSON twins, exports with a source span per value, errors, and the
reviewers' corrections and merges (on a private copy, since they write)."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from web_helpers import make_app, sign_in


def _places(client) -> dict[str, dict]:
    return {p["label"]: p for p in client.get("/api/places").json()["places"]}


@pytest.fixture(scope="module")
def ids(app):
    from fastapi.testclient import TestClient

    with TestClient(app) as c:
        places = _places(c)
    return {"nation": places["全国"]["id"], "zhenhai": places["宁波市镇海区"]["id"], "cixi": places["慈溪市"]["id"]}


def test_places_index(client):
    page = client.get("/places")
    assert page.status_code == 200 and "地区与指标" in page.text and 'id="places"' in page.text
    assert 'href="/static/places.css"' in page.text
    data = client.get("/api/places").json()
    assert set(data) >= {"places", "unplaced", "unregistered", "levels"} and data["unregistered"] == 0
    nation = next(p for p in data["places"] if p["level"] == "national")
    assert set(nation) >= {"id", "name", "full_name", "label", "level", "level_label", "code", "parent",
                           "documents", "first_year", "last_year", "targets"}
    assert nation["documents"] == 20 and nation["first_year"] == 1992 and nation["last_year"] == 2015
    zhenhai = next(p for p in data["places"] if p["code"] == "330211")
    assert zhenhai["parent"]["label"] == "宁波市" and zhenhai["documents"] == 3
    assert [d["kind"] for d in data["unplaced"]] == ["five_year"]
    assert f'/documents/{data["unplaced"][0]["id"]}/place' in page.text
    paths = client.get("/api/openapi.json").json()["paths"]
    for p in ("/api/places", "/api/places/{place_id}", "/api/places/{place_id}/metrics/{metric_id}",
              "/api/places/{place_id}/carryover/{year}", "/api/metrics", "/api/metrics/{metric_id}", "/api/compare",
              "/api/panel", "/api/documents/{doc_id}/place", "/api/places/{place_id}/merge", "/export/panel.{fmt}"):
        assert p in paths, p
    assert not any(p in paths for p in ("/places", "/metrics", "/compare"))
    assert "/api/places/{place_id}/carryover/{year}" in client.get("/api").text


def test_no_inline_styles_or_scripts(client, ids):
    for path in ("/places", f"/places/{ids['nation']}", f"/places/{ids['nation']}/metrics/cpi", "/metrics/gdp",
                 "/compare?metric=gdp&year=2014", f"/places/{ids['nation']}/carryover/2010"):
        html = client.get(path).text
        assert "style=" not in html and "<script" not in html, path


@pytest.mark.parametrize("path", ["/places", "/metrics", "/compare?metric=gdp", "/places/1"])
def test_private_mode_needs_a_sign_in(ledger_db, path):
    from fastapi.testclient import TestClient

    with TestClient(make_app(ledger_db, public=False)) as c:
        page = c.get(path, follow_redirects=False)
        assert page.status_code == 303 and page.headers["location"].startswith("/login")
        api = c.get("/api" + path if not path.startswith("/compare") else "/api/compare?metric=gdp")
        assert api.status_code == 401


def test_place_page_and_twin(client, ids):
    page = client.get(f"/places/{ids['nation']}")
    assert page.status_code == 200 and 'id="headline-table"' in page.text and "svg" in page.text
    assert "地区生产总值" in page.text and "多年目标进度" in page.text and "逐年结转" in page.text
    data = client.get(f"/api/places/{ids['nation']}").json()
    assert set(data) >= {"place", "aliases", "children", "merged_from", "documents", "years", "series", "streaks",
                         "goals", "carryover_years", "headline_changes"}
    gdp = next(s for s in data["series"] if s["metric_id"] == "gdp")
    assert set(gdp) >= {"label", "basis", "basis_label", "direction", "misses", "current_streak", "longest_streak",
                        "rows"}
    row = next(r for r in gdp["rows"] if r["year"] == 2012)
    assert set(row) >= {"year", "target", "result", "status", "status_label", "status_source", "missed", "gap",
                        "move", "alternatives", "has_plan"}
    assert row["target"]["value"] == 7.5 and row["result"]["value"] == 7.8 and row["status"] == "met"
    for side in (row["target"], row["result"]):
        assert set(side["source"]) == {"document_id", "span", "quote", "title", "kind", "year"}
    assert data["series"].index(gdp) > 0  # the indicators with misses come first
    assert data["series"][0]["misses"] >= 1
    assert any(g["target"]["metric_id"] == "gdp" and g["path"]["status"] == "on_track" for g in data["goals"])
    assert 2012 in data["carryover_years"] and "2012" in data["headline_changes"]
    district = client.get(f"/places/{ids['zhenhai']}")
    assert district.status_code == 200 and "宁波市镇海区" in district.text and "330211" in district.text


def test_series_page_and_export(client, ids):
    page = client.get(f"/places/{ids['nation']}/metrics/gdp")
    assert page.status_code == 200 and 'id="series-table"' in page.text and 'class="chart series-chart"' in page.text
    assert 'data-year="2014"' in page.text and "基本完成" in page.text
    data = client.get(f"/api/places/{ids['nation']}/metrics/gdp").json()
    assert data["basis"] == "growth_rate" and data["series"]["metric_id"] == "gdp"
    assert {r["year"] for r in data["series"]["rows"] if r["target"]} >= set(range(2005, 2016))
    assert data["bases"] == ["growth_rate"]  # the level targets (55万亿元) are five-year goals
    assert any(g["kind"] == "level" and g["path"]["status"] == "reached" for g in data["goals"])
    level = client.get(f"/api/places/{ids['nation']}/metrics/gdp?basis=level").json()
    assert level["basis"] == "level" and level["series"] is None
    assert "没有“地区生产总值”的年度目标" in client.get(f"/places/{ids['nation']}/metrics/gdp?basis=level").text
    export = client.get(f"/export/places/{ids['nation']}/metrics/gdp.csv")
    assert export.status_code == 200 and export.headers["content-type"].startswith("text/csv")
    assert "attachment" in export.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    by_year = {r["年份（year）"]: r for r in rows}
    assert by_year["2012"]["目标值（target_value）"] == "7.5" and by_year["2012"]["实际值（result_value）"] == "7.8"
    assert by_year["2012"]["目标原文（target_quote）"] == "国内生产总值增长7.5％"
    assert by_year["2012"]["目标出处文件（target_document）"] and by_year["2012"]["目标起（target_start）"].isdigit()
    xlsx = client.get(f"/export/places/{ids['nation']}/metrics/gdp.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    header = [c.value for c in sheet[2]]
    assert header[:3] == ["place_id", "place", "full_name"] and "result_quote" in header


def test_carryover_page(client, ids):
    page = client.get(f"/places/{ids['nation']}/carryover/2006")
    assert page.status_code == 200 and 'id="carry-links"' in page.text and "不再列出" in page.text
    data = client.get(f"/api/places/{ids['nation']}/carryover/2006").json()
    assert data["year"] == 2006 and data["next_year"] == 2007 and data["links"]
    link = data["links"][0]
    assert set(link) == {"before", "after", "kind", "kind_label", "score"}
    assert [c["metric_id"] for c in data["headline_changes"] if c["change"] == "dropped"] == ["energy_intensity"]
    export = client.get(f"/export/places/{ids['nation']}/carryover/2006.csv").content.decode("utf-8-sig")
    assert "主要指标不再列出：单位地区生产总值能耗" in export
    missing = client.get(f"/places/{ids['zhenhai']}/carryover/2022")
    assert missing.status_code == 200 and "缺少" in missing.text


def test_metric_compare_and_panel(client, ids):
    assert client.get("/metrics").status_code == 200
    metrics = client.get("/api/metrics").json()["metrics"]
    gdp = next(m for m in metrics if m["metric_id"] == "gdp")
    assert gdp["places"] == 3 and gdp["label"] == "地区生产总值"
    page = client.get("/metrics/gdp")
    assert page.status_code == 200 and 'id="panel"' in page.text and "导出面板" in page.text
    overview = client.get("/api/metrics/gdp?level=county").json()
    assert {p["place"]["label"] for p in overview["places"]} == {"宁波市镇海区", "慈溪市"}
    compare = client.get("/compare?metric=gdp&year=2014")
    assert compare.status_code == 200 and 'class="chart compare-chart"' in compare.text
    data = client.get("/api/compare?metric=gdp&year=2024").json()
    assert [r["place"]["label"] for r in data["rows"]] == ["宁波市镇海区"] and data["rows"][0]["gap"] == -0.4
    latest = client.get("/api/compare?metric=gdp").json()
    assert latest["year"] == max(latest["years"])
    panel = client.get("/api/panel?metric=gdp&level=national").json()
    national = {r["year"]: r for r in panel["rows"]}
    assert national[2005]["target_value"] == 8 and national[2005]["result_value"] == 9.9
    assert national[2005]["result_quote"] and national[2005]["result_start"] < national[2005]["result_end"]
    csv_text = client.get("/export/panel.csv?metric=gdp").content.decode("utf-8-sig")
    assert csv_text.startswith("地区编号（place_id）") and "国内生产总值增长8%左右" in csv_text
    xlsx = client.get("/export/panel.xlsx?metric=gdp&level=county")
    assert xlsx.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert client.get("/export/compare.xlsx?metric=gdp&year=2014").status_code == 200
    assert client.get("/export/places/places.csv").status_code == 200
    assert client.get(f"/export/places/{ids['nation']}.xlsx").status_code == 200
    goals = client.get(f"/export/places/{ids['nation']}/goals/goals.csv").content.decode("utf-8-sig")
    assert "年均增速" in goals and "2011年国务院政府工作报告" not in goals  # document ids, not titles


@pytest.mark.parametrize(("path", "status"), [
    ("/places/999999", 404), ("/api/places/999999", 404), ("/api/places/abc", 404),
    ("/api/metrics/nonexistent_metric", 404), ("/api/metrics/GDP", 400), ("/api/metrics/gdp?basis=speed", 400),
    ("/api/metrics/gdp?level=galaxy", 400), ("/api/compare", 400), ("/api/compare?metric=gdp&sort=random", 400),
    ("/api/compare?metric=gdp&year=3000", 400), ("/api/places/1/carryover/1800", 404),
    ("/export/panel.pdf?metric=gdp", 404), ("/export/places/places.pdf", 404), ("/export/places/x.csv", 404),
    ("/api/documents/nonexistent/place", 404), ("/documents/nonexistent/place", 404),
])
def test_errors(client, path, status):
    response = client.get(path)
    assert response.status_code == status, response.text
    if path.startswith("/api/"):
        assert set(response.json()["error"]) == {"status", "code", "message"}


def test_reading_needs_no_account_but_writing_does(client, ids):
    doc = client.get("/api/places").json()["unplaced"][0]["id"]
    page = client.get(f"/documents/{doc}/place")
    assert page.status_code == 200 and "登录</a>后可更正" in page.text and "镇海区" in page.text  # the suggestion
    assert client.post(f"/api/documents/{doc}/place", json={"jurisdiction": "宁波市镇海区"}).status_code == 401
    form = client.post(f"/documents/{doc}/place", data={"jurisdiction": "宁波市镇海区"}, follow_redirects=False)
    assert form.status_code == 303 and form.headers["location"].startswith("/login")
    assert client.post(f"/api/places/{ids['cixi']}/merge", json={"into": ids["zhenhai"]}).status_code == 401


# --- corrections and merges on a private copy ------------------------------------------------------------

@pytest.fixture
def writer(sqlite_template, tmp_path):
    from fastapi.testclient import TestClient

    from duban.store import Database

    shutil.copyfile(sqlite_template, tmp_path / "ledger.sqlite")
    db = Database(str(tmp_path / "ledger.sqlite"))
    with TestClient(make_app(db)) as c:
        assert sign_in(c).status_code == 303
        c.csrf = c.get("/api/session").json()["csrf_token"]
        yield c
    db.dispose()


def test_correcting_a_document_through_the_form(writer):
    places = _places(writer)
    doc = writer.get("/api/places").json()["unplaced"][0]["id"]
    refused = writer.post(f"/documents/{doc}/place", data={"jurisdiction": "宁波市镇海区"})
    assert refused.status_code == 403  # no CSRF token
    ok = writer.post(f"/documents/{doc}/place", data={
        "jurisdiction": "宁波市镇海区", "period_start": "2021", "period_end": "2025", "note": "十四五",
        "csrf_token": writer.csrf}, follow_redirects=False)
    assert ok.status_code == 303
    data = writer.get(f"/api/documents/{doc}/place").json()
    assert data["effective"]["place"]["label"] == "宁波市镇海区" and data["effective"]["period"] == [2021, 2025]
    assert data["machine"]["place"] is None and data["corrected"]["by"] == "alice"
    assert data["history"][0]["action"] == "place_correction" and data["history"][0]["detail"]["note"] == "十四五"
    page = writer.get(f"/documents/{doc}/place")
    assert "已人工更正" not in page.text and "更正人：alice" in page.text
    assert writer.get("/api/places").json()["unplaced"] == []
    goals = writer.get(f"/api/places/{places['宁波市镇海区']['id']}").json()["goals"]
    income = next(g for g in goals if g["target"]["metric_id"] == "disposable_income")
    assert income["path"]["status"] == "behind" and income["path"]["required"] == pytest.approx(18.26, abs=0.01)
    assert income["figures"]["2024"]["value"] == 80331 and "80331元" in income["figures"]["2024"]["source"]["quote"]
    bad = writer.post(f"/documents/{doc}/place", data={"jurisdiction": "某某区", "csrf_token": writer.csrf})
    assert bad.status_code == 400 and "不是可识别的地区名称" in bad.text
    bad_year = writer.post(f"/documents/{doc}/place", data={"year": "20x4", "csrf_token": writer.csrf})
    assert bad_year.status_code == 400
    reset = writer.post(f"/documents/{doc}/place", data={"reset": "1", "csrf_token": writer.csrf},
                        follow_redirects=False)
    assert reset.status_code == 303
    assert writer.get(f"/api/documents/{doc}/place").json()["effective"]["place"] is None


def test_correcting_and_merging_through_the_api(writer):
    places = _places(writer)
    headers = {"X-CSRF-Token": writer.csrf}
    doc = writer.get(f"/api/places/{places['慈溪市']['id']}").json()["documents"][0]["id"]
    assert writer.post(f"/api/documents/{doc}/place", json={"year": 2022}).status_code == 403
    moved = writer.post(f"/api/documents/{doc}/place", json={"year": 2022, "note": "年份有误"}, headers=headers)
    assert moved.status_code == 200 and moved.json()["effective"]["year"] == 2022
    assert moved.json()["machine"]["year"] == 2021
    assert writer.post(f"/api/documents/{doc}/place", json={"year": 1700}, headers=headers).status_code == 422
    assert writer.post(f"/api/documents/{doc}/place", json={"jurisdiction": "XX区"}, headers=headers).status_code == 400
    merged = writer.post(f"/api/places/{places['慈溪市']['id']}/merge", json={"into": places["宁波市镇海区"]["id"]},
                         headers=headers)
    assert merged.status_code == 200 and merged.json()["place"]["label"] == "宁波市镇海区"
    assert "慈溪市" in merged.json()["aliases"]
    assert "慈溪市" not in _places(writer)
    again = writer.post(f"/api/places/{places['慈溪市']['id']}/merge", json={"into": places["宁波市镇海区"]["id"]},
                        headers=headers)
    assert again.status_code == 400
    undone = writer.post(f"/places/{places['慈溪市']['id']}/unmerge", data={"csrf_token": writer.csrf},
                         follow_redirects=False)
    assert undone.status_code == 303 and "慈溪市" in _places(writer)
    edited = writer.post(f"/places/{places['慈溪市']['id']}/edit", data={
        "level": "county", "parent": "宁波市", "csrf_token": writer.csrf}, follow_redirects=False)
    assert edited.status_code == 303
    bad = writer.post(f"/places/{places['宁波市']['id']}/edit", data={
        "parent": "宁波市镇海区", "csrf_token": writer.csrf})
    assert bad.status_code == 400
