"""Exports of the current ledger view and of one run's 编号|目标任务|完成情况 table."""

from __future__ import annotations

import csv
import io
import json

import pytest
from docx import Document as Docx
from openpyxl import load_workbook

from duban.store.queries import LedgerQuery, ledger, run_table


def total(db, **filters) -> int:
    with db.session() as s:
        return ledger(s, LedgerQuery(per_page=1, **filters))["total"]


@pytest.fixture(scope="module")
def run_id(ledger_db) -> int:
    with ledger_db.session() as s:
        return next(i for i in range(1, 100) if (t := run_table(s, i)) is not None and t.items)


def test_export_xlsx_of_filtered_view(client, ledger_db):
    r = client.get("/export/targets.xlsx", params={"status": "not_met"})
    assert r.status_code == 200
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert r.headers["content-disposition"] == 'attachment; filename="duban-targets-not_met.xlsx"'
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "编号" and "当前结论" in rows[0]
    assert len(rows) - 1 == total(ledger_db, status="not_met")
    col = rows[0].index("当前结论")
    assert {row[col] for row in rows[1:]} == {"未完成"}


def test_export_csv_and_json_same_params_as_ledger(client, ledger_db):
    params = {"q": "就业", "kind": "quantitative"}
    expected = total(ledger_db, **params)
    r = client.get("/export/targets.csv", params=params)
    assert r.headers["content-type"].startswith("text/csv")
    assert 'filename="duban-targets.csv"' in r.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert rows[0][0] == "编号" and len(rows) - 1 == expected
    j = client.get("/export/targets.json", params=params)
    assert j.headers["content-type"].startswith("application/json")
    targets = json.loads(j.content)["targets"]
    assert len(targets) == expected and all("就业" in t["text"] for t in targets)
    # the ledger page links to exactly these exports
    html = client.get("/ledger", params=params).text
    assert 'href="/export/targets.xlsx?kind=quantitative&amp;q=%E5%B0%B1%E4%B8%9A"' in html


def test_export_run_table(client, run_id):
    x = client.get(f"/export/runs/{run_id}.xlsx")
    assert x.status_code == 200
    assert x.headers["content-disposition"] == f'attachment; filename="duban-run-{run_id}.xlsx"'
    wb = load_workbook(io.BytesIO(x.content))
    assert list(next(wb.active.iter_rows(values_only=True)))[:3] == ["编号", "目标任务", "完成情况"]
    d = client.get(f"/export/runs/{run_id}.docx")
    assert d.headers["content-type"].endswith("wordprocessingml.document")
    doc = Docx(io.BytesIO(d.content))
    assert [c.text for c in doc.tables[0].rows[0].cells][:3] == ["编号", "目标任务", "完成情况"]
    c = client.get(f"/export/runs/{run_id}.csv")
    assert c.content.decode("utf-8-sig").startswith("编号,目标任务,完成情况")
    m = client.get(f"/export/runs/{run_id}.md")
    assert m.headers["content-type"].startswith("text/markdown") and "| 编号 | 目标任务 | 完成情况 |" in m.text


@pytest.mark.parametrize("path", ["/export/targets.pdf", "/export/runs/99999.xlsx", "/export/runs/1.exe",
                                  "/export/runs/abc.docx"])
def test_export_unknown(client, path):
    assert client.get(path).status_code == 404


def test_export_bad_filter(client):
    assert client.get("/export/targets.csv", params={"status": "nope"}).status_code == 400
