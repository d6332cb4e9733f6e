"""Supervision in the ledger: migration 0008 makes existing users admins (SQLite and PostgreSQL), the command
line (accounts with roles and units, importing a 分解方案, the daily refresh, warnings), unit names folded into
one unit, and attachments judged on their bytes."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, select, text
from typer.testing import CliRunner

from duban.cli import app
from duban.errors import DubanError
from duban.store import Database
from duban.supervise.attachments import Upload, check_upload
from duban.supervise.units import normalise, split_units

runner = CliRunner()
SAMPLES = __import__("pathlib").Path(__file__).resolve().parent.parent / "src" / "duban" / "samples"
FIXTURES = __import__("pathlib").Path(__file__).resolve().parent / "fixtures" / "supervise"


def test_existing_users_become_admins(db_url):
    from alembic import command
    from alembic.config import Config

    from duban.store.db import MIGRATIONS, database_url
    from duban.store.models import UserRow

    engine = create_engine(database_url(db_url))
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0007")
        conn.execute(text("INSERT INTO users (username, password_hash, active, created_at) "
                          "VALUES ('old', 'x', true, CURRENT_TIMESTAMP)"))
    engine.dispose()
    db = Database(db_url)
    with db.session() as s:
        assert s.scalar(select(UserRow.role).where(UserRow.username == "old")) == "admin"
    db.dispose()


@pytest.mark.parametrize(("spelling", "name"), [
    ("宁波市镇海区住房和城乡建设局", "区住建局"), ("镇海区发展和改革局", "区发改局"),
    ("区人力资源和社会保障局", "区人社局"),
    ("九龙湖镇人民政府", "九龙湖镇"), ("庄市街道办事处", "庄市街道"), ("区发改局（牵头）", "区发改局"),
    ("各镇（街道）", "各镇（街道）"), ("镇海炼化", "镇海炼化"), ("区 财政局", "区财政局"),
])
def test_unit_names_fold(spelling, name):
    assert normalise(spelling) == name


def test_a_cell_of_units_and_its_lead():
    assert split_units("区财政局、区发改局（牵头）/各镇（街道）等") == [
        ("区财政局", False), ("区发改局", True), ("各镇（街道）", False)]


@pytest.mark.parametrize(("name", "data", "ok"), [
    ("a.pdf", b"%PDF-1.7 ...", True), ("a.pdf", b"MZ\x90\x00", False), ("a.png", b"\x89PNG\r\n\x1a\n..", True),
    ("a.exe", b"MZ", False), ("a.txt", "进展".encode(), True), ("a.txt", b"a\x00b", False), ("a.docx", b"%PDF", False),
    ("../../etc/passwd.txt", b"x", True), ("a.pdf", b"", False),
])
def test_attachments_are_judged_on_their_bytes(name, data, ok):
    if ok:
        upload, content_type = check_upload(Upload(name, data), 1024)
        assert "/" not in upload.filename and content_type
    else:
        with pytest.raises(DubanError):
            check_upload(Upload(name, data), 1024)
    with pytest.raises(DubanError, match="超过上限"):
        check_upload(Upload("big.pdf", b"%PDF" + b"0" * 2000), 1024)


def test_the_command_line(tmp_path, monkeypatch):
    db = str(tmp_path / "ledger.sqlite")
    plan = str(SAMPLES / "004_895883010a6915ba.txt")
    assert runner.invoke(app, ["ingest", plan, "--db", db, "-j", "1"]).exit_code == 0
    monkeypatch.setenv("DUBAN_TODAY", "2024-06-20")
    r = runner.invoke(app, ["supervise", "import-plan", str(FIXTURES / "分解方案.xlsx"), "--db", db])
    assert r.exit_code == 0 and "新增 12" in r.output, r.output
    r = runner.invoke(app, ["supervise", "import-plan", str(FIXTURES / "分解方案.xlsx"), "--db", db])
    assert "已导入过" in r.output
    r = runner.invoke(app, ["user", "add", "fgj", "--db", db, "--password", "secret123", "--role", "unit",
                            "--unit", "镇海区发展和改革局"])
    assert r.exit_code == 0, r.output
    r = runner.invoke(app, ["user", "add", "xyz", "--db", db, "--password", "secret123", "--role", "unit",
                            "--unit", "区不存在局"], catch_exceptions=True)
    assert r.exit_code != 0 and isinstance(r.exception, DubanError) and "区不存在局" in str(r.exception)
    r = runner.invoke(app, ["supervise", "refresh", "--db", db, "--as-of", "2024-07-08", "--json"])
    result = json.loads(r.stdout)
    assert result["tasks"] == 12 and result["by_color"]["yellow"] >= 1
    r = runner.invoke(app, ["supervise", "refresh", "--db", db, "--as-of", "2024-07-08", "--json"])
    assert json.loads(r.stdout)["lights_changed"] == 0  # twice on a day changes nothing
    r = runner.invoke(app, ["supervise", "warnings", "--db", db])
    assert "区发改局" in r.output
    r = runner.invoke(app, ["user", "role", "fgj", "--role", "supervisor", "--db", db])
    assert r.exit_code == 0 and "supervisor" in r.output
