"""The command line, in-process (typer's runner) and as a real process for the error contract."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile

import pytest
from typer.testing import CliRunner

from corpus import COMPLETION_2024, PLAN_2022, PLAN_2024
from duban.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_extract_text_listing():
    result = run("extract", PLAN_2022)
    assert result.exit_code == 0
    assert "宁波市镇海区人民政府2022年工作计划" in result.stdout
    assert "地区生产总值增长8%以上" in result.stdout and "地区生产总值  不低于8%  (增速)  [gdp]" in result.stdout


def test_extract_json_has_the_design_shape():
    result = run("extract", PLAN_2024, "--json")
    payload = json.loads(result.stdout)
    assert payload["document"]["kind"] == "work_plan" and payload["document"]["year"] == 2024
    text = PLAN_2024.read_text(encoding="utf-8")
    for target in payload["targets"]:
        s, e = target["span"]
        assert text[s:e] == target["text"]


def test_extract_csv_one_row_per_indicator(tmp_path):
    out = tmp_path / "targets.csv"
    result = run("extract", PLAN_2022, "--csv", out)
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    gdp = [r for r in rows if r["metric"] == "地区生产总值"]
    assert gdp and gdp[0]["op"] == ">=" and gdp[0]["value"] == "8.0" and gdp[0]["basis"] == "growth_rate"
    quantified = {r["target_id"] for r in rows if r["metric"]}
    assert len([r for r in rows if r["target_id"] in quantified]) >= len(quantified)


def test_assess_prints_a_ledger_and_writes_exports(tmp_path):
    result = run("assess", "--plan", PLAN_2024, "--completion", COMPLETION_2024, "--xlsx", tmp_path / "a.xlsx",
                 "--md", tmp_path / "a.md")
    assert result.exit_code == 0
    assert "基本完成" in result.stdout and "汇总" in result.stdout and "未见报告的目标" in result.stdout
    assert "按目标计（每个计划目标计一次" in result.stdout and "按条目计（本表共 90 行）" in result.stdout
    assert zipfile.is_zipfile(tmp_path / "a.xlsx")
    assert (tmp_path / "a.md").read_text(encoding="utf-8").count("\n| ") >= 90


def test_assess_json():
    payload = json.loads(run("assess", "-p", PLAN_2024, "-c", COMPLETION_2024, "--json").stdout)
    assert len(payload["items"]) == 90 and payload["items"][0]["status"] == "not_met"


def test_eval_extract_reports_per_field_scores():
    result = run("eval", "extract", "--json")
    scores = json.loads(result.stdout)
    dev = scores["dev"]
    assert dev["targets"]["f1"] >= 0.93
    for field in ("span", "op", "value", "unit"):
        assert dev["indicators"][field]["f1"] >= 0.97, field
    assert dev["indicators"]["basis"]["f1"] >= 0.95 and dev["indicators"]["metric"]["f1"] >= 0.95
    held = scores["held_out"]  # national reports never tuned on: 0.75 target F1 when this floor was set
    assert held["targets"]["f1"] >= 0.72 and held["indicators"]["value"]["f1"] >= 0.93


def test_eval_assess_reports_accuracy_links_and_flags():
    result = run("eval", "assess", "--json")
    scores = json.loads(result.stdout)
    restated = scores["zhenhai_2024 (目标任务 restated)"]
    assert restated["status_accuracy"] >= 0.72 and restated["link"]["top1"] >= 0.98
    removed = scores["zhenhai_2024 (目标任务 column removed)"]
    assert removed["link"]["top1"] >= 0.8 and removed["link"]["top3"] >= 0.85
    assert scores["national"]["status_accuracy"] >= 0.7
    assert scores["national_heldout (held-out, never tuned on)"]["status_accuracy"] >= 0.7
    assert restated["flags"]["estimate"]["recall"] == 1.0
    # floors under the development numbers of this round (docs/evaluation.md): headline answered 0.66, miss
    # recall 0.40 and precision 1.00 on the national pairs; task figures 0.80 on the restated table
    more = scores["national_more"]["by_tier"]["headline"]
    assert more["answered"] >= 0.63 and more["miss_recall"] >= 0.4 and more["miss_precision"] == 1.0
    assert restated["by_tier"]["task"]["figure_accuracy"] >= 0.79
    # the provincial/city development pairs (8 reconstructed 2019–2023 pairs): headline answered 0.99, miss recall
    # 1.00 (33), precision 1.00, lenient 0.98; tasks lenient 0.92 when this floor was set
    province = scores["provincial"]["by_tier"]
    assert province["headline"]["answered"] >= 0.95 and province["headline"]["miss_recall"] >= 0.9
    assert province["headline"]["miss_precision"] >= 0.95 and province["headline"]["lenient_accuracy"] >= 0.9
    assert province["task"]["lenient_accuracy"] >= 0.85
    held = scores["provincial_heldout (held-out, never tuned on)"]["by_tier"]  # 0.96 / 0.96 / 0.95 when set
    assert held["headline"]["miss_recall"] >= 0.85 and held["headline"]["lenient_accuracy"] >= 0.85
    # the development sets added on 2026-12-03 (provincial_more: task-heavy; provincial_dev3: headline-heavy):
    # headline lenient 1.00 / 0.99, task lenient 0.96 / 0.90 when these floors were set
    for name in ("provincial_more", "provincial_dev3"):
        tiers = scores[name]["by_tier"]
        assert tiers["headline"]["miss_recall"] >= 0.9 and tiers["headline"]["lenient_accuracy"] >= 0.9
        assert tiers["task"]["lenient_accuracy"] >= 0.8
    # the third round's development sets: provincial_dev4 (task tier; headline lenient 0.99, task 0.89 when set)
    # and provincial_long (full-length reports, headline only; answered 1.00, miss recall 1.00, lenient 0.98)
    dev4 = scores["provincial_dev4"]["by_tier"]
    assert dev4["headline"]["miss_recall"] >= 0.9 and dev4["headline"]["lenient_accuracy"] >= 0.9
    assert dev4["task"]["lenient_accuracy"] >= 0.8
    dev5 = scores["provincial_dev5"]["by_tier"]  # task tier: 0.65 on arrival, 0.76 when set
    assert dev5["headline"]["miss_recall"] >= 0.9 and dev5["headline"]["lenient_accuracy"] >= 0.9
    assert dev5["task"]["lenient_accuracy"] >= 0.7
    for name in ("provincial_long", "provincial_long2"):  # (long2: 0.98 / 0.95 / 0.96 on arrival, 1.00 when set)
        long = scores[name]["by_tier"]["headline"]
        assert long["answered"] >= 0.95 and long["miss_recall"] >= 0.9 and long["lenient_accuracy"] >= 0.9
    # the fourth round's sets: provincial_dev6 (task tier: 0.72 on arrival, 0.94 when set) and national_tasks2
    # (a second sample of national task targets: 0.61 on arrival, 0.63 when set)
    dev6 = scores["provincial_dev6"]["by_tier"]
    assert dev6["headline"]["miss_recall"] >= 0.9 and dev6["headline"]["lenient_accuracy"] >= 0.9
    assert dev6["task"]["lenient_accuracy"] >= 0.85 and dev6["task"]["miss_recall"] >= 0.85
    assert scores["national_tasks2"]["by_tier"]["task"]["lenient_accuracy"] >= 0.55
    held2 = scores["provincial_heldout2 (held-out, never tuned on)"]["by_tier"]  # 0.88 / 0.91 / 0.83 when set
    assert held2["headline"]["miss_recall"] >= 0.8 and held2["headline"]["lenient_accuracy"] >= 0.85
    assert held2["task"]["lenient_accuracy"] >= 0.65


# ---- bad input: one line naming the file and the problem, exit code 2, no traceback ---------------

def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (tmp_path / "slides.pptx").write_bytes(b"whatever")
    (tmp_path / "mixed.txt").write_bytes("地区生产总值增长".encode() + b"\xff\xfe\xfa" * 50 + "目标".encode("gbk"))
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.write("地区生产总值增长8%。\n".encode())
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "fake.docx").write_bytes(b"this is not a zip")
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(tmp_path / "scan.pdf"))
    c.rect(10, 10, 100, 100)
    c.showPage()
    c.save()
    return {
        "empty.txt": "empty",
        "image.txt": "binary",
        "slides.pptx": "unsupported file type",
        "mixed.txt": "cannot decode",
        "huge.txt": "larger than",
        "fake.docx": "not a valid .docx",
        "scan.pdf": "no text layer",
        "missing.txt": "no such file",
    }


@pytest.mark.parametrize("name", ["empty.txt", "image.txt", "slides.pptx", "mixed.txt", "huge.txt", "fake.docx",
                                  "scan.pdf", "missing.txt"])
def test_bad_input_gets_one_clear_line(tmp_path, name):
    expected = _bad_inputs(tmp_path)[name]
    path = tmp_path / name
    proc = subprocess.run([sys.executable, "-m", "duban.cli", "extract", str(path)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(f"duban: error: {path}: ") and expected in lines[0]
    assert "Traceback" not in proc.stderr and proc.stdout == ""


def test_assess_bad_pair_is_one_line(tmp_path):
    notice = tmp_path / "notice.txt"
    notice.write_text("关于开展植树活动的通知\n请各单位做好准备。\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "duban.cli", "assess", "-p", str(PLAN_2024), "-c", str(notice)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"duban: error: {notice}: no numbered rows or result statements found (expected a "
                                   "table such as 编号 | 目标任务 | 完成情况, or a report reviewing the year)")


def test_version():
    assert run("--version").stdout.startswith("duban ")


def test_ledger_commands(tmp_path):
    from openpyxl import load_workbook

    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    result = run("ingest", PLAN_2024, COMPLETION_2024, "--db", db, "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "2 个文件：新增 2" in result.stdout and "新增评估 1 次" in result.stdout
    again = run("ingest", PLAN_2024, COMPLETION_2024, "--db", db, "--json")
    summary = json.loads(again.stdout)
    assert summary["added"] == 0 and summary["unchanged"] == 2 and summary["runs_existing"] == 1
    listing = run("documents", "--db", db).stdout
    assert "完成情况报告" in listing and "工作计划" in listing and "work_plan" not in listing
    assert run("export", tmp_path / "ledger.xlsx", "--db", db).exit_code == 0
    assert load_workbook(tmp_path / "ledger.xlsx")["目标台账"].max_row > 400
    assert run("export", tmp_path / "plan.json", "--document", PLAN_2024, "--db", db).exit_code == 0
    plan_rows = json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["targets"]
    assert plan_rows and all(r["document_id"] == plan_rows[0]["document_id"] for r in plan_rows)
    assert run("export", tmp_path / "table.docx", "--document", COMPLETION_2024, "--db", db).exit_code == 0
    assert zipfile.is_zipfile(tmp_path / "table.docx")
    assert run("user", "add", "alice", "--password", "long-enough-pw", "--db", db).exit_code == 0
    assert "alice" in run("user", "list", "--db", db).stdout


def test_ledger_command_errors(tmp_path):
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    proc = subprocess.run([sys.executable, "-m", "duban", "ingest", str(tmp_path / "nope"), "--db", db],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and proc.stderr.strip() == f"duban: error: {tmp_path / 'nope'}: no such file or folder"
    proc = subprocess.run([sys.executable, "-m", "duban", "export", str(tmp_path / "x.pdf"), "--db", db],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "unknown format 'pdf'" in proc.stderr and "Traceback" not in proc.stderr


def _serve_and_get(args: list[str], path: str) -> tuple[int, dict]:
    """Run ``duban serve`` as a real process on a free port, GET ``path`` once it answers, stop it."""
    import socket
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "duban", "serve", "--port", str(port), *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}{path}", timeout=5)
                return response.status_code, response.json()
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(f"duban serve did not answer: {proc.communicate()}") from None
                time.sleep(0.2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_with_several_processes(tmp_path):
    """--workers N: every process opens the same ledger with the settings the command was given."""
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    assert run("ingest", PLAN_2024, COMPLETION_2024, "--db", db, "--jobs", "1").exit_code == 0
    status, body = _serve_and_get(["--db", db, "--workers", "2", "--public"], "/api/dashboard")
    assert status == 200 and sum(body["totals"].values()) > 400 and body["runs"] == 1
    status, body = _serve_and_get(["--db", db, "--workers", "2", "--private"], "/api/dashboard")
    assert status == 401 and body["error"]["code"] == "unauthorized"


def test_worker_listener_lets_asyncio_disable_nagle():
    """The socket --workers N shares is made as TCP, so accepted connections get TCP_NODELAY (uvicorn#3149)."""
    import asyncio
    import socket

    from duban.cli.ledger import _tcp_listener
    from duban.errors import DubanError

    listener = _tcp_listener("127.0.0.1", 0)
    port = listener.getsockname()[1]
    try:
        assert listener.proto == socket.IPPROTO_TCP

        async def accepted_nodelay() -> int:
            seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

            def on_connect(reader, writer):
                sock = writer.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                writer.close()

            server = await asyncio.start_server(on_connect, sock=listener)
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            value = await asyncio.wait_for(seen, 10)
            writer.close()
            server.close()
            return value

        listener.listen()
        busy = f"端口 {port} 已被占用（127.0.0.1:{port}），换一个端口：duban serve --port"
        with pytest.raises(DubanError, match=busy):
            _tcp_listener("127.0.0.1", port)
        assert asyncio.run(accepted_nodelay()) != 0
    finally:
        listener.close()


def test_eval_formats_scores_each_rendering_like_the_text():
    result = run("eval", "formats", "--json")
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    by = {(s["document"], s["format"]): s for s in scores}
    assert {f for _, f in by} >= {"txt", "wrapped.txt", "docx", "doc", "pdf", "html"}
    for (doc, fmt), s in by.items():
        txt = by[(doc, "txt")]
        assert s["located"] == s["gold_targets"], (doc, fmt)
        if fmt == "wrapped.txt":  # hard-wrapped text loses a little (paragraphs ending on a full line)
            if not s["held_out"]:
                assert s["target_precision"] >= txt["target_precision"] - 0.02, doc
                assert s["figure_recall"] >= txt["figure_recall"] - 0.02, doc
            continue
        assert s["target_precision"] == txt["target_precision"], (doc, fmt)  # the readers lose nothing
        assert s["figure_recall"] == txt["figure_recall"], (doc, fmt)
    assert by[("000_7912c8cfdbfe249d", "pdf")]["target_precision"] >= 0.9
    assert by[("000_7912c8cfdbfe249d", "pdf")]["figure_recall"] >= 0.95


def test_help_is_chinese_without_type_noise():
    for args in ([], ["export"], ["extract"], ["serve"], ["demo"], ["documents"], ["user", "add"]):
        result = runner.invoke(app, [*args, "--help"], env={"COLUMNS": "160"})
        assert result.exit_code == 0, args
        text = result.stdout
        assert "<bool>" not in text and "<str>" not in text and "<int>" not in text, (args, text)
        assert "显示本帮助并退出" in text and "选项" in text, args
    top = runner.invoke(app, ["--help"], env={"COLUMNS": "160"}).stdout
    for line in ("抽取每个目标", "逐项评估每个目标", "启动网页版", "列出台账中的文件", "列出台账中的评估批次"):
        assert line in top
    assert "--port" in runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "160"}).stdout  # names stay English


def test_read_only_commands_never_create_a_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["documents"], ["runs"], ["export", "x.csv"], ["user", "list"]):
        proc = subprocess.run([sys.executable, "-m", "duban", *args], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 2, args
        assert proc.stderr.strip().startswith("duban: error: 没有台账 duban.sqlite"), proc.stderr
        assert "Traceback" not in proc.stderr
    assert list(tmp_path.iterdir()) == []  # no ./duban.sqlite (nor x.csv) was made
    (tmp_path / "duban-demo").mkdir()
    (tmp_path / "duban-demo" / "ledger.sqlite").write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "duban", "documents"], capture_output=True, text=True, timeout=60)
    assert "演示台账在 duban-demo/ledger.sqlite：加 --db duban-demo/ledger.sqlite" in proc.stderr


def test_runs_named_by_their_documents(tmp_path):
    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    assert run("ingest", PLAN_2024, COMPLETION_2024, "--db", db, "--jobs", "1").exit_code == 0
    listing = runner.invoke(app, ["documents", "--db", db])
    assert "数据库：sqlite:///" in listing.stderr  # says which ledger it read
    runs = run("runs", "--db", db).stdout
    assert runs.startswith("#1 ") and "计划《" in runs and "按目标计" in runs
    by_files = runner.invoke(app, ["export", str(tmp_path / "a.md"), "--db", db, "--plan", str(PLAN_2024),
                                   "--completion", str(COMPLETION_2024)])
    assert by_files.exit_code == 0 and "评估批次 #1：计划《" in by_files.stderr
    by_number = runner.invoke(app, ["export", str(tmp_path / "b.md"), "--db", db, "--run", "1"])
    assert by_number.exit_code == 0
    assert (tmp_path / "a.md").read_text(encoding="utf-8") == (tmp_path / "b.md").read_text(encoding="utf-8")
    missing = subprocess.run([sys.executable, "-m", "duban", "export", str(tmp_path / "c.md"), "--db", db, "--run",
                              "7"], capture_output=True, text=True, timeout=60)
    assert missing.returncode == 2 and "这个台账里没有评估批次 7" in missing.stderr


def test_busy_port_is_one_line_with_the_fix(tmp_path):
    import socket

    db = f"sqlite:///{tmp_path / 'l.sqlite'}"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        for command in ("serve", "demo"):
            proc = subprocess.run([sys.executable, "-m", "duban", command, "--db", db, "--port", str(port)],
                                  capture_output=True, text=True, timeout=60)
            lines = proc.stderr.strip().splitlines()
            assert proc.returncode == 2 and len(lines) == 1, proc.stderr
            assert lines[0].startswith(f"duban: error: 端口 {port} 已被占用") and f"duban {command} --port " in lines[0]
            assert "正在提供" not in proc.stdout  # nothing claims to serve
    assert not (tmp_path / "l.sqlite").exists()  # the port is checked before the ledger is touched


def test_extract_does_not_load_the_database_or_web_stack():
    """`duban extract` imports only what it needs: no SQLAlchemy, FastAPI or linking stack (issue 11 item 1)."""
    code = ("import sys; from duban.cli import main; sys.argv = ['duban', 'extract', sys.argv[1], '--json']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('sqlalchemy', 'fastapi', 'bm25s') if m in sys.modules), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, str(PLAN_2022)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
    assert '"targets"' in done.stdout
