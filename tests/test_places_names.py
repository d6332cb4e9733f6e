"""What counts as the same jurisdiction: names cleaned, split into units and resolved against the bundled
行政区划代码 list (places/names.py, places/gazetteer.py)."""

from __future__ import annotations

import pytest

from corpus import FIVE_YEAR, PLAN_2024
from duban.places.gazetteer import gazetteer, stem
from duban.places.names import NATIONAL, clean, label, level_of, resolve, suggest, units


@pytest.mark.parametrize(("raw", "cleaned"), [
    ("宁波市镇海区", "宁波市镇海区"),
    ("镇海区人民政府", "镇海区"),
    ("宁波市镇海区人民政府办公室", "宁波市镇海区"),
    ("2024年镇海区政府", "镇海区"),
    (" 镇 海 区 ", "镇海区"),
    ("国务院", "全国"), ("中华人民共和国", "全国"), ("中国", "全国"), ("全国", "全国"), ("中央人民政府", "全国"),
    ("区人民政府", None), ("XX区人民政府", None), ("某某县", None), ("全区", None), ("我市", None), ("区", None),
    ("", None), (None, None), ("Zhenhai District", None),
])
def test_clean(raw, cleaned):
    assert clean(raw) == cleaned


@pytest.mark.parametrize(("name", "parts"), [
    ("宁波市镇海区", ["宁波市", "镇海区"]),
    ("浙江省宁波市慈溪市", ["浙江省", "宁波市", "慈溪市"]),
    ("苏州市吴中区", ["苏州市", "吴中区"]),
    ("内蒙古自治区", ["内蒙古自治区"]),
    ("市中区", ["市中区"]),
    ("璟岚市霁屿区", ["璟岚市", "霁屿区"]),  # names nobody knows split at their level words
    ("镇海", None),
])
def test_units(name, parts):
    assert units(name) == parts


ZHENHAI = "330211"


@pytest.mark.parametrize("written", ["宁波市镇海区", "镇海区", "浙江省宁波市镇海区", "镇海区人民政府", "镇海"])
def test_spellings_of_one_place_resolve_to_one_code(written):
    nodes = resolve(clean(written))
    assert [n.code for n in nodes] == ["330000", "330200", ZHENHAI]
    assert [n.level for n in nodes] == ["province", "city", "county"]
    assert nodes[-1].full_name == "浙江省宁波市镇海区" and label(nodes[-1].full_name, "county") == "宁波市镇海区"


def test_levels_and_parents_from_the_code_list():
    cixi = resolve("慈溪市")
    assert cixi[-1].code == "330282" and cixi[-1].level == "county" and cixi[-2].name == "宁波市"  # 县级市
    beijing = resolve("北京市朝阳区")
    assert [n.name for n in beijing] == ["北京市", "朝阳区"] and beijing[0].level == "province"  # 直辖市
    assert resolve("潜江市")[-1].full_name == "湖北省潜江市"  # 省直辖县级市: parent is the province
    assert resolve("浙江")[-1].code == "330000"
    assert resolve("全国") == [NATIONAL]


def test_a_name_at_two_places_is_settled_by_the_parent_or_the_text():
    assert resolve("朝阳区")[-1].code is None  # ambiguous: kept as the bare name
    assert resolve("北京市朝阳区")[-1].code == "110105"
    assert resolve("朝阳区", hint="长春市朝阳区……长春的发展")[-1].code == "220104"
    assert resolve("朝阳区", hint="北京和长春")[-1].code is None  # both parents named once: no guess


def test_unknown_places_keep_their_written_chain():
    nodes = resolve("璟岚市霁屿区")
    assert [(n.name, n.full_name, n.level, n.code) for n in nodes] == [
        ("璟岚市", "璟岚市", "city", None), ("霁屿区", "璟岚市霁屿区", "county", None)]
    under_known = resolve("宁波市新城区")  # a district the list does not have, under a city it has
    assert under_known[-1].full_name == "浙江省宁波市新城区" and under_known[-2].code == "330200"
    assert level_of("某镇", None) == "township" and level_of("禾阳市", "city") == "county"


def test_gazetteer_facts():
    gaz = gazetteer()
    assert len(gaz.by_code) > 3000
    assert gaz.by_code["330211"].parent == "330200" and gaz.by_code["330200"].parent == "330000"
    assert gaz.full_name("330282") == "浙江省宁波市慈溪市"
    assert stem("内蒙古自治区") == "内蒙古" and stem("镇海区") == "镇海"
    assert all(d.name not in ("市辖区", "县") for d in gaz.by_code.values())


def test_suggestions_for_a_document_without_a_place():
    five_year = suggest(FIVE_YEAR.read_text(encoding="utf-8"))
    assert five_year and five_year[0].nodes[-1].code == ZHENHAI and "镇海" in five_year[0].reason
    masked = suggest(PLAN_2024.read_text(encoding="utf-8"))  # 镇海 masked as XX: nothing to go on
    assert all(s.nodes[-1].code != ZHENHAI for s in masked)
    assert suggest("没有任何地名的文字。") == []
