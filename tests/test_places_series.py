"""Series, goals, carry-over and comparisons on a real multi-year, multi-place ledger (tests/places_ledger.py):
eleven years of national work reports and the district's documents. The expected figures are those the
reports state (国内生产总值增长8%左右 in 2005–2011, 7.5% in 2012–2014, 7%左右 in 2015; 9.9% reached in 2005 …)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

import places_ledger
from duban.store import Database
from duban.store import places as store
from duban.store import places_compare as compare_store
from duban.store.models import DocumentRow
from duban.store.models_places import DocumentPlaceRow, JurisdictionAliasRow, JurisdictionRow


@pytest.fixture(scope="module")
def db():
    database = Database(str(places_ledger.template()))
    yield database
    database.dispose()


def _place(session, full_name: str) -> JurisdictionRow:
    return session.scalar(select(JurisdictionRow).where(JurisdictionRow.full_name == full_name))


def _quotes_hold(session, *sources) -> None:
    """Every source's quote is the document's text at its span."""
    texts: dict[str, str] = {}
    for src in sources:
        if src is None:
            continue
        text = texts.setdefault(src["document_id"], session.get(DocumentRow, src["document_id"]).text)
        assert text[src["span"][0]:src["span"][1]] == src["quote"], src


def _series(session, place_id: int, metric: str, basis: str | None = None) -> dict:
    data = store.series_detail(session, place_id, metric, basis)
    assert data is not None and data["series"] is not None
    return data


def test_one_record_per_place(db):
    with db.session() as s:
        nation = _place(s, "全国")
        zhenhai = _place(s, "浙江省宁波市镇海区")
        cixi = _place(s, "浙江省宁波市慈溪市")
        assert nation.level == "national" and zhenhai.level == "county" and zhenhai.code == "330211"
        assert s.get(JurisdictionRow, zhenhai.parent_id).full_name == "浙江省宁波市"
        assert cixi.parent_id == zhenhai.parent_id and cixi.level == "county"
        aliases = set(s.scalars(select(JurisdictionAliasRow.alias).where(
            JurisdictionAliasRow.jurisdiction_id == zhenhai.id)))
        assert aliases == {"宁波市镇海区", "镇海区"}
        placed = {d.document_id: d for d in s.scalars(select(DocumentPlaceRow))}
        by_name = {d.id: d for d in s.scalars(select(DocumentRow))}
        district = [placed[i] for i, d in by_name.items() if d.kind in ("work_plan", "completion_report")
                    and d.year in (2022, 2024)]
        assert len(district) == 3 and {d.jurisdiction_id for d in district} == {zhenhai.id}  # 004 filled by pairing
        five_year = next(placed[i] for i, d in by_name.items() if d.kind == "five_year")
        assert five_year.jurisdiction_id is None and five_year.machine_name is None  # no place in its text
        assert sum(1 for d in placed.values() if d.jurisdiction_id == nation.id) == 11
        index = store.places_index(s)
        assert [p["label"] for p in index["places"]][:1] == ["全国"]
        assert [d["kind"] for d in index["unplaced"]] == ["five_year"]


GDP_TARGETS = {2005: 8, 2006: 8, 2007: 8, 2008: 8, 2009: 8, 2010: 8, 2011: 8, 2012: 7.5, 2013: 7.5, 2014: 7.5, 2015: 7}
GDP_RESULTS = {2004: 9.5, 2005: 9.9, 2006: 10.7, 2008: 9.0, 2009: 8.7, 2010: 10.3, 2011: 9.2, 2012: 7.8, 2013: 7.7,
               2014: 7.4}


def test_national_gdp_growth_series(db):
    with db.session() as s:
        nation = _place(s, "全国")
        data = _series(s, nation.id, "gdp")
        series = data["series"]
        assert data["basis"] == "growth_rate" and series["label"] == "地区生产总值"
        rows = {r["year"]: r for r in series["rows"]}
        assert {y: r["target"]["value"] for y, r in rows.items() if r["target"]} == GDP_TARGETS
        assert {y: r["result"]["value"] for y, r in rows.items() if r["result"]} == GDP_RESULTS
        assert rows[2012]["target"]["op"] == "=" and rows[2013]["target"]["op"] == "~"  # 7.5％ then 7.5%左右
        assert rows[2004]["target"] is None  # the 2005 report's review of 2004: a result without a target here
        assert rows[2007]["result"] is None and rows[2007]["status"] == "no_evidence"  # the 2008 review gives none
        assert rows[2015]["status"] == "unassessed"  # no 2016 report in this ledger
        assert rows[2005]["status"] == "exceeded" and rows[2014]["status"] == "basically_met"
        assert rows[2014]["gap"] == pytest.approx(-0.1) and rows[2010]["gap"] == pytest.approx(2.3)
        assert series["misses"] == 0 and series["current_streak"] == 0
        moves = {y: r["move"]["kind"] for y, r in rows.items() if r["move"]}
        assert moves[2005] == "new" and moves[2012] == "lowered" and moves[2015] == "lowered"
        assert {moves[y] for y in (2006, 2007, 2008, 2009, 2010, 2011, 2013, 2014)} == {"unchanged"}
        assert rows[2012]["move"]["delta"] == pytest.approx(-0.5) and rows[2012]["move"]["stricter"] is False
        assert "7.5%左右" in rows[2013]["move"]["note"]  # the same figure, now 左右
        assert rows[2011]["result"]["source"]["title"] == "2012年国务院政府工作报告"
        _quotes_hold(s, *(r["target"]["source"] for r in rows.values() if r["target"]),
                     *(r["result"]["source"] for r in rows.values() if r["result"]))


def test_ceiling_targets_and_miss_streaks(db):
    with db.session() as s:
        nation = _place(s, "全国")
        rows = {r["year"]: r for r in _series(s, nation.id, "cpi")["series"]["rows"]}
        # 2007: 涨幅控制在3%以内, the 2008 review: 上涨4.8% — a ceiling missed; 2012: 4%左右 → 2.6%, met
        assert rows[2007]["target"]["value"] == 3 and rows[2007]["result"]["value"] == 4.8
        assert rows[2007]["status"] == "not_met" and rows[2007]["missed"] and rows[2007]["gap"] == pytest.approx(-1.8)
        assert rows[2012]["status"] == "met" and rows[2012]["gap"] == pytest.approx(1.4)
        # a lower ceiling is a stricter target
        assert rows[2013]["move"]["kind"] == "lowered" and rows[2013]["move"]["stricter"] is True
        detail = store.place_detail(s, nation.id)
        cpi = next(x for x in detail["series"] if x["metric_id"] == "cpi")
        assert cpi["misses"] >= 1 and cpi["longest_streak"]["start"] == 2007
        first = detail["series"][0]
        assert first["misses"] >= 1  # misses first
        years = detail["years"]
        assert years[0] <= 2005 and years[-1] == 2015


def test_national_five_year_goals(db):
    with db.session() as s:
        goals = store.place_detail(s, _place(s, "全国").id)["goals"]
        by = {(g["target"]["metric_id"], g["path"]["end"], g["kind"]): g for g in goals}
        # 十二五: 年均增长7%, after 9.2, 7.8, 7.7, 7.4 the rate now required for 2015 is 3.0%
        twelfth = by[("gdp", 2015, "average")]
        assert twelfth["path"]["status"] == "on_track"
        assert twelfth["path"]["required"] == pytest.approx(3.0048, abs=1e-3)
        assert twelfth["path"]["start"] == 2011 and twelfth["path"]["last_year"] == 2014
        assert sorted(twelfth["figures"]) == ["2011", "2012", "2013", "2014"]
        # 十一五: 今后五年年均增长7.5%, settled by the 2011 report's “年均增长11.2%”
        eleventh = by[("gdp", 2010, "average")]
        assert eleventh["path"]["status"] == "final" and eleventh["path"]["final"] == 11.2
        assert eleventh["final_status"] == "exceeded" and eleventh["final"]["source"]["year"] == 2011
        # 2015年国内生产总值将超过55万亿元: 56.9万亿元 in 2013
        level = by[("gdp", 2015, "level")]
        assert level["path"]["status"] == "reached" and level["path"]["note"].startswith("2013年已达56.9万亿元")
        # 单位国内生产总值能耗降低20%左右 (十一五): the 2011 review's 下降19.1% is basically met
        energy = by[("energy_intensity", 2010, "change")]
        assert energy["path"]["final"] == -19.1 and energy["final_status"] == "basically_met"
        _quotes_hold(s, *(g["target"]["source"] for g in goals))
        assert goals[0]["path"]["status"] == "behind"  # the ones behind first


def test_carried_over_and_dropped(db):
    with db.session() as s:
        nation = _place(s, "全国").id
        changes = store.place_detail(s, nation)["headline_changes"]
        # 2006 set 单位国内生产总值能耗降低4%左右 as a main target; the 2007 report set no figure for it
        assert [(c["metric_id"], c["change"]) for c in changes["2006"]] == [("energy_intensity", "dropped")]
        assert ("trade_total", "new") in [(c["metric_id"], c["change"]) for c in changes["2011"]]
        assert ("trade_total", "dropped") in [(c["metric_id"], c["change"]) for c in changes["2012"]]
        assert changes["2008"] == []
        carry = store.carryover_detail(s, nation, 2006)
        links = {lk["before"]["text"]: lk for lk in carry["links"]}
        assert links["加快社会信用体系建设"]["kind"] == "unchanged"
        assert links["加快社会信用体系建设"]["after"]["source"]["year"] == 2007
        assert "中央财政今年安排再就业补助资金25l亿元，比上年增加42亿元" not in [
            lk["after"]["text"] for lk in carry["links"]]
        assert carry["kinds"]["unchanged"] >= 10 and set(carry["kinds"]) <= {
            "unchanged", "same_figure", "later_deadline", "revised", "repeated"}
        afters = [lk["after"]["target_id"] for lk in carry["links"]]
        assert len(afters) == len(set(afters))  # a next-year target answers one carried target
        assert all(lk["before"]["source"]["year"] == 2006 for lk in carry["links"])
        assert not any(lk["before"]["horizon"] and lk["before"]["horizon"] > 2006 for lk in carry["links"])
        _quotes_hold(s, *(lk["before"]["source"] for lk in carry["links"]),
                     *(lk["after"]["source"] for lk in carry["links"]))
        assert store.carryover_detail(s, nation, 2015)["links"] == []  # no 2016 plan


def test_district_series_from_a_plan_and_a_completion_table(db):
    with db.session() as s:
        zhenhai = _place(s, "浙江省宁波市镇海区").id
        rows = {r["year"]: r for r in _series(s, zhenhai, "gdp")["series"]["rows"]}
        assert rows[2022]["target"]["figure"] == "不低于8%" and rows[2022]["status"] == "unassessed"
        # 2024: the completion table restates 地区生产总值增长6%左右 and answers 增长5.6%
        assert rows[2024]["target"]["value"] == 6 and rows[2024]["result"]["value"] == 5.6
        assert rows[2024]["status"] == "not_met" and rows[2024]["status_source"] == "engine"
        assert rows[2024]["result"]["source"]["kind"] == "completion_report"
        assert rows[2024]["move"]["kind"] == "lowered"
        _quotes_hold(s, rows[2024]["target"]["source"], rows[2024]["result"]["source"])
        detail = store.place_detail(s, zhenhai)
        assert detail["carryover_years"] == []  # 2022 and 2024: no consecutive plans
        assert {"gdp", "fixed_asset_investment", "retail_sales"} <= {x["metric_id"] for x in detail["series"]}


def test_comparisons_and_panel(db):
    with db.session() as s:
        overview = compare_store.metric_overview(s, "gdp")
        labels = [p["place"]["label"] for p in overview["places"]]
        assert labels[0] == "全国" and {"宁波市镇海区", "慈溪市"} <= set(labels)
        assert overview["basis"] == "growth_rate" and 2024 in overview["years"] and 2005 in overview["years"]
        year = compare_store.compare(s, "gdp", 2024)
        assert [r["place"]["label"] for r in year["rows"]] == ["宁波市镇海区"]
        counties = compare_store.compare(s, "gdp", 2021, level="county")
        assert [r["place"]["label"] for r in counties["rows"]] == ["慈溪市"]
        assert counties["rows"][0]["target"]["value"] == 7.3  # 全市增长7.3% before 市级7%
        assert [a["value"] for a in counties["rows"][0]["alternatives"]] == [7.0]
        nation = compare_store.compare(s, "gdp", 2014, level="national")
        assert nation["rows"][0]["gap"] == pytest.approx(-0.1) and nation["summary"]["below_target"] == 1
        panel = compare_store.panel(s, "gdp")
        national = [r for r in panel["rows"] if r["place"] == "全国" and r["target_value"] is not None]
        assert {r["year"]: r["target_value"] for r in national} == GDP_TARGETS
        for r in panel["rows"]:
            for side in ("target", "result"):
                if r[f"{side}_document"]:
                    _quotes_hold(s, {"document_id": r[f"{side}_document"], "span": [r[f"{side}_start"],
                                                                                    r[f"{side}_end"]],
                                     "quote": r[f"{side}_quote"]})
        metrics = {m["metric_id"]: m for m in compare_store.metrics_index(s)["metrics"]}
        assert metrics["gdp"]["places"] == 3 and metrics["gdp"]["first_year"] == 2005
