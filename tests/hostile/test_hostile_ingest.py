"""`duban ingest` of a folder holding good reports and hostile files, on SQLite and PostgreSQL: every good
file is stored and assessed, every bad one is reported on one line, the exit code says some failed, and no
database ever receives a control character."""

from __future__ import annotations

import shutil

from sqlalchemy import select

from corpus import COMPLETION_2024, PLAN_2024
from duban.store import Database
from duban.store.models import DocumentRow, RunRow, TargetRow
from hostile_inputs import REPORT, deep_html, duban, laughs_docx, many_members_docx, nul_text


def test_ingest_stores_every_good_file_and_reports_every_bad_one(tmp_path, db_url):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(PLAN_2024, folder / "plan_2024.txt")
    shutil.copy(COMPLETION_2024, folder / "completion_2024.txt")
    controls = "某县2025年政府工作报告\n" + REPORT.replace("地区", "地\x01区") + "\x1b\n"
    (folder / "controls.txt").write_text(controls, encoding="utf-8")
    bad = {"nul.txt": nul_text(9000), "laughs.docx": laughs_docx(), "many.docx": many_members_docx(20_001),
           "deep.html": deep_html().encode()}
    for name, data in bad.items():
        (folder / name).write_bytes(data)

    run = duban("ingest", str(folder), "--db", db_url, "--jobs", "1", timeout=300)
    assert run.code == 1, run.err[-3000:]
    assert "Traceback" not in run.err and "DataError" not in run.err
    for name in bad:  # one line each, naming the file
        assert len([line for line in run.err.splitlines() if f"/{name}: " in line]) == 1, (name, run.err)
    assert run.max_rss_mb < 800 and run.seconds < 240

    db = Database(db_url)
    with db.session() as s:
        docs = {d.path.rsplit("/", 1)[-1]: d for d in s.scalars(select(DocumentRow))}
        assert set(docs) == {"plan_2024.txt", "completion_2024.txt", "controls.txt"}
        stored = docs["controls.txt"].text
        assert len(stored) == len(controls) and "\x01" not in stored and "\x1b" not in stored
        assert stored.count("\ufffd") == 2
        assert s.scalar(select(RunRow.id)) is not None  # the pair was assessed
        assert all("\ufffd" not in t.text or "地\ufffd区" in t.text for t in s.scalars(select(TargetRow)))
    db.dispose()
