"""The supervision cycle through the store and the JSON API (no browser): importing the 分解方案 twice and in other
formats, bad files named with their row, a task that goes red in November and catches up (its history shows it
was red), a notice as an A4 DOCX answered with evidence, reminders by e-mail through an in-process SMTP server,
and the year-end table in seed 001's format read back by duban itself."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from fastapi.testclient import TestClient
from sqlalchemy import select

from duban.errors import DubanError
from duban.supervise.breakdown import parse
from supervise_helpers import FIXTURES, PASSWORD, build
from web_helpers import make_app, sign_in


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    db, plan = build(f"sqlite:///{tmp_path_factory.mktemp('cycle') / 'ledger.sqlite'}")
    yield db, plan
    db.dispose()


def _client(app, name):
    c = TestClient(app)
    assert sign_in(c, name, PASSWORD).status_code == 303
    c.csrf = c.get("/api/session").json()["csrf_token"]
    return c


def test_reimporting_is_idempotent_and_other_formats_agree(ledger):
    from duban.store.models_supervision import TaskRow, UnitRow
    from duban.web.supervise_admin import import_file

    db, plan = ledger
    with db.session() as s:
        again = import_file(s, plan, "分解方案.xlsx", (FIXTURES / "分解方案.xlsx").read_bytes(), "t", date(2024, 6, 21))
        assert again["duplicate"] and len(again["created"]) == 12
        docx = import_file(s, plan, "分解方案.docx", (FIXTURES / "分解方案.docx").read_bytes(), "t", date(2024, 6, 21))
        assert not docx["created"] and docx["missing"] == ["4", "7"]  # milestones in words: only in the .xlsx
        assert s.scalar(select(TaskRow).where(TaskRow.number == "2")).milestones[1]["share"] == 0.45
        names = set(s.scalars(select(UnitRow.name)))
    assert {"区发改局", "区住建局", "区人社局", "区文广旅体局", "区农业农村局"} <= names  # full names folded
    assert "宁波市镇海区住房和城乡建设局" not in names


@pytest.mark.parametrize(("content", "message"), [
    ("标题\n甲,乙\n1,2\n", "未找到表头"),
    ("序号,目标任务,牵头单位\n1,新增就业1.3万人,区人社局\n1,新建公园2个,区住建局\n", "序号 1 与第2行重复"),
    ("序号,目标任务,牵头单位\n1,,区人社局\n", "任务列（目标任务）为空"),
    ("序号,目标任务,牵头单位,完成时限\n1,新增就业,区人社局,2019年底\n", "不在计划年度内"),
])
def test_bad_breakdowns_name_the_row_and_the_problem(content, message):
    with pytest.raises(DubanError) as info:
        parse(content.encode("utf-8"), "bad.csv", 2024)
    assert message in str(info.value) and "bad.csv" in str(info.value)


def test_a_red_task_that_catches_up_shows_it_was_red(ledger):
    db, _plan = ledger
    app = make_app(db)
    st = app.state.settings.supervision
    fgj = _client(app, "fgj")
    task = fgj.get("/api/supervise/tasks").json()["tasks"]
    hydrogen = next(t for t in task if t["number"] == "2")
    detail = fgj.get(f"/api/supervise/tasks/{hydrogen['id']}").json()
    car = detail["indicators"][0]["id"]

    def report(day, end, value):
        st.fixed_today = day
        r = fgj.post(f"/api/supervise/tasks/{hydrogen['id']}/reports", headers={"X-CSRF-Token": fgj.csrf},
                     data={"period_end": end, "text": "推进中", "claim": "on_track", f"fig_{car}": str(value)})
        assert r.status_code == 201, r.text
        return r.json()["task"]

    assert report(date(2024, 7, 3), "2024-06-30", 45)["light"] == "on_track"
    red = report(date(2024, 12, 3), "2024-11-30", 45)
    assert (red["light"], red["color"]) == ("behind", "red")
    caught = report(date(2024, 12, 4), "2024-11-30", 95)
    assert caught["color"] == "green" and caught["ever_red"]
    history = fgj.get(f"/api/supervise/tasks/{hydrogen['id']}").json()["lights"]
    assert [x["color"] for x in history][:3] == ["green", "red", "green"]


def test_notice_docx_reply_and_email(ledger, tmp_path):
    from aiosmtpd.controller import Controller

    from duban.store.models_supervision import UnitRow

    db, _plan = ledger
    app = make_app(db)
    st = app.state.settings.supervision
    st.fixed_today = date(2024, 7, 8)
    du, zjj = _client(app, "du"), _client(app, "zjj")
    gas = next(t for t in zjj.get("/api/supervise/tasks").json()["tasks"] if t["number"] == "5")
    r = du.post(f"/api/supervise/tasks/{gas['id']}/notices", headers={"X-CSRF-Token": du.csrf},
                data={"kind": "supervise", "reply_due": "2024-07-15"})
    assert r.status_code == 201, r.text
    notice = r.json()["notice"]
    assert notice["number"].startswith("督办〔2024〕") and notice["unit"] == "区住建局"
    docx = Document(io.BytesIO(du.get(f"/api/supervise/notices/{notice['id']}/docx").content))
    section = docx.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    cells = [c.text for row in docx.tables[0].rows for c in row.cells]
    assert "区住建局" in cells and "请于2024年7月15日前反馈" in cells and notice["number"] in docx.paragraphs[1].text
    no_evidence = zjj.post(f"/api/supervise/notices/{notice['id']}/replies", headers={"X-CSRF-Token": zjj.csrf},
                           data={"text": "正在整改"})
    assert no_evidence.status_code == 400 and "佐证" in no_evidence.json()["error"]["message"]
    r = zjj.post(f"/api/supervise/notices/{notice['id']}/replies", headers={"X-CSRF-Token": zjj.csrf},
                 data={"text": "已加快施工", "period_end": "2024-06-30", "progress": "更新改造城市燃气老旧管网1.6公里"},
                 files={"files": ("照片.png", io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"0" * 64), "image/png")})
    assert r.status_code == 201, r.text
    assert zjj.get(f"/api/supervise/notices/{notice['id']}").json()["notice"]["status"] == "closed"
    fake = zjj.post(f"/api/supervise/tasks/{gas['id']}/reports", headers={"X-CSRF-Token": zjj.csrf},
                    data={"period_end": "2024-06-30", "text": "x", "claim": "on_track"},
                    files={"files": ("报告.pdf", io.BytesIO(b"MZ\x90\x00not a pdf"), "application/pdf")})
    assert fake.status_code == 400 and "不符" in fake.json()["error"]["message"]

    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    import socket

    with socket.socket() as probe:  # a free port (aiosmtpd checks its own port once started, so not 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with db.session() as s:
            s.scalar(select(UnitRow).where(UnitRow.name == "区发改局")).email = "fgj@example.org"
        st.smtp.host, st.smtp.port = "127.0.0.1", port
        r = du.post("/api/supervise/refresh", headers={"X-CSRF-Token": du.csrf}, data={"as_of": "2024-10-04"})
        assert r.status_code == 200 and r.json()["emailed"] >= 1, r.json()
    finally:
        controller.stop()
        st.smtp.host = None
    assert received and received[0].rcpt_tos == ["fgj@example.org"]
    assert "1-9月" in received[0].content.decode("utf-8", "replace") or received[0].content


def test_yearend_table_in_seed_001_format(ledger):
    from openpyxl import load_workbook

    from duban.link import completion
    from duban.read import read_bytes
    from duban.segment import segment

    db, plan = ledger
    app = make_app(db)
    app.state.settings.supervision.fixed_today = date(2024, 12, 4)
    fgj = _client(app, "fgj")  # the latest report on the hydrogen task (the tests may run on other workers)
    hydrogen = next(t for t in fgj.get("/api/supervise/tasks").json()["tasks"] if t["number"] == "2")
    car = fgj.get(f"/api/supervise/tasks/{hydrogen['id']}").json()["indicators"][0]["id"]
    assert fgj.post(f"/api/supervise/tasks/{hydrogen['id']}/reports", headers={"X-CSRF-Token": fgj.csrf},
                    data={"period_end": "2024-11-30", "text": "推进中", "claim": "on_track", f"fig_{car}": "95"},
                    ).status_code == 201
    du = _client(app, "du")
    r = du.post("/api/supervise/yearend", headers={"X-CSRF-Token": du.csrf}, data={"plan": plan})
    table = r.json()["table_id"]
    rows = du.get(f"/api/supervise/yearend/{table}").json()["rows"]
    assert len(rows) == 12 and "氢能车95辆" in next(x["compiled"] for x in rows if x["number"] == "2")
    for x in rows:
        final = "全年新增氢能车113辆。" if x["number"] == "2" else ""
        assert du.post(f"/api/supervise/yearend/{table}/rows/{x['id']}", headers={"X-CSRF-Token": du.csrf},
                       data={"final": final}).status_code == 200
    assert du.post(f"/api/supervise/yearend/{table}/finalize", headers={"X-CSRF-Token": du.csrf}).status_code == 200
    ws = load_workbook(io.BytesIO(du.get(f"/api/supervise/yearend/{table}/export/xlsx").content)).active
    assert [c.value for c in ws[1]] == ["编号", "目标任务", "完成情况"] and ws["A2"].value == 1
    doc = Document(io.BytesIO(du.get(f"/api/supervise/yearend/{table}/export/docx").content))
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["编号", "目标任务", "完成情况"]
    assert any("氢能车113辆" in c.text for c in doc.tables[0].columns[2].cells)
    text = du.get(f"/api/supervise/yearend/{table}/export/txt").content
    parsed = completion.parse(segment(read_bytes(text, name="yearend.txt")))
    assert len(parsed.statements) == 12 and parsed.restates_targets  # duban reads it as it reads seed 001
    assessed = du.get(f"/api/supervise/yearend/{table}/export/docx?layout=assessed")
    assert assessed.status_code == 200 and "评估结论" in [c.text for c in Document(io.BytesIO(assessed.content))
                                                           .tables[0].rows[0].cells]
