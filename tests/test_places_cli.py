"""`duban places …` on a copy of the multi-year ledger (typer's runner, in-process)."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import places_ledger
from corpus import FIVE_YEAR
from duban.cli import app
from duban.errors import DubanError

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    return str(places_ledger.copy(tmp_path_factory.mktemp("places-cli")))


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_list_show_and_series(db):
    listing = run("places", "list", "--db", db)
    assert listing.exit_code == 0 and "全国" in listing.stdout and "宁波市镇海区" in listing.stdout
    assert "未识别地区" in listing.stdout
    shown = run("places", "show", "全国", "--db", db)
    assert "2014 7.5%左右→7.4% 基本完成" in shown.stdout and "已提前达到" in shown.stdout
    data = json.loads(run("places", "show", "宁波市镇海区", "--json", "--db", db).stdout)
    assert data["place"]["code"] == "330211"
    series = run("places", "series", "1", "gdp", "--db", db)
    assert "2012  目标 7.5%  实际 7.8%  完成  调低" in series.stdout


def test_compare_panel_and_carryover(db, tmp_path):
    compare = run("places", "compare", "gdp", "2024", "--db", db)
    assert "宁波市镇海区  目标 6%左右  实际 5.6%  -0.4  未完成" in compare.stdout
    out = tmp_path / "panel.xlsx"
    assert run("places", "panel", "gdp", out, "--db", db).exit_code == 0
    sheet = load_workbook(out).active
    assert [c.value for c in sheet[2]][:2] == ["place_id", "place"] and sheet.max_row > 10
    carry = json.loads(run("places", "carryover", "全国", "2006", "--json", "--db", db).stdout)
    assert carry["links"] and carry["headline_changes"][0]["change"] == "dropped"


def test_correct_and_merge(db):
    done = run("places", "correct", FIVE_YEAR, "--jurisdiction", "宁波市镇海区", "--period", "2021-2025",
               "--by", "alice", "--db", db)
    assert done.exit_code == 0 and "期间 2021–2025" in done.stdout
    goals = json.loads(run("places", "show", "宁波市镇海区", "--json", "--db", db).stdout)["goals"]
    assert any(g["target"]["metric_id"] == "disposable_income" for g in goals)
    with pytest.raises(DubanError, match="写成 2021-2025"):
        run("places", "correct", FIVE_YEAR, "--period", "2021", "--by", "alice", "--db", db)
    with pytest.raises(DubanError, match="没有地区"):
        run("places", "show", "火星", "--db", db)
    merged = run("places", "merge", "慈溪市", "宁波市镇海区", "--by", "alice", "--db", db)
    assert "已并入 浙江省宁波市镇海区" in merged.stdout
    reset = run("places", "correct", FIVE_YEAR, "--reset", "--by", "alice", "--db", db)
    assert "地区 —" in reset.stdout
